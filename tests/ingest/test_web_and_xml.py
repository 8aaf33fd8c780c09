"""HTML minutes and eDoc / OS2dagsorden XML go through the same item and section logic as
PDF and text: the real Aarhus web page and Ballerup eDoc XML of the shared corpus, and small
pages built here for what those two do not show (charsets, site chrome, bad input)."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.parse import parse_file
from ingest.records import Person
from referat.cli import main
from tests.ingest.conftest import BALLERUP, CORPUS, meeting_of

AARHUS_HTML = CORPUS / "other" / "aarhus_teknisk-udvalg_2025-10-01_referat.html"
BALLERUP_XML = CORPUS / "other" / "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04_edoc.xml"


def _need(path):
    if not path.exists():
        pytest.skip(f"not in the shared corpus beside the repository: {path}")
    return path


def test_aarhus_web_page():
    m = parse_file(_need(AARHUS_HTML))
    assert (m.municipality, m.committee, m.date, m.time) == ("Aarhus", "Teknisk Udvalg", dt.date(2025, 10, 1), "15:45")
    assert m.location == "Udvalgsværelse 398"
    assert [(i.number, i.case_id) for i in m.items] == [
        ("1", "EMN-2025-010561"), ("2", "EMN-2025-009242"), ("3", "EMN-2025-008468"),
        ("4", "EMN-2025-010561"), ("5", None), ("6", "EMN-2024-035156"),
    ]  # fmt: skip
    assert m.item("1").title == "Referat fra sidste udvalgsmøde"
    assert m.item("6").decision == "Sagen blev udsat uden behandling."
    two = m.item("2")
    assert two.decision.startswith("Et flertal i udvalget kunne tiltræde indstillingen")
    # subtle: an empty <h3></h3> ends the decision; the summary under it is not decided text.
    assert "Udviklingsplan for Pier 3" not in two.decision
    assert two.absent == (Person("Liv Gro Jensen"),)
    assert [s.kind for s in two.sections][:2] == ["beslutning", "other"]
    assert "Beslutningspunkter" in [s.heading for s in two.sections]
    for item in m.items:  # no site chrome ("Hent som PDF", dialogs) inside the items
        assert "Hent som PDF" not in item.text and "Tip en ven" not in item.text


def test_web_page_in_latin1_with_site_chrome(tmp_path):
    page = """<!DOCTYPE html><html><head><meta charset="iso-8859-1"><title>Odder Kommune</title>
    <script>var x = "Punkt 9: Ikke et punkt";</script></head><body>
    <nav><a href="/">Forside</a> <a href="/udvalg">Punkt 7: Menu</a></nav>
    <h1>Referat</h1><p>Økonomiudvalget</p><p>Mødedato: 3. maj 2024 kl. 16.30</p>
    <h2>Punkt 1: Godkendelse af dagsorden</h2><p>Sagsnr.: 24/000111</p>
    <h3>Beslutning</h3><p>Godkendt.</p>
    <h2>Punkt 2: Budgetopfølgning</h2><p>Sagsnr.: 24/000222</p>
    <h3>Sagsfremstilling</h3><p>Der er et merforbrug på <b>4 mio.</b> kr.<br>Det er på ældreområdet.</p>
    <h3>Beslutning</h3><p>Taget til efterretning.</p>
    <form><button>Abonnér</button></form><div class="modal">Del siden</div>
    </body></html>"""
    path = tmp_path / "referat.html"
    path.write_bytes(page.encode("latin-1"))
    m = parse_file(path)
    assert (m.municipality, m.committee, m.date, m.time) == ("Odder", "Økonomiudvalget", dt.date(2024, 5, 3), "16:30")
    assert [(i.number, i.case_id, i.decision) for i in m.items] == [
        ("1", "24/000111", "Godkendt."),
        ("2", "24/000222", "Taget til efterretning."),
    ]
    assert m.item("2").sections_of("sagsfremstilling")[0].text == (
        "Der er et merforbrug på 4 mio. kr.\nDet er på ældreområdet."
    )


def test_ballerup_edoc_xml_matches_its_pdf():
    xml = parse_file(_need(BALLERUP_XML))
    pdf = meeting_of(BALLERUP)
    assert (xml.committee, xml.date, xml.time) == ("Sundheds- og Forebyggelsesudvalget", dt.date(2012, 12, 4), "13:00")
    assert xml.municipality == "Ballerup" and xml.participants == pdf.participants
    assert [(i.number, i.title, i.case_id, i.open) for i in xml.items] == [
        (i.number, i.title, i.case_id, i.open) for i in pdf.items
    ]
    # Same decisions; the XML's text wraps differently from the PDF's lines.
    assert [" ".join((i.decision or "").split()) for i in xml.items] == [
        " ".join((i.decision or "").split()) for i in pdf.items
    ]
    # Attachments are the XML's own records, with eDoc's attachment ids.
    assert xml.item("2").attachments[0].title == "Bygningsliste og prioriteringssystem"
    assert xml.item("2").attachments[0].document_id == "2003021031"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<?xml version='1.0'?><rss><channel/></rss>", "not eDoc / OS2dagsorden meeting XML"),
        (b"<?xml version='1.0'?><Meeting><Committee>X</Committee></Meeting>", "holds no minutes text"),
        (b"\x00\x01 not xml at all", "not readable XML"),
    ],
)
def test_bad_xml_is_one_clear_line(tmp_path, capsys, data, message):
    path = tmp_path / "moede.xml"
    path.write_bytes(data)
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"referat: {path}: ") and message in err
