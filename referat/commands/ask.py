"""``referat ask QUESTION [--json] [--committee X] [--municipality M] [--from D] [--to D] [--k N]``:
answer one question from the store, with citations (see docs/cli.md for the JSON).

A thin shell over ``assistant.chain.answer_question``; the answer mode follows
``REFERAT_LLM`` (grounded by default). Out of scope: conversations (the web app keeps the
history; the CLI answers single questions).
"""

from __future__ import annotations

import argparse
import sys

from core.errors import InputError
from referat.commands import filters as scope

HELP = "answer a question from the minutes, citing punkt and sag"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("question", help='the question, e.g. "Hvad blev der besluttet om Frederikshavnerordningen?"')
    parser.add_argument("--json", action="store_true", help="print JSON (see docs/cli.md)")
    scope.add_arguments(parser, committee="Arbejdsmarkedsudvalget", municipality="Frederikshavn")
    parser.add_argument("--k", type=int, default=10, metavar="N", help="items to retrieve (default 10)")


def run(args: argparse.Namespace, settings) -> int:  # type: ignore[no-untyped-def]
    if not 1 <= args.k <= 100:
        raise InputError(f"--k {args.k} must be between 1 and 100")
    if not args.question.strip():
        raise InputError("the question is empty")

    from assistant.chain import answer_question
    from vectorstore.retrieval import open_retriever

    retriever = open_retriever(settings)
    filters = scope.read_filters(args, retriever.store)
    if retriever.store.stats().chunks == 0:
        print(f"The store at {retriever.store.where} is empty: run `referat ingest PATH` first.", file=sys.stderr)
    answer = answer_question(args.question, retriever=retriever, settings=settings, filters=filters, k=args.k)
    if args.json:
        from core.jsonout import print_json

        print_json(answer.to_dict())
        return 0
    print(answer.text)
    if answer.citations:
        print()
        print("Kilder:")
        for c in answer.citations:
            r = c.ref
            where = f"{r.source}, s. {r.pages[0]}" + (f"-{r.pages[1]}" if r.pages[1] != r.pages[0] else "")
            print(
                f"[{c.marker}] punkt {r.item_number}, sag {r.case_id or '-'}, {r.committee} {r.meeting_date} ({where})"
            )
    if answer.flags:
        print(f"({', '.join(answer.flags)})")
    return 0
