"""Answer latency on a store: warm ``answer_question`` p50/p95 (default grounded mode), the
search alone, a cold ``referat ask`` in a new process with where its time goes, and the naive
llama-index baseline on the same questions.

    .venv/bin/python bench/answer.py --store /tmp/referat-full              # ~50 questions
    .venv/bin/python bench/answer.py --store /tmp/referat-full --baseline   # + naive llama-index
    .venv/bin/python bench/answer.py --store DIR --questions 20 --cold 2

Questions: ``--questions`` questions from ``evals/suites/full.jsonl`` (every kind in turn:
decision, number, who, paraphrase, English, case and item lookups, unanswerable, filtered;
follow-ups asked on their own), the same set on every run.

- warm: one process, the retriever opened once (``open_retriever``), one warm-up question
  (model, BM25 index), then each question timed through ``answer_question`` exactly as
  ``referat ask`` calls it, and ``retriever.retrieve`` (search only) on the same question;
- cold: ``referat --store DIR ask QUESTION --json`` in a fresh process, wall time (best and
  worst of ``--cold`` runs), and a breakdown from a child process that times each step the
  command takes: imports, store open, model load, BM25 load, the first answer;
- ``--baseline``: ``evals.baselines.NaiveLlamaIndexBaseline`` on the same store and questions
  (its node vectors cached in ``--cache``, so its build is paid once; bench/ingest.py times it).

Out of scope: LLM answer modes (their latency is the LLM's), the web app (bench/load_ui.py).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SUITE = REPO / "evals" / "suites" / "full.jsonl"


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def pct(values: list[float], p: float) -> float:
    v = sorted(values)
    if not v:
        return float("nan")
    i = min(len(v) - 1, max(0, round(p / 100 * (len(v) - 1))))
    return v[i]


def summary(name: str, ms: list[float], cpu: list[float] | None = None) -> str:
    line = (
        f"{name:<26} n={len(ms):3d}  p50 {pct(ms, 50):7.1f} ms  p95 {pct(ms, 95):7.1f} ms  "
        f"max {max(ms):7.1f} ms  mean {sum(ms) / len(ms):7.1f} ms"
    )
    if cpu:  # CPU time of this process: what the work costs, whatever the load of others
        line += f"  | CPU p50 {pct(cpu, 50):7.1f} ms  p95 {pct(cpu, 95):7.1f} ms"
    return line


class Timer:
    """Wall and CPU (this process, all threads) milliseconds of a block."""

    def __enter__(self) -> Timer:
        self.w, self.c = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = (time.perf_counter() - self.w) * 1000
        self.cpu = (time.process_time() - self.c) * 1000


def pick_questions(n: int, suite: Path = SUITE) -> list[str]:
    """``n`` questions, kinds taken in turn so that every kind is represented."""
    rows = [json.loads(line) for line in suite.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_kind: dict[str, list[str]] = {}
    for r in rows:
        by_kind.setdefault(r["kind"], []).append(r["question"])
    out: list[str] = []
    while len(out) < n and any(by_kind.values()):
        for kind in sorted(by_kind):
            if by_kind[kind] and len(out) < n:
                out.append(by_kind[kind].pop(0))
    return out


CHILD = r"""
import json, sys, time
t0, c0 = time.perf_counter(), time.process_time(); steps = {}
def mark(name):
    global t0, c0
    t, c = time.perf_counter(), time.process_time()
    steps[name] = [round((t - t0) * 1000, 1), round((c - c0) * 1000, 1)]; t0, c0 = t, c
sys.path.insert(0, sys.argv[1])
from core.settings import Settings
from referat.cli import main as _cli_main  # what the console script imports first
mark("import referat.cli")
from assistant.chain import answer_question
from vectorstore.retrieval import open_retriever
mark("import assistant.chain + vectorstore.retrieval")
settings = Settings.from_env(store=sys.argv[2])
from vectorstore.store import Store
store = Store.open(settings)
mark("Store.open (chromadb client, registry)")
from vectorstore.embedding import load_embedder
emb = load_embedder(settings)
mark("load_embedder (model load)")
retriever = open_retriever(settings, store=store, embedder=emb)
retriever.refresh()
mark("BM25 index load + store stats")
emb.embed_queries(["hej"])
mark("first query embedding")
answer_question(sys.argv[3], retriever=retriever, settings=settings)
mark("first answer_question")
print(json.dumps(steps))
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--store", type=Path, default=Path("/tmp/referat-full"), help="store folder (default /tmp/referat-full)"
    )
    ap.add_argument("--questions", type=int, default=50, help="questions to time (default 50)")
    ap.add_argument("--suite", type=Path, default=SUITE, help="question suite (default evals/suites/full.jsonl)")
    ap.add_argument("--cold", type=int, default=3, help="cold `referat ask` runs (default 3; 0 skips)")
    ap.add_argument("--baseline", action="store_true", help="also time the naive llama-index baseline")
    ap.add_argument(
        "--cache",
        type=Path,
        default=Path("/tmp/referat-bench-cache"),
        help="naive baseline vector cache (default /tmp/referat-bench-cache)",
    )
    ap.add_argument("--skip-warm", action="store_true", help="only the cold runs")
    ap.add_argument(
        "--threads", type=int, default=None, help="torch threads in this process (default: torch's own, 2 here)"
    )
    args = ap.parse_args(argv)

    from core.settings import Settings

    settings = Settings.from_env(store=args.store).replace(llm="grounded")
    questions = pick_questions(args.questions, args.suite)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores; python {platform.python_version()}; "
        f"load average at start {load()}"
    )
    print(f"store: {args.store}; {len(questions)} questions from {args.suite.name}")

    if not args.skip_warm:
        import torch

        if args.threads:
            # subtle: on a loaded machine torch's second thread mostly waits for a core, and
            # one short query gains nothing from it; 1 thread shows the work itself.
            torch.set_num_threads(args.threads)
        print(f"torch threads: {torch.get_num_threads()}")
        from assistant.chain import answer_question
        from vectorstore.embedding import load_embedder
        from vectorstore.retrieval import open_retriever
        from vectorstore.store import Store

        store = Store.open(settings)
        st = store.stats()
        print(f"store holds {store.chunk_count()} chunks; stats: {st}"[:300])
        emb = load_embedder(settings)
        retriever = open_retriever(settings, store=store, embedder=emb)
        t0 = time.perf_counter()
        answer_question(questions[0], retriever=retriever, settings=settings)  # warm-up
        print(f"warm-up (first answer, BM25 index load or build): {time.perf_counter() - t0:.1f} s")
        ans, search, embed, refused = [], [], [], 0
        for q in questions:
            with Timer() as t:
                a = answer_question(q, retriever=retriever, settings=settings)
            ans.append(t)
            refused += bool(a.refused)
            with Timer() as t:
                retriever.retrieve(q, k=10)
            search.append(t)
            with Timer() as t:
                emb.embed_queries([q])
            embed.append(t)
        ans_ms = [t.wall for t in ans]
        print(summary("answer_question (warm)", ans_ms, [t.cpu for t in ans]) + f"  refused {refused}/{len(questions)}")
        print(summary("retrieve k=10 (search)", [t.wall for t in search], [t.cpu for t in search]))
        print(summary("embed_queries (1 query)", [t.wall for t in embed], [t.cpu for t in embed]))
        print(
            f"goal: p50 <= 150 ms, p95 <= 400 ms -> "
            f"{'met' if pct(ans_ms, 50) <= 150 and pct(ans_ms, 95) <= 400 else 'MISSED'}; load average {load()}"
        )

        if args.baseline:
            from evals.baselines import NaiveLlamaIndexBaseline

            base = NaiveLlamaIndexBaseline(store, emb, cache_dir=args.cache)
            t0 = time.perf_counter()
            base.ask(questions[0])
            print(
                f"naive llama-index: build (cached vectors in {args.cache}) + first ask {time.perf_counter() - t0:.1f} s"
            )
            b = []
            for q in questions:
                with Timer() as t:
                    base.ask(q)
                b.append(t)
            print(summary("naive llama-index ask", [t.wall for t in b], [t.cpu for t in b]))
        store.close()

    if args.cold:
        env = dict(os.environ, REFERAT_LLM="grounded")
        q = questions[1 % len(questions)]
        cmd = [str(REPO / ".venv" / "bin" / "referat"), "--store", str(args.store), "ask", q, "--json"]
        walls = []
        for _ in range(args.cold):
            t0 = time.perf_counter()
            proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=REPO)
            walls.append(time.perf_counter() - t0)
            if proc.returncode != 0:
                print(f"referat ask failed ({proc.returncode}): {proc.stderr[-500:]}")
        print(
            f"cold `referat ask` wall: best {min(walls):.2f} s, worst {max(walls):.2f} s over {len(walls)} runs "
            f"(goal <= 5 s); load average {load()}"
        )
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, str(REPO), str(args.store), q],
            capture_output=True,
            text=True,
            env=env,
            cwd=REPO,
        )
        if proc.returncode == 0:
            steps = json.loads(proc.stdout.strip().splitlines()[-1])
            print(
                "cold breakdown (wall / CPU): "
                + "; ".join(f"{k} {w / 1000:.2f} / {c / 1000:.2f} s" for k, (w, c) in steps.items())
            )
            cpu = sum(c for _, c in steps.values()) / 1000
            print(f"cold CPU in all: {cpu:.1f} s (about the wall time on an idle machine: start-up is one thread)")
        else:
            print(f"cold breakdown failed: {proc.stderr[-800:]}")
    print("rerun: .venv/bin/python bench/answer.py " + " ".join(argv if argv is not None else sys.argv[1:]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
