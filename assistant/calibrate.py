"""Fit the refusal confidence on our own answerable / unanswerable questions.

    .venv/bin/python -m assistant.calibrate --store STORE [--questions FILE] [--fit]

For every question in ``assistant/calibration/questions.jsonl`` this runs the chain's
``plan`` (condense, retrieve, read) against the store and prints the confidence features of
the best item, the confidence and whether the chain would refuse. With ``--fit`` it fits the
logistic weights (L2-regularised, plain numpy gradient descent) on the questions that go
through the confidence score (case-ID questions never do) and prints them, for
``assistant/confidence.py`` and docs/answering.md. Out of scope: the eval suites (``evals/``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from assistant import confidence as C
from assistant.chain import plan
from assistant.vocabulary import vocabulary_of
from core.settings import Settings

QUESTIONS = Path(__file__).resolve().parent / "calibration" / "questions.jsonl"
FEATURES = ("coverage", "missing", "dense", "typed")


def collect(settings: Settings, questions: Path, progress=None) -> list[dict]:  # type: ignore[no-untyped-def]
    from vectorstore.retrieval import open_retriever

    retriever = open_retriever(settings)
    rows = []
    for line in questions.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        q = json.loads(line)
        p = plan(q["question"], retriever=retriever, settings=settings)
        best = p.evidence[0] if p.evidence else None
        row = {
            "question": q["question"],
            "answerable": q["answerable"],
            "expected_case": q.get("case_id"),
            "top_case": best.hit.ref.case_id if best else None,
            "refused": p.refused,
            "confidence": round(p.confidence, 3),
            "scored": bool(best) and not p.info.case_ids,
        }
        if best is not None:
            emb = getattr(retriever, "embedder", None)
            f = C.features(p.info, best, p.hits, center=C.dense_center(emb), vocab=vocabulary_of(retriever))
            row.update({k: round(v, 4) for k, v in f.as_dict().items()})
        rows.append(row)
        if progress:
            progress(row)
    return rows


def fit(rows: list[dict], l2: float = 0.05, steps: int = 20000, lr: float = 0.1) -> dict[str, float]:
    data = [r for r in rows if r["scored"] and "coverage" in r]
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


def _show(r: dict) -> None:
    mark = "ok " if r["refused"] != r["answerable"] else "BAD"
    feats = " ".join(f"{f}={r.get(f, '-')}" for f in FEATURES)
    print(
        f"{mark} ans={r['answerable']!s:5} conf={r['confidence']:.3f} {feats} top={r['top_case']} | {r['question']}",
        flush=True,
    )
    print("ROW " + json.dumps(r, ensure_ascii=False), flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", required=True)
    ap.add_argument("--questions", type=Path, default=QUESTIONS)
    ap.add_argument("--fit", action="store_true")
    args = ap.parse_args(argv)
    settings = Settings.from_env(store=args.store)
    rows = collect(settings, args.questions)
    for r in rows:
        mark = "ok " if r["refused"] != r["answerable"] else "BAD"
        feats = " ".join(f"{f}={r.get(f, '-')}" for f in FEATURES)
        print(
            f"{mark} ans={r['answerable']!s:5} conf={r['confidence']:.3f} {feats} top={r['top_case']} | {r['question']}"
        )
    ans = [r for r in rows if r["answerable"]]
    una = [r for r in rows if not r["answerable"]]
    false_ref = sum(r["refused"] for r in ans) / max(len(ans), 1)
    recall = sum(r["refused"] for r in una) / max(len(una), 1)
    print(
        f"false refusals {false_ref:.3f} ({len(ans)} answerable), refusal recall {recall:.3f} ({len(una)} unanswerable)"
    )
    if args.fit:
        print(json.dumps(fit(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
