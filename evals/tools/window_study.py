"""Would sentence windows find the right item better than the store's chunks? A study on the
development questions (the suite's paraphrase and English questions are reported beside them,
nothing is chosen on them).

    python evals/tools/window_study.py --store S [--words 50] [--cache DIR]

The store embeds chunks of about 240 words, so a question about one detail ("det utætte tag
på børnehaven") is compared with a passage about much else. This study embeds every candidate
item's text again as short windows (sentences joined up to ``--words`` words, the title in
front of each) and scores the item by its best window, against its best chunk
(``Store.dense_ids``, the same e5 vectors the retriever reads).

Candidates per question: the retriever's top 30 items, plus the asked items (the case of a
development question; the expected item of a suite question) wherever they rank. Reported,
as hit@1 and MRR of the asked item among the candidates:

- dense only: best chunk against best window;
- the retriever's fused score alone, and with the window score added (both standardised over
  the top ``n`` items, window weight 0.25 to 1): an item outside the top ``n`` cannot be
  lifted, so this is what a rerank stage over stored window vectors could gain.

Development questions: the refusal calibration's answerable ones
(``assistant/calibration/questions.jsonl``) and ``evals/dev/english.jsonl``. Windows cost one
embedding each (about 1,600 items, 25 minutes on 2 cores); ``--cache`` keeps them between runs.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from core.settings import Settings  # noqa: E402
from evals.suite import load_suite  # noqa: E402
from vectorstore.retrieval import open_retriever  # noqa: E402

TOP = 30
DENSE_DEPTH = 3000
_SENTENCE = re.compile(r"(?<=[.!?:;])\s+|\n\s*")


def windows(title: str, text: str, max_words: int) -> list[str]:
    """The item's sentences joined into windows of at most ``max_words`` words (a sentence
    longer than that is a window of its own), each window's last sentence opening the next
    when it is short; the title in front of every window."""
    out: list[str] = []
    cur: list[str] = []
    for sentence in (s for s in _SENTENCE.split(text) if s.strip()):
        if cur and sum(len(s.split()) for s in cur) + len(sentence.split()) > max_words:
            out.append(" ".join(cur))
            cur = cur[-1:] if len(cur[-1].split()) < max_words // 2 else []
        cur.append(sentence)
    if cur:
        out.append(" ".join(cur))
    return [f"{title}. {w}" for w in out] or [title]


def questions(include_suite: bool) -> list[tuple[str, str, object]]:
    """(set, question, gold): gold is a case id (development) or a suite ``Expected``."""
    out: list[tuple[str, str, object]] = []
    for path, name in (
        (REPO / "assistant" / "calibration" / "questions.jsonl", "dev"),
        (REPO / "evals" / "dev" / "english.jsonl", "dev English"),
    ):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else {}
            if row.get("answerable") and row.get("case_id"):
                out.append((name, row["question"], row["case_id"]))
    if include_suite:
        for q in load_suite(REPO / "evals" / "suites" / "full.jsonl"):
            if q.answerable and q.expected is not None and q.kind in ("paraphrase", "english"):
                out.append((f"suite {q.kind}", q.question, q.expected))
    return out


def _is_gold(gold: object, ref) -> bool:  # type: ignore[no-untyped-def]
    if isinstance(gold, str):
        return (ref.case_id or "").lower() == gold.lower()
    return gold.matches(ref.meeting_date.isoformat(), ref.item_number, ref.case_id)  # type: ignore[attr-defined]


def _rank(gold: list[bool], scores: np.ndarray) -> int:
    """1 + the candidates that are not asked and score above the best asked one (99: none asked)."""
    if not any(gold):
        return 99
    best = max(s for s, g in zip(scores, gold, strict=True) if g)
    return 1 + sum(1 for s, g in zip(scores, gold, strict=True) if not g and s > best)


def _z(x: np.ndarray) -> np.ndarray:
    return (x - x.mean()) / (x.std() or 1.0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--words", type=int, default=50, help="a window's most words (default 50)")
    ap.add_argument("--cache", type=Path, help="folder that keeps the window vectors between runs")
    ap.add_argument("--no-suite", action="store_true", help="the development questions only")
    args = ap.parse_args(argv)
    retriever = open_retriever(Settings.from_env(store=args.store))
    bm25 = retriever.refresh()
    store, embedder = retriever.store, retriever.embedder
    cache_file = args.cache / f"windows_{args.words}.npz" if args.cache else None
    cache: dict[str, np.ndarray] = {}
    if cache_file and cache_file.exists():
        with np.load(cache_file) as saved:
            cache = {k: saved[k] for k in saved.files}
    rows: list[tuple[str, list[bool], np.ndarray, np.ndarray, np.ndarray]] = []
    for name, question, gold in questions(not args.no_suite):
        hits = retriever.retrieve(question, k=TOP)
        refs = {h.ref.key: h.ref for h in hits}
        fused = {h.ref.key: h.score for h in hits}
        case = gold if isinstance(gold, str) else gold.key.case_id  # type: ignore[attr-defined]
        for ref in store.items_by_case(case) if case else []:
            if _is_gold(gold, ref):
                refs.setdefault(ref.key, ref)
        vec = embedder.embed_queries([question])[0]
        chunk_best: dict[str, float] = {}
        for chunk_id, sim in store.dense_ids(vec, DENSE_DEPTH):
            if bm25.has(chunk_id):
                key = bm25.ref_of(chunk_id).key
                chunk_best.setdefault(key, sim)  # nearest first: the first is the best
        floor = min(chunk_best.values(), default=0.0)
        keys = list(refs)
        for key in keys:
            if key not in cache:
                item = store.get_item(key)
                cache[key] = np.asarray(embedder.embed_passages(windows(item.title, item.text, args.words)))
        rows.append(
            (
                name,
                [_is_gold(gold, refs[k]) for k in keys],
                np.array([chunk_best.get(k, floor) for k in keys]),
                np.array([float((cache[k] @ vec).max()) for k in keys]),
                np.array([fused.get(k, -1.0) for k in keys]),
            )
        )
    if cache_file:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cache_file, **cache)

    def report(label: str, rank_of) -> None:  # type: ignore[no-untyped-def]
        by: dict[str, list[int]] = defaultdict(list)
        for name, gold, chunk, window, fused in rows:
            by[name].append(rank_of(gold, chunk, window, fused))
        cells = []
        for name, ranks in by.items():
            r = np.array(ranks)
            cells.append(f"{name} (n={len(r)}) hit@1 {(r == 1).mean():.3f} MRR {(1 / r).mean():.3f}")
        print(f"{label:34s} " + " | ".join(cells))

    report("dense only, best chunk", lambda g, c, w, f: _rank(g, c))
    report(f"dense only, best {args.words}-word window", lambda g, c, w, f: _rank(g, w))
    for top in (10, 30):
        for weight in (0.0, 0.25, 0.5, 1.0):

            def fused_plus(g, c, w, f, top=top, weight=weight):  # type: ignore[no-untyped-def]
                keep = np.argsort(-f, kind="stable")[:top]
                score = _z(f[keep]) + weight * _z(w[keep])
                return _rank([g[i] for i in keep], score)

            report(f"fused top {top} + {weight} x window", fused_plus)
    return 0


if __name__ == "__main__":
    sys.exit(main())
