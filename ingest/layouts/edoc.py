"""eDoc minutes (Ballerup Kommune and other eDoc users, 2010s).

    Dato: 04.12.2012 / Side 3        (five-line running header on every page)
    2. Bygningsvedligeholdelse 2013 - anlægsbevilling
    Sagsnr.: 2012-28504
    Dok.nr.: 2012-203438
    Sammendrag, Baggrund, Sagsfremstilling, Økonomiske konsekvenser og finansiering,
    Bilag ("2012-200782 - Bygningsliste og prioriteringssystem"), Beslutningen træffes af,
    Indstilling, "Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 2",
    "Følgende deltog ikke i behandlingen af punktet:"

The first page lists Tilstede / Afbud/Fraværende / Sekretær; the second is a table of
contents ("1. Meddelelser 3") that is skipped. Out of scope: the "Lukket referat" part,
which is not published.
"""

from __future__ import annotations

from collections.abc import Sequence

from ingest.layouts.base import CORE_SECTION_HEADINGS, HeadingRule, Layout, count, rx
from ingest.layouts.generic import OTHER_SECTION_HEADINGS
from ingest.records import Line

HEADING = rx(r"^(?P<num>\d{1,4})\.\s+(?P<title>\S.*)$")


def _detect(lines: Sequence[Line]) -> float:
    """All of the vendor's marks: "Sagsnr.:", "Dok.nr.:" and "<Udvalg>s beslutning den <dato> Punkt N"."""
    case_fields, doc_fields = count(lines, rx(r"^Sagsnr\.:")), count(lines, rx(r"^Dok\.nr\.:"))
    decisions = count(lines, rx(r"s beslutning den .* Punkt \d+$"))
    return 20.0 if case_fields >= 2 and doc_fields >= 1 and decisions >= 1 else 0.0


LAYOUT = Layout(
    name="edoc",
    headings=(HeadingRule(HEADING),),
    section_headings=(*CORE_SECTION_HEADINGS, r"baggrund", r"bilag", *OTHER_SECTION_HEADINGS),
    detect=_detect,
)
