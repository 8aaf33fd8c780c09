"""Danish words and stems: tokens, function words, the words that frame a question about
minutes, Snowball stems (PyStemmer) and matching a question word against a text.

Out of scope: retrieval tokenising (``vectorstore.tokenize`` owns that), sentences
(``assistant.sentences``) and what a question asks (``assistant.question``).
"""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

from assistant.values import PERCENT_RE

_STEMMER = Stemmer.Stemmer("danish")

# Numbers keep their separators ("1.664", "3,6"); words keep inner hyphens ("a-kasse").
TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:-[^\W\d_]+)*")


def wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words (Danish and English): never a topic.
STOPWORDS = wordset(
    """
    og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om vi min
    havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle vil
    blev kunne ind når være dog noget ville jo deres efter ned skulle denne end dette mit også under
    have dig anden hende mine alt meget sit sine vor mod disse hvis din nogle hos blive mange ad bliver
    hendes været thi jer sådan hvem hvilken hvilke hvilket hvornår hvordan hvorfor mon så kan får fik
    ved bl.a. blandt samt mv mm hvorledes nogen nogle ingen enhver hver hele helt mere mest flere the a
    an of in on at to for by with about from and or is are was were be been being did do does what who
    whom which when where why how many much that this these those it its they their there has have had
    not no any some all than then into as if so can could would should will shall og også kun lige
    stadig altid aldrig igen allerede endnu ca
    """
)

# Words that frame a question about minutes but name no topic of their own.
GENERIC = wordset(
    """
    beslut besluttet besluttede beslutning beslutningen beslutninger vedtog vedtag vedtaget vedtaget
    godkend godkendt godkendte godkendelse udvalg udvalget udvalgets udvalgene møde mødet møder sag
    sagen sager punkt punktet dagsorden referat referatet referaterne kost koste kostede koster pris
    prisen beløb beløbet udgift udgiften ansvarlig ansvarlige ansvar hedder hed handlede handler
    omhandlede sket skete ske gjort gøre gjorde sagde siger afbud fraværende meldt meldte deltog deltager nævnt
    nævnes står stod fremgår decide decided decision decisions committee meeting item case cost costs
    costed responsible absent approve approved say said happen happened minutes agenda
    gik gået går længe
    """
)


def words(text: str) -> list[str]:
    """Lower-cased word and number tokens. ``words("Sags ID: EMN-2024")`` -> ['sags', 'id', 'emn-2024']."""
    return [m.group(0).lower() for m in TOKEN_RE.finditer(text)]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _STEMMER.stemWord(word.lower())


def content_words(text: str) -> list[str]:
    """Words that can carry meaning: no function words, no one-letter tokens, in order, unique."""
    out: list[str] = []
    for w in words(text):
        if w in STOPWORDS or (len(w) < 2 and not w.isdigit()) or w in out:
            continue
        out.append(w)
    return out


def topic_words(text: str) -> list[str]:
    """Content words that name a topic: not generic question framing ("besluttede", "udvalget")."""
    return [w for w in content_words(text) if w not in GENERIC and stem(w) not in _GENERIC_STEMS]


_GENERIC_STEMS = frozenset(stem(w) for w in GENERIC)


def term_in(term: str, haystack_lower: str, haystack_stems: frozenset[str]) -> bool:
    """Whether a question word occurs in a text: same stem, or (for long words) inside a compound.

    "skatepark" matches "skateparken"; "kvinder" matches "indvandrerkvinder".
    """
    s = stem(term)
    if s in haystack_stems or term in haystack_stems:
        return True
    if term.isdigit() or any(c.isdigit() for c in term):
        return re.search(r"(?<![\d.,])" + re.escape(term) + r"(?![\d])", haystack_lower) is not None
    unit = _unit_written(term)
    if unit is not None and unit.search(haystack_lower):
        return True
    if len(s) >= 5:
        return s in haystack_lower
    # A short verb with its particle in front: "holdt" in "afholdt", "sendt" in "udsendt".
    return len(term) >= 4 and _with_particle(term).search(haystack_lower) is not None


# A unit the minutes write short after a number: the question's "kvadratmeter" is the text's
# "5.500 m2". Only abbreviations that mean nothing else after a number.
_UNITS = (
    (re.compile(r"^kvadratmeter\w*$"), re.compile(r"\d\s*(?:m2|m²|kvm)(?!\w)")),
    (re.compile(r"^kubikmeter\w*$"), re.compile(r"\d\s*(?:m3|m³)(?!\w)")),
    (re.compile(r"^kilometer\w*$"), re.compile(r"\d\s*km(?!\w)")),
    (re.compile(r"^hektar\w*$"), re.compile(r"\d\s*ha(?!\w)")),
    (re.compile(r"^procent\w*$"), PERCENT_RE),
    (re.compile(r"^kroner\w*$"), re.compile(r"\d\s*(?:(?:mio\.?|mia\.?|t\.)\s*)?kr\b")),
)


@lru_cache(maxsize=4096)
def _unit_written(term: str) -> re.Pattern[str] | None:
    return next((short for word, short in _UNITS if word.match(term.lower())), None)


# Particles Danish writes in front of a verb ("afholde", "udsende", "genåbne"): a question's
# "holdt" asks about the same act as the minutes' "afholdt". Not "be-", "for-", "ved-": they
# make other verbs ("vedtaget" is not "taget").
_PARTICLES = "af|ud|op|ind|gen|ned|over"


@lru_cache(maxsize=4096)
def _with_particle(term: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_PARTICLES}){re.escape(term.lower())}\b")


def stems_of(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words(text))
