"""The generic fallback on synthetic minutes in layouts none of the three real files use:
"Punkt 3." / "3)" / "Pkt. 12" / "1." headings, case numbers in their usual forms, and decision
headings in any form (Beslutning, BESLUTNING, "<Udvalg>s beslutning den <dato>", several
dated decisions on one item, "Beslutning: ..." on one line)."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from core.errors import ParseError
from ingest.layouts import detect_layout
from ingest.parse import parse_file
from ingest.records import Person

SOLROED = """\
Kommunalbestyrelsen i Solrød
Beslutningsprotokol
Økonomiudvalget
Mødedato: 3. maj 2024 kl. 16.30
Mødested: Rådhuset, mødelokale 1
Deltagere: Anna Jensen (A), Bo Hansen (V), Carl Olsen (F)
Afbud: Dorte Berg (C)

Indholdsfortegnelse
Punkt 1. Godkendelse af dagsorden ....... 2
Punkt 2. Budgetopfølgning 1. kvartal 2024 ....... 3
Punkt 3. Ny skole i Havdrup ....... 4

Punkt 1. Godkendelse af dagsorden
Sag nr. 24-001122
Beslutning
Godkendt.

Punkt 2. Budgetopfølgning 1. kvartal 2024
Sag nr. 23-007402
Resumé
Forvaltningen har udarbejdet budgetopfølgning pr. 31. marts 2024.
Sagsbeskrivelse
Der forventes et mindreforbrug på 4,2 mio. kr.
1. Drift
2. Anlæg
Indstilling
Direktionen indstiller,
1. at budgetopfølgningen tages til efterretning
2. at der gives tillægsbevilling
Økonomiudvalgets beslutning den 3. maj 2024
Anbefales.
Bo Hansen (V) stemte imod.
Kommunalbestyrelsens beslutning den 13. maj 2024
Godkendt.

Punkt 3. Ny skole i Havdrup
Sag nr. 22-000451
Sagsbeskrivelse
Skolen skal stå færdig i 2027.
Økonomiudvalgets beslutning den 3. maj 2024
Godkendt.
Fraværende: Carl Olsen (F)
"""

PARENS = """\
REFERAT
Teknik- og Miljøudvalget
Tirsdag den 12.03.2024 kl. 17:00
Byrådssalen, Rådhuset

3) Vejbelysning på Strandvejen
Sagsnr.: 12/27845
SAGSFREMSTILLING
Belysningen er nedslidt og skal udskiftes.
INDSTILLING
Forvaltningen indstiller, at projektet godkendes.
BESLUTNING
Godkendt.
Afbud fra Jens Jensen (O)

4) Lukket punkt: Køb af grund
Sagsnr.: 12/30001
BESLUTNING
Godkendt.

5) Orientering
Sagsnr.: 00.01.00-A00-1-24
Beslutning: Taget til efterretning.
"""

PKT = """\
Børne- og Ungdomsudvalget
Referat af mødet den 20.05.2024

Pkt. 12 Godkendelse af lokalplan 45 (2023-0123456)
Baggrund
Lokalplanen har været i høring.
Beslutning i Børne- og Ungdomsudvalget den 20-05-2024
Godkendt med 5 stemmer mod 2.

Pkt. 13 Skolestruktur
Journalnr.: 17.01.00-G01-3-23
Kort fortalt
Der skal spares.
Afgørelse
Udsat.

Pkt. 14 Eventuelt
Intet.
"""

NUMBERED = """\
Dagsorden og referat
Social- og Sundhedsudvalget
Mandag 6. januar 2025, kl. 15.00

Indhold
1. Meddelelser 2
2. Plejeboliger i Nordby 3
3. Lukket: Personalesag 4

1. Meddelelser
Ingen.
Udvalgets beslutning
Taget til efterretning.

2. Plejeboliger i Nordby
Sagsnummer: SAG-2024-01234
Sagsfremstilling
Der er behov for 40 nye plejeboliger.
Forvaltningen foreslår:
1. at der bygges 40 boliger
2. at sagen sendes i høring
Udvalgets beslutning
Anbefales over for Byrådet.

3. Lukket: Personalesag
BESLUTNING
Godkendt.
"""


def _parse(tmp_path, text: str, name: str = "referat.txt", **kw):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return parse_file(path, **kw)


def test_punkt_dot_headings_toc_and_two_dated_decisions(tmp_path):
    m = _parse(tmp_path, SOLROED)
    assert detect_layout([]).name == "generic"
    assert (m.committee, m.date, m.time, m.municipality) == ("Økonomiudvalget", dt.date(2024, 5, 3), "16:30", "Solrød")
    assert m.location == "Rådhuset, mødelokale 1"
    assert m.participants == (Person("Anna Jensen", "A"), Person("Bo Hansen", "V"), Person("Carl Olsen", "F"))
    assert m.absent == (Person("Dorte Berg", "C"),)  # the printed list wins over the items'
    assert [(i.number, i.title, i.case_id) for i in m.items] == [
        ("1", "Godkendelse af dagsorden", "24-001122"),
        ("2", "Budgetopfølgning 1. kvartal 2024", "23-007402"),
        ("3", "Ny skole i Havdrup", "22-000451"),
    ]
    two = m.item("2")
    assert [s.kind for s in two.sections] == ["resume", "sagsfremstilling", "indstilling", "beslutning", "beslutning"]
    # The decision dated on the meeting's own date is the item's decision; the council's later
    # decision stays a section of its own (a later step of the case).
    assert two.decision == "Anbefales.\nBo Hansen (V) stemte imod."
    assert [(s.heading, s.text) for s in two.sections_of("beslutning")][1] == (
        "Kommunalbestyrelsens beslutning den 13. maj 2024",
        "Godkendt.",
    )
    assert "1. Drift" in two.sections_of("sagsfremstilling")[0].text  # a numbered list is not an item
    three = m.item("3")
    assert three.decision == "Godkendt."
    assert three.absent == (Person("Carl Olsen", "F"),)


def test_parenthesis_headings_uppercase_sections_closed_item_inline_decision(tmp_path):
    m = _parse(tmp_path, PARENS, municipality="Odder")
    assert m.municipality == "Odder"  # not printed: the caller's argument
    assert (m.committee, m.date, m.time, m.location) == (
        "Teknik- og Miljøudvalget",
        dt.date(2024, 3, 12),
        "17:00",
        "Byrådssalen, Rådhuset",
    )
    assert [i.number for i in m.items] == ["3", "4", "5"]
    three, four, five = m.items
    assert (three.case_id, three.decision, three.absent) == ("12/27845", "Godkendt.", (Person("Jens Jensen", "O"),))
    assert [s.kind for s in three.sections] == ["sagsfremstilling", "indstilling", "beslutning", "other"]
    assert (four.open, four.title, four.decision) == (False, "Køb af grund", "Godkendt.")
    assert (five.case_id, five.decision) == ("00.01.00-A00-1-24", "Taget til efterretning.")
    assert m.absent == (Person("Jens Jensen", "O"),)


def test_pkt_headings_case_in_title_and_other_decision_forms(tmp_path):
    m = _parse(tmp_path, PKT)
    assert (m.committee, m.date) == ("Børne- og Ungdomsudvalget", dt.date(2024, 5, 20))
    twelve, thirteen, fourteen = m.items
    assert (twelve.number, twelve.title, twelve.case_id) == ("12", "Godkendelse af lokalplan 45", "2023-0123456")
    assert twelve.decision == "Godkendt med 5 stemmer mod 2."
    assert (thirteen.case_id, thirteen.decision) == ("17.01.00-G01-3-23", "Udsat.")
    assert fourteen.decision is None and fourteen.sections[0].text == "Intet."


def test_plain_numbered_headings_skip_toc_and_inner_lists(tmp_path):
    m = _parse(tmp_path, NUMBERED)
    assert [(i.number, i.title, i.open) for i in m.items] == [
        ("1", "Meddelelser", True),
        ("2", "Plejeboliger i Nordby", True),
        ("3", "Personalesag", False),
    ]
    assert m.item("2").case_id == "SAG-2024-01234"
    assert m.item("2").decision == "Anbefales over for Byrådet."
    assert m.item("1").decision == "Taget til efterretning."
    assert (m.date, m.time) == (dt.date(2025, 1, 6), "15:00")


def test_date_from_the_file_name_when_the_header_has_none(tmp_path):
    text = "1. Godkendelse af dagsorden\nSagsnr.: 24-000001\nBeslutning\nGodkendt.\n"
    m = _parse(tmp_path, text, name="byraadet_2024-06-20_referat.txt")
    assert (m.committee, m.date) == ("Byraadet", dt.date(2024, 6, 20))


@pytest.mark.parametrize(
    "text",
    [
        "Kære alle\n\nHer er en indkøbsliste:\nmælk\nbrød\n",
        "1. mælk\n2. brød\n3. smør\n",  # numbered, but nothing says these are agenda items
    ],
)
def test_text_that_is_not_minutes_is_a_parse_error(tmp_path, text):
    with pytest.raises(ParseError, match="no agenda items found"):
        _parse(tmp_path, text)


SPLIT_HEADINGS = """\
Kultur- og Fritidsudvalget
Referat fra mødet 14. februar 2024 kl. 17.00

Punkt 1
Godkendelse af dagsorden
Beslutning (Kultur- og Fritidsudvalget 14.02.2024)
Godkendt.

Punkt 2
Tilskud til foreninger 2024 - sag 24/001234
Sagsfremstilling
Der er søgt om 1,2 mio. kr.
Beslutning i Kultur- og Fritidsudvalget den 14. februar 2024: Godkendt med den ændring, at puljen
hæves til 1,3 mio. kr.
"""


def test_number_on_its_own_line_and_inline_dated_decision(tmp_path):
    m = _parse(tmp_path, SPLIT_HEADINGS)
    assert (m.committee, m.date, m.time) == ("Kultur- og Fritidsudvalget", dt.date(2024, 2, 14), "17:00")
    one, two = m.items
    assert (one.number, one.title, one.decision) == ("1", "Godkendelse af dagsorden", "Godkendt.")
    assert (two.number, two.title, two.case_id) == ("2", "Tilskud til foreninger 2024", "24/001234")
    assert two.decision == "Godkendt med den ændring, at puljen\nhæves til 1,3 mio. kr."
    assert two.sections[-1].heading == "Beslutning i Kultur- og Fritidsudvalget den 14. februar 2024"


TOC_AND_END = """\
Økonomiudvalget
Referat 10. april 2024 kl. 16:00
Fraværende med afbud: Lone Holm (A)

Indhold
Punkt 1 Godkendelse af dagsorden 2
Punkt 2 Regnskab 2023 3
Lukket punkt 3 Salg af grund 4

Punkt 1 Godkendelse af dagsorden
Beslutning
Godkendt.

Punkt 2 Regnskab 2023
Sagsnr.: 24/004411
Indstilling fra forvaltningen
Forvaltningen indstiller, at regnskabet godkendes.
Økonomiudvalgets indstilling den 10. april 2024
Anbefales.

Lukket punkt 3 Salg af grund
Godkendt.

Mødet hævet kl. 17.45
Lone Holm
Bo Hansen
"""


def test_toc_with_page_numbers_closed_heading_and_meeting_end(tmp_path):
    m = _parse(tmp_path, TOC_AND_END)
    assert m.absent == (Person("Lone Holm", "A"),)
    assert [(i.number, i.title, i.open, i.pages) for i in m.items] == [
        ("1", "Godkendelse af dagsorden", True, (1, 1)),
        ("2", "Regnskab 2023", True, (1, 1)),
        ("3", "Salg af grund", False, (1, 1)),
    ]
    two = m.item("2")
    assert [(s.heading, s.kind) for s in two.sections] == [
        ("Indstilling fra forvaltningen", "indstilling"),
        ("Økonomiudvalgets indstilling den 10. april 2024", "indstilling"),
    ]
    assert two.decision is None
    assert m.item("3").decision == "Godkendt."  # closed: the unheaded text; the signatures are cut off


BARE_NUMBERS = """\
Referat 1. oktober 2025 kl. 15.45
Udvalg:
Teknisk Udvalg
Mødested:
Udvalgsværelse 398
1
Referat fra sidste udvalgsmøde
EMN-2025-010561
Beslutninger
Ingen bemærkninger.
2
Udviklingsplan Aarhus Ø - endelig vedtagelse
EMN-2025-009242
Beslutninger
Et flertal i udvalget kunne tiltræde indstillingen.
Solveig Munk kunne ikke tiltræde indstillingen.
Liv Gro Jensen var forhindret i at deltage i udvalgets behandling af sagen.
Resume
Der er indkommet 1149 høringssvar.
"""


def test_bare_number_headings_and_absence_sentences_in_decisions(tmp_path):
    m = _parse(tmp_path, BARE_NUMBERS)
    assert (m.committee, m.date, m.time, m.location) == (
        "Teknisk Udvalg",
        dt.date(2025, 10, 1),
        "15:45",
        "Udvalgsværelse 398",
    )
    assert [(i.number, i.case_id) for i in m.items] == [("1", "EMN-2025-010561"), ("2", "EMN-2025-009242")]
    two = m.item("2")
    assert (
        two.decision
        == "Et flertal i udvalget kunne tiltræde indstillingen.\nSolveig Munk kunne ikke tiltræde indstillingen."
    )
    assert two.absent == (Person("Liv Gro Jensen"),)
    assert two.sections[1].heading == "Afbud" and two.sections[1].text.startswith("Liv Gro Jensen var forhindret")
    assert m.absent == (Person("Liv Gro Jensen"),)


LIST_IN_FIRST_ITEM = """\
Plan- og Boligudvalget
Referat 2. september 2024

1. Meddelelser
Formanden orienterede om:
1. Status på byggeriet ved havnen.
2. Ny cykelsti langs åen.
Beslutning
Taget til efterretning.

2. Lokalplan for Søbyen
Sagsnr.: 24/005511
Beslutning
Vedtaget.

3. Eventuelt
Beslutning
Intet.
"""


def test_numbered_list_inside_an_item_is_not_an_item(tmp_path):
    m = _parse(tmp_path, LIST_IN_FIRST_ITEM)
    assert [(i.number, i.title) for i in m.items] == [
        ("1", "Meddelelser"),
        ("2", "Lokalplan for Søbyen"),
        ("3", "Eventuelt"),
    ]
    assert "2. Ny cykelsti langs åen." in m.item("1").text
