"""Frederikshavn Kommune's minutes (as published by its agenda system, 2024).

    5 (Åben) Beslutning om Frederikshavnerordningen
    Sags ID: EMN-2024-00966
    Ansvarligt center: Jobcenter Administration
    Beslutningskompetence
    AMU
    Sagsfremstilling ... Indstilling ... Beslutninger: ... Afbud fra Mette Hardam (V) ...
    Bilag
    1. <title> (DokumentID: 7826460 - EMN-2024-00732)

Page headers: "Arbejdsmarkedsudvalget 2022-2025 - 06-03-2024 15:00", "MOS-2024-00185",
"Side 13 af 23". Subheadings inside the Sagsfremstilling ("Økonomi", "Resultater") are text,
not sections. Out of scope: the vendor's agenda (dagsorden) edition, which has no decisions.
"""

from __future__ import annotations

from collections.abc import Sequence

from ingest.layouts.base import HeadingRule, Layout, count, rx
from ingest.records import Line

HEADING = rx(
    r"^(?P<num>\d{1,4}(?:\.\d{1,3})*)\s+\((?P<status>åben|åbent|lukket|lukket punkt|fortrolig)\)\s+(?P<title>.+)$"
)


def _detect(lines: Sequence[Line]) -> float:
    """All of the vendor's marks: "N (Åben) Title" headings and "Sags ID:" fields."""
    headings, fields = count(lines, HEADING), count(lines, rx(r"^Sags ID:"))
    return 20.0 if headings >= 2 and fields >= 1 else 0.0


LAYOUT = Layout(
    name="frederikshavn",
    headings=(HeadingRule(HEADING, strong=True),),
    section_headings=(r"sagsfremstilling", r"indstilling", r"beslutning(?:er)?", r"bilag", r"resum[eé]"),
    detect=_detect,
    bilag_to_end=True,
)
