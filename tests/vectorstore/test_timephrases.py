"""Time phrases: seasons, quarters, halves, relative phrases (from the store's newest meeting)
and subject years, alone and as ``vectorstore.query`` reads them into a question's scope."""

from __future__ import annotations

import datetime as dt

import pytest

from vectorstore.query import find_dates
from vectorstore.timephrases import meeting_spans, subject_years

D = dt.date
ANCHOR = D(2025, 10, 1)  # the newest meeting of the Greve minutes


@pytest.mark.parametrize(
    ("question", "phrase", "date_from", "date_to"),
    [
        ("Hvad besluttede Økonomiudvalget i efteråret 2022?", "efteråret 2022", D(2022, 9, 1), D(2022, 11, 30)),
        ("Hvad skete der i foråret 2023?", "foråret 2023", D(2023, 3, 1), D(2023, 5, 31)),
        ("sommeren 2024", "sommeren 2024", D(2024, 6, 1), D(2024, 8, 31)),
        ("i vinteren 2022/23", "vinteren 2022/23", D(2022, 12, 1), D(2023, 2, 28)),
        ("i vinteren 2023", "vinteren 2023", D(2022, 12, 1), D(2023, 2, 28)),
        ("in the autumn of 2022", "the autumn of 2022", D(2022, 9, 1), D(2022, 11, 30)),
        ("i 1. kvartal 2024", "1. kvartal 2024", D(2024, 1, 1), D(2024, 3, 31)),
        ("i tredje kvartal 2023", "tredje kvartal 2023", D(2023, 7, 1), D(2023, 9, 30)),
        ("Q4 2022", "Q4 2022", D(2022, 10, 1), D(2022, 12, 31)),
        ("i første halvår 2024", "første halvår 2024", D(2024, 1, 1), D(2024, 6, 30)),
        ("i starten af 2024", "starten af 2024", D(2024, 1, 1), D(2024, 3, 31)),
        ("i slutningen af 2023", "slutningen af 2023", D(2023, 10, 1), D(2023, 12, 31)),
    ],
)
def test_seasons_quarters_halves(question, phrase, date_from, date_to):
    (span,) = meeting_spans(question, ANCHOR)
    assert (span.phrase, span.date_from, span.date_to, span.relative) == (phrase, date_from, date_to, False)


@pytest.mark.parametrize(
    ("question", "date_from", "date_to"),
    [
        ("Hvad besluttede byrådet sidste år om skolerne?", D(2024, 1, 1), D(2024, 12, 31)),
        ("i fjor", D(2024, 1, 1), D(2024, 12, 31)),
        ("Hvad er besluttet i år?", D(2025, 1, 1), D(2025, 12, 31)),
        ("for 2 år siden", D(2023, 1, 1), D(2023, 12, 31)),
        ("sidste måned", D(2025, 9, 1), D(2025, 9, 30)),
        ("de seneste 3 måneder", D(2025, 7, 2), D(2025, 10, 1)),
        ("det seneste halve år", D(2025, 4, 2), D(2025, 10, 1)),
        ("sidste kvartal", D(2025, 7, 1), D(2025, 9, 30)),
        ("sidste efterår", D(2024, 9, 1), D(2024, 11, 30)),  # the anchor is in this autumn
        ("i foråret", D(2025, 3, 1), D(2025, 5, 31)),  # the latest spring begun by the anchor
        ("last year", D(2024, 1, 1), D(2024, 12, 31)),
    ],
)
def test_relative_phrases_count_from_the_anchor(question, date_from, date_to):
    (span,) = meeting_spans(question, ANCHOR)
    assert (span.date_from, span.date_to) == (date_from, date_to)
    assert span.relative and span.anchor == ANCHOR


def test_the_anchor_decides_what_last_year_is():
    assert meeting_spans("sidste år", D(2013, 1, 15))[0].date_from == D(2012, 1, 1)


@pytest.mark.parametrize(
    "question",
    [
        "Budgetopfølgning pr. 1. kvartal 2024",  # the quarter a report covers
        "Hvad stod der i sidste års budget?",  # a subject, not a time
        "Hvad blev besluttet om Frederikshavnerordningen?",
    ],
)
def test_no_meeting_time(question):
    assert meeting_spans(question, ANCHOR) == []


@pytest.mark.parametrize(
    ("question", "year", "after", "decided"),
    [
        ("Hvad blev byggesagsgebyrerne 2024?", 2024, False, (D(2023, 1, 1), D(2024, 12, 31))),
        ("Hvad er gebyret for 2024?", 2024, False, (D(2023, 1, 1), D(2024, 12, 31))),
        ("Hvilke takster blev fastsat: taksterne for 2025", 2025, False, (D(2024, 1, 1), D(2025, 12, 31))),
        ("Hvad indeholder Budget 2025-28?", 2025, False, (D(2024, 1, 1), D(2025, 12, 31))),
        ("Hvilke partier stemte imod beskæftigelsesplanen for 2023?", 2023, False, (D(2022, 1, 1), D(2023, 12, 31))),
        ("affaldsregulativ 2024", 2024, False, (D(2023, 1, 1), D(2024, 12, 31))),
        ("Blev regnskab 2023 godkendt?", 2023, True, (D(2023, 1, 1), D(2024, 12, 31))),
        # English: a grant, a subsidy or a fee "in" a year
        ("How many associations received a premises grant in 2023?", 2023, False, (D(2022, 1, 1), D(2023, 12, 31))),
        ("What were the fees in 2024?", 2024, False, (D(2023, 1, 1), D(2024, 12, 31))),
        # any noun "for" a year: Greve's "Vej- og Landskabspuljer i 2025", treated in 2024
        (
            "Hvor mange penge blev der afsat til asfalt i vej- og landskabspuljerne for 2025?",
            2025,
            False,
            (D(2024, 1, 1), D(2025, 12, 31)),
        ),
        (
            "How much was in the road and landscape pools for the year 2025?",
            2025,
            False,
            (D(2024, 1, 1), D(2025, 12, 31)),
        ),
    ],
)
def test_subject_years(question, year, after, decided):
    (sy,) = subject_years(question)
    assert (sy.year, sy.after, sy.decided_span()) == (year, after, decided)


def test_no_subject_year_in_a_meeting_year_or_a_plan_number():
    assert subject_years("Hvad besluttede byrådet i 2023?") == []
    assert subject_years("What did the council decide in 2023?") == []
    assert subject_years("Lokalplan 14.58 for nyt vandværk") == []
    assert subject_years("Hvad skete der for 2025?") == []  # "der" is no noun


def test_query_scope_reads_seasons_and_leaves_subject_years_alone():
    when = find_dates("Hvad besluttede Byrådet i efteråret 2022 om busdriften?", ANCHOR)
    assert (when.date_from, when.date_to) == (D(2022, 9, 1), D(2022, 11, 30))
    # "gebyret i 2024" is what the fee is for; it does not scope the meetings to 2024.
    when = find_dates("Hvad blev gebyret i 2024 for byggesager?", ANCHOR)
    assert (when.date_from, when.date_to) == (None, None)
    when = find_dates("Hvad besluttede byrådet sidste år?", ANCHOR)
    assert (when.date_from, when.date_to) == (D(2024, 1, 1), D(2024, 12, 31))


def test_a_season_after_a_subject_noun_with_a_preposition_is_a_time():
    # "byggesagsgebyrer i efteråret 2022": when the fees were decided, not what they are for.
    (span,) = meeting_spans("Hvad besluttede Byrådet om byggesagsgebyrer i efteråret 2022?", ANCHOR)
    assert (span.date_from, span.date_to) == (D(2022, 9, 1), D(2022, 11, 30))
    (span,) = meeting_spans("Hvad besluttede Byrådet om Strandparken I/S' budget i vinteren 2025?", ANCHOR)
    assert (span.date_from, span.date_to) == (D(2024, 12, 1), D(2025, 2, 28))


def test_a_subject_year_in_front_of_its_noun() -> None:
    """English word order ("the 2024 budget") and Danish hyphen compounds ("2023-regnskabet")
    name what the budget or accounts are for, as "budgettet for 2024" does."""
    got = subject_years("Who voted against the 2024 budget, and what did the 2025 fees and the 2023 accounts say?")
    assert [(y.year, y.noun, y.after) for y in got] == [
        (2024, "budget", False),
        (2025, "fees", False),
        (2023, "accounts", True),
    ]
    assert [(y.year, y.after) for y in subject_years("Hvem stemte imod 2024-budgettet og 2023-regnskabet?")] == [
        (2024, False),
        (2023, True),
    ]
    assert subject_years("Who decided about the budget in 2024?") == []  # the meeting's year
    assert len(subject_years("2. behandling af Budget 2024-27")) == 1  # read once, not by both patterns


def test_english_subject_nouns_after_their_noun() -> None:
    got = subject_years("How much did the wastewater rates for 2025 increase, and the fees for 2024?")
    assert [(y.year, y.noun) for y in got] == [(2025, "rates"), (2024, "fees")]


def test_a_subject_year_a_few_words_after_its_noun() -> None:
    """ "taksterne for affald i Greve for 2024": what the takster are for, though the year
    comes after the matter and the town; "i efteråret 2022" after a noun stays a meeting time."""
    assert [(y.year, y.noun) for y in subject_years("Hvad blev taksterne for affald i Greve for 2024?")] == [
        (2024, "taksterne")
    ]
    assert subject_years("Hvad besluttede Byrådet om byggesagsgebyrer i efteråret 2022?") == []
    assert subject_years("Hvad sagde udvalget om budgettet på mødet i 2023?") == []
