"""``referat ingest PATH... [--municipality NAME] [--json]``: files and folders into the store.

Folders are walked recursively for .pdf, .txt, .json, .html, .htm and .xml. Every parsed
document is checked (``ingest.check``); a document that looks misread gets a warning line. Unchanged files are skipped, changed
ones replace their old version, and one bad file never stops the others: it is listed with
its reason and the exit code is 1. A path that does not exist is a usage error (exit 2).
Heavy libraries load inside ``run`` so that ``referat --help`` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "index minutes (files or folders: .pdf, .txt, .json, .html, .xml) into the store"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to ingest")
    parser.add_argument("--municipality", help="municipality of these minutes when the files do not say")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON (see docs/cli.md)")


def run(args: argparse.Namespace, settings) -> int:
    from tqdm import tqdm

    from core.jsonout import print_json
    from vectorstore.pipeline import collect_files, ingest_paths
    from vectorstore.store import Store

    files = collect_files(args.paths)  # InputError (exit 2) for a path that does not exist
    store = Store.open(settings)
    municipality = args.municipality or settings.municipality
    with tqdm(total=len(files), unit="fil", file=sys.stderr, disable=None, dynamic_ncols=True) as bar:

        def progress(path: Path, what: str) -> None:
            bar.set_postfix_str(f"{what}: {path.name}"[-60:], refresh=False)
            bar.update(1)

        report = ingest_paths(files, store, municipality=municipality, progress=progress)
    store.close()
    if args.json:
        print_json(report.to_dict())
    else:
        print(
            f"{report.meetings} meetings, {report.items} items, {report.chunks} chunks added; "
            f"{report.skipped} unchanged; {len(report.failed)} failed ({report.seconds:.1f} s)"
        )
        for w in report.warnings:
            print(f"warning: {w.file}: {w.warning}")
        for f in report.failed:
            # A parse error names its file already ("x.pdf: not a PDF file"); say it once.
            print(f"failed: {f.reason}" if f.reason.startswith(f.file) else f"failed: {f.file}: {f.reason}")
    return 1 if report.failed else 0
