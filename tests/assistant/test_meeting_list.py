"""Which meetings a body held in a period: "Hvilke møder holdt Økonomiudvalget i 2024?"
(``assistant.meeting_answers``, the ``meetings`` aspect).

``tests/fixtures/greve_cases/`` holds six real Greve meetings: Klima-, Teknik- og
Miljøudvalget on 14 March 2024 and 6 February 2025, Økonomiudvalget on 10 April 2024 and 10
March 2025, Byrådet on 17 April 2024 and 19 March 2025.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.chain import answer_question
from assistant.meeting_answers import meeting_aspect
from core.settings import Settings
from ingest.parse import parse_file
from tests.assistant.conftest import TinyRetriever

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "greve_cases"


@pytest.fixture(scope="module")
def world() -> TinyRetriever:
    return TinyRetriever([parse_file(p) for p in sorted(CASES.glob("*.json"))])


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings.from_env({"REFERAT_HOME": str(tmp_path_factory.mktemp("home"))})


def _ask(world: TinyRetriever, settings: Settings, q: str):  # type: ignore[no-untyped-def]
    return answer_question(q, retriever=world, settings=settings, embedder=world.embedder)


def test_meeting_list_questions() -> None:
    for q in ("Hvilke møder holdt Økonomiudvalget i 2024?", "Hvor mange møder holdt byrådet i 2025?",
              "Hvornår holdt Klima-, Teknik- og Miljøudvalget møde?", "When did the finance committee meet?",
              "How many meetings did the council hold in 2024?"):  # fmt: skip
        assert meeting_aspect(q) == "meetings", q
    for q in ("Hvornår begyndte mødet i Økonomiudvalget den 10. april 2024?", "Hvem deltog i mødet?"):
        assert meeting_aspect(q) != "meetings", q


def test_the_meetings_of_a_body_in_a_year(world: TinyRetriever, settings: Settings) -> None:
    a = _ask(world, settings, "Hvilke møder holdt Økonomiudvalget i 2024?")
    assert not a.refused
    assert a.text.splitlines()[0] == (
        "Økonomiudvalget, Greve holdt ét møde fra 1. januar 2024 til 31. december 2024 ifølge de indlæste referater:"
    )
    assert re.findall(r"^- (.*) \[\d\]$", a.text, re.M) == ["10. april 2024"]
    assert [c.about for c in a.citations] == ["meeting"]
    assert a.citations[0].ref.meeting_date.isoformat() == "2024-04-10"


def test_every_meeting_of_a_body_oldest_first(world: TinyRetriever, settings: Settings) -> None:
    a = _ask(world, settings, "Hvor mange møder holdt Klima-, Teknik- og Miljøudvalget?")
    assert "holdt 2 møder ifølge de indlæste referater" in a.text
    assert re.findall(r"^- (.*) \[(\d)\]$", a.text, re.M) == [("14. marts 2024", "1"), ("6. februar 2025", "2")]


def test_no_meeting_in_the_period_is_said(world: TinyRetriever, settings: Settings) -> None:
    a = _ask(world, settings, "Hvilke møder holdt Økonomiudvalget i 2019?")
    assert a.refused
    assert "intet møde" in a.text
