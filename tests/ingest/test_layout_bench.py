"""The layout test bench: generated PDFs of many vendor layouts, each with its expected records.

Every document varies one thing from the Acadre-style base (fonts, heading style, numbering,
header/footer, two columns, tables, one item per page, sub-items), so a failure names the
layout feature that broke. Each must give the right committee, date, items, case IDs and
current decisions, and the invariants the real files are held to (``test_invariants.py``):
item text printed on the item's pages, no running header or footer inside an item, unique
numbers and pages that run forward.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from ingest.check import check_meeting
from ingest.parse import parse_file, read_lines
from ingest.records import Meeting, Person
from tests.ingest.bench import Doc, Item, Look, Section, danish_date, render

DATE = dt.date(2024, 3, 12)
LONG = (
    "Administrationen har gennemgået forbruget i årets første måneder, og der forventes et samlet "
    "merforbrug på det specialiserede socialområde, som skyldes flere borgere med behov for botilbud. "
)
FRONT = (
    "Referat",
    f"Mødedato: {danish_date(DATE)}",
    "Mødetidspunkt: 16:00",
    "Mødested: Mødelokale 1, Rådhuset",
    "Deltagere: Anne Holm (A), Anders Bo (V), Carl Dahl (C)",
    "Fraværende: Dorte Eg (F)",
)


def _items(committee: str, case_ids: tuple[str, str, str] = ("24/1001", "24/2002", "23/14567")) -> tuple[Item, ...]:
    """Three items in the Acadre style; item 2 carries an earlier dated decision before today's."""
    today = DATE.strftime("%d-%m-%Y")
    return (
        Item(
            "1",
            "Godkendelse af dagsorden",
            case_ids[0],
            (
                Section("Indstilling", "Direktøren indstiller, at dagsordenen godkendes."),
                Section(f"Beslutning i {committee} den {today}", "Godkendt."),
            ),
            "Godkendt.",
        ),
        Item(
            "2",
            "Budgetopfølgning pr. 29. februar 2024",
            case_ids[1],
            (
                Section("Resumé", "Budgetopfølgningen viser et forventet merforbrug på 4,2 mio. kr."),
                Section("Sagsfremstilling", LONG * 6),
                Section("Økonomi og organisatoriske konsekvenser", "Merforbruget finansieres af kassebeholdningen."),
                Section("Indstilling", "Direktøren indstiller, at budgetopfølgningen tages til efterretning."),
                Section(f"Beslutning i {committee} den 27-02-2024", "Sagen blev udsat til næste møde."),
                Section(f"Beslutning i {committee} den {today}", "Budgetopfølgningen blev taget til efterretning."),
            ),
            "Budgetopfølgningen blev taget til efterretning.",
        ),
        Item(
            "3",
            "Salg af ejendommen Skolevej 4",
            case_ids[2],
            (
                Section("Resumé", "Ejendommen Skolevej 4 er udbudt til salg."),
                Section("Sagsfremstilling", LONG * 3),
                Section("Indstilling", "Direktøren indstiller, at ejendommen sælges til højeste bud."),
                Section(f"Beslutning i {committee} den {today}", "Indstillingen blev godkendt.\nAnders Bo (V) stemte imod."),
            ),
            "Indstillingen blev godkendt.\nAnders Bo (V) stemte imod.",
        ),
    )


def _renumber(items: tuple[Item, ...], numbers: tuple[str, ...]) -> tuple[Item, ...]:
    return tuple(dataclasses.replace(i, number=n) for i, n in zip(items, numbers, strict=True))


ACADRE = Doc(
    "Økonomiudvalget",
    DATE,
    _items("Økonomiudvalget"),
    look=Look(header="{committee} - Referat - {date}"),
    title_lines=FRONT,
    toc=True,
    signatures=("Anne Holm", "Anders Bo", "Carl Dahl"),
)

WORKING_GROUP = Doc(
    "Arbejdsgruppen for digitalisering",
    dt.date(2024, 5, 14),
    (
        Item("1", "First Agenda", None, (), None),
        Item("1.1", "Status siden sidst", None,
             (Section("Referat:", "Leverandøren har leveret version 2.3, som er testet i to afdelinger."),),
             "Leverandøren har leveret version 2.3, som er testet i to afdelinger.", level=2),
        Item("1.2", "Opsætning af mødeskabeloner", None,
             (Section("Referat:", "Arbejdsgruppen besluttede at bruge den nye skabelon fra 1. juni."),),
             "Arbejdsgruppen besluttede at bruge den nye skabelon fra 1. juni.", level=2),
        Item("2", "Økonomi", None, (), None),
        Item("2.1", "Budget 2025", None,
             (Section("Referat:", "Budgettet blev godkendt med en ramme på 350.000 kr."),),
             "Budgettet blev godkendt med en ramme på 350.000 kr.", level=2),
        Item("3", "Eventuelt", None, (Section("Referat:", "Intet."),), "Intet."),
    ),
    look=Look(number_format="{n} {title}", item_size=12, footer=None),
    title="Referat af møde i Arbejdsgruppen for digitalisering",
    title_lines=("Dato: 14. maj 2024 kl. 10.00", "Sted: Mødelokale 3", "Deltagere: Anne Holm, Bo Berg, Carl Dahl"),
)

TEKNIK = "Teknik- og Miljøudvalget"
BENCH: dict[str, Doc] = {
    "acadre": ACADRE,
    # The committee only in the running header, a single item, a TOC line that repeats its heading.
    "acadre-single-item": Doc(
        "Børne- og Ungeudvalget",
        DATE,
        _items("Børne- og Ungeudvalget")[1:2],
        look=Look(header="{committee}", footer="Side {page}"),
        title="Referat",
        title_lines=("Mødedato: 12.03.2024", "Mødetidspunkt: 16:00"),
        toc=True,
        signatures=("Anne Holm", "Anders Bo"),
    ),
    "working-group": WORKING_GROUP,
    # Times, "Punkt N: Title" headings larger but not bold, "Sags ID:", header with date.
    "punkt-colon-times": Doc(
        TEKNIK,
        DATE,
        _items(TEKNIK),
        look=Look(body_font="Times-Roman", bold_font="Times-Bold", body_size=11, item_size=15, item_bold=False,
                  number_format="Punkt {n}: {title}", case_label="Sags ID: ", header="{committee} {date}"),
        title_lines=FRONT[1:],
    ),
    # Number and title only, bold at body size; journal numbers; Courier.
    "bare-number-bold": Doc(
        TEKNIK,
        DATE,
        _items(TEKNIK, ("12/27845", "12/30001", "13/00412")),
        look=Look(body_font="Courier", bold_font="Courier-Bold", body_size=9, item_size=9, number_format="{n} {title}",
                  case_label="J.nr.: ", footer="- {page} -"),
        title_lines=FRONT[1:],
    ),
    # Council numbering that runs on through the year ("715."), bare case IDs under the title.
    "council-numbers": Doc(
        "Byrådet",
        DATE,
        _renumber(_items("Byrådet", ("EMN-2024-001234", "EMN-2024-002345", "EMN-2023-014567")), ("715", "716", "717")),
        look=Look(number_format="{n}. {title}", case_label="", header="Referat - Byrådet - {date}"),
        title_lines=FRONT[1:],
        toc=True,
    ),
    "two-columns": Doc(
        "Økonomiudvalget",
        DATE,
        _items("Økonomiudvalget"),
        look=Look(columns=2, header="{committee} - Referat - {date}"),
        title_lines=FRONT,
    ),
    "table-in-item": Doc(
        "Økonomiudvalget",
        DATE,
        tuple(
            dataclasses.replace(
                it,
                sections=(
                    *it.sections[:2],
                    Section("Økonomi", "| Område | Budget | Forbrug |\n| Ældre | 120,5 | 118,2 |\n| Skole | 88,0 | 91,3 |"),
                    *it.sections[2:],
                ),
            )
            if it.number == "2"
            else it
            for it in _items("Økonomiudvalget")
        ),
        look=Look(header="{committee} - Referat - {date}"),
        title_lines=FRONT,
    ),
    "item-per-page": Doc(
        "Økonomiudvalget",
        DATE,
        _items("Økonomiudvalget"),
        look=Look(item_on_new_page=True, header="Økonomiudvalget", footer="{page}"),
        title_lines=FRONT,
    ),
}


@pytest.fixture(scope="module", params=sorted(BENCH), ids=str)
def bench(request, tmp_path_factory) -> tuple[Doc, Meeting, Path]:
    doc = BENCH[request.param]
    path = render(doc, tmp_path_factory.mktemp("bench") / f"{request.param}.pdf")
    return doc, parse_file(path), path


def test_expected_meeting_and_items(bench):
    doc, m, _ = bench
    assert (m.committee, m.date, m.guessed) == (doc.committee, doc.date, ())
    got = [(i.number, i.title, i.case_id, i.decision) for i in m.items]
    assert got == doc.expected()


def test_invariants(bench):
    doc, m, path = bench
    body, furniture = read_lines(path)
    last_page, previous = max(line.page for line in body), 0
    furniture_text = {line.text for line in furniture}
    for item in m.items:
        first, last = item.pages
        assert previous <= first <= last <= last_page
        previous = first
        page_text = "\n".join(line.text for line in body if first <= line.page <= last)
        for section in item.sections:
            for line in section.text.split("\n"):
                assert line in page_text, f"item {item.number}: {line!r} not on pages {item.pages}"
                assert line not in furniture_text, f"item {item.number}: page furniture {line!r}"
                assert not re.match(r"^(?:side \d+|- \d+ -|\d+)$", line, re.I), line
        assert "Indholdsfortegnelse" not in item.text and "Underskriftsblad" not in item.text
    assert len({i.number for i in m.items}) == len(m.items)
    check = check_meeting(m)
    assert check.items == len(doc.items) and not check.warnings


def test_acadre_dated_decisions_participants_and_toc(tmp_path):
    m = parse_file(render(ACADRE, tmp_path / "referat.pdf"))
    two = m.item("2")
    # The decision dated on the meeting day is the decision; the earlier one stays a section.
    assert two.decision == "Budgetopfølgningen blev taget til efterretning."
    assert [(s.heading, s.text) for s in two.sections_of("beslutning")] == [
        ("Beslutning i Økonomiudvalget den 27-02-2024", "Sagen blev udsat til næste møde."),
        ("Beslutning i Økonomiudvalget den 12-03-2024", "Budgetopfølgningen blev taget til efterretning."),
    ]
    assert [s.kind for s in two.sections] == [
        "resume", "sagsfremstilling", "other", "indstilling", "beslutning", "beslutning",
    ]  # fmt: skip
    assert two.sections[2].heading == "Økonomi og organisatoriske konsekvenser"
    assert (m.time, m.location) == ("16:00", "Mødelokale 1, Rådhuset")
    assert m.participants == (Person("Anne Holm", "A"), Person("Anders Bo", "V"), Person("Carl Dahl", "C"))
    assert m.absent == (Person("Dorte Eg", "F"),)
    assert m.items[0].pages[0] == 3  # page 2 is the table of contents


def test_signature_page_gives_participants_when_no_list_is_printed(tmp_path):
    doc = BENCH["acadre-single-item"]
    m = parse_file(render(doc, tmp_path / "referat.pdf"))
    assert m.participants == (Person("Anne Holm"), Person("Anders Bo"))
    assert [i.number for i in m.items] == ["2"] and m.items[0].pages[0] == 3


def test_working_group_sub_items_and_referat_sections(tmp_path):
    m = parse_file(render(WORKING_GROUP, tmp_path / "arbejdsgruppe.pdf"))
    assert [i.number for i in m.items] == ["1", "1.1", "1.2", "2", "2.1", "3"]
    assert [s.kind for s in m.item("2.1").sections] == ["beslutning"]
    assert (m.time, m.location) == ("10:00", "Mødelokale 3")


def test_committee_from_the_file_name_is_flagged_as_guessed(tmp_path):
    item = Item(
        "1",
        "Budgetopfølgning",
        "24/2002",
        (Section("Sagsfremstilling", LONG), Section("Beslutning", "Taget til efterretning.")),
        "Taget til efterretning.",
    )
    doc = Doc("", DATE, (item,), look=Look(footer="Side {page}"), title="Referat", title_lines=("Dato: 12.03.2024",))
    m = parse_file(render(doc, tmp_path / "oekonomiudvalget_2024-03-12.pdf"))
    assert (m.committee, m.guessed, m.date) == ("Oekonomiudvalget", ("committee",), DATE)
    assert any("committee unknown" in w for w in check_meeting(m).warnings)
