"""Hybrid retrieval of agenda items: exact lookups first, then dense + BM25 fused by rank.

    retriever = open_retriever(settings)
    hits = retriever.retrieve("Hvad blev der besluttet om Frederikshavnerordningen?", k=5)
    hits[0].ref.item_number, hits[0].ref.case_id   # ('5', 'EMN-2024-00966')

How a question is answered with items (``ItemHit``), in order:

1. **Case IDs** in the question ("sag EMN-2024-00966") are looked up exactly; every item of
   that case comes first (those inside the question's committee/date first, then newest
   first), ``reason="case_id"``.
2. **"punkt N"** with a date or committee ("punkt 5 den 6. marts 2024") is looked up exactly
   and comes next, ``reason="item"``.
3. **Hybrid** ranking (an English question: the keyword side searches the Danish words of
   its translation, ``vectorstore.translate``, and the dense side counts more): dense (``Store.dense_ids`` with the e5 "query: " embedding) and
   BM25 (``vectorstore.bm25``) each rank chunks; each list becomes a list of items (an item
   scores what its best chunk scores), and the lists are fused by score (``fuse``): each
   list's scores are standardised (z-scores over the items it returned; an item it did not
   return gets its lowest), and an item's fused score is the weighted mean. Unlike fusion by
   reciprocal rank, an item that only one list finds, but finds clearly better than the rest
   (a paraphrase the keywords miss), is not outranked by items both lists return in the middle.
   Chosen on the refusal-calibration questions, a development set apart from the eval suites
   (docs/EVAL.md); ``Weights.fusion = "rrf"`` gives the former reciprocal-rank fusion.

A meeting ingested from two files (Ballerup's eDoc XML beside its PDF) stores every item
twice; the ranking keeps one copy of each agenda item (the better-ranked), ``_one_copy``.

Explicit ``filters`` are hard: nothing outside them is returned. What the question itself
names (committee, municipality, month, year: ``vectorstore.query``) is *soft*: a second
dense and BM25 search inside that scope brings in its best items (at the rank their score
earns in the whole list), and items inside the scope get their fused score multiplied by
``1 + scope_boost``. So among comparable matches the one in the named committee or month
wins, while a much better match elsewhere still wins too (a question that says "byrådet"
about a matter decided in a committee, or "i 2017" about numbers from 2017 in a 2024
meeting). An explicit filter replaces the inferred one of the same kind.

Scores: exact lookups score 1.0; fused scores lie in (0, 0.5): the weighted mean z-score
through a logistic, so that only the order means anything.

Out of scope: answering (``assistant``), the index itself (``vectorstore.store``,
``vectorstore.bm25``), and query rewriting with a language model.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import math
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from core.settings import Settings
from vectorstore.bm25 import BM25Index, open_index
from vectorstore.query import QueryPlan, resolve_committee, understand
from vectorstore.records import Chunk, Filters, ItemHit, ItemRef
from vectorstore.tokenize import tokenize
from vectorstore.translate import default_translator, is_english

if TYPE_CHECKING:
    from ingest.records import Meeting
    from vectorstore.embedding import Embedder
    from vectorstore.registry import DocumentInfo
    from vectorstore.store import Store

log = logging.getLogger(__name__)

RRF_K = 60
EXACT_SCORE = 1.0
MAX_CHUNKS_PER_HIT = 3


@dataclass(frozen=True)
class Weights:
    """How much each ranked list counts in the fusion (see the module docstring)."""

    dense: float = 1.0
    bm25: float = 1.0
    # An item inside the scope the question names (committee, month, ...) scores this much more.
    scope_boost: float = 0.3
    # An English question: the multilingual dense side reads it as asked, the keyword side
    # only through a dictionary (``vectorstore.translate``), so the dense list counts more.
    english_dense: float = 1.6
    english_bm25: float = 0.7
    # How the lists are fused: "zscore" (standardised scores, weighted mean) or "rrf"
    # (reciprocal rank, ``w / (RRF_K + rank)``); see the module docstring and ``fuse``.
    fusion: str = "zscore"

    def __post_init__(self) -> None:
        if self.fusion not in FUSIONS:
            raise ValueError(f"unknown fusion {self.fusion!r} (one of {', '.join(FUSIONS)})")


FUSIONS = ("zscore", "rrf")


@dataclass(frozen=True)
class _Scope:
    """Where to search: committees (any of), municipality, date range, month/day of any year."""

    committees: tuple[str, ...] | None = None
    municipality: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    month: int | None = None
    day: int | None = None

    def is_empty(self) -> bool:
        return not (self.committees or self.municipality or self.date_from or self.date_to or self.month)

    def chroma_can_filter(self) -> bool:
        """Whether Chroma's filters (one committee, municipality, date range) can say this scope:
        not "any of many committees", not "March of any year"."""
        return not ((self.committees is not None and len(self.committees) > 3) or (self.month and not self.date_from))

    def filters(self, committee: str | None = None) -> Filters:
        return Filters(
            municipality=self.municipality, committee=committee, date_from=self.date_from, date_to=self.date_to
        )

    def contains(self, ref: ItemRef) -> bool:
        if self.committees is not None and ref.committee.casefold() not in {c.casefold() for c in self.committees}:
            return False
        if self.municipality and (ref.municipality or "").casefold() != self.municipality.casefold():
            return False
        d = ref.meeting_date
        if (self.date_from and d < self.date_from) or (self.date_to and d > self.date_to):
            return False
        if self.month and d.month != self.month:
            return False
        return not (self.day and d.day != self.day)

    def narrowed(self, other: _Scope) -> _Scope:
        """This scope and ``other`` together (``other``'s fields fill in only what this lacks)."""
        return _Scope(
            committees=self.committees if self.committees is not None else other.committees,
            municipality=self.municipality or other.municipality,
            date_from=self.date_from or other.date_from,
            date_to=self.date_to or other.date_to,
            month=self.month or other.month,
            day=self.day or other.day,
        )


class HybridRetriever:
    """Items for a question from one ``Store`` and its BM25 index. Thread-safe.

    Every knob is a constructor argument: ``weights`` for the fusion, ``depth`` chunks taken
    from each ranked list (at least ``4 * k``). The BM25 index is reopened (loaded, or rebuilt
    and saved) whenever ``Store.version()`` changes.
    """

    def __init__(
        self,
        store: Store,
        bm25_folder: Path,
        embedder: Embedder | None = None,
        *,
        weights: Weights = Weights(),
        depth: int = 50,
        today: dt.date | None = None,
    ) -> None:
        if depth < 1:
            raise ValueError(f"depth must be at least 1, got {depth}")
        self.store = store
        self.bm25_folder = Path(bm25_folder)
        self._embedder = embedder
        self.weights = weights
        self.depth = depth
        self.today = today
        self._lock = threading.Lock()
        self._version: str | None = None
        self._bm25: BM25Index | None = None
        self._committees: list[str] = []
        self._municipalities: list[str] = []
        self._meetings: OrderedDict[str, tuple[str, ...]] = OrderedDict()
        self._newest: dt.date | None = None

    # -- state that follows the store --------------------------------------------------------

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = self.store.embedder
        return self._embedder

    @property
    def indexed_version(self) -> str | None:
        """The ``Store.version()`` the keyword index was last built or loaded for (None before
        the first ``refresh``)."""
        return self._version

    def refresh(self) -> BM25Index:
        """The BM25 index for the store as it is now (rebuilt only if the store changed).

        Searches call it themselves; a writer (the web app after an upload or a removal)
        calls it so that the next question does not wait for the rebuild."""
        version = self.store.version()
        with self._lock:
            if self._bm25 is None or version != self._version:
                self._bm25 = open_index(self.bm25_folder, version, self.store.iter_chunks)
                stats = self.store.stats()
                if len(self._bm25) == 0 and stats.chunks:
                    log.warning("lageret har %d tekststykker, men søgeindekset fik ingen", stats.chunks)
                self._committees = list(stats.committees)
                self._municipalities = list(stats.municipalities)
                self._newest = stats.date_to
                self._meetings.clear()
                self._version = version
            return self._bm25

    def understand(self, question: str) -> QueryPlan:
        """What the question says about where to look, against this store's names."""
        self.refresh()
        return understand(question, self._committees, today=self.anchor(), municipalities=self._municipalities)

    def case_hits(self, case_id: str) -> list[ItemHit]:
        """Every item of one case, by exact lookup only (no ranking, no keyword search), as
        ``ItemHit``s with ``reason="case_id"``: what a case's thread is built from."""
        bm25 = self.refresh()
        return [self._hit(ref, EXACT_SCORE, "case_id", [], bm25) for ref in self.store.items_by_case(case_id)]

    def names(self) -> tuple[list[str], list[str]]:
        """(committees, municipalities) as the store names them."""
        self.refresh()
        return list(self._committees), list(self._municipalities)

    def meetings(self) -> list[DocumentInfo]:
        """Every meeting (ingested document) in the store: source, sha256, committee, date."""
        return self.store.documents()

    def meeting(self, sha256: str) -> Meeting:
        """The meeting record as parsed (participants, absences, time, place, items)."""
        return self.store.get_meeting(sha256)

    def anchor(self) -> dt.date | None:
        """What relative phrases ("sidste år", "sidste måned") count from: ``today`` when given,
        else the newest meeting in the store (minutes of 2022-2025 asked "sidste år" mean 2024)."""
        return self.today or self._newest

    # -- the one public operation ------------------------------------------------------------

    def retrieve(self, query: str, k: int = 10, filters: Filters = Filters()) -> list[ItemHit]:  # noqa: B008
        """The ``k`` best items for ``query`` inside ``filters``, best first (see module docstring)."""
        if k < 1:
            raise ValueError(f"k must be at least 1, got {k}")
        query = query.strip()
        if not query:
            return []
        bm25 = self.refresh()
        plan = understand(query, self._committees, today=self.anchor(), municipalities=self._municipalities)
        hard, soft = self._scopes(plan, filters)

        exact: dict[str, tuple[ItemRef, str]] = {}
        for ref in self._case_hits(plan, hard, soft):
            exact.setdefault(ref.key, (ref, "case_id"))
        item_refs = self._item_hits(plan, hard, soft)

        # A bare case ID needs no embedding (and a cold CLI then never loads the model).
        dense = not (exact and _only_case_ids(query, plan))
        fused, chunks = self._hybrid(query, bm25, hard, soft, max(self.depth, 4 * k), dense=dense)
        # Items found by "punkt N" come in the order hybrid ranking gives them, then newest first.
        item_refs.sort(key=lambda r: (-fused.get(r.key, (0.0, r))[0], -r.meeting_date.toordinal()))
        for ref in item_refs:
            exact.setdefault(ref.key, (ref, "item"))

        ranked: list[tuple[ItemRef, float, str]] = [(ref, EXACT_SCORE, why) for ref, why in exact.values()]
        for key, (score, ref) in sorted(fused.items(), key=lambda kv: -kv[1][0]):
            if key not in exact:
                ranked.append((ref, score, "hybrid"))
        ranked = _one_copy(ranked)
        return [self._hit(ref, score, why, chunks.get(ref.key, []), bm25) for ref, score, why in ranked[:k]]

    # -- scopes ------------------------------------------------------------------------------

    def _resolve_committee(self, name: str) -> tuple[str, ...]:
        """Store committee names for a user's spelling ("økonomiudvalget", "skoleudvalget",
        "arbejdsmarked"): ``vectorstore.query.resolve_committee``; the name as given when it
        stands for none (then nothing matches)."""
        return resolve_committee(name, self._committees, self._municipalities) or (name,)

    def _scopes(self, plan: QueryPlan, filters: Filters) -> tuple[_Scope, _Scope]:
        hard = _Scope(
            committees=self._resolve_committee(filters.committee) if filters.committee else None,
            municipality=filters.municipality,
            date_from=filters.date_from,
            date_to=filters.date_to,
        )
        explicit_dates = filters.date_from is not None or filters.date_to is not None
        soft = _Scope(
            committees=(plan.committees or None) if filters.committee is None else None,
            municipality=plan.municipality if filters.municipality is None else None,
            date_from=None if explicit_dates else plan.date_from,
            date_to=None if explicit_dates else plan.date_to,
            month=None if explicit_dates else plan.month,
            day=None if explicit_dates else plan.day,
        )
        return hard, soft

    # -- exact lookups -----------------------------------------------------------------------

    def _case_hits(self, plan: QueryPlan, hard: _Scope, soft: _Scope) -> list[ItemRef]:
        refs: list[ItemRef] = []
        for case_id in plan.case_ids:
            found = [r for r in self.store.items_by_case(case_id) if hard.contains(r)]
            found.sort(key=lambda r: (not soft.contains(r), -r.meeting_date.toordinal(), _number_key(r.item_number)))
            refs.extend(found)
        return refs

    def _item_hits(self, plan: QueryPlan, hard: _Scope, soft: _Scope) -> list[ItemRef]:
        """Items named by "punkt N": only when the question also says which meeting, or when
        the store has so few items of that number that the choice is clear."""
        if plan.item_number is None:
            return []
        scope = hard.narrowed(soft)
        committees = scope.committees or (None,)
        found: list[ItemRef] = []
        for committee in committees:
            found += self.store.find_items(
                item_number=plan.item_number,
                committee=committee,
                municipality=scope.municipality,
                date_from=scope.date_from,
                date_to=scope.date_to,
            )
        found = [r for r in found if scope.contains(r)]
        if scope.is_empty() and len(found) > 3:
            return []
        return found

    # -- hybrid ranking ----------------------------------------------------------------------

    def _hybrid(
        self, query: str, bm25: BM25Index, hard: _Scope, soft: _Scope, depth: int, *, dense: bool = True
    ) -> tuple[dict[str, tuple[float, ItemRef]], dict[str, list[Chunk]]]:
        if len(bm25) == 0:
            return {}, {}
        english = is_english(query)
        terms = bm25.query_terms(" ".join(default_translator().danish_words(query, bm25.knows))) if english else None
        w_dense, w_bm25 = (
            (self.weights.english_dense, self.weights.english_bm25)
            if english
            else (self.weights.dense, self.weights.bm25)
        )
        vec = self.embedder.embed_queries([query])[0] if dense else None
        dense_hits = self._dense(vec, hard, depth, bm25) if vec is not None else []
        bm25_hits = bm25.search(query, depth, item_mask=self._mask(bm25, hard), terms=terms)
        scoped = hard.narrowed(soft) if not soft.is_empty() else None
        if scoped is not None:
            # The best matches inside the question's own scope join the lists at the rank their
            # score earns among all (same query, so scores compare), and get a boost below.
            if vec is not None:
                dense_hits = _merge(dense_hits, self._dense(vec, scoped, depth, bm25), key=lambda c: c)
            mask = self._mask(bm25, scoped)
            if mask is not None and mask.any():
                bm25_hits = _merge(bm25_hits, bm25.search(query, depth, item_mask=mask, terms=terms), key=lambda c: c)

        lists: list[tuple[float, list[tuple[Chunk | str, float]]]] = []
        if vec is not None:
            lists.append((w_dense, list(dense_hits)))
        lists.append((w_bm25, list(bm25_hits)))

        refs: dict[str, ItemRef] = {}
        matched: dict[str, dict[str, Chunk | str]] = {}
        item_lists: list[tuple[float, dict[str, float]]] = []
        for weight, ranked in lists:
            best: dict[str, float] = {}  # item -> its best chunk's score, in rank order
            for chunk, score in ranked:
                cid = chunk if isinstance(chunk, str) else chunk.id
                ref = bm25.ref_of(cid)
                refs.setdefault(ref.key, ref)
                per_item = matched.setdefault(ref.key, {})
                if cid not in per_item or isinstance(per_item[cid], str):
                    per_item[cid] = chunk
                best.setdefault(ref.key, float(score))
            item_lists.append((weight, best))
        fused = {key: (score, refs[key]) for key, score in fuse(item_lists, self.weights.fusion).items()}
        if scoped is not None and self.weights.scope_boost:
            for key, (score, ref) in fused.items():
                if scoped.contains(ref):
                    fused[key] = (score * (1.0 + self.weights.scope_boost), ref)
        chunks = {
            key: [bm25_chunk(bm25, c) for c in list(found.values())[:MAX_CHUNKS_PER_HIT]]
            for key, found in matched.items()
        }
        return fused, chunks

    def _dense(self, vec: np.ndarray, scope: _Scope, depth: int, bm25: BM25Index) -> list[tuple[str, float]]:
        """``(chunk id, cosine)`` of the ``depth`` nearest visible chunks inside ``scope``.

        Chroma gives ids and distances only; the keyword index, built for the same store
        version, says which ids are visible and what item each belongs to, and reads the chunk
        itself only for the items that are kept (``bm25_chunk``).
        """

        def inside(got: list[tuple[str, float]]) -> list[tuple[str, float]]:
            return [(c, x) for c, x in got if bm25.has(c) and scope.contains(bm25.ref_of(c))]

        if not scope.is_empty():
            # Chroma's own filters scan every record's metadata (at 500k chunks 160 ms for a
            # municipality, 1.7 s for a year); an unfiltered search walks only the HNSW graph
            # (1.3 ms for 75 ids, 15 ms for 3,200: bench/growth.py, docs/PERFORMANCE.md). So look
            # deep without a filter first and keep what lies inside the scope; filter in Chroma
            # only when the scope is too small a part of the store to fill the list that way,
            # and Chroma can say the scope at all.
            for n in (8 * depth, 64 * depth):
                got = self.store.dense_ids(vec, n)
                kept = inside(got)
                if len(kept) >= depth or len(got) < n:
                    return kept[:depth]
            if not scope.chroma_can_filter():
                return kept[:depth]
        committees = scope.committees or (None,)
        out: list[tuple[str, float]] = []
        for committee in committees:
            n = depth + max(10, depth // 2)
            while True:
                got = self.store.dense_ids(vec, n, scope.filters(committee))
                kept = inside(got)
                if len(kept) >= depth or len(got) < n:
                    break
                n *= 4  # chunks not (yet) visible crowded the top: look further
            out += kept[:depth]
        if len(committees) > 1:
            out.sort(key=lambda cs: -cs[1])
        return out[:depth]

    @staticmethod
    def _mask(bm25: BM25Index, scope: _Scope) -> np.ndarray | None:
        if scope.is_empty():
            return None
        return bm25.item_mask(
            committees=scope.committees,
            municipality=scope.municipality,
            date_from=scope.date_from,
            date_to=scope.date_to,
            month=scope.month,
            day=scope.day,
        )

    # -- assembling hits ---------------------------------------------------------------------

    def _hit(self, ref: ItemRef, score: float, reason: str, chunks: list[Chunk], bm25: BM25Index) -> ItemHit:
        if not chunks:
            chunks = bm25.chunks_of(ref.key)[:MAX_CHUNKS_PER_HIT]
        return ItemHit(
            ref=ref,
            score=score,
            item=self.store.get_item(ref.key),
            chunks=tuple(chunks),
            reason=reason,
            meeting_absent=self._meeting_absent(ref.source_sha256),
        )

    def _meeting_absent(self, sha256: str) -> tuple[str, ...]:
        with self._lock:
            if sha256 in self._meetings:
                self._meetings.move_to_end(sha256)
                return self._meetings[sha256]
        try:
            absent = tuple(str(p) for p in self.store.get_meeting(sha256).absent)
        except KeyError:
            absent = ()
        with self._lock:
            self._meetings[sha256] = absent
            while len(self._meetings) > 256:
                self._meetings.popitem(last=False)
        return absent


_CASE_WORDS = frozenset(tokenize("sag sager sagen sagsnr sagsnummer sags id case nr nummer journalnummer"))


def _only_case_ids(query: str, plan: QueryPlan) -> bool:
    """True when the query says nothing but case IDs ("EMN-2019-01604", "sag 23-007402")."""
    id_tokens = set(tokenize(" ".join(plan.case_ids)))
    return all(t in id_tokens or t in _CASE_WORDS for t in tokenize(query))


def _one_copy(ranked: list[tuple[ItemRef, float, str]]) -> list[tuple[ItemRef, float, str]]:
    """The ranking with one copy of each agenda item: a meeting ingested from two files (Ballerup
    publishes eDoc XML beside the PDF) has every item twice, under two keys; the better-ranked
    copy stays. An item is the same when kommune, committee, date, number and case (or, without
    a case, title) are."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for ref, score, why in ranked:
        if ref.identity not in seen:
            seen.add(ref.identity)
            out.append((ref, score, why))
    return out


def fuse(lists: Sequence[tuple[float, Mapping[str, float]]], method: str = "zscore") -> dict[str, float]:
    """Fused scores of the items of ranked lists, each ``(weight, {item: score})`` in rank order.

    ``"zscore"``: every list's scores standardised over the items it returned (mean 0, sd 1);
    an item a list did not return gets that list's lowest standardised score; the weighted
    mean, through a logistic into (0, 0.5) so that exact lookups (``EXACT_SCORE``) stay on top.
    ``"rrf"``: reciprocal rank fusion, the sum of ``weight / (RRF_K + rank)``.

    >>> f = fuse([(1.0, {"a": 0.9, "b": 0.5, "c": 0.49}), (1.0, {"b": 12.0, "c": 11.0, "d": 1.0})])
    >>> max(f, key=f.get)   # "b": good in both lists
    'b'
    """
    if method == "rrf":
        out: dict[str, float] = {}
        for weight, items in lists:
            for rank, key in enumerate(items, 1):
                out[key] = out.get(key, 0.0) + weight / (RRF_K + rank)
        return out
    if method != "zscore":
        raise ValueError(f"unknown fusion {method!r} (one of {', '.join(FUSIONS)})")
    standard: list[tuple[float, dict[str, float], float]] = []
    for weight, items in lists:
        if not items:
            continue
        values = np.fromiter(items.values(), dtype=np.float64)
        sd = float(values.std()) or 1.0
        mean = float(values.mean())
        z = {key: (x - mean) / sd for key, x in items.items()}
        standard.append((weight, z, min(z.values())))
    total = sum(w for w, _, _ in standard) or 1.0
    keys = dict.fromkeys(k for _, items in lists for k in items)
    return {
        key: 0.5 / (1.0 + math.exp(-sum(w * z.get(key, floor) for w, z, floor in standard) / total))
        for key in keys
    }


def _merge(a: list, b: list, key) -> list:  # type: ignore[no-untyped-def]
    """Two ``(x, score)`` lists for the same query as one, best score first, without repeats."""
    seen: set = set()
    out = []
    for x, score in sorted([*a, *b], key=lambda xs: -xs[1]):
        k = key(x)
        if k not in seen:
            seen.add(k)
            out.append((x, score))
    return out


def bm25_chunk(bm25: BM25Index, chunk: Chunk | str) -> Chunk:
    return chunk if isinstance(chunk, Chunk) else bm25.chunk(chunk)


def _number_key(number: str) -> tuple[float, str]:
    try:
        return float(number), number
    except ValueError:
        return float("inf"), number


def bm25_folder(settings: Settings) -> Path:
    """Where the BM25 index lives: ``settings.bm25_dir`` when set (so that a read-only or
    shared store is left alone), else beside an embedded store, or in a cache per server."""
    if settings.bm25_dir is not None:
        return settings.bm25_dir / settings.collection
    if settings.chroma_url:
        digest = hashlib.sha256(f"{settings.chroma_url}\x1f{settings.collection}".encode()).hexdigest()[:16]
        return settings.home / "cache" / f"bm25-{digest}"
    return settings.store / "bm25" / settings.collection


def open_retriever(settings: Settings, store: Store | None = None, embedder: Embedder | None = None) -> HybridRetriever:
    """A retriever over the store ``settings`` names (or ``store``). Loads no model yet."""
    if store is None:
        from vectorstore.store import Store

        store = Store.open(settings, embedder)
    return HybridRetriever(store, bm25_folder(settings), embedder)


__all__ = ["HybridRetriever", "Weights", "bm25_folder", "open_retriever"]
