"""Sentence splitting of item text: blocks (bullets, list numbers, sub-headings), then
sentences that survive Danish abbreviations and amounts ("ca. 5,3 mio. kr. i 2023", "kl. 16.30",
"pr. 31. juli", "d. 11. december"); each
sentence is the source text modulo whitespace, so quotes can be checked against it.

Out of scope: choosing which sentences answer a question (``assistant.evidence``).
"""

from __future__ import annotations

import re


def normalize_ws(text: str) -> str:
    """Collapse all runs of whitespace to one space (quotes are compared in this form)."""
    return re.sub(r"\s+", " ", text).strip()


# A sentence ends at . ! ? followed by space and an upper-case letter, digit or quote; bullets
# () and list dashes at line start also start a new piece.
_SENT_END = re.compile(r"(?<=[.!?:])\s+(?=[\"“”«A-ZÆØÅ0-9])")
# "kr." and "mio." end a sentence before a capital ("... 0,0 mio. kr. Det skal ...") but
# not inside a table row ("2017 543.126 kr. 2018 352.909 kr.").
_UNIT_END = re.compile(r"\b(?:kr|mio|mia|mm|mv)\.$", re.I)
_LABEL_WORDS = 4  # at most this many words before a colon make a label, not a sentence
_ABBREV_END = re.compile(
    r"(?:\b(?:f\.eks|bl\.a|jf|ca|pkt|pk|nr|stk|evt|inkl|ekskl|dvs|mht|ift|iht|hhv|vedr|pga|tlf|d|kl|pr|min|maks|max|jvf|iflg|ang|vha|tidl|el|gns|afd|kap|bek|lbk)\.)$", re.I
)


def sentences(text: str, max_len: int = 400) -> list[str]:
    """Split item text into sentences, whitespace-normalised; each is verbatim modulo whitespace.

    Lines are first grouped into blocks: a bullet, a list number or a short line without end
    punctuation (a sub-heading such as "Økonomi") starts a new block; wrapped lines are joined.

    >>> sentences("Godkendt. Udvalget ønsker en status i maj.")
    ['Godkendt.', 'Udvalget ønsker en status i maj.']
    """
    out: list[str] = []
    for block in _blocks(text):
        parts = _SENT_END.split(block)
        merged: list[str] = []
        for p in parts:
            # subtle: "ca. 5,3 mio. kr. i 2023" must not split after an abbreviation.
            if merged and (
                _ABBREV_END.search(merged[-1])
                or (_UNIT_END.search(merged[-1]) and p[:1].isdigit())
                or _number_goes_on(merged, p)
                or _enumeration_goes_on(merged[-1], p)
                # a short label and a value that is no sentence of its own are one sentence:
                # "Ikke til stede: Simon Østergaard (V)", "Afbud: Linda Heegaard, Liselott Blixt"
                or (merged[-1].endswith(":") and len(merged[-1].split()) <= _LABEL_WORDS and not p.endswith("."))
            ):
                merged[-1] = merged[-1] + " " + p
            else:
                merged.append(p)
        for s in merged:
            out.extend(_cap(s, max_len))
    return [s for s in out if len(s) >= 3]


_LIST_START = re.compile(r"^(?:[•\uf0b7\u2022]|-\s|\d{1,2}[.)]\s|[a-z][.)]\s)")


def _blocks(text: str) -> list[str]:
    blocks: list[list[str]] = []
    prev = ""
    for raw in text.splitlines():
        line = normalize_ws(raw)
        if not line:
            continue
        starts_list = bool(_LIST_START.match(line))
        heading_before = bool(prev) and len(prev) < 60 and not re.search(r"[.,;:!?\-–]$", prev) and line[:1].isupper()
        if not blocks or starts_list or heading_before:
            blocks.append([])
        blocks[-1].append(re.sub(r"^[•\uf0b7\u2022]\s*", "", line))
        prev = line
    return [" ".join(b) for b in blocks if b]


# The number of a point of a recommendation or decision: "1", "Ad 2", "pkt. 3", "4a", "1.-2", "1-3".
POINT_NUMBER = r"(?:ad\s+)?(?:pkt\.?\s*|punkt\s+)?\d{1,2}[a-z]?(?:\s*\.?\s*[-–]\s*\d{1,2}[a-z]?)?"
# A piece that is only a point number: "1.", "Ad 2.", "1.-2."
_LIST_NUMBER = re.compile(POINT_NUMBER + r"\.", re.I)


_INLINE_ENUM = re.compile(r"(?:^|\s)(\d{1,2})\)\s")


def _enumeration_goes_on(piece: str, nxt: str) -> bool:
    """Whether an inline enumeration ("Tilsynstemaerne er: 1) Funktionsevne, ..., 4) Hygiejne:")
    goes on in ``nxt`` ("Forebyggelse af smittespredning og 5) Opfølgning fra seneste tilsyn."):
    the piece holds "n)" and the next piece "n+1)", so the colon was inside an entry."""
    found = _INLINE_ENUM.findall(piece) if piece.endswith(":") else []
    return bool(found) and re.search(rf"(?:^|\s){int(found[-1]) + 1}\)\s", nxt) is not None


def _number_goes_on(merged: list[str], nxt: str) -> bool:
    """Whether a piece ending in a small number and a full stop goes on in ``nxt``: a list
    number ("1. Anbefales", "... efterretning 2. Godkendt" after a "1.") or a date ("pr. 1. 1.
    2024") does; a house number or an appendix before a new sentence ("til Solvej 6. Foreløbig
    er ...", "fremgår af bilag 1. Instruksen ...") does not."""
    m = re.search(r"\b(\d{1,2})\.$", merged[-1])
    if m is None:
        return False
    n = int(m.group(1))
    before = " ".join(merged)[: -len(m.group(0))]
    return (
        nxt[:1].isdigit()
        or _LIST_NUMBER.fullmatch(merged[-1]) is not None
        or (n > 1 and re.search(rf"(?:^|\s){n - 1}[.)]\s", before) is not None)
    )


_CLAUSE_END = re.compile(r"[,;)]$|^[–-]$")


def _cap(s: str, max_len: int) -> list[str]:
    """A sentence longer than ``max_len`` in pieces of at most that length, each cut after a
    comma, semicolon, closing parenthesis or dash, or before an opening parenthesis, where one
    lies in its second half, else between two words: a piece ends where a clause does when it can."""
    if len(s) <= max_len:
        return [s]
    words = s.split(" ")
    pieces: list[str] = []
    start = 0
    while start < len(words):
        end, length = start, -1
        while end < len(words) and (end == start or length + 1 + len(words[end]) <= max_len):
            length += 1 + len(words[end])
            end += 1
        if end < len(words):
            # the last clause end in the second half of the piece, if any
            size, cut = -1, None
            for i in range(start, end):
                size += 1 + len(words[i])
                if size >= max_len // 2 and (_CLAUSE_END.search(words[i]) or words[i + 1].startswith("(")):
                    cut = i + 1
            end = cut or end
        pieces.append(" ".join(words[start:end]))
        start = end
    return pieces
