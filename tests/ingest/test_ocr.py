"""Scanned minutes: real minutes pages rasterised with pypdfium2 (a PDF with only an image,
as a scanner makes it) is OCR'd with Tesseract's Danish model; without Tesseract the refusal
is one line that says how to enable OCR.

The OCR test needs the Debian packages tesseract-ocr and tesseract-ocr-dan (``.ci/run``
installs them, so it runs in CI); it is skipped only where they are missing.
"""

from __future__ import annotations

import datetime as dt

import pypdfium2 as pdfium
import pytest

import ingest.ocr
from ingest.check import check_meeting
from ingest.ocr import ocr_available
from ingest.parse import parse_file
from referat.cli import main
from tests.ingest.conftest import BALLERUP


def scanned_pages(path, pages: tuple[int, ...] = (2, 3), dpi: int = 200):
    """Pages of the Ballerup minutes (0-based) as an image-only PDF (no text layer), as a
    scanner makes it."""
    pdf = pdfium.PdfDocument(BALLERUP.read_bytes())
    try:
        images = [pdf[n].render(scale=dpi / 72).to_pil().convert("L") for n in pages]
    finally:
        pdf.close()
    images[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return path


@pytest.mark.skipif(not ocr_available(), reason="Tesseract with the Danish model is not installed (CI installs it)")
def test_scanned_page_is_ocrd_with_its_item_title_and_decision(tmp_path):
    m = parse_file(scanned_pages(tmp_path / "scannet.pdf"))
    assert m.ocr and all(i.ocr for i in m.items)
    assert (m.committee, m.date) == ("Sundheds- og Forebyggelsesudvalget", dt.date(2012, 12, 4))
    one = m.item("1")
    assert one.title == "Meddelelser"
    assert one.case_id == "2011-29298"
    assert one.decision == "Taget til efterretning"
    two = m.item("2")
    assert (two.title, two.case_id) == ("Bygningsvedligeholdelse 2013 - anlægsbevilling", "2012-28504")
    assert any("OCR" in w for w in check_meeting(m).warnings)
    assert m.to_dict()["ocr"] is True and m.to_dict()["items"][0]["ocr"] is True


def test_without_tesseract_the_refusal_says_how_to_enable_ocr(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(ingest.ocr.shutil, "which", lambda name: None)
    path = scanned_pages(tmp_path / "scannet.pdf", pages=(2,), dpi=50)
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"referat: {path}: the PDF has no text layer")
    assert "apt-get install tesseract-ocr tesseract-ocr-dan" in err
