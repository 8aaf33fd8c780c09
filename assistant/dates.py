"""Date wording in answers: Danish and English month names, ``6. marts 2024`` and
``6 March 2024``.

Out of scope: reading dates from minutes (``ingest.dates``) or from questions
(``vectorstore.query``).
"""

from __future__ import annotations

from ingest.dates import MONTH_NAMES_DA, MONTH_NAMES_EN

# Month names, for dates in answers and in question typing (one table: ``ingest.dates``).
MONTHS_DA = MONTH_NAMES_DA
MONTHS_EN = MONTH_NAMES_EN


def danish_date(d) -> str:  # type: ignore[no-untyped-def]
    """``danish_date(date(2024, 3, 6))`` -> '6. marts 2024'."""
    return f"{d.day}. {MONTHS_DA[d.month - 1]} {d.year}"


def english_date(d) -> str:  # type: ignore[no-untyped-def]
    return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"
