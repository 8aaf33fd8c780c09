"""Runs survive a JSON round trip; the report writes markdown and one PNG per metric; the CLI
rescores saved results without a store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from evals.metrics import METRICS
from evals.records import QuestionResult
from evals.report import failure_reason, write_report
from evals.runner import Run, run_from_dict
from evals.suite import Expected, ItemKey, Question, load_suite

REPO = Path(__file__).resolve().parents[2]
FIVE = ItemKey("2024-03-06", "5", "EMN-2024-00966")
ITEM = {"municipality": "Frederikshavn", "committee": "Arbejdsmarkedsudvalget", "meeting_date": "2024-03-06",
        "item_number": "5", "case_id": "EMN-2024-00966", "title": "Beslutning om Frederikshavnerordningen",
        "source": "x.txt", "pages": [1, 2]}  # fmt: skip


def sample_run(name: str = "referat") -> Run:
    qs = [
        Question("a", "decision", "Hvad blev besluttet?", True, Expected(FIVE), (("afskaffes",),)),
        Question("u", "unanswerable", "Læsø?", False),
    ]
    results = [
        QuestionResult(qs[0], "Ordningen afskaffes [1].", False, (FIVE,), (FIVE,), 12.0,
                       citations_json=({**ITEM, "quote": "afskaffes"},), retrieved_json=({**ITEM, "score": 0.9},)),
        QuestionResult(qs[1], "Det kan jeg ikke finde.", True, (), (FIVE,), 30.0,
                       retrieved_json=({**ITEM, "score": 0.1},)),
    ]  # fmt: skip
    from evals import metrics

    return Run(name, tuple(results), metrics.compute(results), metrics.by_kind(results))


def test_run_json_round_trip_rescoring_gives_same_metrics() -> None:
    run = sample_run()
    d = json.loads(json.dumps(run.to_dict()))
    back = run_from_dict(d, [r.question for r in run.results])
    assert back.metrics == run.metrics
    assert back.by_kind == run.by_kind
    assert back.results[0].retrieved == (FIVE,)


def test_report_writes_markdown_and_charts(tmp_path: Path) -> None:
    md = write_report([sample_run(), sample_run("bm25")], tmp_path / "eval", md_path=tmp_path / "EVAL.md")
    text = md.read_text(encoding="utf-8")
    assert "| referat |" in text and "| bm25 |" in text
    assert "(eval/overview.png)" in text
    pngs = {p.name for p in (tmp_path / "eval").glob("*.png")}
    assert "overview.png" in pngs and len(pngs) == len(METRICS) + 1
    assert all((tmp_path / "eval" / p).read_bytes()[:4] == b"\x89PNG" for p in pngs)


def test_failure_reason() -> None:
    run = sample_run()
    assert failure_reason(run.results[0]) is None and failure_reason(run.results[1]) is None
    wrong = QuestionResult(run.results[0].question, "Godkendt.", False, (), (), 1.0)
    assert "not in top 10" in failure_reason(wrong) and "'afskaffes'" in failure_reason(wrong)


def test_cli_rescores_saved_results(tmp_path: Path) -> None:
    suite = tmp_path / "s.jsonl"
    run = sample_run()
    lines = [
        {"id": "a", "kind": "decision", "question": "Hvad blev besluttet?", "answerable": True,
         "expected": {"date": "2024-03-06", "item_number": "5", "case_id": None}, "facts": [["afskaffes"]]},
        {"id": "u", "kind": "unanswerable", "question": "Læsø?", "answerable": False, "expected": None},
    ]  # fmt: skip
    suite.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    saved = tmp_path / "r.json"
    saved.write_text(json.dumps(run.to_dict()), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "referat", "eval", str(suite), "--load", str(saved), "--json"],
        capture_output=True, text=True, cwd=REPO, check=True,
    )  # fmt: skip
    d = json.loads(out.stdout)
    assert d["metrics"]["hit@1"] == 1.0 and d["metrics"]["refusal_recall"] == 1.0
    assert [r["id"] for r in d["results"]] == ["a", "u"]
    bad = subprocess.run(
        [sys.executable, "-m", "referat", "eval", str(tmp_path / "none.jsonl")],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert bad.returncode == 2 and "no such suite file" in bad.stderr and "Traceback" not in bad.stderr
    assert load_suite(suite)[0].id == "a"
