"""Who chaired: the roles a participant list prints ("Lolan Ottesen (A) - formand"), parsed into
``Person.role``, kept through the meeting's JSON, and answered from the meeting record.

The Ballerup minutes (tests/fixtures, a real PDF) list "Lolan Ottesen (A) - formand" and
"Grethe Larsen (A) - næstformand"; the Frederikshavn minutes list no roles.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.chain import answer_question
from assistant.meeting_answers import read_meeting_question
from core.settings import Settings
from ingest.parse import parse_file
from ingest.people import parse_people, parse_person
from ingest.records import Meeting, Person
from tests.assistant.conftest import TinyRetriever

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BALLERUP = FIXTURES / "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04_referat.pdf"
FREDERIKSHAVN = FIXTURES / "frederikshavn_arbejdsmarkedsudvalget_2024-03-06_referat.txt"


def test_roles_are_read_from_participant_lists() -> None:
    assert parse_person("Lolan Ottesen (A) - formand") == Person("Lolan Ottesen", "A", "formand")
    assert parse_person("Grethe Larsen (A) – næstformand") == Person("Grethe Larsen", "A", "næstformand")
    assert parse_person("Anders Holm (V) (formand)") == Person("Anders Holm", "V", "formand")
    assert parse_person("Birte Kramhøft (F)") == Person("Birte Kramhøft", "F")
    assert parse_person("Per Mortensen (A) - medlem") == Person("Per Mortensen", "A")  # says nothing
    assert parse_people("Anna Jensen, formand, Ø")[0].name == "Anna Jensen"


@pytest.fixture(scope="module")
def ballerup() -> Meeting:
    return parse_file(BALLERUP)


def test_the_meeting_keeps_roles_and_parties_through_its_json(ballerup: Meeting) -> None:
    chair = ballerup.participants[0]
    assert chair == Person("Lolan Ottesen", "A", "formand")
    d = ballerup.to_dict()
    assert d["participants"][:2] == ["Lolan Ottesen", "Grethe Larsen"]  # the old field, unchanged
    assert d["participant_roles"][:3] == ["formand", "næstformand", None]
    assert d["participant_parties"][:3] == ["A", "A", "F"]
    assert Meeting.from_dict(d) == ballerup
    old = {k: v for k, v in d.items() if k not in ("participant_roles", "participant_parties")}
    assert Meeting.from_dict(old).participants[0] == Person("Lolan Ottesen")  # a store of before


@pytest.fixture(scope="module")
def world(ballerup: Meeting, tmp_path_factory: pytest.TempPathFactory) -> tuple[TinyRetriever, Settings]:
    settings = Settings.from_env({"REFERAT_HOME": str(tmp_path_factory.mktemp("home"))})
    return TinyRetriever([ballerup, parse_file(FREDERIKSHAVN)]), settings


def ask(world, q: str):  # type: ignore[no-untyped-def]
    retriever, settings = world
    return answer_question(q, retriever=retriever, settings=settings, embedder=retriever.embedder)


def test_who_chaired_is_answered_from_the_meeting_record(world) -> None:
    a = ask(world, "Hvem var formand for Sundheds- og Forebyggelsesudvalget i december 2012?")
    assert not a.refused
    assert "Formand: Lolan Ottesen (A)." in a.text and "Næstformand: Grethe Larsen (A)." in a.text
    (c,) = a.citations
    assert c.about == "meeting" and c.ref.meeting_date == dt.date(2012, 12, 4)
    a = ask(world, "Who chaired the meeting of Sundheds- og Forebyggelsesudvalget on 4 December 2012?")
    assert "Chair: Lolan Ottesen (A)." in a.text


def test_an_election_or_a_record_without_roles_is_left_to_the_items(world) -> None:
    committees = ["Sundheds- og Forebyggelsesudvalget", "Arbejdsmarkedsudvalget"]
    q = "Hvem blev valgt som formand for Sundheds- og Forebyggelsesudvalget i december 2012?"
    assert read_meeting_question(q, committees, ["Ballerup"], None) is None  # "Valg af formand" is an item
    # Frederikshavn's minutes name no chair: no meeting answer, and no refusal that says so.
    a = ask(world, "Hvem var formand for Arbejdsmarkedsudvalget på mødet den 6. marts 2024?")
    assert all(c.about != "meeting" for c in a.citations)
    assert "nævner ikke udvalgets formand" not in a.text


def test_one_meeting_from_two_files_is_answered_once(ballerup: Meeting, tmp_path) -> None:
    # Ballerup publishes the meeting as eDoc XML and as PDF; a folder ingest keeps both files.
    xml = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "other" / (
        "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04_edoc.xml"
    )
    if not xml.exists():
        pytest.skip("the shared corpus is not beside the repository")
    settings = Settings.from_env({"REFERAT_HOME": str(tmp_path / "home")})
    both = (TinyRetriever([ballerup, parse_file(xml)]), settings)
    a = ask(both, "Hvem var formand for Sundheds- og Forebyggelsesudvalget i december 2012?")
    assert a.text.count("Formand: Lolan Ottesen (A).") == 1
    assert [c.marker for c in a.citations] == [1]


def test_a_committee_named_in_english_is_the_meeting_for_every_aspect(world) -> None:
    # "the labour market committee" names the meeting; its words are no topic, also when the
    # question asks about people (before, only other aspects left them out).
    committees = ["Sundheds- og Forebyggelsesudvalget", "Arbejdsmarkedsudvalget"]
    for q in (
        "Who was absent from the labour market committee meeting in March 2024?",
        "Who attended the labour market committee meeting in March 2024?",
    ):
        ask_ = read_meeting_question(q, committees, ["Ballerup", "Frederikshavn"], None)
        assert ask_ is not None and ask_.plan.committees == ("Arbejdsmarkedsudvalget",)
    a = ask(world, "Who was absent from the labour market committee meeting in March 2024?")
    assert a.citations[0].about == "meeting" and a.citations[0].ref.meeting_date == dt.date(2024, 3, 6)
    assert "Absent: Mette Hardam (V), Erik Kyed Trolle (UP)." in a.text
