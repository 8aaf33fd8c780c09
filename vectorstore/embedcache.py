"""Passage vectors kept by text, so re-ingesting costs only the chunks whose text changed.

The embedding model is the whole cost of ingest (about 0.13 CPU s a chunk with onnx-int8), and
a parser or chunker upgrade re-chunks every document although most chunk texts come out the
same. ``CachedEmbedder`` wraps an ``Embedder``: ``embed_passages`` looks each text up by
``sha256(model | backend | text)`` in a SQLite file and embeds only the misses, which it then
stores. Queries are never cached (they are short and seldom repeat).

The file lives beside the converted model (``<home>/cache/embeddings.sqlite3``), not in a
store, so every store built on this machine shares it; it is safe to delete (it only costs
re-embedding). Several processes may use it at once (SQLite WAL, waits on a busy file).

>>> import numpy as np
>>> class Fake:
...     name, dim, calls = "fake", 2, 0
...     def embed_passages(self, texts):
...         Fake.calls += len(texts); return np.ones((len(texts), 2), np.float32)
...     def embed_queries(self, texts): return self.embed_passages(texts)
>>> import tempfile, pathlib
>>> e = CachedEmbedder(Fake(), pathlib.Path(tempfile.mkdtemp()) / "c.sqlite3", "fake|test")
>>> _ = e.embed_passages(["a", "b"]); _ = e.embed_passages(["b", "c"]); Fake.calls
3

Out of scope: evicting old entries (a cache for a whole-corpus store is about 1.6 KB a chunk).
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np


def cache_path(settings) -> Path:
    """``<home>/cache/embeddings.sqlite3``: beside the model, shared by every store."""
    return Path(settings.home) / "cache" / "embeddings.sqlite3"


class CachedEmbedder:
    """An ``Embedder`` whose passage vectors are read from and written to a cache file."""

    def __init__(self, inner, path: Path, key: str) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.path = Path(path)
        self._key = key
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self.hits = 0
        self.misses = 0

    def _conn(self) -> sqlite3.Connection | None:
        if self._db is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=60, check_same_thread=False)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vec BLOB NOT NULL)")
                db.commit()
            except sqlite3.Error:
                return None  # an unusable cache only costs speed: embed everything
            self._db = db
        return self._db

    def _digest(self, text: str) -> bytes:
        return hashlib.sha256(f"{self._key}\x1f{text}".encode()).digest()

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return self.inner.embed_passages(texts)
        keys = [self._digest(t) for t in texts]
        found: dict[bytes, np.ndarray] = {}
        with self._lock:
            db = self._conn()
            if db is not None:
                try:
                    for i in range(0, len(keys), 500):
                        part = keys[i : i + 500]
                        marks = ",".join("?" * len(part))
                        for k, blob in db.execute(f"SELECT key, vec FROM vectors WHERE key IN ({marks})", part):
                            vec = np.frombuffer(blob, dtype=np.float32)
                            if vec.shape == (self.dim,):
                                found[bytes(k)] = vec
                except sqlite3.Error:
                    found = {}
        missing = [i for i, k in enumerate(keys) if k not in found]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if missing:
            vecs = self.inner.embed_passages([texts[i] for i in missing])
            for j, i in enumerate(missing):
                out[i] = vecs[j]
            self._store([(keys[i], vecs[j]) for j, i in enumerate(missing)])
        for i, k in enumerate(keys):
            if k in found:
                out[i] = found[k]
        self.hits += len(texts) - len(missing)
        self.misses += len(missing)
        return out

    def _store(self, rows: list[tuple[bytes, np.ndarray]]) -> None:
        with self._lock:
            db = self._conn()
            if db is None:
                return
            try:
                db.executemany(
                    "INSERT OR REPLACE INTO vectors (key, vec) VALUES (?, ?)",
                    [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in rows],
                )
                db.commit()
            except sqlite3.Error:
                db.rollback()

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_queries(texts)

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
