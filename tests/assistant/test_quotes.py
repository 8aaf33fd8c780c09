"""What an answer quotes: whole statements, not the lead-in of a list cut off where its points
begin. On the real Ballerup minutes (tests/fixtures), through the whole answerer."""

from __future__ import annotations

import re

import pytest

from assistant.chain import answer_question
from core.settings import Settings
from ingest.parse import parse_file
from tests.assistant.conftest import TinyRetriever
from tests.assistant.test_chain import assert_grounded
from tests.conftest import CORPUS, FIXTURES

BALLERUP = FIXTURES / "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04_referat.pdf"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[TinyRetriever, Settings]:
    settings = Settings.from_env({"REFERAT_HOME": str(tmp_path_factory.mktemp("home"))})
    return TinyRetriever([parse_file(BALLERUP)]), settings


def test_a_lead_in_that_stops_at_at_is_not_quoted(world) -> None:
    retriever, settings = world
    q = "Hvem fra Center for Ejendomme deltog i udvalgets behandling af bygningsvedligeholdelsen for 2013?"
    a = answer_question(q, retriever=retriever, settings=settings, embedder=retriever.embedder)
    assert not a.refused
    assert_grounded(a)
    assert "Birgit Elleby Jørgensen" in a.text
    quotes = re.findall(r"^Fra punktet: \u201c(.*)\u201d$", a.text, re.M)
    assert quotes and not [x for x in quotes if x.rstrip().endswith((" at", ","))]


GREVE_KFU = CORPUS / "greve" / "greve_kultur-og-fritidsudvalget_2022-12-12_72ddf1fa.json"


@pytest.mark.skipif(not GREVE_KFU.exists(), reason="the shared corpus is not beside the repository")
def test_a_sentence_of_a_short_decision_is_quoted_once(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The decision "Udvalget anbefaler, at energisparetiltagene i Greve Svømmehal fastholdes i
    2023." answers the question; it is quoted on the decision line, not first as a fact too."""
    settings = Settings.from_env({"REFERAT_HOME": str(tmp_path)})
    retriever = TinyRetriever([parse_file(GREVE_KFU)])
    q = "Hvad anbefalede Kultur- og Fritidsudvalget om energisparetiltagene i svømmehallen?"
    a = answer_question(q, retriever=retriever, settings=settings, embedder=retriever.embedder)
    assert not a.refused
    assert_grounded(a)
    block = a.text.split("\n\n")[0]
    assert "Beslutning: \u201cUdvalget anbefaler, at energisparetiltagene i Greve Svømmehal fastholdes i 2023.\u201d" in block
    quoted = re.findall(r": \u201c(.*)\u201d$", block, re.M)
    assert len(quoted) >= 2  # the decision and another sentence of the item
    assert not [(x, y) for x in quoted for y in quoted if x is not y and x in y]


def test_a_label_and_its_value_are_one_sentence() -> None:
    """"Afbud: Torben Hoffmann" is quoted whole, never as a bare "Afbud:"; a sentence of its own
    after a colon stays one."""
    from assistant.sentences import sentences

    meeting = parse_file(FIXTURES / "dated_decisions_byraadet_2024-04-17_referat.txt")
    said = [s for item in meeting.items for s in sentences(item.text)]
    assert "Afbud: Torben Hoffmann" in said and "Fraværende: Charlotte Levin" in said
    assert not [s for s in said if s.endswith(":") and len(s.split()) <= 2]
    assert sentences("Beslutning: Godkendt. Udvalget ønsker en status.") == [
        "Beslutning:",
        "Godkendt.",
        "Udvalget ønsker en status.",
    ]


def test_abbreviations_before_a_number_do_not_end_a_sentence() -> None:
    """"kl. 10.00", "pr. 31. juli", "d. 11. december", "min. 2": a quote must not stop at them."""
    from assistant.sentences import sentences

    meeting = parse_file(FIXTURES / "greve" / "greve_social-og-handicapudvalget_2025-09-08_ca1d7628.json")
    said = [s for item in meeting.items for s in sentences(item.text)]
    assert "Den 26. november 2025 kl. 10.00 – 16.00 afholdes KL SOCIAL på Radisson Blu Aarhus." in said
    text = (
        "Kapitalforvaltningen forelægges årligt, jf. tidsplanen godkendt på byrådsmødet d. 11. december 2023 "
        "(pk. 12). Budgettet var pr. 31. juli 2024 på 3,4 mio. kr. Kommunen køber kylling med min. 2 velfærdshjerter."
    )
    assert sentences(text) == [
        "Kapitalforvaltningen forelægges årligt, jf. tidsplanen godkendt på byrådsmødet d. 11. december 2023 (pk. 12).",
        "Budgettet var pr. 31. juli 2024 på 3,4 mio. kr.",
        "Kommunen køber kylling med min. 2 velfærdshjerter.",
    ]
