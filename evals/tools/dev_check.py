"""Development questions through the whole answerer: where each question's case lands.

    python evals/tools/dev_check.py --store S evals/dev/results.jsonl [more.jsonl ...]

For each question (``question``, ``answerable``, ``case_id``; written by reading the minutes,
see evals/README.md) the rank of the first item of its case in the answer's final ranking and
whether it was refused, then hit@1, hit@5 and false refusals over the file; an unanswerable
question (no ``case_id``) counts only as refused or answered. A question with ``quoted`` (words
the answer must quote, read from the item: "40 år") also counts whether the answer holds them
all. Run it before and after a change (a worktree of the earlier commit) to see what the change
does on questions the suites do not hold.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from assistant.chain import answer_question  # noqa: E402
from core.settings import Settings  # noqa: E402
from vectorstore.retrieval import open_retriever  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", required=True)
    ap.add_argument("files", nargs="+", type=Path)
    args = ap.parse_args()
    settings = Settings.from_env(store=args.store)
    retriever = open_retriever(settings)
    for f in args.files:
        rows = [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
        ranks, false_refusals, unanswerable, refused = [], 0, 0, 0
        quoted = []
        for row in rows:
            a = answer_question(row["question"], retriever=retriever, settings=settings)
            if not row.get("answerable", True):
                unanswerable += 1
                refused += a.refused
                print(f"  {'refused ' if a.refused else 'ANSWERED'}  (unanswerable) {row['question']}")
                continue
            order = [(h.ref.case_id or "").lower() for h in a.retrieved]
            rank = next((i + 1 for i, c in enumerate(order) if c == row["case_id"].lower()), None)
            ranks.append(rank or 10**6)
            false_refusals += a.refused
            said = ""
            if row.get("quoted"):
                quoted.append(all(w in a.text for w in row["quoted"]))
                said = "  quoted" if quoted[-1] else "  NOT QUOTED"
            print(f"  rank {rank if rank else '-':>2}{'  refused' if a.refused else ''}{said}  {row['question']}")
        n = max(len(ranks), 1)
        print(
            f"{f.name}: answerable {len(ranks)}  hit@1 {sum(r == 1 for r in ranks) / n:.3f}  "
            f"hit@5 {sum(r <= 5 for r in ranks) / n:.3f}  false refusals {false_refusals}/{len(ranks)}"
            + (f"  unanswerable refused {refused}/{unanswerable}" if unanswerable else "")
            + (f"  quoted {sum(quoted)}/{len(quoted)}" if quoted else "")
        )


if __name__ == "__main__":
    main()
