"""Fixtures for the store's tests: a real embedded Chroma store in tmp_path with the
deterministic fake embedder (the real model runs in tests marked ``integration``)."""

from __future__ import annotations

import pytest

from tests.fakes import HashingEmbedder


@pytest.fixture
def fake_store(settings):
    from vectorstore.store import Store

    store = Store.open(settings, embedder=HashingEmbedder())
    yield store
    store.close()
