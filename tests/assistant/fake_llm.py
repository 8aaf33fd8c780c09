"""A small fake OpenAI-compatible server on loopback for the LLM path of the answer chain.

``POST /v1/chat/completions`` answers with the canned text of the current mode ("ok", or
"slow": sleep past the client's timeout first), as one JSON completion or, when the request
asks for ``stream``, as server-sent events. Every request body is recorded. ``condensed``,
when set, is the reply to a condense request (the follow-up rewrite prompt) instead.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

CANNED = (
    "Udvalget godkendte indstillingen om, at Frederikshavnerordningen afskaffes, "
    "når sidste aktive ansættelse er afsluttet [1]. Det fremgår også af et andet referat [7]."
)


class FakeLLM:
    def __init__(self) -> None:
        self.mode = "ok"
        self.sleep_s = 1.5
        self.text = CANNED
        self.requests: list[dict[str, Any]] = []
        self.condensed: str | None = None
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                fake.requests.append(body)
                if not self.path.endswith("/chat/completions"):
                    self.send_error(404)
                    return
                if fake.mode == "slow":
                    time.sleep(fake.sleep_s)
                if body.get("stream"):
                    self._stream(body)
                else:
                    self._json(body)

            def _json(self, body: dict[str, Any]) -> None:
                out = {
                    "id": "chatcmpl-fake",
                    "object": "chat.completion",
                    "created": int(time.time()),
                    "model": body.get("model", "fake"),
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": fake.reply(body)},
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
                }
                data = json.dumps(out).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, body: dict[str, Any]) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                words = fake.reply(body).split(" ")
                for i, w in enumerate(words):
                    piece = w if i == 0 else " " + w
                    chunk = {
                        "id": "chatcmpl-fake",
                        "object": "chat.completion.chunk",
                        "created": int(time.time()),
                        "model": body.get("model", "fake"),
                        "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}],
                    }
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                end = {
                    "id": "chatcmpl-fake",
                    "object": "chat.completion.chunk",
                    "created": int(time.time()),
                    "model": body.get("model", "fake"),
                    "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                }
                self.wfile.write(f"data: {json.dumps(end)}\n\n".encode())
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # the client hung up on a slow answer: expected in the timeout test

        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def reply(self, body: dict[str, Any]) -> str:
        prompt = " ".join(str(m.get("content", "")) for m in body.get("messages", []))
        if self.condensed is not None and "Opfølgningsspørgsmål:" in prompt:
            return self.condensed
        return self.text

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> FakeLLM:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
