"""Hybrid retrieval over a real embedded Chroma store: exact lookups, fusion, filters, the BM25
index following the store. The deterministic fake embedder stands in for the model here; the
real model's ranking is tested in ``test_retrieval_integration.py``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.settings import Settings
from ingest.parse import parse_file
from tests.fakes import HashingEmbedder
from vectorstore.records import Filters, ItemHit
from vectorstore.retrieval import EXACT_SCORE, HybridRetriever, Weights, bm25_folder, fuse, open_retriever
from vectorstore.store import Store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FREDERIKSHAVN = FIXTURES / "frederikshavn_arbejdsmarkedsudvalget_2024-03-06_referat.txt"
BALLERUP = FIXTURES / "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04_referat.pdf"
GREVE = sorted((FIXTURES / "greve").glob("*.json"))


class NoEmbedder(HashingEmbedder):
    """Fails if the model is asked for anything: proves a code path needs no embedding."""

    def embed_queries(self, texts):  # type: ignore[no-untyped-def]
        raise AssertionError("the query was embedded")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    home = tmp_path_factory.mktemp("retrieval")
    settings = Settings.from_env({"REFERAT_HOME": str(home)})
    store = Store.open(settings, embedder=HashingEmbedder())
    for path in [FREDERIKSHAVN, BALLERUP, *GREVE]:
        store.add_meeting(parse_file(path))
    yield store
    store.close()


@pytest.fixture(scope="module")
def retriever(store: Store) -> HybridRetriever:
    return open_retriever(store.settings, store=store, embedder=HashingEmbedder())


def top(hits: list[ItemHit]) -> tuple[str, str | None, str]:
    return hits[0].ref.item_number, hits[0].ref.case_id, hits[0].reason


# -- exact lookups -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "number", "case_id"),
    [
        ("EMN-2019-01604", "8", "EMN-2019-01604"),
        ("emn-2024-00966", "5", "EMN-2024-00966"),
        ("Hvad blev der besluttet i sag EMN-2024-00966?", "5", "EMN-2024-00966"),
        ("Sagsnr.: 2012-28504", "2", "2012-28504"),
        ("sag 25-003374", "2", "25-003374"),
    ],
)
def test_a_case_id_finds_its_item_first(retriever: HybridRetriever, query: str, number: str, case_id: str) -> None:
    hits = retriever.retrieve(query, k=5)
    assert top(hits) == (number, case_id, "case_id")
    assert hits[0].score == 1.0
    assert all(h.reason == "hybrid" for h in hits[1:] if h.ref.case_id != case_id)


def test_every_item_of_a_case_comes_first(retriever: HybridRetriever) -> None:
    # Frederikshavn prints the meeting's own case on item 1 and item 11.
    hits = retriever.retrieve("MOS-2024-00185", k=5)
    assert [(h.ref.item_number, h.reason) for h in hits[:2]] == [("1", "case_id"), ("11", "case_id")]
    assert hits[2].reason == "hybrid"


def test_a_bare_case_id_is_found_without_the_model(store: Store) -> None:
    r = open_retriever(store.settings, store=store, embedder=NoEmbedder())
    assert top(r.retrieve("EMN-2019-01604", k=3))[:2] == ("8", "EMN-2019-01604")
    assert top(r.retrieve("sag 2012-28504", k=3))[:2] == ("2", "2012-28504")


def test_an_unknown_case_id_falls_back_to_ranking(retriever: HybridRetriever) -> None:
    hits = retriever.retrieve("EMN-1999-99999", k=3)
    assert hits and all(h.reason == "hybrid" for h in hits)


@pytest.mark.parametrize(
    ("query", "committee", "number"),
    [
        ("punkt 5 den 6. marts 2024", "Arbejdsmarkedsudvalget", "5"),
        ("Hvad står der i pkt. 8 på arbejdsmarkedsudvalgets møde?", "Arbejdsmarkedsudvalget", "8"),
        ("punkt 2 på mødet 25. juni 2025", "Økonomiudvalget", "2"),
        ("punkt 3 i Sundheds- og Forebyggelsesudvalget", "Sundheds- og Forebyggelsesudvalget", "3"),
    ],
)
def test_punkt_n_with_a_meeting_finds_that_item(
    retriever: HybridRetriever, query: str, committee: str, number: str
) -> None:
    hits = retriever.retrieve(query, k=5)
    assert (hits[0].ref.committee, hits[0].ref.item_number, hits[0].reason) == (committee, number, "item")


def test_punkt_n_without_a_meeting_is_not_a_lookup_when_ambiguous(retriever: HybridRetriever) -> None:
    # Six meetings have a punkt 2: without a meeting, no exact lookup claims it.
    assert all(h.reason == "hybrid" for h in retriever.retrieve("punkt 2", k=5))


# -- hybrid ranking ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "number", "case_id"),
    [
        ("Frederikshavnerordningen", "5", "EMN-2024-00966"),
        ("Hvad blev der besluttet om Frederikshavnerordningen?", "5", "EMN-2024-00966"),
        ("rygestopkurser evaluering", "8", "2010-3082"),
        ("Salg af Hundige Bygade", "2", "25-003374"),
    ],
)
def test_topics_rank_their_item_first(retriever: HybridRetriever, query: str, number: str, case_id: str) -> None:
    assert top(retriever.retrieve(query, k=5)) == (number, case_id, "hybrid")


def test_hits_are_whole_items_with_their_own_chunks(retriever: HybridRetriever, store: Store) -> None:
    hits = retriever.retrieve("sygedagpenge og sygemeldte borgere", k=8)
    assert 1 <= len(hits) <= 8
    assert len({h.ref.key for h in hits}) == len(hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    for h in hits:
        assert h.item == store.get_item(h.ref.key)
        assert h.item.number == h.ref.item_number
        assert h.chunks and all(c.ref.key == h.ref.key for c in h.chunks)
        assert all(c.body in h.item.text or not c.body.strip() for c in h.chunks)
        assert h.to_dict()["item_number"] == h.ref.item_number


def test_fusion_by_standardised_scores() -> None:
    """An item one list finds clearly better than everything else (the paraphrase the keywords
    miss) beats items both lists return in the middle; reciprocal rank fusion buries it."""
    dense = {"para": 0.90, **{f"m{i}": 0.80 - i * 0.002 for i in range(30)}}
    bm25 = {f"m{i}": 10.0 - i * 0.1 for i in range(30)}
    z = fuse([(1.0, dense), (1.0, bm25)])
    rrf = fuse([(1.0, dense), (1.0, bm25)], "rrf")
    assert sorted(z, key=z.get, reverse=True)[:2] == ["para", "m0"]
    assert sorted(rrf, key=rrf.get, reverse=True).index("para") > 10
    # Weights count, scores stay below an exact lookup's, an empty list adds nothing.
    heavy = fuse([(1.0, dense), (3.0, bm25)])
    assert max(heavy, key=heavy.get) == "m0"
    assert all(0.0 < x < 0.5 < EXACT_SCORE for x in z.values())
    assert fuse([(1.0, dense), (1.0, {})]).keys() == dense.keys()
    with pytest.raises(ValueError, match="unknown fusion"):
        fuse([(1.0, dense)], "max")
    with pytest.raises(ValueError, match="unknown fusion 'RRF'"):
        Weights(fusion="RRF")


def test_both_fusions_rank_the_topic_first(store: Store) -> None:
    for fusion in ("zscore", "rrf"):
        r = HybridRetriever(store, bm25_folder(store.settings), HashingEmbedder(), weights=Weights(fusion=fusion))
        assert top(r.retrieve("Hvad blev der besluttet om Frederikshavnerordningen?", k=5)) == ("5", "EMN-2024-00966", "hybrid")


def test_a_meeting_ingested_from_two_files_is_retrieved_once(tmp_path: Path) -> None:
    """Ballerup publishes the meeting as eDoc XML beside the PDF; a folder ingest stores both,
    every item twice under two keys. Each agenda item is retrieved once (the better copy)."""
    xml = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "other" / BALLERUP.name.replace(
        "_referat.pdf", "_edoc.xml"
    )
    if not xml.exists():
        pytest.skip("the shared corpus is not beside the repository")
    store = Store.open(Settings.from_env({"REFERAT_HOME": str(tmp_path)}), embedder=HashingEmbedder())
    try:
        for path in (BALLERUP, xml):
            store.add_meeting(parse_file(path))
        assert len(store.items_by_case("2010-3082")) == 2  # both copies are stored
        r = open_retriever(store.settings, store=store, embedder=HashingEmbedder())
        for query in ("rygestopkurser evaluering", "sag 2010-3082", "Sundheds- og Forebyggelsesudvalget december 2012"):
            hits = r.retrieve(query, k=10)
            same = [(h.ref.committee, h.ref.meeting_date, h.ref.item_number, h.ref.case_id) for h in hits]
            assert hits and len(same) == len(set(same)), query
        exact = [h for h in r.retrieve("sag 2010-3082", k=10) if h.reason == "case_id"]
        assert [h.ref.item_number for h in exact] == ["8"]
    finally:
        store.close()


def test_k_and_blank_queries(retriever: HybridRetriever) -> None:
    assert len(retriever.retrieve("udvalget", k=1)) == 1
    assert len(retriever.retrieve("udvalget", k=100)) <= 100
    assert retriever.retrieve("   ", k=5) == []
    with pytest.raises(ValueError, match="k must be"):
        retriever.retrieve("udvalget", k=0)


# -- scope: explicit filters are hard, the question's own scope is soft -------------------------


@pytest.mark.parametrize(
    ("filters", "ok"),
    [
        (Filters(committee="Økonomiudvalget"), lambda r: r.committee == "Økonomiudvalget"),
        (Filters(committee="økonomiudvalget"), lambda r: r.committee == "Økonomiudvalget"),
        (Filters(committee="sundhedsudvalget"), lambda r: r.committee == "Sundheds- og Forebyggelsesudvalget"),
        (Filters(municipality="Greve"), lambda r: r.municipality == "Greve"),
        (Filters(date_from=dt.date(2025, 1, 1)), lambda r: r.meeting_date >= dt.date(2025, 1, 1)),
        (Filters(date_to=dt.date(2022, 12, 31)), lambda r: r.meeting_date <= dt.date(2022, 12, 31)),
        (
            Filters(municipality="Frederikshavn", date_from=dt.date(2024, 3, 6), date_to=dt.date(2024, 3, 6)),
            lambda r: r.municipality == "Frederikshavn",
        ),
    ],
)
def test_explicit_filters_are_hard(retriever: HybridRetriever, filters: Filters, ok) -> None:  # type: ignore[no-untyped-def]
    for query in ("Frederikshavnerordningen", "godkendelse af dagsorden", "EMN-2019-01604", "punkt 2 i marts 2024"):
        hits = retriever.retrieve(query, k=10, filters=filters)
        assert all(ok(h.ref) for h in hits), (query, filters)
    assert retriever.retrieve("dagsorden", k=10, filters=filters)


def test_a_filter_nothing_matches_gives_nothing(retriever: HybridRetriever) -> None:
    assert retriever.retrieve("dagsorden", k=5, filters=Filters(committee="Teknisk Udvalg")) == []
    assert retriever.retrieve("dagsorden", k=5, filters=Filters(date_from=dt.date(2030, 1, 1))) == []


def test_a_committee_named_in_the_question_lifts_its_items(retriever: HybridRetriever) -> None:
    plain = retriever.retrieve("godkendelse af dagsorden", k=10)
    scoped = retriever.retrieve("godkendelse af dagsorden i Økonomiudvalget", k=10)
    assert scoped[0].ref.committee == "Økonomiudvalget"
    assert [h.ref.committee for h in scoped[:2]] == ["Økonomiudvalget", "Økonomiudvalget"]
    assert {h.ref.key for h in plain} & {h.ref.key for h in scoped}


def test_a_month_named_in_the_question_lifts_that_month(retriever: HybridRetriever) -> None:
    hits = retriever.retrieve("godkendelse af dagsorden i juni 2025", k=5)
    assert hits[0].ref.meeting_date == dt.date(2025, 6, 25)
    hits = retriever.retrieve("godkendelse af dagsorden på mødet i december", k=5)
    assert hits[0].ref.meeting_date.month == 12


def test_the_questions_scope_does_not_hide_a_strong_match_elsewhere(retriever: HybridRetriever) -> None:
    # Frederikshavnerordningen was decided by Arbejdsmarkedsudvalget, not Økonomiudvalget; a
    # hard filter would hide it. (This store has only 7 Økonomiudvalget items, all lifted.)
    hits = retriever.retrieve("Hvad besluttede Økonomiudvalget om Frederikshavnerordningen?", k=10)
    assert "EMN-2024-00966" in [h.ref.case_id for h in hits]


def test_explicit_filters_replace_the_questions_own(retriever: HybridRetriever) -> None:
    hits = retriever.retrieve(
        "godkendelse af dagsorden i Økonomiudvalget", k=5, filters=Filters(committee="Social- og Handicapudvalget")
    )
    assert hits and all(h.ref.committee == "Social- og Handicapudvalget" for h in hits)


# -- the BM25 index follows the store ----------------------------------------------------------


def test_the_bm25_index_is_saved_beside_the_store_and_follows_it(tmp_path: Path) -> None:
    settings = Settings.from_env({"REFERAT_HOME": str(tmp_path)})
    store = Store.open(settings, embedder=HashingEmbedder())
    try:
        r = open_retriever(settings, store=store, embedder=HashingEmbedder())
        assert r.retrieve("Frederikshavnerordningen", k=3) == []  # an empty store
        store.add_meeting(parse_file(FREDERIKSHAVN))
        assert top(r.retrieve("Frederikshavnerordningen", k=3))[:2] == ("5", "EMN-2024-00966")
        folder = bm25_folder(settings)
        assert folder == settings.store / "bm25" / settings.collection
        assert (folder / "meta.json").exists()
        built = (folder / "meta.json").stat().st_mtime_ns
        # A new retriever (a new process) loads the saved index instead of rebuilding it.
        again = open_retriever(settings, store=store, embedder=HashingEmbedder())
        assert top(again.retrieve("Frederikshavnerordningen", k=3))[:2] == ("5", "EMN-2024-00966")
        assert (folder / "meta.json").stat().st_mtime_ns == built
        # Adding a meeting changes the store's version: the next search sees the new items.
        store.add_meeting(parse_file(BALLERUP))
        assert top(r.retrieve("rygestopkurser", k=3))[:2] == ("8", "2010-3082")
        store.remove_document(parse_file(FREDERIKSHAVN).source)
        assert all(h.ref.municipality != "Frederikshavn" for h in r.retrieve("Frederikshavnerordningen", k=5))
    finally:
        store.close()


def test_a_chroma_server_gets_its_bm25_index_in_a_cache_folder(tmp_path: Path) -> None:
    a = Settings.from_env({"REFERAT_HOME": str(tmp_path)}, chroma_url="http://10.0.0.5:8000")
    b = a.replace(chroma_url="http://10.0.0.6:8000")
    assert bm25_folder(a).parent == tmp_path / "cache"
    assert bm25_folder(a) != bm25_folder(b)
    assert bm25_folder(a) != bm25_folder(a.replace(collection="other"))


def test_chunks_not_yet_visible_never_reach_the_dense_list(tmp_path: Path) -> None:
    """Half-written twins of a meeting crowd the top of Chroma's answer: the retriever looks
    further and returns only complete documents' items."""
    import dataclasses

    from vectorstore.chunking import chunk_meeting
    from vectorstore.store import _metadata

    settings = Settings.from_env({"REFERAT_HOME": str(tmp_path)})
    emb = HashingEmbedder()
    store = Store.open(settings, embedder=emb)
    try:
        meeting = parse_file(FREDERIKSHAVN)
        store.add_meeting(meeting)
        for n in range(3):
            twin = dataclasses.replace(meeting, source=f"twin{n}.txt", sha256=f"{n}" * 64)
            chunks = chunk_meeting(twin)
            store.registry.begin(twin, chunks)  # never completed
            store._col.upsert(
                ids=[c.id for c in chunks],
                embeddings=emb.embed_passages([c.text for c in chunks]),
                documents=[c.text for c in chunks],
                metadatas=[_metadata(c) for c in chunks],
            )
        retriever = HybridRetriever(store, bm25_folder(settings), emb)
        hits = retriever.retrieve("Frederikshavnerordningen sygedagpenge", k=10)
        assert hits and {h.ref.source_sha256 for h in hits} == {meeting.sha256}
        assert top(hits)[0] in {"5", "3"}
        assert all(c.ref.source_sha256 == meeting.sha256 for h in hits for c in h.chunks)
    finally:
        store.close()
