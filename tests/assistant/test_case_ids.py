"""Case IDs in questions: every form a parser stores is read from a question by the one rule
(``ingest.caseids``) that the retriever and the answerer share, so a question naming one gets
the exact-case answer, and one naming a case that is not in the store gets "sagen findes ikke".
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from assistant.chain import answer_question
from assistant.question import analyse
from core.settings import Settings
from ingest.caseids import find_case_ids, normalise_case_id
from ingest.parse import parse_file
from ingest.records import Meeting
from tests.assistant.conftest import TinyRetriever
from vectorstore.query import understand

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# Forms the parsers store (docs/cli.md, ``case_id``) that the first answerer rule missed.
OTHER_FORMS = {"5": "12/27845", "7": "22-002367K", "8": "2010-3082", "9": "00.01.00-A00-1-24"}


def _stored_case_ids() -> set[str]:
    files = [
        FIXTURES / "frederikshavn_arbejdsmarkedsudvalget_2024-03-06_referat.txt",
        FIXTURES / "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04_referat.pdf",
        *sorted((FIXTURES / "greve").glob("*.json")),
    ]
    return {it.case_id for f in files for it in parse_file(f).items if it.case_id} | set(OTHER_FORMS.values())


@pytest.mark.parametrize("case_id", sorted(_stored_case_ids()))
def test_every_stored_case_id_is_read_from_a_question_by_answerer_and_retriever_alike(case_id):
    for question in (f"Hvad blev besluttet i sag {case_id}?", f"Hvad handler sagsnr. {case_id.lower()} om?"):
        assert analyse(question).case_ids == (normalise_case_id(case_id),)
        assert understand(question, []).case_ids == analyse(question).case_ids


def test_the_rest_of_the_question_is_read_without_the_case_id():
    info = analyse("Hvad blev besluttet om skateparken i sag 00.01.00-A00-1-24?")
    assert info.topic == ("skateparken",)


@pytest.fixture(scope="module")
def other_forms(frederikshavn_meeting: Meeting) -> TinyRetriever:
    """The Frederikshavn meeting with some items carrying the other vendors' case-id forms."""
    items = tuple(
        dataclasses.replace(it, case_id=OTHER_FORMS[it.number]) if it.number in OTHER_FORMS else it
        for it in frederikshavn_meeting.items
    )
    # subtle: another sha, so its items have their own keys in the answerer's caches
    return TinyRetriever([dataclasses.replace(frederikshavn_meeting, items=items, sha256="c" * 64)])


@pytest.fixture(scope="module")
def settings_g(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings.from_env({"REFERAT_HOME": str(tmp_path_factory.mktemp("home"))})


@pytest.mark.parametrize(("number", "case_id"), sorted(OTHER_FORMS.items()))
def test_a_question_naming_the_case_is_answered_from_that_case(other_forms, settings_g, number, case_id):
    a = answer_question(f"Hvad handler sag {case_id} om?", retriever=other_forms, settings=settings_g)
    assert not a.refused, a.text
    assert [c.ref.item_number for c in a.citations] == [number]


@pytest.mark.parametrize("case_id", ["12/99999", "22-999999K", "2010-9999", "99.99.99-A00-1-24"])
def test_a_question_naming_a_case_that_is_not_there_is_refused_naming_it(other_forms, settings_g, case_id):
    a = answer_question(f"Hvad handler sag {case_id} om?", retriever=other_forms, settings=settings_g)
    assert a.refused and a.citations == ()
    assert f"Sag {case_id.upper()} findes ikke" in a.text


def test_the_tiny_retriever_looks_cases_up_by_the_product_rule(other_forms):
    hits = other_forms.retrieve("sag 22-002367k")
    assert hits[0].reason == "case_id" and hits[0].ref.item_number == "7"
    assert find_case_ids("sag 22-002367k") == ("22-002367K",)
