"""Load on the web app: N concurrent gradio_client sessions, each asking Q questions through
the chat endpoint (``/chat``, streamed, as the browser does) or the JSON API (``/ask``).

    .venv/bin/python bench/load_ui.py                                # 20 sessions x 10 questions
    .venv/bin/python bench/load_ui.py --store /tmp/referat-full     # on an existing store
    .venv/bin/python bench/load_ui.py --url http://127.0.0.1:7860/  # against a running app
    .venv/bin/python bench/load_ui.py --endpoint ask --sessions 5 --questions 4

Without ``--url`` it starts the app itself in this process (``ui.app.start``) on a free
loopback port, over ``--store`` or a fresh temporary store that ingests the bundled examples
first, with the real embedding model (settings from ``REFERAT_*`` as for ``referat serve``);
the warm-up is not timed. CPU time (user + system, all threads of this process: the app and
the 20 clients) is printed beside wall time, since the machine may be shared. Each answer counts as
an error when the request fails or the reply is an error message; an answer must cite an item
or be a refusal. Prints the command, errors, latency p50/p95/max per question (from submit to
the final answer), throughput and the machine load.

Bounded: at most 50 sessions x 20 questions, a wall-clock limit (``--timeout``), loopback
URLs only (this is a load generator; it must never point at someone else's server).

Out of scope: answer quality (evals/), latency of the chain alone (bench/answer.py).
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

QUESTIONS = (
    "Hvad blev der besluttet om Frederikshavnerordningen?",
    "Hvor mange kommuner deltog i projektet Flere Indvandrerkvinder i Beskæftigelse?",
    "Hvem havde afbud til mødet i Arbejdsmarkedsudvalget?",
    "Hvad handlede sag EMN-2024-00966 om?",
    "Hvad er status på SammenUng?",
    "Hvad besluttede Sundheds- og Forebyggelsesudvalget om sundhedspolitikken?",
    "Hvilke nøgletal blev udvalget orienteret om i marts 2024?",
    "What was decided about the Frederikshavn scheme?",
    "Hvad kostede Frederikshavnerordningen i 2023?",
    "Hvad besluttede udvalget om byens nye skatepark?",  # not in the minutes: a refusal
)
MAX_SESSIONS, MAX_QUESTIONS = 50, 20
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def pct(values: list[float], p: float) -> float:
    v = sorted(values)
    if not v:
        return float("nan")
    return v[min(len(v) - 1, max(0, round(p / 100 * (len(v) - 1))))]


def ask_once(client, question: str, endpoint: str) -> str | None:
    """One question; returns an error description, or None when the answer is fine."""
    if endpoint == "ask":
        result = client.predict(question, api_name="/ask")
        if not (result.get("citations") or result.get("refused")):
            return f"{question!r}: neither citations nor a refusal"
        return None
    messages, _box, _sources = client.predict(question, [], "Alle", "Alle", "", "", api_name="/chat")
    reply = messages[-1]["content"][0]["text"] if messages else ""
    if messages[-1]["role"] != "assistant" or reply.startswith("⚠️"):
        return f"{question!r}: {reply[:200]}"
    if "[1]" not in reply and "ikke finde" not in reply and "not find" not in reply.lower():
        return f"{question!r}: neither citations nor a refusal: {reply[:120]}"
    return None


def session(url: str, index: int, n: int, endpoint: str, deadline: float, latencies: list, errors: list, lock) -> None:
    from gradio_client import Client

    try:
        client = Client(url, verbose=False)
    except Exception as exc:
        with lock:
            errors.append(f"session {index}: cannot connect: {exc}")
        return
    try:
        ask_all(client, index, n, endpoint, deadline, latencies, errors, lock)
    finally:
        client.close()


def ask_all(client, index: int, n: int, endpoint: str, deadline: float, latencies: list, errors: list, lock) -> None:
    for j in range(n):
        if time.monotonic() > deadline:
            with lock:
                errors.append(f"session {index}: out of time after {j} questions")
            return
        question = QUESTIONS[(index + j) % len(QUESTIONS)]
        t0 = time.perf_counter()
        try:
            problem = ask_once(client, question, endpoint)
        except Exception as exc:
            problem = f"{question!r}: {type(exc).__name__}: {exc}"
        dt = time.perf_counter() - t0
        with lock:
            latencies.append(dt)
            if problem:
                errors.append(f"session {index}: {problem}")


def start_app(store: Path | None):
    """The app in this process, over ``store`` or a fresh temporary one (which then ingests the
    examples); the model comes from the user's data folder as for ``referat serve``."""
    from core.settings import Settings
    from ui.app import build_app, free_port, start

    store = store or Path(tempfile.mkdtemp(prefix="referat-load-")) / "store"
    settings = Settings.from_env(port=free_port(), store=store)
    t0 = time.perf_counter()
    app = start(settings, build_app(settings))
    app.backend.bootstrap.wait()
    app.backend.warm_up()
    print(f"app ready on {app.url} in {time.perf_counter() - t0:.1f} s (store {settings.store})", flush=True)
    return app


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", help="a running app on loopback; default: start one here")
    ap.add_argument("--store", type=Path, help="store for the app started here (default: fresh, with the examples)")
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--questions", type=int, default=10, help="questions per session")
    ap.add_argument("--endpoint", choices=("chat", "ask"), default="chat")
    ap.add_argument("--timeout", type=float, default=900.0, help="wall-clock limit in seconds")
    args = ap.parse_args(argv)
    if not 1 <= args.sessions <= MAX_SESSIONS or not 1 <= args.questions <= MAX_QUESTIONS:
        ap.error(f"--sessions must be 1..{MAX_SESSIONS} and --questions 1..{MAX_QUESTIONS}")
    if args.url and urlparse(args.url).hostname not in LOOPBACK:
        ap.error(f"--url {args.url}: only loopback addresses (127.0.0.1, localhost) may be load-tested")

    print(
        "command:", shlex.join([".venv/bin/python", "bench/load_ui.py", *(argv if argv is not None else sys.argv[1:])])
    )
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, load {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    app = None if args.url else start_app(args.store)
    url = args.url or app.url
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + args.timeout
    t0, cpu0 = time.perf_counter(), time.process_time()
    threads = [
        threading.Thread(
            target=session,
            args=(url, i, args.questions, args.endpoint, deadline, latencies, errors, lock),
            daemon=True,
        )
        for i in range(args.sessions)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=max(0.0, deadline - time.monotonic()) + 5)
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    hung = sum(t.is_alive() for t in threads)
    if app is not None:
        app.close()

    expected = args.sessions * args.questions
    print(f"sessions x questions: {args.sessions} x {args.questions} via /{args.endpoint} = {expected} questions")
    print(f"answered: {len(latencies)} in {wall:.1f} s ({len(latencies) / wall:.2f} answers/s)")
    print(f"errors: {len(errors) + hung}" + (f" ({hung} sessions still running at the deadline)" if hung else ""))
    for e in errors[:20]:
        print("  ", e)
    if latencies:
        print(
            f"latency per question: p50 {pct(latencies, 50):.2f} s, p95 {pct(latencies, 95):.2f} s, "
            f"max {max(latencies):.2f} s"
        )
    if app is not None and latencies:
        print(
            f"CPU time of this process (app and clients): {cpu:.1f} s, {cpu / len(latencies) * 1000:.0f} ms per answer"
        )
    print(f"load after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 1 if errors or hung or len(latencies) < expected else 0


if __name__ == "__main__":
    raise SystemExit(main())
