"""The item behind a citation: clicking "[1] Punkt 5 · …" shows the whole item.

The item is read from the store's registry by its key (``<sha256>:<punkt>``), so what is shown
is the item as ingested, not the chunk that matched; the sentences the answer quoted are
marked. A button under it opens the case's timeline when the item has a case ID.

Out of scope: the HTML itself (``ui.render``) and serving the source file (``ui.sources``).
"""

from __future__ import annotations

import logging
import re
from typing import Any

import gradio as gr

from assistant.records import Answer, Citation
from ui import texts
from ui.backend import Backend
from ui.render import item_card, message_html

log = logging.getLogger(__name__)


def find_citation(
    turns: list[Answer | None] | None, selected: int | None, marker: str | int | None
) -> tuple[Answer, Citation] | None:
    if marker in (None, "") or selected is None or not turns or not 0 <= selected < len(turns):
        return None
    answer = turns[selected]
    if answer is None:
        return None
    for c in answer.citations:
        if str(c.marker) == str(marker):
            return answer, c
    return None


_QUOTED = re.compile(r"[“\"]([^”\"]{2,})[”\"]")


def quotes_of(answer: Answer, citation: Citation) -> list[str]:
    """The citation's quote and every other “quoted” passage of the answer text; those not
    taken from this item simply match nothing in it."""
    quotes = [citation.quote] if citation.quote else []
    quotes += [q for q in _QUOTED.findall(answer.text) if q not in quotes]
    return quotes


def item_view(backend: Backend, citation: Citation, quotes: list[str] | None = None) -> tuple[str, str | None]:
    """(HTML of the cited item with its quotes marked, the item's case ID)."""
    try:
        item = backend.store.get_item(citation.ref.key)
    except Exception:  # removed since the answer was given, or the store failed
        log.warning("det citerede punkt %s findes ikke", citation.ref.key, exc_info=True)
        return message_html(texts.SOURCE_MISSING), None
    if quotes is None:
        quotes = [citation.quote] if citation.quote else []
    return item_card(citation.ref, item, quotes), item.case_id


def make_show_citation(backend: Backend):
    def show_citation(marker: str | None, turns: list[Answer | None] | None, selected: int | None) -> tuple[Any, ...]:
        found = find_citation(turns, selected, marker)
        if found is None:
            return gr.update(), gr.update(), gr.update()
        answer, citation = found
        html, case_id = item_view(backend, citation, quotes_of(answer, citation))
        button = gr.update(
            visible=bool(case_id), value=f"{texts.SHOW_CASE_BUTTON} {case_id}" if case_id else texts.SHOW_CASE_BUTTON
        )
        return html, button, case_id

    return show_citation
