"""English questions: the dictd reader, the glossary fallback, and the installed dictionaries."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from vectorstore.translate import (
    DAN_ENG,
    DICT_DIR,
    ENG_DAN,
    Translator,
    english_parties,
    glossary,
    is_english,
    read_dictd,
)

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _b64(n: int) -> str:
    out = ""
    while True:
        out = _B64[n % 64] + out
        n //= 64
        if n == 0:
            return out


def write_dictd(folder: Path, name: str, entries: dict[str, str]) -> None:
    """A dictd dictionary as dictfmt writes it: entries in a gzip file, offsets in base64."""
    body = b""
    index = []
    for head, senses in entries.items():
        entry = f"{head} /ipa/ <n>\n{senses}\n".encode()
        index.append(f"{head}\t{_b64(len(body))}\t{_b64(len(entry))}")
        body += entry
    (folder / f"{name}.dict.dz").write_bytes(gzip.compress(body))
    (folder / f"{name}.index").write_text("\n".join(index) + "\n", encoding="utf-8")


def test_read_dictd_reads_senses_and_drops_notes(tmp_path: Path) -> None:
    write_dictd(tmp_path, "t", {"hjemløs": "homeless, [person] without a home", "kylling": "chicken"})
    got = read_dictd("t", tmp_path)
    assert got == {"hjemløs": ["homeless", "without a home"], "kylling": ["chicken"]}
    assert read_dictd("missing", tmp_path) == {}


def test_the_danish_english_dictionary_is_read_backwards(tmp_path: Path) -> None:
    write_dictd(tmp_path, "dan", {"hjemløs": "homeless", "affald": "waste, rubbish", "flaske": "bottle"})
    t = Translator(eng_dan={}, dan_eng=read_dictd("dan", tmp_path))
    assert t.translate("homeless") == ("hjemløs",)
    assert t.translate("bottles") == ("flaske",)  # an inflection is looked up by its lemma
    assert t.translate("rubbish") == ("affald",)
    assert t.translate("unicorn") == ()


def test_the_glossary_comes_first_and_is_the_fallback() -> None:
    t = Translator(eng_dan={}, dan_eng={})  # no dictionary installed
    assert t.translate("council") == ("byråd",)
    assert t.translate("fees") == ("takster",)
    assert glossary()["march"] == "marts"
    assert t.translate("bottle") == ()


def test_the_minutes_own_vocabulary_is_in_the_glossary() -> None:
    """Frequent words of the minutes that FreeDict lacks or gets the wrong sense of: without a
    dictionary installed, and before the dictionary's senses when one is ("chair" is "stol" there)."""
    t = Translator(eng_dan={}, dan_eng={})
    for word, danish in [("proposal", "forslag"), ("recommended", "anbefale"), ("chair", "formand"),
                         ("consultation", "høring"), ("tender", "udbud"), ("disability", "handicap"),
                         ("nursing home", "plejecenter"), ("supervision", "tilsyn")]:  # fmt: skip
        assert t.translate(word)[:1] == (danish,), word
    with_dictionary = Translator(eng_dan={"chair": ["stol"]}, dan_eng={})
    assert with_dictionary.translate("chair") == ("formand", "stol")
    # Two-word phrases win over their words.
    assert t.danish_words("Which nursing homes and disability pension rules?") == [
        "plejecentre",
        "førtidspension",
        "regler",
    ]


def test_general_words_that_no_dictionary_reaches_are_in_the_glossary() -> None:
    """Common English words that the installed FreeDict pair does not reach ("vote", "total",
    "violence"): one Danish word each, inflected forms found through the English lemma."""
    t = Translator()
    for word, danish in [("voted", "stemme"), ("total", "samlet"), ("violence", "vold"),
                         ("equipment", "udstyr"), ("requirements", "krav"), ("mental", "psykisk")]:  # fmt: skip
        assert t.translate(word)[:1] == (danish,), word
    assert all(" " not in danish for danish in glossary().values())


def test_names_and_numbers_stay_function_words_go() -> None:
    t = Translator(eng_dan={}, dan_eng={"hjemløs": ["homeless"]})
    got = t.danish_words("How many homeless people were counted in Greve's shelters in 2024?")
    assert got[:1] == ["hjemløs"]
    assert "greve" in got and "2024" in got
    assert not {"how", "many", "were", "in"} & set(got)


def test_language_vote() -> None:
    assert is_english("What did the council decide about the sauna?")
    assert not is_english("Hvad besluttede byrådet om saunaen?")
    assert not is_english("Hvad er status på Frederikshavnerordningen?")
    # Questions without a question word the vote knew, and Danish names with æ, ø, å
    assert is_english("Will Greve city council meetings be streamed live?")
    assert is_english("Which parties voted against the flexible letting rules for Askerød and Gersagerparken in Greve?")
    assert is_english("Is the ferry to Læsø getting cheaper?")
    assert not is_english("Kan borgerne snart se byrådets møder direkte på nettet?")
    assert not is_english("Får det nordlige Aarhus nye kunstgræsbaner og et klubhus?")
    assert not is_english("Skal man køre langsommere på hovedvejen gennem Løgten og Skødstrup?")
    assert not is_english("Status på SammenUng")


@pytest.mark.skipif(
    not (DICT_DIR / f"{DAN_ENG}.index").exists() or not (DICT_DIR / f"{ENG_DAN}.index").exists(),
    reason="Debian's dict-freedict-eng-dan / dict-freedict-dan-eng are not installed",
)
def test_the_installed_dictionaries_translate_words_the_glossary_lacks() -> None:
    t = Translator()
    glossary_only = Translator(eng_dan={}, dan_eng={})
    for word, danish in [("chicken", "kylling"), ("bottle", "flaske"), ("abandon", "opgive"), ("street", "gade")]:
        assert danish in t.translate(word), word
        assert glossary_only.translate(word) == ()


def test_the_danish_parties_english_names_become_their_danish_names() -> None:
    """ "the Socialist People's Party" is one name, "Socialistisk Folkeparti" in the minutes, not
    "socialist" + "people" + "party" translated word by word."""
    t = Translator(eng_dan={}, dan_eng={})
    got = t.danish_words("What did the Socialist People's Party propose about school meals?")
    assert got[:2] == ["socialistisk", "folkeparti"]
    assert "personer" not in got and "parti" not in got
    rest, names = english_parties("How did the Red-Green Alliance and the Liberals vote on the budget?")
    assert names == ["Enhedslisten de Rød-Grønne", "Venstre"]
    assert "Alliance" not in rest and "Liberals" not in rest and "budget" in rest
    assert t.danish_words("What did the Conservative People's Party want?")[:2] == ["konservative", "folkeparti"]
    # A party's English name that is also a common phrase only counts as a name: "liberal" alone is no party.
    assert english_parties("Is the new rule liberal enough?")[1] == []


def test_district_and_local_alone_are_not_heating_and_plans() -> None:
    t = Translator(eng_dan={}, dan_eng={})
    assert t.danish_words("district heating in the local plan") == ["fjernvarme", "lokalplan"]
    assert t.translate("district") == ("distrikt",)
    assert t.translate("local") == ("lokal",)
    assert t.translate("election") == ("valg",)


def test_a_glossary_phrase_of_three_words_is_one_term() -> None:
    """"terms of reference" is the glossary's "kommissorium"; it had been read word by word
    (only two-word phrases were looked up), so no question found the Kommissorium items."""
    from assistant.question import english_topic

    t = Translator(eng_dan={}, dan_eng={})
    got = t.danish_words("When will the terms of reference for the urban strategy council be evaluated?")
    assert got[0] == "kommissorium"
    assert "reference" not in got and "terms" not in got
    assert "kommissorium" in english_topic("When will the terms of reference be evaluated?")


def test_known_phrases_prefers_the_longer_phrase() -> None:
    from vectorstore.translate import known_phrases

    tokens = ["Terms", "of", "reference", "for", "street", "lights"]
    known = {"terms of reference", "of reference", "street lights"}
    assert known_phrases(tokens, known) == [(0, 3, "terms of reference"), (4, 2, "street lights")]


@pytest.mark.parametrize(
    ("question", "danish"),
    [
        ("What did the finance committee discuss about a women's shelter in November 2025?", "kvindekrisecenter"),
        ("What share of nursing home residents in Greve have dementia?", "demens"),
        ("What did Greve's housing company apply for regarding the right of disposal?", "råderet"),
        ("How much will the municipality save each year on building automation?", "bygningsautomatik"),
        ("Has the council decided anything about climate adaptation against flooding?", "klimatilpasning"),
        ("What did the council decide about giving Greve Sports and Leisure Centre more freedom?", "fritidscenter"),
        ("When did the security guards start working in Greve?", "tryghedsvagter"),
        ("How many associations received a premises grant in 2023?", "lokaletilskud"),
        ("How many floors will the nursing home have?", "etager"),
    ],
)
def test_municipal_terms_the_dictionaries_miss_are_in_the_glossary(question: str, danish: str) -> None:
    """Terms of the minutes that FreeDict lacks or gives in another sense ("shelter" -> "asyl")."""
    assert danish in Translator(eng_dan={}, dan_eng={}).danish_words(question)


def test_a_word_no_dictionary_knows_is_tried_in_danish_spelling() -> None:
    from vectorstore.translate import Translator, cognates

    assert "atletik" in cognates("athletics") and "kvalitet" in cognates("quality")
    assert "teknologi" in cognates("technology") and "kapacitet" in cognates("capacity")
    t = Translator(glossary_={}, eng_dan={}, dan_eng={})
    store = {"atletik", "bane"}
    # only a spelling the store holds, and only for a word nothing translates
    assert t.danish_words("What about the athletics track?", store.__contains__) == ["atletik"]
    assert t.danish_words("What about the athletics track?") == []
