"""A BM25 keyword index over chunks, persisted on disk and rebuilt only when the store changes.

The index lives in a folder (``settings.store / "bm25"`` beside an embedded store, or a cache
folder per server and collection): bm25s's score matrix, the chunks' ids, their items' metadata
(for filtering without the store) and the chunks themselves as JSON lines, read back lazily by
offset so that opening a large index costs little memory.

    index = BM25Index.build(chunks, version="v1")
    index.search("Frederikshavnerordningen", k=5)   # [(chunk_id, score), ...]

Compounds: every chunk is indexed with its words and with the parts of its compounds as
separate tokens (``vectorstore.tokenize.part_tokens``; the split from the chunks' own
vocabulary and, when installed, a Danish word list: ``vectorstore.compounds``). A question's
word then also finds the chunks that hold it only inside a compound, at ``W_PART`` of the
weight of the word itself, and a compound in the question also looks for its parts, at
``W_QUERY_PART``: an exact match still scores most.

``open_index(folder, version, chunks)`` loads the saved index when its version matches
``Store.version()`` and the tokenizer has not changed, and otherwise builds and saves a new one
(written to a temporary folder and renamed into place, so readers never see half an index).

Out of scope: incremental updates (a changed store rebuilds the index: seconds for the whole
corpus) and ranking across dense and keyword results (``vectorstore.retrieval``).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path

import bm25s
import numpy as np

from core.errors import StoreError
from vectorstore.compounds import Decompounder, load_wordlist
from vectorstore.records import Chunk, ItemRef
from vectorstore.synonyms import Related, default_related
from vectorstore.tokenize import PART, names, part_tokens, token_groups, tokenize, tokenizer_version, words

log = logging.getLogger(__name__)

FORMAT_VERSION = "2"
_COMPOUNDS = "compounds.json"
# Query weights, relative to a word of the question found as a word of the chunk (1.0):
W_PART = 0.5  # the question's word found inside a compound of the chunk ("vej" in "vejbelysning")
W_QUERY_PART = 0.35  # a part of the question's compound, as a word or part of the chunk
W_OTHER_TENSE = 0.5  # the question's past-tense verb in its other forms ("ønskede" as "ønsker")
# Related words of the question's words weigh what ``vectorstore.synonyms`` says (0.5, 0.2).
_META = "meta.json"
_ITEMS = "items.json"
_CHUNKS = "chunks.jsonl"
_OFFSETS = "chunk_offsets.npy"
_CHUNK_ITEM = "chunk_item.npy"
_MODEL = "model"


def _ref_to_json(ref: ItemRef) -> dict:
    return {
        "key": ref.key,
        "municipality": ref.municipality,
        "committee": ref.committee,
        "meeting_date": ref.meeting_date.isoformat(),
        "meeting_id": ref.meeting_id,
        "item_number": ref.item_number,
        "case_id": ref.case_id,
        "title": ref.title,
        "source": ref.source,
        "source_sha256": ref.source_sha256,
        "pages": list(ref.pages),
        "open": ref.open,
    }


def _ref_from_json(d: dict) -> ItemRef:
    return ItemRef(
        key=d["key"],
        municipality=d["municipality"],
        committee=d["committee"],
        meeting_date=dt.date.fromisoformat(d["meeting_date"]),
        meeting_id=d["meeting_id"],
        item_number=d["item_number"],
        case_id=d["case_id"],
        title=d["title"],
        source=d["source"],
        source_sha256=d["source_sha256"],
        pages=(int(d["pages"][0]), int(d["pages"][1])),
        open=bool(d["open"]),
    )


class BM25Index:
    """BM25 (bm25s, Lucene variant, k1=1.2, b=0.75) over chunk texts, with item metadata.

    ``search`` returns ``(chunk_id, score)`` best first; ``refs`` and ``chunk`` turn ids back
    into records. Build with ``build`` or ``open_index``; the constructor is internal.
    """

    def __init__(
        self,
        model: bm25s.BM25 | None,
        chunk_ids: list[str],
        chunk_item: np.ndarray,
        refs: list[ItemRef],
        version: str,
        chunk_reader: Callable[[int], Chunk],
        decompounder: Decompounder | None = None,
        related: Related | None = None,
    ) -> None:
        self.model = model
        self.decompounder = decompounder or Decompounder({})
        self._related = related
        self.chunk_ids = chunk_ids
        self.chunk_item = chunk_item
        self.refs = refs
        self.version = version
        self._read_chunk = chunk_reader
        self._pos = {cid: i for i, cid in enumerate(chunk_ids)}
        self._key_pos = {r.key: i for i, r in enumerate(refs)}
        self._item_chunks: dict[int, list[int]] = {}
        for pos, item in enumerate(chunk_item.tolist()):
            self._item_chunks.setdefault(item, []).append(pos)
        # Item metadata as arrays, for filter masks without a Python loop per query.
        self._dates = np.array([r.meeting_date.toordinal() for r in refs], dtype=np.int64)
        self._months = np.array([r.meeting_date.month for r in refs], dtype=np.int8)
        self._days = np.array([r.meeting_date.day for r in refs], dtype=np.int8)
        self._committees = np.array([r.committee for r in refs], dtype=object)
        self._municipalities = np.array([(r.municipality or "").casefold() for r in refs], dtype=object)

    def __len__(self) -> int:
        return len(self.chunk_ids)

    # -- building ------------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        chunks: Iterable[Chunk],
        version: str = "",
        wordlist: Collection[str] | None = None,
        decompounder: Decompounder | None = None,
        related: Related | None = None,
    ) -> BM25Index:
        """Index ``chunks`` in memory (the texts are kept in memory too; ``save`` writes them).

        Compounds are split by ``decompounder``, by default one over the chunks' own words and
        ``wordlist`` (default: the system's Danish word list when installed,
        ``vectorstore.compounds.load_wordlist``).
        """
        chunks = list(chunks)
        if decompounder is None:
            counts: dict[str, int] = {}
            for c in chunks:
                for w in words(c.text):
                    counts[w] = counts.get(w, 0) + 1
            decompounder = Decompounder(counts, load_wordlist() if wordlist is None else wordlist)
        items: dict[str, int] = {}
        refs: list[ItemRef] = []
        chunk_ids: list[str] = []
        chunk_item: list[int] = []
        kept: list[Chunk] = []
        corpus: list[list[str]] = []
        for c in chunks:
            if c.ref.key not in items:
                items[c.ref.key] = len(refs)
                refs.append(c.ref)
            chunk_ids.append(c.id)
            chunk_item.append(items[c.ref.key])
            kept.append(c)
            corpus.append(tokenize(c.text) + part_tokens(c.text, decompounder.split))
        model = None
        if corpus:
            model = bm25s.BM25(k1=1.2, b=0.75, method="lucene")
            model.index(corpus, show_progress=False)
        return cls(
            model,
            chunk_ids,
            np.array(chunk_item, dtype=np.int32),
            refs,
            version,
            kept.__getitem__,
            decompounder,
            related,
        )

    def save(self, folder: Path) -> None:
        """Write the index to ``folder`` atomically (a temporary folder renamed into place)."""
        folder = Path(folder)
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = folder.parent / f".{folder.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        tmp.mkdir()
        try:
            if self.model is not None:
                self.model.save(str(tmp / _MODEL), show_progress=False)
            (tmp / _ITEMS).write_text(
                json.dumps([_ref_to_json(r) for r in self.refs], ensure_ascii=False), encoding="utf-8"
            )
            offsets = np.zeros(len(self.chunk_ids) + 1, dtype=np.int64)
            with open(tmp / _CHUNKS, "wb") as f:
                for i in range(len(self.chunk_ids)):
                    c = self._read_chunk(i)
                    line = json.dumps(
                        {
                            "id": c.id,
                            "kind": c.section_kind,
                            "text": c.text,
                            "body": c.body,
                            "pages": list(c.pages),
                            "position": c.position,
                        },
                        ensure_ascii=False,
                    ).encode("utf-8")
                    f.write(line + b"\n")
                    offsets[i + 1] = offsets[i] + len(line) + 1
            np.save(tmp / _OFFSETS, offsets)
            np.save(tmp / _CHUNK_ITEM, self.chunk_item)
            (tmp / _COMPOUNDS).write_text(json.dumps(self.decompounder.known, ensure_ascii=False), encoding="utf-8")
            meta = {
                "format": FORMAT_VERSION,
                "tokenizer": tokenizer_version(),
                "version": self.version,
                "chunks": len(self.chunk_ids),
                "chunk_ids": self.chunk_ids,
            }
            # meta.json last: a folder without it is never loaded.
            (tmp / _META).write_text(json.dumps(meta), encoding="utf-8")
            old = None
            if folder.exists():
                old = folder.parent / f".{folder.name}.old-{os.getpid()}-{uuid.uuid4().hex[:8]}"
                folder.rename(old)
            tmp.rename(folder)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise StoreError(f"cannot write the keyword index to {folder}: {exc}") from exc
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path) -> BM25Index | None:
        """The index saved in ``folder``, or None when missing, incomplete or of an older format."""
        folder = Path(folder)
        try:
            meta = json.loads((folder / _META).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if meta.get("format") != FORMAT_VERSION or meta.get("tokenizer") != tokenizer_version():
            return None
        try:
            refs = [_ref_from_json(d) for d in json.loads((folder / _ITEMS).read_text(encoding="utf-8"))]
            chunk_item = np.load(folder / _CHUNK_ITEM)
            offsets = np.load(folder / _OFFSETS)
            known = json.loads((folder / _COMPOUNDS).read_text(encoding="utf-8"))
            model = None
            if meta["chunks"]:
                model = bm25s.BM25.load(str(folder / _MODEL), mmap=True, show_progress=False)
        except (OSError, ValueError, KeyError) as exc:
            log.warning("søgeindekset i %s kan ikke læses (%s); det bygges igen", folder, exc)
            return None
        reader = _ChunkReader(folder / _CHUNKS, offsets, meta["chunk_ids"], chunk_item, refs)
        return cls(model, meta["chunk_ids"], chunk_item, refs, meta["version"], reader, Decompounder.from_known(known))

    # -- searching -----------------------------------------------------------------------------

    def item_mask(
        self,
        *,
        committees: Collection[str] | None = None,
        municipality: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        month: int | None = None,
        day: int | None = None,
        keys: Collection[str] | None = None,
    ) -> np.ndarray:
        """A boolean per item: inside all the given constraints (None: no constraint)."""
        mask = np.ones(len(self.refs), dtype=bool)
        if committees is not None:
            mask &= np.isin(self._committees, list(committees))
        if municipality is not None:
            mask &= self._municipalities == municipality.casefold()
        if date_from is not None:
            mask &= self._dates >= date_from.toordinal()
        if date_to is not None:
            mask &= self._dates <= date_to.toordinal()
        if month is not None:
            mask &= self._months == month
        if day is not None:
            mask &= self._days == day
        if keys is not None:
            allowed = np.zeros(len(self.refs), dtype=bool)
            idx = [self._key_pos[k] for k in keys if k in self._key_pos]
            allowed[idx] = True
            mask &= allowed
        return mask

    def search(
        self,
        query: str,
        k: int = 10,
        allowed_keys: Collection[str] | None = None,
        item_mask: np.ndarray | None = None,
        terms: dict[str, float] | None = None,
    ) -> list[tuple[str, float]]:
        """The ``k`` best chunks for ``query`` as ``(chunk_id, score)``, best first.

        Only chunks with a positive score are returned; ``allowed_keys`` (item keys) and
        ``item_mask`` (from ``item_mask``) restrict the chunks searched. ``terms``: weighted
        tokens to search for instead of ``query_terms(query)`` (an English question's
        Danish words).
        """
        if k < 1:
            raise ValueError(f"k must be at least 1, got {k}")
        if self.model is None:
            return []
        scores = self.scores(terms if terms is not None else self.query_terms(query))
        if scores is None:
            return []
        if allowed_keys is not None:
            m = self.item_mask(keys=allowed_keys)
            item_mask = m if item_mask is None else item_mask & m
        if item_mask is not None:
            scores = np.where(item_mask[self.chunk_item], scores, 0.0)
        n = min(k, int(np.count_nonzero(scores > 0)))
        if n == 0:
            return []
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.chunk_ids[i], float(scores[i])) for i in top]

    def query_terms(self, query: str) -> dict[str, float]:
        """The tokens to look for and their weights (see the module docstring).

        >>> index.query_terms("cykelstier")   # doctest: +SKIP
        {'cykelsti': 1.0, '~cykelsti': 0.5, 'cykel': 0.35, '~cykel': 0.175, 'sti': 0.35, '~sti': 0.175}
        """
        terms: dict[str, float] = {}

        def add(token: str, weight: float) -> None:
            if weight > terms.get(token, 0.0):
                terms[token] = weight

        for own, *other in token_groups(query):
            for t, weight in [(own, 1.0)] + [(o, W_OTHER_TENSE) for o in other]:
                add(t, weight)
                add(PART + t, weight * W_PART)
        for t in part_tokens(query, self.decompounder.split):
            add(t[len(PART) :], W_QUERY_PART)
            add(t, W_QUERY_PART * W_PART)
        # Related words ("skrald" -> "affald"), at their own (low) weight, as words and parts;
        # not of names ("Greve" the town is not "greve" the count: "baron", "hertug").
        named = names(query)
        for w in words(query):
            if not w.isalpha() or not tokenize(w) or w in named:
                continue
            for other, weight in self.related.of(w).items():
                for t in tokenize(other):
                    add(t, weight)
                    add(PART + t, weight * W_PART)
        return terms

    @property
    def related(self) -> Related:
        """Related words for query expansion (default: ``vectorstore.synonyms.default_related``)."""
        if self._related is None:
            self._related = default_related()
        return self._related

    def knows(self, word: str) -> bool:
        """Whether the index holds the word, whole or as a compound's part ("atletik" in
        "atletikbanen")."""
        vocab = self.model.vocab_dict if self.model is not None else {}
        return any(t in vocab or PART + t in vocab for t in tokenize(word))

    def scores(self, terms: dict[str, float]) -> np.ndarray | None:
        """BM25 score of every chunk for weighted query tokens (None: no token is indexed)."""
        vocab = self.model.vocab_dict if self.model is not None else {}
        found = [(vocab[t], w) for t, w in terms.items() if t in vocab]
        if not found:
            return None
        data, indices, indptr = self.model.scores["data"], self.model.scores["indices"], self.model.scores["indptr"]
        out = np.zeros(len(self.chunk_ids), dtype=np.float32)
        for tid, w in found:
            start, end = int(indptr[tid]), int(indptr[tid + 1])
            # subtle: a token's column holds each chunk at most once, so += is safe here.
            out[indices[start:end]] += np.float32(w) * data[start:end]
        return out

    def has(self, chunk_id: str) -> bool:
        """Whether the chunk is in the index (the index holds the store's visible chunks)."""
        return chunk_id in self._pos

    def ref_of(self, chunk_id: str) -> ItemRef:
        return self.refs[int(self.chunk_item[self._pos[chunk_id]])]

    def chunks_of(self, key: str) -> list[Chunk]:
        """All chunks of the item ``key`` in the index, in item order ([] if unknown)."""
        item = self._key_pos.get(key)
        if item is None:
            return []
        return sorted((self._read_chunk(p) for p in self._item_chunks[item]), key=lambda c: c.position)

    def chunk(self, chunk_id: str) -> Chunk:
        """The full chunk record for an id from ``search``."""
        return self._read_chunk(self._pos[chunk_id])


class _ChunkReader:
    """Reads one chunk's JSON line by offset; the file stays closed between reads."""

    def __init__(
        self, path: Path, offsets: np.ndarray, chunk_ids: Sequence[str], chunk_item: np.ndarray, refs: list[ItemRef]
    ) -> None:
        self.path = path
        self.offsets = offsets
        self.chunk_ids = chunk_ids
        self.chunk_item = chunk_item
        self.refs = refs
        self._lock = threading.Lock()

    def __call__(self, i: int) -> Chunk:
        start, end = int(self.offsets[i]), int(self.offsets[i + 1])
        with self._lock, open(self.path, "rb") as f:
            f.seek(start)
            d = json.loads(f.read(end - start))
        return Chunk(
            id=d["id"],
            ref=self.refs[int(self.chunk_item[i])],
            section_kind=d["kind"],
            text=d["text"],
            body=d["body"],
            pages=(int(d["pages"][0]), int(d["pages"][1])),
            position=int(d["position"]),
        )


def open_index(folder: Path, version: str, chunks: Callable[[], Iterable[Chunk]]) -> BM25Index:
    """The index in ``folder`` if it was built for ``version``; else build from ``chunks()`` and save.

    A folder that cannot be written (read-only store) still gives a working in-memory index.
    """
    index = BM25Index.load(folder)
    if index is not None and index.version == version:
        log.debug("keyword index loaded from %s (%d chunks)", folder, len(index))
        return index
    started = time.perf_counter()
    index = BM25Index.build(chunks(), version=version)
    log.debug("keyword index built (%d chunks) in %.1f s", len(index), time.perf_counter() - started)
    try:
        index.save(folder)
    except StoreError as exc:
        log.warning("%s; søgeindekset holdes kun i hukommelsen", exc)
    return index
