"""How a line is printed, as evidence of what it is: the body style and a line's emphasis.

Readers that know the print (PDF, OCR, HTML) give each ``Line`` a font size and weight. The
body text is the style most characters are printed in; a line printed larger or bolder than
that is *emphasised*, which is how every vendor sets item headings (and section headings),
whatever their wording or numbering. ``ingest.items`` uses emphasis as evidence beside the
wording: a weak heading form such as "1 First Agenda" or "1.1 Status siden sidst" counts as an
item when it is emphasised, and a list line in body style does not.

Lines without style (extracted text, JSON) have emphasis 0, so the wording alone decides, as
before. Out of scope: colour, italics and underlining.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ingest.records import Line


def body_style(lines: Sequence[Line]) -> tuple[float, bool]:
    """(size, bold) that most characters of ``lines`` are printed in; (0, False) without style."""
    counts: Counter[tuple[float, bool]] = Counter()
    for line in lines:
        if line.size > 0:
            counts[(round(line.size), line.bold)] += len(line.text)
    if not counts:
        return 0.0, False
    return counts.most_common(1)[0][0]


def emphasis(line: Line, body: tuple[float, bool]) -> int:
    """0 (body style), 1 (bold or a bit larger) or 2 (bold and larger, or much larger).

    >>> emphasis(Line("1 First Agenda", 1, size=14, bold=True), (10.0, False))
    2
    >>> emphasis(Line("1 First Agenda", 1), (10.0, False))
    0
    """
    size, bold = body
    if line.size <= 0 or size <= 0:
        return 0
    larger = line.size >= size + 0.9
    much_larger = line.size >= size * 1.35
    return min(2, int(larger) + int(line.bold and not bold) + int(much_larger))


__all__ = ["body_style", "emphasis"]
