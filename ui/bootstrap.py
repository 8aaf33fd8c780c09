"""First start: fill an empty store with the bundled example minutes, so a newcomer can ask.

``Bootstrap.start()`` looks at the store once. If it holds no documents, the files in the
examples folder are ingested one by one in a background thread while the app already serves;
the app shows the progress (``status()``) and questions wait for it (``wait()``). A store that
already holds documents is never touched, and an examples folder that is missing only means no
examples.

Out of scope: uploads (``ui.documents``) and how files are parsed and indexed
(``vectorstore.pipeline``).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

SUFFIXES = (".pdf", ".txt", ".json")


def default_examples_dir() -> Path:
    """``examples/`` at the root of the source tree (beside the ``ui`` package)."""
    return Path(__file__).resolve().parent.parent / "examples"


def example_files(folder: Path | None) -> list[Path]:
    if folder is None or not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)


@dataclass(frozen=True)
class BootstrapStatus:
    state: str  # "idle" (nothing to do), "running", "done" or "failed"
    done: int = 0
    total: int = 0
    items: int = 0
    message: str = ""


class Bootstrap:
    def __init__(self, backend, folder: Path | None) -> None:
        self._backend = backend
        self._files = example_files(folder)
        self._lock = threading.Lock()
        self._finished = threading.Event()
        self._status = BootstrapStatus("idle")
        self._finished.set()

    def status(self) -> BootstrapStatus:
        with self._lock:
            return self._status

    def _set(self, **changes) -> None:
        with self._lock:
            self._status = BootstrapStatus(**{**self._status.__dict__, **changes})

    def start(self, background: bool = True) -> bool:
        """Begin ingesting the examples if the store is empty; True when it began."""
        if not self._files or self._backend.store.documents():
            return False
        self._finished.clear()
        self._set(state="running", done=0, total=len(self._files))
        if background:
            threading.Thread(target=self._run, name="referat-examples", daemon=True).start()
        else:
            self._run()
        return True

    def wait(self, timeout: float | None = None) -> bool:
        return self._finished.wait(timeout)

    def _run(self) -> None:
        from vectorstore.pipeline import ingest_paths

        failures: list[str] = []
        try:
            for i, path in enumerate(self._files, start=1):
                log.info("indlæser eksemplet %s (%d/%d)", path.name, i, len(self._files))
                try:
                    report = ingest_paths([path], self._backend.store)
                    failures.extend(f"{path.name}: {reason}" for reason in _failures(report))
                except Exception as exc:  # one bad example must not keep the others out
                    log.exception("eksemplet %s kunne ikke indlæses", path)
                    failures.append(f"{path.name}: {exc}")
                self._set(done=i)
            items = self._backend.store.stats().items
            self._set(state="failed" if failures and not items else "done", items=items, message="; ".join(failures))
        finally:
            self._finished.set()


def _failures(report) -> list[str]:
    return [f.reason for f in report.failed]
