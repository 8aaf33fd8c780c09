"""The rerank of retrieved items as a small learned model over the features the chain computes.

The answerer reads the retrieved items against the question (``evidence``) and reorders them.
Each item gets a score ``sum(weight[f] * feature[f])`` over:

| feature | meaning |
|---|---|
| ``prior`` | the retriever's rank as a prior: 1, 0.67, 0.44, 0.27, 0.18, 0.11, 0.07, 0.04, 0.02, 0 for ranks 1 to 10 (``RANK_PRIOR``) |
| ``fused`` | the retriever's fused score relative to the best item's (1.0 for the best) |
| ``coverage`` | share of the question's topic words in the item (idf-weighted) |
| ``title`` | the same, in the title alone |
| ``content`` | share of all the question's content words in the item |
| ``dense`` | best sentence/title cosine minus the best item's (0 for the best; 0 when nothing is embedded) |
| ``context`` | 1 for an item the conversation is already about |
| ``scope`` | 1 when the item lies inside the committee, municipality and time the question names |

The weights are fitted (``fit``) on pseudo-questions made from the corpus itself, never on the
eval suites: an item's title, a sentence of its recommendation (Indstilling) or its decision
text asks for that item; the other items the retriever returns for it, among them items of the
same meeting and of the same topic at other meetings, are the hard negatives. The fit is a
listwise logistic model (softmax over each question's candidates) with a small L2 penalty, by
full-batch gradient descent from zero: deterministic, so that the shipped weights
(``data/ranker.json``) reproduce from the shipped training features (``data/ranker_train.jsonl.gz``)
with ``python evals/tools/fit_ranker.py --refit``.

Out of scope: generating the pseudo-questions and reading them (``evals/tools/fit_ranker.py``),
and the refusal decision (``confidence``).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

FEATURES = ("prior", "fused", "coverage", "title", "content", "dense", "context", "scope")

# The shape of the rank prior (the hand-set prior of earlier versions, scaled to start at 1).
RANK_PRIOR = tuple(x / 0.45 for x in (0.45, 0.3, 0.2, 0.12, 0.08, 0.05, 0.03, 0.02, 0.01, 0.0))
# The weights the chain used before they were learned: kept to compare against in the fit report.
HAND_WEIGHTS = {"prior": 0.45, "fused": 0.0, "coverage": 0.5, "title": 0.15, "content": 0.0, "dense": 3.0,
                "context": 0.3, "scope": 0.0}  # fmt: skip

HAND_CLOSE_CALL = 0.15
FIXED = ("context",)  # not learnable from pseudo-questions: the hand weight, rescaled
DATA = "data/ranker.json"
TRAIN = "data/ranker_train.jsonl.gz"


@dataclass(frozen=True)
class Ranker:
    """Linear scores over ``FEATURES``; ``close_call``: a score margin under which the two best
    items count as a close call (the chain then embeds sentences to decide)."""

    weights: Mapping[str, float]
    close_call: float = 0.15
    meta: Mapping[str, object] = field(default_factory=dict, compare=False)

    def score(self, x: Mapping[str, float]) -> float:
        return sum(self.weights.get(f, 0.0) * x.get(f, 0.0) for f in FEATURES)

    def to_json(self) -> dict:
        return {
            **self.meta,
            "features": list(FEATURES),
            "weights": dict(self.weights),
            "close_call": self.close_call,
        }

    @classmethod
    def from_json(cls, d: Mapping) -> Ranker:
        """The ranker a ``ranker.json`` names: its fitted ``weights``, or with ``"use": "hand"``
        its ``hand_weights`` (the weights before fitting, kept until a fit is shown to carry
        over to real questions: docs/answering.md)."""
        meta = {k: v for k, v in d.items() if k not in ("features", "weights", "close_call")}
        if d.get("use") == "hand":
            hand = d.get("hand_weights") or HAND_WEIGHTS
            return cls({f: float(hand.get(f, 0.0)) for f in FEATURES}, HAND_CLOSE_CALL, meta)
        return cls({f: float(d["weights"].get(f, 0.0)) for f in FEATURES}, float(d.get("close_call", 0.15)), meta)


@cache
def shipped() -> Ranker:
    """The fitted ranker shipped with the package (``data/ranker.json``)."""
    text = resources.files("assistant").joinpath(DATA).read_text(encoding="utf-8")
    return Ranker.from_json(json.loads(text))


# -- fitting -----------------------------------------------------------------------------------

Group = tuple[np.ndarray, int]  # (candidates x features, index of the right item)


def matrix(rows: Sequence[Mapping[str, float]]) -> np.ndarray:
    return np.array([[float(r.get(f, 0.0)) for f in FEATURES] for r in rows], dtype=np.float64)


def fit(groups: Sequence[Group], *, l2: float = 0.01, steps: int = 2000, lr: float = 0.5) -> np.ndarray:
    """Weights maximising the softmax likelihood of the right item in each group, by full-batch
    gradient descent from zero (deterministic)."""
    usable = [(x, y) for x, y in groups if len(x) > 1]
    if not usable:
        return np.zeros(groups[0][0].shape[1] if groups else len(FEATURES))
    x = np.vstack([g for g, _ in usable])
    sizes = np.array([len(g) for g, _ in usable])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    seg = np.repeat(np.arange(len(usable)), sizes)
    right = starts + np.array([y for _, y in usable])
    w = np.zeros(x.shape[1])
    n = len(usable)
    for _ in range(steps):
        s = x @ w
        s = s - np.maximum.reduceat(s, starts)[seg]
        e = np.exp(s)
        p = e / np.add.reduceat(e, starts)[seg]
        grad = (p @ x - x[right].sum(axis=0)) / n + l2 * w
        w -= lr * grad
    return w


def hit_at_1(groups: Sequence[Group], weights: np.ndarray) -> float:
    """Share of groups whose right item scores highest (ties count against)."""
    if not groups:
        return 0.0
    hits = 0
    for x, y in groups:
        s = x @ weights
        hits += int(np.argmax(s) == y and (s == s[y]).sum() == 1)
    return hits / len(groups)


def contributions(train: Sequence[Group], test: Sequence[Group], weights: np.ndarray) -> dict[str, dict]:
    """Per feature: its weight, its weight times its spread (how much it moves scores), and the
    held-out hit@1 lost when the model is refitted without it."""
    full = hit_at_1(test, weights)
    out = {}
    stacked = np.vstack([x for x, _ in train]) if train else np.zeros((1, len(FEATURES)))
    for i, f in enumerate(FEATURES):
        keep = [j for j in range(len(FEATURES)) if j != i]
        w = fit([(x[:, keep], y) for x, y in train])
        without = hit_at_1([(x[:, keep], y) for x, y in test], w)
        out[f] = {
            "weight": round(float(weights[i]), 4),
            "weight_x_sd": round(float(weights[i] * stacked[:, i].std()), 4),
            "holdout_hit1_without": round(without, 4),
            "holdout_hit1_drop": round(full - without, 4),
        }
    return out


def read_train(path: Path) -> list[dict]:
    """Training rows: ``{"qid", "split", "label", "features": {...}}`` one a line (gzip)."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def groups_of(rows: Sequence[Mapping], split: str | None = None) -> list[Group]:
    """Rows grouped per question (in file order); only groups with exactly one right item."""
    by: dict[str, list[Mapping]] = {}
    for r in rows:
        if split is None or r["split"] == split:
            by.setdefault(str(r["qid"]), []).append(r)
    out = []
    for rs in by.values():
        labels = [int(r["label"]) for r in rs]
        if sum(labels) == 1:
            out.append((matrix([r["features"] for r in rs]), labels.index(1)))
    return out


def fit_rows(rows: Sequence[Mapping]) -> tuple[Ranker, dict]:
    """Fit on the ``train`` rows; report held-out (``test``) hit@1 against the hand weights and
    each feature's contribution. The close-call margin is set where the hand ranker's was, in
    units of the score spread."""
    train, test = groups_of(rows, "train"), groups_of(rows, "test")
    w = fit(train)
    hand = np.array([HAND_WEIGHTS[f] for f in FEATURES])
    spread_hand = float(np.std(np.concatenate([x @ hand for x, _ in train]))) if train else 1.0
    spread = float(np.std(np.concatenate([x @ w for x, _ in train]))) if train else 1.0
    # Pseudo-questions have no conversation: the context weight cannot be learned from them and
    # keeps its hand value, on the fitted model's scale.
    for f in FIXED:
        w[FEATURES.index(f)] = HAND_WEIGHTS[f] * (spread / spread_hand if spread_hand else 1.0)
    report = {
        "train_questions": len(train),
        "test_questions": len(test),
        "holdout_hit1": round(hit_at_1(test, w), 4),
        "holdout_hit1_hand_weights": round(hit_at_1(test, hand), 4),
        "holdout_hit1_retriever_order": round(hit_at_1(test, np.eye(len(FEATURES))[FEATURES.index("prior")]), 4),
        "contributions": contributions(train, test, w),
    }
    close = 0.15 * spread / spread_hand if spread_hand else 0.15
    ranker = Ranker({f: round(float(x), 6) for f, x in zip(FEATURES, w, strict=True)}, round(close, 6), report)
    return ranker, report


# -- features of one read item -----------------------------------------------------------------


def item_features(
    rank: int,
    score: float,
    top_score: float,
    coverage: float,
    title_coverage: float,
    content_coverage: float,
    dense: float | None,
    top_dense: float | None,
    in_context: bool,
    in_scope: bool,
) -> dict[str, float]:
    """``FEATURES`` of one item (see the table in the module docstring)."""
    return {
        "prior": RANK_PRIOR[rank] if rank < len(RANK_PRIOR) else 0.0,
        "fused": (score / top_score) if top_score > 0 else 0.0,
        "coverage": coverage,
        "title": title_coverage,
        "content": content_coverage,
        "dense": (dense - top_dense) if dense is not None and top_dense is not None else 0.0,
        "context": 1.0 if in_context else 0.0,
        "scope": 1.0 if in_scope else 0.0,
    }
