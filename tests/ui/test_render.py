"""What the app shows, from our records: quotes marked where they occur (whitespace may
differ), document text always escaped, filters parsed with Danish errors."""

from __future__ import annotations

import datetime as dt

import pytest

from core.errors import InputError
from ingest.records import AgendaItem, Section
from ui import texts
from ui.chat import parse_filters
from ui.render import case_timeline, highlight, item_card, quote_spans, reflow
from vectorstore.records import ItemRef

TEXT = (
    "Jobcenter Frederikshavn indstiller, at Frederikshavnerordningen afskaffes, når sidste\n"
    "aktive ansættelse er afsluttet. Godkendt."
)


def _ref(**kw) -> ItemRef:
    base = dict(
        key="ab" * 32 + ":5",
        municipality="Frederikshavn",
        committee="Arbejdsmarkedsudvalget",
        meeting_date=dt.date(2024, 3, 6),
        meeting_id=None,
        item_number="5",
        case_id="EMN-2024-00966",
        title="Beslutning om Frederikshavnerordningen",
        source="/x/referat.txt",
        source_sha256="ab" * 32,
        pages=(10, 11),
    )
    return ItemRef(**{**base, **kw})


def test_a_quote_is_found_across_a_line_break():
    quote = "Jobcenter Frederikshavn indstiller, at Frederikshavnerordningen afskaffes, når sidste aktive ansættelse er afsluttet."
    (span,) = quote_spans(TEXT, [quote])
    assert TEXT[span[0] : span[1]].split() == quote.split()


def test_trimmed_and_joined_quotes_mark_their_sentences():
    spans = quote_spans(
        TEXT, ["… at Frederikshavnerordningen afskaffes, når sidste aktive ansættelse er afsluttet. Noget andet."]
    )
    assert len(spans) == 1 and "afskaffes" in TEXT[spans[0][0] : spans[0][1]]
    assert quote_spans(TEXT, ["Står der slet ikke."]) == []


def test_every_marked_text_is_the_text_and_nothing_else():
    quotes = ["afskaffes, når sidste aktive ansættelse", "Godkendt."]
    out = highlight(TEXT, quotes)
    assert out.count("<mark>") == 2
    assert out.replace("<mark>", "").replace("</mark>", "") == reflow(TEXT)


def test_document_text_is_escaped():
    item = AgendaItem(
        number="5",
        title="<script>alert(1)</script>",
        case_id="EMN-1",
        sections=(Section("Sagsfremstilling", "sagsfremstilling", 'a <img src=x onerror="x()"> b'),),
        decision="<b>Godkendt</b>",
    )
    html = item_card(_ref(title=item.title), item, ["<b>Godkendt</b>"])
    assert "<script>" not in html and "<img" not in html and "<b>Godkendt" not in html
    assert "&lt;script&gt;" in html and "<mark>&lt;b&gt;Godkendt&lt;/b&gt;</mark>" in html


def test_the_card_links_the_source_at_the_items_first_page():
    item = AgendaItem(number="5", title="T", decision="Godkendt.", pages=(10, 11))
    html = item_card(_ref(), item)
    assert f'href="/kilde/{"ab" * 32}#page=10"' in html
    assert "6. marts 2024" in html and "10–11" in html


def test_the_timeline_lists_meetings_with_their_decisions():
    a = (_ref(meeting_date=dt.date(2023, 1, 5), item_number="3"), AgendaItem(number="3", title="T", decision="Udsat."))
    b = (_ref(), AgendaItem(number="5", title="T", decision="Godkendt."))
    html = case_timeline("EMN-2024-00966", [a, b])
    assert html.index("5. januar 2023") < html.index("6. marts 2024")
    assert "Udsat." in html and "Godkendt." in html and "2 møde(r)" in html
    assert texts.CASE_NONE.format(case_id="X-1") in case_timeline("X-1", [])


def test_filters_from_the_widgets():
    f = parse_filters(texts.ALL, "Økonomiudvalget", "2024-01-01", "")
    assert (f.municipality, f.committee, f.date_from, f.date_to) == (None, "Økonomiudvalget", dt.date(2024, 1, 1), None)
    with pytest.raises(InputError, match="ÅÅÅÅ-MM-DD"):
        parse_filters(None, None, "1. marts", None)
    with pytest.raises(InputError, match="tomt"):
        parse_filters(None, None, "2024-05-01", "2024-01-01")
