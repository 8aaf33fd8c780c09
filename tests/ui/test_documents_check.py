"""The Documents tab shows the parse check of each upload (items, case IDs, decisions, meeting
fields found, warnings), and takes HTML and eDoc XML minutes like PDFs."""

from __future__ import annotations

import pytest

from tests.fakes import HashingEmbedder
from tests.ui.conftest import REPO
from ui import texts
from ui.backend import Backend
from ui.documents import check_upload, ingest_uploads

FREDERIKSHAVN = REPO / "tests" / "fixtures" / "frederikshavn_arbejdsmarkedsudvalget_2024-03-06_referat.txt"
AGENDA_ONLY = """\
Økonomiudvalget
Dagsorden
Mødedato: 3. maj 2024 kl. 16.00
1. Godkendelse af dagsorden
Sagsnr.: 24/000111
Indstilling
Direktionen indstiller, at dagsordenen godkendes.
"""
PAGE = """<html><head><meta charset="windows-1252"></head><body><p>Økonomiudvalget</p>
<p>Mødedato: 3. maj 2024</p><h2>Punkt 1: Godkendelse af dagsorden</h2><p>Sagsnr.: 24/000111</p>
<h3>Beslutning</h3><p>Godkendt.</p></body></html>"""


@pytest.fixture
def backend(settings):
    from vectorstore.store import Store

    store = Store.open(settings, embedder=HashingEmbedder())
    yield Backend(settings=store.settings, store=store, embedder=store._embedder)
    store.close()


def test_each_added_upload_shows_what_was_understood(backend, tmp_path):
    agenda = tmp_path / "dagsorden.txt"
    agenda.write_text(AGENDA_ONLY, encoding="utf-8")
    page = tmp_path / "referat.html"
    page.write_bytes(PAGE.encode("cp1252"))
    check_upload(page, max_mb=1)  # not UTF-8, but an HTML page declares its own charset
    fh, ag, html = ingest_uploads(backend, [FREDERIKSHAVN, agenda, page])
    assert [r.status for r in (fh, ag, html)] == [texts.RESULT_ADDED] * 3
    assert fh.message == (
        "Forstået: 11 punkter, 11 med sagsnummer, 11 med beslutning; fundet: kommune, udvalg, dato, tidspunkt, afbud."
    )
    assert ag.message.startswith("Forstået: 1 punkter, 1 med sagsnummer, 0 med beslutning; fundet: udvalg, dato")
    assert "Advarsel: no decision on any item" in ag.message
    assert html.message.startswith("Forstået: 1 punkter, 1 med sagsnummer, 1 med beslutning")
