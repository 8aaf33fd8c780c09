"""How common is a word in the whole store? Document frequencies from the retriever's BM25 index.

The refusal confidence weighs the question's words by rarity (a rare word such as
"Frederikshavnerordningen" says more than "borgere") and notices words that occur nowhere
in the store ("skatepark"). The counts come from the BM25 index that
``vectorstore.retrieval.HybridRetriever`` already holds (``refresh().model.vocab_dict`` and
its score matrix), tokenised with ``vectorstore.tokenize`` exactly as the index was. A
retriever without such an index (a test fake) gives ``None``, and the confidence falls back
to counting words in the retrieved items only.

Out of scope: building or changing the index (``vectorstore.bm25``).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Vocabulary:
    """Chunk frequencies of index tokens. ``df("skatepark")`` -> 0 when no chunk holds it."""

    vocab: dict[str, int]
    dfs: np.ndarray
    n_docs: int

    def _df(self, token: str, inside: bool) -> int:
        from vectorstore.tokenize import PART

        whole = int(self.dfs[self.vocab[token]]) if token in self.vocab else 0
        if not inside:
            return whole
        part = int(self.dfs[self.vocab[PART + token]]) if PART + token in self.vocab else 0
        return max(whole, part)

    def df(self, word: str, *, inside: bool = False) -> int:
        """Chunks that hold ``word``; ``inside``: also those that hold it only inside a
        compound ("vej" in "vejbelysning"), which is what "is it in the store at all" asks.

        subtle: a compound the store never writes is absent even when its parts are not
        ("skatepark", "kunstmuseum" are topics of their own, and refusing them is right)."""
        from vectorstore.tokenize import tokenize

        toks = tokenize(word)
        if not toks:
            return self.n_docs  # a stop word: everywhere, says nothing
        return min(self._df(t, inside) for t in toks)

    def correction(self, word: str, words: Collection[str], min_df: int = 3) -> str | None:
        """The index token one edit from ``word``'s token (a letter left out, added, changed or
        two swapped) that the most chunks hold, when ``word`` is a misspelling: in no chunk and
        not a Danish word (``words``, a word list such as Debian's wdanish; "stemmetal" and
        "umoderne" are words the minutes just do not use). "takserne" -> "takst", "bygesager" ->
        "byggesag". None when the word is known, is a word, has fewer than five letters, when
        there is no word list, or when nothing close is in at least ``min_df`` chunks."""
        from vectorstore.tokenize import tokenize

        toks = tokenize(word)
        if not words or word.lower() in words or len(toks) != 1 or len(word) < 5 or not word.isalpha():
            return None
        if self.df(word, inside=True) > 0:
            return None
        token = toks[0]
        letters = "abcdefghijklmnopqrstuvwxyzæøå"
        splits = [(token[:i], token[i:]) for i in range(len(token) + 1)]
        edits = {a + b[1:] for a, b in splits if b}
        edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        edits |= {a + c + b[1:] for a, b in splits if b for c in letters}
        edits |= {a + c + b for a, b in splits for c in letters}
        known = [(self._df(e, False), e) for e in edits if e in self.vocab and len(e) >= 4]
        best = max(known, default=(0, None))
        return best[1] if best[0] >= min_df else None

    def derived(self, word: str, min_df: int = 3) -> str | None:
        """The noun the minutes write for a verb they never use: "vie" -> "vielse", "nedrive"
        -> "nedrivning", "renovere" -> "renovering", "lukke" -> "lukning" (Danish verbal
        nouns in -(e)lse, -ning and -ing). None when ``word`` is in the store (inside a compound
        too), is no verb-like word of at least three letters, or no such noun is in at least
        ``min_df`` chunks; of several, the commonest."""
        w = word.lower()
        if len(w) < 3 or not w.isalpha() or self.df(w, inside=True) > 0:
            return None
        forms = [w + "lse", w + "else", w + "ning", w + "ing"]
        if w.endswith("e"):
            forms += [w[:-1] + "ning", w[:-1] + "ing", w[:-1] + "else"]
            if len(w) > 3 and w[-2] == w[-3] and w[-2] not in "aeiouyæøå":
                forms.append(w[:-2] + "ning")  # lukke -> lukning
        known = [(self.df(f), f) for f in forms]
        best = max(known, default=(0, None))
        return best[1] if best[0] >= min_df else None

    def idf(self, word: str) -> float:
        return math.log(1.0 + (self.n_docs + 1) / (self.df(word) + 0.5))


_cache: dict[int, tuple[Any, Vocabulary]] = {}
_lock = threading.Lock()


def vocabulary_of(retriever: Any) -> Vocabulary | None:
    """The store's vocabulary as the retriever's BM25 index has it, or None."""
    refresh = getattr(retriever, "refresh", None)
    if refresh is None:
        return None
    try:
        index = refresh()
        model = index.model
        if model is None:
            return None
        with _lock:
            got = _cache.get(id(retriever))
            if got is not None and got[0] is index:
                return got[1]
        indptr = np.asarray(model.scores["indptr"])
        vocab = dict(model.vocab_dict)
        dfs = np.diff(np.append(indptr, len(model.scores["indices"])))[: len(vocab)]
        if len(dfs) < len(vocab):
            dfs = np.append(dfs, np.zeros(len(vocab) - len(dfs), dtype=dfs.dtype))
        vocab_obj = Vocabulary(vocab=vocab, dfs=dfs, n_docs=max(len(index), 1))
    except Exception:  # the index's internals are not a contract: degrade, never fail
        return None
    with _lock:
        _cache[id(retriever)] = (index, vocab_obj)
    return vocab_obj
