"""What an answer is: text, the items it cites (with the quoted evidence) and what was
considered. These are the only records that leave ``assistant/``; llama-index types stop here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from vectorstore.records import ItemHit, ItemRef


@dataclass(frozen=True)
class Citation:
    """A reference from the answer to one agenda item, with the verbatim quote it rests on.

    ``marker`` is the number shown in the answer text ("[1]").
    """

    marker: int
    ref: ItemRef
    quote: str

    def to_dict(self) -> dict[str, Any]:
        return {**self.ref.to_dict(), "quote": self.quote}


@dataclass(frozen=True)
class Answer:
    """The assistant's reply. ``refused`` is True when the minutes do not say.

    ``mode`` is "grounded" (no LLM) or the LLM backend's name. ``flags`` lists warnings
    such as "removed_invalid_citation" or "llm_failed".
    """

    question: str
    text: str
    refused: bool
    mode: str
    citations: tuple[Citation, ...] = ()
    retrieved: tuple[ItemHit, ...] = ()
    timings_ms: dict[str, float] = field(default_factory=dict)
    flags: tuple[str, ...] = ()
    standalone_question: str | None = None

    # Public JSON (``referat ask --json``, docs/cli.md): keep these names stable.
    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.text,
            "refused": self.refused,
            "mode": self.mode,
            "citations": [c.to_dict() for c in self.citations],
            "retrieved": [h.to_dict() for h in self.retrieved],
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
            "flags": list(self.flags),
        }
