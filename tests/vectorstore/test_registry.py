"""Both registries (SQLite for the embedded store, Chroma collections for server mode) keep
the same contract: only complete versions are visible, completion retires older versions,
lookups by case, item, committee and date are exact."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3

import pytest

from tests.vectorstore.minutes import frederikshavn_meeting, greve_meetings
from vectorstore.chroma_registry import ChromaRegistry
from vectorstore.chunking import chunk_meeting
from vectorstore.registry import normalise_case_id
from vectorstore.sqlite_registry import SqliteRegistry


@pytest.fixture(params=["sqlite", "chroma"])
def registry(request, tmp_path):
    if request.param == "sqlite":
        reg = SqliteRegistry(tmp_path / "registry.sqlite3")
    else:
        import chromadb
        from chromadb.config import Settings

        client = chromadb.PersistentClient(path=str(tmp_path / "chroma"), settings=Settings(anonymized_telemetry=False))
        reg = ChromaRegistry(client, "referat")
    yield reg
    reg.close()


def test_pending_is_invisible_until_complete(registry):
    m = frederikshavn_meeting()
    v0 = registry.version()
    registry.begin(m, chunk_meeting(m))
    assert registry.complete_source(m.sha256) is None
    assert registry.items_by_case("EMN-2024-00966") == []
    assert registry.documents() == [] and registry.meeting(m.sha256) is None
    assert registry.item(f"{m.sha256}:5") is None
    assert registry.version() == v0
    registry.complete(m.source, m.sha256)
    assert registry.complete_source(m.sha256) == m.source
    assert registry.version() != v0
    [doc] = registry.documents()
    assert (doc.source, doc.items, doc.chunks, doc.committee) == (
        m.source,
        11,
        len(chunk_meeting(m)),
        "Arbejdsmarkedsudvalget",
    )


def test_round_trip_of_records(registry):
    metas = [frederikshavn_meeting(), *greve_meetings()]
    for m in metas:
        registry.begin(m, chunk_meeting(m))
        registry.complete(m.source, m.sha256)
    for m in metas:
        assert registry.meeting(m.sha256) == m
        for item in m.items:
            assert registry.item(f"{m.sha256}:{item.number}") == item


def test_lookups_by_case_item_committee_and_date(registry):
    fr = frederikshavn_meeting()
    greve = greve_meetings()
    for m in [fr, *greve]:
        registry.begin(m, chunk_meeting(m))
        registry.complete(m.source, m.sha256)
    for asked in ("EMN-2024-00966", "emn-2024-00966", "Sags ID: EMN-2024-00966", " sag EMN-2024-00966"):
        [ref] = registry.items_by_case(asked)
        assert (ref.item_number, ref.case_id, ref.committee) == ("5", "EMN-2024-00966", "Arbejdsmarkedsudvalget")
    # MOS-2024-00185 is on items 1 and 11: both, in agenda order
    assert [r.item_number for r in registry.items_by_case("MOS-2024-00185")] == ["1", "11"]
    [ref] = registry.find_items(item_number="8", committee="arbejdsmarkedsudvalget", meeting_date=dt.date(2024, 3, 6))
    assert ref.case_id == "EMN-2019-01604"
    in_2025 = registry.find_items(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31))
    assert {r.meeting_date.year for r in in_2025} == {2025} and len(in_2025) == sum(
        len(m.items) for m in greve if m.date.year == 2025
    )
    assert registry.find_items(committee="Økonomiudvalget", municipality="greve")
    assert registry.find_items(committee="Økonomiudvalget", municipality="Frederikshavn") == []
    stats = registry.stats()
    assert stats.documents == 4 and stats.items == 11 + sum(len(m.items) for m in greve)
    assert stats.date_from == dt.date(2022, 1, 10) and "Greve" in stats.municipalities


def test_completing_a_new_version_retires_the_old_one(registry):
    old = frederikshavn_meeting()
    new = dataclasses.replace(old, sha256="e" * 64, committee="Beskæftigelsesudvalget")
    registry.begin(old, chunk_meeting(old))
    registry.complete(old.source, old.sha256)
    registry.begin(new, chunk_meeting(new))
    # while the new version is pending, the old one is what readers see
    assert [r.committee for r in registry.items_by_case("EMN-2024-00966")] == ["Arbejdsmarkedsudvalget"]
    assert registry.complete(new.source, new.sha256) == [old.sha256]
    [ref] = registry.items_by_case("EMN-2024-00966")
    assert ref.committee == "Beskæftigelsesudvalget" and ref.source_sha256 == new.sha256
    assert registry.complete_shas([old.sha256, new.sha256]) == {new.sha256}
    assert [d.sha256 for d in registry.documents()] == [new.sha256]


def test_completing_a_version_that_replaces_other_sources_retires_them_at_once(registry):
    old = frederikshavn_meeting()
    other = greve_meetings()[0]
    new = dataclasses.replace(old, sha256="e" * 64, source="/uploads/rettet.txt")
    for m in (old, other):
        registry.begin(m, chunk_meeting(m))
        registry.complete(m.source, m.sha256)
    registry.begin(new, chunk_meeting(new))
    assert registry.complete(new.source, new.sha256, replaces=[old.source]) == [old.sha256]
    assert sorted(d.source for d in registry.documents()) == sorted([new.source, other.source])
    assert [r.source_sha256 for r in registry.items_by_case("EMN-2024-00966")] == [new.sha256]


def test_remove_forgets_every_version(registry):
    m = frederikshavn_meeting()
    registry.begin(m, chunk_meeting(m))
    registry.complete(m.source, m.sha256)
    v = registry.version()
    assert registry.remove(m.source) == [m.sha256]
    assert registry.documents() == [] and registry.items_by_case("EMN-2024-00966") == []
    assert registry.version() != v
    assert registry.remove(m.source) == []


def test_sqlite_keeps_the_chunks_of_complete_versions(tmp_path):
    reg = SqliteRegistry(tmp_path / "r.sqlite3")
    fr, g = frederikshavn_meeting(), greve_meetings()[0]
    for m in (fr, g):
        reg.begin(m, chunk_meeting(m))
    reg.complete(g.source, g.sha256)
    assert sorted(c.id for c in reg.iter_chunks()) == sorted(c.id for c in chunk_meeting(g))
    reg.complete(fr.source, fr.sha256)
    assert {c.id: c for c in reg.iter_chunks()} == {c.id: c for m in (fr, g) for c in chunk_meeting(m)}
    reg.remove(g.source)
    assert {c.ref.source for c in reg.iter_chunks()} == {fr.source}
    reg.close()


def test_sqlite_lookups_use_indexes(tmp_path):
    reg = SqliteRegistry(tmp_path / "r.sqlite3")
    reg.close()
    db = sqlite3.connect(tmp_path / "r.sqlite3")
    for sql in (
        "SELECT * FROM items WHERE case_norm = 'X'",
        "SELECT * FROM items WHERE number = '5' AND meeting_date_int = 20240306",
        "SELECT * FROM items WHERE committee_norm = 'x' AND meeting_date_int >= 20240101",
        "SELECT * FROM items WHERE meeting_date_int BETWEEN 20240101 AND 20241231",
    ):
        plan = " ".join(str(r[-1]) for r in db.execute("EXPLAIN QUERY PLAN " + sql))
        assert "USING INDEX" in plan and "SCAN items" not in plan, (sql, plan)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_normalise_case_id():
    assert normalise_case_id("Sagsnr.: 12/3456") == "12/3456"
    assert normalise_case_id("Sags ID: emn-2024-00966") == "EMN-2024-00966"
    assert normalise_case_id("EMN-2025-003383") == "EMN-2025-003383"
    assert normalise_case_id("sag EMN-2024-00966") == "EMN-2024-00966"
    assert normalise_case_id("SAG-2024-1") == "SAG-2024-1"  # a prefix only when it stands alone


def test_begin_never_downgrades_a_complete_version(registry):
    """Two writers racing on the same content: the second one's begin changes nothing."""
    m = frederikshavn_meeting()
    assert registry.begin(m, chunk_meeting(m))
    registry.complete(m.source, m.sha256)
    assert not registry.begin(m, chunk_meeting(m))
    assert registry.complete_source(m.sha256) == m.source and len(registry.items_by_case("EMN-2024-00966")) == 1


def test_the_backends_are_still_named_by_the_registry_module():
    from vectorstore import registry

    assert registry.SqliteRegistry is SqliteRegistry and registry.ChromaRegistry is ChromaRegistry
    with pytest.raises(AttributeError):
        _ = registry.NoSuchRegistry
