"""The Documents tab: upload minutes to ingest, list what is ingested, remove a document.

An upload is checked before anything is parsed: its type (.pdf, .txt, .json, .html, .htm,
.xml, and that the bytes match: a PDF starts with ``%PDF``, JSON parses, text decodes as
``referat ingest`` decodes it, ``ingest.text.decode_text``) and its size
(``settings.upload_max_mb``). An accepted file is copied into ``<home>/uploads/`` under its
content hash and name, so the source viewer can keep serving it after Gradio's temporary copy
is gone, and then ingested with the same pipeline as ``referat ingest``. Each file gets its own
result row, whose message is the parse check (``ingest.check``: items, case IDs, decisions,
meeting fields found, warnings) and what the upload replaced; one bad file never stops the
others.

A document keeps its identity across uploads: an upload replaces every document of the same
meeting (kommune, committee and date) and any earlier upload under the same file name, in one
atomic step (``Store.add_meeting(replaces=...)``); the replaced versions' chunks and kept
files go. After an upload or a removal the retriever's keyword index is refreshed at once.
With ``settings.read_only`` nothing can be uploaded or removed.

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
from ingest.records import Meeting
from ingest.text import decode_text
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
    raw = path.read_bytes()
    if suffix == ".pdf":
        if not raw[:1024].lstrip().startswith(b"%PDF"):
            raise InputError(f"{name}: " + texts.NOT_PDF)
        return
    if suffix in (".html", ".htm", ".xml"):
        return  # the readers decode these by their own charset declarations
    if suffix == ".txt":
        try:
            decode_text(name, raw)  # the reader `referat ingest` uses decides for both
        except InputError:
            raise InputError(f"{name}: " + texts.NOT_TEXT) from None
        return
    try:
        json.loads(raw.decode("utf-8-sig"))  # as ingest.firstagenda reads it
    except UnicodeDecodeError:
        raise InputError(f"{name}: " + texts.NOT_JSON.format(reason="ikke UTF-8")) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: " + texts.NOT_JSON.format(reason=f"linje {exc.lineno}: {exc.msg}")) from None


def _safe_name(name: str) -> str:
    stem = re.sub(r"[^\w.\-]+", "_", Path(name).name, flags=re.UNICODE).strip("._") or "dokument"
    return stem[-120:]


def uploads_folder(backend: Backend) -> Path:
    return Path(backend.settings.home) / "uploads"


_KEPT = re.compile(r"^[0-9a-f]{16}-(?P<name>.+)$")


def keep_upload(backend: Backend, path: Path, name: str) -> Path:
    """Copy an accepted upload to ``<home>/uploads/<sha256 prefix>-<name>`` and return it."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    folder = uploads_folder(backend)
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / f"{digest[:16]}-{_safe_name(name)}"
    if not dest.exists():
        shutil.copyfile(path, dest)
    return dest


def upload_name(backend: Backend, source: str) -> str | None:
    """The (safe) name a document was uploaded under; None for one not uploaded in the app."""
    p = Path(source)
    m = _KEPT.match(p.name)
    return m.group("name") if m and p.parent == uploads_folder(backend) else None


def _meeting_key(municipality: str | None, committee: str, date: object) -> tuple[str, str, object]:
    return ((municipality or "").strip().casefold(), committee.strip().casefold(), date)


def superseded(backend: Backend, meeting: Meeting, name: str) -> list[str]:
    """The documents an upload of ``meeting`` under ``name`` replaces: every document of the
    same meeting (kommune, committee, date), and an earlier upload under the same name."""
    key = _meeting_key(meeting.municipality, meeting.committee, meeting.date)
    safe = _safe_name(name)
    return [
        d.source
        for d in backend.store.documents()
        if d.source != meeting.source
        and (_meeting_key(d.municipality, d.committee, d.meeting_date) == key or upload_name(backend, d.source) == safe)
    ]


def refresh_index(backend: Backend) -> None:
    """Bring the retriever's keyword index up to the store now (when one is open)."""
    if backend.retriever is None:
        return
    try:
        backend.retriever.refresh()
    except Exception:  # the change is stored; the next search refreshes (and reports) again
        log.warning("could not refresh the keyword index after a change", exc_info=True)


def _check_writable(backend: Backend) -> None:
    if backend.settings.read_only:
        raise InputError(texts.READ_ONLY)


def ingest_uploads(
    backend: Backend, paths: Sequence[str | Path], progress: Callable[[int, int, str], None] | None = None
) -> list[UploadResult]:
    """Check, keep and ingest each upload; one result per file, in order."""
    from vectorstore.pipeline import ingest_paths

    _check_writable(backend)
    results: list[UploadResult] = []
    for i, p in enumerate(paths):
        path = Path(p)
        name = path.name
        if progress:
            progress(i, len(paths), name)
        try:
            check_upload(path, backend.settings.upload_max_mb, name)
            kept = keep_upload(backend, path, name)
            replaced: list[str] = []

            def replaces(meeting: Meeting, name: str = name, replaced: list[str] = replaced) -> list[str]:
                replaced[:] = superseded(backend, meeting, name)
                return replaced

            report = ingest_paths([kept], backend.store, replaces=replaces)
            if report.meetings:
                _discard_kept(backend, replaced)
            else:
                replaced.clear()
                if backend.store.source_of(hashlib.sha256(kept.read_bytes()).hexdigest()) != str(kept):
                    kept.unlink(missing_ok=True)  # failed, or the same content is indexed under another name
            results.append(result_from_report(name, report, replaced))
        except InputError as exc:
            results.append(UploadResult(name, texts.RESULT_FAILED, message=str(exc)))
        except Exception as exc:  # a broken file must not stop the others
            log.exception("upload af %s fejlede", name)
            results.append(UploadResult(name, texts.RESULT_FAILED, message=f"{name}: {exc}"))
    if any(r.status == texts.RESULT_ADDED for r in results):
        refresh_index(backend)
    if progress:
        progress(len(paths), len(paths), "")
    return results


def _discard_kept(backend: Backend, sources: Sequence[str]) -> None:
    """Delete the kept files of replaced uploads (never a file outside the uploads folder)."""
    for source in sources:
        if upload_name(backend, source) is not None:
            Path(source).unlink(missing_ok=True)


def result_from_report(name: str, report, replaced: Sequence[str] = ()) -> UploadResult:
    """One ``IngestReport`` for one file -> its row (naming the documents it replaced)."""
    if report.failed:
        return UploadResult(name, texts.RESULT_FAILED, message=report.failed[0].reason)
    if report.skipped and not report.chunks:
        return UploadResult(name, texts.RESULT_UNCHANGED)
    message = " ".join(check_message(c) for c in getattr(report, "checks", ()))
    if replaced:
        message = " ".join(filter(None, [message, texts.REPLACED.format(names=", ".join(map(_shown_name, replaced)))]))
    return UploadResult(name, texts.RESULT_ADDED, items=report.items, chunks=report.chunks, message=message)


def _shown_name(source: str) -> str:
    m = _KEPT.match(Path(source).name)
    return m.group("name") if m else Path(source).name


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
    _check_writable(backend)
    if not source:
        raise InputError(texts.REMOVE_NONE)
    known = {d.source for d in backend.store.documents()}
    if source not in known:
        raise InputError(f"{source}: ikke et indlæst dokument.")
    chunks = backend.store.remove_document(source)
    _discard_kept(backend, [source])
    refresh_index(backend)
    return texts.REMOVED.format(source=_shown_name(source), chunks=chunks)
