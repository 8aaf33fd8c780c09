"""A weak verb's past tense in the keyword index: "ønskede" is also "ønsker", "ønsket".

Snowball stems "ønskede" to 'ønsked' and "ønsker", "ønsket" to 'ønsk'; a question in the past
tense missed the minutes in the present and the other way round. The sentences below are the
minutes' own (Greve, Skole-, Børne- og Ungeudvalget 23 May 2023 item 14; Klima-, Teknik- og
Miljøudvalget 4 June 2025 item 3). Which "-ede" words are past tenses the Danish word list
decides, so these tests need it (Debian's wdanish; CI installs it).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.vectorstore.minutes import text_chunks
from vectorstore.bm25 import W_OTHER_TENSE, BM25Index
from vectorstore.compounds import load_wordlist
from vectorstore.tokenize import token_groups, tokenize

pytestmark = pytest.mark.skipif(not load_wordlist(), reason="no Danish word list (wdanish) installed")


@pytest.mark.parametrize(
    ("word", "tokens"),
    [
        ("ønskede", ("ønsked", "ønsk")),
        ("besluttede", ("beslutted", "beslut")),  # "besluttet", "besluttes"
        ("samlede", ("samled", "saml")),  # "samlet"
        ("anbefalede", ("anbefaled", "anbefal")),  # "anbefaler", "anbefales"
        ("ønskedes", ("ønsked", "ønsk")),
    ],
)
def test_a_past_tense_is_also_its_verb(word: str, tokens: tuple[str, ...]) -> None:
    assert token_groups(word) == [tokens]
    assert tokenize(word) == list(tokens)


@pytest.mark.parametrize("word", ["billede", "vejlede", "tilstede", "ligeledes", "allerede"])
def test_a_word_whose_root_ends_in_ed_is_no_past_tense(word: str) -> None:
    # "billedet", "vejledt" show the root; "ligeledes" and "allerede" have no participle.
    assert len(token_groups(word)) == 1 and len(token_groups(word)[0]) == 1


TEXTS = [
    "Udvalget ønsker en drøftelse i Skolerådet af brugen af it og skærme i dagligdagen.",
    "Udvalget ønskede at en række spørgsmål blev belyst frem mod Byrådets behandling.",
    *(f"Orienteringen blev taget til efterretning, punkt {i}." for i in range(8)),
]


@pytest.fixture(scope="module")
def index() -> BM25Index:
    return BM25Index.build(
        text_chunks(TEXTS, committee="Skole-, Børne- og Ungeudvalget", day=dt.date(2023, 5, 23), kind="beslutning"),
        version="v",
        wordlist=(),
    )


def test_a_question_in_one_tense_finds_the_minutes_in_the_other(index: BM25Index) -> None:
    past = dict(index.search("Hvad ønskede udvalget?", k=5))
    assert past.get("c0", 0.0) > 0.0  # "ønsker" found by "ønskede"
    assert past["c1"] > past["c0"]  # the same form still scores above
    present = dict(index.search("Hvad ønsker udvalget?", k=5))
    assert present.get("c1", 0.0) > 0.0  # "ønskede" found by "ønsker"
    assert present["c0"] > present["c1"]


def test_the_other_tense_weighs_less_in_the_query(index: BM25Index) -> None:
    terms = index.query_terms("ønskede")
    assert terms["ønsked"] == 1.0 and terms["ønsk"] == W_OTHER_TENSE
    assert index.query_terms("ønsker")["ønsk"] == 1.0
