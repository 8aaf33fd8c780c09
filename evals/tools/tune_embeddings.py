"""Adapt the embedding model to a store's own minutes (inverse cloze), into a separate folder.

    python evals/tools/tune_embeddings.py --store S --out DIR [--pairs 3000] [--seed 0]
    python evals/tools/tune_embeddings.py --store S --compare BASE_DIR TUNED_DIR [--k 20]

Tune: every chunk of the store with a body of 60 words or more gives one *inverse cloze* pair:
one of its sentences (8-40 words) is the query, and the chunk with that sentence taken out
(its header of title, case, committee and date kept) is the passage the query must find.
Nothing is labelled by hand and the eval suites are never read. Pairs are split 80/20 by case
(a case's chunks all on one side), so that the held-out pairs come from cases the model never
saw. The transformer layers of the converted multilingual-e5-small (never the word embeddings)
are trained with in-batch negatives (softmax over the batch's passages, scale 20, AdamW, lr
2e-5, batch 32, passages cut at 256 tokens) for one pass over ``--pairs`` training pairs; the
result is written to ``DIR`` as a normal sentence-transformers folder with
``referat-tuning.json`` (parameters, held-out hit@1 and MRR of the base and the tuned model
over a pool of 400 held-out pairs). The base folder is never written.

Compare: the suite's paraphrase and English questions (``--kinds``), each with the retriever's
top ``--k`` items from S (built with the base model), reranked by each model alone (an item's
score: its best chunk's cosine with the question). Prints where the expected item lands; a
measurement of the model, not of the answerer.

A tuned folder is not what the answerer uses: the store's vectors, the confidence's dense
centre and the rerank's dense weight are all the base model's (docs/EVAL.md, "sixth session").
About 25 minutes for 3,000 pairs on two cores; comparing embeds ~7,000 chunks per model.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from assistant.sentences import sentences

MIN_BODY_WORDS = 60
QUERY_WORDS = (8, 40)
HELD_OUT = 5  # one case in five
POOL = 400


def held_out(case_or_key: str) -> bool:
    """Whether a case's pairs are held out (a stable hash of the case ID, one in ``HELD_OUT``)."""
    return int(hashlib.sha1(case_or_key.encode()).hexdigest(), 16) % HELD_OUT == 0


def cloze_pair(text: str, rng: random.Random) -> tuple[str, str] | None:
    """(query sentence, passage without it) for one chunk's text ("header\\n\\nbody"), or None
    when its body is short or holds no sentence of 8-40 words."""
    head, _, body = text.partition("\n\n")
    if len(body.split()) < MIN_BODY_WORDS:
        return None
    lo, hi = QUERY_WORDS
    candidates = [s for s in sentences(body) if lo <= len(s.split()) <= hi and not s.endswith(":")]
    if not candidates:
        return None
    query = rng.choice(candidates)
    rest = " ".join(body.replace("\n", " ").split()).replace(query, " ")
    return query, f"{head}\n\n{rest}"


def pairs_of(chunks, seed: int = 0):  # type: ignore[no-untyped-def]
    """(train, held-out) lists of (item key, query, passage), in a seeded order (over the
    store's own order of chunks), and the generator for what else is drawn."""
    rng = random.Random(seed)
    chunks = list(chunks)
    rng.shuffle(chunks)
    train, test = [], []
    for c in chunks:
        pair = cloze_pair(c.text, rng)
        if pair is None:
            continue
        (test if held_out(c.ref.case_id or c.ref.key) else train).append((c.ref.key, *pair))
    return train, test, rng


def _held_out_scores(model, test) -> dict[str, float]:  # type: ignore[no-untyped-def]
    import numpy as np

    q = model.encode(["query: " + t[1] for t in test], batch_size=32, normalize_embeddings=True)
    p = model.encode(["passage: " + t[2] for t in test], batch_size=16, normalize_embeddings=True)
    sims = q @ p.T
    ranks = [int((sims[i] > sims[i, i]).sum()) for i in range(len(test))]
    return {"hit1": round(float(np.mean([r == 0 for r in ranks])), 3),
            "mrr": round(float(np.mean([1 / (r + 1) for r in ranks])), 3)}  # fmt: skip


def tune(store, base: Path, out: Path, n_pairs: int, seed: int) -> dict:  # type: ignore[no-untyped-def]
    import torch
    from sentence_transformers import SentenceTransformer

    if out.resolve() == base.resolve():
        raise SystemExit(f"{out}: the tuned model goes to its own folder, never over the base model")
    torch.manual_seed(seed)
    train, test, rng = pairs_of(store.iter_chunks(), seed)
    train, test = train[:n_pairs], test[:POOL]
    model = SentenceTransformer(str(base), device="cpu")
    model.max_seq_length = 256
    before = _held_out_scores(model, test)
    print(f"base: held-out hit@1 {before['hit1']} MRR {before['mrr']} (pool {len(test)})", flush=True)
    for name, p in model.named_parameters():
        p.requires_grad = "word_embeddings" not in name
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=2e-5)
    model.train()
    rng.shuffle(train)
    started = time.time()
    for step in range(len(train) // 32):
        batch, seen = [], set()
        for key, q, p in train[step * 32 : (step + 1) * 32]:
            if key not in seen:  # one pair per item: an item's other chunk is no negative
                seen.add(key)
                batch.append((q, p))
        fq = model.tokenize(["query: " + q for q, _ in batch])
        fp = model.tokenize(["passage: " + p for _, p in batch])
        eq = torch.nn.functional.normalize(model(fq)["sentence_embedding"], dim=-1)
        ep = torch.nn.functional.normalize(model(fp)["sentence_embedding"], dim=-1)
        loss = torch.nn.functional.cross_entropy(eq @ ep.T * 20.0, torch.arange(len(batch)))
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 10 == 0:
            print(f"step {step} loss {loss.item():.3f} ({time.time() - started:.0f} s)", flush=True)
    model.eval()
    after = _held_out_scores(model, test)
    print(f"tuned: held-out hit@1 {after['hit1']} MRR {after['mrr']}", flush=True)
    model.save(str(out))
    report = {"base": str(base), "pairs": len(train), "held_out_pool": len(test), "seed": seed,
              "held_out_base": before, "held_out_tuned": after, "seconds": round(time.time() - started)}  # fmt: skip
    (out / "referat-tuning.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    return report


def compare(retriever, folders: list[Path], kinds: set[str], k: int) -> None:  # type: ignore[no-untyped-def]
    from sentence_transformers import SentenceTransformer

    from evals.suite import load_suite

    suite = Path(__file__).resolve().parents[1] / "suites" / "full.jsonl"
    qs = [q for q in load_suite(suite) if q.kind in kinds and q.answerable and q.expected]
    by_item: dict[str, list] = {}  # type: ignore[type-arg]
    for c in retriever.store.iter_chunks():
        by_item.setdefault(c.ref.key, []).append(c)
    cands = {}
    for q in qs:
        hits = retriever.retrieve(q.question, k=k)
        cands[q.id] = {h.ref.key: q.expected.matches(h.ref.meeting_date.isoformat(), h.ref.item_number, h.ref.case_id)
                       for h in hits}  # fmt: skip
    texts, owner = [], []
    for key in sorted({key for v in cands.values() for key in v}):
        for c in by_item.get(key, []):
            texts.append("passage: " + c.text)
            owner.append(key)
    print(f"{len(qs)} questions, {len(owner)} chunks of their top-{k} items", flush=True)
    for folder in folders:
        model = SentenceTransformer(str(folder), device="cpu")
        model.max_seq_length = 512  # whole chunks, whatever the folder was tuned with
        passages = model.encode(texts, batch_size=16, normalize_embeddings=True)
        queries = model.encode(["query: " + q.question for q in qs], batch_size=32, normalize_embeddings=True)
        hit1 = mrr = 0.0
        for i, q in enumerate(qs):
            best: dict[str, float] = {}
            for sim, key in zip(passages @ queries[i], owner, strict=True):
                if key in cands[q.id]:
                    best[key] = max(best.get(key, -1.0), float(sim))
            order = sorted(cands[q.id], key=lambda key: -best.get(key, -1.0))
            rank = next((r for r, key in enumerate(order) if cands[q.id][key]), None)
            if rank is not None:
                hit1 += rank == 0
                mrr += 1 / (rank + 1)
        print(f"{folder}: dense rerank of the top {k}: hit@1 {hit1 / len(qs):.3f}  MRR {mrr / len(qs):.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", required=True)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--pairs", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--compare", nargs="+", type=Path)
    ap.add_argument("--kinds", default="paraphrase,english")
    ap.add_argument("--k", type=int, default=20)
    args = ap.parse_args()

    from core.settings import Settings
    from vectorstore.embedding import load_embedder, model_folder
    from vectorstore.retrieval import open_retriever

    settings = Settings.from_env(store=args.store)
    retriever = open_retriever(settings)
    if args.compare:
        compare(retriever, args.compare, set(args.kinds.split(",")), args.k)
    elif args.out:
        load_embedder(settings)  # converts the base model on first use
        print(json.dumps(tune(retriever.store, model_folder(settings), args.out, args.pairs, args.seed), indent=1))
    else:
        ap.error("--out DIR or --compare BASE TUNED")


if __name__ == "__main__":
    main()
