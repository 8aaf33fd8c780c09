"""Dense recall of Chroma's HNSW search against exact search, per search breadth (ef_search).

    .venv/bin/python bench/dense_recall.py --store /tmp/referat-full
    .venv/bin/python bench/dense_recall.py --store A --store B --ef 100 1000 --n 50

For every question of ``evals/suites/full.jsonl`` (the "query: " e5 vector, as the retriever
embeds it), the exact ``n`` nearest chunks are found by brute force over every vector in the
collection, and compared with ``Store.dense_ids(vec, n)``: recall@n is the share of the exact
ones the graph walk returns (mean and worst question), with the milliseconds per search. Each
``--ef`` runs in its own process, because Chroma reads a collection's search settings when it
first loads the index; opening a store sets its ``ef_search`` (``Settings.hnsw_ef_search``),
so the store is left with the last ``--ef`` given (the next ``referat`` run sets it back).

Out of scope: what recall does to answers (``referat eval``), search latency as a whole
(bench/search.py).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SUITE = REPO / "evals" / "suites" / "full.jsonl"


def measure(store: Path, ef: int, n: int) -> dict:
    """Recall@n and ms per search of one store at one ef_search (run in a fresh process)."""
    import numpy as np

    from core.settings import Settings
    from vectorstore.embedding import load_embedder
    from vectorstore.store import Store

    settings = Settings.from_env(store=store, hnsw_ef_search=ef)
    st = Store.open(settings)
    questions = [json.loads(line)["question"] for line in SUITE.read_text(encoding="utf-8").splitlines() if line]
    vecs = np.asarray(load_embedder(settings).embed_queries(questions), dtype=np.float32)
    got = st._col.get(include=["embeddings"])
    ids = np.asarray(got["ids"])
    emb = np.asarray(got["embeddings"], dtype=np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    exact = [set(ids[np.argsort(-(emb @ (v / np.linalg.norm(v))))[:n]]) for v in vecs]
    st.dense_ids(vecs[0], n)  # load the index before timing
    recall, t0 = [], time.perf_counter()
    for v, want in zip(vecs, exact, strict=True):
        found = {c for c, _ in st.dense_ids(v, n)}
        recall.append(len(found & want) / len(want))
    ms = (time.perf_counter() - t0) * 1000 / len(vecs)
    hnsw = st._col.configuration.get("hnsw") or {}
    return {
        "store": str(store),
        "chunks": len(ids),
        "build": {k: hnsw.get(k) for k in ("ef_construction", "max_neighbors")},
        "ef_search": ef,
        "n": n,
        "questions": len(vecs),
        "recall_mean": round(float(np.mean(recall)), 4),
        "recall_min": round(float(np.min(recall)), 4),
        "questions_below_0.9": int(sum(r < 0.9 for r in recall)),
        "ms_per_search": round(ms, 2),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, action="append", required=True)
    ap.add_argument("--ef", type=int, nargs="+", default=[100, 400, 1000])
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        print(json.dumps(measure(a.store[0], a.ef[0], a.n)))
        return
    for store in a.store:
        for ef in a.ef:
            cmd = [sys.executable, __file__, "--one", "--store", str(store), "--ef", str(ef), "--n", str(a.n)]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
            print(out, flush=True)


if __name__ == "__main__":
    main()
