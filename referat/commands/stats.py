"""``referat stats [--json]``: what the store holds (documents, meetings, items, chunks,
committees, municipalities, date range). Never loads the embedding model."""

from __future__ import annotations

import argparse

HELP = "show what the store holds"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON (see docs/cli.md)")


def run(args: argparse.Namespace, settings) -> int:
    from core.jsonout import print_json
    from vectorstore.store import Store

    store = Store.open(settings)
    stats = store.stats()
    store.close()
    if args.json:
        print_json({**stats.to_dict(), "store": store.where})
        return 0
    span = f"{stats.date_from} – {stats.date_to}" if stats.date_from else "none"
    print(f"store:          {store.where}")
    print(f"documents:      {stats.documents}")
    print(f"meetings:       {stats.meetings}")
    print(f"items:          {stats.items}")
    print(f"chunks:         {stats.chunks}")
    print(
        f"committees:     {len(stats.committees)}" + (f" ({', '.join(stats.committees)})" if stats.committees else "")
    )
    print(
        f"municipalities: {len(stats.municipalities)}"
        + (f" ({', '.join(stats.municipalities)})" if stats.municipalities else "")
    )
    print(f"meeting dates:  {span}")
    return 0
