"""``SqliteRegistry``: the registry of the embedded store, in one SQLite file in WAL mode
beside the Chroma folder (``<store>/registry.sqlite3``). Real transactions and B-tree indexes;
it also keeps a copy of each chunk's text, so that reading every chunk (to build the BM25
index) is one query.

What a registry is and promises (pending/complete versions, atomic completion): the
``Registry`` protocol in ``vectorstore/registry.py``. Out of scope: Chroma server mode
(``vectorstore/chroma_registry.py``).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
import uuid
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ingest.records import AgendaItem, Meeting, item_from_dict
from vectorstore.records import Chunk, ItemRef
from vectorstore.registry import (
    COMPLETE,
    PENDING,
    DocumentInfo,
    StoreStats,
    _date_int,
    _item_rows,
    _norm,
    _now,
    _ref,
    _stats,
    normalise_case_id,
)

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
