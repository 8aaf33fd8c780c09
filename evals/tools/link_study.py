"""How many of a store's items name an earlier treatment, and how many of those become thread
links (``assistant.threads.linked``): a proposal and its follow-up under another case number.

    python evals/tools/link_study.py --store S [--show]

For every item: its prose references (``ingest.references``), the store's items they point to
(same municipality, that date, that item number or, for a date and body only, every item of
the meeting), and which of those pairs ``linked`` accepts. ``--show`` lists the linked pairs
so they can be read one by one. Reads the store only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from assistant.threads import linked, refers_to  # noqa: E402
from core.settings import Settings  # noqa: E402
from ingest.references import read_references  # noqa: E402
from vectorstore.records import ItemHit  # noqa: E402
from vectorstore.retrieval import open_retriever  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", required=True)
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    store = open_retriever(Settings.from_env(store=args.store)).store
    n_items = with_refs = n_refs = resolved = 0
    pairs: dict[tuple[str, str], tuple[str, str, bool]] = {}
    for doc in store.documents():
        meeting = store.get_meeting(doc.sha256)
        for ref in store.find_items(meeting_date=meeting.date, municipality=meeting.municipality):
            if ref.source_sha256 != doc.sha256:
                continue
            n_items += 1
            item = store.get_item(ref.key)
            refs = read_references(item.text)
            if not refs:
                continue
            with_refs += 1
            n_refs += len(refs)
            late = ItemHit(ref=ref, score=0.0, item=item)
            for r in refs:
                for other in store.find_items(
                    meeting_date=r.date, municipality=ref.municipality, item_number=r.item_number
                ):
                    early = ItemHit(ref=other, score=0.0, item=store.get_item(other.key))
                    if not refers_to(late, early):
                        continue
                    resolved += 1
                    if linked(late, early):
                        pairs[(ref.key, other.key)] = (ref.title, other.title, ref.case_id == other.case_id)
    other_case = sum(1 for *_, same in pairs.values() if not same)
    print(
        f"items {n_items}, with references {with_refs}, references {n_refs}; (reference, stored item) pairs they point to {resolved} (a date and body only points to every item of that meeting)"
    )
    print(f"linked pairs {len(pairs)}, of them under another case number {other_case}")
    if args.show:
        for late_title, early_title, same in pairs.values():
            print(f"  {'same case ' if same else 'other case'} | {late_title[:60]} <- {early_title[:60]}")


if __name__ == "__main__":
    main()
