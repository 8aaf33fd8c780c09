"""Ingest throughput against the bare model: chunks/s through ``referat ingest`` on a fresh
store, beside the embedding model's own passages/s on the same chunk texts.

    .venv/bin/python bench/ingest.py                                   # the whole ../shared/corpus
    .venv/bin/python bench/ingest.py --limit-files 24 --sample 400     # a quick subset
    .venv/bin/python bench/ingest.py --limit-files 24 --baseline       # + the naive llama-index build

1. ``referat --store DIR ingest --json PATHS`` runs in a subprocess (a fresh ``DIR``, a
   temporary folder unless ``--store``): wall time, CPU time (user + system) and peak RSS
   (``getrusage(RUSAGE_CHILDREN)``), chunks from its JSON report.
2. In this process: the same model (``vectorstore.embedding.load_embedder(settings)``) embeds
   ``--sample`` chunk texts read back from that store with ``embed_passages``, after a
   warm-up: the bare model's passages/s and CPU seconds per passage.
3. The ratio ingest/bare, both by wall time and by CPU time. On a shared machine the wall
   ratio moves with the load of others; the CPU ratio does not (it is what the ingest costs
   beside the model, on any machine), so both are printed, with the load average.

``--baseline`` then builds the naive llama-index baseline (``evals.baselines``) over the same
store, as its "ingest": one Document per meeting, SentenceSplitter defaults, every node
embedded with the same model, the in-memory VectorStoreIndex.

Out of scope: the model alone on other backends (bench/embedding.py), parsing alone
(bench/parse.py).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from core.settings import Settings  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def cpu_self() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="*", type=Path, help="files/folders (default ../shared/corpus)")
    ap.add_argument("--store", type=Path, help="store folder to create (must not exist; default a temp folder)")
    ap.add_argument("--limit-files", type=int, help="ingest only the first N files (frederikshavn, greve, pdf order)")
    ap.add_argument("--sample", type=int, default=512, help="chunks the bare model embeds (default 512)")
    ap.add_argument("--baseline", action="store_true", help="also build the naive llama-index baseline")
    args = ap.parse_args(argv)

    from vectorstore.pipeline import collect_files

    paths = args.paths or [CORPUS]
    files = collect_files(paths)
    if args.limit_files:
        files = files[: args.limit_files]
    store_dir = args.store or Path(tempfile.mkdtemp(prefix="referat-bench-ingest-")) / "store"
    if store_dir.exists() and any(store_dir.iterdir()):
        print(f"{store_dir} exists and is not empty; give a new folder", file=sys.stderr)
        return 2
    env_settings = Settings.from_env()
    settings = env_settings.replace(store=store_dir)

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB; "
        f"python {platform.python_version()}; load average at start {load()}"
    )
    print(f"files: {len(files)}; store: {store_dir}")

    # 1. referat ingest in a subprocess, so its peak memory is its own
    cmd = [str(REPO / ".venv" / "bin" / "referat"), "--store", str(store_dir), "ingest", "--json"]
    cmd += [str(f) for f in files] if args.limit_files else [str(p) for p in paths]
    env = dict(os.environ, TQDM_DISABLE="1")
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=REPO)
    wall = time.perf_counter() - t0
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        print(proc.stderr[-3000:], file=sys.stderr)
        return 1
    report = json.loads(proc.stdout)
    chunks = report["chunks"]
    ingest_cpu = ru.ru_utime + ru.ru_stime
    print(
        f"ingest: {report['meetings']} meetings, {report['items']} items, {chunks} chunks, "
        f"{len(report['failed'])} failed; wall {wall:.1f} s (pipeline {report['seconds']:.1f} s), "
        f"CPU {ingest_cpu:.1f} s, peak RSS {ru.ru_maxrss / 2**20:.2f} GiB; load average now {load()}"
    )
    print(f"ingest: {chunks / wall:.1f} chunks/s wall, {ingest_cpu / max(chunks, 1) * 1000:.1f} ms CPU per chunk")

    # 2. the bare model on a sample of the same chunk texts
    import torch

    from vectorstore.embedding import load_embedder
    from vectorstore.store import Store

    store = Store.open(settings)
    texts = [c.text for c in store.iter_chunks()]
    random.Random(7).shuffle(texts)
    sample = texts[: args.sample]
    t0, c0 = time.perf_counter(), cpu_self()
    emb = load_embedder(settings)
    print(f"model load: {time.perf_counter() - t0:.1f} s wall; torch threads {torch.get_num_threads()}")
    emb.embed_passages(sample[:16])  # warm-up
    t0, c0 = time.perf_counter(), cpu_self()
    emb.embed_passages(sample)
    bare_wall, bare_cpu = time.perf_counter() - t0, cpu_self() - c0
    bare_rate = len(sample) / bare_wall
    print(
        f"bare model: {len(sample)} of the same chunks, batch {settings.embed_batch_size}: {bare_wall:.1f} s, "
        f"{bare_rate:.1f} passages/s wall, {bare_cpu / len(sample) * 1000:.1f} ms CPU per passage; load {load()}"
    )
    ratio_wall = (chunks / wall) / bare_rate
    ratio_cpu = (bare_cpu / len(sample)) / (ingest_cpu / max(chunks, 1))
    print(f"ratio ingest/bare: {ratio_wall:.2f} by wall time, {ratio_cpu:.2f} by CPU time (goal >= 0.9)")
    print(
        f"whole run in one figure: {chunks} chunks in {wall / 60:.1f} min, peak {ru.ru_maxrss / 2**20:.2f} GiB "
        f"(goal < 30 min, < 4 GiB)"
    )

    # 3. the naive llama-index baseline's build over the same store
    if args.baseline:
        from evals.baselines import NaiveLlamaIndexBaseline

        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        base = NaiveLlamaIndexBaseline(store, emb, cache_dir=None)
        t0, c0 = time.perf_counter(), cpu_self()
        base._build()  # what its first ask() does: split, embed every node, index
        b_wall, b_cpu = time.perf_counter() - t0, cpu_self() - c0
        index = getattr(base._retriever, "_index", None)
        nodes = len(index.index_struct.nodes_dict) if index is not None else -1
        print(
            f"naive llama-index build: {nodes} nodes (1024 tokens) for {report['meetings']} meetings in "
            f"{b_wall:.1f} s wall, {b_cpu:.1f} s CPU ({report['meetings'] / b_wall:.2f} meetings/s; Referat "
            f"{report['meetings'] / wall:.2f} meetings/s); peak RSS of this process "
            f"{max(rss0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 2**20:.2f} GiB"
        )
    store.close()
    print("rerun: .venv/bin/python bench/ingest.py " + " ".join(argv if argv is not None else sys.argv[1:]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
