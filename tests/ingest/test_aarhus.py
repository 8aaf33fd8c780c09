"""Aarhus Byråd 27 August 2025 (PDF from ../shared/corpus; skipped only when it is absent)."""

from __future__ import annotations

import datetime as dt


def test_header(aarhus):
    assert (aarhus.committee, aarhus.date, aarhus.time, aarhus.location, aarhus.municipality) == (
        "Aarhus Byråd",
        dt.date(2025, 8, 27),
        "16:00",
        "Byrådssalen",
        "Aarhus",
    )


def test_21_items_with_case_numbers_and_decisions(aarhus):
    items = aarhus.items
    assert [i.number for i in items] == [str(n) for n in range(1, 22)]
    assert all(i.case_id and i.case_id.startswith("EMN-20") for i in items)
    assert aarhus.item("2").case_id == "EMN-2025-003383"
    assert all(i.decision for i in items)
    assert aarhus.item("1").decision == "Godkendt."
    assert aarhus.item("2").decision == (
        "Fremsendes til Teknisk Udvalg til behandling i henhold til beslutning i byrådets møde den 27. august 2025."
    )
    # The decision ends where the vendor's next heading starts.
    assert all("BESLUTNINGSFORSLAG" not in i.decision and "Resume" not in i.decision for i in items)


def test_closed_item(aarhus):
    closed = [i for i in aarhus.items if not i.open]
    assert [(i.number, i.title, i.case_id) for i in closed] == [("21", "Køb af landbrugsejendom", "EMN-2025-007940")]
    assert closed[0].decision.startswith("Tilbagesendes Magistratsafdelingen for Teknik og Miljø")


def test_titles_wrap_and_toc_is_skipped(aarhus):
    assert aarhus.item("2").title == (
        "Svar på forslag fra DD om principbeslutning om at sikre Havnens Perles fremtid på Aarhus Ø"
    )
    assert aarhus.item("7").title == "Afrapportering på klimaregnskab samt orientering om ny 2030-fremskrivning"
    assert aarhus.item("1").pages == (3, 3)  # the table of contents on page 2 is not an item


def test_sections_and_bilag(aarhus):
    two = aarhus.item("2")
    kinds = [(s.heading, s.kind) for s in two.sections]
    assert kinds[0] == ("Beslutninger", "beslutning")
    assert ("Resume", "resume") in kinds and ("Beslutningspunkter", "indstilling") in kinds
    assert two.attachments[0].title == "Indstilling"
    assert "Beslutningsforslag" in [a.title for a in two.attachments]
