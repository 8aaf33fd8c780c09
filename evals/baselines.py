"""Baselines that run on the same store and questions as Referat, for comparison.

- ``bm25``: BM25 (bm25s, our Danish tokenizer) over whole items: one document per agenda item
  (title, case, committee, date and the full item text). No query understanding.
- ``dense``: dense-only search over the store's chunks (``Store.dense_search``), chunks grouped
  into items by their best chunk score. No BM25, no case or item lookups.
- ``naive-llamaindex``: what a typical llama-index user builds: one ``Document`` per meeting
  (the meeting's items as text, committee and date as metadata), ``SentenceSplitter()`` with its
  defaults (1024 tokens, 200 overlap), an in-memory ``VectorStoreIndex`` with the SAME embedding
  model (``evals.llama_embedding.EmbedderAdapter``) and ``similarity_top_k=2``. Each retrieved
  node is mapped back to the items whose text it overlaps (largest overlap first).

None of them refuses, and none has an LLM. So that fact accuracy is comparable, each builds an
*extractive answer* (``extractive_answer``): for bm25 and dense, the top item's title and
decision plus the three sentences of its text (dense: of its matched chunks) that share most
words with the question; for naive-llamaindex, the three best sentences of the two retrieved
nodes (a naive pipeline knows nothing of items or decisions). The top item is the one citation.
Follow-ups: baselines have no conversation memory, so the earlier questions are prepended to
the query (the usual cheap fix).

Out of scope: tuning the baselines; they are meant to be what one gets without Referat.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from evals.records import PipelineAnswer
from ingest.records import AgendaItem, Meeting
from vectorstore.chunking import header, item_ref
from vectorstore.records import Filters, ItemRef
from vectorstore.tokenize import tokenize, tokenize_many

BASELINES = ("bm25", "dense", "naive-llamaindex")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
NAIVE_TOP_K = 2


def _query(question: str, history: Sequence[str]) -> str:
    return " ".join([*history, question])


def extractive_answer(query: str, evidence: str, *, title: str = "", decision: str | None = None, n: int = 3) -> str:
    """Title, decision and the ``n`` evidence sentences sharing most word stems with ``query``.

    >>> extractive_answer("Hvor mange unge?", "Der er 28 unge. Vejret er fint.", title="SammenUng")
    'SammenUng\\nDer er 28 unge.'
    """
    q = set(tokenize(query))
    scored = []
    for pos, sentence in enumerate(s.strip() for s in _SENTENCE.split(evidence)):
        if not sentence:
            continue
        overlap = len(q & set(tokenize(sentence)))
        if overlap:
            scored.append((-overlap, pos, sentence))
    best = [s for _, _, s in sorted(scored)[:n]]
    parts = [p for p in (title.strip(), (decision or "").strip()) if p]
    return "\n".join(parts + best)


def _answer(
    refs: list[ItemRef], text: str, retrieved_scores: list[float], started: float, **timings: float
) -> PipelineAnswer:
    total = (time.perf_counter() - started) * 1000
    top = refs[:1]
    return PipelineAnswer(
        text=text,
        refused=False,
        citations=tuple(top),
        retrieved=tuple(refs[:10]),
        citations_json=tuple({**r.to_dict(), "quote": ""} for r in top),
        retrieved_json=tuple(
            {**r.to_dict(), "score": round(float(s), 6)} for r, s in zip(refs[:10], retrieved_scores[:10], strict=True)
        ),
        timings_ms={**timings, "total": total},
    )


def _meetings(store: Any) -> list[Meeting]:
    return [store.get_meeting(d.sha256) for d in store.documents()]


class Bm25Baseline:
    """BM25 over whole items."""

    name = "bm25"

    def __init__(self, store: Any) -> None:
        self._store = store
        self._refs: list[ItemRef] = []
        self._items: list[AgendaItem] = []
        self._model: Any = None
        self._built = False

    def _build(self) -> None:
        import bm25s

        self._built = True

        for meeting in _meetings(self._store):
            for item in meeting.items:
                self._refs.append(item_ref(meeting, item))
                self._items.append(item)
        if not self._refs:
            return
        corpus = tokenize_many([f"{header(r)}\n{i.text}" for r, i in zip(self._refs, self._items, strict=True)])
        self._model = bm25s.BM25(k1=1.2, b=0.75, method="lucene")
        self._model.index(corpus, show_progress=False)

    def ask(self, question: str, history: Sequence[str] = ()) -> PipelineAnswer:
        if not self._built:
            self._build()
        started = time.perf_counter()
        query = _query(question, history)
        ids = self._model.get_tokens_ids(tokenize(query)) if self._refs else []
        if not ids:
            return _answer([], "", [], started)
        scores = self._model.get_scores_from_ids(ids)
        order = [int(i) for i in np.argsort(-scores, kind="stable")[:10] if scores[i] > 0]
        refs = [self._refs[i] for i in order]
        if not refs:
            return _answer([], "", [], started)
        top = self._items[order[0]]
        text = extractive_answer(query, top.text, title=top.title, decision=top.decision)
        return _answer(refs, text, [float(scores[i]) for i in order], started)


class DenseBaseline:
    """Dense-only search over the store's chunks, grouped into items."""

    name = "dense"

    def __init__(self, store: Any, embedder: Any) -> None:
        self._store = store
        self._embedder = embedder

    def ask(self, question: str, history: Sequence[str] = ()) -> PipelineAnswer:
        started = time.perf_counter()
        query = _query(question, history)
        vec = self._embedder.embed_queries([query])[0]
        embed_ms = (time.perf_counter() - started) * 1000
        hits = self._store.dense_search(vec, 50, Filters())
        best: dict[str, tuple[ItemRef, float, list[str]]] = {}
        for chunk, score in hits:
            ref, top, bodies = best.get(chunk.ref.key, (chunk.ref, float(score), []))
            bodies.append(chunk.body)
            best[chunk.ref.key] = (ref, max(top, float(score)), bodies)
        ranked = sorted(best.values(), key=lambda t: -t[1])
        refs = [r for r, _, _ in ranked]
        if not refs:
            return _answer([], "", [], started, embed=embed_ms)
        item = self._store.get_item(refs[0].key)
        text = extractive_answer(query, "\n".join(ranked[0][2]), title=item.title, decision=item.decision)
        return _answer(refs, text, [s for _, s, _ in ranked], started, embed=embed_ms)


class NaiveLlamaIndexBaseline:
    """One Document per meeting, SentenceSplitter defaults, VectorStoreIndex, top-k 2."""

    name = "naive-llamaindex"

    def __init__(self, store: Any, embedder: Any, cache_dir: Path | None = None) -> None:
        self._store = store
        self._embedder = embedder
        self._cache_dir = cache_dir
        self._retriever: Any = None
        # per document id: [(start, end, ItemRef, AgendaItem)] character spans of its items
        self._spans: dict[str, list[tuple[int, int, ItemRef, AgendaItem]]] = {}

    def _build(self) -> None:
        from llama_index.core import Document, VectorStoreIndex
        from llama_index.core.node_parser import SentenceSplitter
        from llama_index.core.schema import MetadataMode

        from evals.llama_embedding import EmbedderAdapter

        docs = []
        for meeting in _meetings(self._store):
            parts, spans, pos = [], [], 0
            for item in meeting.items:
                block = f"Punkt {item.number}: {item.title}\n" + (f"Sag: {item.case_id}\n" if item.case_id else "")
                block += item.text + "\n\n"
                spans.append((pos, pos + len(block), item_ref(meeting, item), item))
                parts.append(block)
                pos += len(block)
            doc_id = meeting.sha256
            self._spans[doc_id] = spans
            docs.append(
                Document(
                    text="".join(parts),
                    id_=doc_id,
                    metadata={"committee": meeting.committee, "date": meeting.date.isoformat()},
                )
            )
        nodes = SentenceSplitter().get_nodes_from_documents(docs)
        texts = [n.get_content(metadata_mode=MetadataMode.EMBED) for n in nodes]
        vectors = self._embed_cached(texts)
        for node, vec in zip(nodes, vectors, strict=True):
            node.embedding = vec.tolist()
        adapter = EmbedderAdapter(self._embedder)
        index = VectorStoreIndex(nodes, embed_model=adapter, show_progress=False)
        self._retriever = index.as_retriever(similarity_top_k=NAIVE_TOP_K)

    def _embed_cached(self, texts: list[str]) -> np.ndarray:
        """Node vectors, cached on disk by the hash of all node texts (building is the slow part)."""
        digest = hashlib.sha256("\x00".join([getattr(self._embedder, "name", ""), *texts]).encode()).hexdigest()[:24]
        path = self._cache_dir / f"naive-llamaindex-{digest}.npy" if self._cache_dir else None
        if path is not None and path.exists():
            return np.load(path)
        # subtle: embedding a whole corpus takes long on a small CPU; blocks are saved as they
        # finish so that an interrupted build resumes where it stopped.
        parts = path.with_suffix(".parts") if path is not None else None
        blocks = []
        for start in range(0, len(texts), 512):
            part = parts / f"{start:08d}.npy" if parts is not None else None
            if part is not None and part.exists():
                blocks.append(np.load(part))
                continue
            block = np.concatenate(
                [
                    self._embedder.embed_passages(texts[i : i + 64])
                    for i in range(start, min(start + 512, len(texts)), 64)
                ]
            )
            if part is not None:
                part.parent.mkdir(parents=True, exist_ok=True)
                np.save(part, block)
            blocks.append(block)
        dim = getattr(self._embedder, "dim", 384)
        vectors = np.concatenate(blocks) if blocks else np.zeros((0, dim), dtype=np.float32)
        if path is not None:
            np.save(path, vectors)
            for p in sorted(parts.glob("*.npy")):
                p.unlink()
            parts.rmdir()
        return vectors

    def ask(self, question: str, history: Sequence[str] = ()) -> PipelineAnswer:
        if self._retriever is None:
            self._build()
        started = time.perf_counter()
        query = _query(question, history)
        found = self._retriever.retrieve(query)
        refs: list[ItemRef] = []
        scores: list[float] = []
        for nws in found:
            node = nws.node
            start, end = node.start_char_idx or 0, node.end_char_idx or 0
            overlaps = [
                (min(end, e) - max(start, s), ref)
                for s, e, ref, _ in self._spans.get(node.ref_doc_id or "", [])
                if min(end, e) > max(start, s)
            ]
            for _, ref in sorted(overlaps, key=lambda t: -t[0]):
                if ref.key not in {r.key for r in refs}:
                    refs.append(ref)
                    scores.append(float(nws.score or 0.0))
        evidence = "\n".join(n.node.get_content() for n in found)
        return _answer(refs, extractive_answer(query, evidence), scores, started)


def make_baseline(name: str, store: Any, embedder: Any, cache_dir: Path | None = None) -> Any:
    """``make_baseline("bm25", store, embedder)``; names in ``BASELINES``."""
    if name == "bm25":
        return Bm25Baseline(store)
    if name == "dense":
        return DenseBaseline(store, embedder)
    if name == "naive-llamaindex":
        return NaiveLlamaIndexBaseline(store, embedder, cache_dir)
    raise ValueError(f"unknown baseline {name!r}; expected one of {', '.join(BASELINES)}")
