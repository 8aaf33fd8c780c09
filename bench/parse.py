"""Parsing throughput: pages/s for the PDFs and the text, meetings/s and items/s for Greve JSON.

    .venv/bin/python bench/parse.py                    # the whole ../shared/corpus, best of 2
    .venv/bin/python bench/parse.py --repeat 3 --greve-limit 100

Each file is read once into memory first, then ``ingest.parse.parse_file`` runs on it
``--repeat`` times and the best run counts (the machine is shared; the best run is the one
least disturbed). Pages are the pages the parser saw (the last page any item ends on). Also
prints chunking throughput (``vectorstore.chunking.chunk_meeting``) and the corpus's chunk
count, which bench/ingest.py and bench/growth.py build on. CPU seconds (this process) are printed
beside wall seconds: on a shared machine they are what the parsing costs on an idle one.

Out of scope: embedding and the store (bench/embedding.py, bench/ingest.py).
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

CORPUS = REPO.parent / "shared" / "corpus"


CPU: list[float] = []  # CPU seconds of each best run, in order (parsing is single-threaded)


def best_of(fn, repeat: int) -> tuple[float, object]:
    best, cpu, out = float("inf"), float("inf"), None
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        best = min(best, time.perf_counter() - w0)
        cpu = min(cpu, time.process_time() - c0)
    CPU.append(cpu)
    return best, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="corpus folder (default ../shared/corpus)")
    ap.add_argument("--repeat", type=int, default=2, help="runs per group; the best counts (default 2)")
    ap.add_argument("--greve-limit", type=int, default=None, help="only the first N Greve JSON files")
    args = ap.parse_args(argv)

    from ingest.parse import parse_file
    from vectorstore.chunking import chunk_meeting

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}; python {platform.python_version()}"
    )
    groups = {
        "pdf": sorted((args.corpus / "pdf").glob("*.pdf")),
        "text": sorted((args.corpus / "frederikshavn").glob("*.txt")),
        "greve-json": sorted((args.corpus / "greve").glob("*.json"))[: args.greve_limit],
    }
    all_meetings = []
    for name, files in groups.items():
        if not files:
            print(f"{name}: no files")
            continue
        for f in files:  # warm the page cache and the parser's imports
            f.read_bytes()
        parse_file(files[0])
        seconds, meetings = best_of(lambda files=files: [parse_file(f) for f in files], args.repeat)
        all_meetings += meetings
        items = sum(len(m.items) for m in meetings)
        pages = sum(max((i.pages[1] for i in m.items), default=1) for m in meetings)
        print(
            f"{name:<11} {len(files):4d} files {pages:5d} pages {items:5d} items  {seconds:7.2f} s   "
            f"{pages / seconds:8.1f} pages/s  {len(files) / seconds:7.1f} meetings/s  {items / seconds:8.1f} items/s"
            f"  | CPU {CPU[-1]:.2f} s: {pages / CPU[-1]:.1f} pages/s, {len(files) / CPU[-1]:.1f} meetings/s"
        )
        if name == "pdf":
            for f, m in zip(files, meetings, strict=True):
                t, _ = best_of(lambda f=f: parse_file(f), args.repeat)
                p = max((i.pages[1] for i in m.items), default=1)
                print(f"    {f.name[:60]:<60} {p:3d} pages {len(m.items):3d} items {t:6.2f} s {p / t:6.1f} pages/s")
    seconds, chunks = best_of(lambda: [c for m in all_meetings for c in chunk_meeting(m)], args.repeat)
    words = sum(len(c.text.split()) for c in chunks)
    print(
        f"chunking    {len(all_meetings):4d} meetings -> {len(chunks)} chunks ({words / max(1, len(chunks)):.0f} words "
        f"mean)  {seconds:7.2f} s   {len(chunks) / seconds:8.1f} chunks/s  | CPU {CPU[-1]:.2f} s"
    )
    print("rerun: .venv/bin/python bench/parse.py " + " ".join(argv if argv is not None else sys.argv[1:]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
