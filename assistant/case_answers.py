"""Grounded drafts that follow a case or add to an item answer: outcome answers, the final
decision beside an ordinary decision answer, votes, and notes on how time was read.

Each function takes the plain records the chain decided on (``ItemEvidence``, ``ThreadStep``)
and returns a ``Draft``; markers are numbered as in ``grounded.compose`` (1, 2, ...), and every
quote is verbatim from the item it cites.

Out of scope: choosing items and steps (``chain``, ``threads``) and the plain item answer
(``grounded``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.evidence import ItemEvidence, refers_to_recommendation
from assistant.grounded import Draft, compose_item, recommendation, recommendation_cut
from assistant.outcome import final_note, outcome_text, with_markers
from assistant.question import QuestionInfo
from assistant.records import Citation, ThreadStep
from assistant.sentences import normalize_ws, sentences
from assistant.threads import final_step
from assistant.vote_answers import vote_lines, votes_of

NEARLY_ALL = 0.8  # a vote quote this large a part of a later quote is left to that quote
# A line of an item's answer that is one quote: 'Fra punktet: "..."', 'Beslutning: "..."'.
_QUOTE_LINE = re.compile(r"[^\n:\u201c]{1,40}: \u201c(.*)\u201d")


def _step_quote(step: ThreadStep, ev: ItemEvidence) -> str:
    decision = step.decision or ev.hit.item.decision
    return normalize_ws(decision) if decision else ev.hit.ref.title


def outcome_draft(chosen: Sequence[ItemEvidence], steps: Sequence[ThreadStep], info: QuestionInfo) -> Draft:
    """``chosen[0]`` is the final (or latest) step's item, the rest the earlier steps' items in
    date order. The final item is worded as the grounded answer words an item, then the course."""
    first = chosen[0]
    block, quote = compose_item(first, "decision", info.english, 1)
    cites = [Citation(marker=1, ref=first.hit.ref, quote=quote)]
    for marker, ev in enumerate(chosen[1:], start=2):
        step = next((s for s in steps if s.ref is not None and s.ref.key == ev.key), None)
        cites.append(Citation(marker=marker, ref=ev.hit.ref, quote=_step_quote(step, ev) if step else ev.hit.ref.title))
    marked = with_markers(steps, {c.ref.key: c.marker for c in cites})
    return Draft(text=outcome_text(marked, block, info.english), citations=tuple(cites), refused=False)


def with_final(
    draft: Draft, steps: Sequence[ThreadStep], final_ev: ItemEvidence | None, info: QuestionInfo, *, lead: bool = False
) -> Draft:
    """An ordinary answer plus one line: the case's final decision (cited) when it is a later
    item than the one answered, or that the case is still open. ``lead``: the line comes
    first, for a question that asks when the matter was decided."""
    if not draft.citations or len(steps) < 2:
        return draft
    answered = draft.citations[0].ref.key
    cites = list(draft.citations)
    final = final_step(steps)
    cited = {c.ref.key for c in cites}
    last = steps[-1]
    # Cite the step the note names: the final decision, or the latest treatment of an open case.
    named = last if (last.status not in ("decided", "noted") or final is None) else final
    if named.ref is not None and named.ref.key not in cited and final_ev is not None and final_ev.key == named.ref.key:
        cites.append(Citation(marker=len(cites) + 1, ref=named.ref, quote=_step_quote(named, final_ev)))
    marked = with_markers(steps, {c.ref.key: c.marker for c in cites})
    # "1.-2. Godkendt." says nothing without what it approved: the final item's Indstilling.
    bare = (
        named is final
        and final_ev is not None
        and named.ref is not None
        and final_ev.key == named.ref.key
        and refers_to_recommendation(final.decision)
    )
    rec = recommendation(final_ev) if bare and final_ev else None
    if rec and rec in normalize_ws(draft.text):
        rec = None  # the answer quotes that Indstilling already (the final item is cited above)
    note = final_note(marked, answered, info.english, rec, bool(rec) and recommendation_cut(final_ev, rec))
    if note is None:
        return draft
    text = f"{note}\n\n{draft.text}" if lead else f"{draft.text}\n\n{note}"
    return Draft(text=text, citations=tuple(cites), refused=draft.refused)


def with_votes(draft: Draft, ev: ItemEvidence, question: str, english: bool) -> Draft:
    """The vote lines for the first cited item, right after its heading line."""
    if not draft.citations:
        return draft
    lines, quote = vote_lines(ev.hit.item, question, english)
    head, _, rest = draft.text.partition("\n")
    # The vote lines quote the decision's vote sentences: a later line that quotes no more than
    # those (the same sentence as a fact, or the whole decision when it is only the vote) goes.
    said = [normalize_ws(v.text) for v in votes_of(ev.hit.item)]
    kept = [
        line
        for line in rest.split("\n")
        if not ((m := _QUOTE_LINE.fullmatch(line)) and any(normalize_ws(m[1]) in t for t in said))
    ]
    # And a vote quote that is nearly all of a later quote (a decision that only adds "Ikke til
    # stede: ...") goes; a pointed one ("Imod stemte: Liselott Blixt") stays above a long decision.
    fuller = [normalize_ws(m[1]) for line in kept if (m := _QUOTE_LINE.fullmatch(line))]
    lines = [
        line
        for line in lines
        if not (
            (m := _QUOTE_LINE.fullmatch(line))
            and any(normalize_ws(m[1]) in f and len(normalize_ws(m[1])) >= NEARLY_ALL * len(f) for f in fuller)
        )
    ]
    rest = "\n".join(kept)
    text = "\n".join([head, *lines, rest]) if rest else "\n".join([head, *lines])
    cites = list(draft.citations)
    if quote:
        # The quote must be verbatim: the vote's sentences when they stand together in the
        # decision, else its first sentence.
        decision = normalize_ws(ev.hit.item.decision or "")
        if quote not in decision:
            quote = next((s for s in sentences(quote) if s in decision), None)
        if quote:
            cites[0] = replace(cites[0], quote=quote)
    return Draft(text=text, citations=tuple(cites), refused=draft.refused)


def with_notes(draft: Draft, notes: Sequence[str]) -> Draft:
    if not notes or draft.refused:
        return draft
    return replace(draft, text=draft.text + "\n\n" + "\n".join(notes))


__all__ = ["outcome_draft", "with_final", "with_notes", "with_votes"]
