"""Query understanding: what a question says about *where* to look, read without any model.

``understand(question, committees)`` finds, in Danish or English:

- case IDs in the usual vendor forms ("EMN-2024-00966", "Sagsnr. 2012-28504", "23-007402",
  "12/27845"), for an exact lookup before any ranking (the rules: ``ingest.caseids``);
- an item number ("punkt 5", "pkt. 8", "item 3"), for the item of a given meeting (the one
  rule for item numbers in questions: ``find_item_numbers``, which the answerer uses too);
- committees named in any usual way ("Økonomiudvalget", "arbejdsmarkedsudvalgets",
  "skoleudvalget", "byrådet", "byrådsmødet", "the finance committee"), matched against the
  store's names;
- a municipality ("i Greve", "Aarhus Kommune"), matched against the store's names;
- dates: a day ("6. marts 2024", "6/3-2024", "2024-03-06", "March 6, 2024"), a month
  ("i marts 2024", "in March 2024", "i marts" = March of any year), a year ("i 2023",
  "sidste år"), and through ``vectorstore.timephrases`` seasons ("i efteråret 2022"),
  quarters, halves and relative phrases ("sidste måned", "de seneste 3 måneder"). A year that
  a fee, budget or plan is *for* ("gebyret for 2024", "budget 2025") is a topic, not a
  scope: it is usually decided the year before (the answerer weighs both readings).

    >>> plan = understand("Hvad besluttede Arbejdsmarkedsudvalget i marts 2024?", ["Arbejdsmarkedsudvalget"])
    >>> plan.committees, plan.date_from, plan.date_to
    (('Arbejdsmarkedsudvalget',), datetime.date(2024, 3, 1), datetime.date(2024, 3, 31))

The plan keeps the question text for ranking. Everything here is a hint that the retriever
weighs (case IDs are checked against the store; committees and dates narrow the search but
do not hide strong matches elsewhere).

Out of scope: spelling mistakes in names, "sidste møde",
date ranges other than "fra ... til ..." over years, and any ranking.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.caseids import find_case_ids
from ingest.dates import MONTH_ABBREVIATIONS, MONTH_NUMBERS
from vectorstore.records import Filters, ItemRef
from vectorstore.timephrases import meeting_spans, subject_years
from vectorstore.tokenize import _stemmer, stopwords


@dataclass(frozen=True)
class QueryPlan:
    """What ``understand`` found in a question. Empty fields mean "not said".

    ``month`` (and ``day``) without dates: a month named without a year ("i marts"), which
    matches that month of any year. ``date_from``/``date_to`` is a range the question names.
    """

    question: str
    case_ids: tuple[str, ...] = ()
    item_number: str | None = None
    committees: tuple[str, ...] = ()
    municipality: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    month: int | None = None
    day: int | None = None

    @property
    def text(self) -> str:
        """The text to rank by: the question as asked."""
        return self.question

    @property
    def meeting_date(self) -> dt.date | None:
        """The one day the question names, if it names exactly one."""
        if self.date_from is not None and self.date_from == self.date_to:
            return self.date_from
        return None

    def has_scope(self) -> bool:
        """True when the question narrows where to look (committee, place or time)."""
        return bool(self.committees or self.municipality or self.date_from or self.date_to or self.month)

    def filters(self) -> Filters:
        """The inferred scope as ``Filters``; several committees cannot be expressed, so then none."""
        return Filters(
            municipality=self.municipality,
            committee=self.committees[0] if len(self.committees) == 1 else None,
            date_from=self.date_from,
            date_to=self.date_to,
        )

    def matches(self, ref: ItemRef) -> bool:
        """Whether an item lies inside everything the question narrows to."""
        if self.committees and ref.committee not in self.committees:
            return False
        if self.municipality and (ref.municipality or "").casefold() != self.municipality.casefold():
            return False
        d = ref.meeting_date
        if self.date_from and d < self.date_from:
            return False
        if self.date_to and d > self.date_to:
            return False
        if self.month and d.month != self.month:
            return False
        return not (self.day and d.day != self.day)


# ---------------------------------------------------------------------------------------------
# Dates

_MONTHS = MONTH_NUMBERS  # Danish and English month names (``ingest.dates``)
_ABBREV = MONTH_ABBREVIATIONS
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ANY_MONTH_RE = "|".join(sorted([*_MONTHS, *_ABBREV], key=len, reverse=True))

# A date that is a cut-off inside a title ("budgetopfølgning pr. 31. marts 2023") is not the
# meeting's date: "pr."/"per"/"pr" right before it disqualifies it.
_CUTOFF = re.compile(r"\b(?:pr|per|pr\.|ultimo|primo|medio)\s*\.?\s*$", re.I)

_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})[./-](\d{1,2})[./ -]\s?(\d{4}|\d{2})(?![\d/-])")
_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:\.|st|nd|rd|th)?\s+(?:of\s+)?({_ANY_MONTH_RE})\b\.?,?(?:\s+(\d{{4}}))?", re.I
)
_MONTH_DAY = re.compile(rf"\b({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_MONTH_YEAR = re.compile(rf"\b({_ANY_MONTH_RE})\.?\s+(\d{{4}})\b", re.I)
# A month alone needs a preposition: "i marts", "in May" ("may" is also a verb).
_MONTH_ALONE = re.compile(rf"\b(?:i|in|fra|from|during|for|mødet\s+i)\s+({_MONTH_RE})\b(?!\s*\d)", re.I)
_MONTH_MEETING = re.compile(rf"\b({_MONTH_RE})(?:-?mødet|-?møde)\b", re.I)
_YEAR = re.compile(
    r"\b(?:i|in|fra|from|during|til|to|until|året|år|year|siden|since)\s+((?:19|20)\d{2})\b(?![-/.]\d)", re.I
)
_THIS_YEAR = re.compile(r"\b(?:i\s+år|this\s+year)\b", re.I)
_LAST_YEAR = re.compile(r"\b(?:sidste\s+år|i\s+fjor|sidste\s+års|last\s+year)\b", re.I)


def _month_of(word: str) -> int | None:
    w = word.lower().rstrip(".")
    return _MONTHS.get(w) or _ABBREV.get(w)


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _month_range(y: int, m: int) -> tuple[dt.date, dt.date]:
    return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])


@dataclass(frozen=True)
class _When:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    month: int | None = None
    day: int | None = None


def find_dates(text: str, today: dt.date | None = None) -> _When:
    """The time a question narrows to. Several mentions widen to the span that covers them."""
    today = today or dt.date.today()
    spans: list[tuple[dt.date, dt.date]] = []
    used: list[tuple[int, int]] = []

    def free(m: re.Match[str]) -> bool:
        s, e = m.span()
        if any(a < e and s < b for a, b in used):
            return False
        used.append((s, e))
        return not _CUTOFF.search(text[:s])

    # Seasons, quarters and relative phrases (``vectorstore.timephrases``) first; a year that
    # says what a fee or budget is *for* ("gebyret for 2024") is not the meeting's year.
    for phrase in meeting_spans(text, today):
        used.append(phrase.span)
        spans.append((phrase.date_from, phrase.date_to))
    subjects = subject_years(text)
    used.extend(sy.span for sy in subjects)
    for m in _ISO.finditer(text):
        d = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        if d and free(m):
            spans.append((d, d))
    for m in _NUMERIC.finditer(text):
        y = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        d = _safe_date(y, int(m[2]), int(m[1]))
        if d and free(m):
            spans.append((d, d))
    for m in _MONTH_DAY.finditer(text):
        mo = _month_of(m[1])
        d = _safe_date(int(m[3]), mo, int(m[2])) if mo else None
        if d and free(m):
            spans.append((d, d))
    month = day = None
    for m in _DAY_MONTH.finditer(text):
        mo = _month_of(m[2])
        if not mo:
            continue
        if m[3]:
            d = _safe_date(int(m[3]), mo, int(m[1]))
            if d and free(m):
                spans.append((d, d))
        elif 1 <= int(m[1]) <= 31 and free(m):
            month, day = mo, int(m[1])
    for m in _MONTH_YEAR.finditer(text):
        mo = _month_of(m[1])
        if mo and free(m):
            spans.append(_month_range(int(m[2]), mo))
    for pattern in (_MONTH_ALONE, _MONTH_MEETING):
        for m in pattern.finditer(text):
            if free(m) and month is None:
                month = _month_of(m[1])
    for m in _YEAR.finditer(text):
        if free(m):
            y = int(m[1])
            spans.append((dt.date(y, 1, 1), dt.date(y, 12, 31)))
    for pattern, year in ((_THIS_YEAR, today.year), (_LAST_YEAR, today.year - 1)):
        for m in pattern.finditer(text):
            if free(m):
                spans.append((dt.date(year, 1, 1), dt.date(year, 12, 31)))
    if spans:
        return _When(min(s for s, _ in spans), max(e for _, e in spans))
    return _When(month=month, day=day)


def _written_dates(text: str) -> list[tuple[int, int, int | None]]:
    """(year, month, day or None) for every date a text writes with its year, in the order of
    the patterns: ISO, numeric, "July 31, 2024", "31. juli 2024", "juli 2024"."""
    out: list[tuple[int, int, int | None]] = []
    out += [(int(m[1]), int(m[2]), int(m[3])) for m in _ISO.finditer(text)]
    out += [(int(m[3]) + (2000 if len(m[3]) == 2 else 0), int(m[2]), int(m[1])) for m in _NUMERIC.finditer(text)]
    out += [(int(m[3]), _month_of(m[1]) or 0, int(m[2])) for m in _MONTH_DAY.finditer(text)]
    out += [(int(m[3]), _month_of(m[2]) or 0, int(m[1])) for m in _DAY_MONTH.finditer(text) if m[3]]
    out += [(int(m[2]), _month_of(m[1]) or 0, None) for m in _MONTH_YEAR.finditer(text)]
    return out


def month_years(text: str) -> tuple[tuple[int, int], ...]:
    """Every month a text names with its year, as (year, month), cut-offs included: "juli 2024",
    "31. juli 2024", "ultimo juli 2024", "pr. 31.07.2024", "July 2024". What a title is *as of*
    ("Status på kapitalforvaltning pr. 31. juli 2024"), or what a question asks about.

    >>> month_years("Hvad var værdien ultimo juli 2024?")
    ((2024, 7),)
    """
    return tuple(dict.fromkeys((y, mo) for y, mo, _ in _written_dates(text) if 1 <= mo <= 12))


def days_named(text: str) -> tuple[dt.date, ...]:
    """Every whole date a text writes (day, month and year): "30. april 2022", "pr. 31.07.2024",
    "2024-07-31", "July 31, 2024". What a title is *as of* to the day ("Orientering om
    gældspleje pr. 30. april 2022").

    >>> days_named("Hvor stor var gælden pr. 30. april 2022?")
    (datetime.date(2022, 4, 30),)
    """
    days: list[dt.date] = []
    for y, mo, d in _written_dates(text):
        if d is None:
            continue
        try:
            days.append(dt.date(y, mo, d))
        except ValueError:
            continue
    return tuple(dict.fromkeys(days))


# ---------------------------------------------------------------------------------------------
# Item numbers


_ITEM = re.compile(
    r"\b(?:dagsordens)?(?:punkt|pkt\.?|agenda\s+item|item)\s*(?:nr\.?\s*|nummer\s+|no\.?\s*|number\s+)?"
    rf"(\d{{1,3}}(?:\.\d{{1,2}})?)(?![\d.]?\d)(?!\.?\s*(?:{_ANY_MONTH_RE})\b)",
    re.I,
)


def find_item_numbers(text: str) -> tuple[str, ...]:
    """Every item number after "punkt"/"pkt."/"item", in order, without repeats.

    >>> find_item_numbers("punkt 5 og pkt. 7 den 6. marts 2024")
    ('5', '7')
    """
    return tuple(dict.fromkeys(m.group(1) for m in _ITEM.finditer(text)))


def find_item_number(text: str) -> str | None:
    """The first item number after "punkt"/"pkt."/"item", or None.

    >>> find_item_number("Hvad blev besluttet under punkt 5 den 6. marts 2024?")
    '5'
    """
    numbers = find_item_numbers(text)
    return numbers[0] if numbers else None


# ---------------------------------------------------------------------------------------------
# Committees and municipalities

_HEAD_SUFFIXES = ("udvalg", "bestyr", "råd")
_GENERIC_HEADS = frozenset({"udvalg", "råd", "kommunalbestyr", "bestyr"})
# English words in committee names -> the Danish stem they stand for.
_ENGLISH = {
    "labour": "arbejdsmarked", "labor": "arbejdsmarked", "employment": "beskæftig",
    "finance": "økonomi", "financial": "økonomi", "economic": "økonomi", "economy": "økonomi",
    "economics": "økonomi", "health": "sundhed", "care": "omsorg", "elderly": "ældr",
    "culture": "kultur", "cultural": "kultur", "leisure": "fritid", "climate": "klima",
    "environment": "miljø", "environmental": "miljø", "technical": "teknik", "technology": "teknik",
    "social": "social", "disability": "handicap", "disabilities": "handicap", "school": "skol",
    "schools": "skol", "children": "børn", "child": "børn", "youth": "ung", "planning": "plan",
    "safety": "tryghed", "security": "tryghed", "business": "erhverv", "prevention": "forebyggels",
}  # fmt: skip
_ABBREVIATIONS = {"amu": "arbejdsmarkedsudvalg", "øu": "økonomiudvalg", "kb": "kommunalbestyr", "br": "byråd"}
_MEETING_COMPOUND = re.compile(r"(\w{3,}?)s?mød\w*")
# A body named in English, lower-cased: up to four modifiers, then the head ("the labour market
# committee", "finance committee", "city council").
ENGLISH_BODY = re.compile(r"((?:[a-z]+[\s,-]+(?:and\s+)?){1,4})(committee|council|board)\b")


def _stems(text: str) -> list[str]:
    stem = _stemmer().stemWord
    stop = stopwords()
    return [stem(w) for w in re.findall(r"[^\W\d_]+", text.lower()) if w not in stop]


def _similar(a: str, b: str) -> bool:
    """Same word up to inflection or a linking -s/-e: "teknik"~"teknisk", "arbejdsmarkeds"~"arbejdsmarked"."""
    a, b = a.rstrip("se") or a, b.rstrip("se") or b
    if a == b:
        return True
    n = min(len(a), len(b))
    common = len(_common_prefix(a, b))
    return n >= 4 and common >= min(5, n)


def _common_prefix(a: str, b: str) -> str:
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[:i]


def _split_head(word: str) -> tuple[str, str] | None:
    """'arbejdsmarkedsudvalg' -> ('arbejdsmarkeds', 'udvalg'); a bare head -> ('', head)."""
    for suffix in _HEAD_SUFFIXES:
        if word.endswith(suffix):
            return word[: -len(suffix)], suffix
    return None


@dataclass(frozen=True)
class _Name:
    name: str
    head: str  # e.g. "miljøudvalg", "byråd", "udvalg"
    mods: tuple[str, ...]  # the other parts: "klima", "teknik", "miljø"


def _parse_name(name: str, municipalities: Sequence[str]) -> _Name | None:
    towns = {_stems(m)[0] for m in municipalities if _stems(m)}
    words = [w for w in _stems(name) if w not in towns]
    if not words:
        return None
    head = words[-1]
    mods = list(words[:-1])
    split = _split_head(head)
    if split and split[0] and head not in ("byråd",):
        mods.append(split[0])
    return _Name(name, head, tuple(mods))


def _question_terms(question: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Stems of the question, and (modifier, head) pairs from compounds and English phrases."""
    stems = _stems(question)
    words = re.findall(r"[^\W\d_]+", question.lower())
    stems += [_ABBREVIATIONS[w] for w in words if w in _ABBREVIATIONS]
    # "byrådsmødet", "økonomiudvalgsmødet": a meeting compound names its body.
    stems += [_stemmer().stemWord(m[1]) for s in stems if (m := _MEETING_COMPOUND.fullmatch(s))]
    pairs: list[tuple[str, str]] = []
    for s in stems:
        split = _split_head(s)
        if split and split[0]:
            pairs.append(split)
    # "the labour market committee", "Finance Committee": English modifiers before the head.
    for m in ENGLISH_BODY.finditer(question.lower()):
        head = "udvalg" if m[2] == "committee" else "råd"
        for w in re.findall(r"[a-z]+", m[1]):
            if w in _ENGLISH:
                pairs.append((_ENGLISH[w], head))
                stems.append(_ENGLISH[w])
        if m[1].strip().endswith("city") or head == "råd":
            stems.append("byråd")
    if re.search(r"\b(?:city|town|municipal)\s+council\b", question.lower()):
        stems.append("byråd")
    return stems, pairs


def _score(name: _Name, stems: list[str], pairs: list[tuple[str, str]]) -> float:
    head_hit = name.head in stems
    split = _split_head(name.head)
    compound_hit = bool(split) and any(
        h == split[1] and any(_similar(mod, m) for m in name.mods)
        for mod, h in pairs  # type: ignore[index]
    )
    if name.head in _GENERIC_HEADS and head_hit:
        head_hit = False
        compound_hit = compound_hit or any(_similar(s, m) for s in stems for m in name.mods)
    if not (head_hit or compound_hit):
        return 0.0
    mod_hits = sum(1 for m in name.mods if any(_similar(s, m) for s in stems if len(s) >= 3))
    return (2 * (head_hit or compound_hit) + mod_hits) / (2 + len(name.mods))


def find_committees(question: str, committees: Sequence[str], municipalities: Sequence[str] = ()) -> tuple[str, ...]:
    """The committees a question names, best matches only (ties kept), in ``committees`` order.

    >>> find_committees("Hvad sagde skoleudvalget?", ["Skole-, Børne- og Ungeudvalget", "Økonomiudvalget"])
    ('Skole-, Børne- og Ungeudvalget',)
    """
    stems, pairs = _question_terms(question)
    scored: list[tuple[float, str]] = []
    for c in committees:
        name = _parse_name(c, municipalities)
        if name is None:
            continue
        s = _score(name, stems, pairs)
        if s > 0:
            scored.append((s, c))
    if not scored:
        return ()
    best = max(s for s, _ in scored)
    return tuple(c for s, c in scored if s >= best - 1e-9)


def resolve_committee(name: str, committees: Sequence[str], municipalities: Sequence[str] = ()) -> tuple[str, ...]:
    """The store's committees that a user's spelling of a committee stands for (a filter, not a
    question): the name in any case; else a usual spelling (``find_committees``: "skoleudvalget");
    else the one name that contains it ("arbejdsmarked"). () when none, or when a part is in
    several names.

    >>> resolve_committee("teknik", ["Klima-, Teknik- og Miljøudvalget", "Økonomiudvalget"])
    ('Klima-, Teknik- og Miljøudvalget',)
    """
    key = " ".join(name.split()).casefold()
    if not key:
        return ()
    exact = tuple(c for c in committees if " ".join(c.split()).casefold() == key)
    if exact:
        return exact
    found = find_committees(name, committees, municipalities)
    if found:
        return found
    part = tuple(c for c in committees if key in " ".join(c.split()).casefold())
    return part if len(part) == 1 else ()


def find_municipality(question: str, municipalities: Sequence[str]) -> str | None:
    """The one municipality named in the question ("Greve", "Aarhus Kommune", "Greves"), or None."""
    words = set(re.findall(r"[^\W\d_]+", question.lower()))
    hits = []
    for m in municipalities:
        key = m.lower().removesuffix(" kommune").strip()
        if key and (key in words or key + "s" in words or f"{key} kommune" in question.lower()):
            hits.append(m)
    return hits[0] if len(hits) == 1 else None


# ---------------------------------------------------------------------------------------------


def understand(
    question: str,
    committees: Sequence[str] = (),
    today: dt.date | None = None,
    municipalities: Sequence[str] = (),
) -> QueryPlan:
    """Read a question's case IDs, item number, committees, municipality and dates.

    ``committees`` and ``municipalities`` are the names in the store: only those can match.
    ``today`` anchors "i år" / "sidste år" (default: today).
    """
    when = find_dates(question, today)
    return QueryPlan(
        question=question,
        case_ids=find_case_ids(question),
        item_number=find_item_number(question),
        committees=find_committees(question, committees, municipalities),
        municipality=find_municipality(question, municipalities),
        date_from=when.date_from,
        date_to=when.date_to,
        month=when.month,
        day=when.day,
    )
