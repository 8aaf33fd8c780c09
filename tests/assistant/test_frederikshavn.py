"""The answer chain end to end on the Frederikshavn meeting: the real parser, a real Chroma
store, the hybrid retriever and the real multilingual-e5-small model (one store per module).
"""

from __future__ import annotations

import json
import subprocess

import pytest

from assistant.chain import answer_question
from assistant.records import Answer
from assistant.sentences import normalize_ws
from core.settings import Settings
from tests.conftest import FREDERIKSHAVN_TXT

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, model_dir, real_embedder):
    from vectorstore.pipeline import ingest_paths
    from vectorstore.retrieval import open_retriever
    from vectorstore.store import Store

    home = tmp_path_factory.mktemp("assistant-home")
    settings = Settings.from_env({"REFERAT_HOME": str(home)}, model_dir=model_dir)
    store = Store.open(settings, embedder=real_embedder)
    report = ingest_paths([FREDERIKSHAVN_TXT], store)
    assert report.failed == () and (report.meetings, report.items) == (1, 11)
    retriever = open_retriever(settings, store=store, embedder=real_embedder)
    yield settings, retriever
    store.close()


def ask(world, q: str, history: tuple[Answer, ...] = ()) -> Answer:
    settings, retriever = world
    return answer_question(q, retriever=retriever, settings=settings, history=history)


def cited(a: Answer) -> list[str]:
    return [c.ref.item_number for c in a.citations]


def assert_grounded(a: Answer) -> None:
    keys = {h.ref.key: h.item for h in a.retrieved}
    for c in a.citations:
        assert c.ref.key in keys
        item = keys[c.ref.key]
        haystack = normalize_ws(" ".join([item.title, item.text, item.decision or "", item.responsible or ""]))
        assert normalize_ws(c.quote) in haystack + " " + ", ".join(str(p) for p in item.absent)


@pytest.mark.parametrize(
    ("question", "item", "facts"),
    [
        ("Hvad blev der besluttet om Frederikshavnerordningen?", "5", ["afskaffes", "Godkendt"]),  # decision
        ("Hvor mange kommuner deltog i projektet Flere Indvandrerkvinder i Beskæftigelse?", "8", ["15"]),  # number
        ("Hvor stor en udgift forventes der til Frederikshavnerordningen i 2024?", "5", ["155.000"]),  # amount
        ("Hvilket center er ansvarligt for budgetprocessen for budget 2025-2028?", "4", ["Budget og Analyse"]),  # who
        ("Hvem havde afbud til punktet om SammenUng?", "7", ["Mette Hardam", "Erik Kyed Trolle"]),  # who (absent)
        (
            "Hvad skal der ske med jobordningen for ledige, der er ved at opbruge dagpengeretten?",
            "5",
            ["afskaffes"],
        ),  # paraphrase
        ("How many young people are active in SammenUng?", "7", ["28"]),  # English
    ],
)
def test_answers_cite_the_right_item_and_state_the_fact(world, question, item, facts):
    a = ask(world, question)
    assert not a.refused, a.text
    assert cited(a)[0] == item, a.text
    for f in facts:
        assert f in a.text
    assert_grounded(a)


def test_english_question_has_english_framing(world):
    a = ask(world, "What did the committee decide about the Frederikshavn job scheme?")
    assert cited(a) == ["5"]
    assert a.text.startswith("Item 5") and "Decision" in a.text and "afskaffes" in a.text


@pytest.mark.parametrize(
    "question",
    [
        "Hvad besluttede udvalget om byens nye skatepark?",
        "Hvad handler sag EMN-2099-12345 om?",
        "Hvor meget koster det nye planetarium?",
    ],
)
def test_questions_the_minutes_do_not_answer_are_refused(world, question):
    a = ask(world, question)
    assert a.refused
    assert a.text.startswith("Det kan jeg ikke finde i referaterne.")
    assert a.citations == ()


def test_existing_case_id_is_never_refused(world):
    a = ask(world, "Hvad ved du om sag EMN-2018-00535 og skateparken?")
    assert not a.refused
    assert cited(a) == ["9"]


def test_follow_up_resolves_to_the_previous_item(world):
    first = ask(world, "Hvad blev der besluttet om Frederikshavnerordningen?")
    a = ask(world, "Og hvad kostede det?", (first,))
    assert cited(a) == ["5"]
    assert "155.000" in a.text or "543.126" in a.text
    b = ask(world, "Hvem var ansvarlig?", (first, a))
    assert cited(b) == ["5"] and "Jobcenter Administration" in b.text


def test_cli_ask_json(world, tmp_path):
    """The public JSON of ``referat ask --json`` against the same store."""
    import os
    import sys

    settings, _ = world
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFERAT_")}
    env.update(REFERAT_HOME=str(settings.home), REFERAT_MODEL_DIR=str(settings.model_dir))
    out = subprocess.run(
        [sys.executable, "-m", "referat", "--store", str(settings.store), "ask", "--json",
         "Hvad blev der besluttet om Frederikshavnerordningen?"],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    d = json.loads(out.stdout)
    assert set(d) >= {"question", "answer", "refused", "mode", "citations", "retrieved", "timings_ms"}
    assert d["citations"][0]["item_number"] == "5" and d["citations"][0]["case_id"] == "EMN-2024-00966"
    assert "afskaffes" in d["answer"] and d["refused"] is False and d["mode"] == "grounded"
    bad = subprocess.run(
        [sys.executable, "-m", "referat", "--store", str(settings.store), "ask", "x", "--from", "2024-13-01"],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "--from" in bad.stderr
