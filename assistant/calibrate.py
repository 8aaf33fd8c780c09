"""Check (and fit) the refusal confidence on our own answerable / unanswerable questions.

    .venv/bin/python -m assistant.calibrate --store STORE [--questions FILE] [--fit]

For every question in ``assistant/calibration/questions.jsonl`` this runs the chain's
``plan`` (condense, retrieve, read, decide) against the store and prints the features the
chain itself computed for its confidence (``Plan.features``: every feature, ``distinct``
included, exactly as ``answer_question`` computes them), the confidence and whether the chain
refuses. With ``--fit`` it fits the logistic weights (L2-regularised, plain numpy gradient
descent) on the questions the score decided (exact lookups never go through it) and prints
them, for ``assistant/confidence.py`` and docs/answering.md.

The questions are our own and in no eval suite (``tests/assistant/test_calibration.py``
checks that none copies or nearly copies one): weights set on eval questions would make the
eval figures say nothing. Out of scope: the eval suites (``evals/``).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from assistant import confidence as C
from assistant.chain import plan
from core.settings import Settings

QUESTIONS = Path(__file__).resolve().parent / "calibration" / "questions.jsonl"
FEATURES = tuple(f.name for f in dataclasses.fields(C.Features))  # what the chain computes


def load_questions(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def collect(
    retriever: Any,
    settings: Settings,
    questions: Path = QUESTIONS,
    progress: Callable[[dict[str, Any]], None] | None = None,
) -> list[dict[str, Any]]:
    """One row per question: what the chain decided and the features it decided on."""
    rows = []
    for q in load_questions(questions):
        p = plan(q["question"], retriever=retriever, settings=settings)
        best = p.evidence[0] if p.evidence else None
        row: dict[str, Any] = {
            "question": q["question"],
            "answerable": q["answerable"],
            "expected_case": q.get("case_id"),
            "top_case": best.hit.ref.case_id if best else None,
            "refused": p.refused,
            "confidence": round(p.confidence, 3),
            "scored": p.features is not None and not p.forced,
        }
        if p.features is not None:
            row.update({k: round(v, 4) for k, v in p.features.as_dict().items()})
        rows.append(row)
        if progress:
            progress(row)
    return rows


def fit(rows: list[dict[str, Any]], l2: float = 0.05, steps: int = 20000, lr: float = 0.1) -> dict[str, float]:
    data = [r for r in rows if r["scored"]]
    X = np.array([[r[f] for f in FEATURES] for r in data], dtype=np.float64)
    y = np.array([1.0 if r["answerable"] else 0.0 for r in data])
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(steps):
        z = X @ w + b
        p = 1 / (1 + np.exp(-z))
        gw = X.T @ (p - y) / len(y) + l2 * w
        gb = float(np.mean(p - y))
        w -= lr * gw
        b -= lr * gb
    return {"bias": round(b, 3), **{f: round(float(v), 3) for f, v in zip(FEATURES, w, strict=True)}}


def line(r: dict[str, Any]) -> str:
    mark = "ok " if r["refused"] != r["answerable"] else "BAD"
    feats = " ".join(f"{f}={r.get(f, '-')}" for f in FEATURES)
    scored = "" if r["scored"] else " (exact lookup)"
    return (
        f"{mark} ans={r['answerable']!s:5} conf={r['confidence']:.3f} {feats} top={r['top_case']}{scored}"
        f" | {r['question']}"
    )


def summary(rows: list[dict[str, Any]]) -> str:
    ans = [r for r in rows if r["answerable"]]
    una = [r for r in rows if not r["answerable"]]
    false_ref = sum(r["refused"] for r in ans)
    recall = sum(r["refused"] for r in una)
    return (
        f"false refusals {false_ref}/{len(ans)} ({false_ref / max(len(ans), 1):.3f}), "
        f"refusal recall {recall}/{len(una)} ({recall / max(len(una), 1):.3f})"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", required=True)
    ap.add_argument("--questions", type=Path, default=QUESTIONS)
    ap.add_argument("--fit", action="store_true")
    ap.add_argument("--json", action="store_true", help="also print each row as JSON")
    args = ap.parse_args(argv)
    from vectorstore.retrieval import open_retriever

    settings = Settings.from_env(store=args.store)
    rows = collect(open_retriever(settings), settings, args.questions)
    for r in rows:
        print(line(r))
        if args.json:
            print("ROW " + json.dumps(r, ensure_ascii=False))
    print(summary(rows))
    if args.fit:
        print(json.dumps(fit(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
