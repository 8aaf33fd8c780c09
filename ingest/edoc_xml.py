"""eDoc / OS2dagsorden publishing XML (``eDocAgendaPublishing.xml``) -> lines and known facts.

eDoc (used by Ballerup and other kommuner, published through OS2dagsorden) exports a meeting
as one XML file::

    <Meeting>
      <Committee>Sundheds- og Forebyggelsesudvalget</Committee>
      <MeetingDate>04-12-2012 13:00:00</MeetingDate>
      <MeetingAgendaTypes><MeetingAgendaType>
        <AgendaType>Åben dagsorden</AgendaType>
        <MeetingAgendaItems><MeetingAgendaItem>
          <AgendaItemNumber>2</AgendaItemNumber>
          <Document><Title>...</Title><Attachments><Attachment attachmentid="..."><Title>...</Title>
          <FullText>2.\\tBygningsvedligeholdelse 2013 ...\\nSagsnr.: 2012-28504 ...</FullText>
        </MeetingAgendaItem>...</MeetingAgendaItems>
        <FullText>the whole minutes as text, pages separated by form feeds</FullText>

The minutes' text (the agenda type's ``FullText``, else the items' ``FullText`` in number
order) goes through the same line engine as a PDF, so items, case ids and sections are found
the same way; the XML's own fields are facts that win over what the text says: committee,
date and time, and each item's attachments (with eDoc's attachment ids). The files are
often not well-formed (a character reference to a control character), so lxml reads them in
recovery mode.

Out of scope: the attachments' full text (it is in the file, but it is not the minutes) and
the per-case metadata (case workers, hearings).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import InputError
from ingest.dates import find_date, find_time
from ingest.records import Attachment, Line
from ingest.text import read_text


@dataclass(frozen=True)
class KnownFacts:
    """Meeting facts a structured source states outright; they win over what the text says."""

    committee: str | None = None
    date: dt.date | None = None
    time: str | None = None
    attachments: dict[str, tuple[Attachment, ...]] = field(default_factory=dict)


def looks_like_edoc(raw: bytes) -> bool:
    head = raw[:4096].lstrip(b"\xef\xbb\xbf").lstrip()
    return (head.startswith(b"<?xml") and b"<Meeting" in head) or head.startswith(b"<Meeting")


def _text(el, path: str) -> str:
    found = el.find(path)
    return (found.text or "").strip() if found is not None and found.text else ""


def read_edoc_xml(path: Path | str, raw: bytes) -> tuple[list[Line], KnownFacts]:
    """(the minutes' lines, the facts the XML states). Raises ``InputError`` for other XML."""
    from lxml import etree

    try:
        root = etree.fromstring(raw, etree.XMLParser(recover=True, huge_tree=True, resolve_entities=False))
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{path}: not readable XML ({exc})") from exc
    if root is None or root.tag != "Meeting":
        tag = getattr(root, "tag", None)
        raise InputError(f"{path}: not eDoc / OS2dagsorden meeting XML (root element {tag or 'none'}, expected Meeting)")
    committee = _text(root, "Committee") or None
    when = _text(root, "MeetingDate")
    clock = re.search(r"(?<!\d)(\d{1,2}):(\d{2})(?::\d{2})?\s*$", when)  # "04-12-2012 13:00:00"
    date, time = find_date(when), (f"{int(clock[1]):02d}:{clock[2]}" if clock else find_time(when))
    attachments: dict[str, tuple[Attachment, ...]] = {}
    texts: list[tuple[int, str]] = []
    full = ""
    for agenda in root.iter("MeetingAgendaType"):
        kind = _text(agenda, "AgendaType").lower()
        if kind.startswith("lukket"):
            continue  # the closed part is not published
        full = full or _text(agenda, "FullText")
        for item in agenda.iter("MeetingAgendaItem"):
            number = _text(item, "AgendaItemNumber")
            found = tuple(
                Attachment(_text(a, "Title"), a.get("attachmentid"))
                for a in item.iterfind("Document/Attachments/Attachment")
                if _text(a, "Title")
            )
            if number and found:
                attachments[number] = found
            if number.isdigit() and _text(item, "FullText"):
                texts.append((int(number), _text(item, "FullText")))
    if not full:
        full = "\f".join(t for _, t in sorted(texts))
    if not full.strip():
        raise InputError(f"{path}: the eDoc XML holds no minutes text (no FullText)")
    lines = [Line(t.replace("\t", " "), line.page) for line in read_text(path, full.encode("utf-8")) for t in [line.text]]
    return lines, KnownFacts(committee, date, time, attachments)


__all__ = ["KnownFacts", "looks_like_edoc", "read_edoc_xml"]
