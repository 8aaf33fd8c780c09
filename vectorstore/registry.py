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

Two implementations of one protocol, chosen by where the chunks live:

- ``SqliteRegistry`` (embedded store, the default): a SQLite file in WAL mode beside the
  Chroma folder (``<store>/registry.sqlite3``). Real transactions and B-tree indexes. It also
  keeps a copy of each chunk's text, so that reading every chunk (to build the BM25 index)
  is one query: paging the same out of embedded Chroma costs about 1 ms a chunk.
- ``ChromaRegistry`` (Chroma server mode): two extra collections on the same server,
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
import re
import sqlite3
import threading
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ingest.caseids import normalise_case_id
from ingest.records import AgendaItem, Meeting, item_from_dict
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


# ---------------------------------------------------------------------------------------------
# SQLite (embedded store)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    sha256 TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    status TEXT NOT NULL,
    municipality TEXT NOT NULL,
    committee TEXT NOT NULL,
    meeting_date TEXT NOT NULL,
    items INTEGER NOT NULL,
    chunks INTEGER NOT NULL,
    ingested_at TEXT NOT NULL,
    meeting_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source);
CREATE INDEX IF NOT EXISTS documents_status ON documents(status);
CREATE TABLE IF NOT EXISTS items (
    key TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
    number TEXT NOT NULL,
    case_id TEXT NOT NULL,
    case_norm TEXT NOT NULL,
    committee TEXT NOT NULL,
    committee_norm TEXT NOT NULL,
    municipality TEXT NOT NULL,
    municipality_norm TEXT NOT NULL,
    meeting_date TEXT NOT NULL,
    meeting_date_int INTEGER NOT NULL,
    meeting_id TEXT NOT NULL,
    title TEXT NOT NULL,
    open INTEGER NOT NULL,
    page_first INTEGER NOT NULL,
    page_last INTEGER NOT NULL,
    source TEXT NOT NULL,
    item_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS items_sha ON items(sha256);
CREATE INDEX IF NOT EXISTS items_case ON items(case_norm);
CREATE INDEX IF NOT EXISTS items_number ON items(number, meeting_date_int);
CREATE INDEX IF NOT EXISTS items_committee ON items(committee_norm, meeting_date_int);
CREATE INDEX IF NOT EXISTS items_date ON items(meeting_date_int);
-- A copy of the chunk texts, so that a full read (the BM25 index) is one fast query
-- instead of paging all of Chroma's documents and metadata.
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
    item_key TEXT NOT NULL,
    position INTEGER NOT NULL,
    section_kind TEXT NOT NULL,
    page_first INTEGER NOT NULL,
    page_last INTEGER NOT NULL,
    text TEXT NOT NULL,
    body_offset INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_sha ON chunks(sha256);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

_ITEM_COLS = (
    "key, sha256, number, case_id, case_norm, committee, committee_norm, municipality, municipality_norm, "
    "meeting_date, meeting_date_int, meeting_id, title, open, page_first, page_last, source, item_json"
)


class SqliteRegistry:
    """The registry in one SQLite file (WAL mode: readers never wait for the writer)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _write(
        self, statements: Sequence[tuple[str, Sequence[Any]]], bump: bool = False, unless_complete: str = ""
    ) -> bool:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                if (
                    unless_complete
                    and self._db.execute(
                        "SELECT 1 FROM documents WHERE sha256 = ? AND status = ?", (unless_complete, COMPLETE)
                    ).fetchone()
                ):
                    self._db.execute("ROLLBACK")
                    return False
                for sql, params in statements:
                    self._db.execute(sql, params)
                if bump:
                    self._db.execute(
                        "INSERT OR REPLACE INTO meta(key, value) VALUES ('version', ?)", (uuid.uuid4().hex,)
                    )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return True

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def begin(self, meeting: Meeting, chunks: Sequence[Chunk]) -> bool:
        doc = (
            meeting.sha256,
            meeting.source,
            PENDING,
            meeting.municipality or "",
            meeting.committee,
            meeting.date.isoformat(),
            len(meeting.items),
            len(chunks),
            _now(),
            json.dumps(meeting.to_dict(), ensure_ascii=False),
        )
        statements: list[tuple[str, Sequence[Any]]] = [
            ("DELETE FROM documents WHERE sha256 = ?", (meeting.sha256,)),
            ("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", doc),
        ]
        placeholders = ", ".join("?" * 18)
        for row in _item_rows(meeting):
            statements.append((f"INSERT INTO items({_ITEM_COLS}) VALUES ({placeholders})", tuple(row.values())))
        for c in chunks:
            row = (c.id, meeting.sha256, c.ref.key, c.position, str(c.section_kind), *c.pages, c.text)
            statements.append(
                ("INSERT OR REPLACE INTO chunks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (*row, len(c.text) - len(c.body)))
            )
        return self._write(statements, unless_complete=meeting.sha256)

    def iter_chunks(self) -> Iterator[Chunk]:
        with self._lock:
            refs = {
                r["key"]: _ref(r)
                for r in self._db.execute(
                    "SELECT i.* FROM items i JOIN documents d ON d.sha256 = i.sha256 WHERE d.status = ?", (COMPLETE,)
                )
            }
            rows = self._db.execute(
                "SELECT c.* FROM chunks c JOIN documents d ON d.sha256 = c.sha256 WHERE d.status = ? "
                "ORDER BY c.sha256, c.item_key, c.position",
                (COMPLETE,),
            ).fetchall()
        for r in rows:
            text = r["text"]
            yield Chunk(
                id=r["id"],
                ref=refs[r["item_key"]],
                section_kind=r["section_kind"],
                text=text,
                body=text[r["body_offset"] :],
                pages=(r["page_first"], r["page_last"]),
                position=r["position"],
            )

    def complete(self, source: str, sha256: str, replaces: Sequence[str] = ()) -> list[str]:
        sources = list(dict.fromkeys([source, *replaces]))
        marks = ", ".join("?" * len(sources))
        where = f"source IN ({marks}) AND sha256 != ?"
        old = [r["sha256"] for r in self._query(f"SELECT sha256 FROM documents WHERE {where}", (*sources, sha256))]
        self._write(
            [
                ("UPDATE documents SET status = ?, ingested_at = ? WHERE sha256 = ?", (COMPLETE, _now(), sha256)),
                (f"DELETE FROM documents WHERE {where}", (*sources, sha256)),
            ],
            bump=True,
        )
        return old

    def remove(self, source: str) -> list[str]:
        shas = [r["sha256"] for r in self._query("SELECT sha256 FROM documents WHERE source = ?", (source,))]
        if shas:
            self._write([("DELETE FROM documents WHERE source = ?", (source,))], bump=True)
        return shas

    def complete_source(self, sha256: str) -> str | None:
        rows = self._query("SELECT source FROM documents WHERE sha256 = ? AND status = ?", (sha256, COMPLETE))
        return rows[0]["source"] if rows else None

    def complete_shas(self, shas: Iterable[str] | None = None) -> set[str]:
        if shas is None:
            return {r[0] for r in self._query("SELECT sha256 FROM documents WHERE status = ?", (COMPLETE,))}
        wanted = list(set(shas))
        found: set[str] = set()
        for i in range(0, len(wanted), 500):
            part = wanted[i : i + 500]
            sql = f"SELECT sha256 FROM documents WHERE status = ? AND sha256 IN ({', '.join('?' * len(part))})"
            found |= {r[0] for r in self._query(sql, (COMPLETE, *part))}
        return found

    def documents(self) -> list[DocumentInfo]:
        rows = self._query(
            "SELECT source, sha256, municipality, committee, meeting_date, items, chunks, ingested_at "
            "FROM documents WHERE status = ? ORDER BY meeting_date, committee, source",
            (COMPLETE,),
        )
        return [
            DocumentInfo(
                source=r["source"],
                sha256=r["sha256"],
                municipality=r["municipality"] or None,
                committee=r["committee"],
                meeting_date=dt.date.fromisoformat(r["meeting_date"]),
                items=r["items"],
                chunks=r["chunks"],
                ingested_at=r["ingested_at"],
            )
            for r in rows
        ]

    def _items(self, where: str, params: Sequence[Any]) -> list[ItemRef]:
        sql = (
            f"SELECT i.* FROM items i JOIN documents d ON d.sha256 = i.sha256 "
            f"WHERE d.status = ? AND {where} ORDER BY i.meeting_date_int, i.committee, i.source, i.rowid"
        )
        return [_ref(r) for r in self._query(sql, (COMPLETE, *params))]

    def items_by_case(self, case_id: str) -> list[ItemRef]:
        norm = normalise_case_id(case_id)
        return self._items("i.case_norm = ?", (norm,)) if norm else []

    def find_items(
        self,
        *,
        item_number: str | None = None,
        committee: str | None = None,
        municipality: str | None = None,
        meeting_date: dt.date | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> list[ItemRef]:
        where, params = ["1 = 1"], []
        if item_number is not None:
            where.append("i.number = ?")
            params.append(str(item_number).strip())
        if committee:
            where.append("i.committee_norm = ?")
            params.append(_norm(committee))
        if municipality:
            where.append("i.municipality_norm = ?")
            params.append(_norm(municipality))
        if meeting_date:
            where.append("i.meeting_date_int = ?")
            params.append(_date_int(meeting_date))
        if date_from:
            where.append("i.meeting_date_int >= ?")
            params.append(_date_int(date_from))
        if date_to:
            where.append("i.meeting_date_int <= ?")
            params.append(_date_int(date_to))
        return self._items(" AND ".join(where), params)

    def item(self, key: str) -> AgendaItem | None:
        rows = self._query(
            "SELECT i.item_json FROM items i JOIN documents d ON d.sha256 = i.sha256 WHERE i.key = ? AND d.status = ?",
            (key, COMPLETE),
        )
        return item_from_dict(json.loads(rows[0][0])) if rows else None

    def meeting(self, sha256: str) -> Meeting | None:
        rows = self._query("SELECT meeting_json FROM documents WHERE sha256 = ? AND status = ?", (sha256, COMPLETE))
        return Meeting.from_dict(json.loads(rows[0][0])) if rows else None

    def stats(self) -> StoreStats:
        items = self._query(
            "SELECT COUNT(*) FROM items i JOIN documents d ON d.sha256 = i.sha256 WHERE d.status = ?", (COMPLETE,)
        )[0][0]
        return _stats(self.documents(), items)

    def version(self) -> str:
        rows = self._query("SELECT value FROM meta WHERE key = 'version'")
        return rows[0][0] if rows else "empty"


# ---------------------------------------------------------------------------------------------
# Chroma collections (server mode)

_DUMMY = [1.0]  # Chroma requires a vector per record; the registry never searches by vector
_VERSION_ID = "__version__"
_PAGE = 1000


class ChromaRegistry:
    """The registry as two collections on the Chroma server that holds the chunks."""

    def __init__(self, client: Any, collection: str) -> None:
        self._docs = client.get_or_create_collection(f"{collection}_documents", embedding_function=None)
        self._items_col = client.get_or_create_collection(f"{collection}_items", embedding_function=None)

    def close(self) -> None:
        pass

    def _bump(self) -> None:
        self._docs.upsert(
            ids=[_VERSION_ID],
            embeddings=[_DUMMY],
            metadatas=[{"status": "meta", "value": uuid.uuid4().hex, "source": ""}],
            documents=[""],
        )

    def _get(self, col: Any, **kw: Any) -> dict[str, Any]:
        """``col.get`` over all pages (Chroma caps one answer)."""
        out: dict[str, list[Any]] = {"ids": [], "metadatas": [], "documents": []}
        include = kw.pop("include", ["metadatas"])
        offset = 0
        while True:
            page = col.get(**kw, include=include, limit=_PAGE, offset=offset)
            out["ids"] += page["ids"]
            out["metadatas"] += page.get("metadatas") or [None] * len(page["ids"])
            out["documents"] += page.get("documents") or [None] * len(page["ids"])
            if len(page["ids"]) < _PAGE:
                return out
            offset += _PAGE

    def iter_chunks(self) -> None:
        return None  # the chunks are on the same server already; Store pages through them

    def begin(self, meeting: Meeting, chunks: Sequence[Chunk]) -> bool:
        # subtle: Chroma has no transactions, so "unless complete" is a check just before the
        # writes; a writer racing on the same content within that window at worst hides the
        # document until one of the two completes it.
        if self.complete_source(meeting.sha256) is not None:
            return False
        # Items first: they are invisible until their document is complete. Same sha, same
        # keys and content, so upserting over a crashed attempt needs no delete.
        rows = _item_rows(meeting)
        for i in range(0, len(rows), _PAGE):
            part = rows[i : i + _PAGE]
            self._items_col.upsert(
                ids=[r["key"] for r in part],
                embeddings=[_DUMMY] * len(part),
                metadatas=[{k: v for k, v in r.items() if k not in ("key", "item_json")} for r in part],
                documents=[r["item_json"] for r in part],
            )
        self._docs.upsert(
            ids=[meeting.sha256],
            embeddings=[_DUMMY],
            metadatas=[self._doc_meta(meeting, len(chunks), PENDING)],
            documents=[json.dumps(meeting.to_dict(), ensure_ascii=False)],
        )
        return True

    @staticmethod
    def _doc_meta(meeting: Meeting, chunks: int, status: str) -> dict[str, Any]:
        return {
            "source": meeting.source,
            "status": status,
            "municipality": meeting.municipality or "",
            "committee": meeting.committee,
            "meeting_date": meeting.date.isoformat(),
            "items": len(meeting.items),
            "chunks": chunks,
            "ingested_at": _now(),
        }

    def complete(self, source: str, sha256: str, replaces: Sequence[str] = ()) -> list[str]:
        sources = list(dict.fromkeys([source, *replaces]))
        got = self._get(self._docs, where={"source": {"$in": sources}})
        ids, metas = [sha256], []
        for i, m in zip(got["ids"], got["metadatas"], strict=True):
            if i == sha256:
                metas.insert(0, {**m, "status": COMPLETE, "ingested_at": _now()})
            else:
                ids.append(i)
                metas.append({**m, "status": RETIRED})
        if not metas or ids[0] != sha256 or metas[0]["status"] != COMPLETE:
            raise KeyError(f"no pending version {sha256} of {source}")
        # subtle: one update = one atomic write in Chroma; new complete and old retired together.
        self._docs.update(ids=ids, metadatas=metas)
        old = ids[1:]
        self._forget(old)
        self._bump()
        return old

    def _forget(self, shas: list[str]) -> None:
        if shas:
            self._items_col.delete(where={"sha256": {"$in": shas}})
            self._docs.delete(ids=shas)

    def remove(self, source: str) -> list[str]:
        shas = self._get(self._docs, where={"source": source}, include=[])["ids"]
        if shas:
            # Retire first (atomic), then delete: a reader never sees half a document.
            self._docs.update(ids=shas, metadatas=[{"status": RETIRED, "source": source}] * len(shas))
            self._forget(shas)
            self._bump()
        return shas

    def complete_source(self, sha256: str) -> str | None:
        got = self._docs.get(ids=[sha256], include=["metadatas"])
        if got["ids"] and got["metadatas"][0].get("status") == COMPLETE:
            return got["metadatas"][0]["source"]
        return None

    def complete_shas(self, shas: Iterable[str] | None = None) -> set[str]:
        if shas is None:
            return set(self._get(self._docs, where={"status": COMPLETE}, include=[])["ids"])
        wanted = list(set(shas))
        found: set[str] = set()
        for i in range(0, len(wanted), _PAGE):
            got = self._docs.get(ids=wanted[i : i + _PAGE], include=["metadatas"])
            found |= {x for x, m in zip(got["ids"], got["metadatas"], strict=True) if m.get("status") == COMPLETE}
        return found

    def documents(self) -> list[DocumentInfo]:
        got = self._get(self._docs, where={"status": COMPLETE})
        docs = [
            DocumentInfo(
                source=m["source"],
                sha256=i,
                municipality=m["municipality"] or None,
                committee=m["committee"],
                meeting_date=dt.date.fromisoformat(m["meeting_date"]),
                items=int(m["items"]),
                chunks=int(m["chunks"]),
                ingested_at=m.get("ingested_at", ""),
            )
            for i, m in zip(got["ids"], got["metadatas"], strict=True)
        ]
        return sorted(docs, key=lambda d: (d.meeting_date, d.committee, d.source))

    def _items(self, where: dict[str, Any] | None) -> list[ItemRef]:
        got = self._get(self._items_col, where=where) if where else self._get(self._items_col)
        rows = [{**m, "key": i} for i, m in zip(got["ids"], got["metadatas"], strict=True)]
        complete = self.complete_shas(r["sha256"] for r in rows)
        rows = [r for r in rows if r["sha256"] in complete]
        rows.sort(key=lambda r: (r["meeting_date_int"], r["committee"], r["source"], _number_key(r["number"])))
        return [_ref(r) for r in rows]

    def items_by_case(self, case_id: str) -> list[ItemRef]:
        norm = normalise_case_id(case_id)
        return self._items({"case_norm": norm}) if norm else []

    def find_items(
        self,
        *,
        item_number: str | None = None,
        committee: str | None = None,
        municipality: str | None = None,
        meeting_date: dt.date | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> list[ItemRef]:
        conds: list[dict[str, Any]] = []
        if item_number is not None:
            conds.append({"number": str(item_number).strip()})
        if committee:
            conds.append({"committee_norm": _norm(committee)})
        if municipality:
            conds.append({"municipality_norm": _norm(municipality)})
        if meeting_date:
            conds.append({"meeting_date_int": _date_int(meeting_date)})
        if date_from:
            conds.append({"meeting_date_int": {"$gte": _date_int(date_from)}})
        if date_to:
            conds.append({"meeting_date_int": {"$lte": _date_int(date_to)}})
        where = None if not conds else conds[0] if len(conds) == 1 else {"$and": conds}
        return self._items(where)

    def item(self, key: str) -> AgendaItem | None:
        got = self._items_col.get(ids=[key], include=["metadatas", "documents"])
        if not got["ids"] or not self.complete_shas([got["metadatas"][0]["sha256"]]):
            return None
        return item_from_dict(json.loads(got["documents"][0]))

    def meeting(self, sha256: str) -> Meeting | None:
        got = self._docs.get(ids=[sha256], include=["metadatas", "documents"])
        if not got["ids"] or got["metadatas"][0].get("status") != COMPLETE:
            return None
        return Meeting.from_dict(json.loads(got["documents"][0]))

    def stats(self) -> StoreStats:
        docs = self.documents()
        return _stats(docs, sum(d.items for d in docs))

    def version(self) -> str:
        got = self._docs.get(ids=[_VERSION_ID], include=["metadatas"])
        return got["metadatas"][0]["value"] if got["ids"] else "empty"


def _number_key(number: str) -> tuple[Any, ...]:
    """Agenda order for "2" < "10" and "1.1" < "1.2"."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.\s]+", number))
