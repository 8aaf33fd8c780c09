"""A case's timeline: every meeting that treated one case ID, oldest first, with its decision.

The lookup is exact (``Store.items_by_case``, which normalises "sag EMN-2024-00966" and spacing),
never a search, so the timeline lists exactly the items the minutes file under that case.

Out of scope: the HTML (``ui.render.case_timeline``).
"""

from __future__ import annotations

import logging
from typing import Any

from ingest.records import AgendaItem
from ui import texts
from ui.backend import Backend
from ui.render import case_timeline, message_html, source_url
from vectorstore.records import ItemRef

log = logging.getLogger(__name__)


def case_entries(backend: Backend, case_id: str) -> list[tuple[ItemRef, AgendaItem | None]]:
    """The case's items with their full records, in meeting order."""
    refs = backend.store.items_by_case(case_id.strip())
    refs = sorted(refs, key=lambda r: (r.meeting_date, r.committee, r.item_number))
    out: list[tuple[ItemRef, AgendaItem | None]] = []
    for ref in refs:
        try:
            item: AgendaItem | None = backend.store.get_item(ref.key)
        except Exception:
            log.warning("punkt %s i sag %s kan ikke læses", ref.key, case_id, exc_info=True)
            item = None
        out.append((ref, item))
    return out


def case_html(backend: Backend, case_id: str | None) -> str:
    case_id = (case_id or "").strip()
    if not case_id:
        return message_html(texts.CASE_EMPTY_INPUT)
    return case_timeline(case_id, case_entries(backend, case_id))


def case_json(backend: Backend, case_id: str) -> list[dict[str, Any]]:
    """The timeline as data, for the ``/case`` API: each item's fields plus its decision."""
    return [
        {**ref.to_dict(), "decision": item.decision if item else None, "source_url": source_url(ref, ref.pages[0])}
        for ref, item in case_entries(backend, case_id)
    ]
