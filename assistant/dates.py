"""Date wording in answers: Danish and English month names, ``6. marts 2024`` and
``6 March 2024``.

Out of scope: reading dates from minutes (``ingest.dates``) or from questions
(``vectorstore.query``).
"""

from __future__ import annotations

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


def danish_date(d) -> str:  # type: ignore[no-untyped-def]
    """``danish_date(date(2024, 3, 6))`` -> '6. marts 2024'."""
    return f"{d.day}. {MONTHS_DA[d.month - 1]} {d.year}"


def english_date(d) -> str:  # type: ignore[no-untyped-def]
    return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"
