"""FirstAgenda publication JSON (Greve Kommune) -> Meeting.

Exact fields on three small real meetings copied to tests/fixtures/greve/, invariants on every
Greve meeting in ../shared/corpus/greve, and the wrong shapes a user can feed in.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import random
import re
from pathlib import Path

import pytest

from core.errors import InputError, ParseError
from ingest.firstagenda import absences_in, parse_firstagenda, sections_from_html
from ingest.records import Attachment, Meeting, Person

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "greve"
GREVE = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "greve"

OEK_2022 = FIXTURES / "greve_oekonomiudvalget_2022-01-10_e049b9bf.json"
OEK_2025 = FIXTURES / "greve_oekonomiudvalget_2025-06-25_f4407d93.json"
SOC_2025 = FIXTURES / "greve_social-og-handicapudvalget_2025-09-08_ca1d7628.json"

LEFTOVER_MARKUP = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);|\u00a0")


def _parse(path: Path, municipality: str | None = None) -> Meeting:
    raw = path.read_bytes()
    return parse_firstagenda(path, raw, hashlib.sha256(raw).hexdigest(), municipality)


@pytest.fixture(scope="module")
def oek2022() -> Meeting:
    return _parse(OEK_2022)


@pytest.fixture(scope="module")
def oek2025() -> Meeting:
    return _parse(OEK_2025)


@pytest.fixture(scope="module")
def soc2025() -> Meeting:
    return _parse(SOC_2025)


# --- exact fields on real meetings ------------------------------------------------------------


def test_meeting_fields(oek2022: Meeting):
    m = oek2022
    assert m.committee == "Økonomiudvalget"
    assert m.date == dt.date(2022, 1, 10)
    assert m.time == "07:45"
    assert m.location == "Biblioteket"
    assert m.meeting_id == "e049b9bf-8473-4034-9a27-cd30a5583562"
    assert m.municipality == "Greve"  # from the dagsordener.greve.dk links
    assert m.source == str(OEK_2022)
    assert m.sha256 == hashlib.sha256(OEK_2022.read_bytes()).hexdigest()
    assert len(m.participants) == 7
    assert Person("Mehmet Zeki Dogru") in m.participants
    assert m.absent == ()  # nobody flagged Absent/ParticipationCancelled in this meeting


def test_items_numbers_titles_case_ids_open(oek2022: Meeting):
    assert [(i.number, i.title, i.case_id, i.open) for i in oek2022.items] == [
        ("1", "Godkendelse af dagsorden", "21-014439", True),
        ("2", "Huskeliste/ orientering fra administrationen", "21-013713", True),
        ("3", "Orientering om politiets afgørelse om anmeldelse af tidligere kommunaldirektør", "22-000056", False),
        ("4", "Underskriftsark", "21-014501", True),
    ]


def test_open_item_sections_decision_and_item_absence(oek2022: Meeting):
    item = oek2022.item("1")
    assert [(s.heading, s.kind) for s in item.sections] == [
        ("Beslutning", "beslutning"),
        ("Sagsprocedure", "other"),
        ("Resume", "resume"),
        ("Indstilling", "indstilling"),
    ]
    assert item.decision == "Dagsordenen blev godkendt.\nFraværende: Mehmet Zeki Dogru"
    assert item.absent == (Person("Mehmet Zeki Dogru"),)
    assert item.sections_of("resume")[0].text == "Godkendelse af dagsorden for mødet den 10. januar 2022."
    assert item.sections_of("indstilling")[0].text == (
        "Center for Politik, Organisation & Borgerbetjening indstiller at dagsordenen godkendes."
    )
    assert item.responsible == "Center for Politik, Organisation & Borgerbetjening"
    assert item.authority == "Økonomiudvalget"
    assert item.pages == (1, 1)
    assert item.url == "https://dagsordener.greve.dk/Vis/Pdf/bilag/2c053c74-654b-4432-b686-74e82b03a3a7"


def test_attachments_and_text_after_an_empty_heading_is_kept(oek2022: Meeting):
    item = oek2022.item("2")
    assert item.attachments == (
        Attachment("Tilsynets afgørelse af 15. december 2021", "93c3aaae-cc73-48d9-aa78-64a0193af304"),
    )
    # an empty <h2> in the vendor HTML must not swallow the paragraphs after it
    assert "Afgørelse vedlagt som bilag." in item.text
    assert "Det Kommunale Tilsyn" in item.sections_of("indstilling")[0].text


def test_closed_item_body_is_its_decision(oek2022: Meeting):
    item = oek2022.item("3")
    assert not item.open
    assert item.url is None
    assert [(s.heading, s.kind) for s in item.sections] == [("", "beslutning")]
    assert item.decision == (
        "Økonomiudvalget anbefaler overfor byrådet at administrationens indstilling godkendes.\n"
        "John T. Olsen (A) og Brigitte Klintskov Jerkel (C) undlod at tage stilling.\n"
        "Økonomiudvalget anmoder om, at den anmeldelse som administrationen har sendt til politiet, "
        "vedlægges sagen.\n"
        "Fraværende: Mehmet Zeki Dogru"
    )
    assert item.absent == (Person("Mehmet Zeki Dogru"),)


def test_a_decision_of_bare_punctuation_is_no_decision(oek2022: Meeting):
    item = oek2022.item("4")  # the vendor printed "<h3>Beslutning</h3><span>.<br></span>"
    assert item.decision is None
    assert [s.heading for s in item.sections] == ["Sagsprocedure", "Resume"]


def test_meeting_level_afbud_from_participant_flags(oek2025: Meeting):
    m = oek2025
    assert m.date == dt.date(2025, 6, 25) and m.time == "16:15"
    assert m.absent == (Person("Liselott Blixt"), Person("Mehmet Zeki Dogru"))
    assert [(i.number, i.title, i.open, i.case_id) for i in m.items] == [
        ("1", "Godkendelse af dagsorden", True, None),
        ("2", "Salg af Hundige Bygade - Valg af køber", False, "25-003374"),
        ("3", "Underskriftsark", True, None),
    ]
    assert m.item("1").decision == "Godkendt.\nAfbud: Liselott Blixt, Mehmet Zeki Dogru"
    for item in m.items:
        assert item.absent == (Person("Liselott Blixt"), Person("Mehmet Zeki Dogru"))


def test_longer_meeting(soc2025: Meeting):
    m = soc2025
    assert m.committee == "Social- og Handicapudvalget"
    assert m.location == "Bostedet Vangeleddet, Vangeleddet 9, 2670 Greve"
    assert m.absent == (Person("Anne Marie Lyduch"),)
    assert [i.number for i in m.items] == ["1", "2", "3", "4", "5", "6", "7"]
    assert [i.open for i in m.items] == [True, True, False, True, True, True, True]
    assert m.item("3").title == "Henvendelser til formanden"
    item = m.item("2")
    assert item.case_id == "25-010259"
    assert item.decision == "Orienteringen blev taget til efterretning.\nAfbud: Anne Marie Lyduch"
    assert [s.heading for s in item.sections] == [
        "Beslutning",
        "Sagsprocedure",
        "Resume",
        "Indstilling",
        "Sagsbeskrivelse",
        "Lovgrundlag",
        "Økonomiske konsekvenser",
        "Høring",
    ]
    assert item.sections_of("sagsfremstilling")[0].kind == "sagsfremstilling"
    assert m.item("6").attachments == (
        Attachment(
            "Bilag 1. Social- og Handicapudvalgets møde- og aktivitetskalender 2025",
            "573b4529-f62f-4364-9b0f-2b681657707c",
        ),
    )


def test_caller_municipality_wins_and_round_trip(oek2022: Meeting):
    m = _parse(OEK_2022, municipality="Greve Kommune")
    assert m.municipality == "Greve Kommune"
    assert Meeting.from_dict(json.loads(json.dumps(oek2022.to_dict()))) == oek2022


# --- HTML -> text rules --------------------------------------------------------------------------


def test_html_lists_tables_entities_and_inline_tags():
    html = (
        "<div><h3>Beslutning</h3><span>Godkendt&nbsp;med&nbsp;&aelig;ndring.<br>Afbud fra Tina Rottbøll (A)</span></div>"
        "<h3>Fremstilling</h3><span class='ukendt'>"
        "<h2><span>I</span>ndstilling</h2><p><em>Center for Teknik &amp; Miljø indstiller,</em></p>"
        "<ol><li>at planen godkendes</li><li>at <b>midlerne</b> frigives</li></ol>"
        "<h4>Sagsbeskrivelse</h4><ul><li>første</li><li>anden</li></ul>"
        "<table><tr><td>År</td><td>Beløb</td></tr><tr><td><p>2024</p></td><td>1.000</td></tr></table>"
        "<h4>Der er ikke høringspligt i denne sag.</h4></span>"
    )
    sections = sections_from_html(html)
    assert [(s.heading, s.kind) for s in sections] == [
        ("Beslutning", "beslutning"),
        ("Indstilling", "indstilling"),
        ("Sagsbeskrivelse", "sagsfremstilling"),
    ]
    assert sections[0].text == "Godkendt med ændring.\nAfbud fra Tina Rottbøll (A)"
    assert sections[1].text == "Center for Teknik & Miljø indstiller,\n1. at planen godkendes\n2. at midlerne frigives"
    # a sentence set in a heading tag is text, not a heading
    assert sections[2].text == "• første\n• anden\nÅr | Beløb\n2024 | 1.000\nDer er ikke høringspligt i denne sag."
    assert absences_in(sections[0].text) == (Person("Tina Rottbøll", "A"),)


def test_absences_drop_substitutes_and_split_names():
    text = "Godkendt.\nAfbud: Torben Hoffmann (Stedfortræder: Conni Bergendorff), Tina Rottbøll og Marc Genning (V)."
    assert absences_in(text) == (Person("Torben Hoffmann"), Person("Tina Rottbøll"), Person("Marc Genning", "V"))
    assert absences_in("Udvalget drøftede afbud til mødet den 10. oktober") == ()


# --- every real Greve meeting ------------------------------------------------------------------


@pytest.mark.skipif(not GREVE.is_dir(), reason="../shared/corpus/greve is not beside the checkout")
def test_every_greve_meeting_parses_with_all_its_items():
    files = sorted(GREVE.glob("*.json"))
    assert len(files) >= 373
    for path in files:
        raw = path.read_bytes()
        meeting = parse_firstagenda(path, raw, hashlib.sha256(raw).hexdigest(), None)
        data = json.loads(raw)
        assert len(meeting.items) == len(data["Dagsordenpunkter"]), path.name
        assert [i.number for i in meeting.items] == [str(i["Punktnummer"]) for i in data["Dagsordenpunkter"]]
        assert meeting.committee and meeting.municipality == "Greve", path.name
        numbers = [i.number for i in meeting.items]
        assert len(set(numbers)) == len(numbers), path.name
        for item, raw_item in zip(meeting.items, data["Dagsordenpunkter"], strict=True):
            where = f"{path.name} punkt {item.number}"
            assert item.title.strip(), where
            assert item.open == (not raw_item["Navn"].startswith("Lukket")), where
            assert item.case_id == (raw_item["SagsNummer"] or None), where
            assert len(item.attachments) == len(raw_item["Bilag"]), where
            if item.decision is not None:
                assert item.decision == "\n\n".join(s.text for s in item.sections_of("beslutning")), where
            for text in [item.title, item.decision or "", *(s.heading + "\n" + s.text for s in item.sections)]:
                assert not LEFTOVER_MARKUP.search(text), f"{where}: {LEFTOVER_MARKUP.search(text).group(0)!r}"
                assert "  " not in text, where
            for s in item.sections:
                assert s.text.strip(), where


# --- wrong shapes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        (b"{}", InputError, "not a FirstAgenda agenda"),
        (b"[]", InputError, "not a FirstAgenda agenda"),
        (b'"text"', InputError, "not a FirstAgenda agenda"),
        (b'{"Dagsordenpunkter": []', InputError, "not valid JSON"),
        (b"\xff\xfe garbage", InputError, "not valid JSON"),
        (
            b'{"Dagsordenpunkter": [], "Udvalg": {"Navn": "X"}, "Moede": {"Dato": "2024-01-02"}}',
            ParseError,
            "no agenda items",
        ),
        (
            b'{"Dagsordenpunkter": {}, "Udvalg": {"Navn": "X"}, "Moede": {"Dato": "2024-01-02"}}',
            InputError,
            "not a list",
        ),
        (b'{"Dagsordenpunkter": [{}], "Udvalg": {"Navn": "X"}}', InputError, "'Moede'"),
        (
            b'{"Dagsordenpunkter": [{}], "Udvalg": {"Navn": "X"}, "Moede": {"Dato": "i morgen"}}',
            InputError,
            "Moede.Dato",
        ),
        (b'{"Dagsordenpunkter": [{}], "Udvalg": {}, "Moede": {"Dato": "2024-01-02"}}', InputError, "committee"),
    ],
)
def test_wrong_shapes_raise_input_error_naming_the_file(tmp_path: Path, content: bytes, error: type, message: str):
    path = tmp_path / "møde.json"
    path.write_bytes(content)
    with pytest.raises(error, match=re.escape(message)) as info:
        parse_firstagenda(path, content, "0" * 64, None)
    text = str(info.value)
    assert str(path) in text and "\n" not in text


def test_wrong_types_anywhere_give_input_error_or_a_meeting(tmp_path: Path):
    """Seeded mutations of a real record: a value of the wrong type is never a traceback."""
    base = json.loads(OEK_2022.read_bytes())
    paths: list[list] = []

    def walk(node, here):
        paths.append(here)
        children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, child in children:
            walk(child, [*here, key])

    walk(base, [])
    rng = random.Random(7)
    for _ in range(300):
        data = copy.deepcopy(base)
        for _ in range(rng.randint(1, 3)):
            *parents, last = rng.choice(paths[1:])
            node = data
            try:
                for key in parents:
                    node = node[key]
                node[last] = copy.deepcopy(rng.choice([None, 0, 7, 1.5, True, "", "x", [], [3], {}]))
            except (KeyError, IndexError, TypeError):
                continue  # an earlier mutation removed this path
        raw = json.dumps(data).encode()
        try:
            meeting = parse_firstagenda(tmp_path / "m.json", raw, "0", None)
        except InputError as exc:
            assert str(tmp_path / "m.json") in str(exc)
        else:
            assert meeting.items


def test_an_item_without_title_or_number_still_parses(tmp_path: Path):
    content = json.dumps(
        {
            "Udvalg": {"Navn": "Byråd"},
            "Moede": {"Dato": "2024-01-02T17:00:00+01:00"},
            "Dagsordenpunkter": [{"Navn": "A"}, {"Punktnummer": "1", "Navn": ""}, {"Punktnummer": "1", "Navn": "C"}],
        }
    ).encode()
    m = parse_firstagenda(tmp_path / "x.json", content, "0", None)
    # vendor numbers are kept; a repeat is made unique with a suffix instead of breaking the meeting
    assert [i.number for i in m.items] == ["1", "1 (2)", "1 (3)"]
    assert [i.title for i in m.items] == ["A", "Punkt 1", "C"]
    assert m.municipality is None and m.time == "17:00"


def test_a_standard_heading_set_as_a_bold_paragraph_starts_a_section():
    html = (
        "<h3>Fremstilling</h3><h4>Resume</h4><p>Kort resume.</p>"
        "<p><strong>Indstilling</strong></p><p><em>Administrationen indstiller, at sagen godkendes.</em></p>"
        "<h3>Sagens forløb</h3><span><u>10-01-2022 Økonomiudvalget</u><br> Beslutning ikke frigivet<br></span>"
    )
    sections = sections_from_html(html)
    assert [(s.heading, s.kind, s.text) for s in sections] == [
        ("Resume", "resume", "Kort resume."),
        ("Indstilling", "indstilling", "Administrationen indstiller, at sagen godkendes."),
        ("Sagens forløb", "other", "10-01-2022 Økonomiudvalget\nBeslutning ikke frigivet"),
    ]
