"""One entry point from a file to a ``Meeting``: ``parse_file(path, municipality=None)``.

Dispatch: ``.json`` -> FirstAgenda JSON (``ingest.firstagenda``); ``.pdf`` (or bytes starting
with ``%PDF``) -> ``ingest.pdf`` (OCR for a scan: ``ingest.ocr``); ``.html`` / ``.htm`` ->
``ingest.webpage``; ``.xml`` -> eDoc / OS2dagsorden XML (``ingest.edoc_xml``); ``.txt`` /
``.text`` / ``.md`` -> ``ingest.text``. Every reader but JSON gives styled lines, which then
share one pipeline: clean lines, strip page furniture, join hyphenated words, pick a layout
(``ingest.layouts``), find items (``ingest.items``) and the header (``ingest.header``).

Several dated decisions on one item ("Beslutning i Økonomiudvalget den 05-03-2024",
"Beslutning i Byrådet den 12-03-2024"): the one dated on the meeting's own date is the item's
``decision``; the others stay sections of kind ``beslutning`` (earlier steps of the case).

Every bad input raises ``InputError`` (or its subclass ``ParseError`` when the file reads
but holds no agenda item) with a one-line message naming the file and the problem.
Out of scope: Word files.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from core.errors import InputError, ParseError
from ingest.caseids import is_bare_case_id, labelled_case_id
from ingest.dates import find_dates
from ingest.edoc_xml import KnownFacts
from ingest.header import read_header
from ingest.items import decision_text, parse_items
from ingest.layouts import GENERIC, detect_layout
from ingest.layouts.base import Layout
from ingest.lines import clean_lines, join_hyphenated, strip_furniture
from ingest.records import AgendaItem, Line, Meeting

SUPPORTED_SUFFIXES = (".pdf", ".txt", ".json", ".html", ".htm", ".xml")
_TEXT_SUFFIXES = (".txt", ".text", ".md")
_HTML_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True)
class SourceText:
    """What a reader made of a file: its lines, whether their pages are real printed pages,
    whether they were OCR'd, and facts a structured source (eDoc XML) states outright."""

    lines: list[Line]
    real_pages: bool
    ocr: bool = False
    known: KnownFacts | None = None

log = logging.getLogger(__name__)


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


def read_source(path: Path | str, raw: bytes) -> SourceText:
    """The raw lines of a PDF, HTML, eDoc XML or text file (not JSON: see ``parse_file``)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".pdf" or raw[:5] == b"%PDF-":
        from ingest.pdf import read_pdf_text

        pdf = read_pdf_text(path, raw)
        return SourceText(pdf.lines, True, ocr=pdf.ocr)
    from ingest.webpage import looks_like_html, read_html

    if suffix in _HTML_SUFFIXES or (suffix in ("", ".xml") and looks_like_html(raw)):
        return SourceText(read_html(path, raw), False)
    from ingest.edoc_xml import looks_like_edoc, read_edoc_xml

    if suffix == ".xml" or (suffix == "" and looks_like_edoc(raw)):
        lines, known = read_edoc_xml(path, raw)
        return SourceText(lines, True, known=known)
    from ingest.text import looks_like_text, read_text

    if suffix in _TEXT_SUFFIXES or (suffix == "" and looks_like_text(raw)):
        return SourceText(read_text(path, raw), "\f" in raw.decode("utf-8", errors="ignore"))
    raise InputError(
        f"{path}: unsupported file type {suffix or '(none)'}; expected one of {', '.join(SUPPORTED_SUFFIXES)}"
    )


def _clean(source: SourceText) -> tuple[list[Line], list[Line]]:
    body, furniture = strip_furniture(clean_lines(source.lines), protect=_protect, repeating=source.real_pages)
    return join_hyphenated(body), furniture


def read_lines(path: Path | str, raw: bytes | None = None) -> tuple[list[Line], list[Line]]:
    """(body lines, page furniture) of a PDF, HTML, XML or text file, cleaned, hyphenation joined."""
    if raw is None:
        raw = read_bytes(path)
    return _clean(read_source(path, raw))


def current_decisions(items: Sequence[AgendaItem], date) -> list[AgendaItem]:
    """Items whose dated decisions include one of the meeting's own date get that one as
    their ``decision``; the other dated decisions (earlier steps) stay as sections.

    subtle: only when the decisions are dated and exactly the meeting's date picks some of
    them; undated decisions, or none on the meeting's date, keep all decisions joined.
    """
    out = []
    for item in items:
        decisions = [s for s in item.sections if s.kind == "beslutning" and s.text]
        dates = [[d for _, d in find_dates(s.heading)] for s in decisions]
        on_day = [s for s, ds in zip(decisions, dates, strict=True) if date in ds]
        others = [s for s, ds in zip(decisions, dates, strict=True) if ds and date not in ds]
        if len(decisions) > 1 and on_day and others:
            chosen = decision_text(on_day)
            if len(on_day) == 1:
                chosen = on_day[0].text
            item = dataclasses.replace(item, decision=chosen)
        out.append(item)
    return out


def parse_lines(
    body: list[Line],
    furniture: list[Line],
    *,
    source: str,
    sha256: str,
    municipality: str | None = None,
    layout: Layout | None = None,
    ocr: bool = False,
    known: KnownFacts | None = None,
) -> Meeting:
    """Cleaned lines -> ``Meeting``; raises ``ParseError`` when no item or no date is found.

    ``ocr`` marks lines read by OCR; ``known`` holds facts the source states outright
    (eDoc XML's committee, date, time and attachments), which win over the text."""
    layout = layout or detect_layout(body)
    front, items = parse_items(body, layout)
    if not items and layout is not GENERIC:
        layout = GENERIC
        front, items = parse_items(body, GENERIC)
    if not items:
        raise ParseError(f"{source}: no agenda items found (not minutes, or a layout without numbered item headings)")
    log.debug("%s: layout %s, %d items", source, layout.name, len(items))
    header = read_header(front, furniture, body, items, source, municipality)
    if header is None and not (known and known.date):
        raise ParseError(f"{source}: no meeting date found in the header, the decisions or the file name")
    if known is not None:
        header = _with_known(header, known, source)
        items = [
            dataclasses.replace(it, attachments=known.attachments[it.number]) if it.number in known.attachments else it
            for it in items
        ]
    assert header is not None
    items = current_decisions(items, header.date)
    if ocr:
        items = [dataclasses.replace(it, ocr=True) for it in items]
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
            ocr=ocr,
            guessed=header.guessed,
        )
    except ValueError as exc:
        raise ParseError(str(exc)) from exc


def _with_known(header, known: KnownFacts, source: str):
    """The header with the structured source's facts in place of what the text gave."""
    from ingest.header import Header

    if header is None:
        header = Header(known.committee or Path(source).stem, known.date, known.time, None, None, None, (), (),
                        () if known.committee else ("committee",))  # fmt: skip
    guessed = tuple(g for g in header.guessed if not getattr(known, g, None))
    return dataclasses.replace(
        header,
        committee=known.committee or header.committee,
        date=known.date or header.date,
        time=known.time or header.time,
        guessed=guessed,
    )


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
    text = read_source(path, raw)
    body, furniture = _clean(text)
    return parse_lines(
        body, furniture, source=source, sha256=sha256, municipality=municipality, ocr=text.ocr, known=text.known
    )


__all__ = [
    "SUPPORTED_SUFFIXES",
    "SourceText",
    "current_decisions",
    "parse_file",
    "parse_lines",
    "read_bytes",
    "read_lines",
    "read_source",
]
