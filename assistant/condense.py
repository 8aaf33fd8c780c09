"""Follow-up questions: detect them and resolve them to the item(s) the previous answer cited.

After "Hvad blev der besluttet om Frederikshavnerordningen?", the questions "Og hvad kostede
det?", "Hvem var ansvarlig?" and "Hvornår blev det besluttet?" are about that same item. A
question is a follow-up when there is history and it has no topic of its own: no topic words
at all, or (short, and starting with "og" or holding a pronoun such as det/den/de/han/hun)
at most one. A short question whose own topic words the previous answer's items already hold
("Hvilke partier stemte imod?" after a question about a vote) is one too: in a conversation,
words the item under discussion already uses point back at it. A follow-up keeps the previous
answer's cited items (retrieval is restricted to them) and the retrieval query gets their
titles and case IDs appended.

Out of scope: rewriting with an LLM (``llm.condense_with_llm``, used by the chain when an LLM
backend is configured; the item restriction here still applies).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.evidence import found_anywhere
from assistant.question import analyse
from assistant.records import Answer
from assistant.vote_answers import is_vote_question, is_vote_word, parties_asked
from assistant.words import STOPWORDS, words, wordset
from vectorstore.records import ItemHit

PRONOUNS = wordset(
    """
    det den dette denne de dem disse han hun ham hende dets dens deres sidstnævnte it that this they
    them these those he she him her its their
    """
)
OPENERS = frozenset(["og", "and", "men", "but", "også", "so", "hvad"])
_VOTE_SIDES = wordset("imod mod for undlod undlader undlade against abstained")


@dataclass(frozen=True)
class Condensed:
    """The question to retrieve with, and for a follow-up the items it is about."""

    question: str  # the user's question as asked
    query: str  # standalone text for retrieval
    follow_up: bool = False
    item_keys: tuple[str, ...] = ()  # a follow-up: retrieval is restricted to these items
    pinned: tuple[ItemHit, ...] = ()
    # A question with its own topic asked in a conversation ("Hvilke partier stemte imod?"):
    # retrieved freely, but the previous answer's items are read too and win a close call.
    context_keys: tuple[str, ...] = ()


def is_follow_up(question: str, history: Sequence[Answer]) -> bool:
    """``is_follow_up("Og hvad kostede det?", [previous])`` -> True."""
    if not history:
        return False
    info = analyse(question)
    if info.case_ids or info.item_numbers:
        return False
    ws = words(question)
    if not ws:
        return False
    if not info.topic:
        return True
    if asks_vote_only(question):
        return True
    short = len(ws) <= 8
    return short and len(info.topic) <= 1 and ((ws[0] in OPENERS and ws[0] != "hvad") or any(w in PRONOUNS for w in ws))


def asks_vote_only(question: str) -> bool:
    """A vote question without a matter of its own ("Hvem stemte imod?", "Hvordan stemte
    Venstre?"): in a conversation, it asks about the vote on the item talked about."""
    if not is_vote_question(question):
        return False
    own = [w for w in analyse(question).topic if not is_vote_word(w) and w not in _VOTE_SIDES]
    return not own or (len(own) == 1 and bool(parties_asked(question)))


def about_previous(question: str, pinned: Sequence[ItemHit]) -> bool:
    """A short question (up to 8 words) in a conversation whose topic words, all but at most
    one of three or more, occur in the previous answer's items: it is asked about them.

    "Hvilke partier stemte imod?" after a vote -> True; "Hvad koster Kongeruten?" after an
    unrelated item -> False (its one distinctive word is not there).
    """
    ws = words(question)
    topic = analyse(question).topic
    if not pinned or not topic or len(ws) > 8:
        return False
    missing = len(topic) - len(found_anywhere(topic, pinned))
    return missing == 0 or (missing == 1 and len(topic) >= 3)


def refers_back(question: str) -> bool:
    """A pronoun that stands alone and ends the question ("Hvem betaler for den?", "Hvad
    kostede det?"); not one used as an article ("den nye skatepark") or followed by a topic
    of its own ("Hvad sagde de om skateparken?")."""
    ws = words(question)
    if any(w in PRONOUNS and all(x in STOPWORDS for x in ws[i + 1 :]) for i, w in enumerate(ws)):
        return True
    # The subject after the question word and the verb, with only a verb after it ("Hvornår blev
    # den bygget?", "When was it built?"): the pronoun stands for the thing talked about. Not an
    # article ("den 1. maj", "det endelige resultat") nor a subject asked about something of its
    # own ("Hvad sagde de om skateparken?").
    m = _INVERTED_SUBJECT.search(question)
    return m is not None and len(words(question[m.end() :])) == 1


_INVERTED_SUBJECT = re.compile(
    r"^\s*(?:hv\w+|when|what|who|where|why|how)\s+[^\W\d_]+\s+(?:den|det|de|han|hun|it|they|he|she)\b(?!\s+\d)",
    re.I,
)


def previous_items(
    history: Sequence[Answer], things: bool = False
) -> tuple[tuple[str, ...], tuple[ItemHit, ...], Answer | None]:
    """Keys and hits of the latest answer that cited something (its cited items, in order).
    ``things``: the follow-up's pronoun stands for a matter ("Hvor længe kan man ansættes under
    den?"), which an answer about a meeting (who was absent, who took part) is not: the latest
    answer that cited an item."""
    for prev in reversed(history):
        if things and prev.citations and all(c.about == "meeting" for c in prev.citations):
            continue
        if prev.citations:
            keys = tuple(dict.fromkeys(c.ref.key for c in prev.citations))
            pinned = tuple(h for h in prev.retrieved if h.ref.key in keys)
            return keys, pinned, prev
    return (), (), None


def condense(question: str, history: Sequence[Answer] = ()) -> Condensed:
    """Resolve a follow-up to the previous answer's items; other questions pass through."""
    question = question.strip()
    if not is_follow_up(question, history):
        info = analyse(question)
        keys, pinned, prev = previous_items(history)
        if keys and prev is not None and not info.case_ids and not info.item_numbers:
            if about_previous(question, pinned):
                return _about(question, keys, pinned, prev)
            return Condensed(question=question, query=question, context_keys=keys, pinned=pinned)
        return Condensed(question=question, query=question)
    keys, pinned, prev = previous_items(history, things=refers_back(question))
    topic = analyse(question).topic
    if (
        pinned
        and topic
        and len(found_anywhere(topic, pinned)) < len(topic)
        and not refers_back(question)
        and not asks_vote_only(question)
    ):
        # "Og hvad med skateparken?": its own word is not in the earlier item, so it is a new
        # question asked in context, not a question about that item.
        return Condensed(question=question, query=question, context_keys=keys, pinned=pinned)
    if not keys or prev is None:
        # Nothing cited before (a refusal): lean on the earlier question's words instead.
        last = history[-1]
        base = last.standalone_question or last.question
        return Condensed(question=question, query=f"{question} {base}".strip(), follow_up=True)
    return _about(question, keys, pinned, prev)


def _about(question: str, keys: tuple[str, ...], pinned: tuple[ItemHit, ...], prev: Answer) -> Condensed:
    """A follow-up about the previous answer's items: restricted to them, their titles appended."""
    refs = [c.ref for c in prev.citations]
    context = "; ".join(dict.fromkeys(f"{r.title}" + (f" (sag {r.case_id})" if r.case_id else "") for r in refs))
    return Condensed(
        question=question,
        query=f"{question} ({context})",
        follow_up=True,
        item_keys=keys,
        pinned=pinned,
    )


def history_lines(history: Sequence[Answer], turns: int = 3) -> list[str]:
    """The last turns as plain lines for an LLM condense prompt."""
    out = []
    for a in history[-turns:]:
        out.append(f"Spørgsmål: {a.question}")
        out.append(f"Svar: {a.text[:400]}")
    return out
