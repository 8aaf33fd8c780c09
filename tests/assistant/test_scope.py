"""The scope a question names (committee, kommune, year) narrows the search; it does not make
an item answer (``assistant.chain.beyond_scope``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.chain import answer_question, beyond_scope
from assistant.question import analyse
from core.settings import Settings
from ingest.parse import parse_file
from tests.assistant.conftest import TinyRetriever

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[TinyRetriever, Settings]:
    settings = Settings.from_env({"REFERAT_HOME": str(tmp_path_factory.mktemp("home"))})
    meetings = [
        parse_file(FIXTURES / "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04_referat.pdf"),
        parse_file(FIXTURES / "frederikshavn_arbejdsmarkedsudvalget_2024-03-06_referat.txt"),
    ]
    return TinyRetriever(meetings), settings


def ask(world, q: str):  # type: ignore[no-untyped-def]
    retriever, settings = world
    return answer_question(q, retriever=retriever, settings=settings, embedder=retriever.embedder)


def test_the_scope_s_words_do_not_make_an_item_answer(world) -> None:
    """Ballerup's committee, its kommune and a year are the question's scope: the Ballerup
    meeting covers them whatever it holds, so they must not carry an answer about a matter it
    never mentions (before, such a question was answered from an unrelated item)."""
    a = ask(world, "Hvad besluttede Ballerups Sundheds- og Forebyggelsesudvalget om influenzavaccination til ældre i 2013?")
    assert a.refused
    a = ask(world, "Hvad besluttede Arbejdsmarkedsudvalget i Frederikshavn om Frederikshavnerordningen?")
    assert not a.refused and a.citations[0].ref.title == "Beslutning om Frederikshavnerordningen"


def test_beyond_scope_leaves_out_only_the_named_scope() -> None:
    q = "Hvad besluttede Sundheds- og Forebyggelsesudvalget i Ballerup om hverdagsrehabilitering i 2013?"
    committees = ["Sundheds- og Forebyggelsesudvalget", "Arbejdsmarkedsudvalget"]
    matter = beyond_scope(analyse(q), q, committees, ["Ballerup", "Frederikshavn"])
    assert matter.topic == ("hverdagsrehabilitering",)
    q = "Hvad besluttede Arbejdsmarkedsudvalget i 2024?"  # scope only: the topic stays
    assert beyond_scope(analyse(q), q, committees, ["Frederikshavn"]).topic == analyse(q).topic
