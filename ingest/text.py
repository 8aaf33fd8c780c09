"""Reading minutes that were already extracted to plain text (e.g. the Frederikshavn file).

Page numbers come from what the extraction left in the text:

- form feeds (``\\f``, as ``pdftotext`` writes them) separate pages;
- otherwise page markers such as "Side 13 af 23" anchor the numbering (as headers, or as
  footers when the first one, "Side 1", follows a page of text). Text extracted page
  by page starts every page with a space after a non-blank line; with an anchor, those soft
  breaks are counted back and forward from it (subtle: the Frederikshavn file has one marker,
  "Side 13 af 23", and 22 soft breaks, which puts item 1 on page 3 and item 11 on page 23);
- with neither, every line is on page 1.

Page markers and the header lines printed beside them stay in the returned lines (they are
removed later, with the other furniture, by ``ingest.lines``), so the meeting's header can be
read from them. Out of scope: PDFs (``ingest.pdf``) and what the lines mean.
"""

from __future__ import annotations

import re
from pathlib import Path

from core.errors import InputError
from ingest.lines import PAGE_MARKER
from ingest.records import Line


def decode_text(path: Path | str, raw: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM ("Unicode text" from Word), else cp1252,
    which every byte string decodes as."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not valid UTF-16 text ({exc.reason})") from exc
    if b"\x00" in raw[:4096]:
        raise InputError(f"{path}: not a text file (binary content)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def read_text(path: Path | str, raw: bytes) -> list[Line]:
    """Lines of an extracted-text file with the page each was printed on (blank lines kept)."""
    text = decode_text(path, raw).replace("\r\n", "\n").replace("\r", "\n")
    if "\f" in text:
        return [Line(t, n) for n, page in enumerate(text.split("\f"), start=1) for t in page.split("\n")]
    raw_lines = text.split("\n")
    markers = [(i, PAGE_MARKER.match(t.strip())) for i, t in enumerate(raw_lines)]
    markers = [(i, m) for i, m in markers if m]
    if not markers:
        return [Line(t, 1) for t in raw_lines]

    # Soft page index of every line: +1 at a line that starts with a space after a non-blank
    # line, and +1 after each marker (the marker block ends a page).
    soft = []
    s, after_marker = 0, False
    marker_at = {i for i, _ in markers}
    for i, t in enumerate(raw_lines):
        if after_marker and t.strip():
            s, after_marker = s + 1, False
        elif i > 0 and t[:1].isspace() and t.strip() and raw_lines[i - 1].strip() and not after_marker:
            s += 1
        if i in marker_at:
            after_marker = True
        soft.append(s)

    total = max((int(m.group(2)) for _, m in markers if m.group(2)), default=None)
    pages = [1] * len(raw_lines)
    # A marker is a header ("Side 3 af 9" starts page 3) unless the first one says page 1 after
    # a page's worth of text: then markers are footers and the text after "Side 1" is page 2.
    first_at, first = markers[0]
    footer = int(first.group(1)) == 1 and sum(1 for t in raw_lines[:first_at] if t.strip()) > 5
    offsets = []  # (first line the offset applies to, offset)
    for i, m in markers:
        nxt = next((j for j in range(i + 1, len(raw_lines)) if raw_lines[j].strip() and j not in marker_at), None)
        if nxt is not None:
            offsets.append((i, int(m.group(1)) + footer - soft[nxt]))
    if not offsets:
        return [Line(t, 1) for t in raw_lines]
    k = 0
    for i in range(len(raw_lines)):
        while k + 1 < len(offsets) and i > offsets[k + 1][0]:
            k += 1
        page = soft[i] + offsets[k][1]
        if total:
            page = min(page, total)
        pages[i] = max(1, page)
    return [Line(t, p) for t, p in zip(raw_lines, pages, strict=True)]


def looks_like_text(raw: bytes) -> bool:
    """True for bytes that decode to mostly printable text."""
    sample = raw[:4096].decode("utf-8", errors="ignore")
    if not sample.strip():
        return False
    printable = sum(ch.isprintable() or ch in "\n\r\t\f" for ch in sample)
    return printable / len(sample) > 0.95 and not re.search(r"[\x00-\x08]", sample)


__all__ = ["decode_text", "looks_like_text", "read_text"]
