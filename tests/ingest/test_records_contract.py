"""The Meeting JSON is a public interface: it must round-trip and keep its field names."""

import datetime as dt

import pytest

from ingest.records import AgendaItem, Attachment, Meeting, Person, Section
from ingest.sections import classify_heading


def _meeting() -> Meeting:
    item = AgendaItem(
        number="5",
        title="Frederikshavnerordningen",
        case_id="EMN-2024-00966",
        responsible="Jobcenter Frederikshavn",
        authority="AMU",
        sections=(Section("Indstilling", "indstilling", "At ordningen afskaffes."), Section("Beslutninger", "beslutning", "Godkendt.")),
        decision="Godkendt.",
        absent=(Person("Mette Hardam", "V"),),
        attachments=(Attachment("Notat", "7826460"),),
        pages=(7, 8),
    )
    return Meeting(
        committee="Arbejdsmarkedsudvalget",
        date=dt.date(2024, 3, 6),
        items=(item,),
        source="x.txt",
        sha256="ab" * 32,
        municipality="Frederikshavn",
        absent=(Person("Mette Hardam", "V"), Person("Erik Kyed Trolle", "UP")),
    )


def test_meeting_round_trips_through_its_json_form():
    m = _meeting()
    assert Meeting.from_dict(m.to_dict()) == m


def test_public_field_names_are_stable():
    d = _meeting().to_dict()
    for key in ("municipality", "committee", "date", "time", "meeting_id", "source", "absent", "items"):
        assert key in d
    item = d["items"][0]
    for key in ("number", "open", "title", "case_id", "responsible", "authority", "decision", "sections", "attachments", "pages"):
        assert key in item
    assert d["date"] == "2024-03-06"
    assert d["absent"] == ["Mette Hardam", "Erik Kyed Trolle"]
    assert item["sections"][0] == {"heading": "Indstilling", "kind": "indstilling", "text": "At ordningen afskaffes."}
    assert item["attachments"] == [{"title": "Notat", "document_id": "7826460"}]
    assert item["pages"] == [7, 8]


def test_a_meeting_without_items_or_with_repeated_numbers_is_invalid():
    m = _meeting()
    with pytest.raises(ValueError, match="at least one"):
        Meeting(committee="X", date=dt.date(2024, 1, 1), items=(), source="f.pdf", sha256="0")
    with pytest.raises(ValueError, match="repeat"):
        Meeting(committee="X", date=dt.date(2024, 1, 1), items=m.items * 2, source="f.pdf", sha256="0")


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Beslutninger:", "beslutning"),
        ("BESLUTNING", "beslutning"),
        ("Økonomiudvalgets beslutning den 3. maj 2024", "beslutning"),
        ("Beslutningskompetence", "other"),
        ("Sagsbeskrivelse", "sagsfremstilling"),
        ("Sagsfremstilling", "sagsfremstilling"),
        ("Indstilling", "indstilling"),
        ("Resume", "resume"),
        ("Sammendrag", "resume"),
        ("Bilag", "other"),
    ],
)
def test_headings_map_to_kinds(heading, kind):
    assert classify_heading(heading) == kind
