"""The fallback layout for minutes from a vendor nobody here has seen.

Item headings in the common forms, strongest first:

    5 (Åben) Title          Punkt 5: Title     Punkt 5. Title    Pkt. 5 Title
    Dagsordenspunkt 5: Title                   5. Title          5) Title
    1.1 Title               5 Title            (weak forms count only when a case id or a
                                               section heading follows within a few lines)

Case ids labelled ("Sags ID:", "Sagsnr.", "Sag nr.", "Journalnr.") or bare under the title;
sections under the headings vendors use (Resume / Sammendrag, Sagsfremstilling /
Sagsbeskrivelse, Indstilling, Beslutning / Beslutninger / BESLUTNING / "<Udvalg>s beslutning
den <dato>", several dated decisions on one item, Bilag, Økonomi, Høring ...). Out of scope:
minutes without any numbered item heading (they are refused with a ParseError).
"""

from __future__ import annotations

from collections.abc import Sequence

from ingest.layouts.base import CORE_SECTION_HEADINGS, HeadingRule, Layout, rx
from ingest.records import Line

OTHER_SECTION_HEADINGS = (
    r"baggrund",
    r"bilag",
    r"økonomi",
    r"økonomiske (?:og [\wæøå]+ )?konsekvenser(?: og finansiering)?",
    r"bevillingsmæssige konsekvenser|økonomi og finansiering|finansiering",
    r"personalemæssige konsekvenser|miljømæssige konsekvenser|klimamæssige konsekvenser",
    r"lovgrundlag|retsgrundlag|lovgivning|juridiske forhold",
    r"høring|høringssvar|kommunikation|tidsplan|videre proces|proces",
    r"vurdering|administrationens vurdering|forvaltningens vurdering",
    r"sagsforløb|sagens forløb|tidligere beslutninger|politisk behandling|historik",
    r"sagsprocedure|sagsgang|behandling|fremstilling",  # FirstAgenda (Greve and others)
    r"øvrige (?:forhold|konsekvenser|opmærksomhedspunkter)|øvrig information|yderligere forhold",
    r"lovhjemmel|miljøvurdering|supplerende (?:indstilling|sagsbeskrivelse|dagsorden)",
    r"beslutningspunkter",
    r"udtalelse(?:r)?|bemærkninger",
    r"beslutningsforslag(?:\s+fra\s+.{1,60})?|(?:[\wæøå]+\s+afdelings\s+)?påtegning|(?:udvalgs)?erklæring(?:\s+fra\s+.{1,80})?",
)

HEADINGS = (
    HeadingRule(
        rx(
            r"^(?P<num>\d{1,4}(?:\.\d{1,3})*)\.?\s+\((?P<status>åben|åbent|lukket|lukket punkt|fortrolig)\)\s+(?P<title>.+)$"
        ),
        strong=True,
    ),
    HeadingRule(
        rx(
            r"^(?:punkt|pkt\.?|dagsordens?punkt)\s*(?:nr\.?\s*)?(?P<num>\d{1,4}(?:\.\d{1,3})*)\s*(?:[:.)–-]\s*|\s)"
            r"(?:(?P<status>åben|åbent|lukket)(?:\s+punkt)?\s*[:.–-]\s*)?(?P<title>\S.+)$"
        ),
        strong=True,
    ),
    HeadingRule(
        rx(
            r"^(?P<status>lukket|åben|åbent)\s+(?:punkt|sag)\s+(?P<num>\d{1,4}(?:\.\d{1,3})*)\s*[:.–-]?\s+(?P<title>\S.+)$"
        ),
        strong=True,
    ),
    HeadingRule(
        rx(r"^(?P<num>\d{1,4})\s*[.)](?!\d)\s*(?:(?P<status>åben|åbent|lukket)(?:\s+punkt)?\s*[:.–-]\s*)?(?P<title>\S.*)$")
    ),
    HeadingRule(rx(r"^(?P<num>\d{1,3}\.\d{1,3})\.?\s+(?P<title>\S.*)$")),
    HeadingRule(rx(r"^(?P<num>\d{1,4})\s+(?P<title>[A-ZÆØÅ].*)$")),
)


def _detect(lines: Sequence[Line]) -> float:
    return 1.0


LAYOUT = Layout(
    name="generic",
    headings=HEADINGS,
    section_headings=(*CORE_SECTION_HEADINGS, *OTHER_SECTION_HEADINGS),
    detect=_detect,
)
