"""Ingest end to end with the real parser and the real multilingual-e5-small model."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.vectorstore.minutes import FREDERIKSHAVN_TXT, GREVE_JSON
from vectorstore.records import Filters

pytestmark = pytest.mark.integration


def test_referat_ingest_command_with_the_real_model(cli_env, referat_cmd, real_embedder):
    small = min(GREVE_JSON, key=lambda p: p.stat().st_size)  # the model load dominates; keep input small
    cmd = [*referat_cmd, "ingest", str(small), "--json"]
    proc = subprocess.run(cmd, env=cli_env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    first = json.loads(proc.stdout)
    assert first["meetings"] == 1 and first["chunks"] > 0 and first["failed"] == []
    proc = subprocess.run(cmd, env=cli_env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0 and json.loads(proc.stdout)["skipped"] == 1
    proc = subprocess.run([*referat_cmd, "stats", "--json"], env=cli_env, capture_output=True, text=True, timeout=600)
    assert json.loads(proc.stdout)["chunks"] == first["chunks"]


def test_dense_search_with_the_real_model_finds_the_item(settings, real_embedder):
    from vectorstore.pipeline import ingest_paths
    from vectorstore.store import Store

    store = Store.open(settings, embedder=real_embedder)
    report = ingest_paths([FREDERIKSHAVN_TXT], store)
    assert report.meetings == 1 and store.stats().chunks == report.chunks == store.chunk_count()

    def top_items(query: str, k: int = 3) -> list[str]:
        hits = store.dense_search(real_embedder.embed_queries([query])[0], 20, Filters())
        seen: list[str] = []
        for c, _ in hits:
            if c.ref.item_number not in seen:
                seen.append(c.ref.item_number)
        return seen[:k]

    assert top_items("Frederikshavnerordningen")[0] == "5"
    assert "3" in top_items("hjælp til sygemeldte borgere")  # paraphrase of sygedagpenge
    store.close()
