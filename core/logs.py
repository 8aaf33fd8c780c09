"""The console's logging, set up once at an entry point (the ``referat`` CLI) with
``configure(verbose)``; library code only asks ``logging.getLogger(__name__)``.

Quiet (the default): Referat's own warnings and errors, one line each (``referat: ...``, the
exception's name and message instead of a traceback); other libraries' log records only from
ERROR up; Python warnings hidden; native libraries asked to keep their INFO lines to themselves
(see ``is_verbose``). Verbose (``-v``): Referat's debug lines, other libraries' INFO and
Python warnings, with times, logger names and tracebacks.

What reaches the console without Python's logging is handled where it comes from:
sentencepiece's absl lines ("Loading CharsMap ...") in ``vectorstore/e5_convert.py``,
transformers' own handler through ``TRANSFORMERS_VERBOSITY`` (set here, read when transformers
first logs). None of GLOG_minloglevel, TF_CPP_MIN_LOG_LEVEL or ABSL_MIN_LOG_LEVEL silences
sentencepiece 0.2.3, so none is set.

Out of scope: log files and structured logs; the web server's request log (``ui/app.py``
keeps uvicorn quiet).
"""

from __future__ import annotations

import logging
import os
import sys

# Our packages: their records are Referat's own lines (everything else is a third party).
OWN_PACKAGES = ("core", "ingest", "vectorstore", "assistant", "ui", "evals", "referat", "bench")

_verbose = False


def is_verbose() -> bool:
    """Whether the entry point asked for ``--verbose``; adapters of native libraries whose
    chatter bypasses Python's logging (sentencepiece/absl) set their level from it."""
    return _verbose


def is_own(name: str) -> bool:
    """Whether a logger name belongs to Referat (``vectorstore.bm25``: yes; ``bm25s``: no)."""
    return name.split(".", 1)[0] in OWN_PACKAGES


class _Filter(logging.Filter):
    """Our records from ``own_level`` up, every other library's from ``other_level`` up.

    On the handler, not the loggers, because libraries set their own loggers' levels
    (bm25s sets DEBUG on import).
    """

    def __init__(self, own_level: int, other_level: int) -> None:
        super().__init__()
        self.own_level, self.other_level = own_level, other_level

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= (self.own_level if is_own(record.name) else self.other_level)


class _QuietFormatter(logging.Formatter):
    """``referat: message`` for our records, ``referat: logger: message`` for a library's; an
    exception as its name and message, never a traceback."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            message += f" ({type(exc).__name__}: {exc})"
        return f"referat: {message}" if is_own(record.name) else f"referat: {record.name}: {message}"


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the time (pytest and the web app swap it)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property  # type: ignore[override]
    def stream(self):  # type: ignore[no-untyped-def]
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:  # type: ignore[no-untyped-def]
        pass


def configure(verbose: bool = False) -> None:
    """Set up the console once per process (a second call replaces the first).

    Adds one handler to the root logger and leaves other handlers (pytest's) alone; its being
    there also stops a library's bare ``logging.warning(...)`` from installing a handler of
    its own (onnxruntime's quantizer does, and then bm25s's DEBUG lines came through).
    """
    global _verbose
    _verbose = verbose
    root = logging.getLogger()
    for h in [h for h in root.handlers if isinstance(h, _StderrHandler)]:
        root.removeHandler(h)
    handler = _StderrHandler()
    if verbose:
        handler.addFilter(_Filter(logging.DEBUG, logging.INFO))
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%H:%M:%S"))
    else:
        handler.addFilter(_Filter(logging.WARNING, logging.ERROR))
        handler.setFormatter(_QuietFormatter())
    root.addHandler(handler)
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    for name in OWN_PACKAGES:
        logging.getLogger(name).setLevel(logging.DEBUG if verbose else logging.NOTSET)
    # Python warnings (FutureWarning and the like from libraries) become log records of
    # "py.warnings": shown with --verbose, hidden otherwise.
    logging.captureWarnings(True)
    if not verbose:
        # transformers logs through a handler of its own that does not reach the root logger.
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
