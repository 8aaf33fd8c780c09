"""Section headings -> section kinds, shared by every layout.

Vendors name the same parts differently: "Sagsfremstilling" / "Sagsbeskrivelse" /
"Sagens indhold", "Beslutning" / "Beslutninger:" / "Økonomiudvalgets beslutning den 3. maj
2024" / "BESLUTNING". Out of scope: finding where a heading is (that is the layouts' job).
"""

from __future__ import annotations

import re

from ingest.records import SectionKind

# A decision heading names the decision itself: "Beslutning ...", or whose it is, in the
# genitive ("Økonomiudvalgets beslutning den 3. maj 2024", "Sundheds- og
# Forebyggelsesudvalgets beslutning"). subtle: other words before "beslutning" make it
# something else: a proposal ("Forslag til beslutning"), the case's history ("Tidligere
# beslutninger", like "Sagens forløb") or a recommendation that precedes the decision in one
# section ("Indstilling og beslutning"; its text is the proposal first, so it is filed as
# the recommendation and nothing in it is shown as decided).
_DECISION = re.compile(
    r"^(?:(?:[\wæøå-]+\s+)*?[\wæøå-]+s\s+)?(beslutning(?:er)?|beslutningsprotokol|afgørelse)\b", re.I
)

_RULES: tuple[tuple[SectionKind, re.Pattern[str]], ...] = (
    ("beslutning", _DECISION),
    ("indstilling", re.compile(r"^(?:.*\b)?(indstilling(?:er)?|forslag til beslutning|beslutningspunkter)\b", re.I)),
    (
        "resume",
        re.compile(
            r"^(resum[eé]|sammendrag|kort fortalt|baggrund og formål|formål|sammenfatning|sagsresum[eé]|kort resum[eé])\b",
            re.I,
        ),
    ),
    (
        "sagsfremstilling",
        re.compile(r"^(sagsfremstilling|sagsbeskrivelse|sagens (indhold|baggrund|fremstilling)|beskrivelse)\b", re.I),
    ),
)

# Whole-heading names that the rules above do not cover: "Referat:" / "Protokol:" sections of
# working-group minutes hold what was decided; "Direktøren indstiller", "Forslag" recommend.
_EXACT: tuple[tuple[SectionKind, re.Pattern[str]], ...] = (
    ("beslutning", re.compile(r"^(?:referat|protokol|udvalgets beslutning)$", re.I)),
    ("indstilling", re.compile(r"^(?:forslag|(?:[\wæøå-]+\s+){1,3}indstiller(?:,?\s+at)?)$", re.I)),
)

# "Beslutningskompetence" names who decides; it is not a decision.
_NOT_DECISION = re.compile(r"^beslutnings(kompetence|myndighed)|^beslutningen træffes af", re.I)


def classify_heading(heading: str) -> SectionKind:
    """Map a printed section heading to its kind.

    >>> classify_heading("Arbejdsmarkedsudvalgets beslutning den 6. marts 2024")
    'beslutning'
    >>> classify_heading("Sagsbeskrivelse")
    'sagsfremstilling'
    """
    h = heading.strip().rstrip(":").strip()
    if _NOT_DECISION.match(h):
        return "other"
    for kind, pattern in _EXACT:
        if pattern.match(h):
            return kind
    for kind, pattern in _RULES:
        if pattern.match(h):
            return kind
    return "other"
