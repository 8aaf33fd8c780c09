"""How sure are we that the retrieved evidence answers the question? One calibrated number.

The confidence is a logistic function of features of the best item read against the question:

- ``coverage``: share of the question's topic words found in the item (stems, compounds),
  each weighted by its rarity in the store (idf from the BM25 index, ``vocabulary``);
- ``missing``: share (idf-weighted) of topic words that no chunk in the store holds
  (without the index's counts: share of words found in none of the retrieved items);
- ``dense``: best cosine between the query and the item's title or sentences;
- ``typed``: for amount / count / date / who questions, whether the item holds such a value;
- ``distinct``: how far the best item's dense similarity stands above the other items read
  closely (clipped to ``DISTINCT_RANGE``), counted only when that similarity is itself high.
  A paraphrase shares few words with its item, but its item then stands out by meaning,
  whereas an absent topic is about as near to several items ("skatepark" vs. every
  construction item).

The weights and the threshold were fitted on our own answerable and unanswerable questions
(``assistant/calibration/questions.jsonl``, ``python -m assistant.calibrate``); see
docs/answering.md. Out of scope: exact case-ID and item-number lookups, which never go
through this score (the chain answers or refuses them outright).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.evidence import ItemEvidence, found_anywhere
from assistant.question import QuestionInfo
from assistant.vocabulary import Vocabulary
from vectorstore.records import ItemHit

# Fitted by assistant/calibrate.py (see docs/answering.md). The dense feature is the cosine
# minus a centre that is specific to the embedding model; for a model without a calibrated
# centre (the fake hashing embedder of unit tests) the confidence is lexical only.
WEIGHTS = {"bias": -2.2, "coverage": 4.0, "missing": -4.0, "dense": 12.0, "typed": 0.6, "distinct": 40.0}
# Margin over the runner-up (cosine) that starts to count, and where it stops adding; and the
# lowest best similarity (above the model's centre) at which the margin counts at all.
DISTINCT_RANGE = (0.02, 0.07)
DISTINCT_MIN_DENSE = 0.05
DENSE_CENTERS = {"multilingual-e5-small": 0.80}
THRESHOLD = 0.5


def dense_center(embedder: object) -> float | None:
    """The calibrated centre for this embedder, or None when its cosines are not calibrated."""
    return DENSE_CENTERS.get(getattr(embedder, "name", ""))


@dataclass(frozen=True)
class Features:
    coverage: float
    missing: float
    dense: float
    typed: float
    distinct: float = 0.0

    def as_dict(self) -> dict[str, float]:
        return {
            "coverage": self.coverage,
            "missing": self.missing,
            "dense": self.dense,
            "typed": self.typed,
            "distinct": self.distinct,
        }


def features(
    question: QuestionInfo,
    best: ItemEvidence,
    hits: Sequence[ItemHit],
    *,
    center: float | None,
    vocab: Vocabulary | None = None,
    rivals: Sequence[ItemEvidence] = (),
) -> Features:
    """``rivals``: the other items read closely (with their dense similarity), for ``distinct``."""
    terms = question.topic or question.content
    coverage = best.coverage
    missing = 0.0
    if terms:
        found = set(found_anywhere(terms, hits[:10]))
        if vocab is not None:
            # Rarer words weigh more; a word that no chunk in the store holds is "missing".
            weights = {t: vocab.idf(t) for t in terms}
            in_best = set(found_anywhere(terms, [best.hit]))
            coverage = sum(w for t, w in weights.items() if t in in_best) / sum(weights.values())
            gone = [t for t in terms if t not in found and vocab.df(t, inside=True) == 0]
            missing = sum(weights[t] for t in gone) / sum(weights.values())
        else:
            missing = 1.0 - len(found) / len(terms)
    typed = 1.0 if question.kind not in ("amount", "count", "date", "who") else (1.0 if best.typed_found else 0.0)
    dense = (best.dense - center) if center is not None and best.dense is not None else 0.0
    distinct = 0.0
    others = [r.dense for r in rivals if r.key != best.key and r.dense is not None]
    if center is not None and best.dense is not None and others and dense >= DISTINCT_MIN_DENSE:
        lo, hi = DISTINCT_RANGE
        distinct = min(max(best.dense - max(others) - lo, 0.0), hi - lo)
    return Features(coverage=coverage, missing=missing, dense=dense, typed=typed, distinct=distinct)


def confidence(f: Features) -> float:
    z = (
        WEIGHTS["bias"]
        + WEIGHTS["coverage"] * f.coverage
        + WEIGHTS["missing"] * f.missing
        + WEIGHTS["dense"] * f.dense
        + WEIGHTS["typed"] * f.typed
        + WEIGHTS["distinct"] * f.distinct
    )
    return 1.0 / (1.0 + math.exp(-z))
