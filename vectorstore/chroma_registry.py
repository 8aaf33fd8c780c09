"""``ChromaRegistry``: the registry of Chroma server mode, as two collections on the server
that holds the chunks (``<collection>_documents`` and ``<collection>_items``), so that every
ingest worker and chat frontend sees the same one.

What a registry is and promises (pending/complete versions, atomic completion): the
``Registry`` protocol in ``vectorstore/registry.py``. Out of scope: the embedded store
(``vectorstore/sqlite_registry.py``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from ingest.records import AgendaItem, Meeting, item_from_dict
from vectorstore.records import Chunk, ItemRef
from vectorstore.registry import (
    COMPLETE,
    PENDING,
    RETIRED,
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
