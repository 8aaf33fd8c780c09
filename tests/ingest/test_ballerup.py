"""Ballerup Sundheds- og Forebyggelsesudvalget 4 December 2012 (eDoc PDF)."""

from __future__ import annotations

import datetime as dt

from ingest.records import Attachment, Person

CASES = {
    "1": "2011-29298",
    "2": "2012-28504",
    "3": "2012-31114",
    "4": "2012-31673",
    "5": "2011-29939",
    "6": "2012-21786",
    "7": "2012-28505",
    "8": "2010-3082",
}
DECISIONS = {
    "1": "Taget til efterretning",
    "2": "Indstillingen godkendt",
    "3": "Indstilles til godkendelse",
    "4": "Indstillingen godkendt",
    "5": "Indstillingen godkendt",
    "6": "Indstillingen godkendt",
    "7": "Indstillingen godkendt\nmed denne bemærkning:\n"
    "Gruppen af unge i Ballerup Kommune også får adgang til at bruge lokalerne på\nSolvej 6.",
    "8": "Taget til efterretning",
}


def test_header(ballerup):
    m = ballerup
    assert (m.committee, m.date, m.time, m.municipality) == (
        "Sundheds- og Forebyggelsesudvalget",
        dt.date(2012, 12, 4),
        "13:00",
        "Ballerup",
    )
    assert m.location == "Mødecenter C, Lokale 32 på Ballerup Rådhus"
    assert m.participants[0] == Person("Lolan Ottesen", "A", "formand")
    assert len(m.participants) == 7
    assert m.absent == ()


def test_eight_open_items_with_sagsnr_and_decisions(ballerup):
    items = ballerup.items
    assert [i.number for i in items] == [str(n) for n in range(1, 9)]
    assert all(i.open for i in items)
    assert {i.number: i.case_id for i in items} == CASES
    assert {i.number: i.decision for i in items} == DECISIONS


def test_titles_sections_and_authority(ballerup):
    six = ballerup.item("6")
    assert six.title == "Prioritering af midler til kronisk syge borgere og hverdagsrehabilitering for ældre"
    assert [s.kind for s in six.sections] == [
        "resume",
        "other",
        "sagsfremstilling",
        "other",
        "indstilling",
        "beslutning",
    ]
    assert six.sections[-1].heading == "Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 6"
    assert six.authority == "Sundheds- og Forebyggelsesudvalget"
    assert ballerup.item("3").authority == "Kommunalbestyrelsen"
    assert ballerup.item("2").pages == (3, 5)  # heading at the foot of page 3


def test_bilag_ids(ballerup):
    assert ballerup.item("2").attachments == (Attachment("Bygningsliste og prioriteringssystem", "2012-200782"),)
    assert [a.document_id for a in ballerup.item("1").attachments] == ["2012-208960", "2012-209266", "2012-204248"]
    assert ballerup.item("8").attachments == ()  # "Bilag / Ingen"
