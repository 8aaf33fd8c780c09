"""One entry point from a file to a ``Meeting``: ``parse_file(path, municipality=None)``.

Dispatch: ``.json`` -> FirstAgenda JSON (``ingest.firstagenda``); ``.pdf`` (or bytes starting
with ``%PDF``) -> ``ingest.pdf``; ``.txt`` / ``.text`` / ``.md`` -> ``ingest.text``. PDF and text
then share one pipeline: clean lines, strip page furniture, join hyphenated words, pick a
layout (``ingest.layouts``), find items (``ingest.items``) and the header (``ingest.header``).

Every bad input raises ``InputError`` (or its subclass ``ParseError`` when the file reads
but holds no agenda item) with a one-line message naming the file and the problem.
Out of scope: HTML and Word files, OCR.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from core.errors import InputError, ParseError
from ingest.caseids import is_bare_case_id, labelled_case_id
from ingest.header import read_header
from ingest.items import parse_items
from ingest.layouts import GENERIC, detect_layout
from ingest.layouts.base import Layout
from ingest.lines import clean_lines, join_hyphenated, strip_furniture
from ingest.records import Line, Meeting

SUPPORTED_SUFFIXES = (".pdf", ".txt", ".json")
_TEXT_SUFFIXES = (".txt", ".text", ".md")


def read_bytes(path: Path | str) -> bytes:
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file")
    if p.is_dir():
        raise InputError(f"{path}: is a folder, not a file")
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if not raw.strip():
        raise InputError(f"{path}: the file is empty")
    return raw


def _protect(text: str) -> bool:
    """Lines that must never be taken for page furniture, even when they repeat."""
    return (
        any(rule.pattern.match(text) for rule in GENERIC.headings[:2])
        or GENERIC.section_heading(text) is not None
        or is_bare_case_id(text)
        or labelled_case_id(text) is not None
        or bool(GENERIC.authority.match(text) or GENERIC.responsible.match(text))
    )


def _raw_lines(path: Path | str, raw: bytes) -> tuple[list[Line], bool]:
    """(raw lines, whether their pages are real pages)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".pdf" or raw[:5] == b"%PDF-":
        from ingest.pdf import read_pdf

        return read_pdf(path, raw), True
    from ingest.text import looks_like_text, read_text

    if suffix in _TEXT_SUFFIXES or (suffix == "" and looks_like_text(raw)):
        return read_text(path, raw), "\f" in raw.decode("utf-8", errors="ignore")
    raise InputError(
        f"{path}: unsupported file type {suffix or '(none)'}; expected one of {', '.join(SUPPORTED_SUFFIXES)}"
    )


def read_lines(path: Path | str, raw: bytes | None = None) -> tuple[list[Line], list[Line]]:
    """(body lines, page furniture) of a PDF or text file, cleaned, hyphenation joined."""
    if raw is None:
        raw = read_bytes(path)
    lines, real_pages = _raw_lines(path, raw)
    body, furniture = strip_furniture(clean_lines(lines), protect=_protect, repeating=real_pages)
    return join_hyphenated(body), furniture


def parse_lines(
    body: list[Line],
    furniture: list[Line],
    *,
    source: str,
    sha256: str,
    municipality: str | None = None,
    layout: Layout | None = None,
) -> Meeting:
    """Cleaned lines -> ``Meeting``; raises ``ParseError`` when no item or no date is found."""
    layout = layout or detect_layout(body)
    front, items = parse_items(body, layout)
    if not items and layout is not GENERIC:
        front, items = parse_items(body, GENERIC)
    if not items:
        raise ParseError(f"{source}: no agenda items found (not minutes, or a layout without numbered item headings)")
    header = read_header(front, furniture, body, items, source, municipality)
    if header is None:
        raise ParseError(f"{source}: no meeting date found in the header, the decisions or the file name")
    absent = header.absent
    if not absent:
        from ingest.people import merge_people

        absent = merge_people(it.absent for it in items)
    try:
        return Meeting(
            committee=header.committee,
            date=header.date,
            items=tuple(items),
            source=source,
            sha256=sha256,
            municipality=header.municipality,
            time=header.time,
            meeting_id=header.meeting_id,
            location=header.location,
            participants=header.participants,
            absent=absent,
        )
    except ValueError as exc:
        raise ParseError(str(exc)) from exc


def parse_file(path: Path | str, municipality: str | None = None) -> Meeting:
    """Read one file of minutes into a ``Meeting``.

    ``source`` is ``str(path)`` as given; ``sha256`` is the hash of the file's bytes.
    Raises ``InputError`` / ``ParseError`` with a one-line message naming the file.

    >>> m = parse_file("examples/frederikshavn_arbejdsmarkedsudvalget_2024-03-06_referat.txt")  # doctest: +SKIP
    >>> m.item("5").case_id  # doctest: +SKIP
    'EMN-2024-00966'
    """
    source = str(path)
    raw = read_bytes(path)
    sha256 = hashlib.sha256(raw).hexdigest()
    if Path(path).suffix.lower() == ".json":
        from ingest.firstagenda import parse_firstagenda

        meeting = parse_firstagenda(Path(path), raw, sha256, municipality)
        return meeting if meeting.source == source else dataclasses.replace(meeting, source=source)
    body, furniture = read_lines(path, raw)
    return parse_lines(body, furniture, source=source, sha256=sha256, municipality=municipality)


__all__ = ["SUPPORTED_SUFFIXES", "parse_file", "parse_lines", "read_bytes", "read_lines"]
