"""Related words for searching: a question's "skrald" also looks for "affald", at a lower weight.

Two sources, by stem (so inflections meet: "gebyrer" finds the group of "gebyr"):

1. the project's list of municipal terms (``data/municipal_terms.txt``: takst/gebyr,
   tilskud/støtte, borger/indbygger, ...), weight ``W_MUNICIPAL``;
2. Debian's Danish thesaurus when installed (``mythes-da``, ``/usr/share/mythes/th_da_DK.dat``):
   the one-word synonyms of each sense of a word (not its narrower terms, marked
   "(underbegreb)"), at most ``MAX_THESAURUS`` a word, weight ``W_THESAURUS``.

    >>> related = Related.from_text("takst gebyr betaling")
    >>> related.of("gebyret")   # doctest: +SKIP
    {'takst': 0.5, 'betaling': 0.5}

The weights are small on purpose: a related word is a guess at what the minutes call the
thing, and the question's own words must still decide (``vectorstore.bm25``).

Out of scope: word sense (every sense of a thesaurus word is taken, which is why its weight
is the lowest), phrases, and related words for English questions (they are translated first,
``vectorstore.translate``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

from vectorstore.tokenize import _stemmer, stopwords

THESAURUS = Path("/usr/share/mythes/th_da_DK.dat")
W_MUNICIPAL = 0.5
W_THESAURUS = 0.2
MAX_THESAURUS = 6


def _stem(word: str) -> str:
    return _stemmer().stemWord(word.lower())


class Related:
    """stem -> {related word: weight}. Build with ``from_text`` / ``load``; ``of(word)`` looks up."""

    def __init__(self, table: dict[str, dict[str, float]] | None = None) -> None:
        self.table: dict[str, dict[str, float]] = table or {}

    def add_group(self, words: Iterable[str], weight: float) -> None:
        """Every word of the group is related to every other one."""
        group = [w.lower() for w in words if w and w.lower() not in stopwords()]
        for w in group:
            entry = self.table.setdefault(_stem(w), {})
            for other in group:
                if _stem(other) != _stem(w) and entry.get(other, 0.0) < weight:
                    entry[other] = weight

    def add(self, word: str, related: Iterable[str], weight: float) -> None:
        """``related`` words of ``word`` (one way only)."""
        entry = self.table.setdefault(_stem(word), {})
        for other in related:
            if _stem(other) != _stem(word) and entry.get(other, 0.0) < weight:
                entry[other] = weight

    def of(self, word: str, limit: int = MAX_THESAURUS) -> dict[str, float]:
        """The related words of ``word`` and their weights ({} when none): all of the
        municipal list, and at most ``limit`` of the rest."""
        entry = self.table.get(_stem(word), {})
        strong = {w: x for w, x in entry.items() if x >= W_MUNICIPAL}
        weak = [(w, x) for w, x in entry.items() if x < W_MUNICIPAL][:limit]
        return {**strong, **dict(weak)}

    @classmethod
    def from_text(cls, text: str, weight: float = W_MUNICIPAL) -> Related:
        """Groups one a line (``#`` starts a comment), as in ``data/municipal_terms.txt``."""
        r = cls()
        for line in text.splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                r.add_group(line.split(), weight)
        return r


def municipal_terms() -> Related:
    """The bundled list of municipal terms."""
    text = resources.files("vectorstore").joinpath("data/municipal_terms.txt").read_text(encoding="utf-8")
    return Related.from_text(text, W_MUNICIPAL)


def read_thesaurus(path: Path = THESAURUS) -> dict[str, list[str]]:
    """word -> its one-word synonyms (all senses, narrower terms left out) from a MyThes file;
    {} when the file is missing."""
    try:
        lines = path.read_text(encoding="utf-8", errors="ignore").splitlines()
    except OSError:
        return {}
    out: dict[str, list[str]] = {}
    i = 1  # the first line names the encoding
    while i < len(lines):
        head, _, n = lines[i].partition("|")
        i += 1
        senses = int(n) if n.strip().isdigit() else 0
        words: list[str] = []
        for line in lines[i : i + senses]:
            for w in line.split("|")[1:]:
                w = w.strip()
                if w and "(" not in w and re.fullmatch(r"[^\W\d_]+", w) and w not in words:
                    words.append(w.lower())
        i += senses
        if " " not in head and words:
            out[head.lower()] = words
    return out


def load(path: Path = THESAURUS) -> Related:
    """The municipal terms, and the thesaurus when installed."""
    r = municipal_terms()
    for word, synonyms in read_thesaurus(path).items():
        r.add(word, synonyms[:MAX_THESAURUS], W_THESAURUS)
    return r


@cache
def default_related() -> Related:
    """``load()`` once per process."""
    return load()
