"""Danish-aware tokens for BM25: lower case, Snowball-stemmed words, stopwords out, and
identifiers kept whole.

    >>> tokenize("Frederikshavnerordningen, sag EMN-2024-00966")
    ['frederikshavnerordning', 'sag', 'emn', '2024', '00966', 'emn-2024-00966']

Identifiers (case IDs such as ``EMN-2024-00966``, ``2012-28504``, ``23-007402K``, ``12/27845``,
and numbers such as ``1.316.000``) become one token *and* their parts, so that an exact ID
matches exactly and a partial one ("2024-00966", "00966") still matches something.

Past tense: Snowball leaves the weak verbs' past ("ønskede" -> "ønsked", "besluttede" ->
"beslutted") apart from their other forms ("ønsker", "ønsket" -> "ønsk"). Such a word is also
given its verb's token ("ønskede" -> 'ønsked', 'ønsk'; ``token_groups`` keeps them together so
that a query can weigh the verb's below the word's own), when a Danish word list
(``vectorstore.compounds``'s, when installed) shows it is a past tense: the participle in "-et" is
a word and the root does not end in "-ed" itself ("billede" has "billedet", "vejlede" has
"vejledt"). Without the word list, Snowball's tokens only.

Compound parts ("vejbelysning" -> "~vej", "~belysning") are extra tokens with their own prefix
``PART`` (``part_tokens``; the split itself is ``vectorstore.compounds``), so that a chunk's
own word and a word inside one of its compounds count apart and can be weighed apart.

Out of scope: spelling correction, and anything language-model based.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from functools import cache
from importlib import resources

import Stemmer

from vectorstore.compounds import load_wordlist

# Bump when the token stream changes, so that persisted BM25 indexes are rebuilt.
_TOKENIZER_VERSION = "6"
PART = "~"  # prefix of a compound part's token: "~vej" is "vej" inside a compound

# Words are runs of letters and digits. An identifier is a run that starts with digits (or
# letters and a hyphen) and continues with "-", "/" or "." and more: "emn-2024-00966",
# "23-007402k", "12/27845", "1.316.000", "2024-03-06". subtle: the possessive quantifiers (++)
# keep this linear; without them a failed match backtracks through every word.
_WORD = re.compile(r"[^\W_]+")
_IDENT = re.compile(r"\b(?:[^\W\d_]++-)?\d++(?:[-/.][^\W_]++)+")

_local = threading.local()  # PyStemmer objects are not thread-safe; nor is the cache below


def _stemmer() -> Stemmer.Stemmer:
    s = getattr(_local, "stemmer", None)
    if s is None:
        s = _local.stemmer = Stemmer.Stemmer("danish")
    return s


def tokenizer_version() -> str:
    """What a saved index's tokens were made with: this module's rules and whether the word
    list that decides past-tense stems was there (an index built with it is rebuilt without)."""
    return _TOKENIZER_VERSION + ("+da" if load_wordlist() else "")


# A root that itself ends in "-ed" shows it in a form of its own: "billedet", "vejledt",
# "marked", "forberedt", "billeder", "vejledende".
_ROOT_ENDINGS = ("ed", "edt", "edet", "eder", "edende")


def _past_root(word: str) -> str | None:
    """The participle ("ønsket") of a weak verb's past ("ønskede", "ønskedes"), or None."""
    for ending in ("ede", "edes"):
        if word.endswith(ending):
            root = word[: -len(ending)]
            break
    else:
        return None
    known = load_wordlist()
    if len(root) < 2 or root + "et" not in known or any(root + e in known for e in _ROOT_ENDINGS):
        return None
    return root + "et"


def _word_tokens(word: str) -> tuple[str, ...]:
    """A word's tokens: its Snowball stem, then its verb's when it is a past tense whose stem
    differs ("ønskede" -> ('ønsked', 'ønsk'); "billede" -> ('billed',))."""
    stem = _stemmer().stemWord
    own = stem(word)
    root = _past_root(word)
    verb = stem(root) if root else own
    return (own,) if verb == own else (own, verb)


@cache
def stopwords() -> frozenset[str]:
    """The Danish (and a few English) function words that never become tokens."""
    text = resources.files("vectorstore").joinpath("data/stopwords_da.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


class _Stems(dict):
    """word -> tokens (none for a dropped word), filled on first sight: minutes reuse few words."""

    def __init__(self) -> None:
        super().__init__()
        self.stop = stopwords()

    def __missing__(self, word: str) -> tuple[str, ...]:
        if word.isdigit():
            tokens: tuple[str, ...] = (word,)
        elif word in self.stop or len(word) < 2:
            tokens = ()
        else:
            tokens = _word_tokens(word)
        if len(self) < 500_000:
            self[word] = tokens
        return tokens


def _stems() -> _Stems:
    s = getattr(_local, "stems", None)
    if s is None:
        s = _local.stems = _Stems()
    return s


def tokenize(text: str) -> list[str]:
    """Tokens of ``text``: stemmed words in order, then identifiers whole.

    Stopwords and one-letter words go; numbers stay (one digit can be an item number).
    """
    return [t for group in token_groups(text) for t in group]


def token_groups(text: str) -> list[tuple[str, ...]]:
    """``tokenize``'s tokens by word: a word's own token first, then its verb's when a past
    tense has one; identifiers one a group. ``token_groups("ønskede 12/27845")`` ->
    [('ønsked', 'ønsk'), ('12/27845',)]."""
    low = text.lower()
    stems = _stems()
    out = [g for g in map(stems.__getitem__, _WORD.findall(low)) if g]
    out += [(i,) for i in _IDENT.findall(low)]
    return out


def words(text: str) -> list[str]:
    """The lower-cased words of ``text`` (letters and digits), as ``tokenize`` sees them."""
    return _WORD.findall(text.lower())


def names(text: str) -> set[str]:
    """The lower-cased words ``text`` writes as names: capitalised, and not the first word of
    a sentence ("Kommer der kameraer op i Greve Nord?" -> {"greve", "nord"}). Danish writes
    common nouns in lower case, so this is what it names. A text written in capitals names nothing."""
    if text.upper() == text:
        return set()
    out = set()
    for m in re.finditer(r"[^\W\d_]+", text):
        w = m.group(0)
        before = text[: m.start()].rstrip()
        if w[0].isupper() and before and before[-1] not in ".?!:":
            out.add(w.lower())
    return out


def part_tokens(text: str, split: Callable[[str], tuple[str, ...]]) -> list[str]:
    """``PART`` tokens for the parts of the compounds in ``text``, ``split`` being the
    decompounder: ``part_tokens("Vejbelysning", d.split)`` -> ['~vej', '~belysning']."""
    stems = _stems()
    out = []
    for w in _WORD.findall(text.lower()):
        for p in split(w):
            out += [PART + t for t in stems[p]]
    return out


def tokenize_many(texts: list[str]) -> list[list[str]]:
    return [tokenize(t) for t in texts]
