"""What the values a question asks for look like in the minutes: amounts, numbers, dates,
who (a centre, a title, a name); the evidence scorer prefers sentences that hold the kind of
value the question asks for.

Out of scope: what a question asks (``assistant.question``).
"""

from __future__ import annotations

import re

from assistant.dates import MONTHS_DA

AMOUNT_RE = re.compile(
    # "370 t. kr.", "370 tkr." and "370 tusind kr." are thousands of kroner
    r"\d[\d.,]*\s*(?:(?:mio\.?|mia\.?|millioner|milliarder|mill\.?|tusind|t\.?)\s*)?kr\b|kr\.?\s*\d|"
    r"\d[\d.,]*\s*(?:mio\.?|mia\.?|millioner|milliarder)\b|"
    # a size ("hvor stort er huset?"): square metres, metres, hectares (not per cent: a change of a
    # price "med 2 pct." is not the price)
    r"\d[\d.,]*\s*(?:m²|m2|m³|m3|kvm|kvadratmeter|meter|km|hektar|ha)(?!\w)|"
    # a temperature: "19 grader", "21 °C"
    r"\d[\d.,]*\s*(?:grader|°\s*C?)(?!\w)",
    re.I,
)
# A share written as a per cent: "41,7 %", "16 pct.", "25 procent".
PERCENT_RE = re.compile(r"\d+(?:,\d+)?\s*(?:%|pct\b|procent)", re.I)
NUMBER_WORDS = "én|et|to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv"
# A year of the minutes' time: "2024" (not "1.316.000").
YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
_NUMBER_VALUES = {"én": 1, "en": 1, "et": 1} | {
    w: i for i, w in enumerate(NUMBER_WORDS.split("|")[2:], start=2)
}

NUMBER_RE = re.compile(rf"\b\d+(?:[.,]\d+)*\b|\b(?:{NUMBER_WORDS}|halvdelen|hundrede)\b", re.I)
DATE_RE = re.compile(
    r"\b\d{1,2}\.\s*(?:" + "|".join(MONTHS_DA) + r")\b|\b(?:" + "|".join(MONTHS_DA) + r")\s+(?:19|20)\d{2}\b|"
    r"\b\d{1,2}[.-]\d{1,2}[.-](?:19|20)\d{2}\b|\b(?:19|20)\d{2}\b|\b(?:i\s+)?(?:efteråret|foråret|sommeren|vinteren)\b",
    re.I,
)
# A time counted from an event answers "hvornår" as a date does: "inden for de første 3 måneder
# efter aflevering", "senest 14 dage efter", "tre måneder efter, at byrådet har modtaget ...".
RELATIVE_TIME_RE = re.compile(
    rf"\b(?:inden ?for|senest|efter|om)\s+(?:de\s+)?(?:første\s+|næste\s+|kommende\s+)?(?:\d+|{NUMBER_WORDS})\s+"
    r"(?:dage|uger|måneder|år)\b|"
    rf"\b(?:\d+|{NUMBER_WORDS})\s+(?:dage|uger|måneder|år)\s+(?:efter|før|inden)\b",
    re.I,
)
# A time of day answers "hvornår" too: "mødestart kl. 8.00".
CLOCK_RE = re.compile(r"\bkl\.\s*\d{1,2}(?:[.:]\d{2})?\b", re.I)
WHEN_RE = re.compile(f"{DATE_RE.pattern}|{RELATIVE_TIME_RE.pattern}|{CLOCK_RE.pattern}", re.I)
WHO_RE = re.compile(
    r"\b(?:center|centret|afdeling|afdelingen|forvaltning|forvaltningen|sekretariat|jobcenter|direktør|"
    r"chef|centerchef|borgmester|formand|administrationen|indstiller|udvalget|byrådet|styrelsen)\b|"
    r"\b[A-ZÆØÅ][a-zæøå]+ [A-ZÆØÅ][a-zæøå]+\b|\([A-ZÆØÅ]{1,2}\)",
)


# What a number is when it is not a count: money ("1.814.500 kr.", "7,5 mio."), a share ("41 %").
_MONEY_OR_SHARE_AFTER = re.compile(
    r"\s*(?:mio\.?|mia\.?|millioner|milliarder|mill\.?|t\.?\s*kr|tusind\s+kr|kr\b|kroner|%|pct\b|procent)", re.I
)


def holds_count(sentence: str) -> bool:
    """Whether a sentence holds a number that can answer "hvor mange": not a date or a year
    (``DATE_RE``), a sum of money or a share, nor the article "et" ("140 seniorer", "tre
    skoler"; not "1.814.500 kr." or "i 2023")."""
    for m in NUMBER_RE.finditer(sentence):
        if m.group(0).lower() == "et" or DATE_RE.match(sentence, m.start()):
            continue
        if _MONEY_OR_SHARE_AFTER.match(sentence, m.end()) or re.search(r"kr\.?\s*$", sentence[: m.start()], re.I):
            continue
        return True
    return False


def number_value(word: str) -> int | None:
    """A count written in digits or in words: "2" -> 2, "to" -> 2, "tolv" -> 12; else None."""
    w = word.lower()
    return int(w) if w.isdigit() else _NUMBER_VALUES.get(w)
