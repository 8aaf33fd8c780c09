"""Fixtures for the PDF / text parser tests: the real files, parsed once per module, and a
builder of tiny PDFs (plain or encrypted) for the bad-input tests."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import pytest

from ingest.parse import parse_lines, read_lines
from ingest.records import Line, Meeting

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
CORPUS = REPO.parent / "shared" / "corpus"
FREDERIKSHAVN = FIXTURES / "frederikshavn_arbejdsmarkedsudvalget_2024-03-06_referat.txt"
BALLERUP = FIXTURES / "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04_referat.pdf"
AARHUS = CORPUS / "pdf" / "aarhus_byraad_2025-08-27_referat.pdf"


@functools.cache
def meeting_of(path: Path) -> Meeting:
    """What ``parse_file`` returns, computed once per test session and file from the same
    lines the invariant tests check (a PDF takes seconds on a busy machine)."""
    body, furniture = lines_of(path)
    return parse_lines(body, furniture, source=str(path), sha256=hashlib.sha256(path.read_bytes()).hexdigest())


@functools.cache
def lines_of(path: Path) -> tuple[list[Line], list[Line]]:
    """(body lines, page furniture) as the parser saw them."""
    return read_lines(path)


@pytest.fixture(scope="session")
def frederikshavn() -> Meeting:
    return meeting_of(FREDERIKSHAVN)


@pytest.fixture(scope="session")
def ballerup() -> Meeting:
    return meeting_of(BALLERUP)


@pytest.fixture(scope="session")
def aarhus() -> Meeting:
    if not AARHUS.exists():
        pytest.skip(f"the Aarhus PDF is not in the shared corpus beside the repository ({AARHUS})")
    return meeting_of(AARHUS)


def tiny_pdf(text: str = "Hej", encrypt: bool = False) -> bytes:
    """A one-page PDF with one line of text. ``encrypt`` adds a Standard security handler
    whose password is unknown (not empty), as a vendor's protected PDF would have."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if encrypt:
        objects.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> /P -44 >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objects) + 1)
    if encrypt:
        file_id = b"<0123456789abcdef0123456789abcdef>"
        trailer += b" /Encrypt %d 0 R /ID [%s %s]" % (len(objects), file_id, file_id)
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _pdf_string(text: str) -> bytes:
    """A PDF literal string in WinAnsi (Latin-1 covers Danish letters)."""
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def pdf_with_pages(pages: list[list[str]]) -> bytes:
    """A PDF with one text line per string, top to bottom, one list per page (Helvetica,
    WinAnsiEncoding), for layouts the real files do not cover."""
    objects: list[bytes] = [
        b"",
        b"",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    kids = []
    for lines in pages:
        ops = b"".join(
            b"BT /F1 10 Tf 60 %d Td %s Tj ET\n" % (800 - 14 * n, _pdf_string(t)) for n, t in enumerate(lines)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(ops) + ops + b"endstream")
        content = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 3 0 R >> >> >>"
            % content
        )
        kids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
