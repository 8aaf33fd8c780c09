"""Agenda items -> chunks small enough to embed, each standing alone.

``chunk_meeting(meeting)`` cuts every item into chunks whose ``body`` is a slice of the
item's text (``AgendaItem.text``), trimmed of surrounding whitespace; the slices are
contiguous and cover the whole text, so an item's chunk bodies, in order, give back its text
with only whitespace between them: nothing is lost and nothing is invented. Rules:

- chunks never cross items;
- the decision (*beslutning*) is always a chunk (or several, if long) of its own;
- a long section is split on paragraph, then sentence, then word boundaries into pieces of
  about ``MAX_WORDS`` words (multilingual-e5-small reads 512 tokens; Danish runs at about 1.6
  tokens a word, and the header takes some);
- a short section (e.g. "Beslutningskompetence / AMU") joins the next one rather than
  becoming a chunk of three words;
- ``text`` = a one-line header (title, case, committee, date, item; and the section heading
  when the body starts mid-section) + a blank line + the body, so a chunk found on its own
  still says where it comes from; ``text`` always ends with ``body``;
- an item with no body (a closed item, *lukket*) still gets one header-only chunk, so it can
  be found by its title.

Ids are content-derived: a hash of (source sha256, item number, position, body), so
re-ingesting the same file yields the same ids.

Out of scope: embedding and storing chunks (``vectorstore.store``).

>>> from ingest.records import AgendaItem, Meeting, Section
>>> import datetime as dt
>>> m = Meeting("Arbejdsmarkedsudvalget", dt.date(2024, 3, 6), (AgendaItem("5", "Frederikshavnerordningen",
...     case_id="EMN-2024-00966", sections=(Section("Beslutninger:", "beslutning", "Godkendt."),)),),
...     source="amu.txt", sha256="ab" * 32)
>>> chunk_meeting(m)[0].text.splitlines()[0]
'Frederikshavnerordningen | Sag EMN-2024-00966 | Arbejdsmarkedsudvalget 2024-03-06 | Punkt 5'
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
from dataclasses import dataclass

from ingest.records import AgendaItem, Meeting
from vectorstore.records import Chunk, ItemRef

MAX_WORDS = 240  # a chunk body's soft ceiling
MIN_WORDS = 60  # a section shorter than this joins the next one

_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_SENTENCE = re.compile(r"(?<=[.!?:;])\s+|\n\s*")
_WORD = re.compile(r"\s+")


def item_key(sha256: str, number: str) -> str:
    """The stable key of an item: ``"<source sha256>:<item number>"``."""
    return f"{sha256}:{number}"


def item_ref(meeting: Meeting, item: AgendaItem) -> ItemRef:
    return ItemRef(
        key=item_key(meeting.sha256, item.number),
        municipality=meeting.municipality,
        committee=meeting.committee,
        meeting_date=meeting.date,
        meeting_id=meeting.meeting_id,
        item_number=item.number,
        case_id=item.case_id,
        title=item.title,
        source=meeting.source,
        source_sha256=meeting.sha256,
        pages=item.pages,
        open=item.open,
    )


def header(ref: ItemRef) -> str:
    """The one-line header: "Title | Sag X | Committee, Municipality YYYY-MM-DD | Punkt N"."""
    parts = [ref.title.strip()]
    if ref.case_id:
        parts.append(f"Sag {ref.case_id}")
    where = ref.committee + (f", {ref.municipality}" if ref.municipality else "")
    parts.append(f"{where} {ref.meeting_date.isoformat()}")
    parts.append(f"Punkt {ref.item_number}" + ("" if ref.open else " (lukket)"))
    return " | ".join(parts)


def chunk_meeting(meeting: Meeting) -> list[Chunk]:
    """All chunks of all items of ``meeting``, in agenda order."""
    return [c for item in meeting.items for c in chunk_item(meeting, item)]


@dataclass(frozen=True)
class _Block:
    """A span of the item's text belonging to one section: [start, end)."""

    start: int
    end: int
    kind: str
    heading: str


def chunk_item(meeting: Meeting, item: AgendaItem) -> list[Chunk]:
    ref = item_ref(meeting, item)
    head = header(ref)
    text = item.text
    blocks = _blocks(item)
    # (kind, heading, text the body is sliced from, start, end)
    groups = [(kind, heading, text, a, b) for kind, heading, a, b in _pack(text, blocks)]
    # A decision that the parser kept outside the sections still gets its own chunk(s).
    if item.decision and item.decision.strip() and not item.sections_of("beslutning"):
        decision = item.decision
        groups += [("beslutning", "", decision, a, b) for a, b in _pack_text(decision, 0, len(decision))]
    if not groups:
        groups.append(("other", "", text, 0, 0))

    chunks: list[Chunk] = []
    for position, (kind, heading, source, a, b) in enumerate(groups):
        body = source[a:b].strip()
        label = ""
        if heading and not body.startswith(heading.strip()):
            label = f" | {heading.strip().rstrip(':')}"
        chunk_text = f"{head}{label}\n\n{body}" if body else head
        chunks.append(
            Chunk(
                id=_chunk_id(meeting.sha256, item.number, position, body),
                ref=ref,
                section_kind=kind,
                text=chunk_text,
                body=body,
                pages=item.pages,
                position=position,
            )
        )
    return chunks


def _chunk_id(sha256: str, number: str, position: int, body: str) -> str:
    h = hashlib.sha256(f"{sha256}\x1f{number}\x1f{position}\x1f{body}".encode())
    return h.hexdigest()[:32]


def _blocks(item: AgendaItem) -> list[_Block]:
    """Each section's span in ``item.text``; the "\\n\\n" joiner goes with the section before it."""
    blocks: list[_Block] = []
    pos = 0
    n = len(item.sections)
    for i, s in enumerate(item.sections):
        part = f"{s.heading}\n{s.text}" if s.heading else s.text
        end = pos + len(part) + (2 if i < n - 1 else 0)
        blocks.append(_Block(pos, end, s.kind, s.heading))
        pos = end
    return blocks


def _words(s: str) -> int:
    return len(s.split())


def _pack(text: str, blocks: list[_Block]) -> list[tuple[str, str, int, int]]:
    """Group the blocks' spans into chunks (kind, heading, start, end); decisions alone,
    short sections joined forward."""
    out: list[tuple[str, str, int, int]] = []
    pending: list[_Block] = []  # short non-decision blocks waiting to join the next one

    def flush_pending_alone() -> None:
        if not pending:
            return
        start, end = pending[0].start, pending[-1].end
        if (
            out
            and out[-1][0] != "beslutning"
            and out[-1][3] == start
            and all(b.kind == "other" for b in pending)
            and _words(text[out[-1][2] : end]) <= MAX_WORDS
        ):
            # Short trailing minor sections ("Lovgrundlag", "Tidsplan") join the chunk before
            # them rather than standing as a scrap of a few words; a short *indstilling* or
            # *resume* keeps a chunk of its own, it is what people ask for.
            kind, heading, prev_start, _ = out.pop()
            out.append((kind, heading, prev_start, end))
        else:
            out.append((_dominant(text, pending), pending[0].heading, start, end))
        pending.clear()

    for block in blocks:
        if block.kind == "beslutning":
            flush_pending_alone()
            for a, b in _pack_text(text, block.start, block.end):
                out.append(("beslutning", block.heading, a, b))
            continue
        if _words(text[block.start : block.end]) < MIN_WORDS:
            pending.append(block)
            if _words(text[pending[0].start : block.end]) >= MIN_WORDS:
                flush_pending_alone()
            continue
        start = pending[0].start if pending else block.start
        lead = list(pending)
        pending.clear()
        pieces = _pack_text(text, start, block.end)
        for j, (a, b) in enumerate(pieces):
            members = [*lead, block] if j == 0 else [block]
            out.append((_dominant(text, members), members[0].heading if j == 0 else block.heading, a, b))
    flush_pending_alone()
    return out


def _dominant(text: str, blocks: list[_Block]) -> str:
    """The kind of the block with the most words (ties: the first)."""
    best = max(blocks, key=lambda b: (_words(text[b.start : b.end]), -b.start))
    return best.kind


def _pack_text(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] into contiguous spans of about MAX_WORDS words, on the coarsest
    boundaries available (paragraph, sentence, word). The spans cover the range exactly."""
    total = _words(text[start:end])
    if total <= MAX_WORDS:
        return [(start, end)]
    atoms = _atoms(text, start, end)
    # Prefer balanced pieces (300 words -> 150 + 150, not 240 + 60) unless coarse atoms
    # (whole paragraphs) would make that cost more pieces than plain greedy packing.
    balanced = _greedy(text, atoms, end, math.ceil(total / math.ceil(total / MAX_WORDS)) + 15)
    greedy = _greedy(text, atoms, end, MAX_WORDS)
    return balanced if len(balanced) <= len(greedy) else greedy


def _greedy(text: str, atoms: list[tuple[int, int]], end: int, limit: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cur_start, cur_words = atoms[0][0], 0
    for a, b in atoms:
        w = _words(text[a:b])
        if cur_words and cur_words + w > limit:
            spans.append((cur_start, a))
            cur_start, cur_words = a, 0
        cur_words += w
    spans.append((cur_start, end))
    return spans


def _atoms(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Contiguous spans covering text[start:end], none over MAX_WORDS words (except a single
    word longer than that, which cannot happen in prose)."""
    out: list[tuple[int, int]] = []
    for a, b in _split(text, start, end, _PARAGRAPH):
        if _words(text[a:b]) <= MAX_WORDS:
            out.append((a, b))
            continue
        for c, d in _split(text, a, b, _SENTENCE):
            if _words(text[c:d]) <= MAX_WORDS:
                out.append((c, d))
            else:
                out.extend(_split(text, c, d, _WORD))
    return out


def _split(text: str, start: int, end: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """Cut text[start:end] after every match of ``pattern`` (the separator stays with the
    span before it)."""
    cuts = [m.end() for m in pattern.finditer(text, start, end) if start < m.end() < end]
    bounds = [start, *cuts, end]
    return [(a, b) for a, b in itertools.pairwise(bounds) if b > a] or [(start, end)]
