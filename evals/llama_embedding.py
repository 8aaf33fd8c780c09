"""Our ``Embedder`` as a llama-index ``BaseEmbedding``, for the naive llama-index baseline only.

The baseline must use the SAME model as Referat (so that the comparison measures the pipeline,
not the model); llama-index wants its own embedding type, so this adapter forwards to
``embed_queries`` / ``embed_passages`` (which add the e5 "query: " / "passage: " prefixes).

Out of scope: anything but the baseline; ``assistant/`` has its own llama-index glue.
"""

from __future__ import annotations

from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr


class EmbedderAdapter(BaseEmbedding):
    """``EmbedderAdapter(embedder).get_query_embedding("...")`` -> list of floats."""

    _embedder: Any = PrivateAttr()

    def __init__(self, embedder: Any, batch_size: int = 32, **kwargs: Any) -> None:
        super().__init__(model_name=getattr(embedder, "name", "embedder"), embed_batch_size=batch_size, **kwargs)
        self._embedder = embedder

    @classmethod
    def class_name(cls) -> str:
        return "ReferatEmbedderAdapter"

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._embedder.embed_queries([query])[0].tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._embedder.embed_passages([text])[0].tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._embedder.embed_passages(list(texts)).tolist()
