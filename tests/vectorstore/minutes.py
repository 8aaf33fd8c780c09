"""Meetings for store tests, built from real minutes without the real parser.

``frederikshavn_meeting()`` cuts the Frederikshavn fixture (11 items, real Danish text) into
records with a deliberately simple splitter (item lines "N (Åben) Title", "Sags ID:", the
few headings that layout uses), so that vectorstore tests do not depend on ``ingest.parse``.
``greve_meetings()`` reads the three Greve FirstAgenda fixtures with the real JSON reader.
``text_chunks()`` makes one item of one chunk from each sentence, for keyword-index tests.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from ingest.firstagenda import parse_firstagenda
from ingest.records import AgendaItem, Meeting, Section
from ingest.sections import classify_heading
from vectorstore.records import Chunk, ItemRef

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FREDERIKSHAVN_TXT = FIXTURES / "frederikshavn_arbejdsmarkedsudvalget_2024-03-06_referat.txt"
GREVE_JSON = sorted((FIXTURES / "greve").glob("*.json"))

_ITEM = re.compile(r"^ ?(\d+) \(Åben\) (.+?)\s*$")
_HEADINGS = ("Beslutningskompetence", "Sagsfremstilling", "Indstilling", "Beslutninger:", "Bilag")


def frederikshavn_meeting(text: str | None = None, source: str = "frederikshavn.txt") -> Meeting:
    text = FREDERIKSHAVN_TXT.read_text(encoding="utf-8") if text is None else text
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    blocks: list[tuple[str, str, list[str]]] = []
    for line in text.splitlines():
        m = _ITEM.match(line)
        if m:
            blocks.append((m.group(1), m.group(2), []))
        elif blocks:
            blocks[-1][2].append(line)
    items = []
    for number, title, lines in blocks:
        case_id, parts = None, []  # parts: [heading, lines...]
        for line in lines:
            s = line.strip()
            if s.startswith("Sags ID:"):
                case_id = s.split(":", 1)[1].strip()
            elif s in _HEADINGS:
                parts.append([s])
            elif parts:
                parts[-1].append(line)
        sections = [Section(p[0], classify_heading(p[0]), "\n".join(p[1:]).strip()) for p in parts]
        decision = "\n\n".join(s.text for s in sections if s.kind == "beslutning") or None
        items.append(AgendaItem(number, title, case_id=case_id, sections=tuple(sections), decision=decision))
    return Meeting(
        "Arbejdsmarkedsudvalget",
        dt.date(2024, 3, 6),
        tuple(items),
        source=source,
        sha256=sha,
        municipality="Frederikshavn",
        meeting_id="MOS-2024-00185",
    )


def greve_meetings() -> list[Meeting]:
    out = []
    for path in GREVE_JSON:
        raw = path.read_bytes()
        out.append(parse_firstagenda(path, raw, hashlib.sha256(raw).hexdigest(), None))
    return out


def text_chunks(
    texts: list[str], *, committee: str, day: dt.date, kind: str, municipality: str = "Greve"
) -> list[Chunk]:
    """One chunk of ``kind`` per text, text ``n`` the only chunk (id ``c<n>``) of item ``n``
    (key ``k<n>``) of one meeting: keyword-index tests over single sentences."""

    def ref(n: int) -> ItemRef:
        return ItemRef(
            key=f"k{n}", municipality=municipality, committee=committee, meeting_date=day, meeting_id="m",
            item_number=str(n), case_id=None, title=f"punkt {n}", source="s", source_sha256="x", pages=(1, 1),
        )  # fmt: skip

    return [
        Chunk(id=f"c{n}", ref=ref(n), section_kind=kind, text=t, body=t, pages=(1, 1), position=0)
        for n, t in enumerate(texts)
    ]
