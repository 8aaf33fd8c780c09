"""Adapting e5 to the minutes, the cheap way: a linear map on query embeddings (issue 13, item 6).

    python evals/tools/query_adapter_study.py --store S [--questions 8000] [--seed 21]

Pseudo-questions are made from the store's own items (``fit_ranker.pseudo_questions``: titles,
recommendation and decision sentences as short questions); never from the eval suites. Their
e5 query embeddings and the store's chunk embeddings (read from Chroma) train a map
``q -> normalise(q W + b)``, W started at the identity and held near it by an L2 penalty
(lambda), by a softmax over every chunk of the store (temperature 0.02), the chunks of the
asked item being the right ones. Items are split 80/20 by document; the report is the
held-out item recall of the dense side alone (an item ranks by its best chunk), base model
against adapted, for each lambda. Passages are not re-embedded, so the store stays as it is.

The result (docs/EVAL.md, "query-side adapter"): held-out recall improves a little, the
suite does not, so nothing ships. Needs torch (the CPU build the project installs).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_ranker import pseudo_questions  # noqa: E402

from core.settings import Settings  # noqa: E402
from vectorstore.retrieval import open_retriever  # noqa: E402


def chunk_vectors(store) -> tuple[np.ndarray, list[str], list[str]]:  # type: ignore[no-untyped-def]
    """All chunk embeddings of the store with their item keys and document hashes."""
    col = store._col  # the Chroma collection: the study reads the stored vectors as they are
    vecs, keys, shas, offset = [], [], [], 0
    while True:
        page = col.get(include=["embeddings", "metadatas"], limit=5000, offset=offset)
        vecs.append(np.asarray(page["embeddings"], dtype=np.float32))
        keys += [m["item_key"] for m in page["metadatas"]]
        shas += [m["source_sha256"] for m in page["metadatas"]]
        if len(page["ids"]) < 5000:
            return np.vstack(vecs), keys, shas
        offset += 5000


def item_ranks(q: np.ndarray, p: np.ndarray, chunk_item: np.ndarray, n_items: int, target: np.ndarray) -> np.ndarray:
    sims = q @ p.T
    ranks = []
    for i in range(len(q)):
        best = np.full(n_items, -9.0, dtype=np.float32)
        np.maximum.at(best, chunk_item, sims[i])
        ranks.append(int((best > best[target[i]]).sum()))
    return np.array(ranks)


def fit(q, p, chunk_item, target, train, lam: float, epochs: int = 5, tau: float = 0.02, seed: int = 0):  # type: ignore[no-untyped-def]
    import torch

    torch.manual_seed(seed)
    pt, ci, qt = torch.tensor(p), torch.tensor(chunk_item), torch.tensor(q)
    w = torch.nn.Parameter(torch.eye(p.shape[1]))
    b = torch.nn.Parameter(torch.zeros(p.shape[1]))
    opt = torch.optim.Adam([w, b], lr=1e-3)
    tr = torch.tensor(train)
    for _ in range(epochs):
        order = tr[torch.randperm(len(tr))]
        for s in range(0, len(order), 128):
            bi = order[s : s + 128]
            qa = torch.nn.functional.normalize(qt[bi] @ w + b, dim=1)
            logits = qa @ pt.T / tau
            right = ci[None, :] == torch.tensor(target[bi.numpy()])[:, None]
            lp = torch.logsumexp(logits.masked_fill(~right, -1e9), 1) - torch.logsumexp(logits, 1)
            loss = -lp.mean() + lam * (((w - torch.eye(w.shape[0])) ** 2).sum() + (b**2).sum())
            opt.zero_grad()
            loss.backward()
            opt.step()
    return w.detach().numpy(), b.detach().numpy()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--questions", type=int, default=8000)
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--save", type=Path, help="write the adapter of the last lambda (npz: W, b)")
    args = ap.parse_args(argv)
    t0 = time.time()
    retriever = open_retriever(Settings.from_env(store=args.store))
    bm25 = retriever.refresh()
    qs = pseudo_questions(retriever.store, bm25, args.questions, args.seed)
    q = retriever.embedder.embed_queries([x for x, _, _ in qs])
    p, keys, shas = chunk_vectors(retriever.store)
    items = sorted(set(keys))
    index = {k: i for i, k in enumerate(items)}
    chunk_item = np.array([index[k] for k in keys])
    sha_of = dict(zip(keys, shas, strict=True))
    usable = [i for i, (_, _, k) in enumerate(qs) if k in index]
    target = np.array([index.get(k, -1) for _, _, k in qs])
    test = [i for i in usable if int(hashlib.sha256(sha_of[qs[i][2]].encode()).hexdigest(), 16) % 5 == 0]
    held = set(test)
    train = [i for i in usable if i not in held]
    print(f"{len(qs)} pseudo-questions ({len(train)} train, {len(test)} held out), {len(p)} chunks, {time.time() - t0:.0f} s")
    te = np.array(test)

    def report(name: str, qa: np.ndarray) -> None:
        r = item_ranks(qa, p, chunk_item, len(items), target[te])
        print(f"{name:22s} recall@1 {np.mean(r < 1):.3f}  @5 {np.mean(r < 5):.3f}  @10 {np.mean(r < 10):.3f}  @50 {np.mean(r < 50):.3f}")

    report("base e5", q[te])
    for lam in (1.0, 0.1, 0.01):
        w, b = fit(q, p, chunk_item, target, train, lam)
        qa = q[te] @ w + b
        report(f"adapted, lambda {lam}", qa / np.linalg.norm(qa, axis=1, keepdims=True))
        if args.save:
            np.savez(args.save, W=w, b=b)
    return 0


if __name__ == "__main__":
    sys.exit(main())
