"""What an answer is: text, the items it cites (with the quoted evidence) and what was
considered. These are the only records that leave ``assistant/``; llama-index types stop here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ingest.records import Vote
from vectorstore.records import ItemHit, ItemRef


@dataclass(frozen=True)
class Citation:
    """A reference from the answer to one agenda item, with the verbatim quote it rests on.

    ``marker`` is the number shown in the answer text ("[1]").
    """

    marker: int
    ref: ItemRef
    quote: str
    votes: tuple[Vote, ...] = ()  # the votes recorded in the item's decision
    about: str = "item"  # "meeting": the citation stands for the whole meeting (participants, agenda)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.ref.to_dict(),
            "quote": self.quote,
            "votes": [v.to_dict() for v in self.votes],
            "about": self.about,
        }


@dataclass(frozen=True)
class ThreadStep:
    """One treatment of a matter in a case thread (``assistant.threads``): a body's meeting
    and what it decided. ``status`` is what the decision did to the case: "decided", "noted",
    "recommended", "forwarded", "sent_back", "postponed", "withdrawn", "none" or "other".

    ``ref`` is the item in the store; a step known only because another item prints it (a
    dated decision, the Aarhus *sagsforløb*) has ``ref=None`` and ``printed_in`` that item.
    ``marker`` is the step's citation in the answer (the printing item's for such steps).
    """

    date: dt.date
    committee: str
    item_number: str | None
    case_id: str | None
    title: str | None
    decision: str | None
    status: str
    ref: ItemRef | None = None
    printed_in: ItemRef | None = None
    marker: int | None = None
    votes: tuple[Vote, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        source = self.ref or self.printed_in
        return {
            "date": self.date.isoformat(),
            "committee": self.committee,
            "item_number": self.item_number,
            "case_id": self.case_id,
            "title": self.title,
            "decision": self.decision,
            "status": self.status,
            "marker": self.marker,
            "in_store": self.ref is not None,
            "source": source.source if source else None,
            "pages": list(source.pages) if source else None,
            "votes": [v.to_dict() for v in self.votes],
        }


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
    thread: tuple[ThreadStep, ...] = ()  # the case's treatments, oldest first, when the answer follows a case

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
            "thread": [s.to_dict() for s in self.thread],
        }
