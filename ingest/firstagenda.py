"""FirstAgenda publication JSON -> ``Meeting`` (Greve Kommune and other FirstAgenda users).

FirstAgenda (Prepare) publishes one JSON record per *dagsorden* (agenda). Its shape, as read
from the 373 Greve meetings in ``../shared/corpus/greve``::

    {"Id": "<agenda guid>",
     "Udvalg": {"Navn": "Økonomiudvalget", ...},
     "Moede": {"Dato": "2025-01-29T17:00:00+01:00", "Sted": "Biblioteket",
               "Moededeltagere": [{"Name": ..., "Absent": false, "ParticipationCancelled": false}]},
     "Dagsordenpunkter": [{"Punktnummer": "2", "Navn": "Lukket: ...", "SagsNummer": "24-008513",
                           "Felter": [{"Html": "<h3>Beslutning</h3>...", "Link": "https://..."}],
                           "Bilag": [{"Navn": "...", "Id": "<guid>", "Order": 0}]}]}

How the fields become records (documented for users in ``docs/ingest.md``):

- committee: ``Udvalg.Navn`` (a leading "." that the vendor uses for sorting is dropped);
  date and time: ``Moede.Dato`` read as local time (its offset is ignored, never converted);
  location: ``Moede.Sted``; meeting_id: the agenda's ``Id`` (FirstAgenda prints no other id);
  participants: ``Moede.Moededeltagere`` names; absent: the participants flagged ``Absent`` or
  ``ParticipationCancelled`` (*afbud*). "(Stedfortræder for X)" is dropped from a name.
- municipality: the caller's argument; else the host of the item links
  (``dagsordener.greve.dk`` -> "Greve"); else ``None``.
- item number: ``Punktnummer`` as printed. The vendor's numbers never repeat in the corpus; if
  one does, the later item becomes "5 (2)", "5 (3)", ... so the meeting stays valid and the
  first item keeps the number people cite.
- open/closed: closed items are titled "Lukket: <title>"; the prefix is removed from ``title``
  and ``open`` is False. (``IsOpen`` is false on every item of the export, so it is ignored.)
- case_id: ``SagsNummer`` ("24-008513"), ``None`` when empty.
- sections: the body ``Felter[].Html``. Greve marks section headings with ``<h2>``-``<h4>``
  (a container ``<h3>Fremstilling</h3>`` holds ``<h4>Resume</h4>``, ``<h4>Indstilling</h4>``...).
  Each heading starts a section; a heading with nothing under it is dropped when it is a known
  heading (a container) and otherwise kept as a line of text, so no text is lost. Heading tags
  that hold a sentence (vendor misuse) are text. A closed item's body has no headings: it is
  the published decision, so it becomes one section with an empty heading and kind
  ``beslutning``.
- decision: the text of the ``beslutning`` sections, joined by a blank line.
- authority: the text of the "Sagsprocedure" section (which bodies treat the case, the last
  one decides), e.g. "Økonomiudvalget og Byrådet".
- responsible: the subject of "<Center for ...> indstiller" in the Indstilling section, when it
  names a unit rather than "Administrationen".
- item absent: "Afbud: A, B (V)" / "Fraværende: C" / "Afbud fra D (A)" lines of the decision;
  "(Stedfortræder: X)" is dropped, a trailing "(V)" becomes the party.
- attachments: ``Bilag[]`` in ``Order``, document_id = the bilag ``Id`` (a guid).
- url: ``Felter[].Link``, the public PDF of the item (open items only; closed items have none).
- pages: JSON has no pages; every item gets (1, 1).

HTML -> text: stdlib ``html.parser``. Paragraphs, divs and ``<br>`` end lines; list items
become "• text" (ordered lists "1. text"); a table row becomes one line, its cells joined by
" | "; entities are decoded and whitespace (including no-break spaces) collapsed.

Out of scope: other vendors' JSON, the attachments' contents (only their titles and ids are
in the record), audio (``Lydfiler``) and the per-item case history beyond its text section
"Sagens forløb".
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from core.errors import InputError, ParseError
from ingest.records import AgendaItem, Attachment, Meeting, Person, Section, SectionKind
from ingest.sections import classify_heading

# ---------------------------------------------------------------------------------------------
# HTML -> blocks


_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "ul",
        "ol",
        "li",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "pre",
        "dl",
        "dt",
        "dd",
        "hr",
        "caption",
        "figure",
        "figcaption",
        "center",
        "address",
    ]
)
_HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_SKIP_TAGS = frozenset(("script", "style", "head", "title"))
_WS = re.compile(r"[\s\u00a0\u200b\u2007\u202f\ufeff]+")


def _clean(text: str) -> str:
    return _WS.sub(" ", text).strip()


class _BlockParser(HTMLParser):
    """Flattens an item body into ``("h", text)`` heading and ``("t", text)`` line blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self._buf: list[str] = []
        self._prefix = ""  # "• " or "3. " for the first line of a list item
        self._lists: list[list[Any]] = []  # [tag, counter] per open <ul>/<ol>
        self._heading: list[str] | None = None
        self._table = 0  # depth of open <table>
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._skip = 0

    # -- helpers
    def _flush(self) -> None:
        text = _clean("".join(self._buf))
        self._buf = []
        if text:
            self.blocks.append(("t", self._prefix + text))
            self._prefix = ""

    def _end_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            text = _clean("".join(self._cell))
            if text:
                self._row.append(text)
        self._cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self._row:
            self.blocks.append(("t", " | ".join(self._row)))
        self._row = None

    def _end_heading(self) -> None:
        text = _clean("".join(self._heading or []))
        self._heading = None
        if text:
            self.blocks.append(("h", text))

    # -- HTMLParser hooks
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
            return
        if self._table:
            self._table_start(tag)
            return
        if self._heading is not None:
            if tag in _HEADING_TAGS:  # subtle: an unclosed heading ends where the next begins
                self._end_heading()
            elif tag in _BLOCK_TAGS or tag == "br":
                self._heading.append(" ")
                return
            else:
                return
        if tag in _HEADING_TAGS:
            self._flush()
            self._heading = []
        elif tag == "br":
            self._flush()
        elif tag == "table":
            self._flush()
            self._table = 1
        elif tag in ("ul", "ol"):
            self._flush()
            start = dict(attrs).get("start") or "1"
            self._lists.append([tag, int(start) - 1 if start.isdigit() else 0])
        elif tag == "li":
            self._flush()
            if self._lists and self._lists[-1][0] == "ol":
                self._lists[-1][1] += 1
                self._prefix = f"{self._lists[-1][1]}. "
            else:
                self._prefix = "• "
        elif tag in _BLOCK_TAGS:
            self._flush()

    def _table_start(self, tag: str) -> None:
        if tag == "table":
            self._table += 1  # a nested table reads as text of the outer cell
        elif tag == "tr" and self._table == 1:
            self._end_row()
            self._row = []
        elif tag in ("td", "th") and self._table == 1:
            if self._row is None:
                self._row = []
            self._end_cell()
            self._cell = []
        elif (tag in _BLOCK_TAGS or tag in _HEADING_TAGS or tag == "br") and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
            return
        if self._table:
            if tag == "table":
                self._table -= 1
                if not self._table:
                    self._end_row()
            elif tag in ("td", "th") and self._table == 1:
                self._end_cell()
            elif tag == "tr" and self._table == 1:
                self._end_row()
            elif self._cell is not None and (tag in _BLOCK_TAGS or tag in _HEADING_TAGS):
                self._cell.append(" ")
            return
        if self._heading is not None:
            if tag in _HEADING_TAGS:
                self._end_heading()
            elif tag in _BLOCK_TAGS:
                self._heading.append(" ")
            return
        if tag in ("ul", "ol"):
            self._flush()
            if self._lists:
                self._lists.pop()
            self._prefix = ""
        elif tag in _BLOCK_TAGS:
            self._flush()
            if tag == "li":
                self._prefix = ""

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._table:
            if self._cell is not None:
                self._cell.append(data)
            elif data.strip():  # text between cells: keep it rather than lose it
                if self._row is None:
                    self._row = []
                self._row.append(_clean(data))
        elif self._heading is not None:
            self._heading.append(data)
        else:
            self._buf.append(data)

    def close(self) -> None:
        super().close()
        while self._table:
            self._table -= 1
        self._end_row()
        if self._heading is not None:
            self._end_heading()
        self._flush()


def html_blocks(html: str) -> list[tuple[str, str]]:
    """Heading (``"h"``) and text-line (``"t"``) blocks of an HTML fragment, in order.

    >>> html_blocks("<h3>Beslutning</h3><p>Godkendt&nbsp;.</p><ul><li>a</li></ul>")
    [('h', 'Beslutning'), ('t', 'Godkendt .'), ('t', '• a')]
    """
    parser = _BlockParser()
    parser.feed(html)
    parser.close()
    return parser.blocks


# ---------------------------------------------------------------------------------------------
# blocks -> sections

# Headings Greve prints that ``classify_heading`` files as "other" but that are headings all
# the same; "fremstilling" is the container of the case presentation.
_KNOWN_HEADINGS = frozenset(
    {
        "fremstilling",
        "sagsprocedure",
        "sagens forløb",
        "lovgrundlag",
        "økonomiske konsekvenser",
        "tidsplan",
        "kommunikation",
        "høring",
        "øvrige forhold",
        "øvrige konsekvenser",
        "miljøvurdering",
        "øvrig information",
        "supplerende sagsfremstilling",
        "supplerende sagsbeskrivelse",
        "bilag",
        "lovhjemmel",
        "historik",
        "sagsproces",
        "yderligere forhold",
    }
)
# Greve's standard headings, also when set as a paragraph of their own
# ("<p><strong>Indstilling</strong></p>") instead of in a heading tag. Never "Beslutning": the
# decision is always a heading tag, and a stray line must not become a decision.
_STANDARD_HEADINGS = frozenset(
    {
        "sagsprocedure",
        "resume",
        "indstilling",
        "sagsbeskrivelse",
        "sagsfremstilling",
        "supplerende sagsfremstilling",
        "supplerende sagsbeskrivelse",
        "supplerende indstilling",
        "lovgrundlag",
        "økonomiske konsekvenser",
        "tidsplan",
        "kommunikation",
        "høring",
        "øvrige forhold",
        "øvrige konsekvenser",
        "sagens forløb",
    }
)
_LOCAL_KINDS: dict[str, SectionKind] = {"fremstilling": "sagsfremstilling"}
# "Supplerende sagsfremstilling", "Ny supplerende indstilling": an addendum of the same kind.
_SUPPLERENDE = re.compile(r"^(?:ny\s+)?supplerende\s+", re.I)


def _heading_key(text: str) -> str:
    return text.strip().rstrip(":.").strip().lower()


def _is_known_heading(text: str) -> bool:
    key = _heading_key(text)
    return key in _KNOWN_HEADINGS or (len(key) <= 60 and classify_heading(key) != "other")


def _looks_like_heading(text: str) -> bool:
    """A heading tag that holds a heading rather than a sentence or a number."""
    if _is_known_heading(text):
        return True
    if len(text) > 60 or " indstiller" in text or len(text.split()) > 8 or text.endswith((".", ",", ";")):
        return False
    return text[0].isalpha() and text[0].isupper()


def _kind(heading: str, previous: SectionKind | None) -> SectionKind:
    """The section kind of a heading; an unknown sub-heading keeps the kind of the section it
    sits in ("Scenarie 1" inside Sagsbeskrivelse is case presentation), except a decision's."""
    key = _SUPPLERENDE.sub("", _heading_key(heading))
    if key in _LOCAL_KINDS:
        return _LOCAL_KINDS[key]
    kind = classify_heading(key)
    if kind == "other" and previous not in (None, "beslutning") and not _is_known_heading(heading):
        return previous
    return kind


_HAS_WORD = re.compile(r"\w")


def sections_from_html(html: str, *, closed: bool = False) -> tuple[Section, ...]:
    """The item body as sections in order; see the module docstring for the rules.

    >>> sections_from_html("<h3>Beslutning</h3><p>Godkendt.</p><h3>Fremstilling</h3>"
    ...                    "<h4>Resume</h4><p>Kort.</p>")
    (Section(heading='Beslutning', kind='beslutning', text='Godkendt.'), \
Section(heading='Resume', kind='resume', text='Kort.'))
    """
    groups: list[tuple[str | None, list[str]]] = [(None, [])]
    for kind, text in html_blocks(html):
        if (kind == "h" and _looks_like_heading(text)) or _heading_key(text) in _STANDARD_HEADINGS:
            groups.append((text, []))
        elif _HAS_WORD.search(text):  # subtle: lines of bare punctuation are dropped, so a
            groups[-1][1].append(text)  # decision printed as "." counts as no decision
    sections: list[Section] = []
    carry: list[str] = []  # lines of an empty, unknown "heading", moved to the next section
    for heading, lines in groups:
        if heading is not None and not lines:
            if not _is_known_heading(heading):
                _append_line(sections, carry, heading)
            continue
        if heading is None:
            if not lines:
                continue
            # subtle: a closed item's headless body is the published decision
            kind: SectionKind = "beslutning" if closed else "other"
            sections.append(Section("", kind, "\n".join(lines)))
            continue
        previous = sections[-1].kind if sections else None
        sections.append(Section(heading, _kind(heading, previous), "\n".join([*carry, *lines])))
        carry = []
    if carry:
        sections.append(Section("", "other", "\n".join(carry)))
    return tuple(sections)


def _append_line(sections: list[Section], carry: list[str], line: str) -> None:
    if sections:
        last = sections[-1]
        sections[-1] = Section(last.heading, last.kind, f"{last.text}\n{line}")
    else:
        carry.append(line)


# ---------------------------------------------------------------------------------------------
# people

_ABSENCE_LINE = re.compile(r"^\s*(?:afbud|fraværende|forfald)\s*(?::|\bfra\b)\s*(?P<names>.+)$", re.I)
_SUBSTITUTE = re.compile(r"\s*\((?:stedfortræder|suppleant)\b[^)]*\)", re.I)
_PARTY = re.compile(r"^(?P<name>.+?)\s*\((?P<party>[A-ZÆØÅ]{1,3}\s?\d?)\)$")
_NAME_SPLIT = re.compile(r"\s*,\s*|\s+og\s+")


def _person(text: str) -> Person | None:
    text = _SUBSTITUTE.sub("", text).strip().rstrip(".").strip()
    if not text:
        return None
    m = _PARTY.match(text)
    if m:
        return Person(m.group("name").strip(), m.group("party").replace(" ", ""))
    return Person(text)


def absences_in(text: str) -> tuple[Person, ...]:
    """Members named on "Afbud: ..." / "Fraværende: ..." / "Afbud fra ..." lines of a decision.

    >>> absences_in("Godkendt.\\nAfbud: Torben Hoffmann (Stedfortræder: Conni Bergendorff), Tina Rottbøll (A)")
    (Person(name='Torben Hoffmann', party=None, role=None), Person(name='Tina Rottbøll', party='A', role=None))
    """
    people: list[Person] = []
    for line in text.splitlines():
        m = _ABSENCE_LINE.match(line)
        if not m:
            continue
        names = _SUBSTITUTE.sub("", m.group("names"))
        for part in _NAME_SPLIT.split(names):
            person = _person(part)
            if person and person not in people:
                people.append(person)
    return tuple(people)


# ---------------------------------------------------------------------------------------------
# JSON -> records

_LUKKET = re.compile(r"^\s*lukket\s*:\s*", re.I)
_RESPONSIBLE = re.compile(r"^(?P<unit>.{3,120}?)\s+indstiller\b")
_HOST = re.compile(r"https?://dagsordener\.(?P<host>[a-z]+)\.dk/", re.I)


def parse_firstagenda(path: Path, raw: bytes, sha256: str, municipality: str | None) -> Meeting:
    """Read one FirstAgenda publication record (the bytes of ``path``) as a ``Meeting``.

    Raises ``InputError`` for invalid JSON or JSON that is not a FirstAgenda agenda, and
    ``ParseError`` for an agenda without items; each message names ``path``.
    """
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(data, dict) or "Dagsordenpunkter" not in data:
        got = type(data).__name__ if not isinstance(data, dict) else "an object without 'Dagsordenpunkter'"
        raise InputError(f"{path}: not a FirstAgenda agenda (expected an object with 'Dagsordenpunkter', got {got})")
    committee_obj = _obj(data, "Udvalg", path)
    meeting_obj = _obj(data, "Moede", path)
    committee = str(committee_obj.get("Navn") or "").strip().lstrip(".").strip()
    if not committee:
        raise InputError(f"{path}: FirstAgenda agenda without a committee name (Udvalg.Navn)")
    date, time = _date_time(meeting_obj.get("Dato") or meeting_obj.get("MeetingBeginUtc"), path)
    raw_items = data["Dagsordenpunkter"]
    if not isinstance(raw_items, list) or not all(isinstance(i, dict) for i in raw_items):
        raise InputError(f"{path}: FirstAgenda 'Dagsordenpunkter' is not a list of items")
    if not raw_items:
        raise ParseError(f"{path}: FirstAgenda agenda has no agenda items (Dagsordenpunkter is empty)")

    items = tuple(_unique_numbers(_item(i, pos, path) for pos, i in enumerate(raw_items, 1)))
    participants: list[Person] = []
    absent: list[Person] = []
    for p in _dicts(meeting_obj.get("Moededeltagere")):
        person = _person(str(p.get("Name") or ""))
        if person is None:
            continue
        participants.append(person)
        if p.get("Absent") or p.get("ParticipationCancelled"):
            absent.append(person)
    agenda_id = str(data.get("Id") or "").strip()
    return Meeting(
        committee=committee,
        date=date,
        items=items,
        source=str(path),
        sha256=sha256,
        municipality=municipality or _municipality(raw_items),
        time=time,
        meeting_id=agenda_id if agenda_id and set(agenda_id) - set("0-") else None,
        location=str(meeting_obj.get("Sted") or "").strip() or None,
        participants=tuple(participants),
        absent=tuple(absent),
    )


def _dicts(value: Any) -> list[dict[str, Any]]:
    """The objects of a JSON list; anything else (null, a number) holds none."""
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _obj(data: dict[str, Any], key: str, path: Path) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise InputError(f"{path}: not a FirstAgenda agenda ('{key}' is missing or not an object)")
    return value


def _date_time(value: Any, path: Path) -> tuple[dt.date, str | None]:
    try:
        stamp = dt.datetime.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"{path}: FirstAgenda meeting date Moede.Dato is missing or not a date: {value!r}") from None
    time = stamp.strftime("%H:%M") if len(str(value)) > 10 else None
    return stamp.date(), time


def _item(obj: dict[str, Any], position: int, path: Path) -> AgendaItem:
    number = str(obj.get("Punktnummer") or obj.get("Number") or position).strip()
    title = _clean(str(obj.get("Navn") or obj.get("Caption") or ""))
    closed = bool(_LUKKET.match(title))
    if closed:
        title = _LUKKET.sub("", title)
    if not title:
        title = "Lukket punkt" if closed else f"Punkt {number}"
    html = "".join(str(f.get("Html") or "") for f in _dicts(obj.get("Felter")))
    sections = sections_from_html(html, closed=closed)
    decisions = [s.text for s in sections if s.kind == "beslutning"]
    decision = "\n\n".join(decisions) if decisions else None
    return AgendaItem(
        number=number,
        title=title,
        open=not closed,
        case_id=str(obj.get("SagsNummer") or obj.get("CaseNumber") or "").strip() or None,
        responsible=_responsible(sections),
        authority=_first_text(sections, "sagsprocedure"),
        sections=sections,
        decision=decision,
        absent=absences_in(decision) if decision else (),
        attachments=tuple(_attachments(obj.get("Bilag"))),
        pages=(1, 1),
        url=_url(obj),
    )


def _url(obj: dict[str, Any]) -> str | None:
    for f in _dicts(obj.get("Felter")):
        link = str(f.get("Link") or "").strip()
        if link.startswith(("https://", "http://")):
            return link
    return None


def _first_text(sections: Iterable[Section], heading: str) -> str | None:
    for s in sections:
        if _heading_key(s.heading) == heading:
            return s.text.splitlines()[0].rstrip(" .") or None
    return None


def _responsible(sections: Iterable[Section]) -> str | None:
    for s in sections:
        if s.kind != "indstilling":
            continue
        m = _RESPONSIBLE.match(s.text)
        if m and ("center" in m.group("unit").lower() or m.group("unit") == "Direktionen"):
            return m.group("unit").rstrip(",")
        return None
    return None


def _attachments(bilag: Any) -> Iterator[Attachment]:
    if not isinstance(bilag, list):
        return
    ordered = sorted((b for b in bilag if isinstance(b, dict)), key=lambda b: _order(b.get("Order")))
    for b in ordered:
        title = _clean(str(b.get("Navn") or ""))
        doc = str(b.get("Id") or "").strip() or None
        if title or doc:
            yield Attachment(title or (doc or ""), doc)


def _order(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _unique_numbers(items: Iterable[AgendaItem]) -> Iterator[AgendaItem]:
    """Keep the vendor's number; a repeat becomes "5 (2)" (never seen in Greve, but allowed)."""
    seen: dict[str, int] = {}
    taken: set[str] = set()
    for item in items:
        n = item.number
        if n in taken:
            k = seen.get(n, 1) + 1
            while f"{n} ({k})" in taken:
                k += 1
            seen[n] = k
            n = f"{n} ({k})"
            item = AgendaItem(**{**item.__dict__, "number": n})
        taken.add(n)
        yield item


def _municipality(raw_items: list[dict[str, Any]]) -> str | None:
    for obj in raw_items:
        for f in _dicts(obj.get("Felter")):
            m = _HOST.match(str(f.get("Link") or ""))
            if m:
                return m.group("host").capitalize()
    return None


__all__ = ["absences_in", "html_blocks", "parse_firstagenda", "sections_from_html"]
