"""Chroma server mode under load: one ``chroma run`` server, an ingest worker writing to it and
20 concurrent searches against it, all on loopback.

    .venv/bin/python bench/server_load.py                          # 5 Greve meetings, 20 searchers
    .venv/bin/python bench/server_load.py --meetings 10 --threads 20 --seconds 180

1. Starts ``.venv/bin/chroma run --path TMP --host 127.0.0.1 --port P`` on a free loopback port
   and waits for its heartbeat.
2. Ingests the Frederikshavn minutes through it (``REFERAT_CHROMA_URL``), so searches find
   something from the start.
3. Starts an ingest worker (``referat --chroma-url URL ingest`` in its own process, as a real
   worker would run) on ``--meetings`` Greve meetings, and at the same time ``--threads``
   search threads in this process, which stand for a chat frontend: half call
   ``Store.dense_search`` (the Chroma server alone, query vectors computed beforehand), half
   ``HybridRetriever.retrieve`` (query embedding, dense search, BM25, registry lookups; the
   BM25 index follows the store, so it is reloaded as meetings arrive). Each thread searches
   until the worker ends, ``--seconds`` pass, or it has done ``--per-thread`` searches.
4. Prints errors and p50/p95 for each kind while the ingest ran, checks that the ingested
   meetings are all visible afterwards, and stops the server (always, also on errors).

Out of scope: several servers (a Chroma cluster), TLS, authentication.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.answer import pct, pick_questions  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(path: Path, port: int, log: Path) -> subprocess.Popen:
    import urllib.request

    proc = subprocess.Popen(
        [
            str(REPO / ".venv" / "bin" / "chroma"),
            "run",
            "--path",
            str(path),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.time() + 90
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"chroma run exited with {proc.returncode}; see {log}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2):
                return proc
        except OSError:
            time.sleep(0.5)
    proc.terminate()
    raise RuntimeError(f"chroma run did not answer on port {port} within 90 s; see {log}")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--meetings", type=int, default=5, help="Greve meetings the worker ingests (default 5)")
    ap.add_argument("--threads", type=int, default=20, help="concurrent search threads (default 20)")
    ap.add_argument("--seconds", type=float, default=300, help="stop searching after this long (default 300)")
    ap.add_argument("--per-thread", type=int, default=200, help="at most this many searches a thread (default 200)")
    args = ap.parse_args(argv)

    from core.settings import Settings
    from vectorstore.embedding import load_embedder, model_folder
    from vectorstore.pipeline import ingest_paths
    from vectorstore.retrieval import open_retriever
    from vectorstore.store import Store

    work = Path(tempfile.mkdtemp(prefix="referat-bench-server-"))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores; load average at start {load()}")
    server = start_server(work / "chroma", port, work / "chroma.log")
    try:
        print(f"chroma run on {url} (pid {server.pid}, data {work / 'chroma'})")
        env_settings = Settings.from_env()
        # the converted model stays where it is: a fresh home would convert it again
        settings = env_settings.replace(chroma_url=url, home=work / "home", model_dir=model_folder(env_settings))
        emb = load_embedder(settings)
        store = Store.open(settings, emb)
        r0 = ingest_paths([CORPUS / "frederikshavn"], store)
        print(f"first meeting through the server: {r0.chunks} chunks in {r0.seconds:.1f} s")
        retriever = open_retriever(settings, store=store, embedder=emb)
        questions = pick_questions(40)
        qvecs = emb.embed_queries(questions)
        retriever.retrieve(questions[0])  # BM25 index and model warm

        files = sorted((CORPUS / "greve").glob("*.json"))[: args.meetings]
        env = dict(os.environ, REFERAT_CHROMA_URL=url, REFERAT_HOME=str(work / "worker-home"), TQDM_DISABLE="1")
        env["REFERAT_MODEL_DIR"] = str(settings.model_dir)
        t_start = time.perf_counter()
        worker = subprocess.Popen(
            [str(REPO / ".venv" / "bin" / "referat"), "ingest", "--json", *map(str, files)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=REPO,
        )
        lat: dict[str, list[float]] = {"dense_search": [], "retrieve": []}
        errors: list[str] = []
        lock = threading.Lock()

        def searcher(t: int) -> None:
            kind = "dense_search" if t % 2 == 0 else "retrieve"
            for i in range(args.per_thread):
                if worker.poll() is not None or time.perf_counter() - t_start > args.seconds:
                    return
                j = (t * 7 + i) % len(questions)
                t0 = time.perf_counter()
                try:
                    if kind == "dense_search":
                        store.dense_search(qvecs[j], 50)
                    else:
                        retriever.retrieve(questions[j], k=10)
                except Exception as exc:  # counted and shown: errors are the point of the test
                    with lock:
                        errors.append(f"{kind}: {type(exc).__name__}: {exc}"[:200])
                    continue
                with lock:
                    lat[kind].append((time.perf_counter() - t0) * 1000)

        threads = [threading.Thread(target=searcher, args=(t,), daemon=True) for t in range(args.threads)]
        for th in threads:
            th.start()
        for th in threads:
            th.join(timeout=args.seconds + 120)
        try:
            out, err = worker.communicate(timeout=max(10.0, args.seconds + 600 - (time.perf_counter() - t_start)))
        except subprocess.TimeoutExpired:
            worker.kill()
            out, err = worker.communicate()
        wall = time.perf_counter() - t_start
        if worker.returncode not in (0, 1) or not out.strip():
            print(f"ingest worker failed ({worker.returncode}): {err[-800:]}")
            report = {"meetings": 0, "chunks": 0}
        else:
            report = json.loads(out)
        print(
            f"ingest worker: {report['meetings']} meetings, {report['chunks']} chunks in {wall:.1f} s "
            f"({report['chunks'] / wall:.1f} chunks/s) while {args.threads} threads searched; load {load()}"
        )
        for kind, ms in lat.items():
            if ms:
                print(
                    f"{kind:<13} {len(ms):5d} searches  p50 {pct(ms, 50):7.1f} ms  p95 {pct(ms, 95):7.1f} ms  "
                    f"max {max(ms):7.1f} ms  ({len(ms) / wall:.1f}/s)"
                )
        print(f"errors: {len(errors)}" + "".join(f"\n  {e}" for e in errors[:10]))
        docs = store.documents()
        print(
            f"after: {len(docs)} documents, {store.chunk_count()} chunks visible through the server "
            f"(expected {1 + report['meetings']} documents)"
        )
        store.close()
    finally:
        stop(server)
        print(f"server stopped (exit {server.returncode})")
        shutil.rmtree(work, ignore_errors=True)
    print("rerun: .venv/bin/python bench/server_load.py " + " ".join(argv if argv is not None else sys.argv[1:]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
