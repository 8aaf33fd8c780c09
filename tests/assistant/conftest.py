"""A tiny world for the answer chain: the Frederikshavn meeting as records (the real parser),
and a small retriever over them (word overlap plus the fake hashing embedder).

The unit tests use these so that they run in milliseconds and do not depend on the store;
the integration tests (``test_frederikshavn.py``) use the real parser, store, retriever and
model.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from assistant.words import content_words, stem, stems_of
from ingest.caseids import find_case_ids, normalise_case_id
from ingest.parse import parse_file
from ingest.records import AgendaItem, Meeting
from tests.fakes import HashingEmbedder
from vectorstore.chunking import item_ref
from vectorstore.records import Filters, ItemHit, ItemRef
from vectorstore.registry import DocumentInfo

FIXTURE = (
    Path(__file__).resolve().parents[1] / "fixtures" / "frederikshavn_arbejdsmarkedsudvalget_2024-03-06_referat.txt"
)


def ref_of(meeting: Meeting, item: AgendaItem) -> ItemRef:
    return item_ref(meeting, item)  # the store's own mapping, so tests cite as the product does


class TinyRetriever:
    """Items ranked by stemmed word overlap (idf-weighted) plus fake-embedding cosine; a case
    ID in the query is looked up exactly. Same contract as ``HybridRetriever.retrieve``."""

    def __init__(self, meetings: Sequence[Meeting], embedder: HashingEmbedder | None = None) -> None:
        self.embedder = embedder or HashingEmbedder()
        self.entries = []
        self.by_sha = {m.sha256: m for m in meetings}
        for m in meetings:
            for it in m.items:
                full = f"{it.title}\n{it.text}"
                self.entries.append((ref_of(m, it), it, stems_of(full)))
        n = len(self.entries)
        df: dict[str, int] = {}
        for _, _, stems in self.entries:
            for s in stems:
                df[s] = df.get(s, 0) + 1
        self.idf = {s: np.log(1 + n / c) for s, c in df.items()}
        self.vecs = self.embedder.embed_passages([f"{r.title}\n{it.text}" for r, it, _ in self.entries])
        self.calls: list[str] = []

    def retrieve(self, query: str, k: int = 10, filters: Filters = Filters()) -> list[ItemHit]:  # noqa: B008
        self.calls.append(query)
        ids = set(find_case_ids(query))  # the product's one rule for case ids in a question
        qstems = {stem(w) for w in content_words(query)}
        qv = self.embedder.embed_queries([query])[0]
        scored = []
        for (ref, item, stems), v in zip(self.entries, self.vecs, strict=True):
            if filters.committee and filters.committee != ref.committee:
                continue
            if ref.case_id and normalise_case_id(ref.case_id) in ids:
                scored.append((100.0, ref, item, "case_id"))
                continue
            lex = sum(self.idf.get(s, 0.0) for s in qstems if s in stems)
            scored.append((lex + float(v @ qv), ref, item, "hybrid"))
        scored.sort(key=lambda x: x[0], reverse=True)
        return [ItemHit(ref=r, score=s, item=it, reason=why) for s, r, it, why in scored[:k]]

    # What ``HybridRetriever`` also offers: the store's names, meetings and time anchor.
    def names(self) -> tuple[list[str], list[str]]:
        ms = self.by_sha.values()
        return sorted({m.committee for m in ms}), sorted({m.municipality for m in ms if m.municipality})

    def meetings(self) -> list[DocumentInfo]:
        return [
            DocumentInfo(m.source, m.sha256, m.municipality, m.committee, m.date, len(m.items), 0)
            for m in self.by_sha.values()
        ]

    def meeting(self, sha256: str) -> Meeting:
        return self.by_sha[sha256]

    def anchor(self):
        return max((m.date for m in self.by_sha.values()), default=None)

    def understand(self, question: str):  # type: ignore[no-untyped-def]
        """What the question says about where to look, against these meetings' names (as
        ``HybridRetriever.understand``)."""
        from vectorstore.query import understand

        committees, municipalities = self.names()
        return understand(question, committees, today=self.anchor(), municipalities=municipalities)


@pytest.fixture(scope="session")
def frederikshavn_meeting() -> Meeting:
    return parse_file(FIXTURE)


@pytest.fixture(scope="session")
def tiny_retriever(frederikshavn_meeting: Meeting) -> TinyRetriever:
    return TinyRetriever([frederikshavn_meeting])
