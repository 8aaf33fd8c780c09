"""A real running web app for the UI tests: a real Chroma store in a tmp folder, the bundled
examples ingested on first start exactly as ``referat serve`` does, the real retriever and
answer chain, served over HTTP on a free loopback port. One app per test session.

The embedder is the deterministic ``HashingEmbedder``: these tests are about the web app, not
retrieval quality (the vectorstore and assistant tests run the real model), and embedding the
examples with the real model would cost minutes on a busy two-core CI machine. The manual
acceptance run and ``bench/load_ui.py`` use the real model.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core.settings import Settings
from tests.fakes import HashingEmbedder

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
FRED_QUESTION = "Hvad blev der besluttet om Frederikshavnerordningen?"


def _serve(home: Path, embedder, *, examples: Path | None, auth: str | None = None):
    from ui.app import build_app, free_port, start
    from vectorstore.store import Store

    settings = Settings.from_env({"REFERAT_HOME": str(home)}, port=free_port(), auth=auth)
    store = Store.open(settings, embedder=embedder)
    demo = build_app(settings, store=store, embedder=embedder, examples_dir=examples)
    app = start(settings, demo, examples=examples is not None)
    return app, store


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory):
    """The app on a fresh store that ingested ``examples/`` on first start."""
    app, store = _serve(tmp_path_factory.mktemp("ui-home"), HashingEmbedder(), examples=EXAMPLES)
    try:
        assert app.backend.bootstrap.wait(300), "the examples were not ingested in time"
        status = app.backend.bootstrap.status()
        assert status.state == "done", status
        yield app
    finally:
        app.close()
        store.close()


@pytest.fixture(scope="session")
def served_with_login(tmp_path_factory: pytest.TempPathFactory):
    """An app with ``auth`` set, on an empty store (no examples)."""
    app, store = _serve(tmp_path_factory.mktemp("ui-auth"), HashingEmbedder(), examples=None, auth="anna:hemmelig:kode")
    try:
        yield app
    finally:
        app.close()
        store.close()
