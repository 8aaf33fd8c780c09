"""The store on a real embedded Chroma in tmp_path, with the fake embedder: records survive a
round trip, adding is idempotent, a changed document replaces its chunks, removal removes,
half-written versions stay invisible, and unusable paths or servers give a clear error."""

from __future__ import annotations

import dataclasses
import datetime as dt
import socket

import pytest

from core.errors import StoreError
from tests.fakes import HashingEmbedder
from tests.vectorstore.minutes import FREDERIKSHAVN_TXT, frederikshavn_meeting, greve_meetings
from vectorstore.chunking import chunk_meeting
from vectorstore.records import Filters
from vectorstore.store import Store, _metadata

EMB = HashingEmbedder()


def _search(store: Store, query: str, k: int = 5, **filters):
    return store.dense_search(EMB.embed_queries([query])[0], k, Filters(**filters))


def test_records_survive_a_round_trip(fake_store):
    fr, greve = frederikshavn_meeting(), greve_meetings()
    for m in [fr, *greve]:
        assert fake_store.add_meeting(m) == len(chunk_meeting(m))
    for m in [fr, *greve]:
        assert fake_store.get_meeting(m.sha256) == m
        for item in m.items:
            assert fake_store.get_item(f"{m.sha256}:{item.number}") == item
    # chunks come back exactly as they went in
    made = {c.id: c for m in [fr, *greve] for c in chunk_meeting(m)}
    assert {c.id: c for c in fake_store.iter_chunks()} == made  # from the registry's copy
    assert {c.id: c for c in fake_store._iter_chroma_chunks()} == made  # from Chroma (server mode)
    with pytest.raises(KeyError):
        fake_store.get_item("nope:1")


def test_search_lookups_and_filters(fake_store):
    fr = frederikshavn_meeting()
    fake_store.add_meeting(fr)
    for m in greve_meetings():
        fake_store.add_meeting(m)
    top, score = _search(fake_store, "Beslutning om Frederikshavnerordningen")[0]
    assert top.ref.item_number == "5" and top.ref.case_id == "EMN-2024-00966" and 0 < score <= 1
    assert top.text.endswith(top.body) and top.body in fr.item("5").text
    assert [r.item_number for r in fake_store.items_by_case("Sags ID: emn-2019-01604")] == ["8"]
    [ref] = fake_store.find_items(item_number="5", meeting_date=dt.date(2024, 3, 6))
    assert ref.key == f"{fr.sha256}:5"
    # filters narrow the dense search
    only_greve = _search(fake_store, "Frederikshavnerordningen", k=20, municipality="greve")
    assert only_greve and {c.ref.municipality for c, _ in only_greve} == {"Greve"}
    assert {c.ref.committee for c, _ in _search(fake_store, "budget", k=50, committee="økonomiudvalget")} == {
        "Økonomiudvalget"
    }
    in_2022 = _search(fake_store, "budget", k=50, date_from=dt.date(2022, 1, 1), date_to=dt.date(2022, 12, 31))
    assert in_2022 and {c.ref.meeting_date.year for c, _ in in_2022} == {2022}
    assert fake_store.committees() == ["Arbejdsmarkedsudvalget", "Social- og Handicapudvalget", "Økonomiudvalget"]
    assert fake_store.municipalities() == ["Frederikshavn", "Greve"]


def test_adding_three_times_leaves_the_chunks_of_one(fake_store):
    m = frederikshavn_meeting()
    n = fake_store.add_meeting(m)
    v = fake_store.version()
    assert fake_store.add_meeting(m) == 0 and fake_store.add_meeting(m) == 0
    assert fake_store.chunk_count() == n == len(list(fake_store.iter_chunks()))
    assert fake_store.version() == v
    assert len(fake_store.documents()) == 1 and fake_store.has_document(m.source, m.sha256)


def test_a_changed_document_replaces_its_chunks(fake_store):
    text = FREDERIKSHAVN_TXT.read_text(encoding="utf-8")
    old = frederikshavn_meeting(text)
    fake_store.add_meeting(old)
    v = fake_store.version()
    changed = text.replace("Frederikshavnerordningen", "Skagensordningen")
    new = frederikshavn_meeting(changed)
    assert new.source == old.source and new.sha256 != old.sha256
    n = fake_store.add_meeting(new)
    assert fake_store.version() != v
    assert fake_store.chunk_count() == n  # no stale chunk is left in Chroma at all
    assert not fake_store.has_document(old.source, old.sha256) and fake_store.has_document(new.source, new.sha256)
    hits = _search(fake_store, "Frederikshavnerordningen", k=n)
    assert hits and all(c.ref.source_sha256 == new.sha256 for c, _ in hits)
    assert not any("Frederikshavnerordningen" in c.text for c in fake_store.iter_chunks())
    [ref] = fake_store.items_by_case("EMN-2024-00966")
    assert ref.source_sha256 == new.sha256 and "Skagensordningen" in ref.title
    with pytest.raises(KeyError):
        fake_store.get_meeting(old.sha256)


def test_a_pending_version_is_invisible(fake_store):
    """What a crash between writing chunks and completing leaves behind: nothing visible."""
    m = frederikshavn_meeting()
    chunks = chunk_meeting(m)
    fake_store.registry.begin(m, chunks)
    fake_store._col.upsert(
        ids=[c.id for c in chunks],
        embeddings=EMB.embed_passages([c.text for c in chunks]),
        documents=[c.text for c in chunks],
        metadatas=[_metadata(c) for c in chunks],
    )
    assert fake_store.chunk_count() == len(chunks)
    assert _search(fake_store, "Frederikshavnerordningen") == []
    assert list(fake_store.iter_chunks()) == [] and fake_store.items_by_case("EMN-2024-00966") == []
    assert fake_store.stats().chunks == 0 and not fake_store.has_document(m.source, m.sha256)
    # the next add completes it
    assert fake_store.add_meeting(m) == len(chunks)
    assert fake_store.chunk_count() == len(chunks) and _search(fake_store, "Frederikshavnerordningen")


def test_remove_document_removes_its_chunks(fake_store):
    fr, g = frederikshavn_meeting(), greve_meetings()[0]
    n = fake_store.add_meeting(fr)
    k = fake_store.add_meeting(g)
    assert fake_store.remove_document(fr.source) == n
    assert fake_store.chunk_count() == k
    assert all(c.ref.source == g.source for c, _ in _search(fake_store, "Frederikshavnerordningen", k=50))
    assert fake_store.items_by_case("EMN-2024-00966") == []
    assert [d.source for d in fake_store.documents()] == [g.source]
    assert fake_store.remove_document(fr.source) == 0


def test_same_content_under_another_name_is_not_indexed_twice(fake_store):
    m = frederikshavn_meeting()
    fake_store.add_meeting(m)
    assert fake_store.add_meeting(dataclasses.replace(m, source="copy.txt")) == 0
    assert fake_store.source_of(m.sha256) == m.source and len(fake_store.documents()) == 1


def test_stats(fake_store):
    assert fake_store.stats().documents == 0 and fake_store.stats().date_from is None
    fr = frederikshavn_meeting()
    n = fake_store.add_meeting(fr)
    s = fake_store.stats()
    assert (s.documents, s.meetings, s.items, s.chunks) == (1, 1, 11, n)
    assert s.to_dict()["date_from"] == "2024-03-06" and s.to_dict()["committees"] == ["Arbejdsmarkedsudvalget"]


def test_unusable_store_path_names_the_path(settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="a-file"):
        Store.open(settings.replace(store=blocker / "store"), embedder=EMB)


def test_unreachable_server_names_the_url(settings):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once closed
    url = f"http://127.0.0.1:{port}"
    with pytest.raises(StoreError, match=f"127.0.0.1:{port}"):
        Store.open(settings.replace(chroma_url=url), embedder=EMB)


def test_the_embedder_loads_lazily(settings, monkeypatch):
    import vectorstore.embedding

    calls = []

    def fake_load(s):
        calls.append(s)
        return EMB

    monkeypatch.setattr(vectorstore.embedding, "load_embedder", fake_load)
    store = Store.open(settings)
    assert calls == [] and store.stats().documents == 0  # reading never loads the model
    store.add_meeting(greve_meetings()[0])
    assert len(calls) == 1


def test_committee_names_follow_the_content(fake_store):
    assert fake_store.committees() == [] and fake_store.municipalities() == []
    fr = frederikshavn_meeting()
    fake_store.add_meeting(fr)
    assert fake_store.committees() == ["Arbejdsmarkedsudvalget"]
    fake_store.add_meeting(greve_meetings()[0])
    assert fake_store.committees() == ["Arbejdsmarkedsudvalget", "Økonomiudvalget"]
    fake_store.remove_document(fr.source)
    assert fake_store.committees() == ["Økonomiudvalget"] and fake_store.municipalities() == ["Greve"]


def test_search_looks_further_when_invisible_chunks_crowd_the_top(fake_store):
    m = frederikshavn_meeting()
    fake_store.add_meeting(m)
    twin = dataclasses.replace(m, source="twin.txt", sha256="c" * 64)  # same texts, never completed
    chunks = chunk_meeting(twin)
    fake_store.registry.begin(twin, chunks)
    fake_store._col.upsert(
        ids=[c.id for c in chunks],
        embeddings=EMB.embed_passages([c.text for c in chunks]),
        documents=[c.text for c in chunks],
        metadatas=[_metadata(c) for c in chunks],
    )
    hits = _search(fake_store, "Frederikshavnerordningen sygedagpenge", k=30)
    assert len(hits) == 30 and {c.ref.source_sha256 for c, _ in hits} == {m.sha256}


def test_dense_ids_are_the_same_neighbours_without_the_records(fake_store):
    fake_store.add_meeting(frederikshavn_meeting())
    q = EMB.embed_queries(["Frederikshavnerordningen sygedagpenge"])[0]
    full = fake_store.dense_search(q, 10, Filters())
    ids = fake_store.dense_ids(q, 10)
    assert len(full) == 10
    assert [c.id for c, _ in full] == [i for i, _ in ids]
    assert [s for _, s in full] == pytest.approx([s for _, s in ids])
    assert fake_store.dense_ids(q, 10, Filters(municipality="Greve")) == []
    assert fake_store.dense_ids(q, 0) == []
    # more than the collection holds: all of it, no error
    assert len(fake_store.dense_ids(q, 10_000)) == fake_store.chunk_count()


def test_the_chunk_graph_is_built_dense_and_searched_broadly(settings):
    """A new store gets the denser graph; an existing store built with Chroma's defaults is
    searched with the configured breadth from the next open on (bench/dense_recall.py shows
    what the default breadth misses on real minutes)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from vectorstore.store import HNSW_BUILD

    old = dataclasses.replace(settings, store=settings.home / "old")
    client = chromadb.PersistentClient(
        path=str(old.store / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    client.get_or_create_collection(old.collection, embedding_function=None, configuration={"hnsw": {"space": "cosine"}})
    assert client.get_collection(old.collection).configuration["hnsw"]["ef_search"] == 100  # Chroma's default

    with Store.open(dataclasses.replace(old, hnsw_ef_search=777), embedder=EMB) as store:
        assert store._col.configuration["hnsw"]["ef_search"] == 777
        store.add_meeting(frederikshavn_meeting())
        q = EMB.embed_queries(["Frederikshavnerordningen"])[0]
        assert store.dense_ids(q, 5)  # searches with the changed setting
    with Store.open(settings, embedder=EMB) as store:
        hnsw = store._col.configuration["hnsw"]
        assert {k: hnsw[k] for k in HNSW_BUILD} == HNSW_BUILD
        assert hnsw["ef_search"] == settings.hnsw_ef_search == 1000


def test_a_search_breadth_below_one_is_refused(settings):
    from core.errors import ConfigError
    from core.settings import Settings

    with pytest.raises(ConfigError, match="REFERAT_HNSW_EF_SEARCH"):
        Settings.from_env({"REFERAT_HOME": str(settings.home), "REFERAT_HNSW_EF_SEARCH": "0"})
