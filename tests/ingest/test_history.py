"""History printed inside one item: dated decisions and the Aarhus *sagsforløb* list.

``tests/fixtures/dated_decisions_byraadet_2024-04-17_referat.txt`` is built from real text:
the three treatments of Greve sag 23-006438 (Mosede Klimapark, egenfinansiering:
Klima-, Teknik- og Miljøudvalget 14 March 2024, Økonomiudvalget 10 April 2024, Byrådet 17 April
2024), each decision copied verbatim from the Greve FirstAgenda JSON in ../shared/corpus/greve,
laid out as vendors that print a case's course print it ("Beslutning i <udvalg> den
DD-MM-YYYY", one heading per treatment).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.history import course_steps, dated_heading, with_history
from ingest.parse import parse_file
from ingest.records import AgendaItem, HistoryStep, Meeting, Section

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "dated_decisions_byraadet_2024-04-17_referat.txt"
AARHUS = REPO.parent / "shared" / "corpus" / "pdf" / "aarhus_byraad_2025-08-27_referat.pdf"
BALLERUP = REPO / "tests" / "fixtures" / "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04_referat.pdf"


@pytest.fixture(scope="module")
def dated() -> Meeting:
    return parse_file(FIXTURE)


def test_the_decision_dated_on_the_meeting_is_the_items_decision(dated):
    item = dated.item("22")
    assert dated.date == dt.date(2024, 4, 17)
    assert item.decision == "Byrådet godkendte Økonomiudvalgets indstilling."


def test_the_other_dated_decisions_are_history_oldest_first(dated):
    history = dated.item("22").history
    assert [(h.date, h.body) for h in history] == [
        (dt.date(2024, 3, 14), "Klima-, Teknik- og Miljøudvalget"),
        (dt.date(2024, 4, 10), "Økonomiudvalget"),
    ]
    assert history[0].text.startswith("1. anbefales ikke. Udvalget anbefaler scenarie A")
    assert history[1].text == (
        "Økonomiudvalget anbefaler overfor Byrådet, at Klima-, Teknik- og Miljøudvalgets indstilling godkendes."
    )


def test_an_absence_printed_under_an_earlier_treatment_is_not_this_meetings(dated):
    # "Afbud: Torben Hoffmann" sits under the committee's decision of 14 March.
    assert [p.name for p in dated.item("22").absent] == ["Charlotte Levin"]
    assert [p.name for p in dated.absent] == ["Charlotte Levin"]


def test_referat_parse_json_prints_the_history():
    out = subprocess.run(
        [sys.executable, "-m", "referat", "parse", str(FIXTURE), "--json"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    ).stdout
    item = json.loads(out)["items"][0]
    assert item["decision"] == "Byrådet godkendte Økonomiudvalgets indstilling."
    assert [(h["date"], h["body"]) for h in item["history"]] == [
        ("2024-03-14", "Klima-, Teknik- og Miljøudvalget"),
        ("2024-04-10", "Økonomiudvalget"),
    ]
    assert Meeting.from_dict(json.loads(out)).item("22").history[1].body == "Økonomiudvalget"


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Beslutning i Økonomiudvalget den 10-04-2024", ("Økonomiudvalget", dt.date(2024, 4, 10))),
        (
            "Beslutning i Klima-, Teknik- og Miljøudvalget den 14-03-2024",
            ("Klima-, Teknik- og Miljøudvalget", dt.date(2024, 3, 14)),
        ),
        ("Beslutning fra Byrådet d. 17.04.2024", ("Byrådet", dt.date(2024, 4, 17))),
        ("Økonomiudvalgets beslutning den 10. april 2024", ("Økonomiudvalget", dt.date(2024, 4, 10))),
        (
            "Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 1",
            ("Sundheds- og Forebyggelsesudvalget", dt.date(2012, 12, 4)),
        ),
        ("Beslutning", None),
        ("Beslutninger:", None),
        ("Beslutning i Byrådet", None),
    ],
)
def test_dated_headings(heading, expected):
    assert dated_heading(heading) == expected


def test_one_decision_dated_on_the_meeting_is_no_history():
    # Ballerup (eDoc) prints one dated decision per item: the meeting's own.
    m = parse_file(BALLERUP)
    assert all(not it.history for it in m.items)
    assert m.item("2").decision == "Indstillingen godkendt"


def test_without_dated_decisions_the_item_is_unchanged():
    item = AgendaItem("1", "X", sections=(Section("Beslutning", "beslutning", "Godkendt."),), decision="Godkendt.")
    assert with_history(item, dt.date(2024, 1, 1)) is item


def test_an_undated_decision_is_current_beside_dated_earlier_ones():
    item = AgendaItem(
        "4",
        "Budget",
        sections=(
            Section("Økonomiudvalgets beslutning den 3. maj 2024", "beslutning", "Anbefales."),
            Section("Beslutning", "beslutning", "Godkendt."),
        ),
        decision="joined",
    )
    got = with_history(item, dt.date(2024, 5, 21))
    assert got.decision == "Godkendt."
    assert got.history == (HistoryStep(dt.date(2024, 5, 3), "Økonomiudvalget", "Anbefales."),)


@pytest.mark.skipif(not AARHUS.exists(), reason="the Aarhus PDF is not in the shared corpus")
def test_aarhus_sagsforloeb_is_the_items_history():
    m = parse_file(AARHUS)
    havnens_perle = m.item("2").history
    assert [(h.date.isoformat(), h.body, h.item_number) for h in havnens_perle] == [
        ("2025-03-26", "Aarhus Byråd", "21"),
        ("2025-04-09", "Aarhus Byråd", "3"),
        ("2025-08-19", "Magistraten", "4"),
    ]
    assert havnens_perle[0].text == "Sagens behandling blev udsat i byrådets møde den 26. marts 2025."
    discrimination = m.item("6").history
    assert [h.body for h in discrimination] == [
        "Aarhus Byråd",
        "Magistraten",
        "Aarhus Byråd",
        "Økonomi- og Erhvervsudvalget",
    ]
    assert discrimination[-1].text.startswith("Et flertal i udvalget kunne tiltræde indstillingen")
    # The current decision stays the byråd's own.
    assert m.item("2").decision.startswith("Fremsendes til Teknisk Udvalg")


def test_course_entries_on_one_line_are_read_too():
    # The Aarhus HTML prints the entries run together.
    text = (
        "Udvalg: Aarhus Byråd Dato: 10-09-2025 Punktnummer: 11 Fremsendes til Teknisk Udvalg til behandling. "
        "Udvalg: Teknisk Udvalg Dato: 22-09-2025 Punktnummer: 2 Der var foretræde til sagen."
    )
    steps = course_steps(text)
    assert [(s.body, s.date.isoformat(), s.item_number) for s in steps] == [
        ("Aarhus Byråd", "2025-09-10", "11"),
        ("Teknisk Udvalg", "2025-09-22", "2"),
    ]
    assert steps[1].text == "Der var foretræde til sagen."
