"""The meeting's own facts, read from the page furniture and the lines before the first item.

Committee ("Arbejdsmarkedsudvalget 2022-2025 - 06-03-2024 15:00" -> "Arbejdsmarkedsudvalget";
"REFERAT Aarhus Byråd d. 27-08-2025" -> "Aarhus Byråd"), date and time, meeting id
("MOS-2024-00185"), location ("Mødested Byrådssalen", "i Mødecenter C ... på Ballerup
Rådhus"), participants ("Tilstede" list) and absences ("Afbud/Fraværende" list), and the
municipality when the header names it ("Ballerup Rådhus", "Aarhus Byråd").

Fallbacks, in order: a decision heading ("Sundheds- og Forebyggelsesudvalgets beslutning den
04.12.2012", "Beslutning i Økonomiudvalget den 12-03-2024") for committee and date, then the
file name ("arbejdsmarkedsudvalget_2024-03-06_referat.txt"), as a last resort: a field taken
from the file name is listed in ``Header.guessed``. For the municipality: the header, then the
caller's ``municipality``, then the "<Name> Kommune" the body names most (at least twice).
Participants, when no "Tilstede" list is printed, are the members who signed the signature
page ("Underskriftsblad"). Out of scope: the agenda items (``ingest.items``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.dates import find_date, find_dates, find_time
from ingest.people import parse_people
from ingest.records import AgendaItem, Line, Person

_BODY_NOUN = (
    r"(?:udvalg(?:et)?|byr(?:å|aa)d(?:et)?|kommunalbestyrelse(?:n)?|magistrat(?:en)?|regionsråd(?:et)?|råd(?:et)?"
    r"|nævn(?:et)?|bestyrelse(?:n)?|forum|komit[eé](?:en)?|repræsentantskab(?:et)?|borgerrepræsentation(?:en)?"
    r"|(?:arbejds|styre|følge|projekt|styrings|koordinations|references?)gruppe(?:n)?)"
)
_COMMITTEE_END = re.compile(rf"{_BODY_NOUN}$", re.I)
_DOC_PREFIX = re.compile(
    r"^(?:(?:åbent|lukket|offentligt)\s+)?(?:referat|beslutningsprotokol|dagsorden|mødereferat|protokol)\b"
    r"(?:\s+(?:for|fra|af|til))?\s*[:–-]?\s*(?:(?:ordinært\s+|ekstraordinært\s+)?møde(?:t)?\s+(?:i|for)\s+)?",
    re.I,
)
_MEETING_ID = re.compile(r"^[A-ZÆØÅ]{2,6}-\d{4}-\d{3,7}$")
_MEETING_ID_LABEL = re.compile(r"^(?:møde-?id|mødenr\.?|mødenummer|møde nr\.?)\s*:?\s*(\S+)", re.I)
_LOCATION = re.compile(r"^(?:mødested|mødelokale|mødelokation|sted|lokale)\s*:?\s+(.+)$", re.I)
_PLACE = re.compile(r"(?:sal(?:en)?|lokale|rådhus(?:et)?|mødecenter|mødelokale|kantine|bibliotek(?:et)?)\b", re.I)
_PARTICIPANTS = re.compile(
    r"^(?:til\s*stede|tilstede|deltagere|mødedeltagere|medlemmer|fremmødte|mødt|deltog)\b\s*:?\s*(.*)$", re.I
)
_ABSENT = re.compile(
    r"^(?:afbud(?:\s*/\s*fraværende)?|fraværende(?:\s+med\s+afbud)?|fravær|forfald|ikke til stede|ikke mødt)\b\s*:?\s*(.*)$",
    re.I,
)
_OTHER_LABEL = re.compile(
    r"^(?:sekretær|referent|protokolfører|mødeleder|indholdsfortegnelse|indhold|dagsorden|bemærkning(?:er)?"
    r"|desuden deltog|øvrige deltagere|fra administrationen|administrationen|gæster|mødet (?:startede|sluttede|hævet))\b",
    re.I,
)
_MUNICIPALITY = re.compile(
    r"\b([A-ZÆØÅ][a-zæøå]+(?:[- ][A-ZÆØÅ][a-zæøå]+)?)\s+(?:Kommune|Byråd|Rådhus|Kommunalbestyrelse)\b"
    r"|\b(?:Kommunalbestyrelsen|Byrådet)\s+i\s+([A-ZÆØÅ][a-zæøå]+)"
)
_NOT_MUNICIPALITY = {
    "Den",
    "Denne",
    "Hver",
    "Hele",
    "En",
    "Din",
    "Vores",
    "Egen",
    "Anden",
    "Samme",
    "Region",
    "Nye",
    "Hvis",
}


@dataclass(frozen=True)
class Header:
    committee: str
    date: dt.date
    time: str | None
    meeting_id: str | None
    location: str | None
    municipality: str | None
    participants: tuple[Person, ...]
    absent: tuple[Person, ...]
    guessed: tuple[str, ...] = ()  # fields taken from the file name, not from the document


def committee_from_line(text: str) -> str | None:
    """The committee a header line names, or None.

    >>> committee_from_line("Arbejdsmarkedsudvalget 2022-2025 - 06-03-2024 15:00")
    'Arbejdsmarkedsudvalget'
    >>> committee_from_line("REFERAT Aarhus Byråd d. 27-08-2025")
    'Aarhus Byråd'
    """
    if text.strip().endswith(":"):
        return None  # a label ("Udvalg:"), not a name
    t = _DOC_PREFIX.sub("", text.strip())
    for cut in (r"\s+[-–]\s+.*\d.*$", r"\s+(?:d\.|den)\s+\d.*$", r",?\s+\w+dag\s+(?:d\.|den)\s.*$", r"\s+\d{1,2}[-./]\d.*$",
                r"\s+(?:19|20)\d{2}\s*[-–]\s*(?:19|20)?\d{2}$", r"\s*[:,]$"):  # fmt: skip
        t = re.sub(cut, "", t, flags=re.I).strip()
    words = t.split()
    named = _COMMITTEE_END.search(t) or _COMMITTEE_FOR.match(t)
    if 1 <= len(words) <= 9 and t[:1].isupper() and named and not t.endswith("."):
        return t
    return None


# "Udvalget for Teknik og Miljø", "Udvalg for Børn og Unge": the body named first.
_COMMITTEE_FOR = re.compile(rf"^(?:[A-ZÆØÅ][\wæøå-]*\s+)?[\wæøå-]*{_BODY_NOUN}\s+for\s+[A-ZÆØÅ]", re.I)


_COMMITTEE_LABEL = re.compile(r"^(?:udvalg|udvalgsnavn|forsamling|mødeforum|organ)\s*:\s*(.*)$", re.I)


def _labelled_committee(front: Sequence[Line]) -> str | None:
    """ "Udvalg: Teknisk Udvalg", or "Udvalg:" with the name on the next line."""
    for i, line in enumerate(front):
        if m := _COMMITTEE_LABEL.match(line.text.strip()):
            value = m.group(1).strip() or (front[i + 1].text.strip() if i + 1 < len(front) else "")
            return value or None
    return None


def _committee_from_genitive(text: str) -> str | None:
    """ "Økonomiudvalgets beslutning den ..." or "Beslutning i Økonomiudvalget den ..." -> the committee."""
    m = re.match(r"^(.+?)s\s+beslutning\b", text, re.I) or re.match(
        r"^beslutning\s+(?:i|fra|på)\s+(.+?)(?:\s+(?:den|d\.)\s+\d.*)?$", text, re.I
    )
    if not m:
        return None
    name = m.group(1).strip()
    return name if _COMMITTEE_END.search(name) or _COMMITTEE_FOR.match(name) else None


_SIGNATURES = re.compile(r"^(?:underskrifter|underskriftsblad|underskriftsside|underskrevet af)\b\s*:?\s*(.*)$", re.I)


def signatories(body: Sequence[Line]) -> tuple[Person, ...]:
    """The members listed on the signature page ("Underskriftsblad" / names, one a line)."""
    start = next((i for i in range(len(body) - 1, -1, -1) if _SIGNATURES.match(body[i].text.strip())), None)
    if start is None:
        return ()
    found: list[Person] = []
    for line in body[start + 1 : start + 60]:
        text = re.sub(r"[_.…]{3,}", " ", line.text).strip()
        if not text or len(text) > 160:
            continue
        found.extend(parse_people(text))
    return tuple(dict.fromkeys(found))


def _from_filename(path: str) -> tuple[str | None, dt.date | None]:
    stem = Path(path).stem
    date = find_date(stem.replace("_", " "))
    parts = [p for p in re.split(r"[_]+", stem) if p and not re.search(r"\d{4}", p)]
    committee = None
    for p in parts:
        words = p.replace("-", " ").strip()
        if _COMMITTEE_END.search(words.split()[-1] if words.split() else ""):
            committee = words[:1].upper() + words[1:]
            break
    return committee, date


def _people_block(lines: Sequence[Line], label: re.Pattern[str]) -> tuple[Person, ...]:
    found: list[Person] = []
    for i, line in enumerate(lines):
        m = label.match(line.text)
        if not m:
            continue
        if m.group(1).strip():
            found.extend(parse_people(m.group(1)))
        for nxt in lines[i + 1 : i + 40]:
            if _PARTICIPANTS.match(nxt.text) or _ABSENT.match(nxt.text) or _OTHER_LABEL.match(nxt.text):
                break
            people = parse_people(nxt.text)
            if not people or len(nxt.text) > 160:
                break
            found.extend(people)
        if found:
            break
    return tuple(dict.fromkeys(found))


def _municipality_in(lines: Sequence[Line]) -> str | None:
    for line in lines:
        for m in _MUNICIPALITY.finditer(line.text):
            name = m.group(1) or m.group(2)
            if name and name.split()[0] not in _NOT_MUNICIPALITY:
                return name
    return None


def _municipality_by_count(lines: Sequence[Line]) -> str | None:
    counts: Counter[str] = Counter()
    for line in lines:
        for m in re.finditer(r"\b([A-ZÆØÅ][a-zæøå]+)\s+(?:[Kk]ommune|Byråd)\b", line.text):
            if m.group(1) not in _NOT_MUNICIPALITY:
                counts[m.group(1)] += 1
    if not counts:
        return None
    (name, n), *rest = counts.most_common(2)
    return name if n >= 2 and (not rest or n > rest[0][1]) else None


def read_header(
    front: Sequence[Line],
    furniture: Sequence[Line],
    body: Sequence[Line],
    items: Sequence[AgendaItem],
    source: str,
    municipality: str | None = None,
) -> Header | None:
    """The meeting's facts; None when no meeting date can be found anywhere."""
    # Each distinct furniture line once (a running header repeats on every page), then the front.
    head = list({line.text: line for line in furniture}.values()) + list(front[:60])
    committee = _labelled_committee(front[:60]) or next(
        (c for line in head if (c := committee_from_line(line.text))), None
    )

    decision_headings = [s.heading for it in items for s in it.sections if s.kind == "beslutning" and s.heading]
    if committee is None:
        committee = next((c for h in decision_headings if (c := _committee_from_genitive(h))), None)
    file_committee, file_date = _from_filename(source)
    guessed: list[str] = []
    if committee is None:
        committee = file_committee or Path(source).stem
        guessed.append("committee")

    date = time = None
    date_line = None
    for line in head:
        if find_dates(line.text):
            date, date_line = find_date(line.text), line.text
            break
    if date is None:
        dated = Counter(d for h in decision_headings for _, d in find_dates(h))
        date = dated.most_common(1)[0][0] if dated else None
    if date is None:
        date = next((d for line in body[:80] if (d := find_date(line.text))), None)
    if date is None and file_date is not None:
        date = file_date
        guessed.append("date")
    if date is None:
        return None
    if date_line:
        time = find_time(date_line)
    if time is None:
        time = next((t for line in [*front[:30], *furniture] if (t := find_time(line.text))), None)

    meeting_id = None
    for line in head:
        if _MEETING_ID.match(line.text.strip()):
            meeting_id = line.text.strip()
            break
        if m := _MEETING_ID_LABEL.match(line.text):
            meeting_id = m.group(1)
            break

    location = None
    for i, line in enumerate(front[:40]):
        if m := _LOCATION.match(line.text):
            location = m.group(1).strip()
            break
        if re.fullmatch(r"(?:mødested|mødelokale|sted)\s*:?", line.text.strip(), re.I) and i + 1 < len(front):
            location = front[i + 1].text.strip()  # "Mødested:" / "Udvalgsværelse 398"
            break
        after_date = i > 0 and bool(find_dates(front[i - 1].text))
        if after_date and re.match(r"^(?:i|på)\s+[A-ZÆØÅ]", line.text):
            location = line.text.split(" ", 1)[1].strip()
            break
        if after_date and _PLACE.search(line.text) and len(line.text) < 100 and not find_dates(line.text):
            location = line.text.strip()
            break

    participants = _people_block(front[:120], _PARTICIPANTS) or signatories(body)
    absent = _people_block(front[:120], _ABSENT)
    found = _municipality_in(head[:40])
    if found is None:
        found = municipality or _municipality_by_count(body)
    return Header(committee, date, time, meeting_id, location, found, participants, absent, tuple(guessed))


__all__ = ["Header", "committee_from_line", "read_header", "signatories"]
