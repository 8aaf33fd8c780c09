"""What a layout is: the rules one vendor's minutes follow, as data for one shared engine.

A ``Layout`` says how an item heading looks ("5 (Åben) Title", "Punkt 5: Title",
"5. Title"), which lines are section headings, which are item fields (case id, responsible
unit, decision authority), and a few switches. ``ingest.items`` applies any layout; the
vendor modules beside this one only fill in the rules. Out of scope: the engine itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ingest.records import Line


@dataclass(frozen=True)
class HeadingRule:
    """A regex for an item heading line with groups ``num`` and ``title`` (and optionally
    ``status``: "Åben" / "Lukket"). ``strong`` rules need no evidence after the heading;
    weak ones ("3. Title") count only when a case id or a section heading follows."""

    pattern: re.Pattern[str]
    strong: bool = False


def rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


# Core section headings every layout understands. Each entry is matched against a whole
# line (trailing colon allowed); the engine classifies the heading with ingest.sections.
CORE_SECTION_HEADINGS = (
    r"resum[eé]|sammendrag|kort fortalt|kort om sagen|sammenfatning|sagsresum[eé]|kort resum[eé]",
    r"sagsfremstilling(?: og (?:vurdering|begrundelse))?|sagsbeskrivelse|sagens (?:indhold|baggrund|fremstilling)"
    r"|supplerende sagsfremstilling|beskrivelse af sagen",
    # "Indstilling", "Indstilling fra forvaltningen", "Økonomiudvalgets indstilling den 3. maj 2024"
    r"(?:[\wæøåÆØÅ-]+(?:\s+og\s+[\wæøåÆØÅ-]+)?s\s+)?indstilling(?:er)?(?:\s+(?:fra|til)\s+[\wæøåÆØÅ ,.-]{1,60}?)?"
    r"(?:\s+(?:den|d\.)\s+[\w. /-]*?\d{2,4})?|forslag til beslutning|forslag"
    r"|(?:direktøren|direktionen|forvaltningen|administrationen|borgmesteren|sekretariatet)\s+indstiller",
    r"beslutning(?:er)?|beslutningsprotokol|afgørelse",
)

# Headings every layout knows besides the core: the parts of an item body that vendors name
# differently ("Økonomi og organisatoriske konsekvenses" in Acadre).
_CORE_EXTRA = (
    r"(?:økonomi|økonomiske|organisatoriske|personalemæssige)(?:\s+(?:og|,)\s+[\wæøå]+)*\s+konsekvenser",
)

# Headings only with a colon: "Referat:" / "Protokol:" head what a working group decided, but
# "Referat" or "Protokol" alone is a document title (and a running header).
COLON_HEADING = re.compile(r"^(referat|protokol)\s*:\s*(.*)$", re.I)

# "Økonomiudvalgets beslutning den 3. maj 2024", "Beslutning i Økonomiudvalget den 3. maj 2024",
# "Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 2", "Beslutning den 3/5-2024".
_DATE = r"(?:den|d\.)\s+[\w. /-]*?\d{2,4}"
DECISION_HEADING = rx(
    r"^(?:(?:[A-ZÆØÅ][\wæøå-]*(?:\s+(?:og|for|i|,)?\s*[\wæøåÆØÅ-]+){0,6}?s)\s+)?beslutning(?:er)?"
    r"(?:\s+(?:i|fra|på)\s+[\wæøåÆØÅ ,-]+?"  # "Beslutning i Økonomiudvalget"
    rf"|\s+[A-ZÆØÅ][\wæøåÆØÅ ,-]+?(?=\s+{_DATE}))?"  # "Beslutning Økonomiudvalget den 12-03-2024"
    rf"(?:\s+{_DATE})?(?:,?\s+(?:kl\.\s*\d{{1,2}}[.:]\d{{2}}))?(?:\s+punkt\s+\d+)?"
    r"(?:\s*\([^()]{1,80}\))?\s*:?$"  # "Beslutning (Økonomiudvalget 12.03.2024)"
)

# "Ansvarligt center: Jobcenter Administration"
RESPONSIBLE = rx(r"^(?:ansvarligt? (?:center|enhed|område|afdeling)|ansvarlig|fagområde|afdeling)\s*:\s*(.+)$")
# "Beslutningskompetence" / "Beslutningen træffes af" with the value on the same or the next line
AUTHORITY = rx(
    r"^(?:(?:beslutningskompetence|beslutningsmyndighed|beslutningen træffes af|beslutningsniveau)\b\s*:?"
    r"|kompetence\s*:)\s*(.*)$"
)
# Vendor bookkeeping that is neither text nor a field we keep: "Dok.nr.: 2012-203438"
IGNORED_FIELDS = rx(r"^(?:dok\.?\s*nr\.?|dokumentnr\.?|dokument-?id|doknr\.?)\s*[:.]?\s*\S+$")

_ABSENCE = rx(
    r"^(?:afbud(?:\s+fra)?|fraværende(?:\s+med\s+afbud)?|fravær|forfald|afbud\s*/\s*fraværende"
    r"|følgende deltog ikke i (?:behandlingen af )?(?:punktet|sagen|sagens behandling)|ikke til stede)\b\s*:?\s*"
)


@dataclass(frozen=True)
class Layout:
    """One vendor's rules. ``detect(lines)`` scores how well the layout fits (0 = not at all)."""

    name: str
    headings: tuple[HeadingRule, ...]
    section_headings: tuple[str, ...]  # regex alternatives for full-line headings
    detect: Callable[[Sequence[Line]], float]
    bare_case_id: bool = True  # a line that is only a case id, right under the title
    bilag_to_end: bool = False  # "Bilag" is the item's last part (its lines may look like headings)
    decision_heading: re.Pattern[str] = DECISION_HEADING
    responsible: re.Pattern[str] = RESPONSIBLE
    authority: re.Pattern[str] = AUTHORITY
    ignored_fields: re.Pattern[str] = IGNORED_FIELDS
    absence: re.Pattern[str] = _ABSENCE

    def __post_init__(self) -> None:
        alts = "|".join(f"(?:{h})" for h in (*self.section_headings, *_CORE_EXTRA))
        object.__setattr__(self, "_section_rx", re.compile(rf"^(?:{alts})\s*:?$", re.I))
        inline = "|".join(f"(?:{h})" for h in CORE_SECTION_HEADINGS)
        object.__setattr__(self, "_inline_rx", re.compile(rf"^({inline})\s*:\s+(\S.*)$", re.I))

    def section_heading(self, text: str) -> tuple[str, str | None] | None:
        """(heading, inline text) when ``text`` is a section heading line, else None.

        "Beslutning: Godkendt." is a heading with inline text "Godkendt."."""
        t = text.strip()
        if len(t) > 140:
            return None
        if self._section_rx.match(t) or self.decision_heading.match(t):  # type: ignore[attr-defined]
            return t.rstrip(":").strip(), None
        m = self._inline_rx.match(t)  # type: ignore[attr-defined]
        if m:
            return m.group(1), m.group(2).strip()
        if m := COLON_HEADING.match(t):  # "Referat:" / "Referat: Godkendt." (working groups)
            return m.group(1), (m.group(2) or "").strip() or None
        # "Beslutning i Økonomiudvalget den 12. marts 2024: Godkendt."
        head, sep, rest = t.partition(": ")
        if sep and rest.strip() and len(head) <= 120 and self.decision_heading.match(head):
            return head.strip(), rest.strip()
        return None


def count(lines: Sequence[Line], pattern: re.Pattern[str], limit: int = 100000) -> int:
    return sum(1 for line in lines[:limit] if pattern.search(line.text))


__all__ = ["COLON_HEADING", "CORE_SECTION_HEADINGS", "DECISION_HEADING", "HeadingRule", "Layout", "count", "rx"]
