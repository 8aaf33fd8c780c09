"""The BM25 side: Danish tokens, ranking over real chunks, filters, and the index on disk."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest

from ingest.parse import parse_file
from vectorstore.bm25 import BM25Index, open_index
from vectorstore.chunking import chunk_meeting
from vectorstore.records import Chunk
from vectorstore.tokenize import stopwords, tokenize

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FREDERIKSHAVN = FIXTURES / "frederikshavn_arbejdsmarkedsudvalget_2024-03-06_referat.txt"
BALLERUP = FIXTURES / "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04_referat.pdf"
GREVE = sorted((FIXTURES / "greve").glob("*.json"))

# -- tokens ------------------------------------------------------------------------------------


def test_words_are_lower_cased_and_stemmed() -> None:
    assert tokenize("Frederikshavnerordningen") == ["frederikshavnerordning"]
    # inflections of one word meet in one stem
    assert tokenize("udvalget")[0] == tokenize("udvalgets")[0] == tokenize("Udvalg")[0]
    assert tokenize("sygemeldte") == tokenize("sygemeldt")
    assert tokenize("BØRN børnene") == ["børn", "børn"]


def test_stopwords_go_content_words_stay() -> None:
    assert tokenize("Hvad blev der besluttet om det?") == tokenize("besluttet")
    assert "sag" in tokenize("sag")  # a domain word, kept on purpose
    assert {"og", "i", "at", "det", "the", "what"} <= stopwords()


@pytest.mark.parametrize(
    ("text", "whole", "parts"),
    [
        ("Sags ID: EMN-2024-00966", "emn-2024-00966", ["emn", "2024", "00966"]),
        ("Sagsnr.: 2012-28504", "2012-28504", ["2012", "28504"]),
        ("sag 23-007402K", "23-007402k", ["23"]),
        ("j.nr. 12/27845", "12/27845", ["12", "27845"]),
        ("1.316.000 kr.", "1.316.000", ["1", "316", "000"]),
    ],
)
def test_identifiers_are_kept_whole_and_in_parts(text: str, whole: str, parts: list[str]) -> None:
    tokens = tokenize(text)
    assert whole in tokens
    for p in parts:
        assert p in tokens


def test_item_numbers_survive_as_tokens() -> None:
    assert "5" in tokenize("Punkt 5")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Frederikshavnerordningen blev godkendt", "Sag EMN-2024-00966, punkt 5"),
        ("Økonomiudvalget 2023-03-20", "budgetopfølgning pr. 31. marts"),
        ("", "noget"),
        ("What did they decide?", "æøå ÆØÅ 1.8 mio."),
    ],
)
def test_tokens_of_joined_texts_are_the_tokens_of_each(a: str, b: str) -> None:
    # Tokens never straddle a space: indexing a chunk equals indexing its pieces.
    assert Counter(tokenize(f"{a} {b}")) == Counter(tokenize(a)) + Counter(tokenize(b))


def test_tokens_are_lower_case_and_never_stopwords_or_empty() -> None:
    text = FREDERIKSHAVN.read_text(encoding="utf-8")
    tokens = tokenize(text)
    assert len(tokens) > 2000
    assert all(t and t == t.lower() for t in tokens)
    assert all(tokenize(w) == [] for w in stopwords())
    assert tokenize(text) == tokens  # deterministic


# -- ranking over real chunks ------------------------------------------------------------------


@pytest.fixture(scope="module")
def chunks() -> list[Chunk]:
    out: list[Chunk] = []
    for path in [FREDERIKSHAVN, BALLERUP, *GREVE]:
        out += chunk_meeting(parse_file(path))
    return out


@pytest.fixture(scope="module")
def index(chunks: list[Chunk]) -> BM25Index:
    return BM25Index.build(chunks, version="v1")


def _top_item(index: BM25Index, query: str, **kw) -> tuple[str, str | None]:
    hits = index.search(query, 5, **kw)
    assert hits, query
    ref = index.ref_of(hits[0][0])
    return ref.item_number, ref.case_id


@pytest.mark.parametrize(
    ("query", "number", "case_id"),
    [
        ("Frederikshavnerordningen", "5", "EMN-2024-00966"),
        ("EMN-2019-01604", "8", "EMN-2019-01604"),
        ("emn-2019-01604", "8", "EMN-2019-01604"),
        ("sygedagpenge investeringscase", "3", "EMN-2015-00255"),
        ("rygestopkurser", "8", "2010-3082"),
        ("Sagsnr. 2012-28504", "2", "2012-28504"),
        ("Salg af Hundige Bygade", "2", "25-003374"),
        ("Bostedet Vangeleddet", "2", "25-010259"),
    ],
)
def test_exact_terms_rank_their_item_first(index: BM25Index, query: str, number: str, case_id: str) -> None:
    assert _top_item(index, query) == (number, case_id)


def test_scores_are_positive_and_descending(index: BM25Index) -> None:
    hits = index.search("sygemeldte borgere jobcenter", 20)
    scores = [s for _, s in hits]
    assert scores and all(s > 0 for s in scores)
    assert scores == sorted(scores, reverse=True)
    assert len({cid for cid, _ in hits}) == len(hits)


def test_nothing_for_unknown_or_empty_queries(index: BM25Index) -> None:
    assert index.search("xyzzyplugh", 5) == []
    assert index.search("", 5) == []
    assert index.search("hvad og det", 5) == []  # only stopwords
    with pytest.raises(ValueError, match="k must be"):
        index.search("noget", 0)


def test_allowed_keys_restrict_the_search(index: BM25Index, chunks: list[Chunk]) -> None:
    ballerup = {c.ref.key for c in chunks if c.ref.municipality == "Ballerup"}
    hits = index.search("Frederikshavnerordningen sygedagpenge", 10, allowed_keys=ballerup)
    assert all(index.ref_of(cid).key in ballerup for cid, _ in hits)
    assert index.search("Frederikshavnerordningen", 10, allowed_keys=set()) == []


def test_item_masks_filter_by_committee_municipality_and_dates(index: BM25Index) -> None:
    cases = [
        ({"committees": ["Økonomiudvalget"]}, lambda r: r.committee == "Økonomiudvalget"),
        ({"municipality": "greve"}, lambda r: r.municipality == "Greve"),
        ({"date_from": dt.date(2025, 1, 1)}, lambda r: r.meeting_date >= dt.date(2025, 1, 1)),
        ({"date_to": dt.date(2013, 1, 1)}, lambda r: r.meeting_date <= dt.date(2013, 1, 1)),
        ({"month": 3}, lambda r: r.meeting_date.month == 3),
        ({"month": 6, "day": 25}, lambda r: r.meeting_date == dt.date(2025, 6, 25)),
    ]
    for kw, ok in cases:
        mask = index.item_mask(**kw)
        assert mask.any(), kw
        assert all(bool(m) == ok(r) for m, r in zip(mask, index.refs, strict=True)), kw
        hits = index.search("godkendelse af dagsorden udvalget", 50, item_mask=mask)
        assert hits and all(ok(index.ref_of(cid)) for cid, _ in hits), kw


def test_chunk_records_come_back_whole(index: BM25Index, chunks: list[Chunk]) -> None:
    by_id = {c.id: c for c in chunks}
    for cid, _ in index.search("Frederikshavnerordningen", 5):
        assert index.chunk(cid) == by_id[cid]
    key = by_id[index.search("Frederikshavnerordningen", 1)[0][0]].ref.key
    assert index.chunks_of(key) == sorted((c for c in chunks if c.ref.key == key), key=lambda c: c.position)
    assert index.chunks_of("no:such") == []


# -- on disk -----------------------------------------------------------------------------------


def test_save_and_load_give_the_same_answers(index: BM25Index, chunks: list[Chunk], tmp_path: Path) -> None:
    index.save(tmp_path / "bm25")
    loaded = BM25Index.load(tmp_path / "bm25")
    assert loaded is not None and loaded.version == "v1" and len(loaded) == len(chunks)
    by_id = {c.id: c for c in chunks}
    for q in ("Frederikshavnerordningen", "EMN-2019-01604", "rygestop", "Hundige Bygade salg"):
        assert loaded.search(q, 10) == index.search(q, 10)
        for cid, _ in loaded.search(q, 3):
            assert loaded.chunk(cid) == by_id[cid]
    assert not list(tmp_path.glob(".bm25.*"))  # no temporary folders left


def test_open_index_rebuilds_only_when_the_version_changes(chunks: list[Chunk], tmp_path: Path) -> None:
    calls: list[int] = []

    def source():
        calls.append(1)
        return iter(chunks[:40])

    folder = tmp_path / "bm25"
    first = open_index(folder, "v1", source)
    assert len(calls) == 1 and len(first) == 40
    again = open_index(folder, "v1", source)
    assert len(calls) == 1 and again.search("dagsorden", 5) == first.search("dagsorden", 5)
    changed = open_index(folder, "v2", lambda: iter(chunks))
    assert changed.version == "v2" and len(changed) == len(chunks)
    assert BM25Index.load(folder).version == "v2"


def test_a_damaged_or_older_index_is_rebuilt(chunks: list[Chunk], tmp_path: Path) -> None:
    folder = tmp_path / "bm25"
    open_index(folder, "v1", lambda: iter(chunks[:10]))
    meta = json.loads((folder / "meta.json").read_text())
    (folder / "meta.json").write_text(json.dumps({**meta, "tokenizer": "0"}))
    assert BM25Index.load(folder) is None
    assert len(open_index(folder, "v1", lambda: iter(chunks[:10]))) == 10
    (folder / "meta.json").write_text("{not json")
    assert BM25Index.load(folder) is None
    (folder / "items.json").unlink()
    assert len(open_index(folder, "v1", lambda: iter(chunks[:10]))) == 10


def test_an_empty_store_gives_an_empty_index(tmp_path: Path) -> None:
    index = open_index(tmp_path / "bm25", "empty", lambda: iter(()))
    assert len(index) == 0 and index.search("noget", 5) == []
    assert len(BM25Index.load(tmp_path / "bm25")) == 0
