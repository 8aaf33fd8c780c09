"""Grounded drafts that follow a case or add to an item answer: outcome answers, the final
decision beside an ordinary decision answer, votes, and notes on how time was read.

Each function takes the plain records the chain decided on (``ItemEvidence``, ``ThreadStep``)
and returns a ``Draft``; markers are numbered as in ``grounded.compose`` (1, 2, ...), and every
quote is verbatim from the item it cites.

Out of scope: choosing items and steps (``chain``, ``threads``) and the plain item answer
(``grounded``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from assistant.evidence import ItemEvidence
from assistant.grounded import Draft, compose_item
from assistant.outcome import final_note, outcome_text, with_markers
from assistant.question import QuestionInfo
from assistant.records import Citation, ThreadStep
from assistant.sentences import normalize_ws, sentences
from assistant.threads import final_step
from assistant.vote_answers import vote_lines


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


def with_final(draft: Draft, steps: Sequence[ThreadStep], final_ev: ItemEvidence | None, info: QuestionInfo) -> Draft:
    """An ordinary answer plus one line: the case's final decision (cited) when it is a later
    item than the one answered, or that the case is still open."""
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
    note = final_note(marked, answered, info.english)
    if note is None:
        return draft
    return Draft(text=f"{draft.text}\n\n{note}", citations=tuple(cites), refused=draft.refused)


def with_votes(draft: Draft, ev: ItemEvidence, question: str, english: bool) -> Draft:
    """The vote lines for the first cited item, right after its heading line."""
    if not draft.citations:
        return draft
    lines, quote = vote_lines(ev.hit.item, question, english)
    head, _, rest = draft.text.partition("\n")
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
