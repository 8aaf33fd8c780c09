"""Files and folders -> parsed meetings -> chunks -> vectors -> the store, robustly.

``ingest_paths(paths, store)`` walks folders (``.pdf``, ``.txt``, ``.json``, ``.html``,
``.htm``, ``.xml``, recursively, hidden files skipped), and for each file:

- hashes its bytes first and skips it when that content is already indexed (cheap: no
  parsing, no embedding), so a second run over the same corpus does almost nothing;
- parses it (``ingest.parse.parse_file``); a file that fails is reported with its reason and
  the run goes on;
- checks what was understood (``ingest.check``): the report keeps each parsed document's
  check, and its warnings (no decisions, one giant item, committee unknown, OCR);
- chunks it and queues the chunks. Chunks are embedded (through the passage cache of
  ``vectorstore.embedcache``, so a re-ingest after a parser change embeds only chunks whose
  text changed) in batches of about ``batch_chunks``
  across documents, since the model is the bottleneck and runs best on full batches; each
  meeting is then written with ``Store.add_meeting`` (atomic; replaces an older version).

Why no parser thread: measured on the development corpus (376 files, 25,782 chunks, 2 cores),
parsing and chunking take about 12 s of CPU in all and writing to the store about 1 ms a
chunk, while multilingual-e5-small needs about 0.26 s of CPU a chunk (about 6,700 s in all).
Parsing beside the model would win well under 1% and take a core from it; batching is what
keeps ingest at the model's own speed.

Out of scope: parsing rules (``ingest``), chunking rules (``vectorstore.chunking``), the
progress bar and summary (``referat.commands.ingest``).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from core.errors import ModelError, ReferatError, StoreError
from ingest.check import DocumentCheck, check_meeting
from ingest.check import collect_files as _collect
from ingest.parse import SUPPORTED_SUFFIXES
from ingest.records import Meeting
from vectorstore.chunking import chunk_meeting
from vectorstore.embedcache import CachedEmbedder, cache_path
from vectorstore.records import Chunk
from vectorstore.store import Store

SUFFIXES = SUPPORTED_SUFFIXES
BATCH_CHUNKS = 256

Progress = Callable[[Path, str], None]  # (file, "added" | "skipped" | "failed")
# The sources a parsed meeting supersedes (``Store.add_meeting(replaces=...)``), e.g. an
# earlier upload of the same meeting; asked just before the meeting is written.
Replaces = Callable[[Meeting], Sequence[str]]


@dataclass(frozen=True)
class Failure:
    file: str
    reason: str


@dataclass(frozen=True)
class ParseWarning:
    """A parsed document that looks misread (``ingest.check``), e.g. no decision on any item."""

    file: str
    warning: str


@dataclass(frozen=True)
class IngestReport:
    """What one run did. ``skipped`` counts files whose content was already indexed;
    ``checks`` are the parse checks of the documents parsed in this run, ``warnings`` theirs."""

    files: int
    meetings: int
    items: int
    chunks: int
    skipped: int
    failed: tuple[Failure, ...] = ()
    seconds: float = 0.0
    checks: tuple[DocumentCheck, ...] = ()

    @property
    def warnings(self) -> tuple[ParseWarning, ...]:
        return tuple(ParseWarning(c.source, w) for c in self.checks for w in c.warnings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "meetings": self.meetings,
            "items": self.items,
            "chunks": self.chunks,
            "skipped": self.skipped,
            "failed": [{"file": f.file, "reason": f.reason} for f in self.failed],
            "seconds": round(self.seconds, 3),
            "warnings": [{"file": w.file, "warning": w.warning} for w in self.warnings],
        }


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files to ingest, in a stable order: given files as they are, folders walked
    recursively for the parsers' suffixes. Raises InputError for a path that does not exist."""
    return _collect(paths, SUFFIXES)


@dataclass
class _Run:
    store: Store
    progress: Progress | None
    batch_chunks: int
    replaces: Replaces | None = None
    queue: list[tuple[Path, Meeting, list[Chunk]]] = field(default_factory=list)
    queued_shas: set[str] = field(default_factory=set)
    meetings: int = 0
    items: int = 0
    chunks: int = 0
    skipped: int = 0
    failed: list[Failure] = field(default_factory=list)
    checks: list[DocumentCheck] = field(default_factory=list)
    _embedder: CachedEmbedder | None = None

    @property
    def embedder(self) -> CachedEmbedder:
        """The store's model behind the passage cache, made on first use (so a run that only
        skips files never loads the model)."""
        if self._embedder is None:
            inner = self.store.embedder
            key = f"{inner.name}|{self.store.settings.embed_backend}|{type(inner).__name__}"
            self._embedder = CachedEmbedder(inner, cache_path(self.store.settings), key)
        return self._embedder

    def tell(self, path: Path, what: str) -> None:
        if self.progress is not None:
            self.progress(path, what)

    def queued(self) -> int:
        return sum(len(cs) for _, _, cs in self.queue)

    def flush(self) -> None:
        """Embed every queued chunk in one call, then write the meetings one by one."""
        if not self.queue:
            return
        texts = [c.text for _, _, cs in self.queue for c in cs]
        vectors = self.embedder.embed_passages(texts) if texts else np.zeros((0, 1), np.float32)
        offset = 0
        for path, meeting, cs in self.queue:
            replaced = self.replaces(meeting) if self.replaces is not None else ()
            n = self.store.add_meeting(meeting, cs, vectors[offset : offset + len(cs)], replaces=replaced)
            offset += len(cs)
            if n == 0 and cs:  # someone else indexed this content meanwhile
                self.skipped += 1
                self.tell(path, "skipped")
                continue
            self.meetings += 1
            self.items += len(meeting.items)
            self.chunks += n
            self.tell(path, "added")
        self.queue.clear()
        self.queued_shas.clear()


def ingest_paths(
    paths: Iterable[str | Path],
    store: Store,
    municipality: str | None = None,
    progress: Progress | None = None,
    *,
    batch_chunks: int = BATCH_CHUNKS,
    replaces: Replaces | None = None,
) -> IngestReport:
    """Ingest files and folders into ``store``; see the module docstring. ``replaces``
    names, for each parsed meeting, other sources it supersedes (the web app's uploads).

    Raises InputError (before doing anything) when a path does not exist, and StoreError or
    ModelError when the store or the model fails (those stop the run: every file would fail).
    """
    from ingest.parse import parse_file  # the parsers load only when there is parsing to do

    t0 = time.perf_counter()
    files = collect_files(paths)
    run = _Run(store, progress, batch_chunks, replaces)
    for path in files:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            run.failed.append(Failure(str(path), f"cannot read: {exc.strerror or exc}"))
            run.tell(path, "failed")
            continue
        sha = hashlib.sha256(raw).hexdigest()
        if sha in run.queued_shas or store.source_of(sha) is not None:
            run.skipped += 1
            run.tell(path, "skipped")
            continue
        try:
            meeting = parse_file(path, municipality)
        except (StoreError, ModelError):
            raise
        except ReferatError as exc:
            run.failed.append(Failure(str(path), str(exc)))
            run.tell(path, "failed")
            continue
        except Exception as exc:  # a parser bug on one odd file must not stop the others
            run.failed.append(Failure(str(path), f"{type(exc).__name__}: {exc}"))
            run.tell(path, "failed")
            continue
        run.checks.append(check_meeting(meeting))
        run.queue.append((path, meeting, chunk_meeting(meeting)))
        run.queued_shas |= {sha, meeting.sha256}
        if run.queued() >= batch_chunks:
            run.flush()
    run.flush()
    if run._embedder is not None:
        run._embedder.close()
    return IngestReport(
        files=len(files),
        meetings=run.meetings,
        items=run.items,
        chunks=run.chunks,
        skipped=run.skipped,
        failed=tuple(run.failed),
        seconds=time.perf_counter() - t0,
        checks=tuple(run.checks),
    )
