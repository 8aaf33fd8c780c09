"""Aarhus Kommune's minutes (Aarhus Byråd and its committees, 2025).

    Punkt 2: Svar på forslag fra DD om ... (title may wrap)
    EMN-2025-003383                       (bare case number)
    Beslutninger                          (the decision comes first)
    BESLUTNINGSFORSLAG FRA DD / INDSTILLING FRA MAGISTRATSAFDELINGEN FOR ...
    Resume, Beslutningspunkter ("Det indstilles: At 1) ..."), Borgmesterens Afdelings påtegning,
    Sagsforløb (earlier treatment by other bodies), Bilag (always last)
    Punkt 21: Lukket: Køb af landbrugsejendom   (closed: the body is only the decision)

A table of contents without numbers precedes the items and is skipped. Out of scope: the
separately published attachments.
"""

from __future__ import annotations

from collections.abc import Sequence

from ingest.caseids import is_bare_case_id
from ingest.layouts.base import CORE_SECTION_HEADINGS, HeadingRule, Layout, count, rx
from ingest.records import Line

HEADING = rx(r"^punkt\s+(?P<num>\d{1,4}(?:\.\d{1,3})*)\s*:\s*(?P<title>.+)$")


def _detect(lines: Sequence[Line]) -> float:
    """All of the vendor's marks: "Punkt N: Title", a bare case number under it, "Beslutninger"."""
    headings = [i for i, line in enumerate(lines) if HEADING.match(line.text)]
    bare = sum(1 for i in headings for line in lines[i + 1 : i + 4] if is_bare_case_id(line.text))
    decisions = count(lines, rx(r"^Beslutninger$"))
    return 20.0 if len(headings) >= 2 and bare >= 1 and decisions >= 1 else 0.0


LAYOUT = Layout(
    name="aarhus",
    headings=(HeadingRule(HEADING, strong=True),),
    section_headings=(
        *CORE_SECTION_HEADINGS,
        r"beslutningspunkter",
        r"sagsforløb",
        r"bilag",
        r"[\wæøå]+ afdelings påtegning",
        r"BESLUTNINGSFORSLAG FRA .{1,60}",
        r"INDSTILLING FRA .{1,80}",
        r"ERKLÆRING FRA .{1,80}",
    ),
    detect=_detect,
    bilag_to_end=True,
)
