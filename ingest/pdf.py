"""Reading the text layer of a PDF with pdfplumber, one ``Line`` per printed line.

``read_pdf`` checks the file before parsing it, so that every bad PDF gives one clear
``InputError`` naming the file: not a PDF at all, truncated (no ``%%EOF`` near the end),
encrypted, unreadable, or without a text layer (a scan). Lines come back raw, with their
1-based page number; cleaning and furniture removal are ``ingest.lines``' job.

Out of scope: OCR of scanned PDFs, tables as tables (cells come out as text lines), and
reading order of multi-column pages beyond what pdfplumber's ``extract_text`` gives.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from core.errors import InputError
from ingest.records import Line


def check_pdf_bytes(path: Path | str, raw: bytes) -> None:
    """Raise ``InputError`` for bytes that cannot be a complete PDF."""
    if b"%PDF-" not in raw[:1024]:
        raise InputError(f"{path}: not a PDF file (no %PDF header)")
    if b"%%EOF" not in raw[-2048:]:
        raise InputError(f"{path}: truncated PDF (no %%EOF end marker; the file is cut short)")


def read_pdf(path: Path | str, raw: bytes | None = None) -> list[Line]:
    """Every text line of the PDF with its page number.

    Raises ``InputError`` for a non-PDF, truncated, encrypted or scanned file.
    """
    import pdfplumber  # heavy import, only when a PDF is read
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    if raw is None:
        raw = Path(path).read_bytes()
    check_pdf_bytes(path, raw)
    # pdfminer logs warnings for every odd object; they are not the user's business.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    lines: list[Line] = []
    try:
        with pdfplumber.open(io.BytesIO(raw)) as pdf:
            if not pdf.pages:
                raise InputError(f"{path}: the PDF has no pages")
            for number, page in enumerate(pdf.pages, start=1):
                text = page.extract_text() or ""
                lines.extend(Line(t, number) for t in text.split("\n"))
                page.flush_cache()
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise InputError(f"{path}: encrypted PDF; it cannot be read without its password") from exc
    except InputError:
        raise
    except PDFSyntaxError as exc:
        raise InputError(f"{path}: damaged PDF ({exc})") from exc
    except Exception as exc:  # pdfminer raises many private error types on broken files
        # pdfplumber wraps pdfminer's errors: PdfminerException(PDFPasswordIncorrect()).
        inner = [exc, *exc.args, exc.__cause__, exc.__context__]
        if any(isinstance(e, (PDFPasswordIncorrect, PDFEncryptionError)) for e in inner):
            raise InputError(f"{path}: encrypted PDF; it cannot be read without its password") from exc
        if any(isinstance(e, PDFSyntaxError) for e in inner):
            raise InputError(f"{path}: damaged PDF ({exc})") from exc
        if "password" in str(exc).lower() or "encrypt" in type(exc).__name__.lower():
            raise InputError(f"{path}: encrypted PDF; it cannot be read without its password") from exc
        detail = next((str(e) for e in inner if isinstance(e, Exception) and str(e)), type(exc).__name__)
        raise InputError(f"{path}: damaged or unreadable PDF ({detail})") from exc
    if not any(line.text.strip() for line in lines):
        raise InputError(f"{path}: the PDF has no text layer (a scanned document?); OCR it first")
    return lines


__all__ = ["check_pdf_bytes", "read_pdf"]
