"""The layout test bench: minutes PDFs generated with reportlab in many vendor styles.

A ``Doc`` is what a vendor's template prints: a title page, an optional table of contents,
the items (heading, fields, sections), an optional signature page, and a ``Look``: fonts and
sizes of headings and body, how item numbers are printed ("5.", "Punkt 5", "5", "715."),
running header and footer, one or two columns. ``render(doc, path)`` lays it out with real
line wrapping and page breaks, so the parser sees what a real PDF gives (positions, fonts,
repeated header lines), and ``doc.expected()`` says which records must come out.

Used by ``test_layout_bench.py``; the looks vary one thing at a time from a common base.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december"]  # fmt: skip


@dataclass(frozen=True)
class Section:
    heading: str
    text: str  # paragraphs separated by "\n"; "| a | b |" is a table row


@dataclass(frozen=True)
class Item:
    number: str
    title: str
    case_id: str | None
    sections: tuple[Section, ...]
    decision: str | None  # the expected current decision text (None: the item prints none)
    level: int = 1  # 2 for a sub-item ("1.1")


@dataclass(frozen=True)
class Look:
    """How a vendor's template prints minutes."""

    body_font: str = "Helvetica"
    bold_font: str = "Helvetica-Bold"
    body_size: float = 10
    item_size: float = 13
    item_bold: bool = True
    section_size: float = 10
    section_bold: bool = True
    number_format: str = "{n}. {title}"  # "Punkt {n}: {title}", "{n} {title}"
    case_label: str = "Sagsnr.: "
    header: str | None = None  # running header; "{committee}", "{date}" filled in
    footer: str | None = "Side {page} af {pages}"
    columns: int = 1
    item_on_new_page: bool = False


@dataclass(frozen=True)
class Doc:
    committee: str
    date: dt.date
    items: tuple[Item, ...]
    look: Look = field(default_factory=Look)
    title_lines: tuple[str, ...] = ()  # the front page, after the committee name
    toc: bool = False
    signatures: tuple[str, ...] = ()  # names on the signature page
    municipality: str | None = None
    title: str | None = None  # the front page's first line; None: the committee's name

    def expected(self) -> list[tuple[str, str, str | None, str | None]]:
        """(number, title, case id, decision) per item, in order."""
        return [(i.number, i.title, i.case_id, i.decision) for i in self.items]


def danish_date(d: dt.date) -> str:
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


class _Writer:
    """Places lines top to bottom, wrapping and breaking pages; two columns when asked."""

    def __init__(self, path: Path, doc: Doc) -> None:
        self.doc, self.look = doc, doc.look
        self.c = canvas.Canvas(str(path), pagesize=A4)
        self.width, self.height = A4
        self.margin = 60.0
        self.page = 1
        self.pages: list[list[tuple[str, str, float, float, float]]] = [[]]  # (text, font, size, x, y)
        self.column = 0
        self.y = self.height - 90

    @property
    def col_width(self) -> float:
        usable = self.width - 2 * self.margin
        return usable if self.look.columns == 1 else (usable - 24) / 2

    def x(self) -> float:
        return self.margin + self.column * (self.col_width + 24)

    def new_page(self) -> None:
        self.pages.append([])
        self.page += 1
        self.column = 0
        self.y = self.height - 90

    def next_column(self) -> None:
        if self.look.columns == 2 and self.column == 0:
            self.column = 1
            self.y = self.height - 90
        else:
            self.new_page()

    def line(self, text: str, font: str, size: float, gap: float = 0.0, keep: int = 0) -> None:
        for k, part in enumerate(simpleSplit(text, font, size, self.col_width) or [""]):
            need = size * 1.35 + (gap if k == 0 else 0) + (keep * 14 if k == 0 else 0)
            if self.y - need < 70:
                self.next_column()
            self.y -= size * 1.35 + (gap if k == 0 else 0)
            self.pages[-1].append((part, font, size, self.x(), self.y))

    def row(self, cells: list[str], font: str, size: float) -> None:
        """One table row: each cell at its own column position, on one baseline."""
        if self.y - size * 1.6 < 70:
            self.next_column()
        self.y -= size * 1.6
        step = self.col_width / len(cells)
        for k, cell in enumerate(cells):
            self.pages[-1].append((cell, font, size, self.x() + k * step, self.y))

    def full_width(self, text: str, font: str, size: float, gap: float = 0.0) -> None:
        """A line across both columns (titles); starts a fresh column pair."""
        saved = self.look.columns
        self.column = 0
        object.__setattr__(self, "look", replace(self.look, columns=1))
        self.line(text, font, size, gap)
        object.__setattr__(self, "look", replace(self.look, columns=saved))

    def save(self) -> None:
        doc, look = self.doc, self.look
        total = len(self.pages)
        for n, placed in enumerate(self.pages, start=1):
            if look.header:
                header = look.header.format(committee=doc.committee, date=doc.date.strftime("%d-%m-%Y"))
                self.c.setFont(look.body_font, 8)
                self.c.drawString(self.margin, self.height - 40, header)
            if look.footer:
                self.c.setFont(look.body_font, 8)
                self.c.drawString(self.width - self.margin - 60, 35, look.footer.format(page=n, pages=total))
            for text, font, size, x, y in placed:
                self.c.setFont(font, size)
                self.c.drawString(x, y, text)
            self.c.showPage()
        self.c.save()


def _heading(item: Item, look: Look) -> str:
    return look.number_format.format(n=item.number, title=item.title)


def render(doc: Doc, path: Path) -> Path:
    """Write ``doc`` as a PDF at ``path``."""
    look = doc.look
    w = _Writer(path, doc)
    w.full_width(doc.title or doc.committee, look.bold_font, 18)
    for t in doc.title_lines:
        w.full_width(t, look.body_font, look.body_size, gap=4)
    if doc.toc:
        w.new_page()
        w.full_width("Indholdsfortegnelse", look.bold_font, 14)
        for n, item in enumerate(doc.items):
            w.full_width(f"{_heading(item, look)}    {3 + n // 2}", look.body_font, look.body_size, gap=2)
    w.new_page()
    for n, item in enumerate(doc.items):
        if look.item_on_new_page and n:
            w.new_page()
        size = look.item_size if item.level == 1 else max(look.body_size + 1, look.item_size - 2)
        w.line(_heading(item, look), look.bold_font if look.item_bold else look.body_font, size, gap=14, keep=3)
        if item.case_id:
            w.line(f"{look.case_label}{item.case_id}", look.body_font, look.body_size, gap=2)
        for s in item.sections:
            w.line(s.heading, look.bold_font if look.section_bold else look.body_font, look.section_size, gap=8, keep=2)
            for para in s.text.split("\n"):
                if para.startswith("|"):  # a table row: cells in fixed columns
                    w.row([c.strip() for c in para.strip("|").split("|")], look.body_font, look.body_size)
                else:
                    w.line(para, look.body_font, look.body_size, gap=2)
    if doc.signatures:
        w.new_page()
        w.line("Underskriftsblad", look.bold_font, 14)
        for name in doc.signatures:
            w.line("_" * 30, look.body_font, look.body_size, gap=18)
            w.line(name, look.body_font, look.body_size)
    w.save()
    return path


__all__ = ["Doc", "Item", "Look", "Section", "danish_date", "render"]
