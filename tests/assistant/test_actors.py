"""A question that names a party is answered from an item that names the party and the matter
(``assistant.actors``), or refused.

``tests/fixtures/greve_proposal/`` holds two real Greve items: Enhedslisten's (Ø)
initiativretsforslag on a deposit-return station (Byrådet 23 April 2025) and its follow-up in
Plan- og Tryghedsudvalget; the other item of each meeting is its opening item.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.actors import matter_words, names_party, question_parties
from assistant.chain import answer_question
from core.settings import Settings
from ingest.parse import parse_file
from tests.assistant.conftest import TinyRetriever

PROPOSAL = Path(__file__).resolve().parents[1] / "fixtures" / "greve_proposal"


@pytest.fixture(scope="module")
def world() -> TinyRetriever:
    return TinyRetriever([parse_file(p) for p in sorted(PROPOSAL.glob("*.json"))])


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings.from_env({"REFERAT_HOME": str(tmp_path_factory.mktemp("home"))})


def test_the_parties_a_question_names() -> None:
    assert question_parties("Hvad mener Enhedslisten om fjernvarme?") == ("Ø",)
    assert question_parties("Hvordan stemte SF og (A) om budgettet?") == ("F", "A")
    assert question_parties("What did the Socialist People's Party propose?") == ("F",)
    assert question_parties("Hvilket parti foreslog en pantstation?") == ()
    # what a party did is no matter of its own; the party's name is none either
    assert matter_words(["mener", "enhedslisten", "fjernvarme"], ["Ø"]) == ["fjernvarme"]
    assert matter_words(["foreslog", "socialistisk", "folkeparti", "kyllinger"], ["F"]) == ["kyllinger"]
    # only the named party's name: "sociale" is a matter when the party is Venstre
    assert matter_words(["venstre", "sociale", "tilbud"], ["V"]) == ["sociale", "tilbud"]


def test_an_item_names_a_party_in_words_by_letter_or_as_a_voter(world: TinyRetriever) -> None:
    proposal = next(h for h in world.retrieve("pantstation initiativretsforslag", k=4) if h.ref.item_number == "14")
    assert names_party(proposal, "Ø")  # "Enhedslisten (Ø)" in the text, "(Ø)" in the title
    assert not names_party(proposal, "V")


def test_the_party_and_the_matter_answer(world: TinyRetriever, settings: Settings) -> None:
    a = answer_question("Hvad foreslog Enhedslisten om pantstation i Greve?", retriever=world, settings=settings,
                        embedder=world.embedder)  # fmt: skip
    assert not a.refused, a.text
    assert (a.citations[0].ref.meeting_date.isoformat(), a.citations[0].ref.item_number) == ("2025-04-23", "14")


@pytest.mark.parametrize(
    "question",
    [
        "Hvad foreslog Venstre om pantstation i Greve?",  # the matter, but another party (coverage refuses it too)
        "Hvad mener Enhedslisten om konkurrenceprogrammet for Mosede Fort?",  # the party, but another matter
    ],
)
def test_a_party_and_a_matter_that_no_item_holds_together_are_refused(
    world: TinyRetriever, settings: Settings, question: str
) -> None:
    a = answer_question(question, retriever=world, settings=settings, embedder=world.embedder)
    assert a.refused, a.text
