"""The index: chunks and their vectors in Chroma, beside a registry of documents and items.

``Store.open(settings)`` opens the embedded store in ``settings.store`` (Chroma in
``<store>/chroma``, the registry in ``<store>/registry.sqlite3``) or, when
``settings.chroma_url`` is set, a Chroma server that holds both the chunks and the registry
(see ``vectorstore.registry`` for why). Chroma never embeds anything here: every vector comes
from our ``Embedder``, so no model is ever downloaded behind our back.

Adding a meeting is atomic and idempotent:

1. unchanged content (its sha256 already complete) is a no-op;
2. the new version is recorded as *pending* in the registry (with its items);
3. its chunks are upserted (content-derived ids, so a rerun rewrites the same records);
4. the registry marks it *complete* and retires older versions of the same source, at once;
5. the older versions' chunks are deleted.

Every read (search, ``iter_chunks``, lookups) only returns chunks and items whose document
version is complete, so a crash between any two steps never shows half a document, and stale
chunks left by a crash between 4 and 5 are never returned (the next ingest of the source
deletes them).

Out of scope: ranking and fusion (``vectorstore.retrieval``), parsing (``ingest``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from core.errors import StoreError
from core.settings import Settings
from ingest.caseids import normalise_case_id
from ingest.records import AgendaItem, Meeting
from vectorstore.chroma_registry import ChromaRegistry
from vectorstore.chunking import chunk_meeting
from vectorstore.embedding import Embedder
from vectorstore.records import Chunk, Filters, ItemRef
from vectorstore.registry import DocumentInfo, Registry, StoreStats, _norm
from vectorstore.sqlite_registry import SqliteRegistry

__all__ = ["DocumentInfo", "Store", "StoreError", "StoreStats"]

_PAGE = 2000
log = logging.getLogger(__name__)


class Store:
    """Chunks in one Chroma collection (cosine space) plus the registry."""

    def __init__(self, collection: Any, registry: Registry, settings: Settings, embedder: Embedder | None, where: str):
        self._col = collection
        self.registry = registry
        self.settings = settings
        self._embedder = embedder
        self.where = where  # the path or URL, for messages
        self._lock = threading.Lock()
        self._max_batch = 5000
        self._names_cache: tuple[str, tuple[str, ...], tuple[str, ...]] | None = None

    # -----------------------------------------------------------------------------------------
    # Opening

    @classmethod
    def open(cls, settings: Settings, embedder: Embedder | None = None) -> Store:
        """Open (creating if needed) the store that ``settings`` names.

        Raises StoreError naming the path or URL when it cannot be used.
        """
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        if settings.chroma_url:
            url = settings.chroma_url
            u = urlparse(url)
            try:
                client = chromadb.HttpClient(
                    host=u.hostname or "localhost",
                    port=u.port or (443 if u.scheme == "https" else 8000),
                    ssl=u.scheme == "https",
                    settings=chroma_settings,
                )
                client.heartbeat()
                col = _collection(client, settings.collection, settings.hnsw_ef_search)
                registry: Registry = ChromaRegistry(client, settings.collection)
            except Exception as exc:  # httpx, chromadb and OS errors all mean "cannot use it"
                raise StoreError(f"cannot reach the Chroma server at {url}: {_reason(exc)}") from exc
            store = cls(col, registry, settings, embedder, url)
        else:
            path = Path(settings.store)
            try:
                (path / "chroma").mkdir(parents=True, exist_ok=True)
                client = chromadb.PersistentClient(path=str(path / "chroma"), settings=chroma_settings)
                col = _collection(client, settings.collection, settings.hnsw_ef_search)
                registry = SqliteRegistry(path / "registry.sqlite3")
            except Exception as exc:
                raise StoreError(f"cannot open the store at {path}: {_reason(exc)}") from exc
            store = cls(col, registry, settings, embedder, str(path))
        with contextlib.suppress(Exception):  # older servers do not say; 5000 is safe everywhere
            store._max_batch = int(client.get_max_batch_size())
        return store

    def close(self) -> None:
        self.registry.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def embedder(self) -> Embedder:
        """The embedding model, loaded on first use (``vectorstore.embedding.load_embedder``)."""
        if self._embedder is None:
            from vectorstore.embedding import load_embedder

            self._embedder = load_embedder(self.settings)
        return self._embedder

    # -----------------------------------------------------------------------------------------
    # Writing

    def add_meeting(
        self,
        meeting: Meeting,
        chunks: Sequence[Chunk] | None = None,
        vectors: np.ndarray | None = None,
        *,
        replaces: Sequence[str] = (),
    ) -> int:
        """Index ``meeting``, replacing any older version of the same source; returns the
        number of chunks added (0 when this content is already indexed, under any source).

        ``chunks``/``vectors`` let a caller that batches embeddings across documents
        (``vectorstore.pipeline``) pass them in; by default they are made here. ``replaces``
        names other sources this document supersedes (a corrected upload of the same
        meeting): they are retired in the same atomic step and their chunks deleted.
        """
        if self.registry.complete_source(meeting.sha256) is not None:
            return 0
        chunks = list(chunk_meeting(meeting) if chunks is None else chunks)
        if vectors is None:
            vectors = self.embedder.embed_passages([c.text for c in chunks])
        if len(vectors) != len(chunks):
            raise ValueError(f"{meeting.source}: {len(chunks)} chunks but {len(vectors)} vectors")
        try:
            with self._lock:
                if not self.registry.begin(meeting, chunks):
                    return 0  # another writer completed this content meanwhile
                for i in range(0, len(chunks), self._max_batch):
                    part = chunks[i : i + self._max_batch]
                    self._col.upsert(
                        ids=[c.id for c in part],
                        embeddings=np.asarray(vectors[i : i + len(part)], dtype=np.float32),
                        documents=[c.text for c in part],
                        metadatas=[_metadata(c) for c in part],
                    )
                sources = list(dict.fromkeys([meeting.source, *replaces]))
                self.registry.complete(meeting.source, meeting.sha256, replaces=sources[1:])
                self._delete_chunks(
                    {"$and": [{"source": {"$in": sources}}, {"source_sha256": {"$ne": meeting.sha256}}]}
                )
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"cannot write {meeting.source} to the store at {self.where}: {_reason(exc)}") from exc
        return len(chunks)

    def remove_document(self, source: str) -> int:
        """Remove every version of ``source``; returns the number of chunks removed."""
        with self._lock:
            self.registry.remove(source)
            return self._delete_chunks({"source": source})

    def _delete_chunks(self, where: dict[str, Any]) -> int:
        ids = self._col.get(where=where, include=[])["ids"]
        for i in range(0, len(ids), self._max_batch):
            self._col.delete(ids=ids[i : i + self._max_batch])
        return len(ids)

    # -----------------------------------------------------------------------------------------
    # Reading

    def has_document(self, source: str, sha256: str) -> bool:
        """Is this exact content of ``source`` completely indexed?"""
        return self.registry.complete_source(sha256) == source

    def source_of(self, sha256: str) -> str | None:
        """The source under which this content is completely indexed, if any."""
        return self.registry.complete_source(sha256)

    def documents(self) -> list[DocumentInfo]:
        return self.registry.documents()

    def stats(self) -> StoreStats:
        return self.registry.stats()

    def version(self) -> str:
        """Changes whenever the visible content changes (a cache key for derived indexes)."""
        return self.registry.version()

    def chunk_count(self) -> int:
        """Chunks physically in Chroma, including any not (yet) visible; for diagnostics."""
        return int(self._col.count())

    def dense_search(self, query_vec: np.ndarray, k: int, filters: Filters | None = None) -> list[tuple[Chunk, float]]:
        """The ``k`` visible chunks nearest to ``query_vec`` (cosine similarity, higher is better)."""
        if k <= 0:
            return []
        where = _where(filters or Filters())
        vec = np.asarray(query_vec, dtype=np.float32).reshape(1, -1)
        n = k + max(10, k // 2)
        while True:
            # subtle: no count() first: Chroma answers an n past the collection's size with
            # what it has, and counting costs a scan that grows with the collection.
            res = self._col.query(
                query_embeddings=vec, n_results=n, where=where, include=["documents", "metadatas", "distances"]
            )
            ids, docs, metas, dists = res["ids"][0], res["documents"][0], res["metadatas"][0], res["distances"][0]
            visible = self.registry.complete_shas(m["source_sha256"] for m in metas)
            hits = [
                (_chunk(i, d, m), 1.0 - float(dist))
                for i, d, m, dist in zip(ids, docs, metas, dists, strict=True)
                if m["source_sha256"] in visible
            ]
            if len(hits) >= k or len(ids) < n:
                return hits[:k]
            n *= 4  # stale chunks crowded the top: look further

    def dense_ids(self, query_vec: np.ndarray, n: int, filters: Filters | None = None) -> list[tuple[str, float]]:
        """The ids of the ``n`` chunks nearest to ``query_vec`` with their cosine similarity,
        visible or not: for a caller that knows the visible chunks already (the retriever's
        keyword index holds exactly those). Reads no documents or metadata, which is most of
        a ``dense_search``'s cost and grows with the collection."""
        if n <= 0:
            return []
        vec = np.asarray(query_vec, dtype=np.float32).reshape(1, -1)
        res = self._col.query(
            query_embeddings=vec, n_results=n, where=_where(filters or Filters()), include=["distances"]
        )
        return [(i, 1.0 - float(d)) for i, d in zip(res["ids"][0], res["distances"][0], strict=True)]

    def iter_chunks(self) -> Iterator[Chunk]:
        """Every visible chunk (of complete documents), in no particular order."""
        fast = self.registry.iter_chunks()
        return fast if fast is not None else self._iter_chroma_chunks()

    def _iter_chroma_chunks(self) -> Iterator[Chunk]:
        visible = self.registry.complete_shas()
        offset = 0
        while True:
            page = self._col.get(include=["documents", "metadatas"], limit=_PAGE, offset=offset)
            for i, d, m in zip(page["ids"], page["documents"], page["metadatas"], strict=True):
                if m["source_sha256"] in visible:
                    yield _chunk(i, d, m)
            if len(page["ids"]) < _PAGE:
                return
            offset += _PAGE

    def items_by_case(self, case_id: str) -> list[ItemRef]:
        """Items whose case id equals ``case_id`` ("Sags ID: emn-2024-00966" matches too)."""
        return self.registry.items_by_case(case_id)

    def find_items(
        self,
        *,
        item_number: str | None = None,
        committee: str | None = None,
        meeting_date: dt.date | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        municipality: str | None = None,
    ) -> list[ItemRef]:
        """Items matching all given fields (committee and municipality case-insensitively)."""
        return self.registry.find_items(
            item_number=item_number,
            committee=committee,
            municipality=municipality,
            meeting_date=meeting_date,
            date_from=date_from,
            date_to=date_to,
        )

    def get_item(self, key: str) -> AgendaItem:
        """The full item (sections, decision) for ``"<sha256>:<number>"``; KeyError if absent."""
        item = self.registry.item(key)
        if item is None:
            raise KeyError(key)
        return item

    def get_meeting(self, source_sha256: str) -> Meeting:
        """The full meeting as parsed; KeyError if absent."""
        meeting = self.registry.meeting(source_sha256)
        if meeting is None:
            raise KeyError(source_sha256)
        return meeting

    def committees(self) -> list[str]:
        """Committee names in the store, sorted (cached until the content changes)."""
        return list(self._names()[0])

    def municipalities(self) -> list[str]:
        return list(self._names()[1])

    def _names(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        # Asked on every question (query understanding), so cached by version: one cheap
        # read instead of listing every document.
        version = self.version()
        cached = self._names_cache
        if cached is None or cached[0] != version:
            stats = self.stats()
            cached = self._names_cache = (version, stats.committees, stats.municipalities)
        return cached[1], cached[2]


# The chunk graph: e5 vectors of minutes lie close together (cosines of 0.80-0.90), where
# Chroma's defaults (16 links, 100 candidates at build) give a graph whose walk misses true
# neighbours (recall per setting: docs/PERFORMANCE.md#dense-recall).
HNSW_BUILD = {"space": "cosine", "ef_construction": 200, "max_neighbors": 32}


def _collection(client: Any, name: str, ef_search: int) -> Any:
    """The chunk collection, created with ``HNSW_BUILD``; its search breadth set to ``ef_search``
    (a query-time setting Chroma keeps with the collection, so an existing store built with
    other settings gets it too; a store that cannot be changed keeps its own)."""
    # embedding_function=None: we always pass vectors; Chroma must never fetch its own model.
    col = client.get_or_create_collection(
        name, embedding_function=None, configuration={"hnsw": {**HNSW_BUILD, "ef_search": ef_search}}
    )
    hnsw = (col.configuration or {}).get("hnsw") or {}
    if hnsw.get("ef_search") != ef_search:
        try:
            col.modify(configuration={"hnsw": {"ef_search": ef_search}})
        except Exception as exc:  # a read-only store or an older server: search as it is
            log.debug("HNSW ef_search left at %s: %s", hnsw.get("ef_search"), _reason(exc))
    return col


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return text or type(exc).__name__


def _metadata(c: Chunk) -> dict[str, Any]:
    """Chunk metadata for Chroma (which rejects None: "" stands for "none")."""
    r = c.ref
    d = r.meeting_date
    return {
        "municipality": r.municipality or "",
        "municipality_norm": _norm(r.municipality),
        "committee": r.committee,
        "committee_norm": _norm(r.committee),
        "meeting_date": d.isoformat(),
        "meeting_date_int": d.year * 10000 + d.month * 100 + d.day,
        "meeting_id": r.meeting_id or "",
        "item_number": r.item_number,
        "item_key": r.key,
        "title": r.title,
        "case_id": r.case_id or "",
        "case_norm": normalise_case_id(r.case_id) if r.case_id else "",
        "section_kind": str(c.section_kind),
        "open": bool(r.open),
        "page_first": int(c.pages[0]),
        "page_last": int(c.pages[1]),
        "item_page_first": int(r.pages[0]),
        "item_page_last": int(r.pages[1]),
        "source": r.source,
        "source_sha256": r.source_sha256,
        "position": int(c.position),
        "body_offset": len(c.text) - len(c.body),
    }


def _chunk(chunk_id: str, text: str, m: dict[str, Any]) -> Chunk:
    ref = ItemRef(
        key=m["item_key"],
        municipality=m["municipality"] or None,
        committee=m["committee"],
        meeting_date=dt.date.fromisoformat(m["meeting_date"]),
        meeting_id=m["meeting_id"] or None,
        item_number=m["item_number"],
        case_id=m["case_id"] or None,
        title=m["title"],
        source=m["source"],
        source_sha256=m["source_sha256"],
        pages=(int(m["item_page_first"]), int(m["item_page_last"])),
        open=bool(m["open"]),
    )
    return Chunk(
        id=chunk_id,
        ref=ref,
        section_kind=m["section_kind"],
        text=text,
        body=text[int(m["body_offset"]) :],
        pages=(int(m["page_first"]), int(m["page_last"])),
        position=int(m["position"]),
    )


def _where(f: Filters) -> dict[str, Any] | None:
    conds: list[dict[str, Any]] = []
    if f.municipality:
        conds.append({"municipality_norm": _norm(f.municipality)})
    if f.committee:
        conds.append({"committee_norm": _norm(f.committee)})
    if f.date_from:
        conds.append(
            {"meeting_date_int": {"$gte": f.date_from.year * 10000 + f.date_from.month * 100 + f.date_from.day}}
        )
    if f.date_to:
        conds.append({"meeting_date_int": {"$lte": f.date_to.year * 10000 + f.date_to.month * 100 + f.date_to.day}})
    if not conds:
        return None
    return conds[0] if len(conds) == 1 else {"$and": conds}
