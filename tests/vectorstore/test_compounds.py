"""Danish decompounding on real compounds from the corpus, and compounds in the keyword index.

The word counts come from real minutes: the Greve meetings of ``../shared/corpus`` (raw
FirstAgenda JSON, HTML stripped), exactly the kind of vocabulary the index builds from.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from tests.vectorstore.minutes import text_chunks
from vectorstore.bm25 import W_PART, W_QUERY_PART, BM25Index
from vectorstore.compounds import Decompounder, load_wordlist
from vectorstore.tokenize import PART, tokenize, words

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
GREVE = sorted((CORPUS / "greve").glob("*.json"))

pytestmark = pytest.mark.skipif(not GREVE, reason="the corpus (../shared/corpus) is not here")


@pytest.fixture(scope="module")
def counts() -> Counter[str]:
    c: Counter[str] = Counter()
    for path in GREVE[::3]:  # a third of the Greve meetings: ~125 meetings, ~1,800 items
        d = json.loads(path.read_text(encoding="utf-8"))
        for it in d["Dagsordenpunkter"]:
            body = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", f.get("Html") or "")) for f in it.get("Felter") or [])
            c.update(words(f"{it['Navn']} {body}"))
    return c


@pytest.fixture(scope="module")
def decompounder(counts: Counter[str]) -> Decompounder:
    return Decompounder(counts, load_wordlist())


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("vejbelysning", ("vej", "belysning")),
        ("madordning", ("mad", "ordning")),
        ("ældreboligbyggeri", ("ældre", "bolig", "byggeri")),
        ("skoletoiletter", ("skole", "toiletter")),
        ("pantstation", ("pant", "station")),
        ("sygedagpengemodtagere", ("sygedagpenge", "modtagere")),
        ("affaldsindsamling", ("affald", "indsamling")),  # linking s: affald|s|indsamling
    ],
)
def test_real_compounds_split_into_known_parts(decompounder: Decompounder, word: str, parts: tuple) -> None:
    got = decompounder.split(word)
    # A linking s may stay on a part ("affalds"); the stem is what the index uses.
    assert [tokenize(p)[0] for p in got] == [tokenize(p)[0] for p in parts]


def test_a_long_compound_keeps_its_head(decompounder: Decompounder) -> None:
    got = decompounder.split("cykelstiforbindelse")
    assert got[-1] == "forbindelse"
    assert "".join(got).startswith("cykel")


@pytest.mark.parametrize(
    "word",
    [
        "forældre", "fællesskab", "fællesskabet", "kommunen", "beskæftigelse", "besluttede", "egenskab", "angrebet",
        # an inflected word is one word, though the word list knows "anbefal" and "inger"
        "anbefalinger", "vurderingen", "virksomhederne", "normeringerne", "erfaringer", "indsamlingen",
    ],
)  # fmt: skip
def test_words_that_only_look_like_compounds_stay_whole(decompounder: Decompounder, word: str) -> None:
    assert decompounder.split(word) == ()


def test_without_a_word_list_the_store_vocabulary_is_enough(counts: Counter[str]) -> None:
    d = Decompounder(counts, ())
    assert d.split("vejbelysning") == ("vej", "belysning")
    assert Decompounder.from_known(d.known).split("madordning") == d.split("madordning")


# -- the keyword index --------------------------------------------------------------------------


TEXTS = [
    "Renovering af vejbelysning: armaturer skiftes til LED-lyskilder.",  # the compound only
    "Vejen lukkes for trafik i sommerferien.",  # the word itself
    "Cykelparkering ved stationen og en ny cykelsti langs vejen.",
    "Budgetopfølgning for rengøring og vinduespolering.",
    *(f"Andet punkt nummer {i} om helt andre forhold." for i in range(8)),
]


@pytest.fixture(scope="module")
def index(decompounder: Decompounder) -> BM25Index:
    # The split as a whole-corpus index makes it (a dozen chunks alone know too few words).
    return BM25Index.build(
        text_chunks(
            TEXTS, committee="Klima-, Teknik- og Miljøudvalget", day=dt.date(2024, 4, 25), kind="sagsbeskrivelse"
        ),
        version="v",
        decompounder=decompounder,
    )


def test_a_word_finds_the_chunk_that_holds_it_inside_a_compound(index: BM25Index) -> None:
    got = [cid for cid, _ in index.search("lys langs vejene", k=5)]
    assert "c0" in got  # "vej" inside "vejbelysning"
    assert got[0] == "c1" or got[0] == "c2"  # but the chunks with the word itself rank first


def test_a_compound_in_the_question_finds_its_parts(index: BM25Index) -> None:
    got = [cid for cid, _ in index.search("cykelstiforbindelse", k=5)]
    assert got and got[0] == "c2"


def test_expansion_weights(index: BM25Index) -> None:
    terms = index.query_terms("vejbelysning")
    assert terms[tokenize("vejbelysning")[0]] == 1.0
    assert terms[PART + tokenize("vejbelysning")[0]] == W_PART
    assert terms[tokenize("vej")[0]] == W_QUERY_PART
    assert terms[PART + tokenize("vej")[0]] == pytest.approx(W_QUERY_PART * W_PART)
    # The exact word outweighs the same word found inside a compound.
    exact = dict(index.search("vejen", k=5))
    assert exact["c1"] > exact["c0"] > 0


def test_the_split_survives_a_round_trip_to_disk(index: BM25Index, tmp_path: Path) -> None:
    index.save(tmp_path / "bm25")
    loaded = BM25Index.load(tmp_path / "bm25")
    assert loaded is not None
    for q in ("lys langs vejene", "cykelstiforbindelse", "vinduespolering"):
        assert loaded.query_terms(q) == index.query_terms(q)
        assert loaded.search(q, k=5) == index.search(q, k=5)
