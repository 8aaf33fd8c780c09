"""English questions, Danish minutes: which Danish words an English question's words stand for.

The dense side of retrieval is multilingual and reads an English question as it is; the
keyword side only matches Danish words. So an English question's content words are
translated with, in this order:

1. the bundled glossary of municipal words (``data/en_da_glossary.tsv``: scheme -> ordning,
   council -> byråd, ...), the fallback when no dictionary is installed;
2. Debian's FreeDict dictionaries when installed (``dict-freedict-eng-dan``, English ->
   Danish, and ``dict-freedict-dan-eng``, Danish -> English read backwards: "homeless" is a
   gloss of "hjemløs"), in the dictd format (``.index`` + ``.dict.dz``).

Names and numbers are kept as they are ("Greve", "2024"), the Danish parties' English names
become their Danish names (``english_parties``); English function words are dropped. ``is_english`` is the vote of English against Danish function words that the whole
project uses.

    >>> Translator().translate("council")
    ('byråd',)

Out of scope: phrases longer than four words, word sense (all senses are kept, the rarest
Danish words first is left to BM25's idf), and translating the answer (quotes stay Danish).
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path

from ingest.votes import PARTIES

DICT_DIR = Path("/usr/share/dictd")
ENG_DAN = "freedict-eng-dan"
DAN_ENG = "freedict-dan-eng"
MAX_TRANSLATIONS = 4

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+(?:[.,]\d+)*", re.U)

MONTHS = {
    "january": "januar", "february": "februar", "march": "marts", "april": "april", "may": "maj",
    "june": "juni", "july": "juli", "august": "august", "september": "september", "october": "oktober",
    "november": "november", "december": "december",
}  # fmt: skip


# The Danish parties by the English names English-language sources give them (letter as in
# ``ingest.votes.PARTIES``): "the Socialist People's Party" is "Socialistisk Folkeparti", not
# "socialist" + "personer" + "parti".
ENGLISH_PARTIES: dict[str, tuple[str, ...]] = {
    "A": ("Social Democrats", "Social Democratic Party", "Social Democratic"),
    "B": ("Danish Social Liberal Party", "Social Liberal Party", "Social Liberals", "Radical Left"),
    "C": ("Conservative People's Party", "Conservative Party", "Conservatives"),
    "D": ("New Right",),
    "F": ("Socialist People's Party", "Green Left"),
    "I": ("Liberal Alliance",),
    "K": ("Christian Democrats",),
    "M": ("Moderates",),
    "O": ("Danish People's Party",),
    "V": ("Liberal Party", "Liberals"),
    "Ø": ("Red-Green Alliance", "Red–Green Alliance", "Unity List"),
    "Å": ("The Alternative",),
    "Æ": ("Denmark Democrats",),
}
_PARTY_EN = sorted(((n, letter) for letter, names in ENGLISH_PARTIES.items() for n in names), key=lambda x: -len(x[0]))
_PARTY_EN_RE = re.compile(
    r"\b(?:the\s+)?(" + "|".join(re.escape(n).replace("'", "['’]") for n, _ in _PARTY_EN) + r")(?:['’]s?)?(?!\w)", re.I
)
_PARTY_LETTER = {n.lower().replace("’", "'"): letter for n, letter in _PARTY_EN}


def english_parties(question: str) -> tuple[str, list[str]]:
    """(the question with English party names taken out, the Danish names of those parties).

    >>> rest, names = english_parties("What did the Socialist People's Party propose?")
    >>> rest.split(), names
    (['What', 'did', 'propose?'], ['Socialistisk Folkeparti'])
    """
    found: list[str] = []

    def take(m: re.Match[str]) -> str:
        letter = _PARTY_LETTER[m.group(1).lower().replace("’", "'")]
        found.append(PARTIES[letter][0])
        return " "

    return _PARTY_EN_RE.sub(take, question), list(dict.fromkeys(found))


def party_words(names: Iterable[str]) -> list[str]:
    """The words of Danish party names to look for, less their articles: "Det Konservative
    Folkeparti" -> ["konservative", "folkeparti"]."""
    return [w for name in names for w in name.lower().split() if w not in ("de", "det")]


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words of each language that are not words of the other (so not "at", "to", "her",
# "for", "over", "under", "man", "dig"): a question is English when more of its words are
# English function words than Danish ones. Names ("Askerød", "Gersagerparken") count for neither.
EN_MARKERS = _set(
    """what who whom whose which when where why how the a an was were did does do is are be been being has have
    had will would shall should can could may might must not no yes of in on with from by about against into
    onto than that this these those there their they them it its he she his hers we our you your and or but
    if so because while during after before between through without within many much approved cost costs
    decided decision committee meeting meetings item case council city municipality any some all each every"""
)
DA_MARKERS = _set(
    """hvad hvem hvilke hvilken hvilket hvornår hvordan hvorfor hvor blev bliver blive der om og af det den
    de er var har havde skal skulle vil ville kan kunne må måtte ikke ja nej på til som med fra ved efter
    før mellem uden hos mod mange meget udvalget udvalg besluttede beslutning besluttet kommunen byrådet sag
    sagen punkt punktet møde mødet i et en jeg vi du han hun dem deres sin sit sine noget nogen alle hver
    også eller men hvis fordi når"""
)
# English words that carry no topic (question framing and function words).
EN_STOP = _set(
    """a an the of in on at to for by with about from and or is are was were be been being did do does done
    what who whom which when where why how many much that this these those it its they their there has have had
    not no any some all than then into as if so can could would should will shall get got give gave given
    make made take took into over under per out up down off again also only just very more most such each
    other new old one two three four five six seven eight nine ten first last next year years month
    decide decided decision decisions committee meeting item case minutes agenda approve approved say said
    happen happened municipality municipal council city town local back"""
)


def is_english(text: str) -> bool:
    """A vote of English against Danish function words (``EN_MARKERS``, ``DA_MARKERS``): words
    of neither language, such as names with æ, ø or å, do not vote."""
    ws = [m.group(0).lower() for m in _WORD.finditer(text)]
    return sum(w in EN_MARKERS for w in ws) > sum(w in DA_MARKERS for w in ws)


def _b64(s: str) -> int:
    """dictd's base64 numbers (most significant digit first)."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    n = 0
    for ch in s:
        n = n * 64 + alphabet.index(ch)
    return n


def read_dictd(name: str, folder: Path = DICT_DIR) -> dict[str, list[str]]:
    """headword -> its translations (comma-separated senses, notes in brackets removed) from a
    dictd dictionary; empty when it is not installed."""
    index, data = folder / f"{name}.index", folder / f"{name}.dict.dz"
    try:
        raw = gzip.decompress(data.read_bytes())
        lines = index.read_text(encoding="utf-8").splitlines()
    except (OSError, EOFError):
        return {}
    out: dict[str, list[str]] = {}
    for line in lines:
        parts = line.split("\t")
        if len(parts) < 3 or parts[0].startswith("00database"):
            continue
        body = raw[_b64(parts[1]) : _b64(parts[1]) + _b64(parts[2])].decode("utf-8", "ignore")
        rest = body.splitlines()[1:]  # the first line is the headword and its pronunciation
        senses = []
        for sense_line in rest:
            sense_line = re.sub(r"\[[^\]]*\]|\([^)]*\)|<[^>]*>", " ", sense_line)
            senses += [s.strip().lower() for s in sense_line.split(",") if s.strip()]
        if senses:
            out.setdefault(parts[0].lower(), []).extend(senses)
    return out


def glossary() -> dict[str, str]:
    """The bundled English -> Danish glossary (``data/en_da_glossary.tsv``) plus the months."""
    text = resources.files("vectorstore").joinpath("data/en_da_glossary.tsv").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            en, _, da = line.partition("\t")
            out[en.strip().lower()] = da.strip()
    out.update(MONTHS)
    return out


def _lemmas(word: str) -> list[str]:
    """The word and the plain English forms it may be an inflection of."""
    out = [word]
    for suffix, repl in (("ies", "y"), ("ves", "f"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"),
                         ("ing", ""), ("ing", "e"), ("ly", "")):  # fmt: skip
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            out.append(word[: -len(suffix)] + repl)
    return out


class Translator:
    """English word -> Danish words (glossary first, then dictionaries). See the module docstring.

    ``eng_dan`` and ``dan_eng``: dictionaries as ``read_dictd`` returns them (default: the
    installed Debian ones, or none).
    """

    def __init__(
        self,
        glossary_: Mapping[str, str] | None = None,
        eng_dan: Mapping[str, list[str]] | None = None,
        dan_eng: Mapping[str, list[str]] | None = None,
    ) -> None:
        self.glossary = dict(glossary() if glossary_ is None else glossary_)
        self.forward: dict[str, list[str]] = {}
        for en, das in (read_dictd(ENG_DAN) if eng_dan is None else eng_dan).items():
            for da in das:
                _add(self.forward, en, da)
        # Danish -> English backwards: every one-word (or "to x") English sense points at the headword.
        for da, ens in (read_dictd(DAN_ENG) if dan_eng is None else dan_eng).items():
            if " " in da:
                continue
            for en in ens:
                en = re.sub(r"^(?:to|a|an|the)\s+", "", en)
                if en and len(en.split()) <= 2:
                    _add(self.forward, en, da)
        self.phrases = frozenset(k for k in (*self.glossary, *self.forward) if " " in k)  # entries of 2+ words

    def translate(self, word: str) -> tuple[str, ...]:
        """Danish words for one English word or phrase; () when none is known."""
        w = word.lower().strip()
        for lemma in _lemmas(w):
            got = []
            if lemma in self.glossary:
                got.append(self.glossary[lemma])
            got += [d for d in self.forward.get(lemma, []) if " " not in d]
            if got:
                return tuple(dict.fromkeys(got))[:MAX_TRANSLATIONS]
        return ()

    def danish_words(self, question: str, known: Callable[[str], bool] | None = None) -> list[str]:
        """The Danish words an English question stands for: translations of its content words
        (phrases of two to four words first), and its names and numbers as they are; with
        ``known`` (does the store hold this word?), a word nothing translates in its Danish
        spelling (``cognates``: "athletics" -> "atletik")."""
        question, parties = english_parties(question)
        tokens = [m for m in _WORD.finditer(question)]
        out: list[str] = party_words(parties)
        used: set[int] = set()
        for i, n, phrase in known_phrases([m.group(0) for m in tokens], self.phrases):
            got = self.translate(phrase)
            if got:
                out += got
                used |= set(range(i, i + n))
        for i, m in enumerate(tokens):
            w = m.group(0)
            low = w.lower()
            low = re.sub(r"['’]s$", "", low)  # "Greve's" -> "greve"
            if i in used or low in EN_STOP:
                continue
            got = self.translate(low) if low in self.glossary else ()
            if not got and (
                any(c.isdigit() for c in w) or (w[:1].isupper() and m.start() > 0) or any(c in low for c in "æøå")
            ):
                got = (low,)  # a name, a number, a Danish word
            got = got or self.translate(low)
            if not got and known is not None and len(low) >= 5:
                got = tuple(c for c in cognates(low) if known(c))[:1]
            out += got
        return list(dict.fromkeys(out))


# English and Danish share many Latin and Greek words, spelt their own way: "athletics" is
# "atletik", "quality" "kvalitet", "philosophy" "filosofi". An English word no dictionary knows
# is tried in the Danish spelling (``cognates``); only a form the store's own text holds is used.
_COGNATE_ENDINGS = (("ics", "ik"), ("ity", "itet"), ("ism", "isme"), ("ology", "ologi"), ("graphy", "grafi"),
                    ("ical", "isk"), ("ic", "isk"), ("y", "i"))  # fmt: skip
_COGNATE_LETTERS = ((r"th", "t"), (r"ph", "f"), (r"ch", "k"), (r"qu", "kv"), (r"ck", "k"), (r"c(?![eiy])", "k"))


def cognates(word: str) -> tuple[str, ...]:
    """Danish spellings an English word may have ("athletics" -> "atletik" among others), for
    a word no dictionary translates; the caller keeps those its store knows.

    >>> "atletik" in cognates("athletics"), "kvalitet" in cognates("quality")
    (True, True)
    """
    w = word.lower()
    ending = next((w[: -len(en)] + da for en, da in _COGNATE_ENDINGS if w.endswith(en) and len(w) - len(en) >= 3), None)
    stems = [w] if ending is None else [w, ending]
    out: list[str] = []
    for form in stems:
        spelled = form
        for en, da in _COGNATE_LETTERS:
            spelled = re.sub(en, da, spelled)
        for f in (form, spelled):
            if f != w and f not in out:
                out.append(f)
    return tuple(out)


LONGEST_PHRASE = 4  # words


def known_phrases(tokens: Sequence[str], known: Container[str]) -> list[tuple[int, int, str]]:
    """``(i, n, phrase)`` for each run of ``n`` (2 to ``LONGEST_PHRASE``) neighbouring tokens, from
    the ``i``-th, whose lower-cased phrase ``known`` holds; a longer phrase first, and no phrase
    inside a longer one: ``known_phrases(["Terms", "of", "reference", "for"], {"terms of
    reference"})`` -> ``[(0, 3, "terms of reference")]``."""
    low = [t.lower() for t in tokens]
    found: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for n in range(LONGEST_PHRASE, 1, -1):
        for i in range(len(low) - n + 1):
            phrase = " ".join(low[i : i + n])
            if phrase in known and not taken & set(range(i, i + n)):
                found.append((i, n, phrase))
        taken |= {j for i, n_, _ in found for j in range(i, i + n_)}
    return sorted(found)


def _add(table: dict[str, list[str]], key: str, value: str) -> None:
    values = table.setdefault(key, [])
    if value not in values:
        values.append(value)


@cache
def default_translator() -> Translator:
    """The translator over the installed dictionaries (loaded once per process)."""
    return Translator()


def english_cognates(question: str, known: Callable[[str], bool]) -> list[str]:
    """The Danish spellings ``known`` holds of an English question's words that nothing else
    translates ("What was the committee told about the athletics track?" -> ["atletik"]): what
    ``danish_words`` adds when it may ask the store."""
    t = default_translator()
    plain = set(t.danish_words(question))
    return [w for w in t.danish_words(question, known) if w not in plain]


def translations(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """``{word: translations}`` with the default translator."""
    t = default_translator()
    return {w: t.translate(w) for w in words}
