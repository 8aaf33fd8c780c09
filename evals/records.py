"""What one pipeline did with one question: the record the runner makes and the metrics read.

``citations`` and ``retrieved`` hold the (date, item_number, case_id) of each item, in rank
order, for scoring; the ``*_json`` fields keep the same items exactly as ``referat ask --json``
prints them (``ItemRef.to_dict()`` plus ``quote`` or ``score``).

Out of scope: producing these (``evals.runner``) and scoring them (``evals.metrics``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from evals.suite import ItemKey, Question
from vectorstore.records import ItemRef


def key_of(ref: ItemRef) -> ItemKey:
    """The scoring key of a stored item: ``ItemKey("2024-03-06", "5", "EMN-2024-00966")``."""
    return ItemKey(ref.meeting_date.isoformat(), ref.item_number, ref.case_id)


@dataclass(frozen=True)
class PipelineAnswer:
    """A pipeline's reply to one question (the last of a follow-up chain)."""

    text: str
    refused: bool
    citations: tuple[ItemRef, ...] = ()
    retrieved: tuple[ItemRef, ...] = ()  # rank order, at most 10
    citations_json: tuple[dict[str, Any], ...] = ()
    retrieved_json: tuple[dict[str, Any], ...] = ()
    timings_ms: dict[str, float] = field(default_factory=dict)
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuestionResult:
    """One question scored-to-be: the answer and what was cited and retrieved, as keys."""

    question: Question
    answer: str
    refused: bool
    citations: tuple[ItemKey, ...] = ()
    retrieved: tuple[ItemKey, ...] = ()
    latency_ms: float = 0.0
    timings_ms: dict[str, float] = field(default_factory=dict)
    citations_json: tuple[dict[str, Any], ...] = ()
    retrieved_json: tuple[dict[str, Any], ...] = ()
    error: str | None = None

    @classmethod
    def from_answer(cls, question: Question, reply: PipelineAnswer, latency_ms: float) -> QuestionResult:
        return cls(
            question=question,
            answer=reply.text,
            refused=reply.refused,
            citations=tuple(key_of(r) for r in reply.citations),
            retrieved=tuple(key_of(r) for r in reply.retrieved[:10]),
            latency_ms=latency_ms,
            timings_ms=dict(reply.timings_ms),
            citations_json=reply.citations_json,
            retrieved_json=reply.retrieved_json[:10],
        )

    # Public JSON (``referat eval --json`` results[]; docs/cli.md).
    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.question.id,
            "kind": self.question.kind,
            "question": self.question.question,
            "answer": self.answer,
            "refused": self.refused,
            "citations": list(self.citations_json),
            "retrieved": list(self.retrieved_json),
            "timings_ms": {k: round(v, 1) for k, v in {**self.timings_ms, "total": self.latency_ms}.items()},
        }
        if self.error:
            out["error"] = self.error
        return out
