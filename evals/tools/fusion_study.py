"""Which fusion of the dense and keyword lists finds the right case: measured on a development
set of real questions, never on the eval suites.

    python evals/tools/fusion_study.py --store S [--questions assistant/calibration/questions.jsonl]

The development set is the refusal calibration's answerable questions (written by reading the
minutes, each with the case it asks about). For each question the store's dense list (the
e5 query embedding, ``Store.dense_ids``) and keyword list (``BM25Index.search``), 50 chunks
each as the retriever takes them, become item lists (an item scores its best chunk), fused
with ``vectorstore.retrieval.fuse`` as reciprocal rank (several k) and as standardised scores,
and the rank of the first item of the asked case is reported (hit@1/3/5/10, MRR).
Only the default weights (1, 1) are compared: nothing is fitted.

With ``--chain`` the same questions also go through the whole answerer (``assistant.chain.plan``:
retrieval with each fusion, the rerank, the refusal decision): the rank of the asked case in
the answer's final ranking, false refusals, and how many of the set's unanswerable questions
are refused.

With ``--english`` the English questions of the calibration set and of ``evals/dev/english.jsonl``
(development questions written from the minutes, in no eval suite) go through the whole
answerer with the English list weights as shipped (dense 1.6, keywords 0.7) and equal (1, 1).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

import vectorstore.retrieval as retrieval  # noqa: E402
from core.settings import Settings  # noqa: E402
from vectorstore.retrieval import fuse, open_retriever  # noqa: E402

DEPTH = 50


def item_list(pairs, bm25) -> dict[str, float]:  # type: ignore[no-untyped-def]
    best: dict[str, float] = {}
    for cid, score in pairs:
        if bm25.has(cid):
            best.setdefault(bm25.ref_of(cid).key, float(score))
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--questions", type=Path, default=REPO / "assistant" / "calibration" / "questions.jsonl")
    ap.add_argument("--chain", action="store_true", help="also through the whole answerer")
    ap.add_argument("--english", action="store_true", help="also the English list weights, whole answerer")
    args = ap.parse_args(argv)
    everything = [json.loads(line) for line in args.questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in everything if r.get("answerable") and r.get("case_id")]
    retriever = open_retriever(Settings.from_env(store=args.store))
    bm25 = retriever.refresh()
    case_of = {ref.key: (ref.case_id or "").lower() for ref in bm25.refs}
    vecs = retriever.embedder.embed_queries([r["question"] for r in rows])
    lists = []
    for r, v in zip(rows, vecs, strict=True):
        dense = item_list([(c, x) for c, x in retriever.store.dense_ids(v, 4 * DEPTH) if bm25.has(c)][:DEPTH], bm25)
        words = item_list(bm25.search(r["question"], DEPTH), bm25)
        lists.append((r["case_id"].lower(), dense, words))

    def report(name: str, fused_of) -> None:  # type: ignore[no-untyped-def]
        ranks = []
        for case, dense, words in lists:
            f = fused_of(dense, words)
            order = sorted(f, key=lambda k: -f[k])
            ranks.append(next((i + 1 for i, k in enumerate(order) if case_of.get(k) == case), 10**6))
        n = len(ranks)
        at = {k: sum(x <= k for x in ranks) / n for k in (1, 3, 5, 10)}
        mrr = sum(1 / x for x in ranks) / n
        print(f"{name:22s} n={n}  hit@1 {at[1]:.3f}  hit@3 {at[3]:.3f}  hit@5 {at[5]:.3f}  hit@10 {at[10]:.3f}  MRR {mrr:.3f}")

    report("dense only", lambda d, w: {k: -i for i, k in enumerate(d)})
    report("keywords only", lambda d, w: {k: -i for i, k in enumerate(w)})
    for k in (60, 20, 10, 5):
        old = retrieval.RRF_K
        retrieval.RRF_K = k
        report(f"reciprocal rank k={k}", lambda d, w: fuse([(1.0, d), (1.0, w)], "rrf"))
        retrieval.RRF_K = old
    report("standardised scores", lambda d, w: fuse([(1.0, d), (1.0, w)], "zscore"))
    if args.chain:
        chain(retriever, everything, rows)
    if args.english:
        english_weights(retriever, rows)
    return 0


def _answer(base, weights, questions: list[dict]) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    """Through the whole answerer with ``weights``: hit@1/5 and MRR of the asked case in the
    answer's final ranking, and how many were refused."""
    from assistant.chain import plan
    from vectorstore.retrieval import HybridRetriever, bm25_folder

    settings = base.store.settings
    r = HybridRetriever(base.store, bm25_folder(settings), base.embedder, weights=weights)
    ranks, refused = [], 0
    for row in questions:
        p = plan(row["question"], retriever=r, settings=settings)
        order = [(h.ref.case_id or "").lower() for h in p.hits]
        case = (row.get("case_id") or "").lower()
        ranks.append(next((i + 1 for i, c in enumerate(order) if case and c == case), 10**6))
        refused += p.refused
    n = max(len(ranks), 1)
    at = f"hit@1 {sum(x == 1 for x in ranks) / n:.3f}  hit@5 {sum(x <= 5 for x in ranks) / n:.3f}"
    return f"n={len(ranks)}  {at}  MRR {sum(1 / x for x in ranks) / n:.3f}", refused


def english_weights(base, rows: list[dict]) -> None:  # type: ignore[no-untyped-def]
    from vectorstore.retrieval import Weights
    from vectorstore.translate import is_english

    dev = REPO / "evals" / "dev" / "english.jsonl"
    extra = [json.loads(line) for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    questions = [r for r in [*rows, *extra] if r.get("answerable") and r.get("case_id") and is_english(r["question"])]
    for dense, words in ((1.6, 0.7), (1.0, 1.0)):
        line, refused = _answer(base, Weights(english_dense=dense, english_bm25=words), questions)
        print(f"English, dense {dense} / keywords {words}: {line}  false refusals {refused}/{len(questions)}")


def chain(base, everything: list[dict], rows: list[dict]) -> None:  # type: ignore[no-untyped-def]
    from vectorstore.retrieval import FUSIONS, Weights

    unanswerable = [r for r in everything if not r.get("answerable")]
    for fusion in FUSIONS:
        line, false_refusals = _answer(base, Weights(fusion=fusion), rows)
        _, refused = _answer(base, Weights(fusion=fusion), unanswerable)
        print(
            f"whole answerer, {fusion:6s} {line}  false refusals {false_refusals}/{len(rows)}  "
            f"unanswerable refused {refused}/{len(unanswerable)}"
        )


if __name__ == "__main__":
    sys.exit(main())
