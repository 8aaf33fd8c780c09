"""Quality figures over question results: pure functions, no I/O.

Each metric returns a float in [0, 1] (latency: milliseconds), or ``None`` when it has nothing
to average over (e.g. refusal precision when nothing was refused). Definitions:

- **hit@k**: of the answerable questions, the share whose expected item is among the first k
  retrieved items. **MRR@10**: mean of 1/rank of the first correct item in the top 10 (0 if none).
- **citation precision**: of the answerable questions that got an answer with citations
  (not refused), the mean share of cited items that are correct.
  **citation recall**: of the answerable questions, the share whose answer cites a correct item.
  **first citation**: of the answerable questions, the share whose answer's first citation
  ([1], the item the answer opens with) is a correct item; a refusal fails. hit@1 reads the
  retrieved order, which the answer may reorder (a case's steps, the body the question names).
- **fact accuracy**: of the answerable questions that list facts, the share whose answer
  contains every fact (one alternative of each group, case-insensitive, as whole words and
  numbers: ``evals.suite.fact_in``). A refusal fails.
- **refusal precision**: of the refused questions, the share that were unanswerable.
  **refusal recall**: of the unanswerable questions, the share that were refused.
  **false refusal rate**: of the answerable questions, the share that were refused.
- **latency p50 / p95**: of the whole question (follow-ups: the last turn), in ms.

"Correct" means the item's (date, item_number, case_id) matches ``expected`` or an
``also_ok`` key, a null field matching anything (``evals.suite.ItemKey``).

Out of scope: running pipelines and printing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from evals.records import QuestionResult
from evals.suite import ItemKey

METRICS = (
    "hit@1",
    "hit@5",
    "mrr@10",
    "citation_precision",
    "citation_recall",
    "first_citation",
    "fact_accuracy",
    "refusal_precision",
    "refusal_recall",
    "false_refusal_rate",
    "latency_p50_ms",
    "latency_p95_ms",
)


def _correct(r: QuestionResult, key: ItemKey) -> bool:
    e = r.question.expected
    return e is not None and e.matches(key.date, key.item_number, key.case_id)


def _answerable(results: Sequence[QuestionResult]) -> list[QuestionResult]:
    return [r for r in results if r.question.answerable and r.question.expected is not None]


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def first_correct_rank(r: QuestionResult, k: int = 10) -> int | None:
    """1-based rank of the first correct retrieved item within the top k, or None."""
    for rank, key in enumerate(r.retrieved[:k], 1):
        if _correct(r, key):
            return rank
    return None


def hit_at(results: Sequence[QuestionResult], k: int) -> float | None:
    rs = _answerable(results)
    return _mean([1.0 if first_correct_rank(r, k) is not None else 0.0 for r in rs])


def mrr_at(results: Sequence[QuestionResult], k: int = 10) -> float | None:
    rs = _answerable(results)
    ranks = [first_correct_rank(r, k) for r in rs]
    return _mean([1.0 / rank if rank else 0.0 for rank in ranks])


def citation_precision(results: Sequence[QuestionResult]) -> float | None:
    rs = [r for r in _answerable(results) if not r.refused and r.citations]
    return _mean([sum(_correct(r, c) for c in r.citations) / len(r.citations) for r in rs])


def citation_recall(results: Sequence[QuestionResult]) -> float | None:
    rs = _answerable(results)
    return _mean([1.0 if not r.refused and any(_correct(r, c) for c in r.citations) else 0.0 for r in rs])


def first_citation(results: Sequence[QuestionResult]) -> float | None:
    rs = _answerable(results)
    return _mean([1.0 if not r.refused and r.citations and _correct(r, r.citations[0]) else 0.0 for r in rs])


def fact_accuracy(results: Sequence[QuestionResult]) -> float | None:
    rs = [r for r in _answerable(results) if r.question.facts]
    return _mean([1.0 if not r.refused and r.question.facts_hold(r.answer) else 0.0 for r in rs])


def refusal_precision(results: Sequence[QuestionResult]) -> float | None:
    refused = [r for r in results if r.refused]
    return _mean([0.0 if r.question.answerable else 1.0 for r in refused])


def refusal_recall(results: Sequence[QuestionResult]) -> float | None:
    unanswerable = [r for r in results if not r.question.answerable]
    return _mean([1.0 if r.refused else 0.0 for r in unanswerable])


def false_refusal_rate(results: Sequence[QuestionResult]) -> float | None:
    answerable = [r for r in results if r.question.answerable]
    return _mean([1.0 if r.refused else 0.0 for r in answerable])


def percentile(values: Sequence[float], p: float) -> float | None:
    """Linear-interpolated percentile (p in [0, 100]); ``percentile([1, 2, 3, 4], 50) == 2.5``."""
    if not values:
        return None
    xs = sorted(values)
    pos = (len(xs) - 1) * p / 100.0
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


_FUNCS: dict[str, Callable[[Sequence[QuestionResult]], float | None]] = {
    "hit@1": lambda rs: hit_at(rs, 1),
    "hit@5": lambda rs: hit_at(rs, 5),
    "mrr@10": lambda rs: mrr_at(rs, 10),
    "citation_precision": citation_precision,
    "citation_recall": citation_recall,
    "first_citation": first_citation,
    "fact_accuracy": fact_accuracy,
    "refusal_precision": refusal_precision,
    "refusal_recall": refusal_recall,
    "false_refusal_rate": false_refusal_rate,
    "latency_p50_ms": lambda rs: percentile([r.latency_ms for r in rs], 50),
    "latency_p95_ms": lambda rs: percentile([r.latency_ms for r in rs], 95),
}


def compute(results: Sequence[QuestionResult]) -> dict[str, float | int | None]:
    """Every metric in ``METRICS`` over ``results``, plus the counts they rest on."""
    out: dict[str, float | int | None] = {name: _FUNCS[name](results) for name in METRICS}
    out["questions"] = len(results)
    out["answerable"] = sum(1 for r in results if r.question.answerable)
    out["unanswerable"] = sum(1 for r in results if not r.question.answerable)
    out["errors"] = sum(1 for r in results if r.error)
    return out


def by_kind(results: Sequence[QuestionResult]) -> dict[str, dict[str, float | int | None]]:
    """``compute`` for each question kind, kinds in first-seen order."""
    kinds: dict[str, list[QuestionResult]] = {}
    for r in results:
        kinds.setdefault(r.question.kind, []).append(r)
    return {kind: compute(rs) for kind, rs in kinds.items()}
