"""evals/tools/verify_suite.py, the check of the hand-edited suites against the raw corpus:
full.jsonl passes, and a question whose fact is not in its item is reported by id."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import CORPUS, REPO

VERIFY = REPO / "evals" / "tools" / "verify_suite.py"


def test_full_suite_checks_out_and_a_wrong_fact_is_named(tmp_path: Path) -> None:
    full = (REPO / "evals" / "suites" / "full.jsonl").read_text(encoding="utf-8")
    fr01 = json.loads(full.splitlines()[0])
    wrong = {**fr01, "id": "wrong-fact", "facts": [["genindført med fuld kraft"]]}
    suite = tmp_path / "suite.jsonl"
    suite.write_text(full + json.dumps(wrong, ensure_ascii=False) + "\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(VERIFY), str(suite), str(CORPUS)], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 1
    problems = [line for line in proc.stdout.splitlines() if not line.startswith(str(suite))]
    assert problems == ["wrong-fact: fact ['genindført med fuld kraft'] not in expected item(s)"]
    assert proc.stdout.splitlines()[-1] == f"{suite}: 1 problem(s)"
