"""Records that leave the index: chunks going in, item hits coming out.

A *chunk* is a piece of one agenda item, small enough to embed, with a header (title, case,
committee, date) so that it stands alone. Retrieval ranks chunks but returns *items*
(``ItemHit``): users and citations refer to "punkt 5, sag EMN-2024-00966", never to chunk 17.

Out of scope: how chunks are made (``vectorstore.chunking``) and stored (``vectorstore.store``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ingest.caseids import normalise_case_id
from ingest.records import AgendaItem, SectionKind


@dataclass(frozen=True)
class ItemRef:
    """Where an item lives: enough to cite it and to find it again.

    ``key`` is ``"<source sha256>:<item number>"``, stable across re-ingestion of the same file.
    """

    key: str
    municipality: str | None
    committee: str
    meeting_date: dt.date
    meeting_id: str | None
    item_number: str
    case_id: str | None
    title: str
    source: str
    source_sha256: str
    pages: tuple[int, int]
    open: bool = True

    @property
    def meeting_identity(self) -> tuple[str, str, str]:
        """The meeting the item belongs to, whichever file it came from (Ballerup publishes eDoc
        XML beside the PDF): kommune, committee and date, case-folded."""
        return ((self.municipality or "").casefold(), self.committee.casefold(), self.meeting_date.isoformat())

    @property
    def identity(self) -> tuple[str, ...]:
        """The agenda item, whichever file it came from: its meeting, number and case (or,
        without a case, title). Two keys with one identity are two copies of one item."""
        case = normalise_case_id(self.case_id) if self.case_id else self.title.casefold()
        return (*self.meeting_identity, self.item_number, case)

    # Public JSON fields (docs/cli.md): keep these names stable.
    def to_dict(self) -> dict[str, Any]:
        return {
            "municipality": self.municipality,
            "committee": self.committee,
            "meeting_date": self.meeting_date.isoformat(),
            "item_number": self.item_number,
            "case_id": self.case_id,
            "title": self.title,
            "source": self.source,
            "pages": list(self.pages),
        }


@dataclass(frozen=True)
class Chunk:
    """One embeddable piece of one item. ``id`` is content-derived (source hash, item, text).

    ``text`` starts with the header; ``body`` is the part found verbatim in the item.
    """

    id: str
    ref: ItemRef
    section_kind: SectionKind | str
    text: str
    body: str
    pages: tuple[int, int]
    position: int = 0  # order within the item


@dataclass(frozen=True)
class Filters:
    """Explicit narrowing of a search. ``None`` means no constraint."""

    municipality: str | None = None
    committee: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def __post_init__(self) -> None:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(f"date range is empty: {self.date_from} is after {self.date_to}")

    def is_empty(self) -> bool:
        return not (self.municipality or self.committee or self.date_from or self.date_to)


@dataclass(frozen=True)
class ItemHit:
    """A retrieved item with its fused score, the chunks that matched and the full item.

    ``reason`` says how it was found: "hybrid", "case_id" (exact lookup) or "item" (punkt N).
    """

    ref: ItemRef
    score: float
    item: AgendaItem
    chunks: tuple[Chunk, ...] = ()
    reason: str = "hybrid"
    meeting_absent: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {**self.ref.to_dict(), "score": round(float(self.score), 6)}
