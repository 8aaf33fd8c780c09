"""``referat ask QUESTION [--json] [--committee X] [--municipality M] [--from D] [--to D] [--k N]``:
answer one question from the store, with citations (see docs/cli.md for the JSON).

A thin shell over ``assistant.chain.answer_question``; the answer mode follows
``REFERAT_LLM`` (grounded by default). Out of scope: conversations (the web app keeps the
history; the CLI answers single questions).
"""

from __future__ import annotations

import argparse
import datetime as dt

from core.errors import InputError

HELP = "answer a question from the minutes, citing punkt and sag"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("question", help='the question, e.g. "Hvad blev der besluttet om Frederikshavnerordningen?"')
    parser.add_argument("--json", action="store_true", help="print JSON (see docs/cli.md)")
    parser.add_argument("--committee", help="only this committee (udvalg), e.g. Arbejdsmarkedsudvalget")
    parser.add_argument("--municipality", help="only this municipality (kommune), e.g. Frederikshavn")
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="only meetings on or after DATE (YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="only meetings on or before DATE (YYYY-MM-DD)")
    parser.add_argument("--k", type=int, default=10, metavar="N", help="items to retrieve (default 10)")


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option} {value!r} is not a date; use YYYY-MM-DD") from None


def run(args: argparse.Namespace, settings) -> int:  # type: ignore[no-untyped-def]
    from vectorstore.records import Filters

    if not 1 <= args.k <= 100:
        raise InputError(f"--k {args.k} must be between 1 and 100")
    try:
        filters = Filters(
            municipality=args.municipality,
            committee=args.committee,
            date_from=_date(args.date_from, "--from"),
            date_to=_date(args.date_to, "--to"),
        )
    except ValueError as exc:
        raise InputError(f"--from/--to: {exc}") from None

    from assistant.chain import answer_question
    from vectorstore.retrieval import open_retriever

    retriever = open_retriever(settings)
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
