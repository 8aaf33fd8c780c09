"""Names of committee members with party letters, as printed in lists of participants and
absences: "Mette Hardam (V), og Erik Kyed Trolle (UP)", "Lolan Ottesen (A) - formand",
"Afbud: Anna Jensen, Ø".

Also ``merge_people``, which folds spelling variants of the same member ("Erik Kyed Trolel
(UP)" in one item, "Erik Kyed Trolle (UP)" in ten others) into the most printed spelling.
Out of scope: resolving members across meetings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

from ingest.records import Person

_PARTY = r"[A-ZÆØÅ]{1,4}|[A-ZÆØÅ][a-zæøå]{1,3}\.?"
_ROLE = re.compile(
    r"\s*(?:[-–,]\s*|\(\s*)(?P<role>formand|næstformand|borgmester|viceborgmester|sekretær|medlem)\b.*$", re.I
)
# The roles a member holds in the committee (kept on ``Person.role``); "medlem" says nothing.
_ROLES = ("formand", "næstformand", "borgmester", "viceborgmester")
_PERSON = re.compile(
    rf"^(?P<name>[A-ZÆØÅ][\w.'’ -]*?[\wæøå.])\s*(?:\((?P<p1>{_PARTY})\)|,\s*(?P<p2>[A-ZÆØÅ]{{1,3}})$)?$"
)
_SPLIT = re.compile(r"\s*(?:;|,\s*og\s+|,|\s+og\s+|\s+samt\s+|\s+&\s+)\s*")
_STOP = re.compile(
    r"^(afbud|fraværende|fravær|deltog ikke|mødt|ingen|alle|intet|følgende|ikke til stede|til stede|tilstede)\b", re.I
)


def parse_person(text: str) -> Person | None:
    """One "Name (P)" or "Name, P" entry; None if it does not look like a person.

    >>> parse_person("Lolan Ottesen (A) - formand")
    Person(name='Lolan Ottesen', party='A', role='formand')
    """
    text = text.strip().strip(".,;:•-– ")
    rm = _ROLE.search(text)
    role = rm.group("role").lower() if rm and rm.group("role").lower() in _ROLES else None
    text = _ROLE.sub("", text).strip()
    if not text or _STOP.match(text):
        return None
    m = _PERSON.match(text)
    if not m:
        return None
    name = re.sub(r"\s+", " ", m.group("name")).strip()
    words = name.split()
    party = m.group("p1") or m.group("p2")
    if len(words) == 1 and not party:
        return None  # "Sekretær", "Bilag": a single word is a person only with a party letter
    if name.isupper() and len(name) > 4:
        return None
    if not 1 <= len(words) <= 6 or any(w[0].islower() and w not in {"af", "de", "van", "von", "la"} for w in words):
        return None
    return Person(name, party, role)


def parse_people(text: str) -> tuple[Person, ...]:
    """All persons in a list such as "Mette Hardam (V), og Erik Kyed Trolel (UP)".

    >>> [str(p) for p in parse_people("Mette Hardam (V), og Erik Kyed Trolel (UP)")]
    ['Mette Hardam (V)', 'Erik Kyed Trolel (UP)']
    """
    # Split on separators outside parentheses only.
    parts, depth, cur = [], 0, ""
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        cur += "\x00" if ch == "," and depth else ch
    for chunk in _SPLIT.split(cur):
        chunk = chunk.replace("\x00", ",").strip(" .;:")
        if re.fullmatch(r"[A-ZÆØÅ]{1,3}", chunk) and parts and parts[-1].party is None:
            parts[-1] = Person(parts[-1].name, chunk, parts[-1].role)  # "Anna Jensen, Ø"
            continue
        p = parse_person(chunk)
        if p:
            parts.append(p)
    return tuple(parts)


def same_person(a: Person, b: Person) -> bool:
    """One member spelled two ways ("Erik Kyed Trolle" / "Erik Kyed Trolel"): the same first
    name, no other party, and nearly the same letters."""
    if a.party and b.party and a.party != b.party:
        return False
    x, y = a.name.lower(), b.name.lower()
    return x == y or (x.split()[0] == y.split()[0] and SequenceMatcher(None, x, y).ratio() >= 0.85)


def merge_people(groups: Iterable[Sequence[Person]]) -> tuple[Person, ...]:
    """The union of several lists of persons, in first-seen order; spelling variants of one
    member are merged into the spelling printed most often.

    >>> [str(p) for p in merge_people([[Person("Erik Kyed Trolel", "UP")], [Person("Erik Kyed Trolle", "UP")],
    ...                                 [Person("Erik Kyed Trolle", "UP")]])]
    ['Erik Kyed Trolle (UP)']
    """
    counts: Counter[Person] = Counter()
    order: list[Person] = []
    for group in groups:
        for p in group:
            if p not in counts:
                order.append(p)
            counts[p] += 1
    clusters: list[list[Person]] = []
    for p in order:
        for cluster in clusters:
            if same_person(cluster[0], p):
                cluster.append(p)
                break
        else:
            clusters.append([p])
    return tuple(max(c, key=lambda p: (counts[p], p.party is not None, p.role is not None)) for c in clusters)


__all__ = ["merge_people", "parse_people", "parse_person", "same_person"]
