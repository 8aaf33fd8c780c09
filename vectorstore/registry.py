"""The registry: which documents are in the index, in what state, and their items by key.

Chroma holds chunks and vectors; the registry holds everything else the store must answer
exactly and fast: which version (sha256) of each source is *complete*, the full records
(``Meeting.to_dict()`` JSON) so that ``get_item``/``get_meeting`` give back what was parsed,
and one row per agenda item, indexed by case id, item number, committee and date, so that
"sag EMN-2024-00966" or "punkt 5 i Arbejdsmarkedsudvalget 6. marts 2024" is a lookup, never
a scan of the chunks.

A document version is *pending* while its chunks are being written and *complete* once they
all are; queries only ever see complete versions. Completing a version and retiring the
source's older versions is one atomic step, so a reader sees either the old or the new
version, never half of one, and a run killed half-way (even by SIGKILL) leaves at worst a
pending version that no query sees and that the next run overwrites.

This file holds what is shared: the ``Registry`` protocol, the records it returns
(``DocumentInfo``, ``StoreStats``), case-id normalisation and the item rows both backends
store. Two implementations of the protocol, one file each, chosen by where the chunks live:

- ``SqliteRegistry`` (``vectorstore/sqlite_registry.py``; embedded store, the default): a SQLite file in WAL mode beside the
  Chroma folder (``<store>/registry.sqlite3``). Real transactions and B-tree indexes. It also
  keeps a copy of each chunk's text, so that reading every chunk (to build the BM25 index)
  is one query: paging the same out of embedded Chroma costs about 1 ms a chunk.
- ``ChromaRegistry`` (``vectorstore/chroma_registry.py``; Chroma server mode): two extra collections on the same server,
  ``<collection>_documents`` and ``<collection>_items`` (metadata for the indexed fields, the
  JSON as the record's document, a constant 1-d vector because Chroma requires one). In a
  multi-machine deployment every ingest worker and chat frontend talks to the one server,
  so the registry must live there too: a registry on one machine's disk would be invisible
  to the others. Chroma indexes metadata, so lookups do not scan. Its atomic unit is one
  ``upsert`` call, so "complete the new version, retire the old" is written as one upsert
  of both records; deleting the retired records comes after and may be left over by a
  crash, which is harmless (they are not complete).

Out of scope: chunks, vectors and the order of the steps of an ingest (``vectorstore.store``).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ingest.caseids import normalise_case_id
from ingest.records import AgendaItem, Meeting
from vectorstore.records import Chunk, ItemRef

PENDING, COMPLETE, RETIRED = "pending", "complete", "retired"


def _norm(s: str | None) -> str:
    return (s or "").strip().casefold()


@dataclass(frozen=True)
class DocumentInfo:
    """One ingested source file (one meeting), as ``Store.documents()`` lists it."""

    source: str
    sha256: str
    municipality: str | None
    committee: str
    meeting_date: dt.date
    items: int
    chunks: int
    ingested_at: str = ""  # ISO timestamp, UTC

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "sha256": self.sha256,
            "municipality": self.municipality,
            "committee": self.committee,
            "meeting_date": self.meeting_date.isoformat(),
            "items": self.items,
            "chunks": self.chunks,
            "ingested_at": self.ingested_at,
        }


@dataclass(frozen=True)
class StoreStats:
    """What ``referat stats`` prints. ``meetings`` counts distinct (municipality, committee,
    date); it is below ``documents`` when one meeting was ingested from two files."""

    documents: int
    meetings: int
    items: int
    chunks: int
    committees: tuple[str, ...]
    municipalities: tuple[str, ...]
    date_from: dt.date | None
    date_to: dt.date | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "meetings": self.meetings,
            "items": self.items,
            "chunks": self.chunks,
            "committees": list(self.committees),
            "municipalities": list(self.municipalities),
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
        }


class Registry(Protocol):
    def begin(self, meeting: Meeting, chunks: Sequence[Chunk]) -> bool:
        """Record ``meeting`` and its chunks as a pending version (replacing a pending one of
        the same sha); False, changing nothing, when that content is already complete (another
        writer got there first)."""

    def iter_chunks(self) -> Iterator[Chunk] | None:
        """Every chunk of every complete version, when the registry keeps them (SQLite does,
        for a fast full read); None when only Chroma has them."""

    def complete(self, source: str, sha256: str, replaces: Sequence[str] = ()) -> list[str]:
        """Atomically mark the version complete and retire the source's other versions, and
        every version of the sources in ``replaces`` (documents this one supersedes, such as
        an earlier upload of the same meeting); returns the retired shas."""

    def remove(self, source: str) -> list[str]:
        """Forget every version of ``source``; returns their shas."""

    def complete_source(self, sha256: str) -> str | None:
        """The source under which this content is complete, or None."""

    def complete_shas(self, shas: Iterable[str] | None = None) -> set[str]:
        """Those of ``shas`` (or all, when None) that are complete."""

    def documents(self) -> list[DocumentInfo]: ...

    def items_by_case(self, case_id: str) -> list[ItemRef]: ...

    def find_items(
        self,
        *,
        item_number: str | None = None,
        committee: str | None = None,
        municipality: str | None = None,
        meeting_date: dt.date | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> list[ItemRef]: ...

    def item(self, key: str) -> AgendaItem | None: ...

    def meeting(self, sha256: str) -> Meeting | None: ...

    def stats(self) -> StoreStats: ...

    def version(self) -> str: ...

    def close(self) -> None: ...


# ---------------------------------------------------------------------------------------------
# Rows shared by both implementations


def _item_rows(meeting: Meeting) -> list[dict[str, Any]]:
    items = meeting.to_dict()["items"]
    rows = []
    for item, d in zip(meeting.items, items, strict=True):
        rows.append(
            {
                "key": f"{meeting.sha256}:{item.number}",
                "sha256": meeting.sha256,
                "number": item.number,
                "case_id": item.case_id or "",
                "case_norm": normalise_case_id(item.case_id) if item.case_id else "",
                "committee": meeting.committee,
                "committee_norm": _norm(meeting.committee),
                "municipality": meeting.municipality or "",
                "municipality_norm": _norm(meeting.municipality),
                "meeting_date": meeting.date.isoformat(),
                "meeting_date_int": _date_int(meeting.date),
                "meeting_id": meeting.meeting_id or "",
                "title": item.title,
                "open": bool(item.open),
                "page_first": item.pages[0],
                "page_last": item.pages[1],
                "source": meeting.source,
                "item_json": json.dumps(d, ensure_ascii=False),
            }
        )
    return rows


def _date_int(d: dt.date) -> int:
    return d.year * 10000 + d.month * 100 + d.day


def _ref(row: dict[str, Any] | sqlite3.Row) -> ItemRef:
    return ItemRef(
        key=row["key"],
        municipality=row["municipality"] or None,
        committee=row["committee"],
        meeting_date=dt.date.fromisoformat(row["meeting_date"]),
        meeting_id=row["meeting_id"] or None,
        item_number=row["number"],
        case_id=row["case_id"] or None,
        title=row["title"],
        source=row["source"],
        source_sha256=row["sha256"],
        pages=(int(row["page_first"]), int(row["page_last"])),
        open=bool(row["open"]),
    )


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _stats(docs: Sequence[DocumentInfo], items: int) -> StoreStats:
    dates = [d.meeting_date for d in docs]
    return StoreStats(
        documents=len(docs),
        meetings=len({(d.municipality, d.committee, d.meeting_date) for d in docs}),
        items=items,
        chunks=sum(d.chunks for d in docs),
        committees=tuple(sorted({d.committee for d in docs})),
        municipalities=tuple(sorted({d.municipality for d in docs if d.municipality})),
        date_from=min(dates) if dates else None,
        date_to=max(dates) if dates else None,
    )


def __getattr__(name: str) -> Any:
    # The backends import this file, so it names them lazily: ``from vectorstore.registry
    # import SqliteRegistry`` keeps working without an import cycle.
    if name == "SqliteRegistry":
        from vectorstore.sqlite_registry import SqliteRegistry

        return SqliteRegistry
    if name == "ChromaRegistry":
        from vectorstore.chroma_registry import ChromaRegistry

        return ChromaRegistry
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
