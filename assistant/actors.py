"""Questions that name a party: the answer must come from an item that names it too.

"Hvad mener Enhedslisten om fjernvarme?" asks what one party said or did about one matter. An
item that names the party about something else (Enhedslisten's remark on a daginstitution),
or the matter without the party, does not answer it. So when a question names a party (in
words, "SF", "(Ø)", or by its English name), the answer is taken from the best read item
that names the party (in words, by letter in brackets, or as a voter) **and** at least half of
the question's other topic words, looking further down the retrieved items (``PARTY_K``) when
no item read closely does; when none does, the question is refused: the minutes at hand do not
say.

Out of scope: members named by person ("Hvad mente Liselott Blixt ...") and the kommune's own
bodies (the committee filter, ``vectorstore.query``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.evidence import found_anywhere
from assistant.words import stem
from ingest.votes import PARTIES, parties_named, read_votes
from vectorstore.translate import ENGLISH_PARTIES, english_parties

# Verbs that say what a party did, not what about: "mener", "foreslog", "stemte imod".
_ACTS = re.compile(
    r"^(?:men(?:e|er|te)|syne?s|synes|mente|foresl\w*|ønske\w*|vil(?:le)?|stem\w*|imod|for|støtte\w*|"
    r"sag(?:de|t)|udtal\w*|propos\w*|want\w*|think\w*|say|said|vot\w*|against|support\w*|oppos\w*)$",
    re.I,
)


def question_parties(question: str) -> tuple[str, ...]:
    """The letters of the parties a question names (Danish or English names, "SF", "(Ø)")."""
    rest, danish = english_parties(question)
    letters = list(parties_named(rest))
    letters += [letter for name in danish for letter in parties_named(name)]
    return tuple(dict.fromkeys(letters))


def _party_stems(letters: Sequence[str]) -> frozenset[str]:
    """The stems of the named parties' names, Danish and English ("venstre", "liberal", ...)."""
    names = [n for letter in letters for n in (*PARTIES.get(letter, ()), *ENGLISH_PARTIES.get(letter, ()))]
    return frozenset(stem(w) for n in names for w in re.findall(r"[\wæøå]+", n.lower()))


# How far down the retrieved items to look for one that names the party and the matter when
# none of the items read closely does (the party's items are few among the matter's many).
PARTY_K = 40


def matter_words(topic: Sequence[str], letters: Sequence[str]) -> list[str]:
    """The topic words that are neither the named parties' names nor what a party did."""
    names = _party_stems(letters)
    return [t for t in topic if stem(t) not in names and not _ACTS.match(t)]


def names_party(hit: Any, letter: str) -> bool:
    """Whether an item names the party: in words or "(X)" in its title or text, or as a voter."""
    item = hit.item
    if letter in parties_named(f"{hit.ref.title}\n{item.text}"):
        return True
    votes = item.votes or read_votes(item.decision)
    return any(
        v.party == letter
        for vote in votes
        for v in (*vote.in_favour, *vote.against, *vote.abstained, *vote.reservations)
    )


def answers(letters: Sequence[str], topic: Sequence[str], hit: Any) -> bool:
    """Whether an item names every party in ``letters`` and at least half of the other topic
    words (any item that names the parties, when the question names nothing but them): one
    word such as "kommunens" says nothing about the matter."""
    matter = matter_words(topic, letters)
    return all(names_party(hit, letter) for letter in letters) and 2 * len(found_anywhere(matter, [hit])) >= len(matter)


def answering(letters: Sequence[str], topic: Sequence[str], ranked: Sequence[Any]) -> Any | None:
    """The best-ranked read item (``ItemEvidence``) that ``answers``, or None."""
    return next((e for e in ranked if answers(letters, topic, e.hit)), None)


__all__ = ["PARTY_K", "answering", "answers", "matter_words", "names_party", "question_parties"]
