"""Questions about votes, answered from the votes recorded in a decision (``ingest.votes``).

"Hvilke partier stemte imod beskæftigelsesplanen for 2023?", "Hvordan stemte Venstre?",
"Hvem undlod at stemme?", "Hvor mange stemte for?". The answer states the vote as the
decision records it (counts; parties and members for, against, abstaining, with reservations;
who was absent) and quotes the decision's vote sentences verbatim. A question that names a
party ("Venstre", "SF", "(Ø)") is told how that party voted. An item whose decision records no
vote says so rather than guessing (a unanimous "Godkendt." records none).

Out of scope: finding the item (the chain prefers, among equally good items of one matter,
the one whose decision records a vote) and votes inside attachments.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.records import AgendaItem, Vote, Voter
from ingest.votes import PARTIES, party_letter, read_votes, verbatim

# English for the sides of a vote in other words than "voted": "could not support", "opposed".
_AGAINST_EN = r"(?:could|did)\s+not\s+support|opposed"
_FOR_EN = r"could\s+support"
VOTE_RE = re.compile(
    r"\b(?:stemte|stemmer(?:ne)?|stemme|afstemning\w*|undlod|undlader|stemmeafgivning|flertal\w*|mindretal\w*|"
    r"kunne\s+(?:ikke\s+)?tiltræde|forbehold|stemmetal\w*|"
    rf"votes?|voted|voting|abstain\w*|{_AGAINST_EN}|{_FOR_EN}|made\s+a\s+reservation)\b",
    re.I,
)
# The side a vote question asks about ("Hvem stemte imod?" -> someone against), first match wins.
_SIDE_ASKED = (
    ("against", re.compile(rf"\b(?:imod|mod|against|kunne\s+ikke\s+tiltræde|{_AGAINST_EN})\b", re.I)),
    ("abstained", re.compile(r"\b(?:undlod|undlader|hverken|abstain\w*)\b", re.I)),
    ("reservations", re.compile(r"\bforbehold\b|\breservations?\b", re.I)),
    ("in_favour", re.compile(rf"\bstemte\s+for\b|\bvoted\s+for\b|\bkunne\s+tiltræde\b|\b{_FOR_EN}\b", re.I)),
)


def side_asked(question: str) -> str | None:
    """The ``Vote`` field of the side the question asks about, or None for the whole vote."""
    return next((side for side, rx in _SIDE_ASKED if rx.search(question)), None)


# The count a vote prints for a side whose voters it may not name.
_SIDE_COUNT = {"in_favour": "count_for", "against": "count_against", "abstained": "count_abstained"}


def records_side(votes: Sequence[Vote], side: str | None) -> bool:
    """Whether the votes record the side asked (``side_asked``; None: any vote): its voters
    named, or only counted ("Med stemmerne 19 for godkendte Byrådet ...")."""
    counted = _SIDE_COUNT.get(side or "")
    return bool(votes) and (side is None or any(getattr(v, side) or (counted and getattr(v, counted)) for v in votes))
_PARTY_IN_Q = re.compile(
    r"\((?P<letter>[A-ZÆØÅ]{1,2})\)|\b(?:partiet|party)\s+(?P<letter2>[A-ZÆØÅ]{1,2})\b|"
    r"(?P<name>\b(?:"
    + "|".join(sorted((re.escape(n) for names in PARTIES.values() for n in names), key=len, reverse=True))
    + r")(?:s)?\b)"
)
_SIDES = (("in_favour", "stemte for", "voted for"), ("against", "stemte imod", "voted against"),
          ("abstained", "undlod at stemme", "abstained"), ("reservations", "tog forbehold", "made a reservation"))  # fmt: skip
_LABELS = {
    False: {"for": "For", "against": "Imod", "abstained": "Undlod", "reservations": "Forbehold", "absent": "Ikke til stede",
            "votes": "Afstemning", "none": "Beslutningen gengiver ingen afstemning (ingen stemmer imod er noteret).",
            "quote": "Fra beslutningen", "party_none": "{party} er ikke nævnt i afstemningen; beslutningen noterer kun {named}.",
            "counts": "{n_for} for og {n_against} imod", "count_for": "{n_for} for"},
    True: {"for": "For", "against": "Against", "abstained": "Abstained", "reservations": "Reservations", "absent": "Absent",
           "votes": "Vote", "none": "The decision records no vote (no votes against are noted).",
           "quote": "From the decision", "party_none": "{party} is not named in the vote; the decision names only {named}.",
           "counts": "{n_for} for and {n_against} against", "count_for": "{n_for} for"},
}  # fmt: skip


# subtle: "forbehold" asks for a vote only about a political actor ("Hvilke partier tog
# forbehold?", "Tog (C) forbehold?"), not about a document ("Var der forbehold i
# revisionspåtegningen?").
_ACTOR_Q = re.compile(r"\b(?:hvem|hvilke\w*|hvilket|who|which|parti\w*|part(?:y|ies)|medlem\w*|members?)\b", re.I)


def is_vote_question(question: str) -> bool:
    asked = {m.group(0).lower() for m in VOTE_RE.finditer(question)}
    if asked - {"forbehold"}:
        return True
    return bool(asked) and bool(_ACTOR_Q.search(question) or _PARTY_IN_Q.search(question))


def is_vote_word(word: str) -> bool:
    """A word that asks for a vote ("stemmetallet", "stemte", "voted"), not for a matter."""
    return bool(VOTE_RE.fullmatch(word))


def votes_of(item: AgendaItem) -> tuple[Vote, ...]:
    """The item's votes (read from its decision when the store predates ``AgendaItem.votes``)."""
    return item.votes or read_votes(item.decision)


def parties_asked(question: str) -> list[str]:
    """Party letters a question names ("Hvordan stemte Venstre?" -> ["V"])."""
    out: list[str] = []
    for m in _PARTY_IN_Q.finditer(question):
        letter = m["letter"] or m["letter2"] or party_letter(m["name"] or "")
        if letter and letter not in out:
            out.append(letter)
    return out


def _party_name(letter: str) -> str:
    names = PARTIES.get(letter)
    return f"{names[-1] if letter == 'Ø' else names[0]} ({letter})" if names else f"({letter})"


def _side_of(v: Vote, letter: str) -> list[str]:
    sides = []
    for side, _, _ in _SIDES:
        voters: Sequence[Voter] = getattr(v, side)
        if any((w.party or "").upper().startswith(letter.upper()) for w in voters):
            sides.append(side)
    return sides


def verbatim_vote_text(vote: Vote, decision: str | None) -> str:
    """The vote's text as the decision prints it (``ingest.votes.verbatim``). ``read_votes``
    gives that already; a vote stored by an earlier ingest may hold its sentences joined
    across a wrapped name ("... fra Radikale Danmarksdemokraternes ..."), so it is read again."""
    return verbatim(vote.text, decision)


def vote_lines(item: AgendaItem, question: str, english: bool) -> tuple[list[str], str | None]:
    """Lines stating the item's vote(s) for the question, and the quote they rest on."""
    L = _LABELS[english]
    votes = votes_of(item)
    if not votes:
        return [L["none"]], None
    lines: list[str] = []
    asked = parties_asked(question)
    quote = None
    for v in votes:
        head = f"{L['votes']}" + (
            f" (punkt {v.point})" if v.point and not english else f" (item {v.point})" if v.point else ""
        )
        parts = []
        if v.count_for is not None:
            # only the numbers printed: "Med stemmerne 19 for" says nothing of those against
            label = L["counts"] if v.count_against is not None else L["count_for"]
            parts.append(label.format(n_for=v.count_for, n_against=v.count_against))
        for side, key in (
            ("in_favour", "for"),
            ("against", "against"),
            ("abstained", "abstained"),
            ("reservations", "reservations"),
            ("absent", "absent"),
        ):
            voters = getattr(v, side)
            if voters:
                parts.append(f"{L[key]}: {', '.join(map(str, voters))}")
        lines.append(f"{head}: " + "; ".join(parts) + ".")
        for letter in asked:
            sides = _side_of(v, letter)
            if sides:
                verbs = [(da if not english else en) for side, da, en in _SIDES if side in sides]
                lines.append(f"{_party_name(letter)} {' og '.join(verbs) if not english else ' and '.join(verbs)}.")
            else:
                named = ", ".join(str(w) for side, _, _ in _SIDES for w in getattr(v, side)) or "–"
                lines.append(L["party_none"].format(party=_party_name(letter), named=named))
        said = verbatim_vote_text(v, item.decision)
        lines.append(f"{L['quote']}: \u201c{said}\u201d")
        quote = quote or said
    return lines, quote


__all__ = ["VOTE_RE", "is_vote_question", "parties_asked", "records_side", "side_asked", "vote_lines", "votes_of"]
