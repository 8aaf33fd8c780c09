"""A "how did it go" question is answered from the item that reports results (``assistant.item_kinds``).

Titles are real: Greve's IPS project (the grant of 2025 and the evaluation of 2024, sag
25-007892 and 24-010804) and Ballerup's rygestopkurser (sag 2010-3082).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest

from assistant.chain import answer_question
from assistant.item_kinds import evaluation_first, is_result_question
from core.settings import Settings
from ingest.parse import parse_file
from tests.assistant.conftest import TinyRetriever
from vectorstore.records import ItemRef


def _ev(title: str, coverage: float, key: str) -> SimpleNamespace:
    ref = ItemRef(key=key, municipality="Greve", committee="Beskæftigelses- og Erhvervsudvalget",
                  meeting_date=dt.date(2025, 9, 8), meeting_id="m", item_number="1", case_id=None, title=title,
                  source="s", source_sha256=key, pages=(1, 1), open=True)  # fmt: skip
    return SimpleNamespace(key=key, coverage=coverage, hit=SimpleNamespace(ref=ref))


def test_result_questions() -> None:
    for q in (
        "Hvordan gik det med projektet, der skal hjælpe borgere med psykiske lidelser i arbejde?",
        "Hvordan er det gået med rygestopkurserne?",
        "Hvordan er kurserne blevet modtaget?",
        "Hvilke erfaringer har man gjort med sæsonbooking?",
        "How did the 2024 European Parliament election go in Greve?",
    ):
        assert is_result_question(q), q
    for q in (
        "Hvad blev det endelige resultat for Mosede Klimaparks anlægsbevilling?",  # how a case ended
        "Hvad besluttede udvalget om IPS?",
        "Hvordan stemte partierne om budgettet?",
        "How did the parties vote on the budget?",
    ):
        assert not is_result_question(q), q


def test_the_evaluation_goes_first_when_it_covers_the_question_about_as_well() -> None:
    grant = _ev("Puljemidler til IPS og Flere unge skal med 2025", 0.8, "a")
    other = _ev("Budgetopfølgning 2 - Beskæftigelses- og Erhvervsudvalget", 0.75, "b")
    evaluation = _ev("Evaluering af IPS-projektet og status på indsatsen i Greve Kommune", 0.75, "c")
    assert [e.key for e in evaluation_first([grant, other, evaluation])] == ["c", "a", "b"]
    # An evaluation that covers the question's words much worse is another matter.
    weak = _ev("Evaluering af studietur", 0.3, "d")
    assert [e.key for e in evaluation_first([grant, other, weak])] == ["a", "b", "d"]
    assert evaluation_first([]) == []


GREVE = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "greve"
BEU = ["greve_beskaeftigelses-og-erhvervsudvalget_2024-11-18_bab573b4.json",
       "greve_beskaeftigelses-og-erhvervsudvalget_2025-09-08_d755c9fd.json"]  # fmt: skip


@pytest.mark.skipif(not GREVE.exists(), reason="the shared corpus is not beside the repository")
def test_how_did_the_project_go_is_answered_from_its_evaluation(tmp_path: Path) -> None:
    """Two real meetings of Greve's employment committee: the evaluation of the IPS project
    (18 November 2024) and the grant for IPS in 2025 (8 September 2025)."""
    r = TinyRetriever([parse_file(GREVE / f) for f in BEU])
    settings = Settings.from_env({"REFERAT_HOME": str(tmp_path)})
    a = answer_question("Hvordan er det gået med IPS?", retriever=r, settings=settings, embedder=r.embedder)
    assert not a.refused, a.text
    # Without the rule the chain's own ranking cites the grant ("Puljemidler til IPS ...").
    assert a.citations[0].ref.title.startswith("Evaluering af IPS-projektet")
