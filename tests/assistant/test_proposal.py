"""A question about a proposal itself is answered from the item where it was put forward.

``tests/fixtures/greve_proposal/`` are two real Greve FirstAgenda meetings cut down to their
item 1 and one item each: Enhedslisten's (Ø) initiativretsforslag on a deposit-return station
(Byrådet 23 April 2025, item 14, sag 25-004153), and its follow-up under another case number in
Plan- og Tryghedsudvalget (3 June 2025, item 12, sag 25-004950), which says more about it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest

from assistant.chain import answer_question
from assistant.threads import earliest_of_kind, is_proposal_question, latest_of_kind
from core.settings import Settings
from vectorstore.compounds import load_wordlist
from vectorstore.records import ItemRef

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "greve_proposal"


def test_proposal_questions() -> None:
    for q in (
        "Hvilket parti foreslog gratis pendlerparkering ved Karlslunde Station?",
        "Hvem stillede forslaget om pendlerparkering?",
        "Hvad ville et parti have kommunen til at gøre ved pendlerparkeringen?",
        "Which party proposed free commuter parking in Karlslunde?",
    ):
        assert is_proposal_question(q), q
    for q in (
        "Hvad besluttede udvalget om pendlerparkering ved Karlslunde Station?",
        "Hvad blev forslaget til budget 2025?",  # a proposal as a thing, not who put it forward
        "Hvad foreslår administrationen om pendlerparkering?",  # every item's recommendation
        "Hvad ville det koste at have flere vagter til at patruljere?",  # no one who wants anything
    ):
        assert not is_proposal_question(q), q


def _ev(title: str, day: dt.date, key: str) -> SimpleNamespace:
    ref = ItemRef(key=key, municipality="Greve", committee="Økonomiudvalget", meeting_date=day, meeting_id="m",
                  item_number="1", case_id=None, title=title, source="s", source_sha256=key, pages=(1, 1), open=True)  # fmt: skip
    return SimpleNamespace(key=key, hit=SimpleNamespace(ref=ref, item=SimpleNamespace(decision=None, text="")))


def test_the_proposal_is_the_earliest_item_of_the_same_matter_but_not_of_another_year() -> None:
    follow = _ev("Opfølgning på initiativretsforslag vedr. pantstation i Greve", dt.date(2025, 6, 3), "b")
    proposal = _ev("Initiativretsforslag fra (Ø) vedr. pantstation i Greve", dt.date(2025, 4, 23), "a")
    other = _ev("Lokalplan for Greve Strand", dt.date(2020, 1, 1), "c")
    assert earliest_of_kind(follow, [follow, other, proposal]) is proposal
    budget = _ev("Budgetopfølgning 2 (2024) - forslag fra (A)", dt.date(2024, 9, 1), "d")
    last_year = _ev("Budgetopfølgning 2 (2023) - forslag fra (A)", dt.date(2023, 9, 1), "e")
    assert earliest_of_kind(budget, [budget, last_year]) is budget


def test_an_outcome_stays_in_its_year_too() -> None:
    """The stages of a matter are the same for "how did it end" (the latest stage): next year's
    item of the same title is another matter."""
    takster = _ev("Takster for dagtilbud 2024 - forslag til godkendelse", dt.date(2023, 10, 1), "f")
    final = _ev("Takster for dagtilbud 2024 - endelig godkendelse", dt.date(2023, 12, 1), "g")
    next_year = _ev("Takster for dagtilbud 2025 - endelig godkendelse", dt.date(2024, 12, 1), "h")
    for e in (takster, final, next_year):
        e.coverage = 1.0
    assert latest_of_kind(takster, [takster, next_year, final]) is final


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, model_dir, real_embedder):  # type: ignore[no-untyped-def]
    from vectorstore.pipeline import ingest_paths
    from vectorstore.retrieval import open_retriever
    from vectorstore.store import Store

    settings = Settings.from_env({"REFERAT_HOME": str(tmp_path_factory.mktemp("home"))}, model_dir=model_dir)
    store = Store.open(settings, embedder=real_embedder)
    report = ingest_paths([FIXTURES], store)
    assert report.failed == () and report.items == 4
    yield open_retriever(settings, store=store, embedder=real_embedder), settings
    store.close()


def _first(world, question: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The first cited item, which is also the first of the answer's final ranking."""
    retriever, settings = world
    a = answer_question(question, retriever=retriever, settings=settings)
    assert not a.refused, a.text
    c = a.citations[0].ref
    assert a.retrieved[0].ref.key == c.key
    return c.meeting_date.isoformat(), c.item_number


@pytest.mark.integration
def test_who_proposed_cites_the_proposal_not_its_follow_up(world) -> None:  # type: ignore[no-untyped-def]
    retriever, _ = world
    q = "Hvem foreslog at tiltrække en pantstation til Greve Kommune?"
    # Without the proposal reading, the follow-up ranks first for these words.
    assert retriever.retrieve(q)[0].ref.meeting_date.isoformat() == "2025-06-03"
    assert _first(world, q) == ("2025-04-23", "14")


@pytest.mark.integration
def test_a_question_about_what_happened_keeps_the_follow_up(world) -> None:  # type: ignore[no-untyped-def]
    assert _first(world, "Hvad blev der besluttet om pantstation i Greve i juni 2025?") == ("2025-06-03", "12")


@pytest.mark.integration
@pytest.mark.skipif(not load_wordlist(), reason="Debian's word list (wdanish) is not installed")
def test_a_misspelt_word_is_searched_as_the_stores_word_and_said(world) -> None:  # type: ignore[no-untyped-def]
    retriever, settings = world
    a = answer_question(
        "Hvem foreslog at tiltrække en pantstaion til Greve Kommune?", retriever=retriever, settings=settings
    )
    assert not a.refused, a.text
    assert (a.citations[0].ref.meeting_date.isoformat(), a.citations[0].ref.item_number) == ("2025-04-23", "14")
    assert a.text.endswith("Stavning: “pantstaion” er søgt som “pantstation”.")
