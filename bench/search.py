"""Search latency on a store: warm ``HybridRetriever.retrieve`` p50/p95, where its time goes
(query embedding, dense search in Chroma, BM25, fetching the items), and the BM25 index's
cold costs (build from the store, load from disk).

    .venv/bin/python bench/search.py --store /tmp/referat-full
    .venv/bin/python bench/search.py --store DIR --repeat 3 --k 10

Queries: every answerable question of ``evals/suites/full.jsonl`` (topics, paraphrases,
English, case and item lookups, committee/month filters), asked ``--repeat`` times in one
process after one warm-up query (which loads the model and the BM25 index).

Out of scope: answering (bench/answer.py), ingest (bench/ingest.py), growth with store size
(bench/growth.py).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SUITE = REPO / "evals" / "suites" / "full.jsonl"


def pct(values: list[float], p: float) -> float:
    v = sorted(values)
    if not v:
        return float("nan")
    return v[min(len(v) - 1, max(0, round(p / 100 * (len(v) - 1))))]


def line(name: str, ms: list[float]) -> str:
    return f"{name:<28} n={len(ms):4d}  p50 {pct(ms, 50):8.1f} ms  p95 {pct(ms, 95):8.1f} ms  max {max(ms):8.1f} ms"


class Timed:
    """Wraps an object and adds the time spent in the named methods to ``spent[name]``."""

    def __init__(self, inner, spent: dict[str, float], names: tuple[str, ...]) -> None:
        self._inner, self._spent, self._names = inner, spent, names

    def __getattr__(self, name: str):
        attr = getattr(self._inner, name)
        if name not in self._names:
            return attr

        def timed(*a, **kw):
            t = time.perf_counter()
            try:
                return attr(*a, **kw)
            finally:
                self._spent[name] = self._spent.get(name, 0.0) + (time.perf_counter() - t) * 1000

        return timed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", required=True, help="an ingested embedded store folder")
    ap.add_argument("--suite", default=str(SUITE), help="questions (JSON Lines, evals format)")
    ap.add_argument("--repeat", type=int, default=2, help="times each question is asked (default 2)")
    ap.add_argument("--k", type=int, default=10, help="items per search (default 10)")
    args = ap.parse_args(argv)

    from core.settings import Settings
    from vectorstore.bm25 import BM25Index
    from vectorstore.embedding import load_embedder
    from vectorstore.retrieval import HybridRetriever, bm25_folder
    from vectorstore.store import Store

    settings = Settings.from_env(store=args.store)
    questions = [json.loads(x)["question"] for x in Path(args.suite).read_text(encoding="utf-8").splitlines() if x]

    t = time.perf_counter()
    embedder = load_embedder(settings)
    model_ms = (time.perf_counter() - t) * 1000
    store = Store.open(settings, embedder)
    stats = store.stats()

    # Cold BM25: build from the store's chunks, save, load.
    t = time.perf_counter()
    chunks = list(store.iter_chunks())
    if not chunks and stats.chunks:
        # A store written before the registry kept chunk texts: read them from Chroma.
        chunks = list(store._iter_chroma_chunks())
    read_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    index = BM25Index.build(chunks, version="bench")
    build_ms = (time.perf_counter() - t) * 1000
    tmp = Path(tempfile.mkdtemp(prefix="bench-bm25-"))
    try:
        t = time.perf_counter()
        index.save(tmp / "bm25")
        save_ms = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        BM25Index.load(tmp / "bm25")
        load_ms = (time.perf_counter() - t) * 1000
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    del index, chunks

    spent: dict[str, float] = {}
    timed_store = Timed(store, spent, ("dense_search", "get_item", "get_meeting", "items_by_case", "find_items"))
    timed_embedder = Timed(embedder, spent, ("embed_queries",))
    retriever = HybridRetriever(timed_store, bm25_folder(settings), timed_embedder)  # type: ignore[arg-type]
    t = time.perf_counter()
    retriever.retrieve("opvarmning af kommunens bygninger", k=args.k)
    first_ms = (time.perf_counter() - t) * 1000

    total: list[float] = []
    cpu: list[float] = []
    parts: dict[str, list[float]] = {}
    for _ in range(args.repeat):
        for q in questions:
            spent.clear()
            t, c = time.perf_counter(), time.process_time()
            retriever.retrieve(q, k=args.k)
            ms = (time.perf_counter() - t) * 1000
            total.append(ms)
            cpu.append((time.process_time() - c) * 1000)
            for name, v in spent.items():
                parts.setdefault(name, []).append(v)
            parts.setdefault("other (BM25, fusion)", []).append(ms - sum(spent.values()))

    print(f"# bench/search.py on {platform.node()} ({os.cpu_count()} CPUs), load average {os.getloadavg()[0]:.1f}")
    print(f"command: .venv/bin/python bench/search.py --store {args.store} --repeat {args.repeat} --k {args.k}")
    print(f"store: {stats.documents} documents, {stats.items} items, {stats.chunks} chunks")
    print(f"model load {model_ms:.0f} ms; first search (loads the BM25 index) {first_ms:.0f} ms")
    print(
        f"BM25 cold: read chunks {read_ms:.0f} ms, build {build_ms:.0f} ms, save {save_ms:.0f} ms, load {load_ms:.0f} ms"
    )
    print(line("warm retrieve (total)", total))
    print(line("  CPU time of the process", cpu))
    for name in ("embed_queries", "dense_search", "other (BM25, fusion)", "get_item", "get_meeting"):
        if name in parts:
            print(line(f"  {name}", parts[name]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
