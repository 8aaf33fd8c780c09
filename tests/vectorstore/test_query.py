"""Query understanding: case IDs, item numbers, committees, municipalities and dates, read
from Danish and English questions. Pure functions: no store, no model."""

from __future__ import annotations

import datetime as dt

import pytest

from vectorstore.query import (
    QueryPlan,
    find_case_ids,
    find_committees,
    find_dates,
    find_item_number,
    find_municipality,
    understand,
)
from vectorstore.records import ItemRef

# The committee names as the store holds them (Greve's FirstAgenda names, the PDFs, Frederikshavn).
COMMITTEES = [
    "Arbejdsmarkedsudvalget",
    "Økonomiudvalget",
    "Byråd 2022-2025",
    "Spørgsmål / Svar til Byrådet 2022-2025",
    "Klima-, Teknik- og Miljøudvalget",
    "Skole-, Børne- og Ungeudvalget",
    "Social- og Handicapudvalget",
    "Sundheds- og Omsorgsudvalget",
    "Sundheds- og Forebyggelsesudvalget",
    "Kultur- og Fritidsudvalget",
    "Plan- og Tryghedsudvalget",
    "Beskæftigelses- og Erhvervsudvalget",
    "Aarhus Byråd",
]
TOWNS = ["Frederikshavn", "Greve", "Aarhus", "Ballerup"]
TODAY = dt.date(2026, 11, 26)


def plan(q: str) -> QueryPlan:
    return understand(q, COMMITTEES, today=TODAY, municipalities=TOWNS)


# -- case IDs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("EMN-2019-01604", ("EMN-2019-01604",)),
        ("Hvad skete der i sag emn-2024-00966?", ("EMN-2024-00966",)),
        ("Sags ID: MOS-2024-00185", ("MOS-2024-00185",)),
        ("Aarhus sag EMN-2025-003383", ("EMN-2025-003383",)),
        ("Sagsnr.: 2012-28504", ("2012-28504",)),
        ("Hvad blev besluttet i sag 23-007402?", ("23-007402",)),
        ("sag 22-002367K", ("22-002367K",)),
        ("journalnummer 12/27845", ("12/27845",)),
        ("sagerne 23-007402 og EMN-2024-00966", ("23-007402", "EMN-2024-00966")),
        ("EMN-2024-00966 og igen emn-2024-00966", ("EMN-2024-00966",)),
    ],
)
def test_case_ids_in_the_usual_forms(question: str, expected: tuple[str, ...]) -> None:
    assert find_case_ids(question) == expected
    assert plan(question).case_ids == expected


@pytest.mark.parametrize(
    "question",
    [
        "Hvad blev besluttet om Frederikshavnerordningen?",
        "Byrådet 2022-2025",  # a term of office, not a case
        "mødet den 2024-03-06",  # an ISO date
        "mødet den 06-03-2024",
        "den 6/3-2024",
        "1.316.000 kr. til bygningsvedligeholdelse",
        "budget 2025",
        "punkt 5",
    ],
)
def test_no_case_id_where_there_is_none(question: str) -> None:
    assert find_case_ids(question) == ()


def test_a_prefixed_case_id_is_not_read_twice() -> None:
    assert find_case_ids("EMN-2024-00966") == ("EMN-2024-00966",)  # not also "2024-00966"


# -- item numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("punkt 5 den 6. marts 2024", "5"),
        ("Hvad blev besluttet under pkt. 8?", "8"),
        ("dagsordenspunkt 3", "3"),
        ("Punkt nr. 11 på mødet", "11"),
        ("What was decided under item 4?", "4"),
        ("agenda item 7 in March 2024", "7"),
        ("punkt 1.1", "1.1"),
        ("punkt 5 i 2024", "5"),
        ("Frederikshavnerordningen", None),
        ("punktet om førtidspension", None),
        ("6. marts 2024", None),
    ],
)
def test_item_numbers(question: str, expected: str | None) -> None:
    assert find_item_number(question) == expected


# -- dates -------------------------------------------------------------------------------------

D = dt.date


@pytest.mark.parametrize(
    ("question", "date_from", "date_to"),
    [
        ("mødet den 6. marts 2024", D(2024, 3, 6), D(2024, 3, 6)),
        ("mødet 6/3-2024", D(2024, 3, 6), D(2024, 3, 6)),
        ("mødet 06.03.2024", D(2024, 3, 6), D(2024, 3, 6)),
        ("mødet 04.12.2012", D(2012, 12, 4), D(2012, 12, 4)),
        ("mødet 2024-03-06", D(2024, 3, 6), D(2024, 3, 6)),
        ("the meeting on March 6, 2024", D(2024, 3, 6), D(2024, 3, 6)),
        ("the meeting on 6 March 2024", D(2024, 3, 6), D(2024, 3, 6)),
        ("6. mar. 2024", D(2024, 3, 6), D(2024, 3, 6)),
        ("i marts 2024", D(2024, 3, 1), D(2024, 3, 31)),
        ("in February 2024", D(2024, 2, 1), D(2024, 2, 29)),
        ("Hvad skete i 2023?", D(2023, 1, 1), D(2023, 12, 31)),
        ("What happened in 2023?", D(2023, 1, 1), D(2023, 12, 31)),
        ("fra 2022 til 2024", D(2022, 1, 1), D(2024, 12, 31)),
        ("i år", D(2026, 1, 1), D(2026, 12, 31)),
        ("sidste år", D(2025, 1, 1), D(2025, 12, 31)),
        ("last year", D(2025, 1, 1), D(2025, 12, 31)),
    ],
)
def test_dates(question: str, date_from: dt.date, date_to: dt.date) -> None:
    when = find_dates(question, TODAY)
    assert (when.date_from, when.date_to) == (date_from, date_to)
    p = plan(question)
    assert (p.date_from, p.date_to) == (date_from, date_to)


@pytest.mark.parametrize(
    ("question", "month", "day"),
    [
        ("Hvad besluttede udvalget i marts?", 3, None),
        ("mødet i maj", 5, None),
        ("in March", 3, None),
        ("martsmødet", 3, None),
        ("mødet den 6. marts", 3, 6),
    ],
)
def test_a_month_without_a_year_matches_that_month_of_any_year(question: str, month: int, day: int | None) -> None:
    p = plan(question)
    assert (p.month, p.day, p.date_from, p.date_to) == (month, day, None, None)


@pytest.mark.parametrize(
    "question",
    [
        "Hvad koster budget 2025?",  # a budget year is a topic, not when it was decided
        "Regnskab 2024",
        "Budgetopfølgning pr. 31. marts 2023",  # a cut-off date inside a title
        "May we see the decision?",  # "may" is a verb
        "Hvad blev besluttet om Frederikshavnerordningen?",
        "2030-fremskrivning af klimaregnskabet",
        "Mødet 31.02.2024",  # no such day
    ],
)
def test_no_dates_where_none_is_meant(question: str) -> None:
    p = plan(question)
    assert (p.date_from, p.date_to, p.month) == (None, None, None)


# -- committees and municipalities -------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Hvad besluttede Økonomiudvalget?", ("Økonomiudvalget",)),
        ("økonomiudvalgets beslutning", ("Økonomiudvalget",)),
        ("Hvad besluttede arbejdsmarkedsudvalget i marts?", ("Arbejdsmarkedsudvalget",)),
        ("Hvad besluttede AMU?", ("Arbejdsmarkedsudvalget",)),
        ("Hvad sagde skoleudvalget om inklusion?", ("Skole-, Børne- og Ungeudvalget",)),
        ("børne- og ungeudvalget", ("Skole-, Børne- og Ungeudvalget",)),
        ("klima- og miljøudvalget", ("Klima-, Teknik- og Miljøudvalget",)),
        ("Klima-, Teknik- og Miljøudvalget", ("Klima-, Teknik- og Miljøudvalget",)),
        ("kultur- og fritidsudvalget", ("Kultur- og Fritidsudvalget",)),
        ("plan- og tryghedsudvalget", ("Plan- og Tryghedsudvalget",)),
        ("beskæftigelsesudvalget", ("Beskæftigelses- og Erhvervsudvalget",)),
        ("socialudvalget", ("Social- og Handicapudvalget",)),
        ("byrådet", ("Byråd 2022-2025", "Aarhus Byråd")),
        ("sundhedsudvalget", ("Sundheds- og Omsorgsudvalget", "Sundheds- og Forebyggelsesudvalget")),
        ("What did the finance committee decide?", ("Økonomiudvalget",)),
        ("the Labour Market Committee", ("Arbejdsmarkedsudvalget",)),
        ("the health and care committee", ("Sundheds- og Omsorgsudvalget",)),
        ("the city council", ("Byråd 2022-2025", "Aarhus Byråd")),
        # A meeting compound names its body.
        ("Hvem var fraværende ved byrådsmødet?", ("Byråd 2022-2025", "Aarhus Byråd")),
        ("Hvem deltog i økonomiudvalgsmødet den 3. maj?", ("Økonomiudvalget",)),
        ("Hvornår var skoleudvalgsmødet?", ("Skole-, Børne- og Ungeudvalget",)),
    ],
)
def test_committees_named_in_many_ways(question: str, expected: tuple[str, ...]) -> None:
    assert find_committees(question, COMMITTEES, TOWNS) == expected


@pytest.mark.parametrize(
    "question",
    [
        "Hvad blev der besluttet om Frederikshavnerordningen?",
        "Hvad besluttede udvalget?",  # which one is not said
        "Hvordan går det med økonomien?",  # a topic, not the committee
        "Hvad koster det for borgerne?",
        "What did the committee decide?",
        "sundhed og forebyggelse",
        "Hvad skete på udvalgsmødet den 3. maj?",  # which committee is not said
        "Hvem var med til budgetmødet?",  # a meeting about a topic, not a body
    ],
)
def test_no_committee_where_none_is_named(question: str) -> None:
    assert find_committees(question, COMMITTEES, TOWNS) == ()


def test_a_filter_spelling_resolves_to_the_stores_committees() -> None:
    """A committee option (not a question): any case, a usual spelling, or a unique part."""
    from vectorstore.query import resolve_committee

    assert resolve_committee("økonomiudvalget", COMMITTEES, TOWNS) == ("Økonomiudvalget",)
    assert resolve_committee("skoleudvalget", COMMITTEES, TOWNS) == ("Skole-, Børne- og Ungeudvalget",)
    assert resolve_committee("arbejdsmarked", COMMITTEES, TOWNS) == ("Arbejdsmarkedsudvalget",)
    assert resolve_committee("Teknisk Udvalg ", ["Teknisk Udvalg", "Økonomiudvalget"]) == ("Teknisk Udvalg",)
    assert resolve_committee("udvalg", COMMITTEES, TOWNS) == ()  # a part of several names
    assert resolve_committee("Festudvalget", COMMITTEES, TOWNS) == ()
    assert resolve_committee("  ", COMMITTEES, TOWNS) == ()


def test_only_the_stores_committees_can_match() -> None:
    assert find_committees("Hvad besluttede Økonomiudvalget?", ["Arbejdsmarkedsudvalget"]) == ()
    assert find_committees("Hvad besluttede Økonomiudvalget?", []) == ()


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Hvad besluttede byrådet i Greve?", "Greve"),
        ("Greves byråd", "Greve"),
        ("Aarhus Kommune", "Aarhus"),
        ("in Ballerup", "Ballerup"),
        ("Frederikshavnerordningen", None),  # a word that starts with a town is not the town
        ("Greve og Aarhus", None),  # two towns: no single one
    ],
)
def test_municipalities(question: str, expected: str | None) -> None:
    assert find_municipality(question, TOWNS) == expected


# -- the whole plan ----------------------------------------------------------------------------


def test_a_full_question() -> None:
    p = plan("Hvad besluttede Økonomiudvalget i Greve under punkt 4 på mødet i juni 2023?")
    assert p.committees == ("Økonomiudvalget",)
    assert p.municipality == "Greve"
    assert p.item_number == "4"
    assert (p.date_from, p.date_to) == (D(2023, 6, 1), D(2023, 6, 30))
    assert p.filters().committee == "Økonomiudvalget"
    assert p.has_scope()


def test_the_question_text_is_kept_for_ranking() -> None:
    q = "  Hvad blev der besluttet om Frederikshavnerordningen i marts 2024?"
    assert plan(q).text == q
    assert plan(q).question == q


def test_meeting_date_only_for_a_single_day() -> None:
    assert plan("punkt 5 den 6. marts 2024").meeting_date == D(2024, 3, 6)
    assert plan("punkt 5 i marts 2024").meeting_date is None


def _ref(committee: str, date: dt.date, municipality: str | None = "Greve") -> ItemRef:
    return ItemRef(
        key="x:1",
        municipality=municipality,
        committee=committee,
        meeting_date=date,
        meeting_id=None,
        item_number="1",
        case_id=None,
        title="t",
        source="s",
        source_sha256="x",
        pages=(1, 1),
    )


def test_matches_applies_every_constraint() -> None:
    p = plan("Økonomiudvalget i Greve i marts 2023")
    assert p.matches(_ref("Økonomiudvalget", D(2023, 3, 20)))
    assert not p.matches(_ref("Økonomiudvalget", D(2023, 4, 20)))
    assert not p.matches(_ref("Byråd 2022-2025", D(2023, 3, 20)))
    assert not p.matches(_ref("Økonomiudvalget", D(2023, 3, 20), municipality="Aarhus"))
    assert plan("i marts").matches(_ref("X", D(2019, 3, 2)))
    assert not plan("i marts").matches(_ref("X", D(2019, 4, 2)))


# -- invariants over many questions ------------------------------------------------------------

QUESTIONS = [
    "Hvad blev der besluttet om Frederikshavnerordningen?",
    "EMN-2019-01604",
    "Hvad besluttede Økonomiudvalget i marts 2023 om budgetopfølgning?",
    "punkt 5 den 6. marts 2024",
    "What did the city council decide about the school structure in 2024?",
    "hjælp til sygemeldte",
    "Sagsnr. 2012-28504 bygningsvedligeholdelse",
    "",
    "   ",
    "???",
    "12345678901234567890",
    "punkt punkt punkt 99999",
    "i i i marts marts 2024 2024",
    "æøå ÆØÅ",
    "a" * 5000,
    "den 32. marts 2024 og 2024-13-45",
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_invariants(question: str) -> None:
    p = plan(question)
    # Never raises, keeps the question, and everything it found comes from the question or the store.
    assert p.question == question
    assert set(p.committees) <= set(COMMITTEES)
    assert p.municipality is None or p.municipality in TOWNS
    for case_id in p.case_ids:
        assert case_id.casefold() in question.casefold()
    if p.item_number is not None:
        assert p.item_number in question
    if p.date_from or p.date_to:
        assert p.date_from is not None and p.date_to is not None and p.date_from <= p.date_to
    assert p.month is None or 1 <= p.month <= 12
    # Understanding is deterministic.
    assert plan(question) == p


def test_every_case_id_form_the_parsers_store_is_found_in_a_question():
    # The parsers store KLE-style case numbers (ingest.caseids); a question naming one must
    # reach the exact lookup too.
    from vectorstore.query import find_case_ids

    assert find_case_ids("Hvad blev besluttet i sag 00.01.00-A00-1-24?") == ("00.01.00-A00-1-24",)
