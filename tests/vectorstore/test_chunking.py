"""Chunking invariants over real minutes and many generated items (nothing lost, nothing
invented, decisions alone, chunks never cross items, ids unique and stable)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re

import pytest

from ingest.records import AgendaItem, Meeting, Section
from tests.vectorstore.minutes import frederikshavn_meeting, greve_meetings
from vectorstore.chunking import MAX_WORDS, chunk_meeting, header

WORDS = tuple(
    [
        "Jobcenter",
        "Frederikshavn",
        "indstiller",
        "at",
        "udvalget",
        "godkender",
        "ordningen",
        "for",
        "sygedagpenge",
        "ledighed",
        "borgere",
        "virksomheder",
        "budget",
        "2025",
        "mio.",
        "kr.",
        "beskæftigelse",
        "indsatsen",
        "evaluering",
        "førtidspension",
        "integration",
    ]
)


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _random_item(rng: random.Random, number: int) -> AgendaItem:
    kinds = ["resume", "sagsfremstilling", "indstilling", "beslutning", "other"]
    sections = []
    for _ in range(rng.randint(0, 5)):
        paragraphs = []
        for _ in range(rng.randint(1, 8)):
            words = [rng.choice(WORDS) for _ in range(rng.choice([3, 20, 90, 300, 700]))]
            # sentences of varied length, sometimes none at all (tables, lists)
            if rng.random() < 0.7:
                for i in range(rng.randint(5, 25), len(words), rng.randint(5, 25)):
                    words[i - 1] += "."
            paragraphs.append(" ".join(words))
        kind = rng.choice(kinds)
        sections.append(Section(kind.capitalize(), kind, rng.choice(["\n\n", "\n", "\n \n"]).join(paragraphs)))
    return AgendaItem(str(number), f"Punkt nummer {number}", case_id=f"EMN-2024-{number:05d}", sections=tuple(sections))


def _meetings() -> list[Meeting]:
    rng = random.Random(7)
    generated = [
        Meeting(
            "Økonomiudvalget",
            dt.date(2024, 1, 1 + k),
            tuple(_random_item(rng, n) for n in range(1, 8)),
            source=f"gen{k}.txt",
            sha256=f"{k:064x}",
        )
        for k in range(12)
    ]
    return [frederikshavn_meeting(), *greve_meetings(), *generated]


MEETINGS = _meetings()


@pytest.mark.parametrize("meeting", MEETINGS, ids=lambda m: m.source.rsplit("/", 1)[-1])
def test_chunks_cover_each_item_exactly_and_never_cross_items(meeting: Meeting):
    chunks = chunk_meeting(meeting)
    for item in meeting.items:
        own = [c for c in chunks if c.ref.item_number == item.number]
        assert own, f"item {item.number} has no chunk"
        assert [c.position for c in own] == list(range(len(own)))
        text, at = item.text, 0
        for c in own:
            assert c.ref.key == f"{meeting.sha256}:{item.number}"
            assert c.text.startswith(header(c.ref))
            assert c.text.endswith(c.body)
            if item.decision and not item.sections_of("beslutning") and c.body and c.body not in text:
                assert c.body in item.decision
                continue
            # every body is found in the item, in order, with only whitespace between them
            found = text.find(c.body, at)
            assert found >= 0, f"chunk {c.position} of item {item.number} is not in the item text"
            assert text[at:found].strip() == "", "content between chunks was lost"
            at = found + len(c.body)
        assert text[at:].strip() == "", "the end of the item was lost"
        # every section's text is in the concatenation of its item's chunks
        joined = _norm(" ".join(c.body for c in own))
        for s in item.sections:
            assert _norm(s.text) in joined


@pytest.mark.parametrize("meeting", MEETINGS, ids=lambda m: m.source.rsplit("/", 1)[-1])
def test_decisions_are_chunks_of_their_own(meeting: Meeting):
    chunks = chunk_meeting(meeting)
    for item in meeting.items:
        own = [c for c in chunks if c.ref.item_number == item.number]
        for s in item.sections_of("beslutning"):
            if not s.text.strip():
                continue
            holders = [c for c in own if _norm(s.text)[:80] in _norm(c.body)]
            assert holders, f"decision of item {item.number} is in no chunk"
        for c in own:
            if c.section_kind == "beslutning":
                # nothing but decision sections in a decision chunk
                others = [x for x in item.sections if x.kind != "beslutning" and len(_norm(x.text)) > 30]
                assert not any(_norm(x.text) in _norm(c.body) for x in others)


@pytest.mark.parametrize("meeting", MEETINGS, ids=lambda m: m.source.rsplit("/", 1)[-1])
def test_chunks_fit_the_model_window(meeting: Meeting):
    for c in chunk_meeting(meeting):
        # a balanced split may overshoot MAX_WORDS a little; prose never needs more
        assert len(c.body.split()) <= MAX_WORDS + 20, c.text[:200]


def test_ids_are_unique_stable_and_content_derived():
    all_ids = [c.id for m in MEETINGS for c in chunk_meeting(m)]
    assert len(all_ids) == len(set(all_ids))
    m = frederikshavn_meeting()
    assert [c.id for c in chunk_meeting(m)] == [c.id for c in chunk_meeting(frederikshavn_meeting())]
    other = dataclasses.replace(m, sha256="f" * 64)
    assert not {c.id for c in chunk_meeting(m)} & {c.id for c in chunk_meeting(other)}


def test_header_names_title_case_committee_date_and_item():
    m = frederikshavn_meeting()
    c = next(c for c in chunk_meeting(m) if c.ref.item_number == "5")
    assert c.text.splitlines()[0].startswith(
        "Beslutning om Frederikshavnerordningen | Sag EMN-2024-00966 | Arbejdsmarkedsudvalget, Frederikshavn "
        "2024-03-06 | Punkt 5"
    )
    assert c.ref.case_id == "EMN-2024-00966" and c.ref.meeting_date == dt.date(2024, 3, 6)


def test_a_long_section_is_split_and_later_pieces_name_their_section():
    m = frederikshavn_meeting()
    item3 = [c for c in chunk_meeting(m) if c.ref.item_number == "3"]
    sags = [c for c in item3 if c.section_kind == "sagsfremstilling"]
    assert len(sags) >= 3  # 823 words of sagsfremstilling
    assert all(len(c.body.split()) >= 100 for c in sags)  # balanced, no scraps
    assert all("| Sagsfremstilling" in c.text.splitlines()[0] for c in sags[1:])


def test_item_without_body_gets_a_header_chunk_and_closed_items_say_so():
    item = AgendaItem("7", "Lukket: Personalesag", open=False)
    m = Meeting("Byrådet", dt.date(2025, 8, 27), (item,), source="a.pdf", sha256="a" * 64)
    [c] = chunk_meeting(m)
    assert c.body == "" and c.text == header(c.ref) and "lukket" in c.text


def test_decision_outside_the_sections_still_gets_its_own_chunk():
    item = AgendaItem(
        "2",
        "Budget",
        sections=(Section("Sagsfremstilling", "sagsfremstilling", "Forvaltningen foreslår en ramme."),),
        decision="Godkendt med 5 stemmer mod 2.",
    )
    m = Meeting("Byrådet", dt.date(2025, 8, 27), (item,), source="a.pdf", sha256="b" * 64)
    chunks = chunk_meeting(m)
    assert [c.section_kind for c in chunks] == ["sagsfremstilling", "beslutning"]
    assert chunks[1].body == "Godkendt med 5 stemmer mod 2."
