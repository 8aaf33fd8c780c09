"""An answer that cites minutes read by OCR from a scan says so ("teksten er OCR-læst") and is
flagged ``ocr_text``; answers from text-layer minutes are not."""

from __future__ import annotations

import dataclasses

import pytest

from assistant.chain import answer_question
from assistant.grounded import OCR_NOTE_DA
from core.settings import Settings
from tests.assistant.conftest import TinyRetriever

QUESTION = "Hvad blev der besluttet om Frederikshavnerordningen?"


@pytest.fixture(scope="module")
def settings_o(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings.from_env({"REFERAT_HOME": str(tmp_path_factory.mktemp("home"))})


def test_answer_from_ocr_text_says_so(frederikshavn_meeting, tiny_retriever, settings_o):
    scanned = dataclasses.replace(
        frederikshavn_meeting,
        ocr=True,
        items=tuple(dataclasses.replace(i, ocr=True) for i in frederikshavn_meeting.items),
    )
    retriever = TinyRetriever([scanned])
    a = answer_question(QUESTION, retriever=retriever, settings=settings_o, embedder=retriever.embedder)
    assert not a.refused and "teksten er OCR-læst" in a.text and a.text.endswith(OCR_NOTE_DA)
    assert "ocr_text" in a.flags
    plain = answer_question(QUESTION, retriever=tiny_retriever, settings=settings_o, embedder=tiny_retriever.embedder)
    assert "OCR" not in plain.text and "ocr_text" not in plain.flags
