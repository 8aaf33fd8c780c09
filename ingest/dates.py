"""Dates and times as Danish minutes print them.

"06-03-2024", "04.12.2012", "2024-03-06", "4. december 2012", "d. 27. august 2025",
"tirsdag den 4. december 2012, kl. 13:00", "kl. 16.00". Out of scope: relative dates
("i morgen") and date ranges.
"""

from __future__ import annotations

import datetime as dt
import re

# The one table of month names (the parsers, query understanding and the answers' dates use it).
MONTH_NAMES_DA = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip
MONTH_NAMES_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_DA_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "okt": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Month names in Danish or English, lower case -> 1..12 ("marts", "march").
MONTH_NUMBERS = {name.lower(): i for names in (MONTH_NAMES_DA, MONTH_NAMES_EN) for i, name in enumerate(names, 1)}
MONTH_ABBREVIATIONS = {**_DA_ABBREVIATIONS, "oct": 10}  # "okt." / "Oct."
# What minutes print (Danish names and abbreviations).
MONTHS = {**{name: i for i, name in enumerate(MONTH_NAMES_DA, 1)}, **_DA_ABBREVIATIONS}

_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})[-./](\d{1,2})[-./](\d{4}|\d{2})(?![\d])")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_WORDS = re.compile(
    r"(?<!\d)(\d{1,2})(?:\.\s*|\s+)(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{4})", re.I
)
_TIME = re.compile(r"(?:\bkl\.?\s*|\b)([01]?\d|2[0-3])[:.]([0-5]\d)(?!\d)(?![.:]\d)", re.I)


def _date(y: int, m: int, d: int) -> dt.date | None:
    if y < 100:
        y += 2000
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[int, dt.date]]:
    """Every date in ``text`` with its position, in order.

    >>> [d.isoformat() for _, d in find_dates("mødet den 4. december 2012 og 06-03-2024, den 24.januar 2024")]
    ['2012-12-04', '2024-03-06', '2024-01-24']
    """
    found: list[tuple[int, dt.date]] = []
    for m in _ISO.finditer(text):
        if d := _date(int(m[1]), int(m[2]), int(m[3])):
            found.append((m.start(), d))
    for m in _NUMERIC.finditer(text):
        if any(abs(m.start() - p) < 3 for p, _ in found):
            continue
        if d := _date(int(m[3]), int(m[2]), int(m[1])):
            found.append((m.start(), d))
    for m in _WORDS.finditer(text):
        if d := _date(int(m[3]), MONTHS[m[2].lower()], int(m[1])):
            found.append((m.start(), d))
    return sorted(found, key=lambda x: x[0])


def find_date(text: str) -> dt.date | None:
    dates = find_dates(text)
    return dates[0][1] if dates else None


def find_time(text: str) -> str | None:
    """The first clock time as "HH:MM"; "kl. 13:00" and "kl. 16.00" both count.

    >>> find_time("tirsdag den 4. december 2012, kl. 13:00")
    '13:00'
    """
    for m in _TIME.finditer(text):
        prefix = text[max(0, m.start() - 1) : m.start()]
        if prefix in {"-", "."} and not text[m.start() : m.start() + 2].lower().startswith("kl"):
            continue
        # "04.12" inside a date is not a time: require "kl." or a colon.
        if ":" not in m.group(0) and "kl" not in m.group(0).lower():
            continue
        return f"{int(m[1]):02d}:{m[2]}"
    return None


__all__ = [
    "MONTHS",
    "MONTH_ABBREVIATIONS",
    "MONTH_NAMES_DA",
    "MONTH_NAMES_EN",
    "MONTH_NUMBERS",
    "find_date",
    "find_dates",
    "find_time",
]
