"""A party named in a question is found by its letter in the vote, not as a word of the item.

``tests/fixtures/greve_votes/`` are three real Greve FirstAgenda meetings cut down to their
agenda approval and the items of sag 24-011471 (revised quality standards for the specialised
adult social area: Social- og Handicapudvalget 18 November 2024 -> Økonomiudvalget 27 November
-> Byrådet 11 December 2024, where "Imod stemte: F med bemærkning om, at sagsbehandlingstiderne
på handicapområdet er alt for lange i forvejen."); nothing else is changed. Real parser, real
Chroma store, the hybrid retriever and multilingual-e5-small.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core.settings import Settings

pytestmark = pytest.mark.integration

VOTES = Path(__file__).resolve().parents[1] / "fixtures" / "greve_votes"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, model_dir, real_embedder):
    from vectorstore.pipeline import ingest_paths
    from vectorstore.retrieval import open_retriever
    from vectorstore.store import Store

    settings = Settings.from_env({"REFERAT_HOME": str(tmp_path_factory.mktemp("votes-home"))}, model_dir=model_dir)
    store = Store.open(settings, embedder=real_embedder)
    ingest_paths([VOTES], store)
    retriever = open_retriever(settings, store=store, embedder=real_embedder)
    yield settings, retriever
    store.close()


@pytest.mark.parametrize(
    "question",
    [
        # "SF" and "vote" (-> "stemme") are no words of the item: it writes "Imod stemte: F".
        # These four were refused while the confidence counted them as missing words.
        "Why did SF vote against the revised quality standards?",
        "Why did SF vote against the quality standards in December 2024?",
        "What did SF say when it voted against the quality standards?",
        "Hvad var SF's begrundelse for at stemme imod kvalitetsstandarderne?",
        "Hvorfor stemte SF imod de reviderede kvalitetsstandarder?",
        "Hvorfor var SF imod kvalitetsstandarderne for voksne med handicap?",
    ],
)
def test_why_a_party_voted_against_is_answered_from_its_vote(world, question: str) -> None:
    from assistant.chain import answer_question

    settings, retriever = world
    a = answer_question(question, retriever=retriever, settings=settings, embedder=retriever.embedder)
    assert not a.refused, a.text
    first = a.citations[0].ref
    assert (first.meeting_date.isoformat(), first.item_number) == ("2024-12-11", "18")
    assert "sagsbehandlingstiderne på handicapområdet er alt for lange" in a.text


def test_a_party_that_did_not_vote_against_is_not_said_to(world) -> None:
    from assistant.chain import answer_question

    settings, retriever = world
    a = answer_question(
        "Why did Venstre vote against the revised quality standards?",
        retriever=retriever,
        settings=settings,
        embedder=retriever.embedder,
    )
    assert a.refused or "Venstre (V) voted against" not in a.text, a.text
