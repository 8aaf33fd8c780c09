"""Metric unit tests: hand-computed cases and invariants (bounds, a perfect run scores 1.0)."""

from __future__ import annotations

import random

import pytest

from evals import metrics
from evals.records import QuestionResult
from evals.suite import Expected, ItemKey, Question

FIVE = ItemKey("2024-03-06", "5", "EMN-2024-00966")
SEVEN = ItemKey("2024-03-06", "7", "EMN-2022-04249")
OTHER = ItemKey("2025-08-27", "2", "EMN-2025-003383")


def q(qid: str, expected: ItemKey | None = FIVE, facts=(), kind="decision", also=()) -> Question:
    exp = Expected(expected, also_ok=tuple(also)) if expected else None
    return Question(qid, kind if expected else "unanswerable", "?", expected is not None, exp, tuple(facts))


def res(question: Question, retrieved=(), citations=(), answer="", refused=False, ms=10.0) -> QuestionResult:
    return QuestionResult(question, answer, refused, tuple(citations), tuple(retrieved), ms)


def test_hit_and_mrr_hand_computed() -> None:
    rs = [
        res(q("a"), retrieved=[FIVE, OTHER]),  # rank 1
        res(q("b"), retrieved=[OTHER, SEVEN, FIVE]),  # rank 3
        res(q("c"), retrieved=[OTHER] * 10 + [FIVE]),  # rank 11: outside top 10
        res(q("u", expected=None), retrieved=[FIVE]),  # unanswerable: not counted
    ]
    assert metrics.hit_at(rs, 1) == pytest.approx(1 / 3)
    assert metrics.hit_at(rs, 5) == pytest.approx(2 / 3)
    assert metrics.mrr_at(rs, 10) == pytest.approx((1 + 1 / 3 + 0) / 3)


def test_null_fields_match_anything_and_also_ok_counts() -> None:
    by_case = q("a", expected=ItemKey(None, None, "EMN-2024-00966"))
    meeting = q("b", expected=ItemKey("2024-03-06", None, None))
    alt = q("c", expected=OTHER, also=[SEVEN])
    rs = [res(by_case, retrieved=[FIVE]), res(meeting, retrieved=[SEVEN]), res(alt, retrieved=[SEVEN])]
    assert metrics.hit_at(rs, 1) == 1.0
    assert metrics.hit_at([res(by_case, retrieved=[SEVEN])], 1) == 0.0


def test_citation_precision_and_recall() -> None:
    rs = [
        res(q("a"), citations=[FIVE, OTHER]),  # precision 1/2, recalled
        res(q("b"), citations=[OTHER]),  # precision 0, not recalled
        res(q("c"), citations=[], refused=True),  # refused: out of precision, counts against recall
        res(q("u", expected=None), citations=[OTHER]),  # unanswerable: ignored
    ]
    assert metrics.citation_precision(rs) == pytest.approx(0.25)
    assert metrics.citation_recall(rs) == pytest.approx(1 / 3)


def test_first_citation_is_the_item_the_answer_opens_with() -> None:
    rs = [
        res(q("a"), retrieved=[FIVE], citations=[FIVE, OTHER]),  # opens with the right item
        res(q("b"), retrieved=[FIVE], citations=[OTHER, FIVE]),  # retrieved first, but cited second
        res(q("c"), citations=[FIVE], refused=True),  # a refusal fails
        res(q("u", expected=None), citations=[OTHER]),  # unanswerable: ignored
    ]
    assert metrics.first_citation(rs) == pytest.approx(1 / 3)
    assert metrics.hit_at(rs, 1) == pytest.approx(2 / 3)


def test_fact_accuracy_needs_every_group_case_insensitive() -> None:
    facts = [["afskaffes", "lukkes"], ["Godkendt"]]
    rs = [
        res(q("a", facts=facts), answer="GODKENDT. Ordningen  afskaffes."),
        res(q("b", facts=facts), answer="Godkendt."),  # second group missing
        res(q("c", facts=facts), answer="Godkendt, lukkes", refused=True),  # a refusal fails
        res(q("d"), answer="anything"),  # no facts: not counted
    ]
    assert metrics.fact_accuracy(rs) == pytest.approx(1 / 3)


def test_fact_match_ignores_whitespace_differences() -> None:
    question = q("a", facts=[["3,6 mio. kr."]])
    assert question.facts_hold("bevilligede 3,6\u00a0mio.\n kr. til")


def test_refusal_metrics() -> None:
    rs = [
        res(q("u1", expected=None), refused=True),
        res(q("u2", expected=None), refused=False),
        res(q("a1"), refused=True),
        res(q("a2"), refused=False),
        res(q("a3"), refused=False),
        res(q("a4"), refused=False),
    ]
    assert metrics.refusal_precision(rs) == pytest.approx(0.5)
    assert metrics.refusal_recall(rs) == pytest.approx(0.5)
    assert metrics.false_refusal_rate(rs) == pytest.approx(0.25)


def test_undefined_metrics_are_none() -> None:
    rs = [res(q("a"), retrieved=[FIVE])]
    m = metrics.compute(rs)
    assert m["refusal_precision"] is None and m["refusal_recall"] is None
    assert metrics.compute([])["hit@1"] is None


def test_percentile() -> None:
    assert metrics.percentile([1, 2, 3, 4], 50) == 2.5
    assert metrics.percentile([5], 95) == 5
    assert metrics.percentile(list(range(101)), 95) == 95
    assert metrics.percentile([], 50) is None


def test_perfect_run_scores_one() -> None:
    rs = [
        res(q(f"a{i}", facts=[["godkendt"]]), retrieved=[FIVE, OTHER], citations=[FIVE], answer="Godkendt.")
        for i in range(5)
    ] + [res(q("u", expected=None), refused=True)]
    m = metrics.compute(rs)
    for name in (
        "hit@1",
        "hit@5",
        "mrr@10",
        "citation_precision",
        "citation_recall",
        "fact_accuracy",
        "refusal_precision",
        "refusal_recall",
    ):
        assert m[name] == 1.0, name
    assert m["false_refusal_rate"] == 0.0


def test_metrics_are_bounded_on_random_runs() -> None:
    rng = random.Random(7)
    keys = [FIVE, SEVEN, OTHER, ItemKey("2012-12-04", "2", "2012-28504")]
    for _ in range(200):
        rs = []
        for i in range(rng.randint(1, 12)):
            expected = rng.choice([*keys, None])
            question = q(f"q{i}", expected=expected, facts=[["x", "y"]] if rng.random() < 0.5 else ())
            rs.append(
                res(
                    question,
                    retrieved=rng.sample(keys, rng.randint(0, 4)),
                    citations=rng.sample(keys, rng.randint(0, 2)),
                    answer=rng.choice(["x", "z", ""]),
                    refused=rng.random() < 0.3,
                    ms=rng.uniform(1, 500),
                )
            )
        m = metrics.compute(rs)
        for name in metrics.METRICS:
            v = m[name]
            if v is None:
                continue
            if name.startswith("latency"):
                assert 1 <= v <= 500
            else:
                assert 0.0 <= v <= 1.0, (name, v)
        assert m["hit@1"] is None or m["hit@1"] <= m["hit@5"] <= 1.0
        assert m["hit@1"] is None or m["hit@1"] <= m["mrr@10"] <= 1.0


def test_by_kind_partitions_questions() -> None:
    rs = [res(q("a", kind="number"), retrieved=[FIVE]), res(q("b", kind="who"), retrieved=[OTHER])]
    kinds = metrics.by_kind(rs)
    assert set(kinds) == {"number", "who"}
    assert kinds["number"]["hit@1"] == 1.0 and kinds["who"]["hit@1"] == 0.0
    assert sum(k["questions"] for k in kinds.values()) == 2
