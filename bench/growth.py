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
(k=50, the retriever's depth), ``HybridRetriever.retrieve`` (k=10) and ``answer_question``
(grounded) over ``--questions`` suite questions, plus this process's RSS. ``--max-minutes``
stops the building and measures the size reached, so a slow machine still gives a figure.

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


def measure(store, settings, questions, qvecs, bm25_dir: Path, store_dir: Path) -> None:
    from assistant.chain import answer_question
    from vectorstore.retrieval import HybridRetriever

    n = store.chunk_count()
    shutil.rmtree(bm25_dir, ignore_errors=True)
    retriever = HybridRetriever(store, bm25_dir, store.embedder)
    t0 = time.perf_counter()
    retriever.refresh()
    bm25_s = time.perf_counter() - t0
    dense, hybrid, answer = [], [], []
    for q, v in zip(questions, qvecs, strict=True):
        with Timer() as t:
            store.dense_search(v, 50)
        dense.append(t)
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
        f"bm25 build {bm25_s:6.1f} s | dense k=50 {p(dense)} | retrieve {p(hybrid)} | answer {p(answer)} | "
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
    ap.add_argument("--max-minutes", type=float, default=None, help="stop building after this long and measure")
    args = ap.parse_args(argv)

    from referat.settings import Settings
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
    started = time.perf_counter()
    total, r, written_t, written_n = 0, 0, 0.0, 0
    for target in sizes:
        stopped = False
        while total < target:
            for meeting, chunks, vectors in seed:
                if total >= target:
                    break
                m, cs, v = copy_of(meeting, chunks, vectors, r, args.noise, rng)
                t1 = time.perf_counter()
                total += store.add_meeting(m, cs, v)
                written_t += time.perf_counter() - t1
                written_n += len(cs)
                if args.max_minutes and time.perf_counter() - started > args.max_minutes * 60:
                    stopped = True
                    break
            else:
                r += 1
            if stopped:
                break
            if total and total % 20000 < 100:
                print(f"  ... {total} chunks, {written_n / written_t:.0f} chunks/s written; load {load()}", flush=True)
        print(
            f"built {total} chunks ({r} full copies of the seed) in {(time.perf_counter() - started) / 60:.1f} min; "
            f"write rate {written_n / max(written_t, 1e-9):.0f} chunks/s (add_meeting, vectors given)",
            flush=True,
        )
        measure(store, settings, questions, qvecs, bm25_dir, args.out)
        if stopped:
            print(f"stopped at {total} chunks after --max-minutes {args.max_minutes}")
            break
    store.close()
    print("rerun: .venv/bin/python bench/growth.py " + " ".join(argv if argv is not None else sys.argv[1:]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
