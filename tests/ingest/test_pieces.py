"""The small pieces of the parser: glyphs, hyphenation, page furniture, case ids, dates,
persons and section headings, each over many inputs."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.caseids import find_case_id, is_bare_case_id, labelled_case_id
from ingest.dates import find_date, find_time
from ingest.header import committee_from_line
from ingest.layouts import GENERIC
from ingest.lines import clean_text, join_hyphenated, strip_furniture
from ingest.people import merge_people, parse_people
from ingest.records import Line, Person
from ingest.sections import classify_heading
from ingest.text import read_text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\uf0b7 Forebyggelse og fastholdelse", "• Forebyggelse og fastholdelse"),
        ("\uf0a7\tPunkt", "• Punkt"),
        ("● Punkt", "• Punkt"),
        ("novemb(cid:10)(cid:18432)er", "november"),
        ("ikke\u00a0vestlig", "ikke vestlig"),
        ("sygedagpen\u00adge", "sygedagpenge"),
        ("ﬁnansiering", "finansiering"),
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


@pytest.mark.parametrize(
    ("a", "b", "joined"),
    [
        ("en midlertidig syge-", "dagpengeydelse i alt", ["en midlertidig sygedagpengeydelse", "i alt"]),
        ("budget 2025-", "2028", ["budget 2025-2028"]),
        ("ny 2030-", "fremskrivning", ["ny 2030-fremskrivning"]),
        ("Sundheds-", "og Forebyggelsesudvalget", ["Sundheds-", "og Forebyggelsesudvalget"]),
        ("antallet af p-", "huse i byen", ["antallet af p-huse", "i byen"]),
        ("antal EØS-", "borgere", ["antal EØS-borgere"]),
        ("ikke-", "planlagte opgaver", ["ikke-planlagte", "opgaver"]),
        ("slut.", "Ny linje", ["slut.", "Ny linje"]),
    ],
)
def test_join_hyphenated(a, b, joined):
    assert [line.text for line in join_hyphenated([Line(a, 1), Line(b, 2)])] == joined


def test_strip_furniture_removes_repeating_headers_but_keeps_headings():
    pages = []
    for n in range(1, 6):
        pages += [Line("Økonomiudvalget", n), Line(f"Dato: 04.12.2012 / Side {n}", n), Line("Bilag", n)]
        pages += [Line(f"Brødtekst på side {n} med noget indhold {n * 7}", n), Line(f"{n}", n)]
    body, furniture = strip_furniture(pages, protect=lambda t: GENERIC.section_heading(t) is not None)
    assert [line.text for line in body].count("Bilag") == 5
    assert all(line.text.startswith(("Bilag", "Brødtekst")) for line in body)
    assert {line.text for line in furniture} >= {"Økonomiudvalget", "Dato: 04.12.2012 / Side 3", "3"}


def test_text_pages_from_form_feeds_and_markers():
    assert [line.page for line in read_text("x.txt", b"a\fb\fc")] == [1, 2, 3]
    raw = b"Tekst\n\nmere\n Side 2 linje\nHeader 01-02-2024 10:00\n\nSide 3 af 4\n\nefter\n"
    lines = [line for line in read_text("x.txt", raw) if line.text.strip()]
    assert [(line.text.strip(), line.page) for line in lines][-1] == ("efter", 3)
    assert lines[0].page == 1


@pytest.mark.parametrize(
    ("line", "case_id"),
    [
        ("Sags ID: EMN-2024-00966", "EMN-2024-00966"),
        ("Sagsnr.: 2012-28504", "2012-28504"),
        ("Sagsnr. 2012-28504", "2012-28504"),
        ("Sag nr. 23-007402", "23-007402"),
        ("Sagsnummer: 12/27845", "12/27845"),
        ("Journalnr.: 00.01.00-A00-1-24", "00.01.00-A00-1-24"),
        ("J.nr. 17.01.00-G01-3-23", "17.01.00-G01-3-23"),
        ("Acadre sagsnr. 2023/0012345", "2023/0012345"),
        ("Sagen drejer sig om 12/27845", None),
        ("Sagsfremstilling", None),
    ],
)
def test_labelled_case_ids(line, case_id):
    assert labelled_case_id(line) == case_id


def test_bare_case_ids():
    assert is_bare_case_id("EMN-2025-003383")
    assert is_bare_case_id("00.01.00-A00-1-24")
    assert not is_bare_case_id("Beslutninger")
    assert not is_bare_case_id("2017 2018 2019")
    assert find_case_id("se sag 24-008513 og bilag") == "24-008513"


@pytest.mark.parametrize(
    ("text", "date", "time"),
    [
        ("Arbejdsmarkedsudvalget 2022-2025 - 06-03-2024 15:00", dt.date(2024, 3, 6), "15:00"),
        ("tirsdag den 4. december 2012, kl. 13:00", dt.date(2012, 12, 4), "13:00"),
        ("Mødedato Onsdag d. 27. august 2025 kl. 16:00", dt.date(2025, 8, 27), "16:00"),
        ("Dato: 04.12.2012", dt.date(2012, 12, 4), None),
        ("Mandag 6. januar 2025, kl. 15.00", dt.date(2025, 1, 6), "15:00"),
        ("2024-06-20", dt.date(2024, 6, 20), None),
    ],
)
def test_dates_and_times(text, date, time):
    assert find_date(text) == date
    assert find_time(text) == time


def test_people_and_merging():
    assert parse_people("Mette Hardam (V), og Erik Kyed Trolel (UP)") == (
        Person("Mette Hardam", "V"),
        Person("Erik Kyed Trolel", "UP"),
    )
    assert parse_people("Anna Jensen, Ø og Bo Berg (SF)") == (Person("Anna Jensen", "Ø"), Person("Bo Berg", "SF"))
    assert parse_people("Sekretær") == ()
    printed = [[Person("Erik Kyed Trolel", "UP")]] + [
        [Person("Erik Kyed Trolle", "UP"), Person("Mette Hardam", "V")]
    ] * 3
    assert merge_people(printed) == (Person("Erik Kyed Trolle", "UP"), Person("Mette Hardam", "V"))


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Beslutning", "beslutning"),
        ("Beslutninger:", "beslutning"),
        ("BESLUTNING", "beslutning"),
        ("Økonomiudvalgets beslutning den 3. maj 2024", "beslutning"),
        ("Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 2", "beslutning"),
        ("Beslutning i Byrådet den 20.05.2024", "beslutning"),
        ("Udvalgets beslutning", "beslutning"),
        ("Sagsbeskrivelse", "sagsfremstilling"),
        ("SAGSFREMSTILLING", "sagsfremstilling"),
        ("Resumé", "resume"),
        ("Indstilling", "indstilling"),
        ("Beslutningspunkter", "indstilling"),
        ("Økonomiske konsekvenser og finansiering", "other"),
    ],
)
def test_section_headings(line, kind):
    heading = GENERIC.section_heading(line)
    assert heading is not None
    assert classify_heading(heading[0]) == kind


@pytest.mark.parametrize(
    "line",
    [
        "Beslutningen om at lukke skolen blev truffet i 2019.",
        "Byrådet besluttede den 3. maj at sende sagen i høring.",
        "Beslutningskompetence",
        "Kompetenceudvikling af medarbejderne",
    ],
)
def test_body_lines_are_not_section_headings(line):
    assert GENERIC.section_heading(line) is None


@pytest.mark.parametrize(
    ("line", "committee"),
    [
        ("Arbejdsmarkedsudvalget 2022-2025 - 06-03-2024 15:00", "Arbejdsmarkedsudvalget"),
        ("REFERAT Aarhus Byråd d. 27-08-2025", "Aarhus Byråd"),
        ("Sundheds- og Forebyggelsesudvalget", "Sundheds- og Forebyggelsesudvalget"),
        ("Beslutningsprotokol for Økonomiudvalget", "Økonomiudvalget"),
        ("Kommunalbestyrelsen i Solrød", None),
        ("Udvalget skal godkende dagsordenen for mødet.", None),
    ],
)
def test_committee_from_header_line(line, committee):
    assert committee_from_line(line) == committee


def test_year_ranges_are_not_case_ids():
    assert find_case_id("Budget 2025-2028") is None
    assert not is_bare_case_id("2022-2025")
    assert find_case_id("Sagsnr. 2012-28504") == "2012-28504"


def test_text_page_markers_as_footers():
    body = "\n".join(f"linje {n}" for n in range(8))
    raw = f"{body}\nSide 1 af 2\n{body}\nSide 2 af 2\n".encode()
    pages = [line.page for line in read_text("x.txt", raw) if line.text.startswith("linje")]
    assert pages == [1] * 8 + [2] * 8


def test_text_encodings():
    text = "1. Godkendelse af dagsorden\nSagsnr.: 24-000001\nBeslutning\nGodkendt på mødet i Ærø.\n"
    for raw in (text.encode("utf-8"), text.encode("utf-8-sig"), text.encode("utf-16"), text.encode("cp1252")):
        assert [line.text for line in read_text("x.txt", raw)][3] == "Godkendt på mødet i Ærø."
