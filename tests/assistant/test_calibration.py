"""Calibration measures what runs: ``assistant.calibrate`` reports the features the chain
decided on (``distinct`` included), and its questions are in no eval suite.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import numpy as np
import pytest

from assistant import calibrate as K
from assistant import confidence as C
from assistant.chain import answer_question
from assistant.dates import MONTHS_DA
from assistant.question import analyse
from assistant.words import stem, words
from core.settings import Settings
from ingest.caseids import case_id_spans
from tests.assistant.conftest import TinyRetriever
from tests.fakes import HashingEmbedder

REPO = Path(__file__).resolve().parents[2]
SUITES = sorted((REPO / "evals" / "suites").glob("*.jsonl"))


class CenteredEmbedder(HashingEmbedder):
    """Hashing vectors around a common direction, so cosines sit around the real model's
    centre (0.80) and the dense and ``distinct`` features come into play. subtle: its own
    name, so that its vectors never enter the answerer's cache under the real model's."""

    name = "fake-centered"

    def _one(self, text: str) -> np.ndarray:
        v = 0.45 * super()._one(text)
        v[0] += 1.0
        return v / np.linalg.norm(v)


def test_calibration_reports_the_features_the_chain_decides_on(frederikshavn_meeting, tmp_path, monkeypatch):
    monkeypatch.setitem(C.DENSE_CENTERS, CenteredEmbedder.name, C.DENSE_CENTERS["multilingual-e5-small"])
    retriever = TinyRetriever([frederikshavn_meeting], embedder=CenteredEmbedder())
    settings = Settings.from_env({"REFERAT_HOME": str(tmp_path)})
    assert set(K.FEATURES) == {f.name for f in dataclasses.fields(C.Features)}
    rows = K.collect(retriever, settings)
    scored = [r for r in rows if r["scored"]]
    assert len(scored) > 30
    assert any(r["distinct"] > 0 for r in scored)  # the feature the old report left out
    for r in scored:
        f = C.Features(**{name: r[name] for name in K.FEATURES})
        assert C.confidence(f) == pytest.approx(r["confidence"], abs=0.002), r["question"]
        assert (C.confidence(f) < C.THRESHOLD) == r["refused"], r["question"]
    for r in rows[::6]:  # and what it reports is what answering decides
        a = answer_question(r["question"], retriever=retriever, settings=settings)
        assert a.refused == r["refused"], r["question"]


# -- no eval question in the calibration set ---------------------------------------------------

_SCOPE = re.compile(r"^(?:\d+|.*udvalg.*|.*byråd.*|kommun.*|" + "|".join(MONTHS_DA) + ")$")


def _distinctive(question: str) -> set[str]:
    """The question's topic stems without numbers, months, committees and short words."""
    info = analyse(question)
    return {stem(w) for w in (info.topic or info.content) if len(w) >= 4 and not _SCOPE.match(w)}


def _template(question: str) -> str:
    """The question's words with case ids and numbers masked: "hvad handler sag # om"."""
    for start, end, _ in reversed(case_id_spans(question)):
        question = f"{question[:start]} 0 {question[end:]}"
    return " ".join("#" if any(c.isdigit() for c in w) else w for w in words(question))


def _stems(question: str) -> set[str]:
    info = analyse(question)
    return {stem(w) for w in (info.topic or info.content)}


def near_copy(calibration: dict, suite: dict) -> bool:
    """Two questions that ask the same: the same words once case ids and numbers are masked,
    the same case id, or more than 40 % of their topic words in common (Jaccard of stems, two or
    more on each side);
    and an unanswerable question with half of its distinctive words in an unanswerable eval
    question tests the same absence ("byens nye skatepark" and "anlægge en skatepark")."""
    a, b = calibration["question"], suite["question"]
    if _template(a) == _template(b) or set(analyse(a).case_ids) & set(analyse(b).case_ids):
        return True
    wa, wb = _stems(a), _stems(b)
    # subtle: an English question's topic is only its glossary words and names (one or two
    # stems), so one shared stem ("kommune") is no copy; and two of five ("projekt", "kvinder")
    # is a shared theme, not the same question.
    if min(len(wa), len(wb)) >= 2 and len(wa & wb) / len(wa | wb) > 0.4:
        return True
    mine = _distinctive(a)
    shared = mine & _distinctive(b)
    return not calibration["answerable"] and not suite["answerable"] and bool(shared) and 2 * len(shared) >= len(mine)


def _suite_questions() -> list[dict]:
    return [json.loads(x) for s in SUITES for x in s.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_the_near_copy_rule_catches_copies_and_passes_other_questions():
    fr01 = {"question": "Hvad blev der besluttet om Frederikshavnerordningen?", "answerable": True}
    un04 = {"question": "Hvad har Greve Kommune besluttet om at anlægge en skatepark?", "answerable": False}
    un09 = {"question": "Hvad handler sag 99-999999 om?", "answerable": False}
    assert near_copy(dict(fr01), fr01)
    assert near_copy({"question": "Hvad besluttede udvalget om byens nye skatepark?", "answerable": False}, un04)
    assert near_copy({"question": "Hvad blev besluttet i sag 99-999999?", "answerable": False}, un09)
    assert near_copy({"question": "Hvad handler sag EMN-2099-12345 om?", "answerable": False}, un09)
    assert near_copy({"question": "Hvor mange borgere var på Frederikshavnerordningen i 2023?", "answerable": True},
                     {"question": "Hvor mange borgere var på ordningen i 2023?", "answerable": True})  # fmt: skip
    assert not near_copy({"question": "Hvad besluttede Greve Byråd om Klub Havana?", "answerable": True}, un04)
    assert not near_copy(
        {"question": "Hvornår lukkes Frederikshavnerordningen for nye borgere?", "answerable": True}, fr01
    )
    assert not near_copy({"question": "Hvornår åbner den nye svævebane?", "answerable": False}, un04)


# Pairs the rule flags that were read and ask different things: English topics are thin (a
# place, a committee's words, a year), so two or three shared scope words pass its threshold.
REVIEWED_DISTINCT = {
    # a youth club vs live-streamed council meetings: only "Greve" and "byråd" are shared
    ("Hvad besluttede Greve Byråd om Klub Havana?", "gr-111"),
    ("What did the council decide about giving Greve Sports and Leisure Centre more freedom?", "gr-111"),
    # a committee's corrected budget vs fridges at the schools: the committee's name is shared
    ("How large was the corrected budget of the school and children committee at the end of January 2025?", "gr-43"),
    # the district heating company's share of asphalt work vs a vote on a letter of intent
    ("What share of the asphalt work does Greve Fjernvarme pay?", "gr-64"),
}


def test_no_calibration_question_copies_an_eval_question():
    suite = _suite_questions()
    copies = [(q["question"], s["id"]) for q in K.load_questions(K.QUESTIONS) for s in suite if near_copy(q, s)]
    copies = [c for c in copies if c not in REVIEWED_DISTINCT]
    assert not copies, copies


def test_no_development_question_copies_an_eval_question():
    """evals/dev/ holds development questions (choices such as the fusion's English weights are
    checked there, never on the suites): none may ask what an eval question asks."""
    dev = sorted((Path(__file__).resolve().parents[2] / "evals" / "dev").glob("*.jsonl"))
    assert dev
    suite = _suite_questions()
    copies = [(q["question"], s["id"]) for f in dev for q in K.load_questions(f) for s in suite if near_copy(q, s)]
    copies = [c for c in copies if c not in REVIEWED_DISTINCT]
    assert not copies, copies
