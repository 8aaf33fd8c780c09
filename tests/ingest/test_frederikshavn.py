"""Frederikshavn Arbejdsmarkedsudvalget 6 March 2024 (extracted text): every item exactly."""

from __future__ import annotations

import datetime as dt

from ingest.records import Attachment, Person

TITLES = {
    "1": "Godkendelse af dagsorden",
    "2": "Temaoplæg marts 2024 - Førtidspension",
    "3": "Investeringscase sygedagpenge midtvejsstatus",
    "4": "Behandling af tidsplan og budgetproces for budget 2025-2028",
    "5": "Beslutning om Frederikshavnerordningen",
    "6": "Orientering om Jobcenter Frederikshavns service overfor virksomhederne i 2023",
    "7": "Status på SammenUng",
    "8": "Evaluering af projektet Flere Indvandrerkvinder i Beskæftigelse",
    "9": "Orientering om nøgletal om arbejdsmarkedet i Frederikshavn marts 2024",
    "10": "Marts 2024 - Orientering til Arbejdsmarkedsudvalget",
    "11": "Underskriftside",
}
CASES = {
    "1": "MOS-2024-00185",
    "2": "EMN-2016-03452",
    "3": "EMN-2015-00255",
    "4": "EMN-2024-00732",
    "5": "EMN-2024-00966",
    "6": "EMN-2020-06772",
    "7": "EMN-2022-04249",
    "8": "EMN-2019-01604",
    "9": "EMN-2018-00535",
    "10": "EMN-2021-03838",
    "11": "MOS-2024-00185",
}
RESPONSIBLE = {
    "1": "Direktionssekretariatet",
    "4": "Budget og Analyse",
    "11": "Politisk og Administrativt Sekretariat",
}
AUTHORITY = {"7": "AMU/BUU", "8": "AMU/IR"}
BILAG = {
    "4": [Attachment("AMU - samlede budgettilpasninger 2024 - 2027", "7826460")],
    "6": [Attachment("Frederikshavn kommune 2023 - Samlede resultater", "7826194")],
    "7": [Attachment("Indsatsbeskrivelse Ungeguider 2023", "7835592")],
    "8": [Attachment("Evaluering af projektet Flere Indvandrerkvinder i Beskæftigelse", "7804028")],
    "9": [Attachment("Nøgletal om arbejdsmarkedet i Frederikshavn marts 2024", "7826456")],
}
HARDAM, TROLLE = Person("Mette Hardam", "V"), Person("Erik Kyed Trolle", "UP")


def test_meeting_header(frederikshavn):
    m = frederikshavn
    assert (m.committee, m.date, m.time, m.meeting_id) == (
        "Arbejdsmarkedsudvalget",
        dt.date(2024, 3, 6),
        "15:00",
        "MOS-2024-00185",
    )
    assert m.municipality == "Frederikshavn"
    assert m.absent == (HARDAM, TROLLE)


def test_items_numbers_titles_cases(frederikshavn):
    items = frederikshavn.items
    assert [i.number for i in items] == [str(n) for n in range(1, 12)]
    assert {i.number: i.title for i in items} == TITLES
    assert {i.number: i.case_id for i in items} == CASES
    assert all(i.open for i in items)


def test_responsible_and_authority(frederikshavn):
    for item in frederikshavn.items:
        assert item.responsible == RESPONSIBLE.get(item.number, "Jobcenter Administration")
        assert item.authority == AUTHORITY.get(item.number, "AMU")


def test_decisions_verbatim(frederikshavn):
    for item in frederikshavn.items:
        expected = "1. Godkendt\n2. Godkendt\n3. Godkendt" if item.number == "4" else "Godkendt."
        assert item.decision == expected, item.number
        assert [s.kind for s in item.sections][:3] == ["sagsfremstilling", "indstilling", "beslutning"]


def test_absences_leave_the_decision_but_stay_findable(frederikshavn):
    first = frederikshavn.item("1")
    assert first.absent == (Person("Mette Hardam", "V"), Person("Erik Kyed Trolel", "UP"))  # as printed
    assert first.sections_of("other")[-1].text == "Afbud fra Mette Hardam (V), og Erik Kyed Trolel (UP)"
    for item in frederikshavn.items[1:]:
        assert item.absent == (HARDAM, TROLLE)
        assert "Afbud" not in item.decision
        assert next(s for s in item.sections if s.heading == "Afbud").text.startswith("Afbud fra Mette Hardam (V)")


def test_bilag_with_document_ids_and_no_empty_bilag(frederikshavn):
    for item in frederikshavn.items:
        assert list(item.attachments) == BILAG.get(item.number, []), item.number
        assert all(s.text.strip() not in {".", "Bilag"} for s in item.sections)
        assert not any(s.heading == "Bilag" for s in item.sections)


def test_pages_follow_the_page_marker(frederikshavn):
    # "Side 13 af 23" sits inside item 6; the items run from page 3 to page 23.
    assert frederikshavn.item("6").pages == (12, 13)
    assert frederikshavn.items[0].pages[0] == 3
    assert frederikshavn.items[-1].pages == (23, 23)
    firsts = [i.pages[0] for i in frederikshavn.items]
    assert firsts == sorted(firsts)
