"""Invariants on every real PDF / text file: each item's text is printed on the pages it
claims, no running header or footer is left inside an item, numbers are unique and pages
run forward."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.ingest.conftest import BALLERUP, CORPUS, FREDERIKSHAVN, lines_of, meeting_of

# The fixtures, and every other PDF / text file of the shared corpus (the Aarhus PDF).
_CORPUS_FILES = [*sorted((CORPUS / "pdf").glob("*.pdf")), *sorted((CORPUS / "frederikshavn").glob("*.txt"))]
FILES = [FREDERIKSHAVN, BALLERUP, *(p for p in _CORPUS_FILES if not p.name.startswith(("ballerup", "arbejdsmarked")))]
FURNITURE = re.compile(
    r"^(?:side \d+(?: af \d+)?|dato: \d\d\.\d\d\.\d{4}|åbent referat|referat|mos-2024-00185"
    r"|arbejdsmarkedsudvalget 2022-2025 - .*|sundheds- og forebyggelsesudvalget)$",
    re.I,
)


@pytest.fixture(scope="module", params=FILES, ids=lambda p: p.name)
def parsed(request):
    path: Path = request.param
    body, furniture = lines_of(path)
    return meeting_of(path), body, furniture


def test_item_text_is_on_its_pages(parsed):
    meeting, body, _ = parsed
    for item in meeting.items:
        first, last = item.pages
        page_text = "\n".join(line.text for line in body if first <= line.page <= last)
        for section in item.sections:
            for line in section.text.split("\n"):
                assert line in page_text, f"item {item.number}: {line!r} not on pages {item.pages}"
        assert item.title.split()[0] in page_text


def test_no_page_furniture_inside_items(parsed):
    meeting, _, furniture = parsed
    furniture_lines = {line.text for line in furniture}
    for item in meeting.items:
        for section in item.sections:
            for line in section.text.split("\n"):
                assert not FURNITURE.match(line.strip()), f"item {item.number}: furniture {line!r}"
                assert line not in furniture_lines, f"item {item.number}: furniture {line!r}"


def test_numbers_unique_and_pages_forward(parsed):
    meeting, body, _ = parsed
    numbers = [i.number for i in meeting.items]
    assert len(numbers) == len(set(numbers))
    last_page = max(line.page for line in body)
    previous = 0
    for item in meeting.items:
        assert previous <= item.pages[0] <= item.pages[1] <= last_page
        previous = item.pages[0]


def test_bullets_and_glyphs_are_clean(parsed):
    meeting, _, _ = parsed
    for item in meeting.items:
        text = item.text + item.title
        assert not re.search(r"[\ue000-\uf8ff]|\(cid:\d+\)|\u00ad", text), item.number


def test_generic_layout_alone_finds_the_same_items(parsed):
    """A vendor variant that the specific layout misses still parses: the generic rules alone
    give the same items, case ids, titles and decisions on every real file."""
    from ingest.layouts import GENERIC
    from ingest.parse import parse_lines

    meeting, body, furniture = parsed
    generic = parse_lines(body, furniture, source=meeting.source, sha256=meeting.sha256, layout=GENERIC)
    assert [(i.number, i.case_id, i.title, i.open) for i in generic.items] == [
        (i.number, i.case_id, i.title, i.open) for i in meeting.items
    ]
    assert [i.decision for i in generic.items] == [i.decision for i in meeting.items]
