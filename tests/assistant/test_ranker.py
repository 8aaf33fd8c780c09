"""The learned rerank: the fit is deterministic, learns what separates right from wrong items,
and the shipped weights reproduce from the shipped training rows with the shipped script."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from assistant.ranker import (
    DATA,
    FEATURES,
    TRAIN,
    Ranker,
    fit,
    fit_rows,
    groups_of,
    hit_at_1,
    read_train,
    shipped,
)
from tests.conftest import REPO

DATA_DIR = REPO / "assistant"


def synthetic_rows(n: int, seed: int) -> list[dict]:
    """Questions whose right item has the higher coverage, while the retriever's rank is noise."""
    rng = np.random.default_rng(seed)
    rows = []
    for q in range(n):
        right = int(rng.integers(0, 5))
        for i in range(5):
            cov = float(rng.uniform(0.6, 1.0) if i == right else rng.uniform(0.0, 0.7))
            x = dict.fromkeys(FEATURES, 0.0) | {"coverage": cov, "prior": float(rng.uniform(0, 1))}
            rows.append({"qid": q, "split": "test" if q % 5 == 0 else "train", "label": int(i == right), "features": x})
    return rows


def test_the_fit_learns_the_separating_feature_and_is_deterministic() -> None:
    rows = synthetic_rows(200, seed=1)
    a, report = fit_rows(rows)
    b, _ = fit_rows(rows)
    assert a.weights == b.weights
    assert a.weights["coverage"] > 5 * abs(a.weights["prior"])
    assert report["holdout_hit1"] > report["holdout_hit1_retriever_order"]
    assert set(report["contributions"]) == set(FEATURES)
    assert report["contributions"]["coverage"]["holdout_hit1_drop"] > 0.2


def test_hit_at_1_counts_ties_against() -> None:
    x = np.zeros((3, len(FEATURES)))
    assert hit_at_1([(x, 0)], np.zeros(len(FEATURES))) == 0.0
    x[1, 0] = 1.0
    assert hit_at_1([(x, 1)], np.eye(len(FEATURES))[0]) == 1.0
    assert fit([]).tolist() == [0.0] * len(FEATURES)


def test_the_shipped_ranker_loads_and_scores() -> None:
    r = shipped()
    assert set(r.weights) == set(FEATURES)
    assert Ranker.from_json(r.to_json()) == r
    good = {"prior": 1.0, "coverage": 1.0, "title": 1.0, "content": 1.0, "fused": 1.0, "scope": 1.0}
    bad = {"prior": 0.2, "coverage": 0.1, "title": 0.0, "content": 0.2, "fused": 0.5, "dense": -0.05}
    assert r.score(good) > r.score(bad)


@pytest.mark.skipif(not (DATA_DIR / TRAIN).exists(), reason="no training rows shipped")
def test_the_shipped_weights_reproduce_from_the_shipped_rows_with_the_script(tmp_path) -> None:
    shipped_json = json.loads((DATA_DIR / DATA).read_text(encoding="utf-8"))
    assert shipped_json.get("fitted"), "assistant/data/ranker.json was not written by the fit script"
    rows = read_train(DATA_DIR / TRAIN)
    assert groups_of(rows, "train") and groups_of(rows, "test")
    ranker, _ = fit_rows(rows)
    assert ranker.weights == pytest.approx(shipped_json["weights"], abs=1e-6)
    assert ranker.close_call == pytest.approx(shipped_json["close_call"], abs=1e-6)
    # And the script itself writes the same file again.
    before = (DATA_DIR / DATA).read_text(encoding="utf-8")
    try:
        subprocess.run([sys.executable, str(REPO / "evals/tools/fit_ranker.py"), "--refit"], check=True,
                       capture_output=True, cwd=REPO)  # fmt: skip
        assert json.loads((DATA_DIR / DATA).read_text(encoding="utf-8"))["weights"] == shipped_json["weights"]
    finally:
        (DATA_DIR / DATA).write_text(before, encoding="utf-8")


def test_the_file_says_which_weights_the_chain_uses() -> None:
    d = json.loads((DATA_DIR / DATA).read_text(encoding="utf-8"))
    fitted = Ranker.from_json({**d, "use": "fitted"})
    hand = Ranker.from_json({**d, "use": "hand"})
    assert fitted.weights == pytest.approx(d["weights"])
    assert hand.weights == pytest.approx(d["hand_weights"])
    assert shipped().weights == (hand if d["use"] == "hand" else fitted).weights
