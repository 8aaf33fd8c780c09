"""Case threads, outcome and meeting answers end to end: the real parser, a real Chroma store,
the hybrid retriever and multilingual-e5-small, through ``referat ask --json``.

``tests/fixtures/greve_cases/`` are six real Greve FirstAgenda meetings cut down to their item 1
and the items of sag 23-006438 (Mosede Klimapark: egenfinansiering, Klima-, Teknik- og
Miljøudvalget 14 March 2024 -> Økonomiudvalget 10 April -> Byrådet 17 April 2024; anlægsbevilling,
6 February 2025 -> 10 March -> 19 March 2025); nothing else is changed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.settings import Settings

pytestmark = pytest.mark.integration

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "greve_cases"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, model_dir, real_embedder):
    from vectorstore.pipeline import ingest_paths
    from vectorstore.store import Store

    home = tmp_path_factory.mktemp("cases-home")
    settings = Settings.from_env({"REFERAT_HOME": str(home)}, model_dir=model_dir)
    store = Store.open(settings, embedder=real_embedder)
    ingest_paths([CASES], store)
    store.close()
    return settings


def _ask(settings: Settings, question: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFERAT_")}
    env.update(REFERAT_HOME=str(settings.home), REFERAT_MODEL_DIR=str(settings.model_dir))
    out = subprocess.run(
        [sys.executable, "-m", "referat", "--store", str(settings.store), "ask", "--json", question],
        capture_output=True, text=True, env=env, timeout=600,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_outcome_cites_byraadet_19_march_2025_first_and_carries_the_thread(world):
    d = _ask(world, "Hvad blev det endelige resultat for Mosede Klimaparks anlægsbevilling?")
    first = d["citations"][0]
    assert (first["committee"], first["meeting_date"], first["item_number"]) == ("Byråd 2022-2025", "2025-03-19", "29")
    assert d["retrieved"][0]["meeting_date"] == "2025-03-19"
    assert [(s["date"], s["committee"], s["item_number"], s["case_id"]) for s in d["thread"]] == [
        ("2025-02-06", "Klima-, Teknik- og Miljøudvalget", "7", "23-006438"),
        ("2025-03-10", "Økonomiudvalget", "24", "23-006438"),
        ("2025-03-19", "Byråd 2022-2025", "29", "23-006438"),
    ]
    assert [s["status"] for s in d["thread"]] == ["recommended", "recommended", "decided"]
    assert d["thread"][0]["decision"] == "1.-4. Anbefales."
    assert "endeligt afgjort af Byråd 2022-2025 den 19. marts 2025 [1]" in d["answer"]


def test_the_other_matter_of_the_same_case_number_is_its_own_thread(world):
    d = _ask(world, "Hvordan endte sagen om Greve Kommunes egenfinansiering af Mosede Klimapark?")
    assert d["citations"][0]["meeting_date"] == "2024-04-17"
    assert [s["date"] for s in d["thread"]] == ["2024-03-14", "2024-04-10", "2024-04-17"]


def test_a_meeting_question_is_answered_from_the_meeting_record(world):
    d = _ask(world, "Hvem var fraværende ved byrådsmødet den 19. marts 2025?")
    assert d["refused"] is False
    assert d["citations"][0]["about"] == "meeting" and d["citations"][0]["meeting_date"] == "2025-03-19"
    assert "Torben Hoffmann" in d["answer"] and "Tina Rottbøll" in d["answer"]


def test_the_item_of_the_body_and_time_the_question_names_leads(world):
    """Asked what Byrådet decided in April 2024, the council's item of 17 April comes first;
    the committees' steps of the same case follow, oldest first."""
    d = _ask(world, "Hvad besluttede Byrådet i april 2024 om egenfinansieringen af Mosede Klimapark?")
    first = d["citations"][0]
    assert (first["committee"], first["meeting_date"]) == ("Byråd 2022-2025", "2024-04-17")
    rest = [c["meeting_date"] for c in d["citations"][1:]]
    assert rest == sorted(rest)
