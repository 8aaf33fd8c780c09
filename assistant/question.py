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
from assistant.values import YEAR_RE
from assistant.words import GENERIC, STOPWORDS, TOKEN_RE, content_words, topic_words, wordset
from ingest.caseids import find_case_ids, without_case_ids
from vectorstore.query import find_dates, find_item_numbers
from vectorstore.translate import english_parties, glossary, is_english, known_phrases, party_words

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


# A time of day ("Hvad tid starter møderne?"): a date question whose answer is a clock time.
_TIME_OF_DAY = r"hvilket klokkeslæt|hvilket tidspunkt|hvad tid|what time"
_TIME_OF_DAY_RE = re.compile(rf"\b(?:{_TIME_OF_DAY})\b", re.I)


# "Hvornår startede byrådsmødet den 4. september 2024?": who names the day asks for the hour.
_STARTS_OR_ENDS = re.compile(
    r"\bhvornår\s+(?:startede|begyndte|starter|begynder|sluttede|slutter)\b|"
    r"\bwhen\s+(?:did|does|do|will)\b[^?]*\b(?:start|begin|end|finish)\b",
    re.I,
)
_START_END_VERBS = wordset(
    "startede begyndte starter begynder sluttede slutter start begin end finish started began ended finished"
)


def asks_time_of_day(question: str) -> bool:
    """A clock time is asked: "Hvad tid ...?", "what time", or when something started or ended
    on a day the question names."""
    if _TIME_OF_DAY_RE.search(question):
        return True
    if not _STARTS_OR_ENDS.search(question):
        return False
    when = find_dates(question)  # the day as the retriever reads it, Danish, English or numeric
    return when.day is not None or (when.date_from is not None and when.date_from == when.date_to)


# A meeting named as such ("byrådsmødet", "Økonomiudvalgets møde", "the meeting"): a day named
# with it is that meeting's day (``assistant.meeting_answers``, ``assistant.when.TimeAsk.day``).
MEETING_WORD = re.compile(r"\b\w*møde\w*\b|\bmødtes\b|\bmeetings?\b|\bmeet\b", re.I)

# Who was absent, in the words people ask with (the question kind, and the meeting aspect of
# ``assistant.meeting_answers``).
ABSENCE_Q = re.compile(
    r"\b(?:afbud|fravær\w*|absent\w*|absence|ikke\s+til\s+stede|deltog\s+ikke|mødte\s+ikke|manglede|forhindret|"
    r"(?:who|hvem)\s+(?:was|were)\s+missing|sent\s+(?:their\s+|his\s+|her\s+)?apologies|"
    r"apologi[sz]ed|did\s+not\s+attend|didn't\s+attend|(?:was|were)\s+not\s+(?:present|there))\b",
    re.I,
)

_KIND_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("absent", ABSENCE_Q),
    # "Hvor mange penge/kroner" asks for an amount, not a count.
    ("amount", re.compile(r"\b(?:hvor mange|how many)\s+(?:penge|kroner|mio\.?|millioner|money)\b", re.I)),
    ("count", re.compile(r"\b(hvor mange|antal(?:let)?|how many|number of)\b", re.I)),
    (
        "amount",
        re.compile(
            r"\b(hvor meget|hvor stor\w*|hvad kost\w*|kost(?:e|ede|er)|pris\w*|beløb\w*|how much|cost\w*|price|"
            r"amount|spend\w*|kr\.?|\w*takst\w*|rate|fee|"
            # a size: "Hvor højt skal diget være?" ("en digehøjde på mellem 2,8-3.0 meter")
            r"hvor (?:høj|højt|høje|lang|langt|lange|bred|bredt|dyb|dybt)(?! (?:tid|en periode|periode|løbetid|tidsperiode)\b)|"
            # a temperature: "Hvor varmt skal der være i skolerne?" ("19 grader")
            r"hvor (?:varm|varmt|varme|kold|koldt|kolde)|hvilken temperatur|"
            r"how (?:high|tall|wide|deep|warm|cold|hot)|what temperature)\b",
            re.I,
        ),
    ),
    (
        "date",
        re.compile(
            rf"\b(hvornår|hvilken dato|hvilket år|hvilken måned|{_TIME_OF_DAY}|when|what date|which year|date)\b",
            re.I,
        ),
    ),
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
            r"\b(beslut\w*|vedt(?:og|aget|age)|godkend\w*|besluttede|afgør\w*|decid\w*|decision|approv\w*|resolv\w*|adopt\w*|"
            r"hvad blev|hvad skete|what happened|indstill\w*)\b",
            re.I,
        ),
    ),
    ("amount", re.compile(r"\b(udgift\w*|bevilg\w*|budget\w*|underskud\w*|overskud\w*|tilskud\w*)\b", re.I)),
)

# English words a question may use for Danish minutes' words: lets an English question's
# topic be checked against Danish text (and helps the lexical side of retrieval). The glossary
# (a data file) and the language vote live with the translation (``vectorstore.translate``).
EN_GLOSSARY: dict[str, str] = glossary()


def english_topic(question: str) -> list[str]:
    """The words of an English question that can be looked for in Danish text: the Danish names
    of the parties it names, proper nouns, numbers and glossary translations, phrases first ("street lights" ->
    "vejbelysning"); other English words cannot match Danish minutes."""
    question, parties = english_parties(question)
    tokens = list(TOKEN_RE.finditer(question))
    out: list[str] = party_words(parties)
    used: set[int] = set()
    for i, n, phrase in known_phrases([m.group(0) for m in tokens], EN_GLOSSARY):
        out.append(EN_GLOSSARY[phrase])
        used |= set(range(i, i + n))
    for i, m in enumerate(tokens):
        w = m.group(0)
        low = w.lower()
        if i in used or low in STOPWORDS or low in GENERIC:
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


# "Can council members who are threatened get help?": "who" after a noun starts a relative
# clause and asks for no person; after a pronoun, a verb of asking or a preposition it does
# ("Tell me who voted against", "voted for by who").
_RELATIVE_WHO = re.compile(
    r"\b(?!(?:and|or|but|by|to|for|from|with|of|about|me|us|him|her|them|know|tell|ask|asked|see|show|"
    r"find|out|wonder|say|says|said|shows?|decided?|determines?)\b)([^\W\d_]+)\s+who\b",
    re.I,
)


def question_kind(text: str) -> QuestionKind:
    text = _RELATIVE_WHO.sub(r"\1 that", text)
    for kind, pattern in _KIND_RULES:
        if pattern.search(text):
            return kind
    return "general"


# A month or season before a year says when, not what ("i foråret 2024", "i marts 2023"): it is
# the time the retriever and the rerank weigh, not a word the answering item must hold. The year
# stays a topic word (it may name what the item is for: "Budget 2024").
SEASONS = ("foråret", "efteråret", "sommeren", "vinteren", "forår", "efterår", "sommer", "vinter",
           "spring", "summer", "autumn", "fall", "winter")  # fmt: skip
_SEASONS = "|".join(SEASONS)
_WHEN_WORD = re.compile(
    r"\b(" + "|".join([*MONTHS_DA, *MONTHS_EN]) + "|" + _SEASONS + r")(?:\s+of)?(?=\s+(?:19|20)\d\d\b)", re.I
)


# Who held a post ("Hvem var formand for ... i 2023?"): the year is the time the post was held
# (``assistant.when``: the holding reading), not a word the electing item holds.
# subtle: the state ("var", "was"), not the event ("blev valgt", "became": the meeting reading).
POSTS = ("næstformand", "formand", "viceborgmester", "borgmester")  # the longer name first
_ENGLISH_POSTS = {"vice chair": "næstformand", "vice-chair": "næstformand", "vicechair": "næstformand",
                  "deputy mayor": "viceborgmester", "chair": "formand", "chaired": "formand", "mayor": "borgmester"}  # fmt: skip
_POST_HOLDER = re.compile(
    rf"\bhvem\s+(?:var|er|sad\s+som)\s+(?:\w+\s+){{0,2}}?(?P<post>{'|'.join(POSTS)})\b|"
    r"\bwho\s+(?:was|is|were)\s+(?:the\s+)?(?P<en>vice[- ]?chair|deputy mayor|chair|mayor)\w*\b|\bwho\s+(?P<ed>chaired)\b",
    re.I,
)


def asks_post_holder(question: str) -> str:
    """The post a question asks the holder of ("formand", "næstformand", "borgmester",
    "viceborgmester"), or ""."""
    m = _POST_HOLDER.search(question)
    if not m:
        return ""
    if m.group("post"):
        return m.group("post").lower()
    return _ENGLISH_POSTS[(m.group("en") or m.group("ed")).lower()]


# The whole time phrase, preposition and month or season included ("i efteråret 2024", "in the
# spring of 2023").
_TIME_PHRASE = re.compile(
    r"(?:\b(?:i|in|during|om)\s+)?(?:(?:the\s+)?(?:"
    + "|".join([*MONTHS_DA, *MONTHS_EN])
    + "|"
    + _SEASONS
    + r")\s+(?:of\s+)?)?(?:19|20)\d\d\b",
    re.I,
)


def without_time(question: str) -> str:
    """The question without the time it names ("i 2023", "in the autumn of 2024"): what a post
    holder's election is searched with, since the election lies before that time."""
    return re.sub(r"\s{2,}", " ", _TIME_PHRASE.sub(" ", question)).strip()


# "Hvor gamle ...?" asks for an age, "Hvor stor en garanti ...?" for a size: the measure word
# after "hvor" is no topic word the answering item must hold ("Hvor gamle er børnene i en
# naturbørnehave?" is answered by "3-6-årige børn", "Hvor stor en garanti ...?" by "en kommunal
# garanti på 133,4 mio. kr.").
_MEASURE_ASKED = re.compile(
    r"\bhvor\s+(gaml\w*|gammel\w*|store?|stort|høje?|højt|lange?|langt|dyre?|dyrt|brede?|bredt|dybe?|dybt|"
    r"tunge?|tungt|varme?|varmt)\b",
    re.I,
)


def analyse(question: str) -> QuestionInfo:
    """Classify a question. ``analyse("Hvor mange kommuner deltog?").kind`` -> 'count'."""
    case_ids = find_case_ids(question)
    rest = without_case_ids(question)
    english = is_english(question)
    if english:
        # A month or season before a year says when ("in August 2024"), and a translation that
        # is a Danish function word ("became" -> "blev") names nothing.
        when_en = {m.group(1).lower() for m in _WHEN_WORD.finditer(rest)}
        when = when_en | {EN_GLOSSARY.get(w, w) for w in when_en}
        topic = [w for w in english_topic(rest) if w not in STOPWORDS and w not in when]
        content = topic
    else:
        when = {m.group(1).lower() for m in _WHEN_WORD.finditer(rest)}
        measure = {m.group(1).lower() for m in _MEASURE_ASKED.finditer(rest)}
        if asks_time_of_day(rest):
            # "Hvornår startede det åbne byrådsmøde den 4. september 2024?" is answered by "Kl.
            # 19:00 - Åbent byrådsmøde.": the verb frames the question, as "hvornår" does.
            measure |= _START_END_VERBS
        topic = [w for w in topic_words(rest) if w not in when and w not in measure]
        content = [w for w in content_words(rest) if w not in when]
    if asks_post_holder(question):
        topic = [w for w in topic if not YEAR_RE.fullmatch(w)]
        content = [w for w in content if not YEAR_RE.fullmatch(w)]
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


# "Hvornår åbner skolen, og hvilke elever kan skifte dertil?": a question that asks two things.
_SECOND_ASK = re.compile(
    r",?\s+(?:og|and)\s+(?=(?:hvilke[nt]?|hvem|hvad|hvornår|hvor|hvordan|hvorfor|which|who|what|when|where|how|why)\b)",
    re.I,
)


def second_ask(question: str) -> tuple[str, ...]:
    """The content words of a question's second ask ("hvilke elever kan skifte dertil" ->
    ("elever", "skifte", ...)); () for a question that asks one thing."""
    parts = _SECOND_ASK.split(question, maxsplit=1)
    return tuple(content_words(parts[1])) if len(parts) == 2 else ()
