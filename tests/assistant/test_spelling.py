"""A misspelt word is searched as the store's word one letter away (``Vocabulary.correction``),
and only a misspelling: a real Danish word that the minutes do not use stays as asked."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.vocabulary import Vocabulary
from vectorstore.compounds import load_wordlist
from vectorstore.tokenize import tokenize


def _vocab(counts: dict[str, int]) -> Vocabulary:
    tokens = {tokenize(w)[0]: n for w, n in counts.items()}
    return Vocabulary(vocab={t: i for i, t in enumerate(tokens)}, dfs=np.array(list(tokens.values())), n_docs=100)


WORDS = frozenset({"takster", "byggesager", "umoderne", "imod", "skatepark"})


def test_a_misspelling_is_read_as_the_close_word_the_store_holds() -> None:
    v = _vocab({"takster": 40, "byggesager": 12, "imod": 90, "tekst": 3})
    assert v.correction("takserne", WORDS) == tokenize("takster")[0]  # "takst", not the rarer "tekst"
    assert v.correction("bygesager", WORDS) == tokenize("byggesager")[0]


def test_words_are_not_corrected() -> None:
    v = _vocab({"takster": 40, "imod": 90})
    assert v.correction("umoderne", WORDS) is None  # a word: one letter from "imod", still no misspelling
    assert v.correction("skatepark", WORDS) is None  # a word the store lacks: refusing it is right
    assert v.correction("skatepark", frozenset({"imod"})) is None  # not a listed word, but nothing close
    assert v.correction("takster", WORDS) is None  # known
    assert v.correction("takserne", frozenset()) is None  # no word list: nothing is respelt
    assert v.correction("takserne", WORDS, min_df=50) is None  # too rare to trust


@pytest.mark.skipif(not load_wordlist(), reason="Debian's word list (wdanish) is not installed")
def test_the_installed_word_list_knows_the_words_the_minutes_do_not_use() -> None:
    words = load_wordlist()
    assert {"stemmetal", "umoderne"} <= words
    assert not {"takserne", "turbokylinger", "pantstaion"} & words


def test_a_verb_the_minutes_never_use_is_read_as_the_noun_they_write() -> None:
    """"kan vie folk" asks about "vielser" (Greve, sag 25-010269): Danish verbal nouns in
    -(e)lse, -ning and -ing."""
    v = _vocab({"vielser": 31, "nedrivning": 12, "lukning": 8, "renovering": 40, "folk": 29})
    assert v.derived("vie") == "vielse"  # the word to search, as the minutes spell it
    assert v.derived("nedrive") == "nedrivning"
    assert v.derived("lukke") == "lukning"
    assert v.derived("renovere") == "renovering"


def test_words_the_minutes_use_and_rare_nouns_are_not_derived() -> None:
    v = _vocab({"vielser": 31, "folk": 29, "spisning": 2})
    assert v.derived("folk") is None  # in the store: asked as it is
    assert v.derived("spise") is None  # "spisning" in two chunks only
    assert v.derived("skatepark") is None  # nothing derived from it in the store
    assert v.derived("vi") is None  # too short to be read as a verb
