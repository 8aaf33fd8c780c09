"""Minutes published as web pages (HTML) -> styled ``Line``s for the shared line engine.

Many kommuner publish minutes as HTML (Aarhus' "Referat 1. oktober 2025 kl. 15.45" pages,
OS2dagsorden sites, FirstAgenda's web view). The page is parsed with lxml's HTML parser
(tolerant of the tag soup such sites serve) and flattened to lines: block elements
(paragraphs, divs, headings, list items, table rows, ``<br>``) end a line, inline elements
join, table cells are joined by " | ". Each line gets a style like a PDF line: headings
``<h1>``-``<h6>`` a larger size, ``<strong>``/``<b>``/``<th>`` bold, so the item and section
headings are found by the same method as in a PDF (``ingest.items``). Site chrome that is
never minutes is dropped: scripts, styles, forms, buttons, navigation, dialogs (``modal``)
and elements hidden from readers.

Every line is on page 1 (a web page has no pages). Out of scope: fetching pages (the user
gives a saved file), JavaScript-rendered content, and attachments linked from the page.
"""

from __future__ import annotations

import re
from pathlib import Path

from core.errors import InputError
from ingest.records import SECTION_BREAK, Line

_BLOCK = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p",
    "pre", "section", "table", "tbody", "thead", "tfoot", "tr", "ul", "html", "center",
}  # fmt: skip
_DROP = {"script", "style", "noscript", "template", "form", "select", "input", "textarea", "nav", "iframe",
         "svg", "head", "object", "embed", "label"}  # fmt: skip
_DROP_CLASS = re.compile(r"\b(?:modal|dropdown|cookie|skip-link|sr-only|visually-hidden|hidden|badge)\b", re.I)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_SIZES = {"h1": 20.0, "h2": 17.0, "h3": 14.0, "h4": 12.0, "h5": 11.0, "h6": 11.0}
BODY_SIZE = 10.0
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


def decode_html(path: Path | str, raw: bytes) -> str:
    """The page's text: the BOM or ``<meta charset>`` decides, else UTF-8, else cp1252."""
    if raw[:3] == b"\xef\xbb\xbf":
        return raw[3:].decode("utf-8", errors="replace")
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16", errors="replace")
    m = _CHARSET.search(raw[:4096])
    if m:
        try:
            return raw.decode(m.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def looks_like_html(raw: bytes) -> bool:
    head = raw[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:512]


class _Flattener:
    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.parts: list[tuple[str, float, bool]] = []

    def add(self, text: str | None, size: float, bold: bool) -> None:
        if text:
            self.parts.append((text, size, bold))

    def flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(t for t, _, _ in self.parts)).strip()
        text = re.sub(r"(?:\s*\|\s*)+$", "", re.sub(r"(?:\s*\|\s*){2,}", " | ", text)).strip()
        if text:
            letters = [(len(t.strip()), s, b) for t, s, b in self.parts if t.strip()]
            total = sum(n for n, _, _ in letters) or 1
            size = max(s for _, s, _ in letters)
            bold = sum(n for n, _, b in letters if b) > total / 2
            self.lines.append(Line(text, 1, size=size, bold=bold))
        self.parts = []

    def walk(self, el, size: float, bold: bool) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not tag:  # a comment or processing instruction: only its tail is text
            return
        if tag in _DROP or _DROP_CLASS.search(el.get("class") or "") or el.get("aria-hidden") == "true":
            return
        if el.get("hidden") is not None or "display:none" in (el.get("style") or "").replace(" ", ""):
            return
        if (tag == "button" or el.get("role") == "button") and next(el.iter(*_HEADINGS), None) is None:
            return  # "PDF", "Hent som PDF": controls, unless a collapsible item title sits inside

        if tag == "br":
            self.flush()
            return
        # A table cell holding paragraphs or headings is a block; a plain cell joins its row.
        block = tag in _BLOCK or (tag in {"td", "th"} and any(c.tag in _BLOCK for c in el.iterdescendants()))
        if block:
            self.flush()
        size = _SIZES.get(tag, size)
        bold = bold or tag in _SIZES or tag in {"b", "strong", "th"}
        if tag in {"td", "th"} and not block and el.getprevious() is not None and self.parts:
            # "Udvalg:" | "Teknisk Udvalg" is a label and its value, not two columns.
            self.add(" " if "".join(t for t, _, _ in self.parts).rstrip().endswith(":") else " | ", size, bold)
        if tag in _SIZES and not el.text_content().strip():
            # An empty heading still ends the section above it (Aarhus prints "<h3></h3>"
            # between the decision and the item's summary).
            self.lines.append(Line(SECTION_BREAK, 1, size=size, bold=True))
            return
        self.add(el.text, size, bold)
        for child in el:
            self.walk(child, size, bold)
            self.add(child.tail, size, bold)
        if block:
            self.flush()


def read_html(path: Path | str, raw: bytes) -> list[Line]:
    """The page's text lines with their style, all on page 1."""
    import lxml.html
    from lxml.etree import ParserError

    text = decode_html(path, raw)
    try:
        root = lxml.html.document_fromstring(text)
    except (ParserError, ValueError) as exc:
        raise InputError(f"{path}: not a readable HTML page ({exc})") from exc
    flat = _Flattener()
    body = root.find("body")
    flat.walk(body if body is not None else root, BODY_SIZE, False)
    flat.flush()
    title = root.findtext(".//title")
    lines = flat.lines
    if title and title.strip() and not any(line.text == title.strip() for line in lines[:5]):
        # The <title> often names the committee and place; it leads the front matter.
        lines = [Line(re.sub(r"\s+", " ", title).strip(), 1, size=BODY_SIZE), *lines]
    if not lines:
        raise InputError(f"{path}: the HTML page holds no text")
    return lines


__all__ = ["decode_html", "looks_like_html", "read_html"]
