"""Growth: search and answer latency and store size at 10k, 100k and 500k chunks.

    .venv/bin/python bench/growth.py --source /tmp/referat-full --out /tmp/referat-growth
    .venv/bin/python bench/growth.py --source DIR --out DIR2 --sizes 10000,50000 --max-minutes 30

Larger stores are made from a real one (``--source``) without embedding anything: every
meeting of the source is copied again and again under a new source name and sha256 (so new
chunk ids and item keys), its chunks made by ``vectorstore.chunking.chunk_meeting`` as at
ingest, their vectors the source's own vectors (read from its Chroma collection) plus light
gaussian noise (``--noise`` per dimension, then renormalised: cosine to the original about
0.97), and written with ``Store.add_meeting`` (the ingest code path: registry, visibility and
Chroma stay consistent, and the BM25 index is built from the store as usual). Real text and
real vector neighbourhoods, at any size; the first copy is the source itself.

One store grows through the sizes in turn; at each size this prints: chunks, disk (Chroma,
registry, BM25), the time to build the BM25 index, and p50/p95 of ``Store.dense_search``
(k=50 chunk records), ``Store.dense_ids`` (75 ids and scores, what the retriever asks Chroma
for), ``HybridRetriever.retrieve`` (k=10) and ``answer_question``
(grounded) over ``--questions`` suite questions, plus this process's RSS. ``--max-minutes``
stops the building and measures the size reached, so a slow machine still gives a figure.

With ``--naive-vectors`` (the ``.npy`` of node vectors ``referat eval --pipeline
naive-llamaindex`` caches in ``$REFERAT_HOME/eval-cache``), each size also times the naive
llama-index baseline's retrieval over as many nodes as it would hold at that corpus multiple.

Out of scope: quality at scale (the copies are duplicates; only cost is measured here).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

from bench.answer import Timer, pct, pick_questions  # noqa: E402


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def du_mb(path: Path) -> float:
    if not path.exists():
        return 0.0
    out = subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True).stdout.split()
    return int(out[0]) / 1024 if out else 0.0


def rss_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def read_seed(src, batch: int = 500):
    """[(meeting, chunks, vectors)] for every complete document of the source store."""
    from vectorstore.chunking import chunk_meeting

    seed = []
    col = src._col  # the Chroma collection: vectors are read by id, never re-embedded
    for doc in src.documents():
        meeting = src.get_meeting(doc.sha256)
        chunks = chunk_meeting(meeting)
        vecs = {}
        ids = [c.id for c in chunks]
        for i in range(0, len(ids), batch):
            got = col.get(ids=ids[i : i + batch], include=["embeddings"])
            vecs.update(zip(got["ids"], got["embeddings"], strict=True))
        if len(vecs) != len(ids):  # chunking changed since that ingest: skip rather than guess
            print(f"  seed: {doc.source}: {len(ids) - len(vecs)} of {len(ids)} chunks not in the source; skipped")
            continue
        seed.append((meeting, chunks, np.asarray([vecs[i] for i in ids], dtype=np.float32)))
    return seed


def copy_of(meeting, chunks, vectors, r: int, noise: float, rng):
    """Copy ``r`` of a seed meeting: new source and sha256, the same items, perturbed vectors."""
    from vectorstore.chunking import chunk_meeting

    if r == 0:
        return meeting, chunks, vectors
    sha = hashlib.sha256(f"{meeting.sha256}:copy{r}".encode()).hexdigest()
    m = dataclasses.replace(meeting, sha256=sha, source=f"{meeting.source}#copy{r}")
    cs = chunk_meeting(m)
    v = vectors + rng.normal(0.0, noise, vectors.shape).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    return m, cs, v


def seed_copies(seed, noise: float, rng):
    """(copy number, (meeting, chunks, vectors)) for copy 0 (the seed itself), 1, 2, ... in turn."""
    r = 0
    while True:
        for meeting, chunks, vectors in seed:
            yield r, copy_of(meeting, chunks, vectors, r, noise, rng)
        r += 1


def naive_measure(vectors: np.ndarray, n_nodes: int, emb, questions, qvecs, noise: float, rng) -> None:
    """The naive llama-index baseline's retrieval at the same corpus multiple: its in-memory
    ``VectorStoreIndex`` (SimpleVectorStore, top-k 2) over ``n_nodes`` node vectors, made from
    its own whole-corpus node vectors (``--naive-vectors``, the eval's cache) like the chunks
    above: copies plus noise. Timed: ``retrieve`` with the query vector given (no embedding)."""
    from llama_index.core import VectorStoreIndex
    from llama_index.core.schema import QueryBundle, TextNode

    from evals.baselines import NAIVE_TOP_K
    from evals.llama_embedding import EmbedderAdapter

    parts, have = [], 0
    while have < n_nodes:
        v = vectors if not parts else vectors + rng.normal(0.0, noise, vectors.shape).astype(np.float32)
        v = v[: n_nodes - have] / np.linalg.norm(v[: n_nodes - have], axis=1, keepdims=True)
        parts.append(v)
        have += len(v)
    allv = np.concatenate(parts)
    t0 = time.perf_counter()
    nodes = [TextNode(text=f"node {i}", id_=f"n{i}", embedding=row.tolist()) for i, row in enumerate(allv)]
    index = VectorStoreIndex(nodes, embed_model=EmbedderAdapter(emb), show_progress=False)
    build_s = time.perf_counter() - t0
    retriever = index.as_retriever(similarity_top_k=NAIVE_TOP_K)
    times = []
    for q, qv in zip(questions, qvecs, strict=True):
        with Timer() as t:
            retriever.retrieve(QueryBundle(query_str=q, embedding=qv.tolist()))
        times.append(t)
    w, c = [t.wall for t in times], [t.cpu for t in times]
    print(
        f"NAIVE {n_nodes:>7d} nodes | index from vectors {build_s:6.1f} s | retrieve top-{NAIVE_TOP_K} "
        f"p50 {pct(w, 50):7.1f} p95 {pct(w, 95):7.1f} ms (CPU p50 {pct(c, 50):7.1f} p95 {pct(c, 95):7.1f}) | "
        f"peak RSS {rss_gib():.2f} GiB",
        flush=True,
    )
    del nodes, index, retriever


def measure(store, settings, questions, qvecs, bm25_dir: Path, store_dir: Path) -> None:
    from assistant.chain import answer_question
    from vectorstore.retrieval import HybridRetriever

    n = store.chunk_count()
    shutil.rmtree(bm25_dir, ignore_errors=True)
    retriever = HybridRetriever(store, bm25_dir, store.embedder)
    t0 = time.perf_counter()
    retriever.refresh()
    bm25_s = time.perf_counter() - t0
    dense, ids, hybrid, answer = [], [], [], []
    for q, v in zip(questions, qvecs, strict=True):
        with Timer() as t:
            store.dense_search(v, 50)
        dense.append(t)
        with Timer() as t:
            store.dense_ids(v, 75)
        ids.append(t)
        with Timer() as t:
            retriever.retrieve(q, k=10)
        hybrid.append(t)
        with Timer() as t:
            answer_question(q, retriever=retriever, settings=settings)
        answer.append(t)

    def p(ts: list[Timer]) -> str:
        w, c = [t.wall for t in ts], [t.cpu for t in ts]
        return f"p50 {pct(w, 50):6.1f} p95 {pct(w, 95):6.1f} ms (CPU p50 {pct(c, 50):6.1f} p95 {pct(c, 95):6.1f})"

    chroma, reg, bm = du_mb(store_dir / "chroma"), du_mb(store_dir / "registry.sqlite3"), du_mb(bm25_dir)
    print(
        f"SIZE {n:>7d} chunks | disk chroma {chroma:7.0f} MB registry {reg:6.0f} MB bm25 {bm:6.0f} MB | "
        f"bm25 build {bm25_s:6.1f} s | dense k=50 {p(dense)} | dense ids 75 {p(ids)} | retrieve {p(hybrid)} | answer {p(answer)} | "
        f"peak RSS {rss_gib():.2f} GiB | load {load()}",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", type=Path, default=Path("/tmp/referat-full"), help="real store to copy from")
    ap.add_argument("--out", type=Path, default=Path("/tmp/referat-growth"), help="store to build (must not exist)")
    ap.add_argument("--sizes", default="10000,100000,500000", help="chunk counts to measure at")
    ap.add_argument("--noise", type=float, default=0.01, help="gaussian noise per dimension (default 0.01)")
    ap.add_argument("--questions", type=int, default=30, help="questions timed at each size (default 30)")
    ap.add_argument(
        "--naive-vectors",
        type=Path,
        default=None,
        help="the naive baseline's whole-corpus node vectors (.npy from the eval cache): time it too",
    )
    ap.add_argument("--max-minutes", type=float, default=None, help="stop building after this long and measure")
    args = ap.parse_args(argv)

    from core.settings import Settings
    from vectorstore.embedding import load_embedder
    from vectorstore.store import Store

    if args.out.exists():
        print(f"{args.out} exists; give a new folder", file=sys.stderr)
        return 2
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores; load average at start {load()}")
    base = Settings.from_env()
    emb = load_embedder(base)
    src = Store.open(base.replace(store=args.source), emb)
    t0 = time.perf_counter()
    seed = read_seed(src)
    seed_chunks = sum(len(c) for _, c, _ in seed)
    print(f"seed: {len(seed)} meetings, {seed_chunks} chunks from {args.source} in {time.perf_counter() - t0:.1f} s")
    src.close()
    settings = base.replace(store=args.out, llm="grounded")
    store = Store.open(settings, emb)
    questions = pick_questions(args.questions)
    qvecs = emb.embed_queries(questions)
    bm25_dir = args.out / "bm25-growth"
    sizes = [int(s) for s in args.sizes.split(",")]
    rng = np.random.default_rng(7)
    copies = seed_copies(seed, args.noise, rng)
    naive = np.load(args.naive_vectors) if args.naive_vectors else None
    started = time.perf_counter()
    total, written_t, written_n, next_report, r = 0, 0.0, 0, 20000, 0
    for target in sizes:
        stopped = False
        while total < target:
            r, (m, cs, v) = next(copies)
            t1 = time.perf_counter()
            total += store.add_meeting(m, cs, v)
            written_t += time.perf_counter() - t1
            written_n += len(cs)
            if total >= next_report:
                print(f"  ... {total} chunks, {written_n / written_t:.0f} chunks/s written; load {load()}", flush=True)
                next_report += 20000
            if args.max_minutes and time.perf_counter() - started > args.max_minutes * 60:
                stopped = True
                break
        print(
            f"built {total} chunks ({r} full copies of the seed) in {(time.perf_counter() - started) / 60:.1f} min; "
            f"write rate {written_n / max(written_t, 1e-9):.0f} chunks/s (add_meeting, vectors given)",
            flush=True,
        )
        measure(store, settings, questions, qvecs, bm25_dir, args.out)
        if naive is not None:
            naive_measure(naive, round(len(naive) * total / seed_chunks), emb, questions, qvecs, args.noise, rng)
        if stopped:
            print(f"stopped at {total} chunks after --max-minutes {args.max_minutes}")
            break
    store.close()
    print("rerun: .venv/bin/python bench/growth.py " + " ".join(argv if argv is not None else sys.argv[1:]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
