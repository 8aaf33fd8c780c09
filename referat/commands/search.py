"""``referat search QUERY [--k N] [--committee X] [--municipality M] [--from D] [--to D] [--json]``:
the agenda items that best match a query, best first (see docs/cli.md for the JSON).

A thin shell over ``vectorstore.retrieval.HybridRetriever.retrieve``: case IDs and "punkt N"
in the query are looked up exactly, everything else is ranked by dense + BM25 search.
Out of scope: answering (``referat ask``).
"""

from __future__ import annotations

import argparse
import sys

from core.errors import InputError
from referat.commands import filters as scope

HELP = "find the agenda items that match a query (topic, case ID, punkt N)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", help='what to look for, e.g. "Frederikshavnerordningen" or "EMN-2019-01604"')
    parser.add_argument("--k", type=int, default=10, metavar="N", help="how many items to show (1-100, default 10)")
    scope.add_arguments(parser, committee="Arbejdsmarkedsudvalget", municipality="Greve")
    parser.add_argument("--json", action="store_true", help="print JSON (see docs/cli.md)")


def run(args: argparse.Namespace, settings) -> int:  # type: ignore[no-untyped-def]
    query = args.query.strip()
    if not query:
        raise InputError("the search query is empty")
    if not 1 <= args.k <= 100:
        raise InputError(f"--k {args.k} must be between 1 and 100")

    from vectorstore.retrieval import open_retriever

    retriever = open_retriever(settings)
    filters = scope.read_filters(args, retriever.store)
    hits = retriever.retrieve(query, k=args.k, filters=filters)
    if args.json:
        from core.jsonout import print_json

        print_json([h.to_dict() for h in hits])
        return 0
    if not hits:
        if retriever.store.stats().chunks == 0:
            print(f"The store at {retriever.store.where} is empty: run `referat ingest PATH` first.", file=sys.stderr)
        else:
            print("No matching items.")
        return 0
    for rank, h in enumerate(hits, 1):
        r = h.ref
        place = r.committee + (f", {r.municipality}" if r.municipality else "")
        pages = f"s. {r.pages[0]}" + (f"-{r.pages[1]}" if r.pages[1] != r.pages[0] else "")
        why = {"case_id": "  [sag]", "item": "  [punkt]"}.get(h.reason, "")
        print(f"{rank:>2}. {h.score:.4f}  punkt {r.item_number}, sag {r.case_id or '-'}, {place} {r.meeting_date}{why}")
        print(f"    {r.title}")
        print(f"    {r.source}, {pages}")
    return 0
