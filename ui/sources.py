"""The route that serves ingested source documents: ``GET /kilde/<sha256>``.

The only way in is the sha256 of a document that the store lists as completely ingested; the
file path comes from the store's registry, never from the request, so no path a user types
can reach the disk (no path traversal). The file must still hash to that sha256, so a file
changed or replaced since ingestion is not served under the old identity either.

PDFs are served inline (the viewer opens them at ``#page=N``); text and FirstAgenda JSON
sources are served as UTF-8 plain text, to be read in the browser.

Out of scope: authentication itself (the app passes ``is_allowed``, which checks Gradio's
login) and finding which item a page belongs to.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, PlainTextResponse, Response

from ui.render import SOURCE_ROUTE

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_TEXT_TYPES = {".txt": "text/plain; charset=utf-8", ".json": "text/plain; charset=utf-8"}


class _HashCache:
    """sha256 of files keyed by (path, size, mtime), so a PDF is hashed once, not per request."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._hashes: dict[tuple[str, int, int], str] = {}

    def sha256(self, path: Path) -> str:
        st = path.stat()
        key = (str(path), st.st_size, st.st_mtime_ns)
        with self._lock:
            if key in self._hashes:
                return self._hashes[key]
        h = hashlib.sha256()
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        digest = h.hexdigest()
        with self._lock:
            self._hashes[key] = digest
        return digest


def resolve_source(store, sha256: str, hashes: _HashCache | None = None) -> Path | None:
    """The file ingested with this sha256, if it is in the store and still has that content."""
    if not _SHA256.match(sha256):
        return None
    source = store.source_of(sha256)
    if not source:
        return None
    path = Path(source).expanduser()
    try:
        if not path.is_file():
            return None
        if (hashes or _HashCache()).sha256(path) != sha256:
            return None
    except OSError:
        return None
    return path


def source_router(store, is_allowed: Callable[[Request], bool]) -> APIRouter:
    """``GET/HEAD /kilde/{sha256}`` for the documents in ``store``."""
    router = APIRouter()
    hashes = _HashCache()

    @router.api_route(SOURCE_ROUTE + "/{sha256}", methods=["GET", "HEAD"])
    def serve_source(sha256: str, request: Request) -> Response:
        if not is_allowed(request):
            raise HTTPException(status_code=401, detail="Log ind først.")
        path = resolve_source(store, sha256.lower(), hashes)
        if path is None:
            raise HTTPException(status_code=404, detail="Intet indlæst dokument har den identitet.")
        suffix = path.suffix.lower()
        if suffix in _TEXT_TYPES:
            text = path.read_bytes().decode("utf-8", errors="replace")
            return PlainTextResponse(text, media_type=_TEXT_TYPES[suffix])
        media = "application/pdf" if suffix == ".pdf" else "application/octet-stream"
        return FileResponse(path, media_type=media, content_disposition_type="inline", filename=path.name)

    return router
