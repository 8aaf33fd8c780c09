"""Danish compounds split into their known parts, for the keyword index and for questions.

Danish writes compounds as one word ("cykelstiforbindelse", "vejbelysning",
"ældreboligbyggeri"), and people ask with the parts or loose words ("en sti til cykler",
"lys langs vejene"). BM25 over whole stemmed words cannot see "cykel" inside
"cykelstiforbindelse"; with the parts indexed as well it can.

    >>> d = Decompounder({"cykel": 40, "sti": 30, "forbindelse": 12, "vej": 90, "belysning": 8})
    >>> d.split("cykelstiforbindelse")
    ('cykel', 'sti', 'forbindelse')
    >>> d.split("vejbelysning")
    ('vej', 'belysning')

How a split is chosen (after Koehn and Knight, 2003): every way of cutting the word into
2-4 known parts of at least 3 letters is tried, and the one whose parts have the highest
geometric mean frequency wins. A part is *known* when the store's own text uses it as a word
at least ``min_count`` times, or when a Danish word list (Debian's ``wdanish``,
``/usr/share/dict/danish``) has it and the store uses it at all. Linking letters are
handled: "arbejds|marked" (arbejde + s), "børne|have" (børn + e), "trafik|s|ikkerhed" is not
a split because "ikkerhed" is no word. Function words ("for", "over", "under") and bound
prefixes and suffixes ("be-", "sam-", "-skab", "-hed") are never parts, so "forældre" is not
"for" + "ældre" and "fællesskab" is not "fælles" + "skab".

Out of scope: splitting words the store never uses as parts (a question's compound of
words the minutes do not hold finds nothing either way), hyphenated ellipsis ("mad- og
frokostordning": the hyphen already splits "mad"), and meaning (a split is by spelling only;
the index weighs parts below whole words so that an exact word still wins).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from pathlib import Path

WORDLIST = Path("/usr/share/dict/danish")

MIN_WORD = 6  # shorter words are not split
MIN_PART = 3
SHORT_PART_COUNT = 10  # a three-letter part ("vej", "mad", "lys") must be this common
MAX_PARTS = 4
EXTRA_PART_PENALTY = 1.0  # per part beyond two, in log count: "plads|tallet", not "plads|tal|let"


# Bound prefixes and suffixes, and short words that are parts by spelling only.
def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_NOT_FIRST = _set(
    "be ge er for fore sam gen mis ind ud op ned an und over under til med mod efter bag mel ure ube hen "
    "uden ikke selv hvor der her som når"
)
_NOT_LAST = _set(
    "skab skaber skabet skaben hed heden heder dom dommen lig lige lighed else elsen ning ningen sel ende "
    "ende isk iske vis agtig bar baren fuld ere erne est este ens ene ers ing ings ion ioner tion tioner "
    "ren rer rens eret ret ter tet ne nes kab kaber kabet let lig nede ske "
    # inflected endings and function words that the word list also knows as words: "anbefal|inger",
    # "vurder|ingen", "virksom|hederne", "normer|in|gerne" are one word each
    "inger ingen ingens ingerne ingernes hederne hedernes heders hedens ernes gerne mere"
)


@lru_cache(maxsize=4)
def load_wordlist(path: Path = WORDLIST) -> frozenset[str]:
    """The lower-cased words of a word list, one a line; empty when the file is missing."""
    try:
        text = path.read_text(encoding="utf-8", errors="ignore")
    except OSError:
        return frozenset()
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and w.strip().isalpha())


class Decompounder:
    """Splits lower-case words into known parts; ``split`` returns ``()`` for a non-compound.

    ``counts``: word -> how often the store's text uses it. ``wordlist``: words of a Danish
    word list (optional); such a word is a known part when the store uses it at least once.
    """

    def __init__(self, counts: Mapping[str, int], wordlist: Iterable[str] = (), *, min_count: int = 3) -> None:
        from vectorstore.tokenize import stopwords

        self.counts = dict(counts)
        self.min_count = min_count
        words = frozenset(wordlist)
        self.words = words
        stop = stopwords()
        self.known: dict[str, int] = {
            w: c
            for w, c in self.counts.items()
            if len(w) >= MIN_PART
            and w.isalpha()
            and w not in stop
            and (c >= min_count or w in words)
            # subtle: three-letter parts are common and, with a word list, real words: "ang."
            # and "ops" are abbreviations, not the "ang|rebet" of "angrebet".
            and (len(w) > MIN_PART or (c >= SHORT_PART_COUNT and (not words or w in words)))
        }
        self._cache: dict[str, tuple[str, ...]] = {}

    @classmethod
    def from_known(cls, known: Mapping[str, int]) -> Decompounder:
        """A decompounder over an already chosen set of known parts (``known`` as saved)."""
        d = cls.__new__(cls)
        d.counts = dict(known)
        d.min_count = 1
        d.known = dict(known)
        d.words = frozenset()
        d._cache = {}
        return d

    def __contains__(self, word: str) -> bool:
        return word in self.known

    def _count(self, word: str) -> int:
        """How common a candidate part is: the store's count, or 1 for a word of four or more
        letters that only the word list knows (it is then kept, so that a saved index splits
        questions the same way)."""
        c = self.known.get(word)
        if c:
            return c
        if len(word) > MIN_PART and word in self.words and word.isalpha() and word not in _NOT_FIRST:
            self.known[word] = 1
            return 1
        return 0

    def _part(self, piece: str, last: bool) -> tuple[str, int] | None:
        """The known word behind ``piece`` (itself, or without a linking s / e) and its count."""
        if len(piece) < MIN_PART:
            return None
        if last:
            if piece in _NOT_LAST:
                return None
            c = self._count(piece)
            return (piece, c) if c else None
        if piece in _NOT_FIRST:
            return None
        best = (piece, self._count(piece))
        # Linking letters: arbejds -> arbejde, trafik|s, børn|e; the commonest reading wins
        # ("affalds" is also a word of its own in "affalds- og genbrugsområdet").
        # subtle: never after a final s ("fælles|s|kab" is "fællesskab").
        if piece[-1] in "se" and len(piece) > MIN_PART and not piece[:-1].endswith("s"):
            base = piece[:-1]
            for cand in (base, base + "e") if piece[-1] == "s" else (base,):
                c = self._count(cand)
                if c > best[1] and cand not in _NOT_FIRST:
                    best = (cand, c)
        return best if best[1] else None

    def split(self, word: str) -> tuple[str, ...]:
        """The parts of ``word`` (the known words they stand for), or ``()``."""
        w = word.lower()
        got = self._cache.get(w)
        if got is not None:
            return got
        best: tuple[str, ...] = ()
        if len(w) >= MIN_WORD and w.isalpha():
            found = _best(w, self._part, MAX_PARTS)
            if found is not None:
                best = found[1]
        if len(self._cache) < 1_000_000:
            self._cache[w] = best
        return best


def _best(word: str, part, max_parts: int) -> tuple[float, tuple[str, ...]] | None:  # type: ignore[no-untyped-def]
    """The split of ``word`` into 2..max_parts parts with the highest geometric mean count."""

    @cache
    def rest(start: int, left: int) -> tuple[float, tuple[str, ...]] | None:
        # Best split of word[start:] into 1..left parts: (sum of log counts, parts).
        out = None
        whole = part(word[start:], True)
        if whole is not None:
            out = (math.log(whole[1]), (whole[0],))
        if left > 1:
            for i in range(start + MIN_PART, len(word) - MIN_PART + 1):
                head = part(word[start:i], False)
                if head is None:
                    continue
                tail = rest(i, left - 1)
                if tail is None:
                    continue
                score = math.log(head[1]) + tail[0]
                cand = (score, (head[0], *tail[1]))
                # Compare by geometric mean: fewer, more frequent parts beat many small ones.
                if out is None or _mean(cand) > _mean(out):
                    out = cand
        return out

    got = None
    for i in range(MIN_PART, len(word) - MIN_PART + 1):
        head = part(word[:i], False)
        if head is None:
            continue
        tail = rest(i, max_parts - 1)
        if tail is None:
            continue
        cand = (math.log(head[1]) + tail[0], (head[0], *tail[1]))
        if got is None or _mean(cand) > _mean(got):
            got = cand
    if got is None:
        return None
    return _mean(got), got[1]


def _mean(split: tuple[float, tuple[str, ...]]) -> float:
    n = len(split[1])
    return split[0] / n - EXTRA_PART_PENALTY * max(n - 2, 0)
