"""Cleaning lines of text read from minutes: glyphs, hyphenation, page furniture.

Readers (``ingest.pdf``, ``ingest.text``) turn a file into ``Line``s with page numbers; this
module makes those lines clean enough for the layout rules:

- ``clean_text``: private-use / Symbol-font bullets (U+F0B7 and friends) become "•", the
  "(cid:123)" garbage pdfminer prints for glyphs without a Unicode mapping is dropped, soft
  hyphens, zero-width characters and non-breaking spaces are normalised;
- ``join_hyphenated``: a word split over a line end ("sygedagpenge-" / "forløb") is
  joined onto the first line, while real hyphens ("2025-" / "2028", "Sundheds-" / "og",
  "p-" / "huse") are kept;
- ``strip_furniture``: running page headers and footers (lines repeating at the top or bottom
  of many pages, "Side 13 af 23", "Dato: 04.12.2012 / Side 3", bare page numbers) are removed
  and returned separately, since they name the committee, date and meeting id.

Out of scope: reading files, and deciding what a line *means* (see ``ingest.layouts``).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from ingest.records import Line

# Bullets as they come out of Symbol / Wingdings fonts (private-use area) and common glyphs.
_PUA_BULLETS = "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf0e0\uf02d\uf0be\uf0a1\uf071\uf0d7\uf0f0"
_LINE_START_BULLETS = "●▪■◦○►▸‣⁃∙·\u2022"
_CID = re.compile(r"\(cid:\d+\)")
_LIGATURES = {"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl"}
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\t"), " ")


def clean_text(text: str) -> str:
    """Normalise one line's characters.

    >>> clean_text("\\uf0b7 Forebyggelse\\u00a0og fastholdelse")
    '• Forebyggelse og fastholdelse'
    """
    text = _CID.sub("", text).translate(_INVISIBLE).translate(_SPACES)
    for lig, plain in _LIGATURES.items():
        text = text.replace(lig, plain)
    for ch in _PUA_BULLETS:
        text = text.replace(ch, "•")
    # Any other private-use character is an unmapped glyph: drop it.
    text = "".join(c for c in text if not 0xE000 <= ord(c) <= 0xF8FF)
    stripped = text.lstrip()
    if stripped and stripped[0] in _LINE_START_BULLETS:
        text = "•" + stripped[1:]
    return re.sub(r" {2,}", " ", text).strip()


def clean_lines(lines: Iterable[Line]) -> list[Line]:
    """``clean_text`` on every line; empty lines are dropped (they carry no meaning here)."""
    out = []
    for line in lines:
        text = clean_text(line.text)
        if text:
            out.append(dataclasses.replace(line, text=text))
    return out


# --- hyphenation ---------------------------------------------------------------------------

# Words after which a trailing hyphen is a Danish suspended compound ("Sundheds- og ...").
_CONJUNCTIONS = {"og", "eller", "samt", "som", "til", "med", "i", "&"}
_KEEP_HYPHEN_PREFIXES = {"ikke", "non", "ex", "co", "eks", "anti", "pro", "pre", "post", "semi", "mini", "maxi"}
_HYPHEN_END = re.compile(r"(?<=[A-Za-zÆØÅæøåÉéÜüÖöÄä0-9])-$")


def join_hyphenated(lines: Sequence[Line]) -> list[Line]:
    """Join words hyphenated across line ends; the first word of the next line moves up.

    >>> [l.text for l in join_hyphenated([Line("raskmeldte syge-", 1), Line("dagpengemodtagere i alt", 1)])]
    ['raskmeldte sygedagpengemodtagere', 'i alt']
    >>> [l.text for l in join_hyphenated([Line("budget 2025-", 1), Line("2028", 1)])]
    ['budget 2025-2028']
    """
    out: list[Line] = []
    pending: Line | None = None
    for line in lines:
        if pending is None:
            pending = line
            continue
        if _HYPHEN_END.search(pending.text) and not line.text.startswith("•"):
            first, _, rest = line.text.partition(" ")
            word = pending.text.rsplit(" ", 1)[-1][:-1]
            if first.lower().strip(",.") in _CONJUNCTIONS:
                joined = None  # "Sundheds-" + "og": keep as two lines
            elif (
                first[:1].islower()
                and len(word) > 2
                and word.isalpha()
                and not word.isupper()
                and word.lower() not in _KEEP_HYPHEN_PREFIXES
            ):
                joined = pending.text[:-1] + first
            else:  # "2025-" + "2028", "EØS-" + "borgere", "p-" + "huse"
                joined = pending.text + first
            if joined is not None:
                out.append(dataclasses.replace(pending, text=joined))
                pending = dataclasses.replace(line, text=rest) if rest.strip() else None
                continue
        out.append(pending)
        pending = line
    if pending is not None:
        out.append(pending)
    return out


# --- page furniture -------------------------------------------------------------------------

# Always furniture, wherever on a page: "Side 13 af 23", "Side 3", "- 4 -", "3/15", "Dato: ... Side N".
PAGE_MARKER = re.compile(r"^(?:side|page)\s+(\d+)(?:\s*(?:af|of|/)\s*(\d+))?$", re.I)
# A bare page number ("4", "- 4 -", "4/15"): furniture only at the top or bottom of a page.
_PAGE_NUMBER = re.compile(r"^[-–]?\s*\d{1,3}\s*[-–]?$|^\d{1,3}\s*/\s*\d{1,3}$")
_FURNITURE = (
    PAGE_MARKER,
    re.compile(r"^dato:?\s*\S+\s*/?\s*side\s+\d+(\s*af\s*\d+)?$", re.I),
    re.compile(r".*\bside\s+\d+\s+af\s+\d+$", re.I),
)
_TOP, _BOTTOM = 6, 4
_MARGIN = 0.09  # the top and bottom 9% of a page, where running headers and footers sit


def _shape(text: str) -> str:
    """A line with its digits blanked, so "Side 3" and "Side 4" repeat."""
    return re.sub(r"\d+", "#", text.lower()).strip()


def is_page_marker(text: str) -> bool:
    return any(p.match(text) for p in _FURNITURE)


def strip_furniture(
    lines: Sequence[Line], protect=lambda text: False, repeating: bool = True
) -> tuple[list[Line], list[Line]]:
    """Split ``lines`` into (body, furniture).

    Furniture is a line matching a page-marker pattern, a header line printed beside one, or
    (when ``repeating``, i.e. for real pages) a line whose digit-blanked shape recurs at the
    same place among the first ``_TOP`` / last ``_BOTTOM`` lines of most pages.
    ``protect(text)`` marks lines that must stay even if they repeat (item and section
    headings, case ids: Aarhus prints "Punkt N:" and the case id on top of most pages).
    """
    pages: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        pages.setdefault(line.page, []).append(i)
    dropped = {i for i, line in enumerate(lines) if is_page_marker(line.text)}
    if len(pages) > 1:
        edges = {i for idxs in pages.values() for i in (*idxs[:2], *idxs[-2:])}
        dropped |= {i for i in edges if _PAGE_NUMBER.match(lines[i].text)}
    if repeating and len(pages) >= 2:
        slots: dict[int, tuple[int, str]] = {}
        for idxs in pages.values():
            for k, i in enumerate(idxs[:_TOP]):
                slots[i] = (k, _shape(lines[i].text))
            for k, i in enumerate(reversed(idxs[-_BOTTOM:])):
                slots.setdefault(i, (-1 - k, _shape(lines[i].text)))
        per_page = Counter(slots.values())
        threshold = max(2 if len(pages) < 5 else 3, 0.6 * len(pages))
        dropped |= {i for i, slot in slots.items() if per_page[slot] >= threshold and not protect(lines[i].text)}
        # With positions (PDF): a line in the top or bottom margin whose shape recurs in the
        # margins of most pages is a running header or footer, however many lines are above it.
        margin = {i: _shape(line.text) for i, line in enumerate(lines) if 0 <= line.top < _MARGIN or line.top > 1 - _MARGIN}
        recurring = Counter((lines[i].page, shape) for i, shape in margin.items())
        on_pages = Counter(shape for _, shape in recurring)
        dropped |= {i for i, shape in margin.items() if on_pages[shape] >= threshold and not protect(lines[i].text)}
    dropped |= _beside_markers(lines, sorted(i for i in dropped if is_page_marker(lines[i].text)), protect)
    body = [line for i, line in enumerate(lines) if i not in dropped]
    furniture = [line for i, line in enumerate(lines) if i in dropped]
    return body, furniture


# A header line printed beside a page marker: "Arbejdsmarkedsudvalget 2022-2025 - 06-03-2024
# 15:00" (ends with a date and time) or a bare meeting id "MOS-2024-00185".
_HEADER_DATE_LINE = re.compile(r"^.{0,90}\b\d{1,2}[-./]\d{1,2}[-./]\d{2,4}(?:,?\s+(?:kl\.?\s*)?\d{1,2}[:.]\d{2})?$")
_MEETING_ID_LINE = re.compile(r"^[A-ZÆØÅ]{2,6}-\d{4}-\d{3,7}$")


def _beside_markers(lines: Sequence[Line], markers: list[int], protect) -> set[int]:
    """Header lines within three lines before / two after a page marker (text extractions
    keep one header block per page; some print it once). With positions, only lines in the
    page's margins count (a "Mødedato" line above a short page's footer is not furniture)."""
    near: dict[int, str] = {}
    for m in markers:
        for i in (*range(max(0, m - 3), m), *range(m + 1, min(len(lines), m + 3))):
            top = lines[i].top
            if top >= 0 and 2 * _MARGIN < top < 1 - 2 * _MARGIN:
                continue
            near[i] = _shape(lines[i].text)
    shapes = Counter(near.values())
    return {
        i
        for i, shape in near.items()
        # subtle: a bare meeting id is also a bare case id, which ``protect`` keeps elsewhere.
        if _MEETING_ID_LINE.match(lines[i].text)
        or (
            not protect(lines[i].text)
            and (
                _HEADER_DATE_LINE.match(lines[i].text) or (len(markers) >= 3 and shapes[shape] >= len(markers) // 2 + 1)
            )
        )
    }


__all__ = ["PAGE_MARKER", "clean_lines", "clean_text", "is_page_marker", "join_hyphenated", "strip_furniture"]
