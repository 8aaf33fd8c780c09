"""Fixtures for the eval tests: a temporary store holding the Frederikshavn meeting."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.settings import Settings
from tests.fakes import HashingEmbedder

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FREDERIKSHAVN = FIXTURES / "frederikshavn_arbejdsmarkedsudvalget_2024-03-06_referat.txt"


@pytest.fixture(scope="module")
def fake_frederikshavn_store(tmp_path_factory: pytest.TempPathFactory):
    """The Frederikshavn meeting in a temp store, embedded with the deterministic fake embedder."""
    from vectorstore.pipeline import ingest_paths
    from vectorstore.store import Store

    home = tmp_path_factory.mktemp("evalhome")
    settings = Settings.from_env({"REFERAT_HOME": str(home)})
    embedder = HashingEmbedder()
    store = Store.open(settings, embedder=embedder)
    report = ingest_paths([FREDERIKSHAVN], store)
    assert store.stats().items == 11, report
    yield settings, store, embedder
    store.close()
