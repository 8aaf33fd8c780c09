"""The runner: follow-ups answer their history first, resuming skips done questions, errors
are recorded per question, and stratified order interleaves kinds."""

from __future__ import annotations

from collections.abc import Sequence

from core.errors import InputError
from evals.records import PipelineAnswer
from evals.runner import interleave_by_kind, run_suite
from evals.suite import Question


class EchoPipeline:
    """Answers with the question and the history it was given; fails on "boom"."""

    name = "echo"

    def __init__(self) -> None:
        self.asked: list[tuple[str, tuple[str, ...]]] = []

    def ask(self, question: str, history: Sequence[str] = ()) -> PipelineAnswer:
        self.asked.append((question, tuple(history)))
        if question == "boom":
            raise InputError("boom: cannot answer")
        return PipelineAnswer(text=" | ".join([*history, question]), refused=False, timings_ms={"total": 5.0})


def qs() -> list[Question]:
    return [
        Question("a", "decision", "first", False),
        Question("b", "followup", "second", False, history=("earlier",)),
        Question("c", "decision", "boom", False),
    ]


def test_history_is_passed_and_errors_recorded() -> None:
    p = EchoPipeline()
    run = run_suite(qs(), p)
    assert p.asked[1] == ("second", ("earlier",))
    assert run.results[1].answer == "earlier | second"
    assert run.results[2].error == "boom: cannot answer" and run.metrics["errors"] == 1
    assert run.results[0].latency_ms == 5.0


def test_resume_skips_done_questions() -> None:
    first = run_suite(qs(), EchoPipeline(), limit=2)
    p = EchoPipeline()
    run = run_suite(qs(), p, done={r.question.id: r for r in first.results})
    assert [q for q, _ in p.asked] == ["boom"]
    assert [r.question.id for r in run.results] == ["a", "b", "c"]


def test_interleave_by_kind_is_a_permutation() -> None:
    order = interleave_by_kind(qs())
    assert [q.id for q in order] == ["a", "b", "c"]
    assert sorted(q.id for q in order) == sorted(q.id for q in qs())
