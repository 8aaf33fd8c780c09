"""What a question asks for, and which sentences of an item hold that kind of content.

The question's wording says what kind of answer it wants; the answerer then prefers the
sentences that hold that kind of content, not merely the question's words:

| type | asked as | a sentence that answers holds |
|---|---|---|
| ``result`` | "hvordan gik det", "hvordan er det gået", "resultater", "how did it go" | a finding: "viser", "lykkedes", "steget", "41,7 % af deltagerne", "erfaringerne er gode" (not the purpose: "har til formål") |
| ``measure`` | "hvad gør kommunen for at", "hvilke tiltag", "what does the municipality do" | an action: "etablerer", "tilbyder", "iværksættes", a bullet of measures (not only a budget figure) |
| ``target`` | "målgruppe", "hvem er ... rettet mod", "hvilke unge", "hvor gamle", "which age group", "how old" | who it is for: an age range ("15-30 år", "3-6-årige", "over 50 år"), "målgruppen er ..." with content |
| ``list`` | "hvilke emner / bygninger / temaer", "which topics", "hvad var temaerne", "what were the themes" | an item of a list under a heading (quoted as a list: ``list_run``) |
| ``reason`` | "hvorfor", "begrundelse", "why" | a reason: "fordi", "for at", "idet", "da", "på grund af", "med henblik på"; or the sentence before a consequence ("Administrationen indstiller derfor ...": ``draws_on_previous``) |
| ``authority`` | "hvem må / kan / skal beslutte", "hvem bestemmer", "hvem har kompetencen", "who decides" | who holds the power: "har kompetencen til", "bemyndiges", "kan selv beslutte", with the body named ("forældrebestyrelserne") |
| ``payer`` | "hvem betaler", "hvem skal finansiere", "who pays" | who pays: "forpligter selskaberne sig til at finansiere", "udgiften afholdes af", "betales af", with the payer named (a company "A/S", "ApS", a fund, the state) |
| ``frequency`` | "hvor tit", "hvor ofte", "hvor mange gange om ugen", "how often" | how often: "to gange om dagen", "hver 14. dag", "ugentligt", "én gang om året" |
| ``duration`` | "hvor længe", "i hvor lang tid", "hvor meget tid", "hvor lang løbetid", "i hvilken periode", "how long", "how much time" | a period: "fra 1. august 2024 til 31. juli 2025", "i perioden 2025-2028", "løbetid på op til 30 år", "i tre år", "frem til 2026", "afsat 1 time ... fra kl. 16.30 - 17.30" |
| ``rank`` | "hvilken plads", "hvilket nummer", "rangering", "what rank", "which place" | a place in a ranking: "Greve Kommune nummer 42", "en tilbagegang på 14 pladser", "fra nummer 50 til 27", "en 3. plads" |
| ``share`` | "hvor stor en andel", "hvor mange procent", "hvilken andel", "what share", "what percentage" | a share: "ca. 25 % af asfalteringen", "41,7 pct.", "halvdelen af udgiften", "en tredjedel" (not the amount in kroner) |
| ``amount``, ``count``, ``date``, ``person`` | the question kinds of ``assistant.question`` | (scored there: ``evidence``) |

    >>> answer_type("Hvordan er det gået med de nye tryghedsvagter?")
    'result'
    >>> content_bonus("target", "Målgruppen er unge i alderen 15-30 år.") > content_bonus("target", "Målgruppen beskrives i bilag 2.")
    True

Out of scope: finding the item (the retriever and the rerank), and the question kinds that
``assistant.question.question_kind`` already types (amount, count, date, who, absent).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.dates import MONTHS_DA
from assistant.question import question_kind
from assistant.sentences import normalize_ws
from assistant.values import CLOCK_RE, NUMBER_WORDS, PERCENT_RE
from ingest.dates import MONTH_ABBREVIATIONS

# How often something happens: asked before the question kinds, since "hvor mange gange om
# ugen" reads as a count and is not one.
_FREQUENCY_Q = re.compile(
    r"\b(?:hvor (?:tit|ofte|hyppigt)|hvor mange gange (?:om|pr\.?|per|i|hver)\b|med hvilken hyppighed|"
    r"how (?:often|frequently)|how many times (?:a|per|each)\b)",
    re.I,
)
_FREQUENCY_RE = re.compile(
    rf"\b(?:\d+|en|{NUMBER_WORDS})\s+gange?\s+(?:om|pr\.?|per|i|hver|hvert)\s+\w+|"
    r"\b(?:dagligt|ugentligt|månedligt|kvartalsvis|årligt|halvårligt|hverdage|døgnet rundt)\b|"
    r"\bhver(?:t)?\s+(?:\d+\.\s+|anden\s+|andet\s+|tredje\s+)?(?:dag|uge|måned|kvartal|år|morgen|aften|weekend)\b",
    re.I,
)

# How long something lasts: asked before the question kinds too ("hvor lang tid" is no amount).
_DURATION_Q = re.compile(
    r"\b(?:hvor længe|(?:i |over )?hvor lang (?:tid|en periode|periode|løbetid|tidsperiode)|"
    r"(?:i |for )?hvilken (?:tids)?periode|hvor mange år (?:gælder|løber|varer|kører)|"
    r"hvor meget tid|how long|how much time|for how many (?:years|months)|over what period|for what period)\b",
    re.I,
)
_MONTH = "(?:" + "|".join([*MONTHS_DA, *MONTH_ABBREVIATIONS]) + r")\.?"
_DURATION_RE = re.compile(
    rf"\b(?:fra|gældende fra|pr\.)\s+(?:den\s+)?(?:\d{{1,2}}\.\s*{_MONTH}\s+)?(?:{_MONTH}\s+)?\d{{4}}\s+"
    rf"(?:og\s+)?(?:til|frem til|indtil|til og med|-|–)\s+(?:\d{{1,2}}\.\s*)?(?:{_MONTH}\s+)?\d{{4}}|"
    r"\b(?:i|for|over) (?:en )?perioden?\b|\bperioden\s+(?:fra\s+)?\d{4}\s*[-–]\s*\d{2,4}|"
    r"\bløbetid\w*|\bvarighed\w*|\b(?:frem til|indtil|til og med|udløber)\b|"
    rf"\b(?:i|for|over|på|de (?:næste|kommende|første)|yderligere)\s+"
    r"(?:(?:op til|mindst|højst|maksimalt|maks\.|minimum|ca\.|cirka|omkring|knap|godt)\s+)?"
    rf"(?:\d+|{NUMBER_WORDS}|et|en)\s+"
    r"(?:år|måneder|måned|uger|uge|dage)\b(?!\w)|\b(?:\d+-|to|tre|fire|fem|seks|syv|otte|ni|ti|et)årig\w*|"
    # a period in the genitive is a length of time wherever it stands: "i otte ugers offentlig høring"
    rf"\b(?:\d+|{NUMBER_WORDS}|et|en)\s+(?:års|måneders|ugers|dages|timers)\b|"
    # hours and minutes: "Der er afsat 1 time til temamødet fra kl. 16.30 - 17.30"
    rf"\b(?:\d+(?:[.,]\d+)?|{NUMBER_WORDS}|en|halvanden|halv)\s+(?:timer?|minutter|kvarter)\b(?!\w)|"
    rf"{CLOCK_RE.pattern}\s*(?:-|–|til)\s*(?:kl\.\s*)?\d{{1,2}}(?:[.:]\d{{2}})?\b",
    re.I,
)
# Words that say a period is limited or not, without saying how long: they answer "hvor
# længe" less than a period does ("tidsbegrænsede stillinger" < "på op til 3 måneder").
_DURATION_WORD_RE = re.compile(r"\b(?:midlertidig\w*|permanent\w*|tidsbegrænse\w*|forsøgsperiode\w*)\b", re.I)

# A place in a ranking (a benchmark, a survey of the business climate): asked before the
# question kinds ("hvilket nummer" is no count).
_RANK_Q = re.compile(
    r"\b(?:hvilken (?:plads|placering)|hvilket nummer|nummer hvad|rangering\w*|rangere[rst]?|"
    r"hvor (?:ligger|placerer) [^?]*?\w*(?:måling|rangering|undersøgelse|opgørelse|benchmark|indeks)\w*|"
    r"what (?:rank|position|place)|which (?:rank|position|place)|ranked|ranking)\b",
    re.I,
)
_RANK_RE = re.compile(
    r"\bnummer \d+\b|\bnr\. ?\d+\b|\b\d+\.\s*plads\w*|\bplads(?:en)? (?:nr\.? ?)?\d+\b|"
    r"\b(?:til|på) en \d+\.|\b(?:tilbagegang|fremgang|frem|tilbage) (?:på )?\d+ plads\w*",
    re.I,
)

# A share of a whole (a per cent, a half): asked before the question kinds, since "hvor stor en
# andel" reads as an amount, and the minutes give the share beside the amounts it is a share of.
_SHARE_Q = re.compile(
    r"\b(?:hvor (?:stor|høj) (?:en |er |var |bliver )?(?:andel|procentdel|procentsats|procentandel|brøkdel)|"
    r"hvor mange procent|hvilken (?:andel|procentdel|procentsats|procentandel)|hvor meget i procent|"
    r"what (?:share|percentage|proportion|fraction|per ?cent)|how many per ?cent|how large a (?:share|proportion))\b",
    re.I,
)
_SHARE_RE = re.compile(
    rf"{PERCENT_RE.pattern}|"
    r"\b(?:halvdelen|halvdel|(?:en|to|tre) (?:tredjedel|fjerdedel|femtedel)e?|tredjedelen|fjerdedelen)\b",
    re.I,
)

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "payer",
        re.compile(
            r"\bhvem\b[^?]*\b(?:betal\w*|finansier\w*|medfinansier\w*|afholder|afholde|bekoster|bekoste|"
            r"dækker|dække)\b|\bwho\b[^?]*\b(?:pays?|paying|paid|funds?|funding|finances?|covers?)\b",
            re.I,
        ),
    ),
    (
        "authority",
        re.compile(
            r"\bhvem\b[^?]*\b(?:beslutte|bestemme|afgøre|beslutter|bestemmer|afgør|kompetence\w*|myndighed\w*|"
            r"beføjelse\w*)\b|\bwho\b[^?]*\b(?:decides?|determines?|authority|power to)\b",
            re.I,
        ),
    ),
    (
        "result",
        re.compile(
            r"\b(?:hvordan (?:gik|går|er) det\b|hvordan (?:er|blev) (?:\w+ )?(?:gået|modtaget)|hvad (?:blev|var) "
            r"resultat\w*|resultat\w*|effekt\w*|erfaring\w*|lykke(?:s|des)|virke(?:de|r)|how did|how has|"
            r"how is .* going|results?|outcomes?|effects?|experiences?)\b",
            re.I,
        ),
    ),
    (
        "target",
        re.compile(
            r"\b(?:målgrupp\w*|aldersgrupp\w*|hvilke[nt]? (?:unge|borgere|børn|elever|ældre|familier|grupper?)|"
            r"(?:rettet|målrettet) mod|for hvem|target(?:ed)? group|hvor gamle|hvilken alder|i hvilken alder|"
            r"which age|what age|how old|age group|who is .* for|aimed at|"
            r"which (?:pupils|students|children|citizens|residents|young people|families|groups?))\b",
            re.I,
        ),
    ),
    (
        "reason",
        re.compile(r"\b(?:hvorfor|begrundelse\w*|årsag\w*|why|reason\w*)\b", re.I),
    ),
    (
        "measure",
        re.compile(
            r"\b(?:hvad (?:gør|vil|skal|kan) (?:kommunen|\w+ kommune|byrådet|udvalget|man)\b(?! \w+ (?:betale|koste))|"
            r"hvilke (?:tiltag|initiativer|indsatser|løsninger|handlinger)|hvad (?:gøres|bliver der gjort)|"
            r"what (?:does|will|can) (?:the )?(?:municipality|council|committee)\b|which (?:measures|initiatives)|"
            r"what measures)",
            re.I,
        ),
    ),
    (
        "list",
        re.compile(
            r"\b(?:hvilke|which) (?!(?:partier|parties|medlemmer|members|politikere|stemmetal|udvalg|committees|"
            r"møder|meetings|politiske)\b)[^\W\d_]+\b|"
            # a plural named as a whole: "Hvad var temaerne i tilsynet?", "What were the themes?"
            r"\bhvad (?:er|var|bliver|blev) (?:de )?(?:\w+e )?[^\W\d_]{3,}(?:erne|ene|rne)\b|"
            r"\bwhat (?:are|were) the (?:\w+ )?[^\W\d_]{3,}s\b",
            re.I,
        ),
    ),
)

_RESULT_RE = re.compile(
    r"\b(?:viser|vist|lykke(?:s|des|dedes)|opnå(?:ede|et|r)|resultat\w*|steget|faldet|stig\w*|fald\w*|"
    r"forbedr\w*|gode|positiv\w*|tilfredse?|succes\w*|effekt\w*|erfaring\w*|"
    r"andel\w*|procent|pct\.?)\b|\d+(?:,\d+)?\s*%",
    re.I,
)
_PURPOSE_RE = re.compile(r"\b(?:formål\w*|har til hensigt|skal (?:styrke|sikre|bidrage)|mål(?:et)? er)\b", re.I)
_MEASURE_RE = re.compile(
    r"\b(?:etabler\w*|indfør\w*|tilbyd\w*|tilbud\w*|iværksæt\w*|igangsæt\w*|styrk\w*|udvid\w*|opsæt\w*|"
    r"ansæt\w*|afhold\w*|gennemfør\w*|arbejde[rt]? (?:med|for)|indsats\w*|tiltag\w*|initiativ\w*|"
    r"sørge[rt]? for|hjælpe[rt]?|vejlede[rt]?|kontakt\w*|gøre noget|gribe ind|håndhæv\w*|"
    # what is proposed to be done: "Administrationen anbefaler at adgang ... kun gives med nøglebrik"
    r"anbefale[rs]? at|foreslå[rs]? at|foreslog at|løsningsforslag\w*)\b",
    re.I,
)
_AGE_RE = re.compile(
    r"\b\d{1,2}\s*[-–]\s*\d{1,2}\s*år\b|\b\d{1,2}(?:\s*[-–]\s*\d{1,2})?-årige?\b|\b(?:i alderen|mellem)\s+\d{1,2}\s*(?:og|-|–|til)\s*\d{1,2}\b|"
    r"\b(?:over|under|fra)\s+\d{1,2}\s*år\b|"
    # school years: "6. til 8. klassetrin", "0.-5. årgang", "7. klasse"
    r"\b\d{1,2}\.\s*(?:[-–]|til)\s*\d{1,2}\.\s*(?:klasse|årgang)\w*|\b\d{1,2}\.\s*(?:klasse|årgang)\w*",
    re.I,
)
_TARGET_RE = re.compile(r"\b(?:målgrupp\w*|målrettet|rettet mod|for (?:unge|børn|borgere|ældre|familier))\b", re.I)
_REASON_RE = re.compile(
    r"\b(?:fordi|for at|idet|da (?:der|det|den|de|man|kommunen)|på grund af|grundet|skyldes|med henblik på|"
    r"begrund\w*|årsag\w*|som følge af|af hensyn til)\b",
    re.I,
)
# A consequence ("Administrationen indstiller derfor, at der sker tilbagebetaling"): its
# reason is the sentence before it, not the sentence itself.
_CONSEQUENCE_RE = re.compile(r"\b(?:derfor|dermed|som følge heraf)\b", re.I)
_AUTHORITY_RE = re.compile(
    r"\b(?:kompetence\w*|bemyndig\w*|beføjelse\w*|myndighed\w*|delegere\w*|"
    r"(?:kan|må|skal) (?:selv |fremover |fremadrettet )?(?:beslutte|bestemme|afgøre|fravælge|godkende)|"
    r"træffer (?:\w+ )?beslutning\w*|har (?:ret|mulighed) til at)\b",
    re.I,
)
_PAYER_RE = re.compile(
    r"\b(?:betal(?:er|es|t|e)|finansier\w*|medfinansier\w*|bekost\w*|afholde[rs]? (?:\w+ )?(?:udgift|omkostning)\w*|"
    r"(?:udgift|omkostning)\w* (?:\w+ ){0,4}(?:afholdes|dækkes|betales) af|afholdes af|dækkes af|betales af)\b",
    re.I,
)
_PAYER_NAME = re.compile(r"\b(?:A/S|ApS|I/S|P/S|selskab\w*|fond\w*|staten|regionen|bygherre\w*|grundejer\w*)", re.I)
_BODY_RE = re.compile(r"\b\w*(?:bestyrelse|udvalg|byråd|forvaltning|administration|direktion|råd)\w*\b", re.I)
_BUDGET_ONLY = re.compile(r"^[^.]*\b(?:mio\.?|kr\.?|budget\w*|bevilling\w*)\b[^.]*$", re.I)


def answer_type(question: str, kind: str | None = None) -> str:
    """The answer type of a question (table above); the question kind when it is a value or
    person question, else "other"."""
    if _FREQUENCY_Q.search(question):
        return "frequency"
    if _DURATION_Q.search(question):
        return "duration"
    if _RANK_Q.search(question):
        return "rank"
    if _SHARE_Q.search(question):
        return "share"
    kind = kind or question_kind(question)
    if kind in ("amount", "count", "date", "absent"):
        return kind
    for name, pattern in _RULES:
        if pattern.search(question):
            return name
    return "person" if kind == "who" else "other"


def content_bonus(atype: str, sentence: str) -> float:
    """How much a sentence holds the asked-for kind of content (0 to about 0.6; negative for
    a sentence that only states a purpose when results are asked for)."""
    s = sentence
    if atype == "result":
        bonus = 0.35 if _RESULT_RE.search(s) else 0.0
        if PERCENT_RE.search(s):
            bonus += 0.3  # a share reached: "41,7 % af deltagerne var i arbejde"
        elif re.search(r"\d", s) and bonus:
            bonus += 0.1
        if _PURPOSE_RE.search(s) and not re.search(r"\d+(?:,\d+)?\s*%", s):
            bonus -= 0.3
        return bonus
    if atype == "measure":
        bonus = 0.3 if _MEASURE_RE.search(s) else 0.0
        if _BUDGET_ONLY.match(s) and not _MEASURE_RE.search(s):
            bonus -= 0.2
        return bonus
    if atype == "target":
        bonus = 0.5 if _AGE_RE.search(s) else 0.0
        if _TARGET_RE.search(s):
            bonus += 0.15 if bonus or len(s) > 60 else 0.0
        return bonus
    if atype == "reason":
        return REASON_BONUS if _REASON_RE.search(s) else 0.0
    if atype == "payer":
        # The payer's name answers "hvem"; the paying verb alone ("finansieret af modtagne
        # midler") does not.
        return (0.2 if _PAYER_RE.search(s) else 0.0) + (0.3 if _PAYER_NAME.search(s) else 0.0)
    if atype == "authority":
        if not _AUTHORITY_RE.search(s):
            return 0.0
        return 0.4 + (0.15 if _BODY_RE.search(s) else 0.0)
    if atype == "frequency":
        return 0.5 if _FREQUENCY_RE.search(s) else 0.0
    if atype == "duration":
        return 0.5 if _DURATION_RE.search(s) else 0.25 if _DURATION_WORD_RE.search(s) else 0.0
    if atype == "rank":
        # the place itself ("nummer 42"), not the sentence that says how the ranking is made
        return 0.5 if _RANK_RE.search(s) else 0.0
    if atype == "share":
        return 0.5 if _SHARE_RE.search(s) else 0.0
    return 0.0


REASON_BONUS = 0.35  # a sentence that gives a reason, or the one before a consequence


def draws_on_previous(atype: str, sentence: str) -> bool:
    """Whether the sentence before ``sentence`` (in the same section) holds what a question of
    ``atype`` asks for: a consequence's reason ("Det eksterne advokatbureau konkluderer, at
    kommunen er forpligtet til at tilbagebetale ... . Administrationen indstiller derfor, at
    der sker tilbagebetaling.")."""
    return atype == "reason" and bool(_CONSEQUENCE_RE.search(sentence)) and not _REASON_RE.search(sentence)


_INLINE_LIST = re.compile(r"(?:^|\s)(?:1\)\s.+\s2\)|a\)\s.+\sb\))\s")


def inline_list(sentence: str) -> bool:
    """A list written inside one sentence: "Tilsynstemaerne er: 1) Funktionsevne, 2) Livskvalitet
    og tilfredshed, ... og 5) Opfølgning fra seneste tilsyn." (answers a list question as the
    lines of a list do)."""
    return _INLINE_LIST.search(sentence) is not None


# -- lists --------------------------------------------------------------------------------------

MAX_LIST_ENTRY = 160  # characters: longer entries are paragraphs, not a list of things
_MARKER = re.compile(r"^\s*(?:[•\uf0b7\u2022▪◦·*–-]|\d{1,2}[.)]|[a-zæøå][.)])\s+")


@dataclass(frozen=True)
class ListRun:
    """A list in an item's text: the line that introduces it (ending with ":", or the line
    before the first item) and its items, each whitespace-normalised, verbatim."""

    heading: str
    items: tuple[str, ...]


def list_runs(text: str) -> list[ListRun]:
    """The lists of a section's text: runs of two or more short lines that start with a bullet
    or an enumerator ("•", "-", "1.", "a)"), with the line before them as the heading; or,
    without bullets, two or more short lines without a full stop under a line that ends with
    ":" (``_unmarked_items``).

    >>> list_runs("Følgende bygninger:\\na. Mosedeskolen\\nb. Greve Landevej 99\\nSlut.")[0].items
    ('a. Mosedeskolen', 'b. Greve Landevej 99')
    """
    lines = [normalize_ws(x) for x in text.splitlines()]
    lines = [x for x in lines if x]
    runs: list[ListRun] = []
    i = 0
    while i < len(lines):
        unmarked = _unmarked_items(lines, i)
        if unmarked:
            runs.append(ListRun(heading=lines[i], items=unmarked))
            i += 1 + len(unmarked)
        elif _MARKER.match(lines[i]) and i > 0:
            # A run keeps one kind of marker: "a." items under "3. at ...:" are a list of their own.
            # An entry a PDF wrapped goes on in a line that starts in lower case after an entry
            # without end punctuation ("b. Konference den 23. januar 2012 - Hvordan udvikler vi
            # det nære" / "sundhedsvæsen sammen?").
            entries: list[str] = []
            j = i
            while j < len(lines):
                if _MARKER.match(lines[j]) and _kind(lines[j]) == _kind(lines[i]):
                    entries.append(lines[j])
                elif entries and lines[j][:1].islower() and not entries[-1].endswith((".", ":", "!", "?", ";")):
                    entries[-1] = f"{entries[-1]} {lines[j]}"
                else:
                    break
                j += 1
            # subtle: only lists of short entries (buildings, topics, dates); an enumerated
            # recommendation ("1. at ... godkendes") is prose, quoted sentence by sentence.
            if len(entries) >= 2 and all(len(x) <= MAX_LIST_ENTRY for x in entries):
                items = tuple(re.sub(r"^(?:[•\uf0b7\u2022▪◦·*]|[-–](?=\s))\s*", "", x) for x in entries)
                runs.append(ListRun(heading=lines[i - 1], items=items))
            i = j
        else:
            i += 1
    return runs


MAX_UNMARKED_ENTRY = 100  # characters: an entry without a bullet is a name, not a sentence


def _unmarked_items(lines: list[str], i: int) -> tuple[str, ...]:
    """The items of a list without bullets under ``lines[i]``, when that line introduces one
    (ends with ":"): two or more short lines that end without a full stop ("Byggemodning –
    Aarhus Ø", "Supercykelsti – Tilst"), as PDFs and web pages print lists whose bullets are
    images or lost; () otherwise."""
    if not lines[i].endswith(":") or i + 1 >= len(lines) or _MARKER.match(lines[i + 1]):
        return ()
    j = i + 1
    while (
        j < len(lines)
        and len(lines[j]) <= MAX_UNMARKED_ENTRY
        and not lines[j].endswith((".", "!", "?", ":"))
        and not _MARKER.match(lines[j])
    ):
        j += 1
    return tuple(lines[i + 1 : j]) if j - i - 1 >= 2 else ()


def _kind(line: str) -> str:
    m = _MARKER.match(line)
    mark = m.group(0).strip() if m else ""
    return "digit" if mark[:1].isdigit() else "letter" if mark[:1].isalpha() else "bullet"


def run_of(sentence: str, runs: list[ListRun]) -> ListRun | None:
    """The list whose heading or one of whose items holds ``sentence`` (or is held by it)."""
    s = normalize_ws(sentence)
    for run in runs:
        for line in (run.heading, *run.items):
            if s and (s in line or line in s):
                return run
    return None
