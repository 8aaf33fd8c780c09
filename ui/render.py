"""Records -> what the web app shows: chat markdown, the item card, the case timeline.

Pure functions of our own records (``Answer``, ``Citation``, ``ItemRef``, ``AgendaItem``) to
strings, so they are easy to test and Gradio never sees a record. Every piece of document text
is HTML-escaped before it is shown; only our own tags (``<mark>`` around quoted sentences,
headings, links to ``/kilde/<sha256>``) are added.

Out of scope: looking things up in the store (``ui.source_view``, ``ui.case_view``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from assistant.records import Answer, Citation, ThreadStep
from ingest.records import AgendaItem, Vote
from ingest.votes import read_votes
from ui import texts
from vectorstore.records import ItemRef

SOURCE_ROUTE = "/kilde"


def source_url(ref: ItemRef, page: int | None = None) -> str:
    """The app's link to the ingested source of ``ref``, opened at ``page`` (PDF viewers honour
    ``#page=N``; for text sources the fragment is harmless)."""
    url = f"{SOURCE_ROUTE}/{ref.source_sha256}"
    return f"{url}#page={page}" if page else url


def citation_label(c: Citation) -> str:
    """``[1] Punkt 5 · sag EMN-2024-00966 · Frederikshavnerordningen``: the clickable source."""
    case = f" · sag {c.ref.case_id}" if c.ref.case_id else ""
    return f"[{c.marker}] Punkt {c.ref.item_number}{case} · {c.ref.title}"


def answer_markdown(answer: Answer) -> str:
    """The chat message: the answer text, the case's course when the answer follows a case
    (``thread_markdown``), then the numbered sources with links."""
    parts = [answer.text.strip()]
    if answer.thread:
        parts.append(thread_markdown(answer.thread))
    if answer.citations:
        lines = [f"**{texts.SOURCES_HEADING}**"]
        for c in answer.citations:
            r = c.ref
            where = f"{r.committee}, {texts.danish_date(r.meeting_date)}"
            if r.municipality:
                where = f"{r.municipality}, {where}"
            link = f"[{texts.PAGE} {r.pages[0]}]({source_url(r, r.pages[0])})"
            lines.append(f"{_md_escape(citation_label(c))} — {_md_escape(where)} ({link})")
        parts.append("\n".join(lines))
    return "\n\n".join(p for p in parts if p)


def thread_markdown(steps: Sequence[ThreadStep]) -> str:
    """A compact timeline of the case, oldest first: date, body, punkt, what it did, and the
    step's source ([n] is its source below; the link opens the document at the item's page).

    >>> print(thread_markdown([]))
    <BLANKLINE>
    """
    if not steps:
        return ""
    lines = [f"**{texts.THREAD_HEADING}**"]
    for s in steps:
        where = s.ref or s.printed_in
        parts = [texts.danish_date(s.date), _md_escape(s.committee)]
        if s.item_number:
            parts.append(f"punkt {_md_escape(s.item_number)}")
        parts.append(texts.STEP_STATUS.get(s.status, s.status))
        line = " · ".join(parts)
        if s.ref is None:
            line += f" ({texts.PRINTED_IN})"
        if s.marker:
            line += f" \\[{s.marker}\\]"
        if where is not None:
            line += f" ([{texts.PAGE} {where.pages[0]}]({source_url(where, where.pages[0])}))"
        lines.append(f"- {line}")
    return "\n".join(lines)


def votes_text(votes: Sequence[Vote]) -> str:
    """ "17 for, 2 imod · For: (V), (A) · Imod: (F), (Ø) · Undlod: (C)" per vote, joined by "; "."""
    out = []
    for v in votes:
        parts = [f"punkt {v.point}"] if v.point else []
        counts = [f"{n} {w}" for n, w in ((v.count_for, "for"), (v.count_against, "imod")) if n is not None]
        if counts:
            parts.append(", ".join(counts))
        for label, who in (
            ("For", v.in_favour),
            ("Imod", v.against),
            ("Undlod", v.abstained),
            ("Forbehold", v.reservations),
        ):
            if who:
                parts.append(f"{label}: " + ", ".join(map(str, who)))
        out.append(" · ".join(parts))
    return "; ".join(out)


def _md_escape(s: str) -> str:
    # Brackets and emphasis characters in titles would otherwise become markdown.
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", s)


# ---------------------------------------------------------------------------------------------
# Quote highlighting

_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+|\s*(?:…|\.\.\.)\s*|\n+")


def _pieces(quote: str) -> list[str]:
    """The parts of a quote worth finding in the text: the whole, or its sentences when the
    answer joined or trimmed them ("…")."""
    quote = quote.strip().strip('"“”„')
    if not quote:
        return []
    pieces = [p.strip() for p in _SENTENCE_END.split(quote) if p and p.strip()]
    # subtle: a two-word fragment such as "Godkendt." would light up everywhere; only the
    # whole quote may be that short.
    return [quote] + [p for p in pieces if p != quote and len(p) >= 12]


def quote_spans(text: str, quotes: Iterable[str]) -> list[tuple[int, int]]:
    """Character spans of ``text`` that the quotes were taken from, merged and sorted.

    Whitespace may differ (a quote on one line, the text broken over two).

    >>> quote_spans("Sagen.\\nUdvalget  godkendte det.", ["Udvalget godkendte det."])
    [(7, 30)]
    """
    spans: list[tuple[int, int]] = []
    for quote in quotes:
        for piece in _pieces(quote):
            pattern = r"\s+".join(re.escape(w) for w in piece.split())
            found = [(m.start(), m.end()) for m in re.finditer(pattern, text)]
            spans.extend(found)
            if found and piece == quote.strip().strip('"“”„'):
                break  # the whole quote was found; its sentences add nothing
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


_ENDS_SENTENCE = re.compile(r"[.!?:;]$")
_STARTS_LOWER = re.compile(r"^[a-zæøå0-9(\"“]")
_BULLET = re.compile(r"^\s*(?:[-•*·–]|\d+[.)])\s")


def reflow(text: str) -> str:
    """Join lines that the PDF broke mid-sentence ("ansættelse i\nvarige stillinger"), keeping
    paragraphs, list items, and lines that end a sentence. A break is soft when the next line
    starts in lower case, or when the line is long (a wrapped line) and ends mid-sentence."""
    lines = text.split("\n")
    out = [lines[0]] if lines else []
    for line in lines[1:]:
        prev = out[-1].rstrip()
        soft = (
            prev
            and line.strip()
            and not _ENDS_SENTENCE.search(prev)
            and not _BULLET.match(line)
            and (_STARTS_LOWER.match(line.lstrip()) or len(prev) >= 60)
        )
        if soft:
            out[-1] = prev + " " + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out)


def highlight(text: str, quotes: Iterable[str]) -> str:
    """``text`` (reflowed) as escaped HTML with the quoted parts inside ``<mark>``."""
    text = reflow(text)
    out: list[str] = []
    pos = 0
    for start, end in quote_spans(text, quotes):
        out.append(html.escape(text[pos:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# The item card


def _pages(pages: tuple[int, int]) -> str:
    first, last = pages
    return str(first) if first == last else f"{first}–{last}"


def item_card(ref: ItemRef, item: AgendaItem, quotes: Sequence[str] = ()) -> str:
    """The whole item as HTML: title, where and when, the decision, the full text with the
    quoted sentences marked, and a link to the source document at the item's first page."""
    e = html.escape
    rows = [
        (texts.FIELD_ITEM, e(item.number)),
        (texts.FIELD_CASE, f'<span class="referat-case">{e(item.case_id)}</span>' if item.case_id else "–"),
        (texts.FIELD_COMMITTEE, e(ref.committee)),
        (texts.FIELD_DATE, e(texts.danish_date(ref.meeting_date))),
    ]
    if ref.municipality:
        rows.append((texts.FIELD_MUNICIPALITY, e(ref.municipality)))
    rows.append((texts.FIELD_PAGES, e(_pages(item.pages))))
    if not item.open:
        rows.append((texts.FIELD_CLOSED, "ja"))
    meta = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    decision = (
        f'<div class="referat-decision-text">{highlight(item.decision, quotes)}</div>'
        if item.decision
        else f"<p><em>{texts.NO_DECISION}</em></p>"
    )
    sections = []
    for s in item.sections:
        heading = f"<h5>{e(s.heading)}</h5>" if s.heading else ""
        sections.append(
            f'<section class="referat-section">{heading}<div class="referat-body">{highlight(s.text, quotes)}</div></section>'
        )
    body = "".join(sections) or f'<div class="referat-body">{highlight(item.text, quotes)}</div>'
    link = source_url(ref, item.pages[0])
    note = f'<p class="referat-note">{texts.QUOTE_NOTE}</p>' if quotes else ""
    return (
        '<article class="referat-item">'
        f"<h3>Punkt {e(item.number)}: {e(item.title)}</h3>"
        f'<dl class="referat-meta">{meta}</dl>'
        f'<p><a class="referat-source-link" href="{e(link)}" target="_blank" rel="noopener">'
        f"{e(texts.OPEN_SOURCE_PAGE.format(page=item.pages[0]))}</a></p>"
        f'<div class="referat-decision"><h4>{texts.DECISION_HEADING}</h4>{decision}</div>'
        f'<h4>{texts.FULL_TEXT_HEADING}</h4>{note}<div class="referat-fulltext">{body}</div>'
        "</article>"
    )


def message_html(message: str) -> str:
    return f'<p class="referat-message">{html.escape(message)}</p>'


# ---------------------------------------------------------------------------------------------
# The case timeline


def case_timeline(case_id: str, entries: Sequence[tuple[ItemRef, AgendaItem | None]]) -> str:
    """Every meeting that treated the case, oldest first, each with its decision."""
    e = html.escape
    if not entries:
        return message_html(texts.CASE_NONE.format(case_id=case_id))
    rows = []
    for ref, item in entries:
        decision = item.decision if item and item.decision else None
        decision_html = (
            f'<div class="referat-decision-text">{e(decision)}</div>'
            if decision
            else f"<p><em>{texts.NO_DECISION}</em></p>"
        )
        votes = (item.votes or read_votes(item.decision)) if item else ()
        if votes:
            decision_html += (
                f'<p class="referat-votes"><strong>{texts.VOTES_LABEL}:</strong> {e(votes_text(votes))}</p>'
            )
        for past in item.history if item else ():
            decision_html += (
                f'<p class="referat-history">{e(texts.danish_date(past.date))} · {e(past.body)}: {e(past.text)}</p>'
            )
        where = f"{e(ref.committee)}" + (f" · {e(ref.municipality)}" if ref.municipality else "")
        rows.append(
            '<li class="referat-timeline-entry">'
            f'<div class="referat-timeline-date">{e(texts.danish_date(ref.meeting_date))}</div>'
            f'<div class="referat-timeline-body"><strong>{where}</strong> – punkt {e(ref.item_number)}: {e(ref.title)}'
            f' · <a href="{e(source_url(ref, ref.pages[0]))}" target="_blank" rel="noopener">'
            f"{texts.PAGE} {ref.pages[0]}</a>"
            f"{decision_html}</div></li>"
        )
    heading = texts.CASE_HEADING.format(case_id=e(case_id), n=len(entries))
    return f'<div class="referat-timeline"><h3>{heading}</h3><ol>{"".join(rows)}</ol></div>'
