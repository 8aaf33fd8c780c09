"""The chat: a question in, a streamed answer with numbered sources out.

The conversation lives in two places that move together: the Chatbot's messages (what the user
sees) and ``turns``, a list with one entry per exchange holding our own ``Answer`` record (or
``None`` when that question failed). The answers are the history that follow-up questions
("Og hvad kostede det?") are resolved against.

A failure in one request becomes an error message in the chat; nothing propagates to Gradio,
so the app keeps serving. The JSON API (``ask_api``) instead raises ``gr.Error`` so that a
client gets a proper error.

Out of scope: answering (``assistant.chain`` via ``ui.backend``), the item view
(``ui.source_view``).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator, Sequence
from typing import Any

import gradio as gr

from assistant.records import Answer
from core.errors import InputError, ReferatError
from ui import texts
from ui.backend import Backend
from ui.render import answer_markdown, citation_label, source_url
from vectorstore.records import Filters

log = logging.getLogger(__name__)

BOOTSTRAP_WAIT_S = 600.0


def parse_date(value: str | None, label: str) -> dt.date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(texts.BAD_DATE.format(label=label, value=value)) from None


def parse_filters(
    municipality: str | None, committee: str | None, date_from: str | None, date_to: str | None
) -> Filters:
    """The filter widgets' values as ``Filters``; "Alle" and blanks mean no constraint."""
    start = parse_date(date_from, texts.DATE_FROM_LABEL)
    end = parse_date(date_to, texts.DATE_TO_LABEL)
    if start and end and start > end:
        raise InputError(texts.EMPTY_RANGE.format(start=start, end=end))

    def pick(v: str | None) -> str | None:
        v = (v or "").strip()
        return None if not v or v == texts.ALL else v

    return Filters(municipality=pick(municipality), committee=pick(committee), date_from=start, date_to=end)


def error_text(exc: BaseException) -> str:
    """What the user reads for a failed request: our errors say what is wrong; anything else
    is logged with its traceback and shown as an unexpected error."""
    if isinstance(exc, ReferatError):
        return str(exc)
    return texts.INTERNAL_ERROR.format(kind=type(exc).__name__)


def citation_choices(answer: Answer | None) -> dict[str, Any]:
    """The update for the sources selector below the chat."""
    if answer is None or not answer.citations:
        return gr.update(choices=[], value=None, visible=False)
    return gr.update(choices=[(citation_label(c), str(c.marker)) for c in answer.citations], value=None, visible=True)


def history_of(turns: Sequence[Answer | None]) -> list[Answer]:
    return [a for a in turns if a is not None]


def make_respond(backend: Backend):
    """The chat handler: (question, messages, turns, filters...) -> streamed updates of
    (messages, turns, selected turn, question box, sources selector)."""

    def respond(
        question: str,
        messages: list[dict[str, Any]] | None,
        turns: list[Answer | None] | None,
        municipality: str | None,
        committee: str | None,
        date_from: str | None,
        date_to: str | None,
    ) -> Iterator[tuple[Any, ...]]:
        question = (question or "").strip()
        messages = list(messages or [])
        turns = list(turns or [])
        if not question:
            gr.Warning(texts.EMPTY_QUESTION)
            yield messages, turns, gr.update(), gr.update(), gr.update()
            return
        messages += [{"role": "user", "content": question}, {"role": "assistant", "content": texts.SEARCHING}]
        hidden = gr.update(choices=[], value=None, visible=False)
        yield messages, turns, gr.update(), "", hidden
        answer: Answer | None = None
        try:
            filters = parse_filters(municipality, committee, date_from, date_to)
            yield from _wait_for_examples(backend, messages, turns)
            for event in backend.stream(question, history_of(turns), filters):
                if isinstance(event, Answer):
                    answer = event
                    break
                messages[-1] = {"role": "assistant", "content": event}
                yield messages, turns, gr.update(), gr.update(), gr.update()
            if answer is None:
                raise RuntimeError("the answer stream ended without an answer")
            messages[-1] = {"role": "assistant", "content": answer_markdown(answer)}
        except Exception as exc:  # one failed question must never take the app down
            if not isinstance(exc, ReferatError):
                log.exception("spørgsmålet fejlede: %r", question)
            messages[-1] = {"role": "assistant", "content": texts.ERROR_IN_ANSWER.format(message=error_text(exc))}
        turns.append(answer)
        yield messages, turns, len(turns) - 1, gr.update(), citation_choices(answer)

    return respond


def _wait_for_examples(backend: Backend, messages, turns) -> Iterator[tuple[Any, ...]]:
    bootstrap = getattr(backend, "bootstrap", None)
    if bootstrap is None:
        return
    while not bootstrap.wait(timeout=0.5):
        st = bootstrap.status()
        messages[-1] = {"role": "assistant", "content": texts.WAITING_FOR_EXAMPLES.format(done=st.done, total=st.total)}
        yield messages, turns, gr.update(), gr.update(), gr.update()


def select_turn(turns: list[Answer | None] | None, evt: gr.SelectData):
    """Clicking an earlier message shows that answer's sources below the chat."""
    turns = turns or []
    index = evt.index if isinstance(evt.index, int) else (evt.index[0] if evt.index else 0)
    turn = index // 2  # messages alternate: user, assistant
    if not 0 <= turn < len(turns):
        return gr.update(), gr.update()
    return turn, citation_choices(turns[turn])


def clear_chat():
    return [], [], None, gr.update(choices=[], value=None, visible=False)


def make_ask_api(backend: Backend):
    """``/ask``: the answer with its citations as JSON (``Answer.to_dict()``), for clients."""

    def ask(
        question: str,
        municipality: str = "",
        committee: str = "",
        date_from: str = "",
        date_to: str = "",
    ) -> dict:
        """Answer a Danish question about the minutes; returns the answer and its citations."""
        question = (question or "").strip()
        try:
            if not question:
                raise InputError(texts.EMPTY_QUESTION)
            filters = parse_filters(municipality, committee, date_from, date_to)
            bootstrap = getattr(backend, "bootstrap", None)
            if bootstrap is not None:
                bootstrap.wait(BOOTSTRAP_WAIT_S)
            answer = backend.answer(question, (), filters)
        except Exception as exc:
            if not isinstance(exc, ReferatError):
                log.exception("spørgsmålet via API fejlede: %r", question)
            raise gr.Error(error_text(exc)) from exc
        return answer_json(answer)

    return ask


def answer_json(answer: Answer) -> dict[str, Any]:
    """``Answer.to_dict()`` plus, per citation, its ``marker``, item ``key`` and ``source_url``."""
    d = answer.to_dict()
    for c, cd in zip(answer.citations, d["citations"], strict=True):
        cd["marker"] = c.marker
        cd["key"] = c.ref.key
        cd["source_url"] = source_url(c.ref, c.ref.pages[0])
    return d
