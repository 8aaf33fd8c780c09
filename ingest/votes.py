"""Votes (*afstemninger*) in decision texts -> ``Vote`` records.

Danish minutes record a divided vote in the decision, in a few recurring shapes (all read
from the corpus):

- a count: "Med stemmerne 17 for og 2 imod godkendte byrådet ...", "med stemmerne 14 for og
  ingen imod", "Godkendt med stemmerne 19 for og 1 imod";
- a list after the side: "For stemte: (V), (A), (C), (D) og Liselott Blixt (UP).",
  "Imod stemte (F) og (Ø). (F) med bemærkning om, ...", "Stemte imod: (F) og (Ø)", "For
  administrationens indstilling stemte: ...", or "Imod stemte:" with the voters on the next
  lines;
- the voters first: "(Ø) stemte imod.", "V, D og Carsten Rasmussen (UP) stemmer imod.",
  "A stemmer for og V stemmer imod.", "(A) og (F) undlod at stemme.", "(C) undlod at tage
  stilling.", "Liselott Blixt (UP1) stemte for at ...";
- Aarhus: "Radikale Venstres og Alternativets byrådsgrupper kunne ikke tiltræde
  indstillingen." (against), "Jesper Kjeldsen, ... kunne tiltræde indstillingen." (for),
  "Socialdemokratiet tog forbehold." (a reservation);
- absences in the same decision: "Ikke til stede: Tina Rottbøll", "Afbud: ...",
  "Fraværende: ...", "X deltog ikke i sagens behandling".

Voters are party letters ("(V)", "Ø", "UP-1"), members with their party ("Liselott Blixt
(UP)", "Kenneth Jerkel fra (A)"), members alone ("John T. Olsen") or parties by name
("Enhedslisten", "Socialistisk Folkepartis byrådsgruppe"), which become their letter
(``PARTIES``). A clause whose would-be voters do not all read as voters is not a vote ("at SF
stemmer imod" inside a quoted remark, "Byrådet stemte for ...").

Votes are grouped: a new vote starts at a count, at a new recommendation point ("Ad 2:",
"2."), or when a side listed by "For stemte"/"Imod stemte" is listed again.

Out of scope: unanimous decisions (no vote is recorded: "Godkendt."), "Et flertal i
udvalget" without names, and votes inside attachments.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from ingest.records import Vote, Voter

# Danish parties: letter -> names as minutes print them (longest first where one contains
# another: "Radikale Venstre" before "Venstre").
PARTIES: dict[str, tuple[str, ...]] = {
    "A": ("Socialdemokratiet", "Socialdemokraterne", "Socialdemokratisk"),
    "B": ("Det Radikale Venstre", "Radikale Venstre", "Radikale"),
    "C": ("Det Konservative Folkeparti", "Konservative Folkeparti", "Konservative", "KF"),
    "D": ("Nye Borgerlige",),
    "F": ("Socialistisk Folkeparti", "SF"),
    "I": ("Liberal Alliance", "LA"),
    "K": ("Kristendemokraterne",),
    "M": ("Moderaterne",),
    "O": ("Dansk Folkeparti", "DF"),
    "V": ("Venstre",),
    "Ø": ("Enhedslisten de Rød-Grønne", "Enhedslisten - De Rød-Grønne", "Enhedslisten – De Rød-Grønne", "Enhedslisten"),
    "Å": ("Alternativet",),
    "Æ": ("Danmarksdemokraterne", "DD"),
}
_NAME_TO_LETTER = sorted(
    ((name, letter) for letter, names in PARTIES.items() for name in names), key=lambda x: -len(x[0])
)
# "Socialdemokratiets", "Radikale Venstres", "Alternativets" (genitive) and "byrådsgruppe(r)".
_PARTY_NAME = re.compile(
    r"(?<![\wæøå(])(?:" + "|".join(re.escape(n) for n, _ in _NAME_TO_LETTER if len(n) > 3) + r")(?:s|ts)?(?![\wæøå)])"
    r"(?:\s+(?:byråds)?gruppe(?:r|n|rne)?)?"
)


def party_letter(name: str) -> str | None:
    """The party letter of a party named in words ("Venstre" -> "V", "Enhedslistens" -> "Ø").

    >>> party_letter("Radikale Venstres"), party_letter("SF"), party_letter("Borgmesteren")
    ('B', 'F', None)
    """
    n = name.strip()
    for full, letter in _NAME_TO_LETTER:
        if re.fullmatch(re.escape(full) + r"(?:s|ts)?", n, re.I if len(full) > 3 else 0):
            return letter
    return None


_SHORT_NAMES = sorted((n for names in PARTIES.values() for n in names if len(n) <= 3), key=len, reverse=True)
# A party by its letter in brackets, "(Ø)", or by a short name in capitals, "SF", "DF".
_PARTY_MARK = re.compile(r"\(\s*([A-ZÆØÅ])\s*\)|(?<![\wæøå])(" + "|".join(_SHORT_NAMES) + r")(?![\wæøå])")


def parties_named(text: str) -> tuple[str, ...]:
    """The letters of the parties a text names, in words, as a short name or as "(X)", in order.

    >>> parties_named("Hvad mener Enhedslisten og SF om fjernvarme, og hvad ville (C)?")
    ('Ø', 'F', 'C')
    """
    found: list[tuple[int, str]] = []
    for m in _PARTY_NAME.finditer(text):
        letter = party_letter(re.sub(r"\s+(?:byråds)?gruppe\w*$", "", m.group(0)))
        if letter:
            found.append((m.start(), letter))
    for m in _PARTY_MARK.finditer(text):
        letter = m.group(1) if m.group(1) in PARTIES else party_letter(m.group(2) or "")
        if letter:
            found.append((m.start(), letter))
    return tuple(dict.fromkeys(letter for _, letter in sorted(found)))


# ---------------------------------------------------------------------------------------------
# voters

_LETTERS = r"[A-ZÆØÅ]{1,3}(?:-?\d)?"
_PARTY_ONLY = re.compile(rf"^\(?\s*({_LETTERS})\s*\)?$")
_NAME = r"[A-ZÆØÅ][\w'’.-]*(?:\s+(?:[A-ZÆØÅ][\w'’.-]*|af|de|van|von))*"
_NAME_PARTY = re.compile(rf"^(?P<name>{_NAME})\s*(?:\(\s*(?P<p1>{_LETTERS})\s*\)|\s+fra\s+\(?(?P<p2>{_LETTERS})\)?)$")
_NAME_ONLY = re.compile(rf"^{_NAME}$")
_SPLIT = re.compile(r"\s*,\s*(?:og\s+|samt\s+)?|\s+og\s+|\s+samt\s+")
# Where the list of voters ends and the reason begins.
_REASON = re.compile(
    r"\s*(?:\s(?:med\s+(?:bemærkning\w*|følgende|et\s+ønske|ønske|den\s+begrundelse|begrundelse)|idet|da|fordi|"
    r"for\s+så\s+vidt|til\s+(?:indstilling\w*|administrationens|økonomiudvalgets|udvalgets|sagen|forslaget)|"
    r"(?:imod|for)\s+(?:indstilling\w*|administrationens|økonomiudvalgets|punkt|pkt)|i\s+det)\b|[,:;]\s*(?:da|idet|fordi|men)\b|[.:;]\s*$)",
    re.I,
)
_NOT_NAMES = frozenset(
    [
        "Byrådet",
        "Byrådets",
        "Udvalget",
        "Udvalgets",
        "Økonomiudvalget",
        "Magistraten",
        "Administrationen",
        "Borgmesteren",
        "Formanden",
        "Kommunalbestyrelsen",
        "Direktionen",
        "Et",
        "Der",
        "Det",
        "De",
        "Alle",
        "Flertallet",
        "Mindretallet",
        "Partierne",
        "Medlemmerne",
    ]
)


def _voter(part: str) -> Voter | None:
    p = re.sub(r"^(?:og|samt)\s+", "", part.strip().strip(".,;: "))
    p = re.sub(r"^(?:partierne|partiet|medlemmerne|forligspartierne)\s+", "", p, flags=re.I)
    if not p:
        return None
    if m := _PARTY_ONLY.match(p):
        party = m.group(1).replace(" ", "")
        return Voter(party=party_letter(party) or party)
    if (letter := party_letter(re.sub(r"\s+(?:byråds)?gruppe\w*$", "", p))) is not None:
        return Voter(party=letter)
    if m := _NAME_PARTY.match(p):
        name = m.group("name").strip()
        if name.split()[0] in _NOT_NAMES:
            return None
        party = (m.group("p1") or m.group("p2")).replace(" ", "")
        return Voter(name=name, party=party_letter(party) or party)
    if _NAME_ONLY.match(p):
        words = p.split()
        if 2 <= len(words) <= 5 and words[0] not in _NOT_NAMES:
            return Voter(name=p)
    return None


def _split_outside_parens(text: str) -> list[str]:
    masked, depth = [], 0
    for ch in text:
        depth += ch == "("
        depth = max(0, depth - (ch == ")"))
        masked.append("\x00" if depth and ch in ",og" else ch)
    pieces, pos = [], 0
    m_text = "".join(masked)
    for m in _SPLIT.finditer(m_text):
        pieces.append(text[pos : m.start()])
        pos = m.end()
    pieces.append(text[pos:])
    return [p for p in pieces if p.strip()]


def read_voters(text: str, *, strict: bool) -> tuple[Voter, ...] | None:
    """The voters in a list such as "(V), (A), (C), (D) og Liselott Blixt (UP)".

    Party names in words are read first ("Socialistisk Folkepartis og Enhedslisten de
    Rød-Grønnes byrådsgrupper og Viggo Jonasen"). ``strict``: every part must read as a voter,
    else None (used where the clause might not be a vote at all).

    >>> [str(v) for v in read_voters("(V), (D), Liselott Blixt (UP) og (C)", strict=True)]
    ['(V)', '(D)', 'Liselott Blixt (UP)', '(C)']
    """
    text = text.strip()
    found: list[tuple[int, Voter]] = []
    for m in _PARTY_NAME.finditer(text):
        letter = party_letter(re.sub(r"\s+(?:byråds)?gruppe\w*$", "", m.group(0)))
        if letter:
            found.append((m.start(), Voter(party=letter)))
    rest = _PARTY_NAME.sub(" ", text) if found else text
    rest = re.sub(r"\b(?:byråds)?gruppe\w*\b", " ", rest)
    ok = True
    for part in _split_outside_parens(rest):
        if not part.strip(" ,.;:") or re.fullmatch(r"\s*(?:og|samt|,)\s*", part):
            continue
        v = _voter(part)
        if v is None:
            ok = False
            continue
        found.append((text.find(part.strip()), v))
    if (strict and not ok) or not found:
        return None
    out: list[Voter] = []
    for _, v in sorted(found, key=lambda x: x[0]):
        if v not in out:
            out.append(v)
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# clauses

_COUNT = re.compile(
    r"\bstemmer(?:ne)?\s+(?P<for>\d+)\s+for\b(?:\s*(?:,|og)?\s*(?P<against>\d+|ingen)\s+imod\b)?"
    r"(?:\s*(?:,|og)\s*(?P<abst>\d+)\s+(?:undlod|hverken|blank\w*|stemte\s+blankt))?",
    re.I,
)
_LIST_FIRST = (
    (
        "in_favour",
        re.compile(r"^(?:(?:for\s+(?:[^:.()]{0,60}?\s)?stemte|stemte\s+for)\b\s*:?|for\s*:)\s*(?P<who>.*)$", re.I),
    ),
    (
        "against",
        re.compile(
            r"^(?:(?:imod\s+(?:[^:.()]{0,60}?\s)?stemte|stemte\s+imod|mod\s+stemte)\b\s*:?|imod\s*:)\s*(?P<who>.*)$",
            re.I,
        ),
    ),
    (
        "abstained",
        re.compile(
            r"^(?:(?:undlod\s+at\s+stemme|hverken\s+for\s+eller\s+imod\s+stemte|blank\w*\s+stemte|undlod\s+at\s+tage\s+stilling)"
            r"\b\s*:?|undlod\s*:)\s*(?P<who>.*)$",
            re.I,
        ),
    ),
)
_VERB = re.compile(
    r"\s+(?:(?P<against>(?:stemte|stemmer)\s+(?:i\s*mod|mod)|kunne\s+ikke\s+tiltræde|kan\s+ikke\s+tiltræde)"
    r"|(?P<abstained>undlod|undlader|udlod|afstod|(?:stemte|stemmer)\s+(?:hverken|blankt))"
    r"|(?P<in_favour>(?:stemte|stemmer)\s+for|kunne\s+tiltræde|kan\s+tiltræde)"
    r"|(?P<reservations>tog\s+(?:et\s+)?forbehold|tager\s+forbehold))\b",
    re.I,
)
_ABSENT_LINE = re.compile(r"^(?:ikke\s+til\s+stede|fraværende|afbud|forfald)\s*(?::|\bfra\b)\s*(?P<who>.+)$", re.I)
_ABSENT_SENT = re.compile(
    r"^(?P<who>.+?)\s+(?:deltog\s+ikke|var\s+(?:ikke\s+til\s+stede|fraværende|forhindret)|forlod\s+mødet|havde\s+(?:meldt\s+)?afbud)\b",
    re.I,
)
_SUBSTITUTE = re.compile(r"\s*\((?:stedfortræder|suppleant)\b[^)]*\)", re.I)


def absentees(sentence: str) -> tuple[Voter, ...] | None:
    """Who a sentence records as absent ("Afbud: Torben Hoffmann (Stedfortræder: Conni
    Bergendorff)", "Ikke til stede: Tina Rottbøll", "Anne Hansen (V) deltog ikke"), or None
    when it is no absence note; ``()`` for a note whose names cannot be read."""
    s = _LEAD.sub("", sentence.strip())
    if m := _ABSENT_LINE.match(s):
        return read_voters(_SUBSTITUTE.sub("", m.group("who")), strict=False) or ()
    if (m := _ABSENT_SENT.match(s)) and (voters := read_voters(m.group("who"), strict=True)):
        return voters
    return None


def is_absence_note(sentence: str) -> bool:
    """A sentence that only records who was absent (``absentees``)."""
    return absentees(sentence) is not None


_POINT = re.compile(
    r"^(?:ad\s+(?:pkt\.?\s*|punkt\s+|indstillingspunkt\s+)?(?P<a>\d+(?:[.,]\d+)*[a-z]?|[a-z])(?=[\s.:,)])|"
    r"(?:indstillings)?punkt\s+(?P<b>\d+(?:\.\d+)*[a-z]?)\s*[:.)-]|"
    r"(?P<c>\d{1,2}(?:\.\s?-\s?\d{1,2})?(?:\.\s?[a-z])?)\.(?=\s)|(?P<d>\d{1,2})\))\s*[:.,)-]?\s*",
    re.I,
)
_LEAD = re.compile(r"^(?:desuden|endvidere|yderligere|herudover|dog|og|men)\s+", re.I)


def _sentences(line: str) -> list[str]:
    """A decision line split into sentences; "John T. Olsen" and "pkt. 2" are not ends."""
    out, start = [], 0
    for m in re.finditer(r"[.!?]\s+(?=[(\"”“A-ZÆØÅ])", line):
        before = line[max(start, m.start() - 4) : m.start() + 1]
        if re.search(r"(?:\b[A-ZÆØÅ]|\bpkt|\bnr|\bjf|\bca|\bmv|\bbl\.a|\bf\.eks)\.$", before, re.I):
            continue
        out.append(line[start : m.start() + 1].strip())
        start = m.end()
    out.append(line[start:].strip())
    return [s for s in out if s]


def _lines(text: str) -> list[str]:
    """The decision's lines, with lines wrapped mid-sentence joined (the next starts in lower
    case, or this one ends with a comma or "og"), whitespace collapsed."""
    out: list[str] = []
    for raw in text.splitlines():
        line = re.sub(r"\s+", " ", raw).strip()
        if not line:
            continue
        if out and (line[:1].islower() or re.search(r"(?:,|\bog|\bsamt)$", out[-1])):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


@dataclass
class _Acc:
    point: str | None = None
    text: list[str] = field(default_factory=list)
    counts: tuple[int | None, int | None, int | None] = (None, None, None)
    sides: dict[str, list[Voter]] = field(default_factory=dict)
    listed: set[str] = field(default_factory=set)
    absent: list[Voter] = field(default_factory=list)

    def empty(self) -> bool:
        return self.counts == (None, None, None) and not any(self.sides.values())

    def add(self, side: str, voters: Iterable[Voter]) -> None:
        got = self.sides.setdefault(side, [])
        for v in voters:
            if v not in got:
                got.append(v)

    def vote(self) -> Vote:
        s = self.sides
        return Vote(
            text=" ".join(dict.fromkeys(self.text)),
            count_for=self.counts[0],
            count_against=self.counts[1],
            count_abstained=self.counts[2],
            in_favour=tuple(s.get("in_favour", ())),
            against=tuple(s.get("against", ())),
            abstained=tuple(s.get("abstained", ())),
            reservations=tuple(s.get("reservations", ())),
            absent=tuple(self.absent),
            point=self.point,
        )


def _who(text: str) -> str:
    m = _REASON.search(text)
    return text[: m.start()] if m else text


def read_votes(decision: str | None) -> tuple[Vote, ...]:
    """The votes recorded in a decision text, in printed order (``()`` when none).

    >>> v = read_votes("Med stemmerne 17 for og 2 imod godkendte byrådet indstillingen.\\n"
    ...                "For stemte: (V), (A), (C), (D) og Liselott Blixt (UP).\\nImod stemte (F) og (Ø).")[0]
    >>> v.count_for, v.count_against, [str(x) for x in v.against]
    (17, 2, ['(F)', '(Ø)'])
    """
    if not decision or not decision.strip():
        return ()
    votes: list[Vote] = []
    absent: list[Voter] = []
    acc = _Acc()
    pending: str | None = None  # "Imod stemte:" with the voters on the lines below

    def close() -> None:
        nonlocal acc
        if not acc.empty():
            votes.append(acc.vote())
        acc = _Acc(point=acc.point)

    for line in _lines(decision):
        if m := _POINT.match(line):
            point = next(g for g in m.groups() if g)
            if acc.point != point:
                close()
                acc.point = point
            line = line[m.end() :].strip()
        if pending:
            # "Imod stemte:" / "(F) med bemærkning om, ..." / "(Ø) med bemærkning om, ...":
            # each line names its voter first; the rest of the line is the remark.
            lead = re.match(rf"^(\(\s*{_LETTERS}\s*\)|{_NAME}\s*\(\s*{_LETTERS}\s*\))", line)
            if lead and (voters := read_voters(lead.group(1), strict=True)):
                acc.add(pending, voters)
                acc.text.append(_sentences(line)[0])
                continue
            pending = None
        for sentence in _sentences(line):
            s = _LEAD.sub("", sentence)
            if (gone := absentees(s)) is not None:
                absent.extend(gone)
                continue
            used = False
            if m := _COUNT.search(s):
                if not acc.empty():
                    close()
                against = m.group("against")
                acc.counts = (
                    int(m.group("for")),
                    0 if against and against.lower() == "ingen" else (int(against) if against else None),
                    int(m.group("abst")) if m.group("abst") else None,
                )
                acc.text.append(sentence)
                used = True
                # "... Økonomiudvalgets indstilling. For stemte (V), ..." on one line: read on.
            for side, pattern in _LIST_FIRST:
                if m := pattern.match(s):
                    who = _who(m.group("who"))
                    if side in acc.listed:
                        close()
                    acc.listed.add(side)
                    voters = read_voters(who, strict=False) if who.strip() else None
                    if voters:
                        acc.add(side, voters)
                    elif not who.strip():
                        pending = side
                    acc.text.append(sentence)
                    used = True
                    break
            else:
                if not used:
                    used = _subject_first(s, acc)
                    if used:
                        acc.text.append(sentence)
    close()
    if absent:
        seen: list[Voter] = []
        for v in absent:
            if v not in seen:
                seen.append(v)
        votes = [_with_absent(v, tuple(seen)) for v in votes]
    return tuple(replace(v, text=verbatim(v.text, decision)) for v in votes)


VERBATIM_ENDS = 5  # words that anchor each end of a vote's text in its decision
VERBATIM_SLACK = 1.3  # the decision's span may be this much longer than the joined text


def verbatim(text: str, decision: str | None) -> str:
    """``text`` (sentences of ``decision`` joined) as the decision prints it. When the decision
    has something between them (a name wrapped onto a line of its own: "... forslag fra
    Radikale\\nVenstre.\\nDanmarksdemokraternes ..."), the joined text is no quote: the
    decision's words from its first words to its last (when that span is not much longer),
    else the longest start of it that the decision prints.

    >>> verbatim("(Ø) kunne ikke tiltræde forslaget fra Radikale (Æ) kunne ikke tiltræde punkt 5.",
    ...          "(Ø) kunne ikke tiltræde forslaget fra Radikale\\nVenstre.\\n(Æ) kunne ikke tiltræde punkt 5.")
    '(Ø) kunne ikke tiltræde forslaget fra Radikale Venstre. (Æ) kunne ikke tiltræde punkt 5.'
    """
    text = re.sub(r"\s+", " ", text).strip()
    whole = re.sub(r"\s+", " ", decision or "").strip()
    if not whole or text in whole:
        return text
    words = text.split()
    n = min(VERBATIM_ENDS, len(words))
    start = whole.find(" ".join(words[:n]))
    end = whole.rfind(" ".join(words[-n:]))
    if 0 <= start <= end:
        span = whole[start : end + len(" ".join(words[-n:]))]
        if len(span) <= VERBATIM_SLACK * len(text):
            return span
    for k in range(len(words) - 1, 0, -1):
        head = " ".join(words[:k])
        if head in whole:
            return head
    return text


def _with_absent(v: Vote, absent: tuple[Voter, ...]) -> Vote:
    return replace(v, absent=absent)


_REASON_WORDS = re.compile(r"\b(?:bemærkning\w*|begrundelse\w*|mindretalsudtalelse|idet|da|fordi)\b", re.I)
_CLAUSE_BREAK = re.compile(r",\s+|\s+(?:idet|da|men|hvor|mens|og)\s+")


def _trailing_voters(subject: str) -> tuple[Voter, ...] | None:
    """The voters that end ``subject``: the whole of it, or what follows its last clause break
    ("Økonomiudvalget anbefaler ..., idet Pernille Beckmann (V) og Marc Genning (V)")."""
    if voters := read_voters(subject, strict=True):
        return voters
    for m in _CLAUSE_BREAK.finditer(subject):
        if voters := read_voters(subject[m.end() :], strict=True):
            return voters
    return None


def _subject_first(sentence: str, acc: _Acc) -> bool:
    """ "(A) og (F) undlod at stemme", "A stemmer for og V stemmer imod": voters, then the verb."""
    found = False
    start = 0
    for m in _VERB.finditer(sentence):
        if m.start() < start:
            continue
        side = next(k for k, v in m.groupdict().items() if v)
        voters = _trailing_voters(sentence[start : m.start()])
        if voters:
            acc.add(side, voters)
            found = True
        # The next clause's voters start after "og" or "," ("A stemmer for og V stemmer imod");
        # after a reason ("med bemærkning om, at SF stemmer imod") nothing more is a vote.
        if _REASON_WORDS.search(sentence, m.end()):
            break
        nxt = re.search(r"\s+og\s+|,\s+", sentence[m.end() :])
        start = m.end() + nxt.end() if nxt else len(sentence)
    return found


__all__ = ["PARTIES", "parties_named", "party_letter", "read_voters", "read_votes", "verbatim"]
