"""The library calls behind the web app, in one place: the same calls as the CLI.

``Backend`` holds what one running app shares between requests: the settings, the store, the
retriever (opened on first use, so the app starts before the model is loaded) and the first-
start ingestion of the examples. Handlers in ``ui.chat``, ``ui.source_view``, ``ui.case_view``
and ``ui.documents`` get a ``Backend`` and never open anything themselves.

Out of scope: Gradio (nothing here imports it) and formatting (``ui.render``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.records import Answer
from core.settings import Settings
from vectorstore.records import Filters

log = logging.getLogger(__name__)


@dataclass
class Backend:
    settings: Settings
    store: Any  # vectorstore.store.Store
    embedder: Any = None  # vectorstore.embedding.Embedder; loaded lazily by the store when None
    retriever: Any = None  # vectorstore.retrieval.HybridRetriever; opened on first question
    bootstrap: Any = None  # ui.bootstrap.Bootstrap, set by the app
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def get_retriever(self) -> Any:
        if self.retriever is None:
            with self._lock:
                if self.retriever is None:
                    from vectorstore.retrieval import open_retriever

                    self.retriever = open_retriever(self.settings, store=self.store, embedder=self.embedder)
        return self.retriever

    def warm_up(self) -> None:
        """Load the chain, the model and the BM25 index now, so the first user does not wait."""
        try:
            if self.bootstrap is not None:
                self.bootstrap.wait()
            import assistant.chain  # noqa: F401  (llama-index is slow to import)

            self.get_retriever().retrieve("referat", k=1)
        except Exception:  # warming is a courtesy; a real question reports any problem
            log.warning("opvarmningen fejlede", exc_info=True)

    def answer(self, question: str, history: Sequence[Answer] = (), filters: Filters | None = None) -> Answer:
        """One cited answer, exactly as ``referat ask`` computes it."""
        from assistant.chain import answer_question

        return answer_question(
            question,
            retriever=self.get_retriever(),
            settings=self.settings,
            history=tuple(history),
            filters=filters or Filters(),
            embedder=self.embedder,
        )

    def stream(
        self, question: str, history: Sequence[Answer] = (), filters: Filters | None = None
    ) -> Iterator[str | Answer]:
        """The answer as it is written (``str``: the whole text so far), then the final ``Answer``
        (``assistant.chain.stream_answer``, the streaming form of ``referat ask``)."""
        from assistant.chain import stream_answer

        text = ""
        for event in stream_answer(
            question,
            retriever=self.get_retriever(),
            settings=self.settings,
            history=tuple(history),
            filters=filters or Filters(),
            embedder=self.embedder,
        ):
            if isinstance(event, Answer):
                yield event
                return
            text += str(event)
            yield text
