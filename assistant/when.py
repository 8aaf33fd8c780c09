"""Time in a question, as the answerer uses it: which items fit, and what to tell the user.

The retriever already lifts items inside the time a question names (``vectorstore.query``,
``vectorstore.timephrases``). The answerer reads the question's time again to

- rerank the items it reads: an item fits the *meeting reading* when its meeting lies in the
  named range ("i efteråret 2022", "i august 2024", "sidste år"), and the *subject reading*
  when the question's subject year ("gebyret for 2024", "Budget 2025") is in its title and
  its meeting lies in the span such things are decided in (the year before and the year
  itself; for accounts the year itself and the year after). Both readings are tried; an item
  that fits either gets a bonus (``W_TIME``), one that fits the subject reading slightly more,
  since a year attached to a fee names the fee; a title *as of* the month the question names
  ("Status på kapitalforvaltning pr. 31. juli 2024" for "ultimo juli 2024") fits the same way,
  or as well as a meeting that month when the month may be the meeting's; for a question about a
  post ("Hvem var formand for ... i 2023?") only an item that elected or appointed someone within
  an election period before the time ends fits, like the subject reading (the *holding reading*);
- say in the answer which reading the answer used and why ("2024 er læst som det år,
  gebyret gælder for; punktet blev behandlet 2. oktober 2023"), and what a relative phrase
  was counted from ("sidste år" = 2024, counted from the newest meeting in the minutes).

Out of scope: the phrases themselves (``vectorstore.timephrases``, ``vectorstore.query``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from assistant.dates import MONTHS_DA, MONTHS_EN, danish_date, english_date
from assistant.question import MEETING_WORD, POSTS, SEASONS, asks_post_holder
from assistant.words import stem, wordset
from vectorstore.query import days_named, find_dates, month_years
from vectorstore.records import ItemHit
from vectorstore.timephrases import SubjectYear, TimeSpan, meeting_spans, subject_years

W_TIME = 0.25  # rerank bonus for an item inside the time the question names
W_SUBJECT = 0.3  # ... inside the subject reading
# ... at the one meeting day the question names ("byrådsmødet den 4. september 2024"): a
# reference to a meeting, as a case ID is to a case, so it outweighs any difference in words.
# The same for a title that is as of the very date the question names ("gælden pr. 30. april
# 2022" and "Orientering om gældspleje pr. 30. april 2022").
W_DAY = 1.0


@dataclass(frozen=True)
class TimeAsk:
    """What a question says about time. ``date_from``/``date_to``/``month``: the meeting reading."""

    date_from: dt.date | None
    date_to: dt.date | None
    month: int | None
    phrases: tuple[TimeSpan, ...]
    subjects: tuple[SubjectYear, ...]
    anchor: dt.date | None
    years: tuple[int, ...] = ()  # years written out as a whole-year reading ("i 2024")
    months: tuple[tuple[int, int], ...] = ()  # (year, month) named, cut-offs too ("ultimo juli 2024")
    # names with their edition's year ("Nytårskoncerten 2024", "Hjemløsetælling 2024"): an item
    # whose title names the same thing with the same year is about that edition
    named: tuple[tuple[str, int], ...] = ()
    role: str = ""  # the post whose holder then the question asks for ("Hvem var formand ... i 2023?")
    now: bool = False  # ... or now ("Hvem er formand ...?"): as of the newest meeting (``date_to``)
    day: dt.date | None = None  # the one meeting day named (``meeting_day``): only that day weighs
    days: tuple[dt.date, ...] = ()  # whole dates named, cut-offs too ("pr. 30. april 2022")

    def meeting_fit(self, hit: ItemHit) -> bool:
        d = hit.ref.meeting_date
        if self.date_from is None and self.month is None:
            return False
        if self.date_from and not (self.date_from <= d <= (self.date_to or self.date_from)):
            return False
        return not (self.month and d.month != self.month)

    def subject_fit(self, hit: ItemHit) -> SubjectYear | None:
        """The subject year the item fits: its title holds the year (paired with the same
        noun when the title pairs that noun with a year: "Lånoptag 2025 vedrørende regnskab
        2024" fits "regnskab 2024", not "regnskab 2025"), and its meeting lies in the span
        such a thing is decided in."""
        title = hit.ref.title
        pairs = subject_years(title)
        for sy in self.subjects:
            lo, hi = sy.decided_span()
            if not (lo <= hit.ref.meeting_date <= hi) or not re.search(rf"(?<!\d){sy.year}(?!\d)", title):
                continue
            noun = stem(sy.noun)[:6]
            same_noun = [p for p in pairs if stem(p.noun)[:6] == noun]
            if not same_noun or any(p.year == sy.year for p in same_noun):
                return sy
        return None

    def named_fit(self, hit: ItemHit) -> bool:
        """The title names the thing of a "<name> <year>" of the question with the same year
        ("Opgørelse af nytårskoncerten 2024 ..." for "Nytårskoncerten 2024"), by stem."""
        title = hit.ref.title
        for word, year in self.named:
            for m in _NAMED_YEAR.finditer(title):
                if int(m["year"]) == year and stem(m["name"])[:6] == stem(word)[:6]:
                    return True
        return False

    def year_in_title(self, hit: ItemHit) -> int | None:
        """The other reading of a written-out year ("mødekalenderen ... i 2024", "tilsynene i
        hjemmeplejen i 2023"): the year the item is *for* or *about*, in its title, treated from
        the year before (a plan) to the year after (a report on it)."""
        for y in self.years:
            if re.search(rf"(?<!\d){y}(?!\d)", hit.ref.title) and dt.date(
                y - 1, 1, 1
            ) <= hit.ref.meeting_date <= dt.date(y + 1, 12, 31):
                return y
        return None

    def month_in_title(self, hit: ItemHit) -> tuple[int, int] | None:
        """The month an item is *as of*: its title names the month the question names ("Status
        på kapitalforvaltning pr. 31. juli 2024" for "ultimo juli 2024" or "at the end of July
        2024"), and it was treated from two months before to a year after."""
        for y, m in self.months:
            if (y, m) in month_years(hit.ref.title):
                start = dt.date(y, m, 1)
                if start - dt.timedelta(days=62) <= hit.ref.meeting_date <= dt.date(y + 1, m, 28):
                    return (y, m)
        return None

    def day_in_title(self, hit: ItemHit) -> bool:
        """The item's title is as of the very date the question names ("Orientering om
        gældspleje pr. 30. april 2022" for "pr. 30. april 2022"), treated in the same window
        as ``month_in_title``'s."""
        titled = days_named(hit.ref.title)
        return any(
            d in titled and d - dt.timedelta(days=62) <= hit.ref.meeting_date <= dt.date(d.year + 1, d.month, 28)
            for d in self.days
        )

    def appointed_before(self, hit: ItemHit) -> bool:
        """The *holding reading* of a question about a post: an item that elects or appoints
        ("Valg af ny formand", "Omkonstituering", "Udpegning af medlemmer") fits when it was
        treated before the time ends, within an election period before it (a chair elected in
        September 2022 is the chair in 2023)."""
        end = self.date_to or self.date_from
        title = hit.ref.title.lower()
        if not self.role or end is None or not _APPOINTS.search(title):
            return False
        # Another post's election ("Valg af næstformand", or an "Omkonstituering" whose decision
        # names only the new næstformand) does not tell who held this one.
        named = set(_POST.findall(title)) or set(_POST.findall((hit.item.decision or "").lower()))
        if named and self.role not in named:
            return False
        # An election that names no post fills one only when it constitutes the body itself
        # ("Omkonstituering af ..."); "Trafiksikkerhedsrådet - valg af 1 medlem" fills a seat.
        if not named and not _CONSTITUTES.search(title):
            return False
        return end - dt.timedelta(days=ELECTION_PERIOD_DAYS) <= hit.ref.meeting_date <= end

    def bonus(self, hit: ItemHit) -> float:
        if self.day is not None:
            return W_DAY if hit.ref.meeting_date == self.day else 0.0
        if self.role:
            # Who held a post then is told by the appointment, not by an item of that time.
            return W_SUBJECT if self.appointed_before(hit) else 0.0
        if self.day_in_title(hit):
            return W_DAY
        if self.subject_fit(hit) or self.year_in_title(hit) or self.named_fit(hit):
            return W_SUBJECT
        if self.subjects and self.other_year_in_title(hit, {sy.year for sy in self.subjects}):
            # Another edition of a yearly thing ("Vej- og Landskabspuljer i 2024" for "puljerne
            # for 2025"): its words fit as well as the one asked for, its year does not.
            return -W_SUBJECT
        if self.month_in_title(hit):
            # As good as a meeting in that month when the month may be the meeting's ("i januar
            # 2022" also fits "Nye regler fra 1. januar 2022"); the reading when it cannot
            # ("ultimo juli 2024", a figure's month).
            return W_TIME if self.date_from is not None or self.month is not None else W_SUBJECT
        if self.years and self.other_year_in_title(hit):
            return 0.0  # "Ydelser i hjemmeplejen 2022" is about 2022, even at a meeting in 2023
        return W_TIME if self.meeting_fit(hit) else 0.0

    def other_year_in_title(self, hit: ItemHit, asked: set[int] | None = None) -> bool:
        """The title names a year, and none of the years asked (default: the written-out years)."""
        named = {int(y) for y in _WHOLE_YEAR.findall(hit.ref.title)}
        return bool(named) and not named & (set(self.years) if asked is None else asked)


# The items that fill a post (the question: ``assistant.question.asks_post_holder``).
_APPOINTS = re.compile(
    r"\b(?:valg|valgt|nyvalg|konstituering\w*|omkonstituering\w*|udpegning\w*|udpeg\w*|ny formand|"
    r"ny næstformand)\b",
    re.I,
)
_CONSTITUTES = re.compile(r"\b(?:konstituering\w*|omkonstituering\w*|omkomstituering\w*)\b", re.I)
_POST = re.compile(rf"\b({'|'.join(POSTS)})\b")
ELECTION_PERIOD_DAYS = 4 * 366  # a municipal election period


# A year standing alone, not in a span ("2024", not "2024-2027" or "2022-25").
_WHOLE_YEAR = re.compile(r"(?<![\d-])((?:19|20)\d\d)(?![\d-])")
# "<name> <year>": a word of five or more letters right before a year ("Nytårskoncerten 2024").
_NAMED_YEAR = re.compile(r"\b(?P<name>[^\W\d_]{5,})\s+(?P<year>(?:19|20)\d\d)\b")
# Words before a year that date, not name: months, seasons, "primo", "udgangen af", ...
_NOT_NAMES = frozenset(m.lower() for m in (*MONTHS_DA, *MONTHS_EN, *SEASONS)) | wordset(
    "primo medio ultimo udgangen starten slutningen begyndelsen midten "
    "løbet siden inden efter frem indtil mellem omkring before after since until during early late"
)


def read_time(question: str, anchor: dt.date | None) -> TimeAsk | None:
    """The question's time readings, or None when it names no time."""
    when = find_dates(question, anchor)
    phrases = tuple(meeting_spans(question, anchor or dt.date.today()))
    subjects = tuple(subject_years(question))
    months = month_years(question)
    role = asks_post_holder(question)
    taken = {sy.span for sy in subjects}
    named = tuple(
        (m["name"], int(m["year"]))
        for m in _NAMED_YEAR.finditer(question)
        if m.span("year") not in taken and m["name"].lower() not in _NOT_NAMES
    )
    if when.date_from is None and when.month is None and not subjects and not months and not named:
        if role and anchor is not None:
            # "Hvem er formand for ...?": the holder as of the newest meeting in the minutes.
            return TimeAsk(None, anchor, None, (), (), anchor, role=role, now=True)
        return None
    if when.date_from is not None and when.date_from == when.date_to:
        return None  # one day names a meeting, not a period: nothing to weigh or explain
    # A year written out as the whole meeting reading ("i 2024", not "sidste år" or "marts 2024").
    years: tuple[int, ...] = ()
    if (
        when.date_from
        and when.date_to
        and (when.date_from.month, when.date_from.day, when.date_to.month, when.date_to.day) == (1, 1, 12, 31)
    ):
        written = {int(y) for y in _WHOLE_YEAR.findall(question)}
        years = tuple(y for y in range(when.date_from.year, when.date_to.year + 1) if y in written)
    return TimeAsk(
        when.date_from,
        when.date_to,
        when.month,
        phrases,
        subjects,
        anchor,
        years,
        months,
        named,
        role,
        days=days_named(question),
    )


def _d(d: dt.date, english: bool) -> str:
    return english_date(d) if english else danish_date(d)


def time_note(ask: TimeAsk, hit: ItemHit, english: bool) -> str | None:
    """One line saying which reading of the question's time the answer used, and why."""
    notes: list[str] = []
    sy = ask.subject_fit(hit)
    treated = _d(hit.ref.meeting_date, english)
    year = ask.year_in_title(hit) if sy is None else None
    if year is not None and not ask.meeting_fit(hit):
        notes.append(
            f"{year} is read as the year the item is for; it was treated on {treated}."
            if english
            else f"{year} er læst som det år, punktet gælder for; det blev behandlet {treated}."
        )
    if ask.now and ask.date_to and ask.appointed_before(hit):
        newest = _d(ask.date_to, english)
        notes.append(
            f"The latest election to the post in the minutes is of {treated}; they reach {newest}."
            if english
            else f"Det seneste valg til posten i referaterne er fra {treated}; de går til {newest}."
        )
    elif ask.appointed_before(hit) and not ask.meeting_fit(hit):
        notes.append(
            f"The post is read as held from the election on {treated}, before the time the question names."
            if english
            else f"Posten er læst som besat fra valget {treated}, før den tid, spørgsmålet nævner."
        )
    month = ask.month_in_title(hit) if sy is None and year is None else None
    if month is not None and not ask.meeting_fit(hit):
        named = (MONTHS_EN if english else MONTHS_DA)[month[1] - 1]
        notes.append(
            f"{named} {month[0]} is read as the time the item reports on; it was treated on {treated}."
            if english
            else f"{named} {month[0]} er læst som det tidspunkt, punktet gør status for; det blev behandlet {treated}."
        )
    if sy is not None:
        if english:
            notes.append(
                f"{sy.year} is read as the year the {sy.noun.lower()} is for; the item was treated on {treated}."
            )
        else:
            notes.append(
                f"{sy.year} er læst som det år, {sy.noun.lower()} gælder for; punktet blev behandlet {treated}."
            )
    elif ask.subjects and ask.meeting_fit(hit):
        sy = ask.subjects[0]
        notes.append(
            f"{sy.year} is read as the year of the meeting ({treated})."
            if english
            else f"{sy.year} er læst som mødets år ({treated})."
        )
    for p in ask.phrases:
        span = f"{_d(p.date_from, english)} – {_d(p.date_to, english)}"
        if p.relative and p.anchor:
            notes.append(
                f"“{p.phrase}” is counted from the newest meeting in the minutes ({_d(p.anchor, english)}): {span}."
                if english
                else f"“{p.phrase}” er regnet fra det nyeste møde i referaterne ({_d(p.anchor, english)}): {span}."
            )
        elif not (p.date_from <= hit.ref.meeting_date <= p.date_to):
            notes.append(
                f"No item from {span} answered better; this one is from {treated}."
                if english
                else f"Intet punkt fra {span} svarede bedre; dette er fra {treated}."
            )
        else:
            notes.append(f"“{p.phrase}” is read as {span}." if english else f"“{p.phrase}” er læst som {span}.")
    if not notes:
        return None
    return ("Time: " if english else "Tid: ") + " ".join(notes)


__all__ = ["W_SUBJECT", "W_TIME", "TimeAsk", "read_time", "time_note"]


def meeting_day(question: str, day: dt.date | None, committees: bool) -> TimeAsk | None:
    """The rerank's time when a question names one day as a meeting's: ``day`` (the one day
    the question names, as the retriever reads it) with a meeting word ("byrådsmødet den 4.
    september 2024", "the meeting on 4 September 2024") or a committee (``committees``:
    "Økonomiudvalget den 10. april 2024"). A day alone may be an event's ("pr. 1. januar 2025",
    "aktive den 27. februar 2024") and weighs nothing."""
    if day is None or not (committees or MEETING_WORD.search(question)):
        return None
    return TimeAsk(day, day, None, (), (), None, day=day)
