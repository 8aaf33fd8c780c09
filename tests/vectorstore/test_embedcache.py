"""The passage cache: a re-ingest into a new store embeds nothing already embedded, a changed
document costs only its changed chunks, and a damaged cache file only costs speed."""

from __future__ import annotations

import shutil

import numpy as np

from tests.vectorstore.minutes import FREDERIKSHAVN_TXT
from tests.vectorstore.test_pipeline import CountingEmbedder
from vectorstore.embedcache import CachedEmbedder, cache_path
from vectorstore.pipeline import ingest_paths
from vectorstore.store import Store


def _ingest(settings, store_dir, files):
    emb = CountingEmbedder()
    with Store.open(settings.replace(store=store_dir), embedder=emb) as store:
        report = ingest_paths(files, store)
        stored = store.chunk_count()
    return report, sum(emb.calls), stored


def test_a_second_store_reuses_every_vector_and_an_edit_costs_only_its_chunks(settings, tmp_path):
    src = tmp_path / "amu.txt"
    shutil.copy(FREDERIKSHAVN_TXT, src)
    first, embedded, stored = _ingest(settings, tmp_path / "s1", [src])
    assert embedded == first.chunks == stored > 10

    again, embedded, stored = _ingest(settings, tmp_path / "s2", [src])
    assert again.chunks == first.chunks == stored and embedded == 0

    text = src.read_text(encoding="utf-8")
    src.write_text(text.replace("Frederikshavnerordningen afskaffes", "Frederikshavnerordningen bevares"), encoding="utf-8")
    edited, embedded, _ = _ingest(settings, tmp_path / "s2", [src])
    assert edited.meetings == 1 and 0 < embedded < edited.chunks / 3


def test_cached_vectors_equal_fresh_ones(settings, tmp_path):
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, cache_path(settings), "k")
    texts = ["Byrådet godkendte budgettet.", "Udvalget tog orienteringen til efterretning."]
    fresh = inner.embed_passages(texts)
    assert np.allclose(cached.embed_passages(texts), fresh)
    assert np.allclose(cached.embed_passages(texts[::-1]), fresh[::-1])
    assert cached.hits == 2 and cached.misses == 2


def test_a_damaged_cache_file_only_costs_speed(settings, tmp_path):
    path = cache_path(settings)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a sqlite database" * 100)
    report, embedded, stored = _ingest(settings, tmp_path / "s", [FREDERIKSHAVN_TXT])
    assert report.failed == () and embedded == report.chunks == stored
