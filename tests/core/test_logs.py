"""The console's logging (core/logs.py): quiet by default, our lines only; ``verbose`` adds
our debug lines and other libraries' INFO.

The end-to-end check, a first ``referat serve`` on a fresh model folder printing only
Referat's lines, is in tests/ui/test_serve_cli.py.
"""

from __future__ import annotations

import logging
import os
import warnings
from collections.abc import Iterator

import pytest

from core import logs


@pytest.fixture(autouse=True)
def restore_logging(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # configure() sets TRANSFORMERS_VERBOSITY when quiet; setenv first so that monkeypatch
    # restores the variable's absence afterwards.
    monkeypatch.setenv("TRANSFORMERS_VERBOSITY", "")
    monkeypatch.delenv("TRANSFORMERS_VERBOSITY")
    monkeypatch.setattr(logs, "_verbose", logs.is_verbose())
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    own = {name: logging.getLogger(name).level for name in logs.OWN_PACKAGES}
    yield
    for h in root.handlers:
        if h not in handlers:
            root.removeHandler(h)
    root.setLevel(level)
    for name, lvl in own.items():
        logging.getLogger(name).setLevel(lvl)
    logging.captureWarnings(False)


def _chatty_library() -> logging.Logger:
    # like bm25s, which sets DEBUG on its own logger when imported
    lib = logging.getLogger("somelib")
    lib.setLevel(logging.DEBUG)
    return lib


def test_quiet_prints_only_our_warnings_one_line_each(capsys: pytest.CaptureFixture[str]) -> None:
    logs.configure(verbose=False)
    own = logging.getLogger("vectorstore.bm25")
    own.debug("debug line")
    own.info("info line")
    own.warning("søgeindekset i %s kan ikke læses", "/tmp/x")
    try:
        raise ValueError("bad bytes")
    except ValueError:
        logging.getLogger("ui.chat").exception("spørgsmålet fejlede")
    lib = _chatty_library()
    lib.debug("Building index from tokens")
    lib.warning("a library's warning")
    logging.warning("a bare root warning")  # onnxruntime's quantizer does this
    lib.error("a library's error")
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.warn("deprecated thing", FutureWarning, stacklevel=1)
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "referat: søgeindekset i /tmp/x kan ikke læses",
        "referat: spørgsmålet fejlede (ValueError: bad bytes)",
        "referat: somelib: a library's error",
    ]
    assert not logs.is_verbose()
    assert os.environ["TRANSFORMERS_VERBOSITY"] == "error"


def test_a_bare_root_warning_installs_no_second_handler() -> None:
    # Before: onnxruntime's logging.warning() ran basicConfig, and bm25s's DEBUG lines came out.
    logs.configure(verbose=False)
    before = list(logging.getLogger().handlers)
    logging.warning("a bare root warning")
    assert logging.getLogger().handlers == before


def test_verbose_adds_our_debug_and_library_info(capsys: pytest.CaptureFixture[str]) -> None:
    logs.configure(verbose=True)
    logging.getLogger("assistant.chain").debug("answer mode grounded")
    lib = _chatty_library()
    lib.debug("Building index from tokens")
    lib.info("a library's info")
    try:
        raise ValueError("bad bytes")
    except ValueError:
        logging.getLogger("ui.chat").exception("spørgsmålet fejlede")
    err = capsys.readouterr().err
    assert "DEBUG assistant.chain: answer mode grounded" in err
    assert "INFO somelib: a library's info" in err
    assert "Building index" not in err
    assert "Traceback" in err and "ValueError: bad bytes" in err
    assert logs.is_verbose()


def test_configuring_twice_keeps_one_handler(capsys: pytest.CaptureFixture[str]) -> None:
    logs.configure(verbose=True)
    logs.configure(verbose=False)
    logging.getLogger("ingest.pdf").warning("once")
    assert capsys.readouterr().err == "referat: once\n"


def test_own_and_third_party_names() -> None:
    assert logs.is_own("vectorstore.bm25") and logs.is_own("referat") and logs.is_own("core.logs")
    assert not logs.is_own("bm25s") and not logs.is_own("root") and not logs.is_own("coreutils")
