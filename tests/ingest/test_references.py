"""Earlier treatments named in prose by date and item number (``ingest.references``).

The sentences are copied from Greve's FirstAgenda minutes in ../shared/corpus/greve; the
fixture ``tests/fixtures/greve_proposal/`` holds a real follow-up item that names the council
item that sent it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ingest.parse import parse_file
from ingest.records import ItemReference
from ingest.references import read_references

PROPOSAL = Path(__file__).resolve().parents[1] / "fixtures" / "greve_proposal"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "På Beskæftigelses- og Erhvervsudvalgets møde den 14. august 2023 (pkt. 2) blev Handlingsplan for "
            "ErhvervsCentret godkendt.",
            (dt.date(2023, 8, 14), "2", "Beskæftigelses- og Erhvervsudvalgets"),
        ),
        (
            "Byrådet har den 15. maj 2023 punkt 18, efter indstilling fra Økonomiudvalget, besluttet",
            (dt.date(2023, 5, 15), "18", "Byrådet"),
        ),
        (
            "Budgetopfølgningen blev behandlet af Byrådet den 2. oktober 2023 (pkt. 10).",
            (dt.date(2023, 10, 2), "10", "Byrådet"),
        ),
        (
            "På Økonomiudvalgets møde den 24.januar 2024 (pkt. 32) bestilte udvalget en sag",
            (dt.date(2024, 1, 24), "32", "Økonomiudvalgets"),
        ),
        (
            "Der henvises til sag på Byrådsmødet den 13. marts 2024 (pkt. 7) for nærmere uddybning.",
            (dt.date(2024, 3, 13), "7", "Byrådsmødet"),
        ),
        # "udvalgets møde": the item's own committee, so no body is named
        (
            "Administrationen fremlagde en generel sag om emnet på udvalgets møde den 10. april 2024 (pkt. 2).",
            (dt.date(2024, 4, 10), "2", None),
        ),
        # a body and a date without an item number
        (
            "Sagen indeholder opfølgning på initiativretsforslag fra (F), som Byrådet på mødet den 28. maj 2025 "
            "besluttede at sende til realitetsbehandling.",
            (dt.date(2025, 5, 28), None, "Byrådet"),
        ),
    ],
)
def test_references_in_real_sentences(text: str, expected: tuple) -> None:
    assert [(r.date, r.item_number, r.body) for r in read_references(text)] == [expected]


def test_a_date_that_names_no_meeting_is_no_reference() -> None:
    assert read_references("Loven træder i kraft den 1. januar 2025. Tilskuddet udbetales den 15. marts 2025.") == ()
    # the body of an earlier sentence does not reach past the full stop
    assert read_references("Byrådet godkendte planen. Den træder i kraft den 1. januar 2025.") == ()


def test_a_reference_needs_a_number_or_a_body() -> None:
    with pytest.raises(ValueError, match="neither"):
        ItemReference(dt.date(2025, 1, 1), None, None)


def test_the_follow_up_names_the_council_item_that_sent_it() -> None:
    follow = parse_file(PROPOSAL / "greve_plan-og-tryghedsudvalget_2025-06-03_c8398ba5.json").item("12")
    assert follow.case_id == "25-004950"
    assert ItemReference(dt.date(2025, 4, 23), "14", "Byrådet") in read_references(follow.text)
