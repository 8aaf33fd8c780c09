"""Small Danish text tools for answering: words, stems, sentences, question types, language.

Everything here is plain string work (PyStemmer for Danish stems), shared by the grounded
answerer, the confidence score and the follow-up detector. Out of scope: retrieval tokenising
(``vectorstore.tokenize`` owns that) and any model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

from vectorstore.translate import glossary, is_english

_STEMMER = Stemmer.Stemmer("danish")

# Numbers keep their separators ("1.664", "3,6"); words keep inner hyphens ("a-kasse").
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:-[^\W\d_]+)*")


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
    gik gået går
    """
)

# Danish month names, for dates in answers and in question typing.
MONTHS_DA = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

AMOUNT_RE = re.compile(
    r"\d[\d.,]*\s*(?:mio\.?|mia\.?|millioner|milliarder|mill\.?|t\.?\s*kr|tusind)?\s*kr\b|kr\.?\s*\d|"
    r"\d[\d.,]*\s*(?:mio\.?|mia\.?|millioner|milliarder)\b|"
    # a size ("hvor stort er huset?"): square metres, metres, hectares (not per cent: a change of a
    # price "med 2 pct." is not the price)
    r"\d[\d.,]*\s*(?:m²|m2|m³|m3|kvm|kvadratmeter|meter|km|hektar|ha)(?!\w)",
    re.I,
)
NUMBER_RE = re.compile(
    r"\b\d+(?:[.,]\d+)*\b|\b(?:én|et|to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv|halvdelen|hundrede)\b", re.I
)
DATE_RE = re.compile(
    r"\b\d{1,2}\.\s*(?:" + "|".join(MONTHS_DA) + r")\b|\b(?:" + "|".join(MONTHS_DA) + r")\s+(?:19|20)\d{2}\b|"
    r"\b\d{1,2}[.-]\d{1,2}[.-](?:19|20)\d{2}\b|\b(?:19|20)\d{2}\b|\b(?:i\s+)?(?:efteråret|foråret|sommeren|vinteren)\b",
    re.I,
)
WHO_RE = re.compile(
    r"\b(?:center|centret|afdeling|afdelingen|forvaltning|forvaltningen|sekretariat|jobcenter|direktør|"
    r"chef|centerchef|borgmester|formand|administrationen|indstiller|udvalget|byrådet|styrelsen)\b|"
    r"\b[A-ZÆØÅ][a-zæøå]+ [A-ZÆØÅ][a-zæøå]+\b|\([A-ZÆØÅ]{1,2}\)",
)

# Case numbers as vendors print them: "EMN-2024-00966", "21-014448" (Greve), "2012-28504"
# (Ballerup). subtle: a bare "2025-2028" is a year range, so bare numbers need 5+ digits after
# the dash.
CASE_ID_RE = re.compile(r"\b(?:[A-ZÆØÅ]{2,5}-\d{4}-\d{3,7}|\d{2}-\d{5,7}|\d{4}-\d{5,7})\b", re.I)
ITEM_RE = re.compile(r"\b(?:punkt|pkt\.?|item|dagsordenspunkt)\s*(?:nr\.?\s*)?(\d+(?:\.\d+)?)\b", re.I)


def words(text: str) -> list[str]:
    """Lower-cased word and number tokens. ``words("Sags ID: EMN-2024")`` -> ['sags', 'id', 'emn-2024']."""
    return [m.group(0).lower() for m in _TOKEN.finditer(text)]


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


def normalize_ws(text: str) -> str:
    """Collapse all runs of whitespace to one space (quotes are compared in this form)."""
    return re.sub(r"\s+", " ", text).strip()


# A sentence ends at . ! ? followed by space and an upper-case letter, digit or quote; bullets
# () and list dashes at line start also start a new piece.
_SENT_END = re.compile(r"(?<=[.!?:])\s+(?=[\"“”«A-ZÆØÅ0-9])")
# "kr." and "mio." end a sentence before a capital ("... 0,0 mio. kr. Det skal ...") but
# not inside a table row ("2017 543.126 kr. 2018 352.909 kr.").
_UNIT_END = re.compile(r"\b(?:kr|mio|mia|mm|mv)\.$", re.I)
_ABBREV_END = re.compile(r"(?:\b(?:f\.eks|bl\.a|jf|ca|pkt|nr|stk|evt|inkl|ekskl|dvs|mht|ift|vedr|pga|tlf)\.)$", re.I)


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
                or re.search(r"\b\d{1,2}\.$", merged[-1])
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


def _cap(s: str, max_len: int) -> list[str]:
    if len(s) <= max_len:
        return [s]
    pieces, cur = [], []
    for w in s.split(" "):
        if cur and len(" ".join([*cur, w])) > max_len:
            pieces.append(" ".join(cur))
            cur = []
        cur.append(w)
    if cur:
        pieces.append(" ".join(cur))
    return pieces


QuestionKind = str  # "decision" | "amount" | "count" | "date" | "who" | "absent" | "general"


@dataclass(frozen=True)
class QuestionInfo:
    """What the answerer needs to know about a question before reading the evidence."""

    text: str
    kind: QuestionKind
    english: bool
    content: tuple[str, ...]
    topic: tuple[str, ...]
    case_ids: tuple[str, ...]
    item_numbers: tuple[str, ...]
    history: bool = False  # asks about the case's earlier treatment ("første gang", "hvilke møder")


# A question about a case's course through earlier meetings.
HISTORY_RE = re.compile(
    r"\b(?:første gang|tidligere (?:møde|behandl)\w*|hvilke (?:politiske )?møder|været igennem|forløb\w*|"
    r"historik\w*|dengang|behandlet før|oprindelig\w*|earlier meetings?|first time|history)\b",
    re.I,
)


_KIND_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("absent", re.compile(r"\b(afbud|fravær\w*|absent|absence|ikke til stede|deltog ikke|mødte ikke)\b", re.I)),
    # "Hvor mange penge/kroner" asks for an amount, not a count.
    ("amount", re.compile(r"\b(?:hvor mange|how many)\s+(?:penge|kroner|mio\.?|millioner|money)\b", re.I)),
    ("count", re.compile(r"\b(hvor mange|antal(?:let)?|how many|number of)\b", re.I)),
    (
        "amount",
        re.compile(
            r"\b(hvor meget|hvor stor\w*|hvad kost\w*|kost(?:e|ede|er)|pris\w*|beløb\w*|how much|cost\w*|price|"
            r"amount|spend\w*|kr\.?|\w*takst\w*|rate|fee)\b",
            re.I,
        ),
    ),
    ("date", re.compile(r"\b(hvornår|hvilken dato|hvilket år|hvilken måned|when|what date|which year|date)\b", re.I)),
    (
        "who",
        re.compile(
            r"\b(hvem|hvilk\w+ (?:center|afdeling|forvaltning|enhed|udvalg)|ansvarlig\w*|who|which (?:centre|center|unit|department)|responsible)\b",
            re.I,
        ),
    ),
    (
        "decision",
        re.compile(
            r"\b(beslut\w*|vedt(?:og|aget|age)|godkend\w*|besluttede|afgør\w*|decid\w*|decision|approv\w*|resolv\w*|"
            r"hvad blev|hvad skete|what happened|indstill\w*)\b",
            re.I,
        ),
    ),
    ("amount", re.compile(r"\b(udgift\w*|bevilg\w*|budget\w*|underskud\w*|overskud\w*|tilskud\w*)\b", re.I)),
)

# English words a question may use for Danish minutes' words: lets an English question's
# topic be checked against Danish text (and helps the lexical side of retrieval). The glossary
# and the language vote live with the translation (``vectorstore.translate``).
EN_GLOSSARY: dict[str, str] = glossary()


def english_topic(question: str) -> list[str]:
    """The words of an English question that can be looked for in Danish text: proper nouns,
    numbers and glossary translations (other English words cannot match Danish minutes)."""
    out: list[str] = []
    for m in _TOKEN.finditer(question):
        w = m.group(0)
        low = w.lower()
        if low in STOPWORDS or low in GENERIC:
            continue
        if low in EN_GLOSSARY:
            cand = EN_GLOSSARY[low]
        elif (w[:1].isupper() and m.start() > 0) or any(c.isdigit() for c in w) or any(c in low for c in "æøå"):
            cand = low
        else:
            continue
        if cand not in out:
            out.append(cand)
    return out


def question_kind(text: str) -> QuestionKind:
    for kind, pattern in _KIND_RULES:
        if pattern.search(text):
            return kind
    return "general"


def analyse(question: str) -> QuestionInfo:
    """Classify a question. ``analyse("Hvor mange kommuner deltog?").kind`` -> 'count'."""
    case_ids = tuple(dict.fromkeys(m.group(0).upper() for m in CASE_ID_RE.finditer(question)))
    rest = CASE_ID_RE.sub(" ", question)
    english = is_english(question)
    if english:
        topic = english_topic(rest)
        content = topic
    else:
        topic = topic_words(rest)
        content = content_words(rest)
    return QuestionInfo(
        text=question,
        kind=question_kind(question),
        english=english,
        content=tuple(content),
        topic=tuple(topic),
        case_ids=case_ids,
        item_numbers=tuple(dict.fromkeys(m.group(1) for m in ITEM_RE.finditer(question))),
        history=bool(HISTORY_RE.search(question)),
    )


def term_in(term: str, haystack_lower: str, haystack_stems: frozenset[str]) -> bool:
    """Whether a question word occurs in a text: same stem, or (for long words) inside a compound.

    "skatepark" matches "skateparken"; "kvinder" matches "indvandrerkvinder".
    """
    s = stem(term)
    if s in haystack_stems or term in haystack_stems:
        return True
    if term.isdigit() or any(c.isdigit() for c in term):
        return re.search(r"(?<![\d.,])" + re.escape(term) + r"(?![\d])", haystack_lower) is not None
    return len(s) >= 5 and s in haystack_lower


def stems_of(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words(text))


def danish_date(d) -> str:  # type: ignore[no-untyped-def]
    """``danish_date(date(2024, 3, 6))`` -> '6. marts 2024'."""
    return f"{d.day}. {MONTHS_DA[d.month - 1]} {d.year}"


def english_date(d) -> str:  # type: ignore[no-untyped-def]
    return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"
