"""Typed records for Danish municipal minutes (referater).

A *referat* (minutes) or *beslutningsprotokol* (record of decisions) documents one
*møde* (meeting) of one *udvalg* (committee) or the *byråd* (city council). Its *dagsorden*
(agenda) is a list of *punkter* (agenda items). Each item usually carries a *sag* (case)
with a case ID, and a body split into sections:

- *Resume*: a short summary;
- *Sagsfremstilling* / *Sagsbeskrivelse*: the case presentation, the long body text;
- *Indstilling*: the administration's recommendation to the committee;
- *Beslutning* / *Beslutninger*: what the committee decided. This is the part users ask for.

*Afbud* / *fraværende* lists members who were absent, with their party letter when printed
("Mette Hardam (V)"). *Bilag* are attachments, usually with a document id in the vendor's
archive. Items can be *åben* (open, public) or *lukket* (closed, only the title is public).

Out of scope here: reading files (see ``ingest.pdf``, ``ingest.text``, ``ingest.firstagenda``) and the layout rules that find
these records in text (see ``ingest.layouts``). These records are plain, frozen data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

# A line that only marks where a new, unnamed section starts (an empty heading element in
# HTML minutes); readers emit it, the item engine starts a section there, it is never text.
SECTION_BREAK = "\u241e"

SectionKind = Literal["resume", "sagsfremstilling", "indstilling", "beslutning", "other"]
SECTION_KINDS: tuple[str, ...] = ("resume", "sagsfremstilling", "indstilling", "beslutning", "other")


@dataclass(frozen=True)
class Line:
    """One line of text from a source document and the 1-based page it was printed on.

    Readers that know how the line was printed add its style: ``size`` (font size in points;
    0 when unknown, as in extracted text), ``bold``, and ``top`` (the line's distance from the
    top of its page as a fraction of the page height, 0-1; -1 when unknown). The segmentation
    uses them as evidence: a heading is usually larger or bolder than the body text, and a
    running header sits in the page margin (``ingest.style``).
    """

    text: str
    page: int
    size: float = 0.0
    bold: bool = False
    top: float = -1.0


@dataclass(frozen=True)
class Person:
    """A committee member, e.g. ``Person("Mette Hardam", "V")`` for "Mette Hardam (V)";
    ``role`` when the list prints one: "formand", "næstformand", "borgmester", "viceborgmester"
    ("Lolan Ottesen (A) - formand")."""

    name: str
    party: str | None = None
    role: str | None = None

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("Person.name must not be empty")

    def __str__(self) -> str:
        return f"{self.name} ({self.party})" if self.party else self.name


@dataclass(frozen=True)
class Section:
    """One headed part of an item body, e.g. ``Section("Indstilling", "indstilling", "...")``.

    ``kind`` normalises the vendor's heading: "Sagsbeskrivelse" and "Sagsfremstilling" are
    both ``sagsfremstilling``; "Beslutninger:" and "Økonomiudvalgets beslutning den 3. maj"
    are both ``beslutning``.
    """

    heading: str
    kind: SectionKind
    text: str

    def __post_init__(self) -> None:
        if self.kind not in SECTION_KINDS:
            raise ValueError(f"unknown section kind {self.kind!r}; expected one of {SECTION_KINDS}")


@dataclass(frozen=True)
class Attachment:
    """A *bilag* (attachment) listed on an item, e.g. ``Attachment("Tidsplan", "7826460")``."""

    title: str
    document_id: str | None = None


@dataclass(frozen=True)
class HistoryStep:
    """Another treatment of the item's case (usually an earlier one), printed inside the item.

    Some vendors print a case's course (*sagsforløb*) in every item that treats it: a dated
    decision per treatment ("Beslutning i Økonomiudvalget den 10-04-2024", "Sundheds- og
    Forebyggelsesudvalgets beslutning den 04.12.2012") or a list of "Udvalg: / Dato: /
    Punktnummer:" entries (Aarhus). Each such step is one record: ``date`` of that meeting,
    ``body`` (the committee or council that treated it), ``text`` (what it decided, verbatim)
    and ``item_number`` there when printed. The step dated on the document's own meeting is
    not history: it is the item's ``decision``.

    >>> HistoryStep(dt.date(2024, 4, 10), "Økonomiudvalget", "Anbefales.").body
    'Økonomiudvalget'
    """

    date: dt.date
    body: str
    text: str
    item_number: str | None = None

    def __post_init__(self) -> None:
        if not self.body.strip():
            raise ValueError(f"HistoryStep of {self.date}: body must not be empty")

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "body": self.body, "text": self.text, "item_number": self.item_number}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> HistoryStep:
        return cls(dt.date.fromisoformat(d["date"]), d["body"], d.get("text", ""), d.get("item_number"))


@dataclass(frozen=True)
class ItemReference:
    """An earlier treatment named in an item's prose by meeting date and item number: "Byrådet
    har på mødet den 25. juni 2025 (pkt. 13) besluttet at oversende ...". ``body`` is the
    committee or council as printed ("Byrådet", "Økonomiudvalgets"), ``None`` when the text
    says only "udvalget" (the item's own committee); ``item_number`` is ``None`` when only the
    body and the date are printed ("Byrådet på mødet den 28. maj 2025 besluttede ..."). The
    reference may point to another case number: a proposal and its follow-up in a committee
    are often two cases.

    >>> ItemReference(dt.date(2025, 6, 25), "13", "Byrådet").item_number
    '13'
    """

    date: dt.date
    item_number: str | None
    body: str | None = None

    def __post_init__(self) -> None:
        if self.item_number is None and self.body is None:
            raise ValueError(f"ItemReference of {self.date}: names neither an item number nor a body")


@dataclass(frozen=True)
class Voter:
    """Who voted one way: a party ("(V)", "Socialdemokratiet"), a member ("Liselott Blixt
    (UP)") or a party group. ``party`` is the party letter when known ("V", "Ø", "UP1"), else
    the party as printed; ``name`` is the member's name, ``None`` for a whole party.

    >>> str(Voter(name="Liselott Blixt", party="UP")), str(Voter(party="V"))
    ('Liselott Blixt (UP)', '(V)')
    """

    name: str | None = None
    party: str | None = None

    def __post_init__(self) -> None:
        if not (self.name or self.party):
            raise ValueError("Voter needs a name or a party")

    def __str__(self) -> str:
        if self.name:
            return f"{self.name} ({self.party})" if self.party else self.name
        return f"({self.party})"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "party": self.party}


@dataclass(frozen=True)
class Vote:
    """An *afstemning* recorded in a decision: "Med stemmerne 17 for og 2 imod godkendte
    byrådet ... For stemte: (V), (A) ... Imod stemte: (F) og (Ø). (C) undlod at stemme."

    ``count_for`` / ``count_against`` / ``count_abstained`` are the printed numbers (``None``
    when not printed); ``in_favour``, ``against``, ``abstained`` (*undlod*, *hverken for eller
    imod*) and ``reservations`` (*tog forbehold*) the parties and members named; ``absent``
    those noted absent in the same decision ("Ikke til stede: ..."). ``point`` is the
    recommendation point the vote was on when the decision says ("2", "1 og 3"), and ``text``
    the sentences it was read from, verbatim (whitespace collapsed).
    """

    text: str
    count_for: int | None = None
    count_against: int | None = None
    count_abstained: int | None = None
    in_favour: tuple[Voter, ...] = ()
    against: tuple[Voter, ...] = ()
    abstained: tuple[Voter, ...] = ()
    reservations: tuple[Voter, ...] = ()
    absent: tuple[Voter, ...] = ()
    point: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "point": self.point,
            "count_for": self.count_for,
            "count_against": self.count_against,
            "count_abstained": self.count_abstained,
            "for": [v.to_dict() for v in self.in_favour],
            "against": [v.to_dict() for v in self.against],
            "abstained": [v.to_dict() for v in self.abstained],
            "reservations": [v.to_dict() for v in self.reservations],
            "absent": [v.to_dict() for v in self.absent],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Vote:
        def voters(key: str) -> tuple[Voter, ...]:
            return tuple(Voter(v.get("name"), v.get("party")) for v in d.get(key, []))

        return cls(
            text=d.get("text", ""),
            count_for=d.get("count_for"),
            count_against=d.get("count_against"),
            count_abstained=d.get("count_abstained"),
            in_favour=voters("for"),
            against=voters("against"),
            abstained=voters("abstained"),
            reservations=voters("reservations"),
            absent=voters("absent"),
            point=d.get("point"),
        )


@dataclass(frozen=True)
class AgendaItem:
    """One *punkt* on the *dagsorden*.

    ``number`` is a string because vendors print "5", "1.1" or "715".
    ``decision`` is the text of the decision section(s), verbatim; ``None`` when the minutes
    print none (for example a closed item). ``pages`` is (first, last), 1-based.
    ``url`` is a public address of the item when the source gives one (FirstAgenda's PDF).
    ``history`` are the earlier treatments of the case printed inside the item, oldest first
    (``HistoryStep``); ``votes`` the votes recorded in the decision (``Vote``).
    ``ocr`` is true when the item's text was read by OCR from a scan ("teksten er OCR-læst").

    >>> AgendaItem(number="5", title="Frederikshavnerordningen", case_id="EMN-2024-00966").open
    True
    """

    number: str
    title: str
    open: bool = True
    case_id: str | None = None
    responsible: str | None = None
    authority: str | None = None
    sections: tuple[Section, ...] = ()
    decision: str | None = None
    absent: tuple[Person, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    pages: tuple[int, int] = (1, 1)
    url: str | None = None
    history: tuple[HistoryStep, ...] = ()
    votes: tuple[Vote, ...] = ()
    ocr: bool = False

    def __post_init__(self) -> None:
        if not str(self.number).strip():
            raise ValueError("AgendaItem.number must not be empty")
        if not self.title.strip():
            raise ValueError(f"AgendaItem {self.number}: title must not be empty")
        first, last = self.pages
        if first < 1 or last < first:
            raise ValueError(f"AgendaItem {self.number}: bad pages {self.pages}")

    @property
    def text(self) -> str:
        """The item's body: each section's heading and text, in order."""
        return "\n\n".join(f"{s.heading}\n{s.text}" if s.heading else s.text for s in self.sections)

    def sections_of(self, kind: SectionKind) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.kind == kind)


@dataclass(frozen=True)
class Meeting:
    """One *møde*: a committee's meeting and its agenda items, read from one source file.

    ``sha256`` is the hash of the source file's bytes; with the item number it identifies an
    item across re-ingestion. ``meeting_id`` is the id printed by some vendors
    (e.g. "MOS-2024-00185"); ``absent`` are the members with *afbud* for the whole meeting.
    ``ocr`` is true when the text was read by OCR from a scan (it may hold misread words);
    ``guessed`` names the fields ("committee", "date") that the document does not state and
    were taken from the file name as a last resort.
    """

    committee: str
    date: dt.date
    items: tuple[AgendaItem, ...]
    source: str
    sha256: str
    municipality: str | None = None
    time: str | None = None
    meeting_id: str | None = None
    location: str | None = None
    participants: tuple[Person, ...] = ()
    absent: tuple[Person, ...] = ()
    ocr: bool = False
    guessed: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.items:
            raise ValueError(f"{self.source}: a meeting needs at least one agenda item")
        numbers = [i.number for i in self.items]
        dupes = sorted({n for n in numbers if numbers.count(n) > 1})
        if dupes:
            raise ValueError(f"{self.source}: agenda item numbers repeat: {', '.join(dupes)}")

    def item(self, number: str) -> AgendaItem:
        for it in self.items:
            if it.number == number:
                return it
        raise KeyError(number)

    # The JSON form is a public interface (``referat parse --json``, docs/cli.md).
    def to_dict(self) -> dict[str, Any]:
        return {
            "municipality": self.municipality,
            "committee": self.committee,
            "date": self.date.isoformat(),
            "time": self.time,
            "meeting_id": self.meeting_id,
            "location": self.location,
            "source": self.source,
            "sha256": self.sha256,
            "participants": [p.name for p in self.participants],
            "participant_parties": [p.party for p in self.participants],
            "participant_roles": [p.role for p in self.participants],
            "absent": [p.name for p in self.absent],
            "absent_parties": [p.party for p in self.absent],
            "ocr": self.ocr,
            "guessed": list(self.guessed),
            "items": [item_to_dict(i) for i in self.items],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Meeting:
        parties = d.get("absent_parties") or [None] * len(d.get("absent", []))
        names = d.get("participants", [])
        p_parties = d.get("participant_parties") or [None] * len(names)
        p_roles = d.get("participant_roles") or [None] * len(names)
        return cls(
            committee=d["committee"],
            date=dt.date.fromisoformat(d["date"]),
            items=tuple(item_from_dict(i) for i in d["items"]),
            source=d["source"],
            sha256=d["sha256"],
            municipality=d.get("municipality"),
            time=d.get("time"),
            meeting_id=d.get("meeting_id"),
            location=d.get("location"),
            participants=tuple(Person(n, p, r) for n, p, r in zip(names, p_parties, p_roles, strict=False)),
            absent=tuple(Person(n, p) for n, p in zip(d.get("absent", []), parties, strict=False)),
            ocr=bool(d.get("ocr", False)),
            guessed=tuple(d.get("guessed", ())),
        )


def item_to_dict(i: AgendaItem) -> dict[str, Any]:
    """One item in the public JSON form (the ``items[]`` entries of ``referat parse --json``)."""
    return {
        "number": i.number,
        "open": i.open,
        "title": i.title,
        "case_id": i.case_id,
        "responsible": i.responsible,
        "authority": i.authority,
        "decision": i.decision,
        "absent": [p.name for p in i.absent],
        "absent_parties": [p.party for p in i.absent],
        "sections": [{"heading": s.heading, "kind": s.kind, "text": s.text} for s in i.sections],
        "attachments": [{"title": a.title, "document_id": a.document_id} for a in i.attachments],
        "pages": list(i.pages),
        "url": i.url,
        "history": [h.to_dict() for h in i.history],
        "votes": [v.to_dict() for v in i.votes],
        "ocr": i.ocr,
    }


def item_from_dict(d: dict[str, Any]) -> AgendaItem:
    """The inverse of ``item_to_dict``."""
    parties = d.get("absent_parties") or [None] * len(d.get("absent", []))
    return AgendaItem(
        number=d["number"],
        title=d["title"],
        open=d.get("open", True),
        case_id=d.get("case_id"),
        responsible=d.get("responsible"),
        authority=d.get("authority"),
        sections=tuple(Section(s["heading"], s["kind"], s["text"]) for s in d.get("sections", [])),
        decision=d.get("decision"),
        absent=tuple(Person(n, p) for n, p in zip(d.get("absent", []), parties, strict=False)),
        attachments=tuple(Attachment(a["title"], a.get("document_id")) for a in d.get("attachments", [])),
        pages=tuple(d.get("pages", (1, 1))),  # type: ignore[arg-type]
        url=d.get("url"),
        history=tuple(HistoryStep.from_dict(h) for h in d.get("history", [])),
        votes=tuple(Vote.from_dict(v) for v in d.get("votes", [])),
        ocr=bool(d.get("ocr", False)),
    )


__all__ = [
    "SECTION_BREAK",
    "SECTION_KINDS",
    "AgendaItem",
    "Attachment",
    "HistoryStep",
    "ItemReference",
    "Line",
    "Meeting",
    "Person",
    "Section",
    "SectionKind",
    "Vote",
    "Voter",
]
