"""The Documents tab: upload minutes to ingest, list what is ingested, remove a document.

An upload is checked before anything is parsed: its type (.pdf, .txt, .json, .html, .htm,
.xml, and that the bytes match: a PDF starts with ``%PDF``, JSON parses, text is UTF-8) and its size
(``settings.upload_max_mb``). An accepted file is copied into ``<home>/uploads/`` under its
content hash, so the source viewer can keep serving it after Gradio's temporary copy is
gone, and then ingested with the same pipeline as ``referat ingest``. Each file gets its own
result row, whose message is the parse check (``ingest.check``: items, case IDs, decisions,
meeting fields found, warnings); one bad file never stops the others.

Out of scope: parsing and indexing (``vectorstore.pipeline``), serving files (``ui.sources``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from core.errors import InputError
from ui import texts
from ui.backend import Backend

log = logging.getLogger(__name__)

SUFFIXES = (".pdf", ".txt", ".json", ".html", ".htm", ".xml")


@dataclass(frozen=True)
class UploadResult:
    """One row of the upload table."""

    name: str
    status: str  # texts.RESULT_ADDED / RESULT_UNCHANGED / RESULT_FAILED
    items: int = 0
    chunks: int = 0
    message: str = ""

    def row(self) -> list[object]:
        return [self.name, self.status, self.items, self.chunks, self.message]


def check_upload(path: Path, max_mb: int, name: str | None = None) -> None:
    """Raise ``InputError`` (in Danish, naming the file) when ``path`` cannot be ingested."""
    name = name or path.name
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(f"{name}: " + texts.BAD_TYPE.format(suffix=suffix or name))
    size = path.stat().st_size
    if size > max_mb * 1024 * 1024:
        raise InputError(f"{name}: " + texts.TOO_BIG.format(size_mb=size / 1024 / 1024, limit=max_mb))
    if size == 0:
        raise InputError(f"{name}: " + texts.EMPTY_FILE)
    with path.open("rb") as f:
        head = f.read(1024)
    if suffix == ".pdf":
        if not head.lstrip().startswith(b"%PDF"):
            raise InputError(f"{name}: " + texts.NOT_PDF)
        return
    if suffix in (".html", ".htm", ".xml"):
        return  # the readers decode these by their own charset declarations
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{name}: " + texts.NOT_TEXT) from None
    if suffix == ".json":
        try:
            json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}: " + texts.NOT_JSON.format(reason=f"linje {exc.lineno}: {exc.msg}")) from None


def _safe_name(name: str) -> str:
    stem = re.sub(r"[^\w.\-]+", "_", Path(name).name, flags=re.UNICODE).strip("._") or "dokument"
    return stem[-120:]


def keep_upload(backend: Backend, path: Path, name: str) -> Path:
    """Copy an accepted upload to ``<home>/uploads/<sha256 prefix>-<name>`` and return it."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    folder = Path(backend.settings.home) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / f"{digest[:16]}-{_safe_name(name)}"
    if not dest.exists():
        shutil.copyfile(path, dest)
    return dest


def ingest_uploads(
    backend: Backend, paths: Sequence[str | Path], progress: Callable[[int, int, str], None] | None = None
) -> list[UploadResult]:
    """Check, keep and ingest each upload; one result per file, in order."""
    from vectorstore.pipeline import ingest_paths

    results: list[UploadResult] = []
    for i, p in enumerate(paths):
        path = Path(p)
        name = path.name
        if progress:
            progress(i, len(paths), name)
        try:
            check_upload(path, backend.settings.upload_max_mb, name)
            kept = keep_upload(backend, path, name)
            report = ingest_paths([kept], backend.store)
            results.append(result_from_report(name, report))
        except InputError as exc:
            results.append(UploadResult(name, texts.RESULT_FAILED, message=str(exc)))
        except Exception as exc:  # a broken file must not stop the others
            log.exception("upload af %s fejlede", name)
            results.append(UploadResult(name, texts.RESULT_FAILED, message=f"{name}: {exc}"))
    if progress:
        progress(len(paths), len(paths), "")
    return results


def result_from_report(name: str, report) -> UploadResult:
    """One ``IngestReport`` for one file -> its row."""
    if report.failed:
        return UploadResult(name, texts.RESULT_FAILED, message=report.failed[0].reason)
    if report.skipped and not report.chunks:
        return UploadResult(name, texts.RESULT_UNCHANGED)
    message = " ".join(check_message(c) for c in getattr(report, "checks", ()))
    return UploadResult(name, texts.RESULT_ADDED, items=report.items, chunks=report.chunks, message=message)


def check_message(check) -> str:
    """The parse check of one document in Danish (the result row's message)."""
    fields = ", ".join(texts.CHECK_FIELDS[f] for f in check.found) or "intet"
    parts = [
        texts.CHECK_SUMMARY.format(
            items=check.items, case_ids=check.with_case_id, decisions=check.with_decision, fields=fields
        )
    ]
    parts.extend(texts.CHECK_WARNING.format(warning=w) for w in check.warnings)
    return " ".join(parts)


def document_rows(backend: Backend) -> list[list[object]]:
    docs = sorted(backend.store.documents(), key=lambda d: (d.meeting_date, d.committee), reverse=True)
    return [
        [Path(d.source).name, d.municipality or "", d.committee, d.meeting_date.isoformat(), d.items, d.chunks]
        for d in docs
    ]


def document_choices(backend: Backend) -> list[tuple[str, str]]:
    """(label, source) pairs for the remove selector; the value is the registry's source."""
    docs = sorted(backend.store.documents(), key=lambda d: Path(d.source).name)
    return [(f"{Path(d.source).name} ({d.committee}, {d.meeting_date.isoformat()})", d.source) for d in docs]


def summary(backend: Backend) -> str:
    docs = backend.store.documents()
    return texts.DOCUMENTS_SUMMARY.format(
        documents=len(docs), items=sum(d.items for d in docs), chunks=sum(d.chunks for d in docs)
    )


def remove_document(backend: Backend, source: str | None) -> str:
    """Remove a document (only one the store lists) and its chunks; the message says what."""
    if not source:
        raise InputError(texts.REMOVE_NONE)
    known = {d.source for d in backend.store.documents()}
    if source not in known:
        raise InputError(f"{source}: ikke et indlæst dokument.")
    chunks = backend.store.remove_document(source)
    retriever = backend.retriever
    if retriever is not None and hasattr(retriever, "invalidate"):
        retriever.invalidate()
    return texts.REMOVED.format(source=Path(source).name, chunks=chunks)
