"""OCR of scanned minutes (a PDF without a text layer) with Tesseract's Danish model.

``ocr_pdf(path, raw)`` renders every page with pypdfium2 (it comes with pdfplumber) at
300 dpi and runs the ``tesseract`` binary on it with ``-l dan``, reading its TSV output so
that each line keeps its page and its vertical position (for running headers and footers).
OCR'd lines carry no font size or weight, so headings are found by their wording. Tesseract is optional: Debian's
``tesseract-ocr`` and ``tesseract-ocr-dan`` packages (``.ci/run`` installs them); without
them ``OcrUnavailable`` says how to enable OCR.

Records built from OCR'd text say so (``Meeting.ocr``), and answers citing them add
"teksten er OCR-læst". Out of scope: bold detection (OCR does not give weight), deskewing
and other image clean-up, two-column scans, and languages other than Danish.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path

from ingest.records import Line

DPI = 300
LANGUAGE = "dan"
PAGE_TIMEOUT_S = 180
# Tesseract's "single column of text of variable sizes": subtle: the automatic layout (3)
# splits "1." from "Meddelelser" into blocks of its own and drops the number, which is what
# makes a line an item heading. Two-column scans are read as one column (out of scope).
PAGE_SEGMENTATION = "4"
HOW_TO_ENABLE = (
    "install Tesseract with its Danish model to OCR it "
    "(Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-dan), or OCR it first (e.g. ocrmypdf -l dan)"
)


class OcrUnavailable(Exception):
    """Tesseract or its Danish model is not installed; the message says how to install it."""


def tesseract_languages() -> set[str]:
    """The languages the installed Tesseract knows; empty when there is no ``tesseract``."""
    exe = shutil.which("tesseract")
    if exe is None:
        return set()
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return set()
    return {t.strip() for t in out.stdout.splitlines()[1:] if t.strip()}


def ocr_available() -> bool:
    return LANGUAGE in tesseract_languages()


def _tsv_lines(tsv: str, page: int, height_px: float) -> list[Line]:
    """Tesseract's TSV (one row per word) -> one ``Line`` per OCR line, top to bottom."""
    rows: dict[tuple[int, int, int], list[dict[str, str]]] = defaultdict(list)
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") == "5" and (row.get("text") or "").strip():
            rows[(int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))].append(row)
    out = []
    for words in rows.values():
        text = " ".join(w["text"].strip() for w in sorted(words, key=lambda w: int(w["left"])))
        top = min(int(w["top"]) for w in words)
        # subtle: no font size: word boxes vary with ascenders and descenders ("Taget" is
        # taller than "Bygningsvedligeholdelse" in one font), too much to tell headings apart.
        out.append(Line(text, page, top=round(top / height_px, 4)))
    return sorted(out, key=lambda line: line.top)


def ocr_pdf(path: Path | str, raw: bytes) -> list[Line]:
    """The OCR'd lines of every page. Raises ``OcrUnavailable`` without Tesseract's Danish model."""
    exe = shutil.which("tesseract")
    if exe is None or not ocr_available():
        raise OcrUnavailable(HOW_TO_ENABLE)
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(raw)
    lines: list[Line] = []
    try:
        with tempfile.TemporaryDirectory(prefix="referat-ocr-") as tmp:
            for number in range(len(pdf)):
                image = pdf[number].render(scale=DPI / 72).to_pil().convert("L")
                png = Path(tmp) / f"page-{number + 1}.png"
                image.save(png)
                proc = subprocess.run(
                    [exe, str(png), "stdout", "-l", LANGUAGE, "--psm", PAGE_SEGMENTATION, "tsv"],
                    capture_output=True,
                    text=True,
                    timeout=PAGE_TIMEOUT_S,
                    check=False,
                )
                if proc.returncode != 0:
                    raise OcrUnavailable(f"tesseract failed on page {number + 1}: {proc.stderr.strip()[:200]}")
                lines.extend(_tsv_lines(proc.stdout, number + 1, image.height))
    finally:
        pdf.close()
    return lines


__all__ = ["HOW_TO_ENABLE", "OcrUnavailable", "ocr_available", "ocr_pdf", "tesseract_languages"]
