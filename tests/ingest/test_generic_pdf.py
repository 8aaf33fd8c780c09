"""An unseen vendor's PDF, built in the test: running header and footer on every page, items
crossing page breaks, words hyphenated across lines, bullets."""

from __future__ import annotations

import datetime as dt

from ingest.parse import parse_file
from tests.ingest.conftest import pdf_with_pages

HEADER = ["Odder Kommune", "Beslutningsprotokol - Økonomiudvalget - 3. maj 2024"]


def _page(n: int, total: int, body: list[str]) -> list[str]:
    return [*HEADER, *body, f"Side {n} af {total}"]


PAGES = [
    ["Økonomiudvalget", "Mødedato: 3. maj 2024, kl. 08.00", "Mødested: Rådhuset, lokale 2", "Afbud: Hans Hansen (V)"],
    [
        "Punkt 1. Godkendelse af dagsorden",
        "Sagsnr.: 24/000111",
        "Beslutning",
        "Godkendt.",
        "Punkt 2. Budgetopfølgning pr. 31. marts",
        "Sagsnr.: 24/000222",
        "Sagsfremstilling",
        "Der forventes et merforbrug på det special-",
        "iserede socialområde på 4 mio. kr.",
        "\u2022 Ældreområdet er i balance",
    ],
    [
        "\u2022 Skoleområdet har et mindreforbrug",
        "Indstilling",
        "Direktionen indstiller, at budgetopfølgningen tages til efterretning.",
        "Beslutning",
        "Taget til efterretning.",
        "Fraværende: Hans Hansen (V)",
    ],
]


def test_unseen_vendor_pdf(tmp_path):
    total = len(PAGES)
    path = tmp_path / "odder.pdf"
    path.write_bytes(pdf_with_pages([_page(n, total, body) for n, body in enumerate(PAGES, start=1)]))
    m = parse_file(path)
    assert (m.municipality, m.committee, m.date, m.time) == ("Odder", "Økonomiudvalget", dt.date(2024, 5, 3), "08:00")
    assert m.location == "Rådhuset, lokale 2"
    assert [(i.number, i.case_id, i.pages) for i in m.items] == [("1", "24/000111", (2, 2)), ("2", "24/000222", (2, 3))]
    two = m.item("2")
    body = two.sections_of("sagsfremstilling")[0].text
    assert "det specialiserede\nsocialområde" in body  # the split word is joined on the first line
    assert "• Ældreområdet er i balance\n• Skoleområdet har et mindreforbrug" in body
    assert two.decision == "Taget til efterretning."
    assert [str(p) for p in two.absent] == ["Hans Hansen (V)"]
    for item in m.items:
        assert "Side" not in item.text and "Beslutningsprotokol" not in item.text and "Odder Kommune" not in item.text
