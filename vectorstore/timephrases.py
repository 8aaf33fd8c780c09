"""Time phrases in questions beyond plain dates: seasons, quarters, halves, relative phrases,
and the *subject year* of a fee, budget, takst, plan or regulativ.

``meeting_spans(text, anchor)`` reads phrases that name when a meeting was held:

- seasons: "i efteråret 2022" (September-November), "foråret 2023" (March-May), "sommeren"
  (June-August), "vinteren 2022/23" (December-February; "vinteren 2023" is the winter that
  ends in 2023), English "autumn 2022", "in the spring of 2023";
- quarters and halves: "1. kvartal 2024", "tredje kvartal", "Q3 2023", "første halvår 2024",
  "i starten af 2024" (January-March), "i slutningen af 2023" (October-December);
- relative phrases: "i år", "sidste år" / "i fjor", "for 2 år siden", "sidste måned", "denne
  måned", "sidste kvartal", "de seneste 3 måneder", "det seneste halve år", "det seneste år",
  "sidste efterår", English "last year", "last month", "the last 6 months". They count from
  ``anchor``, the newest meeting in the store (a store of 2022-2025 minutes asked "sidste år"
  means 2024, whatever today's date), and each reading carries its anchor so the answer can
  say so.

A season or quarter without a year is the latest one that has begun by the anchor.

``subject_years(text)`` finds years that say what a thing is *for*, not when it was decided:
"Byggesagsgebyrer 2024", "gebyret for 2024", "taksterne for 2025", "Budget 2025-28",
"beskæftigelsesplanen for 2023", "affaldsregulativ 2024". Such a year is usually decided the
year before (the budget for 2025 in autumn 2024); a *regnskab* (accounts) or *årsrapport* for
a year is decided the year after. ``decided_span`` gives both years as one span, because
the subject and meeting readings are both tried.

Out of scope: single days and months ("6. marts 2024", "i august 2024": ``vectorstore.query``),
"sidste møde" (a meeting, not a time), and fiscal years that do not follow the calendar.

>>> [(s.phrase, s.date_from.isoformat(), s.date_to.isoformat()) for s in meeting_spans("Hvad skete der i efteråret 2022?", dt.date(2025, 10, 1))]
[('efteråret 2022', '2022-09-01', '2022-11-30')]
>>> [(y.year, y.noun) for y in subject_years("Hvad blev gebyret for 2024?")]
[(2024, 'gebyret')]
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from vectorstore.tokenize import stopwords


@dataclass(frozen=True)
class TimeSpan:
    """A meeting-date range a phrase names. ``relative`` when it counts from ``anchor``."""

    phrase: str
    date_from: dt.date
    date_to: dt.date
    span: tuple[int, int]  # where the phrase is in the text
    relative: bool = False
    anchor: dt.date | None = None


@dataclass(frozen=True)
class SubjectYear:
    """A year a fee, budget, plan ... is *for*: "Byggesagsgebyrer 2024" -> 2024, noun "Byggesagsgebyrer".

    ``after``: the thing is decided after its year (accounts, annual reports), not before.
    """

    year: int
    noun: str
    span: tuple[int, int]
    after: bool = False

    def decided_span(self) -> tuple[dt.date, dt.date]:
        """The meetings that may have decided it: the year before and the year itself (for
        accounts: the year itself and the year after)."""
        if self.after:
            return dt.date(self.year, 1, 1), dt.date(self.year + 1, 12, 31)
        return dt.date(self.year - 1, 1, 1), dt.date(self.year, 12, 31)


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    y += d.year
    return dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


_YEAR = r"((?:19|20)\d\d)"
# season -> (first month, number of months); winter starts in December of the year before.
_SEASONS = {
    "forår": (3, 3), "spring": (3, 3), "sommer": (6, 3), "summer": (6, 3),
    "efterår": (9, 3), "autumn": (9, 3), "fall": (9, 3), "vinter": (12, 3), "winter": (12, 3),
}  # fmt: skip
_SEASON_WORD = r"(?P<season>forår(?:et)?|sommer(?:en)?|efterår(?:et)?|vinter(?:en)?|spring|summer|autumn|fall|winter)"
_SEASON = re.compile(
    rf"\b(?P<last>sidste\s+|forrige\s+|last\s+)?(?:(?:i|om|in|during)\s+(?:the\s+)?)?{_SEASON_WORD}"
    rf"(?:\s+(?:of\s+|i\s+)?(?P<year>(?:19|20)\d\d)(?:\s*[/-]\s*(?P<year2>\d{{2,4}}))?)?\b",
    re.I,
)
_ORDINAL = {
    "første": 1,
    "andet": 2,
    "anden": 2,
    "tredje": 3,
    "fjerde": 4,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
}
_QUARTER = re.compile(
    r"\b(?:(?P<n>[1-4])\.|(?P<word>første|andet|anden|tredje|fjerde|first|second|third|fourth))\s+(?:kvartal|quarter)"
    r"(?:\s+(?:i\s+|af\s+|of\s+)?(?P<y1>(?:19|20)\d\d))?\b|\bQ(?P<q>[1-4])(?:\s*(?P<y2>(?:19|20)\d\d))?\b",
    re.I,
)
_HALF = re.compile(
    r"\b(?:(?P<n>[12])\.|(?P<word>første|andet|anden|first|second))\s+(?:halvår|half(?:\s+of)?)"
    r"(?:\s+(?:i\s+|af\s+)?(?P<year>(?:19|20)\d\d))?\b",
    re.I,
)
_PART_OF_YEAR = re.compile(
    rf"\b(?:i\s+|in\s+(?:the\s+)?)?(?P<part>starten|begyndelsen|slutningen|start|beginning|end)\s+(?:af|of)\s+(?:året\s+)?{_YEAR}\b|"
    rf"\b(?P<part2>først|sidst)\s+på\s+året(?:\s+{_YEAR})?\b",
    re.I,
)
# Relative phrases; the lambdas map (anchor, match) to (from, to).
_NUM = {"en": 1, "et": 1, "én": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "one": 1, "two": 2, "three": 3}


def _n(word: str) -> int:
    return int(word) if word.isdigit() else _NUM.get(word.lower(), 1)


def _last_months(a: dt.date, n: int) -> tuple[dt.date, dt.date]:
    return _add_months(a, -n) + dt.timedelta(days=1), a


def _quarter_span(y: int, q: int) -> tuple[dt.date, dt.date]:
    return dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q)


_RELATIVE: tuple[tuple[re.Pattern[str], object], ...] = (
    (
        re.compile(
            r"\b(?:de|det|the)\s+(?:seneste|sidste|last|past)\s+(?P<n>\d+|to|tre|fire|fem|seks|two|three)\s+(?:måneder|months)\b",
            re.I,
        ),
        lambda a, m: _last_months(a, _n(m["n"])),
    ),
    (
        re.compile(
            r"\b(?:det|the)\s+(?:seneste|sidste|last|past)\s+halve\s+år\b|\bthe\s+(?:last|past)\s+six\s+months\b", re.I
        ),
        lambda a, m: _last_months(a, 6),
    ),
    (
        re.compile(
            r"\b(?:det|the)\s+(?:seneste|sidste|last|past)\s+(?:år|year)\b|\binden\s+for\s+det\s+(?:seneste|sidste)\s+år\b",
            re.I,
        ),
        lambda a, m: _last_months(a, 12),
    ),
    (
        re.compile(
            r"\bfor\s+(?P<n>\d+|et|to|tre|fire|fem)\s+år\s+siden\b|\b(?P<n2>\d+|two|three)\s+years\s+ago\b", re.I
        ),
        None,
    ),
    (
        re.compile(r"\b(?:forrige|sidste|last)\s+(?:måned|month)\b", re.I),
        lambda a, m: (_add_months(a.replace(day=1), -1), a.replace(day=1) - dt.timedelta(days=1)),
    ),
    (
        re.compile(r"\b(?:(?:i\s+)?denne\s+måned|this\s+month)\b", re.I),
        lambda a, m: (a.replace(day=1), _month_end(a.year, a.month)),
    ),
    (re.compile(r"\b(?:forrige|sidste|last)\s+(?:kvartal|quarter)\b", re.I), None),
    # "sidste års budget" is a subject, not a time: only "sidste år" followed by no noun counts.
    (
        re.compile(r"\b(?:sidste\s+år(?!s\b)|i\s+fjor|last\s+year)\b", re.I),
        lambda a, m: (dt.date(a.year - 1, 1, 1), dt.date(a.year - 1, 12, 31)),
    ),
    (
        re.compile(r"\b(?:forrige\s+år|året\s+før)\b", re.I),
        lambda a, m: (dt.date(a.year - 1, 1, 1), dt.date(a.year - 1, 12, 31)),
    ),
    (re.compile(r"\b(?:i\s+år|this\s+year)\b", re.I), lambda a, m: (dt.date(a.year, 1, 1), dt.date(a.year, 12, 31))),
)


def _season_span(
    name: str, year: int | None, year2: str | None, anchor: dt.date, last: bool
) -> tuple[dt.date, dt.date]:
    first, length = _SEASONS[re.sub(r"(?:et|en)$", "", name.lower())]
    if year is not None:
        # "vinteren 2022/23" starts in December 2022; "vinteren 2023" is the one ending in 2023.
        start_year = year if (first != 12 or year2) else year - 1
    else:
        start_year = anchor.year if dt.date(anchor.year, first, 1) <= anchor else anchor.year - 1
        end = _month_end(*_ym(start_year, first + length - 1))
        if last and end >= anchor:
            start_year -= 1
    start = dt.date(start_year, first, 1)
    return start, _month_end(*_ym(start_year, first + length - 1))


def _ym(y: int, m: int) -> tuple[int, int]:
    return (y + (m - 1) // 12, (m - 1) % 12 + 1)


def meeting_spans(text: str, anchor: dt.date) -> list[TimeSpan]:
    """The meeting-date ranges named by seasons, quarters, halves and relative phrases, in
    text order. ``anchor``: the newest meeting in the store (what "sidste år" counts from)."""
    out: list[TimeSpan] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], span: tuple[dt.date, dt.date], relative: bool) -> None:
        s, e = m.span()
        if any(a < e and s < b for a, b in taken):
            return
        taken.append((s, e))
        phrase = (
            m.group(0).strip() if relative else re.sub(r"^(?:i|om|in|during)\s+", "", m.group(0).strip(), flags=re.I)
        )
        out.append(TimeSpan(phrase, span[0], span[1], (s, e), relative, anchor if relative else None))

    for m in _SEASON.finditer(text):
        year = int(m["year"]) if m["year"] else None
        # "gebyrerne i efteråret 2022" is a time; "budget efterår 2022" (no preposition) a subject.
        timed = bool(re.match(r"(?:sidste|forrige|last|i|om|in|during)\s", m.group(0), re.I))
        if not timed and year is not None and _subject_before(text, m.start()):
            continue
        add(m, _season_span(m["season"], year, m["year2"], anchor, bool(m["last"])), year is None)
    for m in _QUARTER.finditer(text):
        q = int(m["n"] or m["q"] or _ORDINAL[m["word"].lower()])
        year_s = m["y1"] or m["y2"]
        if _subject_before(text, m.start()):
            continue  # "budgetopfølgning pr. 1. kvartal 2024": the quarter a report covers
        year = (
            int(year_s) if year_s else (anchor.year if _quarter_span(anchor.year, q)[0] <= anchor else anchor.year - 1)
        )
        add(m, _quarter_span(year, q), year_s is None)
    for m in _HALF.finditer(text):
        h = int(m["n"] or (1 if m["word"].lower() in ("første", "first") else 2))
        year = int(m["year"]) if m["year"] else anchor.year
        add(m, (dt.date(year, 6 * h - 5, 1), _month_end(year, 6 * h)), m["year"] is None)
    for m in _PART_OF_YEAR.finditer(text):
        part = (m["part"] or m["part2"]).lower()
        year_s = next((g for g in m.groups() if g and g.isdigit()), None)
        year = int(year_s) if year_s else anchor.year
        if part in ("starten", "begyndelsen", "start", "beginning", "først"):
            add(m, (dt.date(year, 1, 1), _month_end(year, 3)), year_s is None)
        else:
            add(m, (dt.date(year, 10, 1), dt.date(year, 12, 31)), year_s is None)
    for pattern, rule in _RELATIVE:
        for m in pattern.finditer(text):
            if rule is None:
                if "kvartal" in m.group(0).lower() or "quarter" in m.group(0).lower():
                    q = (anchor.month - 1) // 3 + 1
                    y, q = (anchor.year, q - 1) if q > 1 else (anchor.year - 1, 4)
                    add(m, _quarter_span(y, q), True)
                else:
                    n = _n(m["n"] or m["n2"] or "1")
                    add(m, (dt.date(anchor.year - n, 1, 1), dt.date(anchor.year - n, 12, 31)), True)
            else:
                add(m, rule(anchor, m), True)  # type: ignore[operator]
    return sorted(out, key=lambda s: s.span)


# ---------------------------------------------------------------------------------------------
# Subject years

# What is paid or granted for a year, in English: "the fees for 2024", "a grant in 2023".
_PAID_EN = r"fees?|rates?|charges?|tariffs?|grants?|subsid(?:y|ies)"
_SUBJECT_NOUN = (
    r"(?P<noun>[\wæøå-]*(?:gebyr|budget|takst|plan|regulativ|regnskab|årsrapport|årsberetning|prisliste|priser|"
    r"afgift|tilskud|kontingent|betaling|rammeaftale|ramme|strategi|politik|handleplan|program|udbud|"
    r"kvalitetsstandard|servicedeklaration|lønpolitik|målsætning|indsatsplan|kalender|"
    rf"accounts?|{_PAID_EN})[\wæøå]*)"
)
_SUBJECT = re.compile(
    rf"{_SUBJECT_NOUN}\s+(?:(?:for|til|gældende\s+for|i)\s+(?:(?:året|år)\s+)?|(?:[\wæøå-]+\s+){{1,4}}for\s+)?"
    r"(?P<year>(?:19|20)\d\d)"
    rf"(?:\s*[-–/]\s*(?P<end>(?:19|20)?\d\d))?(?![\d.,])",
    re.I,
)
# The year in front: English word order ("the 2024 budget", "the 2025 fees") and Danish
# compounds with a hyphen ("2024-budgettet", "2023-regnskabet"). subtle: fewer nouns than
# ``_SUBJECT_NOUN``: after a year, "plan..." and "ramme..." are as often a verb ("i 2023
# planlagt", "rammer") as a subject.
_SUBJECT_YEAR_FIRST = re.compile(
    r"(?<![\d.,])(?P<year>(?:19|20)\d\d)(?:\s*[-–/]\s*(?:19|20)?\d\d)?(?:\s+|-)(?P<noun>budget\w*|fees?|rates?|"
    r"charges?|tariffs?|accounts?|annual\s+report|financial\s+statements?|grants?|subsid(?:y|ies)|strateg(?:y|ies)|"
    r"polic(?:y|ies)|gebyr\w*|takst\w*|regnskab\w*|årsrapport\w*|tilskud\w*|strategi\w*|politik\w*)\b",
    re.I,
)
# "the fees in 2024", "a premises grant in 2023": what is paid in a year is that year's; a
# budget or the accounts "in 2024" may as well be the meeting's year (``meeting_spans``).
_SUBJECT_IN_EN = re.compile(rf"\b(?P<noun>{_PAID_EN})\s+in\s+(?P<year>(?:19|20)\d\d)(?![\d.,])", re.I)
# "<noun> for <year>" with any noun ("puljerne for 2025", "the pools for 2025"): "for" a year
# says what the thing is for, as the subject nouns above do with or without it.
_FOR_YEAR = re.compile(
    r"(?<![\w-])(?P<noun>[^\W\d_][\w-]{3,})\s+for\s+(?:(?:året|år|the\s+year)\s+)?(?P<year>(?:19|20)\d\d)(?![\d.,-])",
    re.I,
)
_AFTER_NOUNS = re.compile(r"regnskab|årsrapport|årsberetning|beretning|accounts?|annual\s+report|financial", re.I)
_SUBJECT_HEAD = re.compile(rf"{_SUBJECT_NOUN}\s+(?:(?:pr\.?|per|for)\s+)?$", re.I)


def _subject_before(text: str, pos: int) -> bool:
    """A subject noun right before ``pos`` ("budgetopfølgning pr. 1. kvartal")."""
    return bool(_SUBJECT_HEAD.search(text[max(0, pos - 60) : pos])) or bool(
        re.search(r"(?:\bpr\.?|\bper)\s+$", text[max(0, pos - 6) : pos], re.I)
    )


def subject_years(text: str) -> list[SubjectYear]:
    """Years attached to a fee, budget, takst, plan, regulativ, ... in ``text``; in English
    word order and Danish hyphen compounds too.

    >>> [(y.year, y.after) for y in subject_years("Byggesagsgebyrer 2024 og regnskab 2023")]
    [(2024, False), (2023, True)]
    >>> [(y.year, y.noun) for y in subject_years("Who voted against the 2024 budget and the 2023-regnskabet?")]
    [(2024, 'budget'), (2023, 'regnskabet')]
    """
    out: list[SubjectYear] = []
    for m in _SUBJECT.finditer(text):
        noun = m["noun"]
        if noun.lower() in ("plan", "i", "for"):
            continue
        out.append(SubjectYear(int(m["year"]), noun, m.span("year"), after=bool(_AFTER_NOUNS.search(noun))))
    taken = {y.span for y in out}
    for m in _FOR_YEAR.finditer(text):
        if m.span("year") not in taken and m["noun"].lower() not in stopwords():
            out.append(
                SubjectYear(int(m["year"]), m["noun"], m.span("year"), after=bool(_AFTER_NOUNS.search(m["noun"])))
            )
    taken = {y.span for y in out}
    for m in _SUBJECT_IN_EN.finditer(text):
        if m.span("year") not in taken:
            out.append(SubjectYear(int(m["year"]), m["noun"], m.span("year"), after=False))
    taken = {y.span for y in out}
    for m in _SUBJECT_YEAR_FIRST.finditer(text):
        if m.span("year") not in taken:
            out.append(
                SubjectYear(int(m["year"]), m["noun"], m.span("year"), after=bool(_AFTER_NOUNS.search(m["noun"])))
            )
    return sorted(out, key=lambda y: y.span)


__all__ = ["SubjectYear", "TimeSpan", "meeting_spans", "subject_years"]
