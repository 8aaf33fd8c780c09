"""Vendor layouts of Danish minutes and how to pick one.

Each module holds one ``Layout`` (rules as data): ``frederikshavn``, ``aarhus``, ``edoc``
(Ballerup) and ``generic``, the fallback for vendors nobody here has seen. ``detect_layout``
scores the specific layouts on the lines and falls back to ``generic``. The engine that
applies a layout is ``ingest.items``. Out of scope: FirstAgenda JSON (``ingest.firstagenda``).
"""

from __future__ import annotations

from collections.abc import Sequence

from ingest.layouts import aarhus, edoc, frederikshavn, generic
from ingest.layouts.base import HeadingRule, Layout
from ingest.records import Line

LAYOUTS: tuple[Layout, ...] = (frederikshavn.LAYOUT, aarhus.LAYOUT, edoc.LAYOUT)
GENERIC = generic.LAYOUT

# A specific layout must score at least this much to be trusted over the generic one.
_MIN_SCORE = 12.0


def detect_layout(lines: Sequence[Line]) -> Layout:
    """The layout that fits ``lines`` best; ``generic`` unless a vendor's marks are clear."""
    best = max(LAYOUTS, key=lambda layout: layout.detect(lines))
    return best if best.detect(lines) >= _MIN_SCORE else GENERIC


def layout_by_name(name: str) -> Layout:
    for layout in (*LAYOUTS, GENERIC):
        if layout.name == name:
            return layout
    raise KeyError(name)


__all__ = ["GENERIC", "LAYOUTS", "HeadingRule", "Layout", "detect_layout", "layout_by_name"]
