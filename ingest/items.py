"""The line engine: clean lines + a ``Layout`` -> agenda items.

1. Every line that matches one of the layout's item-heading rules is a candidate. A candidate
   earns evidence from what follows it within a few lines: a case id, an item field
   (Ansvarligt center, Beslutningskompetence, Dok.nr.) or a section heading.
2. The items are the best chain of candidates whose numbers strictly increase (weights from
   the evidence; weak rules such as "3. Title" need evidence at all). subtle: this is what
   skips a table of contents ("1. Meddelelser 3" has nothing under it) and the numbered
   lists inside items ("1. Godkendt", "2. Godkendt" under item 4 cannot follow item 4).
3. Each item's lines are read top-down: title continuation, fields, section headings, the
   Bilag list, and absence lines ("Afbud fra ...") which leave the decision text and become
   ``AgendaItem.absent`` plus a section headed "Afbud" (kind ``other``), so "hvem havde
   afbud" stays answerable from the text.

Out of scope: meeting-level header fields (``ingest.header``) and reading files.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.caseids import CASE_ID, is_bare_case_id, labelled_case_id
from ingest.layouts.base import CORE_SECTION_HEADINGS, Layout
from ingest.people import parse_people
from ingest.records import SECTION_BREAK, AgendaItem, Attachment, Line, Person, Section
from ingest.sections import classify_heading
from ingest.style import body_style, emphasis

_WINDOW = 40
_CORE_RX = re.compile(r"^(?:" + "|".join(f"(?:{h})" for h in CORE_SECTION_HEADINGS) + r")\s*:?", re.I)
_TOC_TAIL = re.compile(r"(?:\s*\.{3,}|\s{2,}|…+)\s*\d{1,3}$")
_CLOSED_PREFIX = re.compile(r"^(?:lukket|fortrolig)(?:\s+punkt)?\s*[:.–-]\s*", re.I)
_CLOSED_SUFFIX = re.compile(r"\s*\((?:lukket|fortrolig)(?:\s+punkt)?\)$", re.I)
_OPEN_PREFIX = re.compile(r"^(?:åben|åbent)(?:\s+punkt)?\s*[:.–-]\s*", re.I)
_SUBITEM = re.compile(r"^[a-zæøå][.)]\s+\S")
# "Godkendelse af lokalplan 45 (2023-0123456)", "Budget 2025 - sag 24/12345"
_TITLE_CASE_ID = re.compile(
    r"(?:\s*[(\[]\s*(?:sags?\s*(?:nr\.?|id)\s*:?\s*)?(" + CASE_ID.pattern + r")\s*[)\]]"
    r"|\s+[-–]\s+(?:sag(?:snr\.?)?\s*:?\s*)?(" + CASE_ID.pattern + r"))$",
    re.I,
)
_MEETING_END = re.compile(
    r"^(?:mødet\s+(?:blev\s+)?(?:hævet|afsluttet|sluttede|slut)|underskrifter|underskriftsblad|underskriftsside)",
    re.I,
)
# "Liv Gro Jensen var forhindret i at deltage i udvalgets behandling af sagen." (in a decision)
_ABSENT_SENTENCE = re.compile(
    r"^(?P<names>[A-ZÆØÅ][^.]{2,200}?)\s+(?:var\s+(?:forhindret|fraværende|ikke til stede)|deltog\s+ikke|havde\s+(?:meldt\s+)?"
    r"(?:afbud|forfald)|meldte\s+afbud)\b"
)
_PUNCT_ONLY = re.compile(r"^[\s.\-–—_•*]*$")


@dataclass(frozen=True)
class Candidate:
    """A line that may be an item heading."""

    index: int
    number: str
    key: tuple[int, ...]
    title: str
    status: str | None
    weight: float
    skip: int = 0  # lines after the heading line that hold its title ("Punkt 5" / "Title")


def _evidence(lines: Sequence[Line], start: int, end: int, layout: Layout, near: int | None = None) -> float:
    """How strongly the lines after a heading say "this is an agenda item" (0 = not at all).

    A case id counts most, then item fields and core section headings; evidence right under
    the heading (within three lines) earns a bonus, which is what separates a real item from
    a numbered list line inside an item body that happens to precede a "Beslutning"."""
    score, first = 0.0, None
    for k in range(start, min(end, start + _WINDOW, len(lines))):
        t = lines[k].text
        found = 0.0
        if labelled_case_id(t) or (k - start < 3 and is_bare_case_id(t)):
            found = 3.0
        elif layout.responsible.match(t) or layout.authority.match(t) or layout.ignored_fields.match(t):
            found = 2.0
        elif (sh := layout.section_heading(t)) is not None:
            found = 2.0 if _CORE_RX.match(sh[0]) or layout.decision_heading.match(t) else 1.0
        if found and first is None:
            first = k - start
        score = max(score, found)
    if first is None or (near is not None and first >= near):
        return 0.0
    if first < 3:
        score += 0.5
    return score


def _title_ok(title: str, strong: bool) -> bool:
    if not re.search(r"[A-Za-zÆØÅæøå]{2}", title) or len(title) > 300:
        return False
    if strong:
        return True
    first = title.lstrip("\"'«»„“”")[:1]
    return first.isupper() or first.isdigit() or first == "§"


# A number alone on its line with the title on the next: "Punkt 5" / "Godkendelse af ...", "5." / "...".
_NUMBER_ALONE = re.compile(
    r"^(?:(?P<word>punkt|pkt\.?|dagsordens?punkt)\s*(?:nr\.?\s*)?(?P<n1>\d{1,4}(?:\.\d{1,3})*)\s*[:.]?|(?P<n2>\d{1,4})\.?)$",
    re.I,
)


def _split_heading(lines: Sequence[Line], i: int, layout: Layout) -> tuple[str, str, bool] | None:
    """(number, title, strong) for a number-only line followed by a title line."""
    m = _NUMBER_ALONE.match(lines[i].text.strip())
    if not m or i + 1 >= len(lines):
        return None
    title = lines[i + 1].text.strip()
    if _is_anchor(title, layout) or _NUMBER_ALONE.match(title) or not _title_ok(title, strong=False):
        return None
    return m.group("n1") or m.group("n2"), title, bool(m.group("word"))


_NEAR = 10  # a weak heading's evidence must start within this many lines


def _window_end(raw: list, idx: list[int], keys: list[tuple[int, ...]], n: int, default: int) -> int:
    """Where the evidence window of candidate ``n`` ends: at the next candidate line. subtle: a numbered list that restarts at 1 right under the heading
    ("1. Meddelelser" / "1. Status ..." / "2. Ny cykelsti ...") is read through."""
    nested = False
    for k in range(n + 1, len(raw)):
        if raw[k][4]:  # a strong heading always ends the window
            return raw[k][0]
        if keys[k] == (1,) and (k == n + 1 or raw[k][0] - idx[k - 1] <= 2):
            nested = True
            continue
        if nested and raw[k][0] - idx[k - 1] <= 2:
            continue
        return raw[k][0]
    return default


_TOC_HEADING = re.compile(r"^(?:indholdsfortegnelse|indhold|dagsordensoversigt|oversigt over punkter)\s*:?$", re.I)
_TOC_ENTRY = re.compile(r"^(?:(?:punkt|pkt\.?)\s*)?\d{1,4}(?:\.\d{1,3})*[.:)]?\s+\S", re.I)
_PAGE_REF = re.compile(r"(?:\s|\.{2,}|…)\s*\d{1,3}$")


def table_of_contents(lines: Sequence[Line]) -> set[int]:
    """Indices of the lines of a table of contents ("Indholdsfortegnelse" and its entries).

    The entries are the run of lines under the heading that end with a page number
    ("1. Meddelelser 3", "Punkt 2. Budget ....... 4"), with the wrapped first halves of long
    entries and short group labels ("Åbent referat") between them. subtle: a TOC entry repeats
    an item heading word for word, and with a single item nothing else tells them apart; the
    run stops at a line printed with more emphasis than the entries (the first item heading).
    """
    toc: set[int] = set()
    body = body_style(lines)
    for i, line in enumerate(lines):
        if not _TOC_HEADING.match(line.text.strip()):
            continue
        toc.add(i)
        entry_emphasis = None
        k = i + 1
        while k < len(lines):
            t = lines[k].text.strip()
            nxt = lines[k + 1].text.strip() if k + 1 < len(lines) else ""
            is_entry = bool(_PAGE_REF.search(t)) and (bool(_TOC_ENTRY.match(t)) or k - 1 in toc)
            wrapped = bool(_TOC_ENTRY.match(t)) and bool(_PAGE_REF.search(nxt)) and not _TOC_ENTRY.match(nxt)
            label = len(t) <= 40 and not re.search(r"\d", t) and bool(_TOC_ENTRY.match(nxt) and _PAGE_REF.search(nxt))
            if not (is_entry or wrapped or label):
                break
            e = emphasis(lines[k], body)
            if entry_emphasis is None and (is_entry or wrapped):
                entry_emphasis = e
            elif entry_emphasis is not None and e > entry_emphasis:
                break  # the first item heading, printed larger than the entries
            toc.add(k)
            k += 1
    return toc


def find_candidates(lines: Sequence[Line], layout: Layout) -> list[Candidate]:
    # (line index, number, title, status, strong, title lines after the heading line, rule id)
    raw: list[tuple[int, str, str, str | None, bool, int, int]] = []
    toc = table_of_contents(lines)
    body = body_style(lines)
    for i, line in enumerate(lines):
        if i in toc or _TOC_TAIL.search(line.text) or (raw and raw[-1][5] and raw[-1][0] + raw[-1][5] >= i):
            continue  # a TOC line, or the title line of a number-alone heading just above
        for rule_id, rule in enumerate(layout.headings):
            m = rule.pattern.match(line.text)
            if m and _title_ok(m.group("title").strip(), rule.strong or bool(m.groupdict().get("status"))):
                title, status = m.group("title").strip(), m.groupdict().get("status")
                raw.append((i, m.group("num"), title, status, rule.strong, 0, rule_id))
                break
        else:
            if split := _split_heading(lines, i, layout):
                number, title, strong = split
                raw.append((i, number, title, None, strong, 1, -1 if strong else -2))
    # subtle: numbered lines that follow each other closely are a list or a table of contents
    # ("1. Meddelelser 3" / "2. Budget 4", or "1. Status ..." / "2. Ny cykelsti ..." inside an
    # item). They get a penalty, and they do not end the evidence window of the heading above.
    idx = [r[0] + r[5] for r in raw]
    listy = [
        (n + 1 < len(raw) and raw[n + 1][0] - idx[n] <= 2) or (n > 0 and raw[n][0] - idx[n - 1] <= 2)
        for n in range(len(raw))
    ]
    keys = [tuple(int(x) for x in r[1].split(".")) for r in raw]
    evidence = []
    # How each heading line is printed: vendors set item headings larger or bolder than the
    # body, whatever their wording (``ingest.style``); a number-alone heading counts its title.
    emph = [max(emphasis(lines[r[0]], body), emphasis(lines[r[0] + r[5]], body)) for r in raw]
    for n, (i, _number, title, status, _strong, skip, _rule) in enumerate(raw):
        ev = _evidence(lines, i + 1 + skip, _window_end(raw, idx, keys, n, len(lines)), layout, near=_NEAR)
        if status or _CLOSED_PREFIX.match(title) or _CLOSED_SUFFIX.search(title):
            ev = max(ev, 1.0)  # "4. Lukket: Personalesag": nobody writes that in a list
        if emph[n] and not title.endswith((".", ",", ";", ":")) and len(title) <= 160:
            ev = max(ev, 0.5 + 0.5 * emph[n])  # an emphasised heading is an item even without fields under it
        evidence.append(ev)
    # When the well-evidenced headings are emphasised, a heading printed as body text is a
    # numbered line inside an item.
    styled = [e for e, ev in zip(emph, evidence, strict=True) if ev >= 2]
    plain_is_list = body[0] > 0 and bool(styled) and sum(e > 0 for e in styled) >= 0.8 * len(styled)
    # One vendor, one heading style: the rule with the most well-evidenced headings is the
    # item heading; lines of other rules ("Punkt 1. Anbefales." inside a decision of minutes
    # whose items are "3. Title") must earn their place with evidence and weigh less.
    backed = Counter(r[6] for r, ev in zip(raw, evidence, strict=True) if ev >= 2) or Counter(r[6] for r in raw)
    dominant = min(backed, key=lambda rule_id: (-backed[rule_id], rule_id)) if backed else None
    of_dominant = [ev for r, ev in zip(raw, evidence, strict=True) if r[6] == dominant]
    mostly_backed = bool(of_dominant) and sum(ev >= 2 for ev in of_dominant) >= len(of_dominant) / 2
    out = []
    for n, (i, number, title, status, strong, skip, rule_id) in enumerate(raw):
        ev = evidence[n]
        foreign = rule_id != dominant
        strong = strong and not foreign
        if strong and ev == 0:
            ev = _evidence(lines, i + 1 + skip, _window_end(raw, idx, keys, n, len(lines)), layout)
        if not strong and ev == 0:
            continue
        if strong and ev == 0 and listy[n] and mostly_backed:
            continue  # "Punkt 4. Anbefales." in a list inside a decision, where real items have evidence
        weight = (2.0 if strong else 1.0) + ev - (1.0 if foreign else 0.0)
        if title.endswith((".", ",", ";")):
            weight -= 0.5  # a sentence in a numbered list rather than a title
        if not strong and listy[n]:
            weight -= 1.0
        if plain_is_list and not emph[n]:
            weight -= 1.5
        if strong and ev == 0 and re.search(r"\s\d{1,3}$", title):
            weight = 1.5  # "Punkt 3 Budget 7": likely a table-of-contents line with its page number
        out.append(Candidate(i, number, keys[n], title, status, weight, skip))
    return out


def choose_chain(cands: Sequence[Candidate]) -> list[Candidate]:
    """The heaviest subsequence of candidates (in line order) with strictly increasing numbers."""
    if not cands:
        return []
    best = [c.weight for c in cands]
    prev = [-1] * len(cands)
    for j, cj in enumerate(cands):
        for i in range(j):
            if cands[i].key < cj.key and best[i] + cj.weight > best[j]:
                best[j], prev[j] = best[i] + cj.weight, i
    j = max(range(len(cands)), key=lambda k: (best[k], -k))
    chain = []
    while j != -1:
        chain.append(cands[j])
        j = prev[j]
    return chain[::-1]


def split_items(lines: Sequence[Line], layout: Layout) -> tuple[list[Line], list[tuple[Candidate, list[Line]]]]:
    """(front matter, [(heading candidate, the item's lines)])."""
    chain = choose_chain(find_candidates(lines, layout))
    if not chain:
        return list(lines), []
    blocks = []
    for n, c in enumerate(chain):
        end = chain[n + 1].index if n + 1 < len(chain) else len(lines)
        if n + 1 == len(chain):
            # The last item ends where the meeting does ("Mødet hævet kl. 18.30", signatures).
            end = next((k for k in range(c.index + 1 + c.skip, end) if _MEETING_END.match(lines[k].text)), end)
        blocks.append((c, list(lines[c.index : end])))
    return list(lines[: chain[0].index]), blocks


# --- one item -------------------------------------------------------------------------------


def _is_anchor(text: str, layout: Layout) -> bool:
    return bool(
        text == SECTION_BREAK
        or labelled_case_id(text)
        or is_bare_case_id(text)
        or layout.responsible.match(text)
        or layout.authority.match(text)
        or layout.ignored_fields.match(text)
        or layout.section_heading(text)
    )


def _title_lines(block: Sequence[Line], layout: Layout) -> int:
    """How many lines after the heading continue the title (0-2)."""
    for k in range(1, min(4, len(block))):
        if _is_anchor(block[k].text, layout):
            # Continuations must look like a wrapped title, not like body text.
            if all(len(block[j].text) <= 120 and not block[j].text.endswith(".") for j in range(1, k)):
                return k - 1
            return 0
    if len(block) > 1 and re.search(r"(?:\s(?:og|om|for|til|i|af|på|med|vedr\.?|–|-)|[-,])$", block[0].text):
        return 1
    return 0


_ATTACH_ID = re.compile(
    r"\s*\((?:dokument\s*-?id|dok\.?\s*(?:nr|id)\.?|dokumentnr\.?|doc\.?\s*id)\s*:?\s*([\w./-]+?)(?:\s+-\s+[^)]*)?\)\s*$",
    re.I,
)
_ATTACH_EDOC = re.compile(r"^((?:19|20)\d{2}\s?[-–]\s?\d{3,})\s+[-–]\s+(.+)$")
_ATTACH_NUM = re.compile(r"^(?:bilag\s*)?\d{1,3}\s*[.):]\s*|^bilag\s+\d{1,3}\s*[:.–-]\s*", re.I)


def _attachment(text: str) -> tuple[Attachment | None, bool]:
    """(attachment, structured) for one line of a Bilag list; structured = numbered or with an id."""
    t = text.strip().lstrip("•-–* ").strip()
    if _PUNCT_ONLY.match(t) or re.fullmatch(r"(?:ingen|intet)(?: bilag)?\.?", t, re.I):
        return None, False
    doc_id = None
    structured = False
    if m := _ATTACH_ID.search(t):
        doc_id, t, structured = m.group(1), t[: m.start()].strip(), True
    elif m := _ATTACH_EDOC.match(t):
        doc_id, t, structured = re.sub(r"\s", "", m.group(1)).replace("–", "-"), m.group(2).strip(), True
    if m := _ATTACH_NUM.match(t):
        t, structured = t[m.end() :].strip(), True
    return (Attachment(t, doc_id) if t else None), structured


class _ItemReader:
    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.case_id: str | None = None
        self.responsible: str | None = None
        self.authority: str | None = None
        self.sections: list[list] = []  # [heading, kind, [lines]]
        self.attachments: list[Attachment] = []
        self.absent: list[Person] = []
        self.absence_text: list[tuple[int, str]] = []  # (insert position in sections, printed line)
        self.mode = "text"
        self.structured_bilag = False
        self.last_was_absence_header = False

    def _add_text(self, text: str) -> None:
        if _PUNCT_ONLY.match(text):
            return
        if not self.sections:
            self.sections.append(["", "other", []])
        self.sections[-1][2].append(text)

    def _absence(self, text: str) -> bool:
        in_decision = bool(self.sections) and self.sections[-1][1] == "beslutning"
        if in_decision and (s := _ABSENT_SENTENCE.match(text)):
            people = parse_people(s.group("names"))
            if people:
                self.absent.extend(people)
                self.absence_text.append((len(self.sections), text))
                return True
        m = self.layout.absence.match(text)
        if m:
            rest = text[m.end() :].strip()
            people = parse_people(rest) if rest else ()
            if rest and not people:
                return False
            self.absent.extend(people)
            if people:
                self.absence_text.append((len(self.sections), text))
            self.last_was_absence_header = not rest
            return True
        if self.last_was_absence_header:
            people = parse_people(text)
            if people and len(text) < 120:
                self.absent.extend(people)
                self.absence_text.append((len(self.sections), text))
                return True
        self.last_was_absence_header = False
        return False

    def feed(self, position: int, text: str) -> None:
        layout = self.layout
        if text == SECTION_BREAK:
            self.mode = "text"
            self.sections.append(["", "other", []])
            return
        if self.mode == "bilag":
            heading = layout.section_heading(text)
            is_field = bool(layout.authority.match(text) or layout.responsible.match(text))
            if layout.bilag_to_end or not (heading or is_field or _SUBITEM.match(text)):
                if heading and heading[0].lower() == "bilag":
                    return
                att, structured = _attachment(text)
                if att is None:
                    return
                continuation = self.attachments and (
                    (self.structured_bilag and not structured) or (not structured and att.title[:1].islower())
                )
                if continuation:
                    prev = self.attachments[-1]
                    self.attachments[-1] = Attachment(f"{prev.title} {att.title}".strip(), prev.document_id)
                else:
                    if not self.attachments:
                        self.structured_bilag = structured
                    self.attachments.append(att)
                return
            self.mode = "text"
        if self.mode == "authority":
            self.mode = "text"
            if not layout.section_heading(text):
                self.authority = text.strip()
                return
        if self.case_id is None and (cid := labelled_case_id(text)):
            self.case_id = cid
            return
        if self.case_id is None and layout.bare_case_id and position < 3 and is_bare_case_id(text):
            self.case_id = text.strip()
            return
        if self.responsible is None and (m := layout.responsible.match(text)):
            self.responsible = m.group(1).strip()
            return
        if self.authority is None and (m := layout.authority.match(text)):
            if m.group(1).strip():
                self.authority = m.group(1).strip()
            else:
                self.mode = "authority"
            return
        if layout.ignored_fields.match(text):
            return
        if heading := layout.section_heading(text):
            title, inline = heading
            if re.fullmatch(r"bilag(?:\s*\(\d+\))?", title, re.I):
                self.mode = "bilag"
                return
            self.sections.append([title, classify_heading(title), []])
            self.last_was_absence_header = False
            if inline:
                self._add_text(inline)
            return
        if self._absence(text):
            return
        self._add_text(text)

    def sections_out(self, closed: bool) -> list[Section]:
        built: list[Section] = []
        inserts = {}
        for pos, text in self.absence_text:
            inserts.setdefault(pos, []).append(text)
        if 0 in inserts:
            built.append(Section("Afbud", "other", "\n".join(inserts.pop(0))))
        for n, (heading, kind, body) in enumerate(self.sections, start=1):
            text = "\n".join(body).strip()
            if text or kind == "beslutning":
                built.append(Section(heading, kind, text))
            if n in inserts:
                built.append(Section("Afbud", "other", "\n".join(inserts.pop(n))))
        for texts in inserts.values():
            built.append(Section("Afbud", "other", "\n".join(texts)))
        built = [s for s in built if s.text or s.kind != "beslutning"]
        if closed and not any(s.kind == "beslutning" for s in built):
            # A closed item publishes only its decision, without a heading.
            built = [Section(s.heading, "beslutning", s.text) if s.heading == "" else s for s in built]
        return built


def decision_text(sections: Sequence[Section]) -> str | None:
    """The decision section's text verbatim; several dated decisions keep their headings."""
    decisions = [s for s in sections if s.kind == "beslutning" and s.text]
    if not decisions:
        return None
    if len(decisions) == 1:
        return decisions[0].text
    return "\n\n".join(f"{s.heading}\n{s.text}" if s.heading else s.text for s in decisions)


def build_item(cand: Candidate, block: Sequence[Line], layout: Layout) -> AgendaItem:
    heading_page = block[0].page
    block = block[cand.skip :]
    n_title = _title_lines(block, layout)
    title = " ".join([cand.title, *(line.text.strip() for line in block[1 : 1 + n_title])])
    title = re.sub(r"\s+", " ", title).strip()
    closed = bool(cand.status and cand.status.lower().startswith(("lukket", "fortrolig")))
    if m := _CLOSED_PREFIX.match(title):
        title, closed = title[m.end() :], True
    elif m := _CLOSED_SUFFIX.search(title):
        title, closed = title[: m.start()], True
    elif m := _OPEN_PREFIX.match(title):
        title = title[m.end() :]
    reader = _ItemReader(layout)
    for position, line in enumerate(block[1 + n_title :]):
        reader.feed(position, line.text.strip())
    if reader.case_id is None and (m := _TITLE_CASE_ID.search(title)):
        # "Godkendelse af lokalplan 45 (2023-0123456)": some vendors print the case in the title.
        reader.case_id, title = m.group(1) or m.group(3), title[: m.start()].strip()
    sections = reader.sections_out(closed)
    pages = [heading_page] + [line.page for line in block]
    return AgendaItem(
        number=cand.number,
        title=title.strip() or cand.title,
        open=not closed,
        case_id=reader.case_id,
        responsible=reader.responsible,
        authority=reader.authority,
        sections=tuple(sections),
        decision=decision_text(sections),
        absent=tuple(dict.fromkeys(reader.absent)),
        attachments=tuple(reader.attachments),
        pages=(min(pages), max(pages)),
    )


def parse_items(lines: Sequence[Line], layout: Layout) -> tuple[list[Line], list[AgendaItem]]:
    """(front matter lines, the agenda items) of cleaned, furniture-free lines."""
    front, blocks = split_items(lines, layout)
    return front, [build_item(c, block, layout) for c, block in blocks]


__all__ = ["Candidate", "build_item", "choose_chain", "decision_text", "find_candidates", "parse_items", "split_items"]
