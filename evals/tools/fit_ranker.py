"""Fit the answerer's rerank weights on pseudo-questions made from a store's own minutes.

    python evals/tools/fit_ranker.py --store S [--questions 600] [--seed 13]   # collect + fit + write
    python evals/tools/fit_ranker.py --refit                                    # fit again from the shipped rows

Collect: items of the store are sampled (seeded); each gives up to three pseudo-questions
that ask for it: its title, one sentence of its recommendation (Indstilling) and its decision
text, skipping boilerplate that many items share ("Godkendelse af dagsorden", "Orienteringen
blev taget til efterretning."). A sentence becomes a short question: three to six of its
content words, none of the title's, in a question frame ("Hvad blev der besluttet om ...?"),
as real questions are short and seldom use the item's own words; half the words that have a
related word (``vectorstore.synonyms``) are said with it; three in ten also name the item's
committee and month. Each is asked through the real retriever and read by the real
evidence reader, exactly as the chain does (words first, then sentence embeddings over the
top items), and every retrieved item becomes a row of ranker features with label 1 for the
item asked about and 0 for the others: the hard negatives the retriever itself brings, items
of the same meeting and of the same topic at other meetings. Items of the same case at other
meetings are left out (they are not wrong). Questions are split 80/20 by meeting.

Fit: ``assistant.ranker.fit_rows`` on the training split; the held-out split gives hit@1 with
the fitted weights, with the former hand weights and in the retriever's order, and each
feature's contribution. Writes ``assistant/data/ranker.json`` and the rows to
``assistant/data/ranker_train.jsonl.gz`` (so that ``--refit`` reproduces the weights). The
file's ``use`` ("hand" or "fitted") is kept as it was: which weights the chain uses is decided
on real questions (docs/EVAL.md), not by the fit.

The eval suites are never read here. Out of scope: the refusal calibration
(``assistant/calibrate.py``).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from assistant.chain import rank_features, scope_test  # noqa: E402
from assistant.dates import MONTHS_DA  # noqa: E402
from assistant.evidence import read_items  # noqa: E402
from assistant.question import analyse  # noqa: E402
from assistant.ranker import DATA, HAND_WEIGHTS, TRAIN, fit_rows, read_train  # noqa: E402
from assistant.sentences import normalize_ws, sentences  # noqa: E402
from assistant.vocabulary import vocabulary_of  # noqa: E402
from assistant.words import content_words, stem  # noqa: E402

DATA_DIR = REPO / "assistant"
MIN_WORDS = 5
FRAMES = ("Hvad blev der besluttet om", "Hvad handler sagen om", "Hvad ved vi om", "Hvad skete der med")


def _norm(s: str) -> str:
    return normalize_ws(s).lower()


def _related(word: str, rng: random.Random) -> str:
    """A related word (``vectorstore.synonyms``: the municipal list, the thesaurus) or the word."""
    from vectorstore.synonyms import default_related

    options = sorted(default_related().of(word))
    return rng.choice(options) if options else word


def pseudo_questions(store, bm25, n: int, seed: int) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """(question, kind, item key) for about ``n`` questions, deterministic for a seed."""
    refs = sorted(bm25.refs, key=lambda r: r.key)
    titles = Counter(_norm(r.title) for r in refs)
    rng = random.Random(seed)
    rng.shuffle(refs)
    seen_sents: Counter[str] = Counter()
    chosen: list[tuple[str, str, str]] = []
    items = []
    for ref in refs:
        if len(chosen) >= n:
            break
        if not ref.open or ref.title.lower().startswith("lukket"):
            continue
        try:
            item = store.get_item(ref.key)
        except KeyError:
            continue
        items.append((ref, item))
        rec = [s for sec in item.sections_of("indstilling") for s in sentences(sec.text)]
        for s in rec:
            seen_sents[_norm(s)] += 1
        qs = []
        if titles[_norm(ref.title)] < 3 and len(ref.title.split()) >= 3:
            qs.append((ref.title, "title"))
        rec = [
            s for s in rec if len(s.split()) >= MIN_WORDS and not s.lower().startswith("administrationen indstiller")
        ]
        if rec:
            qs.append((rng.choice(rec), "indstilling"))
        if item.decision and len(item.decision.split()) >= 8:
            dec = sentences(item.decision)
            dec = [s for s in dec if len(s.split()) >= MIN_WORDS and not re.match(r"^(?:afbud|fraværende)", s, re.I)]
            if dec:
                qs.append((dec[0], "beslutning"))
        # Boilerplate that several items share says nothing about which item is meant.
        qs = [(q, kind) for q, kind in qs if seen_sents[_norm(q)] < 3]
        title_words = {stem(w) for w in content_words(ref.title)}
        for q, kind in qs:
            if kind != "title":
                # Real questions are short and seldom use the item's own words: a few of the
                # sentence's content words, none of the title's, in a question frame, so that
                # the retriever's (dense) ranking and partial word matches have to find the item.
                kept = [w for w in content_words(q) if stem(w) not in title_words and not w.isdigit()]
                if len(kept) < 3:
                    continue
                k = min(len(kept), rng.randint(3, 6))
                picked = [kept[i] for i in sorted(rng.sample(range(len(kept)), k))]
                # Half the words that have a related word are said with it ("affald" ->
                # "skrald"): a paraphrase's gap between the question's and the minutes' words.
                picked = [_related(w, rng) if rng.random() < 0.5 else w for w in picked]
                q = f"{rng.choice(FRAMES)} {' '.join(picked)}?"
            if rng.random() < 0.3:
                # Some questions name where and when ("i Økonomiudvalget i marts 2024").
                q = f"{q} ({ref.committee}, {MONTHS_DA[ref.meeting_date.month - 1]} {ref.meeting_date.year})"
            chosen.append((q[:300], kind, ref.key))
    return chosen[:n]


def collect(store_path: Path, n: int, seed: int) -> list[dict]:
    from core.settings import Settings
    from vectorstore.retrieval import open_retriever

    settings = Settings.from_env(store=store_path)
    retriever = open_retriever(settings)
    bm25 = retriever.refresh()
    emb = retriever.embedder
    vocab = vocabulary_of(retriever)
    questions = pseudo_questions(retriever.store, bm25, n, seed)
    print(f"{len(questions)} pseudo-questions", file=sys.stderr)
    rows: list[dict] = []
    t0 = time.time()
    for qi, (q, kind, key) in enumerate(questions):
        case = next((r.case_id for r in bm25.refs if r.key == key), None)
        hits = retriever.retrieve(q, k=10)
        hits = [h for h in hits if h.ref.key == key or not (case and h.ref.case_id == case)]
        if not any(h.ref.key == key for h in hits) or len(hits) < 2:
            continue
        info = analyse(q)
        terms = info.topic or info.content
        weights = {t: vocab.idf(t) for t in terms} if vocab is not None else None
        in_scope = scope_test(retriever, q)
        words_only = read_items(info, q, hits, None, n_items=len(hits), weights=weights)
        embedded = read_items(info, q, hits, emb, n_items=len(hits), weights=weights)
        sha = next(h.ref.source_sha256 for h in hits if h.ref.key == key)
        split = "test" if int(hashlib.sha256(sha.encode()).hexdigest(), 16) % 5 == 0 else "train"
        # Both readings, as the chain ranks both ways (words only; with sentence embeddings).
        for variant, evidence, dense in (("words", words_only, False), ("dense", embedded, True)):
            xs = rank_features(evidence, dense, (), in_scope)
            for e, x in zip(evidence, xs, strict=True):
                rows.append(
                    {
                        "qid": f"{qi}-{variant}",
                        "kind": kind,
                        "split": split,
                        "label": int(e.key == key),
                        "features": {k: round(v, 6) for k, v in x.items()},
                    }
                )
        if qi % 50 == 0:
            print(f"  {qi}/{len(questions)} ({time.time() - t0:.0f} s)", file=sys.stderr)
    return rows


def write(rows: list[dict], store: str | None, seed: int | None) -> dict:
    ranker, _ = fit_rows(rows)
    out = ranker.to_json()
    old = json.loads((DATA_DIR / DATA).read_text(encoding="utf-8")) if (DATA_DIR / DATA).exists() else {}
    # Which weights the chain uses is a decision taken on real questions, not by the fit.
    out["use"] = old.get("use", "hand")
    out["hand_weights"] = HAND_WEIGHTS
    out["fitted"] = True
    out["fitted_on"] = {"store": store, "seed": seed, "rows": len(rows), "script": "evals/tools/fit_ranker.py"}
    (DATA_DIR / DATA).write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, help="the store to make pseudo-questions from")
    ap.add_argument("--questions", type=int, default=600)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--refit", action="store_true", help="fit again from the shipped training rows")
    args = ap.parse_args(argv)
    train = DATA_DIR / TRAIN
    if args.refit:
        rows = read_train(train)
        old = json.loads((DATA_DIR / DATA).read_text(encoding="utf-8"))
        out = write(rows, (old.get("fitted_on") or {}).get("store"), (old.get("fitted_on") or {}).get("seed"))
    else:
        if args.store is None:
            ap.error("--store is needed to collect pseudo-questions (or --refit)")
        rows = collect(args.store, args.questions, args.seed)
        body = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows)
        train.write_bytes(gzip.compress(body.encode("utf-8"), mtime=0))
        out = write(rows, str(args.store), args.seed)
    print(json.dumps({k: v for k, v in out.items() if k != "features"}, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
