"""Wording a case thread: how a case ended, and the final decision beside an ordinary answer.

For an outcome question ("Hvad blev det endelige resultat af ...?", "Hvordan endte sagen om
...?") the answer starts from the *final* step (the last treatment that holds a decision: who
decided and when), quotes its decision as the grounded answer does, and lists the course
briefly, one line per step (date, body, punkt, what it decided), each with its citation
marker. When the last step is a recommendation, was forwarded, sent back, postponed or taken
off the agenda, the answer says the case is not finally decided in the minutes at hand.

For an ordinary decision question about a matter that moved between bodies, ``final_note``
adds one line: the final decision when it is another item than the one answered, or that the
case is still open.

Every quote is verbatim from the minutes; nothing else is stated as fact.
Out of scope: building threads (``assistant.threads``) and choosing items (the chain).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from assistant.dates import danish_date, english_date
from assistant.records import ThreadStep
from assistant.sentences import normalize_ws, sentences
from assistant.threads import OPEN, final_step, is_open

_STATUS = {
    False: {
        "decided": "besluttede",
        "noted": "tog sagen til efterretning",
        "recommended": "anbefalede",
        "forwarded": "sendte sagen videre",
        "sent_back": "sendte sagen tilbage",
        "postponed": "udsatte sagen",
        "withdrawn": "tog sagen af dagsordenen",
        "none": "ingen beslutning gengivet",
        "other": "behandlede sagen",
    },
    True: {
        "decided": "decided",
        "noted": "took note",
        "recommended": "recommended",
        "forwarded": "forwarded the case",
        "sent_back": "sent the case back",
        "postponed": "postponed the case",
        "withdrawn": "took the case off the agenda",
        "none": "no decision recorded",
        "other": "treated the case",
    },
}
_TEXT = {
    False: {
        "ended": "Sagen blev endeligt afgjort af {body} den {date} {marker}.",
        "open": "Sagen er ikke endeligt afgjort i de indlæste referater: seneste behandling er {body} den {date} {marker}, som {status}.",
        "open_after": "Seneste beslutning før det: {body} den {date} {marker}.",
        "course": "Forløb:",
        "final_note": "Endelig beslutning i sagen: {body} den {date} {marker}: {quote}",
        "final_recommendation": "Indstilling: {quote}",
        "open_note": "Sagen er ikke endeligt afgjort i de indlæste referater: seneste behandling er {body} den {date} {marker}, som {status}.",
        "item": "punkt",
        "printed": "(gengivet i punktet)",
    },
    True: {
        "ended": "The case was finally decided by {body} on {date} {marker}.",
        "open": "The case is not finally decided in the minutes at hand: its latest treatment is {body} on {date} {marker}, which {status}.",
        "open_after": "The latest decision before that: {body} on {date} {marker}.",
        "course": "Course of the case:",
        "final_note": "Final decision in the case: {body} on {date} {marker}: {quote}",
        "final_recommendation": "Recommendation: {quote}",
        "open_note": "The case is not finally decided in the minutes at hand: its latest treatment is {body} on {date} {marker}, which {status}.",
        "item": "item",
        "printed": "(as printed in the item)",
    },
}
MAX_QUOTE = 220


def _q(s: str) -> str:
    return f"\u201c{s}\u201d"


def _date(step: ThreadStep, english: bool) -> str:
    return english_date(step.date) if english else danish_date(step.date)


def _mark(step: ThreadStep) -> str:
    return f"[{step.marker}]" if step.marker else ""


def _short(decision: str | None) -> str | None:
    """The decision verbatim, or its first sentences up to ``MAX_QUOTE`` characters."""
    if not decision:
        return None
    text = normalize_ws(decision)
    if len(text) <= MAX_QUOTE:
        return text
    out = ""
    for s in sentences(decision):
        if out and len(out) + len(s) > MAX_QUOTE:
            break
        out = f"{out} {s}".strip()
    return out or text[:MAX_QUOTE].rsplit(" ", 1)[0]


def with_markers(steps: Sequence[ThreadStep], markers: Mapping[str, int]) -> tuple[ThreadStep, ...]:
    """Each step with the citation marker of its item (or of the item that prints it)."""
    out = []
    for s in steps:
        src = s.ref or s.printed_in
        out.append(replace(s, marker=markers.get(src.key) if src else None))
    return tuple(out)


def course_lines(steps: Sequence[ThreadStep], english: bool) -> list[str]:
    """One line per step: "- 6. februar 2025 · Klima-, Teknik- og Miljøudvalget · punkt 7 [2]: “1.-4. Anbefales.”"."""
    L = _TEXT[english]
    lines = []
    for s in steps:
        parts = [_date(s, english), s.committee]
        if s.item_number:
            parts.append(f"{L['item']} {s.item_number}")
        head = " · ".join(parts) + (f" {_mark(s)}" if s.marker else "")
        if s.ref is None:
            head += f" {L['printed']}"
        quote = _short(s.decision)
        lines.append(f"- {head}: {_q(quote)}" if quote else f"- {head}: {_STATUS[english]['none']}")
    return lines


def outcome_lead(steps: Sequence[ThreadStep], english: bool) -> str:
    """The first line of an outcome answer: who decided finally and when, or that it is open."""
    L = _TEXT[english]
    last = steps[-1]
    final = final_step(steps)
    if is_open(steps) or final is None:
        line = L["open"].format(
            body=last.committee, date=_date(last, english), marker=_mark(last), status=_STATUS[english][last.status]
        )
        if final is not None:
            line += " " + L["open_after"].format(body=final.committee, date=_date(final, english), marker=_mark(final))
        return line.replace(" .", ".").replace("  ", " ")
    return L["ended"].format(body=final.committee, date=_date(final, english), marker=_mark(final)).replace(" .", ".")


def outcome_text(steps: Sequence[ThreadStep], final_block: str, english: bool) -> str:
    """Lead line, the final item's block (as the grounded answer words an item), the course."""
    L = _TEXT[english]
    parts = [outcome_lead(steps, english), final_block]
    if len(steps) > 1:
        parts.append("\n".join([L["course"], *course_lines(steps, english)]))
    return "\n\n".join(p for p in parts if p)


def final_note(
    steps: Sequence[ThreadStep],
    answered_key: str,
    english: bool,
    recommendation: str | None = None,
    recommendation_cut: bool = False,
) -> str | None:
    """For an ordinary decision answer from item ``answered_key``: the final decision when it
    is a later item, or that the case is still open; None when there is nothing to add.
    ``recommendation``, the final item's Indstilling, follows a decision that only refers to
    it ("1.-2. Godkendt."); ``recommendation_cut``: it is the start of a longer Indstilling."""
    if len(steps) < 2:
        return None
    L = _TEXT[english]
    last = steps[-1]
    if last.status in OPEN:
        if last.ref is not None and last.ref.key == answered_key and last.status == "postponed":
            return None
        return (
            L["open_note"]
            .format(
                body=last.committee, date=_date(last, english), marker=_mark(last), status=_STATUS[english][last.status]
            )
            .replace("  ", " ")
        )
    final = final_step(steps)
    if final is None or (final.ref is not None and final.ref.key == answered_key):
        return None
    answered = next((s for s in steps if s.ref is not None and s.ref.key == answered_key), None)
    if answered is not None and final.date < answered.date:
        return None
    quote = _short(final.decision)
    note = (
        L["final_note"]
        .format(body=final.committee, date=_date(final, english), marker=_mark(final), quote=_q(quote) if quote else "")
        .replace("  ", " ")
    )
    if recommendation:
        note += "\n" + L["final_recommendation"].format(quote=_q(recommendation)) + (" …" if recommendation_cut else "")
    return note


__all__ = ["course_lines", "final_note", "outcome_lead", "outcome_text", "with_markers"]
