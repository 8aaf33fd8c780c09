"""Questions about a meeting itself, answered from the meeting record, not from an item.

"Hvem deltog i mødet i Arbejdsmarkedsudvalget den 6. marts 2024?", "Hvem var fraværende ved
byrådsmødet den 17. april 2024?", "Hvem var stedfortræder?", "Hvornår begyndte mødet?",
"Hvor blev mødet holdt?", "Hvad var på dagsordenen?". The parser already has the meeting's
participants, absences (*afbud*, *fraværende*, *ikke til stede*), time and place
(``ingest.records.Meeting``); this module

1. recognises such a question (an aspect word, a meeting named by committee and/or date or the
   word "møde", and no topic words of its own: "hvem deltog ikke i behandlingen af sagen om
   X" is about an item and is left to the item answer);
2. finds the meeting: the store's meetings (``MeetingSource``) inside the committee, place and
   date the question names; "seneste/sidste møde" is the newest; a follow-up without a meeting
   of its own asks about the meeting of the previous answer;
3. answers from the record, cited to the meeting (its first item, page 1, ``about="meeting"``),
   or refuses when the minutes do not list what is asked ("Referatet nævner ikke ...").

"Hvem var formand for udvalget i december 2012?" is answered from the roles the participant
list prints ("Lolan Ottesen (A) - formand"); when the record holds no roles, or the question
asks who was elected or became chair ("Valg af ny formand" is an agenda item), the item answer
is left to find it.

Out of scope: attendance per item (the item answer quotes "X deltog ikke i sagens behandling"),
and meetings that are not in the store.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from assistant.dates import MONTHS_DA, MONTHS_EN, danish_date, english_date
from assistant.question import ABSENCE_Q, MEETING_WORD
from assistant.records import Answer, Citation
from assistant.sentences import normalize_ws, sentences
from assistant.words import stem, stems_of, topic_words, words, wordset
from ingest.people import same_person
from ingest.records import Meeting
from vectorstore.chunking import item_ref
from vectorstore.query import ENGLISH_BODY, QueryPlan, understand
from vectorstore.records import ItemHit


class MeetingSource(Protocol):
    """What ``vectorstore.retrieval.HybridRetriever`` offers for meetings."""

    def meetings(self) -> list[Any]: ...  # DocumentInfo: source, sha256, municipality, committee, meeting_date

    def meeting(self, sha256: str) -> Meeting: ...


_ASPECTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        # "Hvilke møder holdt Social- og Handicapudvalget i 2024?": the body's meetings in a period.
        "meetings",
        re.compile(
            r"\b(?:hvilke\s+møder|hvor\s+mange\s+møder|hvornår\s+(?:holdt|afholdt|havde)\s+[^?]*\bmøde[rt]?\b|"
            r"hvornår\s+mødtes|which\s+meetings|how\s+many\s+meetings|when\s+did\s+[^?]*\bmeet)\b",
            re.I,
        ),
    ),
    (
        "chair",
        re.compile(r"\b(?:næst)?formand(?:en|skab\w*)?\b|\b(?:vice[- ]?)?chair(?:ed|s|ing|man|woman|person)?\b", re.I),
    ),
    ("substitutes", re.compile(r"\b(?:stedfortræder\w*|suppleant\w*|substitut\w*|deputy|deputies)\b", re.I)),
    ("absent", ABSENCE_Q),
    (
        "participants",
        re.compile(
            r"\b(?:deltog|deltage\w*|deltager\w*|til\s+stede|fremmødt\w*|var\s+med|mødte\s+op|attend\w*|present|participants?)\b",
            re.I,
        ),
    ),
    (
        "time",
        re.compile(
            r"\b(?:hvornår\s+(?:startede|begyndte|starter|begynder)|hvad\s+tid|klokken|kl\.|tidspunkt\w*|mødetid\w*|"
            r"what\s+time|start\s+time|when\s+(?:did|does|will)\s+[^?]*\b(?:start|begin))\b",
            re.I,
        ),
    ),
    (
        "place",
        re.compile(
            r"\b(?:hvor\s+(?:blev|var|foregik|holdt|afholdt|holdtes|afholdtes|mødtes)|mødested\w*|mødelokale\w*|"
            r"where\s+(?:was|did)|location|venue)\b",
            re.I,
        ),
    ),
    (
        "agenda",
        re.compile(
            r"\b(?:dagsorden\w*|hvilke\s+(?:punkter|sager)|hvad\s+(?:var|stod)\s+på|hvad\s+blev\s+behandlet|"
            r"hvor\s+mange\s+punkter|agenda|which\s+items)\b",
            re.I,
        ),
    ),
    (
        # "Hvad besluttede Aarhus Byråd den 27. august 2025?": every item's decision. A question
        # with a topic of its own ("... om skolen") is an item question (``_own_topic``).
        "decisions",
        re.compile(
            r"\b(?:hvad\s+(?:besluttede|vedtog|blev\s+(?:der\s+)?(?:besluttet|vedtaget))|hvilke\s+beslutninger|"
            r"what\s+(?:did\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+){0,6}\s+decide|was\s+decided)|which\s+decisions|"
            # "Hvad blev Teknisk Udvalg orienteret om den 1. oktober 2025?": the orientations are
            # among the meeting's decisions ("Udvalget blev orienteret om arkitekturugen")
            r"hvad\s+blev\s+(?:[\w,-]+\s+){0,6}orienteret\s+om|what\s+was\s+(?:[\w,-]+\s+){0,6}informed\s+(?:about|of))\b",
            re.I,
        ),
    ),
)
# "Hvem blev valgt som formand", "who became chair": an election, which is an agenda item.
_ELECTED = re.compile(
    r"\b(?:valgt\w*|vælge\w*|valg|blev|ny|nye|konstitu\w*|omkonstitu\w*|elected|became|new|appointed)\b", re.I
)
_CHAIR_ROLES = ("formand", "næstformand")
_NEWEST = re.compile(r"\b(?:seneste|sidste|nyeste|latest|last)\s+(?:\w+\s+)?(?:møde\w*|meeting)\b", re.I)
# Words a meeting question uses besides the meeting's name: never a topic of its own.
_FRAME = wordset(
    """
    hvem hvilke hvilket hvad hvor hvornår var blev deltog deltage deltagere deltager deltagerne stede til ikke
    fraværende fravær afbud meldt meldte mødte op med medlemmer medlemmerne udvalgsmedlemmer stedfortræder
    stedfortrædere suppleant suppleanter tid klokken kl tidspunkt begyndte startede holdt afholdt foregik
    mødested mødelokale lokale sted dagsorden dagsordenen punkter sager behandlet behandlede stod møde mødet møder
    besluttede besluttet vedtog vedtaget beslutninger decide decided decisions der
    mødets seneste sidste nyeste kommune kommunes den d ellers andre øvrige in at the who was were which what when where
    attended present absent meeting agenda items time place members on of missing sent apologies apologised
    apologized attend not there manglede forhindret
    formand formanden næstformand næstformanden formandskab chair chaired chairman chairwoman chairperson vice for
    mødtes mange meet meetings many how did held hold orienteret om informed about start begin does will
    """
)

_L = {
    False: {
        "participants": "Deltagere i mødet",
        "absent": "Fraværende",
        "none_absent": "Ingen var fraværende ifølge referatets deltagerliste.",
        "item_absent": "Afbud til enkelte punkter",
        "only_absent": "Referatet nævner kun afbud",
        "time": "Mødet begyndte kl. {time}.",
        "place": "Mødet blev holdt: {place}.",
        "agenda": "Dagsorden ({n} punkter):",
        "decisions": "Beslutninger ({n} punkter):",
        "item": "Punkt",
        "closed": "lukket punkt",
        "no_decision": "ingen beslutning i referatet",
        "substitutes": "Om stedfortrædere",
        "roles": {"formand": "Formand", "næstformand": "Næstformand"},
        "no": {
            "participants": "Referatet nævner ikke mødets deltagere.",
            "chair": "Referatets deltagerliste nævner ikke udvalgets formand.",
            "absent": "Referatet nævner ikke, hvem der var fraværende.",
            "substitutes": "Referatet nævner ingen stedfortrædere.",
            "time": "Referatet nævner ikke, hvornår mødet begyndte.",
            "place": "Referatet nævner ikke, hvor mødet blev holdt.",
            "agenda": "Referatet gengiver ingen punkter.",
            "decisions": "Referatet gengiver ingen punkter.",
        },
        "no_meeting": "Der er intet møde{what} i de indlæste referater.",
        "refusal": "Det kan jeg ikke finde i referaterne.",
        "meeting": "Mødet i {committee}{town}, {date} [{marker}].",
        "present_of": "({present} af {total} til stede)",
        "meetings": "{committee}{town} holdt {n} møder{when} ifølge de indlæste referater:",
        "meetings_one": "{committee}{town} holdt ét møde{when} ifølge de indlæste referater:",
        "meetings_when": " fra {start} til {end}",
        "more_meetings": "og {n} møder mere.",
    },
    True: {
        "participants": "Participants",
        "absent": "Absent",
        "none_absent": "Nobody was absent according to the minutes' list of participants.",
        "item_absent": "Absent from single items",
        "only_absent": "The minutes name only those absent",
        "time": "The meeting began at {time}.",
        "place": "The meeting was held at: {place}.",
        "agenda": "Agenda ({n} items):",
        "decisions": "Decisions ({n} items):",
        "item": "Item",
        "closed": "closed item",
        "no_decision": "no decision in the minutes",
        "substitutes": "On substitutes",
        "roles": {"formand": "Chair", "næstformand": "Vice-chair"},
        "no": {
            "participants": "The minutes do not list the participants.",
            "chair": "The minutes' list of participants does not name the chair.",
            "absent": "The minutes do not say who was absent.",
            "substitutes": "The minutes name no substitutes.",
            "time": "The minutes do not say when the meeting began.",
            "place": "The minutes do not say where the meeting was held.",
            "agenda": "The minutes list no items.",
            "decisions": "The minutes list no items.",
        },
        "no_meeting": "There is no meeting{what} in the ingested minutes.",
        "refusal": "I cannot find that in the minutes (Det kan jeg ikke finde i referaterne).",
        "meeting": "The meeting of {committee}{town}, {date} [{marker}].",
        "present_of": "({present} of {total} present)",
        "meetings": "{committee}{town} held {n} meetings{when} according to the ingested minutes:",
        "meetings_one": "{committee}{town} held one meeting{when} according to the ingested minutes:",
        "meetings_when": " from {start} to {end}",
        "more_meetings": "and {n} more meetings.",
    },
}
MAX_MEETINGS = 3
MAX_AGENDA = 40
MAX_LISTED_MEETINGS = 30  # a list of a body's meetings: the rest are counted


@dataclass(frozen=True)
class MeetingAsk:
    """A question about a meeting: which aspect, and what it says about which meeting."""

    aspect: str
    plan: QueryPlan
    newest: bool
    more: tuple[str, ...] = ()  # further aspects asked in the same question


def meeting_aspects(question: str) -> list[str]:
    """Every aspect the question asks about ("Hvor blev mødet holdt, og hvornår begyndte det?")."""
    return [aspect for aspect, pattern in _ASPECTS if pattern.search(question)]


def meeting_aspect(question: str) -> str | None:
    aspects = meeting_aspects(question)
    return aspects[0] if aspects else None


_ABOUT_PEOPLE = frozenset({"participants", "absent", "substitutes", "chair"})


def _own_topic(question: str, plan: QueryPlan, aspect: str | None = None) -> list[str]:
    """Topic words that are neither framing nor the meeting's name (committee, town, date)."""
    names = " ".join([*plan.committees, plan.municipality or ""]).lower()
    # Members' names ("stedfortræder for Torben Hoffmann") are about the meeting too, when the
    # question asks about people; "Hvad besluttede ... om Frederikshavnerordningen" names a topic.
    exempt: set[str] = set()
    if aspect is None or aspect in _ABOUT_PEOPLE:
        exempt = {w.lower() for w in re.findall(r"(?<=\s)[A-ZÆØÅ][a-zæøå]+", question)}
    # The committee named in English ("the Labour Market Committee", "the climate committee")
    # and English months are the meeting's name and date, not a topic, whatever is asked.
    exempt |= {w for m in ENGLISH_BODY.finditer(question.lower()) for w in [*re.findall(r"[a-z]+", m[1]), m[2]]}
    exempt |= {m.lower() for m in MONTHS_EN}
    out = []
    for w in topic_words(question):
        if w in exempt:
            continue
        if w in _FRAME or w.isdigit() or w in MONTHS_DA or w.lower() in names or stem(w) in stems_of(names):
            continue
        if re.fullmatch(r"\w*(?:udvalg|byråd|møde|kommunalbestyrelse)\w*", w):
            continue
        out.append(w)
    return out


def read_meeting_question(
    question: str, committees: Sequence[str], municipalities: Sequence[str], anchor: dt.date | None
) -> MeetingAsk | None:
    """A ``MeetingAsk`` when the question is about a meeting as a whole, else None."""
    aspect = meeting_aspect(question)
    if aspect is None:
        return None
    if aspect == "chair" and _ELECTED.search(question):
        return None
    plan = understand(question, committees, today=anchor, municipalities=municipalities)
    names_meeting = bool(MEETING_WORD.search(question)) or bool(plan.committees and (plan.date_from or plan.day))
    if not names_meeting or _own_topic(question, plan, aspect):
        return None
    return MeetingAsk(aspect, plan, bool(_NEWEST.search(question)), tuple(meeting_aspects(question)[1:]))


def find_meetings(ask: MeetingAsk, source: MeetingSource) -> list[Any]:
    """The store's meetings (``DocumentInfo``) that the question names, best first."""
    p = ask.plan
    docs = list(source.meetings())
    out = []
    for d in docs:
        if p.committees and d.committee not in p.committees:
            continue
        if p.municipality and (d.municipality or "").casefold() != p.municipality.casefold():
            continue
        day = d.meeting_date
        if (p.date_from and day < p.date_from) or (p.date_to and day > p.date_to):
            continue
        if (p.month and day.month != p.month) or (p.day and day.day != p.day):
            continue
        out.append(d)
    if not (p.committees or p.date_from or p.month or ask.newest):
        return []  # "mødet" alone names no meeting
    if ask.aspect == "meetings":
        return sorted(out, key=lambda d: (d.municipality or "", d.committee, d.meeting_date))
    out.sort(key=lambda d: d.meeting_date, reverse=ask.newest or not (p.date_from or p.month))
    if ask.newest:
        out = out[:1]
    return out[:MAX_MEETINGS]


def _meeting_hit(meeting: Meeting) -> ItemHit:
    first = meeting.items[0]
    ref = replace(item_ref(meeting, first), pages=(1, 1))
    return ItemHit(ref=ref, score=1.0, item=first, reason="meeting", meeting_absent=tuple(map(str, meeting.absent)))


def _people(people: Sequence[Any]) -> str:
    return ", ".join(str(p) for p in people)


def _absences(meeting: Meeting) -> tuple[list[Any], list[str]]:
    """(absent from the meeting, "Name (punkt 3, 5)" for members absent from single items).

    subtle: some vendors flag absence only on each item ("Fraværende: Charlotte Levin" under
    every decision) and not in the participant list; a member absent from at least half the
    items was absent from the meeting."""
    absent = list(meeting.absent)
    names = {p.name for p in absent}
    seen: dict[str, list[str]] = {}
    people: dict[str, Any] = {}
    for it in meeting.items:
        for p in it.absent:
            seen.setdefault(p.name, []).append(it.number)
            people.setdefault(p.name, p)
    for name, numbers in seen.items():
        if name not in names and len(numbers) >= max(2, len(meeting.items) / 2):
            absent.append(people[name])
            names.add(name)
    # subtle: a member absent from the meeting may be spelt otherwise on an item ("Erik Kyed
    # Trolel (UP)" in item 1, "Trolle" in the list): that is no absence from a single item.
    per_item = [
        f"{name} (punkt {', '.join(nums)})"
        for name, nums in seen.items()
        if name not in names and not any(same_person(people[name], p) for p in absent)
    ]
    return absent, per_item


_SUBSTITUTE_LINE = re.compile(r"stedfortræder|suppleant", re.I)


def _block(meeting: Meeting, aspect: str, english: bool, marker: int) -> tuple[str, str | None]:
    """(text, quote) for one meeting; quote None when the minutes do not say."""
    L = _L[english]
    town = f", {meeting.municipality}" if meeting.municipality else ""
    date = english_date(meeting.date) if english else danish_date(meeting.date)
    head = L["meeting"].format(committee=meeting.committee, town=town, date=date, marker=marker)
    if aspect == "participants":
        absent, _ = _absences(meeting)
        if not meeting.participants:
            only = f"\n{L['only_absent']}: {_people(absent)}." if absent else ""
            return f"{head}\n{L['no']['participants']}{only}", None
        absent_names = {p.name for p in absent}
        present = list({p.name: p for p in meeting.participants if p.name not in absent_names}.values())
        lines = [f"{L['participants']}: {_people(present)}."]
        if absent:
            lines.append(f"{L['absent']}: {_people(absent)}.")
        lines.append(L["present_of"].format(present=len(present), total=len(present) + len(absent)))
        return "\n".join([head, *lines]), _people(present)
    if aspect == "chair":
        held = [(p.role, p) for p in meeting.participants if p.role in _CHAIR_ROLES]
        if not held:
            return f"{head}\n{L['no']['chair']}", None
        lines = [f"{L['roles'][role]}: {p}." for role, p in sorted(held, key=lambda rp: _CHAIR_ROLES.index(rp[0]))]
        return "\n".join([head, *lines]), _people([p for _, p in held])
    if aspect == "absent":
        absent, per_item = _absences(meeting)
        if absent:
            lines = [f"{L['absent']}: {_people(absent)}."]
        elif meeting.participants and not per_item:
            lines = [L["none_absent"]]
        elif not per_item:
            return f"{head}\n{L['no']['absent']}", None
        else:
            lines = []
        if per_item:
            lines.append(f"{L['item_absent']}: " + "; ".join(per_item) + ".")
        quote = _people(absent) if absent else "; ".join(per_item) or L["none_absent"]
        return "\n".join([head, *lines]), quote
    if aspect == "substitutes":
        said = []
        for it in meeting.items:
            # Substitutes are noted beside the absences, in the decision or its "Afbud" lines.
            for s in it.sections:
                if s.kind != "beslutning" and s.heading != "Afbud":
                    continue
                for line in s.text.splitlines():
                    line = normalize_ws(line)
                    if _SUBSTITUTE_LINE.search(line) and line not in said:
                        said.append(line)
        if not said:
            return f"{head}\n{L['no']['substitutes']}", None
        return "\n".join([head, *(f"{L['substitutes']}: \u201c{s}\u201d" for s in said[:4])]), said[0]
    if aspect == "time":
        if not meeting.time:
            return f"{head}\n{L['no']['time']}", None
        return f"{head}\n{L['time'].format(time=meeting.time)}", meeting.time
    if aspect == "place":
        if not meeting.location:
            return f"{head}\n{L['no']['place']}", None
        return f"{head}\n{L['place'].format(place=meeting.location)}", meeting.location
    if aspect == "decisions":
        if not meeting.items:
            return f"{head}\n{L['no']['decisions']}", None
        lines = [L["decisions"].format(n=len(meeting.items))]
        first = None
        for it in meeting.items[:MAX_AGENDA]:
            decision = it.decision if it.open and it.decision else ""
            # The decision's first sentence (or line), verbatim; "…" outside the quote when it goes on.
            said = normalize_ws(sentences(decision)[0]) if decision.strip() else ""
            more = " …" if said and len(said) < len(normalize_ws(decision)) else ""
            what = f"\u201c{said}\u201d{more}" if said else f"({L['closed'] if not it.open else L['no_decision']})"
            lines.append(f"- {L['item']} {it.number}: {it.title}: {what}")
            first = first or said or None
        return "\n".join([head, *lines]), first
    # agenda
    lines = [L["agenda"].format(n=len(meeting.items))]
    for it in meeting.items[:MAX_AGENDA]:
        closed = "" if it.open else (" (closed)" if english else " (lukket)")
        lines.append(f"- {L['item']} {it.number}: {it.title}{closed}")
    return "\n".join([head, *lines]), "; ".join(it.title for it in meeting.items[:5])


@dataclass(frozen=True)
class MeetingAnswer:
    """A composed meeting answer: text, citations, the meeting hits to list as retrieved."""

    text: str
    citations: tuple[Citation, ...]
    hits: tuple[ItemHit, ...]
    refused: bool


def answer_meeting(
    question: str,
    source: Any,
    *,
    english: bool,
    history: Sequence[Answer] = (),
    committees: Sequence[str] = (),
    municipalities: Sequence[str] = (),
    anchor: dt.date | None = None,
) -> MeetingAnswer | None:
    """The meeting answer, or None when the question is not about a meeting as a whole (or the
    retriever cannot list meetings)."""
    if not (hasattr(source, "meetings") and hasattr(source, "meeting")):
        return None
    ask = read_meeting_question(question, committees, municipalities, anchor)
    if ask is None and history and meeting_aspect(question) and len(words(question)) <= 8:
        # "Hvem var fraværende?" after an answer: that answer's meeting.
        aspect = meeting_aspect(question)
        plan = understand(question, committees, today=anchor, municipalities=municipalities)
        if aspect and not _own_topic(question, plan, aspect) and history[-1].citations:
            sha = history[-1].citations[0].ref.source_sha256
            docs = [d for d in source.meetings() if d.sha256 == sha]
            return _compose(ask=MeetingAsk(aspect, plan, False), docs=docs, source=source, english=english)
        return None
    if ask is None:
        return None
    docs = find_meetings(ask, source)
    if ask.aspect == "chair" and not any(
        p.role in _CHAIR_ROLES for d in docs for p in source.meeting(d.sha256).participants
    ):
        return None  # the record names no chair: an item may ("Valg af formand", "formanden ...")
    return _compose(ask=ask, docs=docs, source=source, english=english)


def _identity(meeting: Meeting) -> tuple:
    """What makes two ingested files the same meeting: body, day, and the same items (numbers
    and case IDs)."""
    items = tuple((it.number, it.case_id) for it in meeting.items)
    return (meeting.municipality, meeting.committee, meeting.date, items)


def _meeting_list(ask: MeetingAsk, docs: Sequence[Any], source: Any, english: bool) -> MeetingAnswer:
    """One block per body: how many meetings it held in the period, and each meeting's date,
    cited (the meeting's record is the source)."""
    L = _L[english]
    p = ask.plan
    when = ""
    if p.date_from and p.date_to:
        fmt = english_date if english else danish_date
        when = L["meetings_when"].format(start=fmt(p.date_from), end=fmt(p.date_to))
    groups: dict[tuple[str, str], list[Meeting]] = {}
    seen: set[tuple] = set()
    for d in docs:
        meeting = source.meeting(d.sha256)
        if _identity(meeting) in seen:
            continue  # the same meeting from another file
        seen.add(_identity(meeting))
        groups.setdefault((meeting.municipality or "", meeting.committee), []).append(meeting)
    blocks, cites, hits = [], [], []
    for (town, committee), meetings in groups.items():
        key = "meetings_one" if len(meetings) == 1 else "meetings"
        lines = [L[key].format(committee=committee, town=f", {town}" if town else "", n=len(meetings), when=when)]
        for meeting in meetings[:MAX_LISTED_MEETINGS]:
            marker = len(cites) + 1
            hit = _meeting_hit(meeting)
            date = english_date(meeting.date) if english else danish_date(meeting.date)
            lines.append(f"- {date} [{marker}]")
            hits.append(hit)
            cites.append(Citation(marker=marker, ref=hit.ref, quote=meeting.committee, about="meeting"))
        if len(meetings) > MAX_LISTED_MEETINGS:
            lines.append(L["more_meetings"].format(n=len(meetings) - MAX_LISTED_MEETINGS))
        blocks.append("\n".join(lines))
    return MeetingAnswer("\n\n".join(blocks), tuple(cites), tuple(hits), False)


def _compose(*, ask: MeetingAsk, docs: Sequence[Any], source: Any, english: bool) -> MeetingAnswer:
    L = _L[english]
    if docs and ask.aspect == "meetings":
        return _meeting_list(ask, docs, source, english)
    if not docs:
        what = ""
        p = ask.plan
        if p.committees:
            what += (" of " if english else " i ") + " / ".join(p.committees)
        if p.meeting_date:
            what += (" on " if english else " den ") + (
                english_date(p.meeting_date) if english else danish_date(p.meeting_date)
            )
        return MeetingAnswer(f"{L['refusal']}\n{L['no_meeting'].format(what=what)}", (), (), True)
    blocks, cites, hits = [], [], []
    answered = False
    seen: set[tuple] = set()
    for d in docs:
        meeting = source.meeting(d.sha256)
        if _identity(meeting) in seen:
            continue  # the same meeting from another file (an eDoc XML beside its PDF)
        seen.add(_identity(meeting))
        marker = len(blocks) + 1
        hit = _meeting_hit(meeting)
        block, quote = _block(meeting, ask.aspect, english, marker)
        for aspect in ask.more:
            more, more_quote = _block(meeting, aspect, english, marker)
            block += "\n" + more.split("\n", 1)[1]
            quote = quote or more_quote
        blocks.append(block)
        hits.append(hit)
        cites.append(Citation(marker=marker, ref=hit.ref, quote=quote or meeting.committee, about="meeting"))
        answered = answered or quote is not None
    if not answered:
        # The minutes do not list it: a refusal, with the meeting named (not cited).
        text = "\n".join([L["refusal"], *(b.split("\n", 1)[1] for b in blocks)])
        return MeetingAnswer(text, (), tuple(hits), True)
    return MeetingAnswer("\n\n".join(blocks), tuple(cites), tuple(hits), False)


__all__ = ["MeetingAnswer", "MeetingAsk", "MeetingSource", "answer_meeting", "find_meetings", "meeting_aspect"]
