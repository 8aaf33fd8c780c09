"""Related words for searching: the municipal list, the thesaurus reader, and expansion weights."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.vectorstore.minutes import text_chunks
from vectorstore.bm25 import W_PART, BM25Index
from vectorstore.compounds import Decompounder
from vectorstore.synonyms import (
    THESAURUS,
    W_MUNICIPAL,
    W_THESAURUS,
    Related,
    load,
    municipal_terms,
    read_thesaurus,
)
from vectorstore.tokenize import PART, tokenize

MYTHES = """UTF-8
affald|2
|skrald
|atomaffald (underbegreb)|rest|levning
gebyr|1
|afgift|betaling|entré
"""


def test_the_municipal_list_relates_a_group_both_ways_by_stem() -> None:
    r = municipal_terms()
    assert r.of("gebyret")["takst"] == W_MUNICIPAL
    assert r.of("takster")["gebyr"] == W_MUNICIPAL
    assert r.of("tilskuddet")["støtte"] == W_MUNICIPAL
    assert r.of("indbyggerne")["borger"] == W_MUNICIPAL
    assert r.of("frikadelle") == {}


def test_the_thesaurus_gives_synonyms_not_narrower_terms(tmp_path: Path) -> None:
    path = tmp_path / "th.dat"
    path.write_text(MYTHES, encoding="utf-8")
    th = read_thesaurus(path)
    assert th["affald"] == ["skrald", "rest", "levning"]
    assert "atomaffald" not in th["affald"]
    assert read_thesaurus(tmp_path / "missing.dat") == {}
    r = load(path)
    assert r.of("affald")["skrald"] == W_MUNICIPAL  # the municipal list wins over the thesaurus
    assert r.of("affald")["levning"] == W_THESAURUS
    assert r.of("affald", limit=1) == {k: v for k, v in r.of("affald").items() if v == W_MUNICIPAL} | {"rest": 0.2}


@pytest.mark.skipif(not THESAURUS.exists(), reason="Debian's mythes-da is not installed")
def test_the_installed_thesaurus() -> None:
    th = read_thesaurus()
    assert len(th) > 10_000
    assert "affald" in th["skrald"]


@pytest.fixture(scope="module")
def index() -> BM25Index:
    texts = [
        "Dagrenovation indsamles hver 14. dag; affald sorteres i ti fraktioner.",
        "Borgerne klager over skrald på stranden.",
        "Taksten for en byggesag er 786 kr. i timen.",
        *(f"Andet punkt nummer {i} om helt andre forhold." for i in range(8)),
    ]
    related = Related.from_text("affald skrald renovation dagrenovation\ntakst gebyr")
    return BM25Index.build(
        text_chunks(texts, committee="Klima-, Teknik- og Miljøudvalget", day=dt.date(2024, 11, 21), kind="resume"),
        decompounder=Decompounder({}),
        related=related,
    )


def test_expansion_weights(index: BM25Index) -> None:
    terms = index.query_terms("skrald")
    assert terms[tokenize("skrald")[0]] == 1.0
    assert terms[tokenize("affald")[0]] == W_MUNICIPAL
    assert terms[PART + tokenize("affald")[0]] == pytest.approx(W_MUNICIPAL * W_PART)


def test_a_related_word_finds_the_chunk_but_the_word_itself_wins(index: BM25Index) -> None:
    got = index.search("skrald", k=3)
    assert [c for c, _ in got[:2]] == ["c1", "c0"]
    assert got[0][1] > got[1][1] > 0
    assert [c for c, _ in index.search("gebyr for byggesager", k=1)] == ["c2"]


def test_names_are_not_expanded(index: BM25Index) -> None:
    """A capitalised word inside a sentence is a name ("Skrald" the shop, "Greve" the town, not
    the count): it is looked for as written, and its related words are not."""
    affald = tokenize("affald")[0]
    assert affald in index.query_terms("Hvornår kommer skrald?")
    assert affald not in index.query_terms("Hvornår åbner butikken Skrald i Greve?")
    assert tokenize("skrald")[0] in index.query_terms("Hvornår åbner butikken Skrald i Greve?")
    # The first word of a sentence and a text in capitals are not names.
    assert affald in index.query_terms("Skrald på stranden?")
    assert affald in index.query_terms("HVORNÅR KOMMER SKRALD?")
