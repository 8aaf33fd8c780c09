"""Reading the text layer of a PDF with pdfplumber, one styled ``Line`` per printed line.

A PDF is refused only when pdfplumber / pdfminer cannot read it: bytes after ``%%EOF``
(padding from web archives and download tools), a missing final newline, incremental updates
and xref tables that pdfminer repairs are all accepted, since every reader opens such files.
Each refusal is one ``InputError`` naming the file: not a PDF at all, truncated or damaged
beyond repair, encrypted, or without pages. A PDF without a text layer (a scan) is OCR'd by
``ingest.ocr`` when Tesseract is installed, and refused with a message saying how to enable
OCR when it is not.

Each line carries its style (font size, bold, vertical position: ``ingest.records.Line``),
read from the characters pdfplumber gives. Two-column pages are read column by column
(``_columns``). Cleaning and furniture removal are ``ingest.lines``' job.

Out of scope: tables as tables (cells come out as text lines), right-to-left text, and
layouts with more than two columns.
"""

from __future__ import annotations

import io
import itertools
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.errors import InputError
from ingest.records import Line

_BOLD_MARKS = ("bold", "black", "heavy", "semibold", "demibold", "extrabold")


@dataclass(frozen=True)
class PdfText:
    """What ``read_pdf_text`` read: the lines, and whether they came from OCR."""

    lines: list[Line]
    ocr: bool = False


def check_pdf_bytes(path: Path | str, raw: bytes) -> None:
    """Raise ``InputError`` for bytes that are not a PDF at all (no ``%PDF`` header near the start).

    Whether the rest can be read is pdfminer's call (``read_pdf``), not a check of the last bytes.
    """
    if b"%PDF-" not in raw[:1024]:
        raise InputError(f"{path}: not a PDF file (no %PDF header)")


def _is_bold(fontname: str) -> bool:
    name = fontname.split("+", 1)[-1].lower()
    return any(mark in name for mark in _BOLD_MARKS)


def _line_style(chars: Sequence[dict[str, Any]]) -> tuple[float, bool]:
    """(font size, bold) of a printed line: the size and weight most of its letters have."""
    letters = [c for c in chars if str(c.get("text", "")).strip()] or list(chars)
    if not letters:
        return 0.0, False
    size = Counter(round(float(c.get("size", 0.0)), 1) for c in letters).most_common(1)[0][0]
    bold = sum(_is_bold(str(c.get("fontname", ""))) for c in letters) > len(letters) / 2
    return size, bold


def _gutter(words: Sequence[dict[str, Any]], width: float, height: float) -> float | None:
    """The x of a column gutter when a page is set in two columns, else None.

    subtle: a gutter is a vertical line in the middle third of the page that (almost) no word
    crosses, with running text on both sides over a common stretch of the page: at least five
    rows of three words or more on each side. One-column body text crosses the middle; a
    table of contents or a form has single words (page numbers, values) on one side.
    """
    if len(words) < 40:
        return None
    for x in (width * f for f in (0.5, 0.47, 0.53, 0.44, 0.56, 0.41, 0.59, 0.38, 0.62)):
        crossing = sum(1 for w in words if w["x0"] < x < w["x1"])
        if crossing > max(2, len(words) // 50):
            continue
        sides = []
        for side in ([w for w in words if w["x1"] <= x], [w for w in words if w["x0"] >= x]):
            rows: dict[int, int] = {}
            for w in side:
                rows[round(w["top"] / 3)] = rows.get(round(w["top"] / 3), 0) + 1
            text_rows = [r for r, n in rows.items() if n >= 3]
            sides.append(text_rows)
        (left, right) = sides
        if len(left) < 5 or len(right) < 5:
            continue
        overlap = min(max(left), max(right)) - max(min(left), min(right))
        if overlap * 3 >= 0.25 * height:
            return x
    return None


def _page_lines(page: Any, number: int) -> list[Line]:
    """The styled lines of one page, in reading order (two columns: left, then right)."""
    height = float(page.height) or 1.0
    words = page.extract_words()
    gutter = _gutter(words, float(page.width), height)
    if gutter is None:
        regions = [page]
    else:
        crossing = sorted(w["top"] for w in words if w["x0"] < gutter < w["x1"])
        # Full-width lines (a title over both columns) split the page into bands; each band is
        # read left column then right column.
        cuts = [0.0]
        for top in crossing:
            cuts.append(top)
        cuts.append(height)
        regions = []
        for a, b in itertools.pairwise(cuts):
            if b - a < 1:
                continue
            band_words = [w for w in words if a <= w["top"] < b]
            if any(w["x0"] < gutter < w["x1"] for w in band_words):
                regions.append(page.within_bbox((0, a, page.width, b), relative=False, strict=False))
                continue
            regions.append(page.within_bbox((0, a, gutter, b), relative=False, strict=False))
            regions.append(page.within_bbox((gutter, a, page.width, b), relative=False, strict=False))
    out: list[Line] = []
    for region in regions:
        for row in region.extract_text_lines(return_chars=True, strip=False):
            size, bold = _line_style(row.get("chars", ()))
            out.append(Line(row["text"], number, size=size, bold=bold, top=round(float(row["top"]) / height, 4)))
    return out


def _refusal(path: Path | str, exc: BaseException) -> InputError:
    """One clear ``InputError`` for an exception pdfplumber / pdfminer raised on a file."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSEOF

    inner = [exc, *exc.args, exc.__cause__, exc.__context__]
    if any(isinstance(e, (PDFPasswordIncorrect, PDFEncryptionError)) for e in inner) or (
        "password" in str(exc).lower() or "encrypt" in type(exc).__name__.lower()
    ):
        return InputError(f"{path}: encrypted PDF; it cannot be read without its password")
    detail = next((str(e) for e in inner if isinstance(e, BaseException) and str(e)), type(exc).__name__)
    if any(isinstance(e, PSEOF) for e in inner):
        return InputError(f"{path}: truncated or damaged PDF ({detail}: the file ends before its content does)")
    if any(isinstance(e, PDFSyntaxError) for e in inner):
        return InputError(f"{path}: damaged PDF ({detail})")
    return InputError(f"{path}: damaged or unreadable PDF ({detail})")


def read_pdf_text(path: Path | str, raw: bytes | None = None, *, ocr: bool = True) -> PdfText:
    """Every styled text line of the PDF with its page number; OCR for a scan (``ocr``).

    Raises ``InputError`` for a non-PDF, an unreadable, encrypted or page-less file, and for a
    scan when OCR is off or Tesseract is missing.
    """
    import pdfplumber  # heavy import, only when a PDF is read

    if raw is None:
        raw = Path(path).read_bytes()
    check_pdf_bytes(path, raw)
    # pdfminer logs warnings for every odd object (and every repair); not the user's business.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    lines: list[Line] = []
    try:
        with pdfplumber.open(io.BytesIO(raw)) as pdf:
            if not pdf.pages:
                raise InputError(f"{path}: the PDF has no pages")
            for number, page in enumerate(pdf.pages, start=1):
                lines.extend(_page_lines(page, number))
                page.flush_cache()
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many private error types on broken files
        raise _refusal(path, exc) from exc
    if any(line.text.strip() for line in lines):
        return PdfText(lines)
    from ingest.ocr import OcrUnavailable, ocr_pdf

    if not ocr:
        raise InputError(f"{path}: the PDF has no text layer (a scanned document?) and OCR is off")
    try:
        lines = ocr_pdf(path, raw)
    except OcrUnavailable as exc:
        raise InputError(f"{path}: the PDF has no text layer (a scanned document?); {exc}") from exc
    if not any(line.text.strip() for line in lines):
        raise InputError(f"{path}: the PDF has no text layer, and OCR found no text on its pages (a blank scan?)")
    return PdfText(lines, ocr=True)


def read_pdf(path: Path | str, raw: bytes | None = None) -> list[Line]:
    """The lines of ``read_pdf_text`` (kept for callers that do not care about OCR)."""
    return read_pdf_text(path, raw).lines


__all__ = ["PdfText", "check_pdf_bytes", "read_pdf", "read_pdf_text"]
