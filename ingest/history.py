"""A case's earlier treatments printed inside one item -> ``HistoryStep`` records.

Two shapes are read, both as the parser already split them into sections:

- **dated decisions**, one section per treatment, headed "Beslutning i Økonomiudvalget den
  10-04-2024", "Beslutning fra Byrådet d. 17.04.2024" or "Økonomiudvalgets beslutning den
  10. april 2024" (the eDoc style; Ballerup prints one per item, others print the whole
  course). The one dated on the document's own meeting is the item's ``decision``; the others
  are history. Undated decision sections ("Beslutning") are the current decision too.
- **a course list** (*sagsforløb*, Aarhus): a section headed "Sagsforløb" (or "Sagens
  forløb", "Tidligere behandling", "Historik") holding entries
  ``Udvalg: <body> / Dato: DD-MM-YYYY / Punktnummer: N / <what was decided>``.

A step dated on the document's own meeting is never history. Steps come oldest first.

Out of scope: history told in prose ("Sagen blev behandlet i Økonomiudvalget den ...") and
the same case at other meetings of the store (the assistant threads those, ``assistant.threads``).

>>> from ingest.records import AgendaItem, Section
>>> item = AgendaItem("7", "Mosede Klimapark", sections=(
...     Section("Beslutning i Økonomiudvalget den 10-04-2024", "beslutning", "Anbefales."),
...     Section("Beslutning i Byrådet den 17-04-2024", "beslutning", "Godkendt."),), decision="...")
>>> got = with_history(item, dt.date(2024, 4, 17))
>>> got.decision, [(h.date.isoformat(), h.body, h.text) for h in got.history]
('Godkendt.', [('2024-04-10', 'Økonomiudvalget', 'Anbefales.')])
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from ingest.dates import find_date
from ingest.records import AgendaItem, HistoryStep, Section

_DATED_DECISION = re.compile(
    r"^(?:beslutning(?:er)?\s+(?:i|fra|på)\s+(?P<body1>.+?)|(?P<body2>.+?)s\s+beslutning(?:er)?)"
    r"\s*(?:,\s*)?(?:den|d\.)\s+(?P<date>.+)$",
    re.I,
)
_COURSE_HEADING = re.compile(r"^(?:sags?forløb|sagens\s+forløb|tidligere\s+behandling\w*|historik)\b", re.I)
_COURSE_ENTRY = re.compile(
    r"(?:^|\s)Udvalg:\s*(?P<body>[^\n]+?)\s*(?:\n|\s)Dato:\s*(?P<date>[\d.\-/]+)"
    r"(?:\s*(?:\n|\s)Punkt(?:nummer|\s*nr\.?)?:\s*(?P<nr>[\w.]+))?\s*(?P<text>.*?)(?=(?:\n|\s)Udvalg:|\Z)",
    re.S,
)
_TRAILING_ITEM = re.compile(r"\s+(?:punkt|pkt\.?)\s*\d+\s*$", re.I)


def dated_heading(heading: str) -> tuple[str, dt.date] | None:
    """(body, date) of a dated decision heading, or None.

    >>> dated_heading("Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 1")
    ('Sundheds- og Forebyggelsesudvalget', datetime.date(2012, 12, 4))
    >>> dated_heading("Beslutning i Klima-, Teknik- og Miljøudvalget den 14-03-2024")
    ('Klima-, Teknik- og Miljøudvalget', datetime.date(2024, 3, 14))
    """
    h = _TRAILING_ITEM.sub("", heading.strip().rstrip(":").strip())
    m = _DATED_DECISION.match(h)
    if not m:
        return None
    date = find_date(m.group("date"))
    if date is None:
        return None
    # "Økonomiudvalgets beslutning": the pattern leaves the genitive "s" outside the body.
    body = (m.group("body1") or m.group("body2") or "").strip()
    return (body, date) if body else None


def course_steps(text: str) -> list[HistoryStep]:
    """The entries of a *sagsforløb* list ("Udvalg: ... / Dato: ... / Punktnummer: ... / text").

    >>> [(s.body, s.date.isoformat(), s.item_number) for s in course_steps(
    ...     "Udvalg: Aarhus Byråd\\nDato: 26-03-2025\\nPunktnummer: 21\\nSagens behandling blev udsat.")]
    [('Aarhus Byråd', '2025-03-26', '21')]
    """
    steps: list[HistoryStep] = []
    for m in _COURSE_ENTRY.finditer(text):
        date = find_date(m.group("date"))
        body = m.group("body").strip()
        if date is None or not body:
            continue
        steps.append(HistoryStep(date, body, m.group("text").strip(), m.group("nr")))
    return steps


def with_history(item: AgendaItem, meeting_date: dt.date) -> AgendaItem:
    """``item`` with ``history`` read from its sections (see the module docstring), and, when
    it prints dated decisions of other meetings, ``decision`` = only the current one(s)."""
    if item.history:
        return item  # already read (parsing is idempotent)
    steps: list[HistoryStep] = []
    current: list[Section] = []
    dated_elsewhere = False
    earlier_absence: list[str] = []  # "Afbud" lines printed under another meeting's decision
    absence_here: list[str] = []
    previous_elsewhere = False
    for s in item.sections:
        if s.kind == "beslutning":
            got = dated_heading(s.heading) if s.heading else None
            previous_elsewhere = got is not None and got[1] != meeting_date
            if not previous_elsewhere:
                current.append(s)
            elif s.text.strip():
                steps.append(HistoryStep(got[1], got[0], s.text.strip()))  # type: ignore[index]
                dated_elsewhere = True
            continue
        if s.heading == "Afbud":
            (earlier_absence if previous_elsewhere else absence_here).append(s.text)
            continue
        previous_elsewhere = False
        if _COURSE_HEADING.match(s.heading.strip()):
            steps.extend(st for st in course_steps(s.text) if st.date != meeting_date)
    if not steps:
        return item
    # subtle: a member with "Afbud" at an earlier treatment was not absent from this meeting.
    absent = tuple(
        p
        for p in item.absent
        if not (any(p.name in t for t in earlier_absence) and not any(p.name in t for t in absence_here))
    )
    decision = item.decision
    if dated_elsewhere:
        texts = [s for s in current if s.text.strip()]
        if not texts:
            decision = None
        elif len(texts) == 1:
            decision = texts[0].text
        else:
            decision = "\n\n".join(f"{s.heading}\n{s.text}" if s.heading else s.text for s in texts)
    unique = list(dict.fromkeys(sorted(steps, key=lambda st: st.date)))
    return replace(item, history=tuple(unique), decision=decision, absent=absent)


__all__ = ["course_steps", "dated_heading", "with_history"]
