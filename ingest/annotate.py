"""What is read from an item's own text after parsing: its history and its votes.

``annotate(meeting)`` runs on every parsed meeting (``ingest.parse.parse_file``, whatever the
format): each item gets ``history`` (``ingest.history``) and ``votes`` (``ingest.votes``), and
members that a decision notes as absent ("Ikke til stede: Tina Rottbøll") join the item's
``absent``. It is idempotent, so a reader that already set these fields is left alone.

Out of scope: the parsing itself (layouts, FirstAgenda), and anything across meetings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ingest.history import with_history
from ingest.records import AgendaItem, Meeting, Person, Voter
from ingest.votes import read_votes


def annotate_item(item: AgendaItem, meeting_date: dt.date) -> AgendaItem:
    """``item`` with history, votes and decision-text absences read."""
    item = with_history(item, meeting_date)
    votes = item.votes or read_votes(item.decision)
    absent = list(item.absent)
    known = {p.name.casefold() for p in absent}
    for v in votes:
        for who in v.absent:
            if who.name and who.name.casefold() not in known:
                absent.append(Person(who.name, who.party))
                known.add(who.name.casefold())
    if votes and absent and not any(v.absent for v in votes):
        # "X deltog ikke i sagens behandling" was read into the item's absences by the layout.
        votes = tuple(replace(v, absent=tuple(Voter(p.name, p.party) for p in absent)) for v in votes)
    return replace(item, votes=tuple(votes), absent=tuple(absent))


def annotate(meeting: Meeting) -> Meeting:
    """Every item of ``meeting`` through ``annotate_item``. A member that the items no longer
    count as absent (their "Afbud" was printed under an earlier treatment) leaves the
    meeting's list too, unless the minutes' own list of participants says so."""
    items = tuple(annotate_item(i, meeting.date) for i in meeting.items)
    before = {p.name for i in meeting.items for p in i.absent}
    after = {p.name for i in items for p in i.absent}
    gone = before - after
    absent = meeting.absent
    if gone and not meeting.participants:
        absent = tuple(p for p in meeting.absent if p.name not in gone)
    return replace(meeting, items=items, absent=absent)


__all__ = ["annotate", "annotate_item"]
