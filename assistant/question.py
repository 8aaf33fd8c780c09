"""Question analysis: what a question asks (its kind: decision, amount, count, date, who,
absent, general), in which language, about which topic words, case ids and item numbers, and
whether it asks about a case's history. ``analyse(question) -> QuestionInfo``.

Plain string work, shared by the grounded answerer, the confidence score and the follow-up
detector. Out of scope: the filters a question names (``vectorstore.query``) and any model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.dates import MONTHS_DA, MONTHS_EN
from assistant.words import GENERIC, STOPWORDS, TOKEN_RE, content_words, topic_words, words, wordset
from ingest.caseids import find_case_ids, without_case_ids
from vectorstore.query import find_item_numbers

# Case ids and item numbers in a question: the same rules as the parsers and the retriever
# (``ingest.caseids.find_case_ids``, ``vectorstore.query.find_item_numbers``).


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

_EN_MARKERS = wordset(
    """
    what who whom which when where why how the was were did does is are about decided decision committee
    many much approved cost costs item case meeting of
    """
)
_DA_MARKERS = wordset(
    """
    hvad hvem hvilke hvilken hvilket hvornår hvordan hvorfor blev der om og af det den er var hvor mange
    meget udvalget besluttede på til som med
    """
)


# English words a question may use for Danish minutes' words: lets an English question's
# topic be checked against Danish text (and helps the lexical side of retrieval).
EN_GLOSSARY: dict[str, str] = {
    "scheme": "ordning",
    "schemes": "ordning",
    "arrangement": "ordning",
    "decision": "beslutning",
    "council": "byråd",
    "city": "by",
    "committee": "udvalg",
    "municipality": "kommune",
    "municipalities": "kommuner",
    "project": "projekt",
    "projects": "projekt",
    "women": "kvinder",
    "woman": "kvinde",
    "immigrant": "indvandrer",
    "immigrants": "indvandrere",
    "employment": "beskæftigelse",
    "jobs": "job",
    "job": "job",
    "unemployed": "ledige",
    "unemployment": "ledighed",
    "benefits": "dagpenge",
    "benefit": "ydelse",
    "sickness": "sygedagpenge",
    "budget": "budget",
    "cost": "udgift",
    "costs": "udgifter",
    "expense": "udgift",
    "expenses": "udgifter",
    "grant": "bevilling",
    "granted": "bevilget",
    "appropriation": "bevilling",
    "deficit": "underskud",
    "guarantee": "garanti",
    "parking": "parkering",
    "prices": "priser",
    "price": "pris",
    "school": "skole",
    "schools": "skoler",
    "children": "børn",
    "child": "barn",
    "young": "unge",
    "youth": "unge",
    "elderly": "ældre",
    "health": "sundhed",
    "smoking": "rygning",
    "cessation": "rygestop",
    "courses": "kurser",
    "course": "kursus",
    "swimming": "svømme",
    "pool": "svømmehal",
    "sauna": "sauna",
    "road": "vej",
    "roads": "veje",
    "route": "rute",
    "bicycle": "cykel",
    "cycle": "cykel",
    "housing": "bolig",
    "homes": "boliger",
    "letting": "udlejning",
    "rental": "udlejning",
    "heating": "varme",
    "district": "fjernvarme",
    "plan": "plan",
    "local": "lokalplan",
    "library": "bibliotek",
    "culture": "kultur",
    "sports": "idræt",
    "sport": "idræt",
    "hall": "hal",
    "environment": "miljø",
    "climate": "klima",
    "water": "vand",
    "wastewater": "spildevand",
    "waste": "affald",
    "agenda": "dagsorden",
    "approval": "godkendelse",
    "survey": "undersøgelse",
    "satisfaction": "tilfredshed",
    "companies": "virksomheder",
    "businesses": "virksomheder",
    "company": "virksomhed",
    "status": "status",
    "evaluation": "evaluering",
    "investment": "investering",
    "pension": "førtidspension",
    "disability": "førtidspension",
    "refugees": "flygtninge",
    "ukrainian": "ukraine",
    "integration": "integration",
    "daycare": "dagtilbud",
    "nursing": "plejehjem",
    "care": "pleje",
    "strategy": "strategi",
    "policy": "politik",
    "fee": "takst",
    "fees": "takster",
    "rate": "takst",
    "rates": "takster",
    "tax": "skat",
    "taxes": "skat",
    "land": "grund",
    "sale": "salg",
    "sold": "salg",
    "purchase": "køb",
    "building": "bygning",
    "buildings": "bygninger",
    "maintenance": "vedligeholdelse",
    "renovation": "renovering",
    "timetable": "tidsplan",
    "process": "proces",
    "nature": "natur",
    "park": "park",
    "forest": "skov",
    "beach": "strand",
    "harbour": "havn",
    "harbor": "havn",
    "active": "aktive",
    "people": "personer",
    "persons": "personer",
    "citizens": "borgere",
    "residents": "borgere",
    "members": "medlemmer",
    "employees": "medarbejdere",
    "staff": "medarbejdere",
    "consultants": "konsulenter",
    "parents": "forældre",
    "pupils": "elever",
    "students": "elever",
    "teachers": "lærere",
    "ferry": "færge",
    "speed": "hastighed",
    "traffic": "trafik",
    "bus": "bus",
    "buses": "busser",
    "train": "tog",
    "station": "station",
    "playground": "legeplads",
    "pitch": "bane",
    "pitches": "baner",
    "clubhouse": "klubhus",
    "museum": "museum",
    "church": "kirke",
    "theme": "tema",
    "savings": "besparelser",
    "cuts": "besparelser",
    "sick": "syge",
    "sickness benefit": "sygedagpenge",
    "recommendation": "indstilling",
    "accounts": "regnskab",
    "report": "rapport",
    "agreement": "aftale",
    "contract": "kontrakt",
    "application": "ansøgning",
    "permit": "tilladelse",
    "exemption": "dispensation",
    "casino": "kasino",
    "zoo": "zoologisk",
    "bear": "bjørn",
    "bears": "bjørne",
    "cinema": "biograf",
    "stadium": "stadion",
    "concert": "koncert",
    "skatepark": "skatepark",
    "airport": "lufthavn",
    "cruise": "krydstogt",
    "ship": "skib",
    "hospital": "sygehus",
    "police": "politi",
    "theatre": "teater",
    "theater": "teater",
    "festival": "festival",
    "christmas": "jul",
    "tourism": "turisme",
    "tourists": "turister",
    "marina": "lystbådehavn",
    "bridge": "bro",
    "wind": "vind",
    "turbines": "møller",
    "solar": "solceller",
    "energy": "energi",
    "electricity": "el",
    "vaccination": "vaccination",
    "influenza": "influenza",
    "trees": "træer",
    "tree": "træ",
    "garden": "have",
    "gardens": "haver",
    "dogs": "hunde",
    "dog": "hund",
    "horse": "hest",
    "horses": "heste",
    "swimming pool": "svømmehal",
    "ice": "is",
    "rink": "skøjtebane",
    **{m.lower(): d for m, d in zip(MONTHS_EN, MONTHS_DA, strict=True)},
}


def english_topic(question: str) -> list[str]:
    """The words of an English question that can be looked for in Danish text: proper nouns,
    numbers and glossary translations (other English words cannot match Danish minutes)."""
    out: list[str] = []
    for m in TOKEN_RE.finditer(question):
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


def is_english(text: str) -> bool:
    """A crude but dependable vote of English versus Danish function words."""
    ws = words(text)
    if any(ch in text.lower() for ch in "æøå"):
        return sum(w in _EN_MARKERS for w in ws) >= 3 + sum(w in _DA_MARKERS for w in ws)
    return sum(w in _EN_MARKERS for w in ws) > sum(w in _DA_MARKERS for w in ws)


def question_kind(text: str) -> QuestionKind:
    for kind, pattern in _KIND_RULES:
        if pattern.search(text):
            return kind
    return "general"


def analyse(question: str) -> QuestionInfo:
    """Classify a question. ``analyse("Hvor mange kommuner deltog?").kind`` -> 'count'."""
    case_ids = find_case_ids(question)
    rest = without_case_ids(question)
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
        item_numbers=find_item_numbers(question),
        history=bool(HISTORY_RE.search(question)),
    )
