"""``referat eval SUITE.jsonl``: run a question suite against the current store and print
quality figures (hit@k, MRR, citations, facts, refusals, latency), overall and by kind.

Heavy imports (models, Chroma, llama-index, matplotlib) happen inside ``run``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

HELP = "run a question suite and print retrieval, answer, citation and refusal metrics"
PIPELINE_CHOICES = ("referat", "bm25", "dense", "naive-llamaindex", "all")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("suite", help="suite file, JSON Lines (format: evals/README.md)")
    parser.add_argument(
        "--pipeline",
        choices=PIPELINE_CHOICES,
        default="referat",
        help="what to evaluate: referat (default), a baseline, or all four side by side",
    )
    parser.add_argument("--json", action="store_true", help="print metrics and per-question results as JSON")
    parser.add_argument("--report", metavar="DIR", help="write report.md and PNG charts into DIR")
    parser.add_argument("--report-md", metavar="FILE", help="write the report's markdown here instead of DIR/report.md")
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N questions")
    parser.add_argument(
        "--stratify",
        action="store_true",
        help="ask the questions round-robin over kinds, so that --limit N is a stratified sample",
    )
    parser.add_argument(
        "--save",
        metavar="FILE.jsonl",
        help="append each result to FILE as it is done; a rerun with the same FILE resumes",
    )
    parser.add_argument(
        "--load",
        action="append",
        metavar="RESULTS.json",
        help="do not run: rescore saved 'referat eval --json' output against SUITE (repeatable, for reports)",
    )


def run(args: argparse.Namespace, settings: Any) -> int:
    from core.errors import InputError
    from evals.runner import (
        PIPELINES,
        interleave_by_kind,
        open_pipeline,
        prompt_versions,
        run_from_dict,
        run_suite,
    )
    from evals.suite import load_suite
    from referat import __version__
    from vectorstore.embedding import load_embedder
    from vectorstore.store import Store

    if args.limit is not None and args.limit < 1:
        raise InputError(f"--limit {args.limit}: must be at least 1")
    if args.report_md and not args.report:
        raise InputError("--report-md needs --report DIR (where the charts go)")
    questions = load_suite(Path(args.suite))
    if args.stratify:
        questions = interleave_by_kind(questions)
    if args.load:
        return _report_saved(args, questions, run_from_dict, prompt_versions)
    names = list(PIPELINES) if args.pipeline == "all" else [args.pipeline]
    embedder = load_embedder(settings)
    store = Store.open(settings, embedder)
    tty = sys.stderr.isatty()

    saved = _saved_runs(Path(args.save), questions, run_from_dict) if args.save and Path(args.save).exists() else {}

    def progress(i: int, n: int, result: Any) -> None:
        if args.save and result.question.id not in done:
            import json

            with open(args.save, "a", encoding="utf-8") as f:
                f.write(json.dumps({"pipeline": pipeline.name, **result.to_dict()}, ensure_ascii=False) + "\n")
        if tty:
            print(f"\r{pipeline.name}: {i}/{n}", end="" if i < n else "\n", file=sys.stderr, flush=True)

    runs = []
    for name in names:
        pipeline = open_pipeline(name, settings, store=store, embedder=embedder)
        done = {r.question.id: r for r in saved[name].results} if name in saved else {}
        runs.append(run_suite(questions, pipeline, limit=args.limit, progress=progress, done=done))

    info = {
        "suite": str(args.suite),
        "questions": len(runs[0].results),
        "referat_version": __version__,
        "store": settings.chroma_url or str(settings.store),
        "collection": settings.collection,
        "embedding_model": getattr(embedder, "name", "?"),
        "llm": settings.llm,
        "llm_model": settings.llm_model,
        "prompt_versions": prompt_versions(),
    }
    return _output(args, runs, info)


def _report_saved(args: argparse.Namespace, questions: list[Any], run_from_dict: Any, prompt_versions: Any) -> int:
    import json

    from core.errors import InputError

    runs = []
    info: dict[str, Any] = {}
    for name in args.load:
        path = Path(name)
        if path.suffix == ".jsonl":
            runs += list(_saved_runs(path, questions, run_from_dict).values())
            info = info or {"suite": str(args.suite), "prompt_versions": prompt_versions()}
            continue
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(f"{name}: cannot read saved results ({exc})") from None
        parts = list(d["pipelines"].values()) if isinstance(d.get("pipelines"), dict) else [d]
        runs += [run_from_dict(p, questions, name) for p in parts]
        info = info or {"suite": str(args.suite), **(d.get("settings") or {})}
        info.setdefault("prompt_versions", d.get("prompt_versions") or prompt_versions())
    info["questions"] = len(runs[0].results)
    return _output(args, runs, info)


def _saved_runs(path: Path, questions: list[Any], run_from_dict: Any) -> dict[str, Any]:
    """Results appended by ``--save`` (JSON Lines), one ``Run`` per pipeline, in suite order."""
    import json

    from core.errors import InputError

    by_pipeline: dict[str, dict[str, Any]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"{path}: cannot read saved results ({exc})") from None
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
        except ValueError:
            raise InputError(f"{path}:{lineno}: not valid JSON") from None
        by_pipeline.setdefault(str(r.get("pipeline") or "?"), {})[r.get("id")] = r
    order = {q.id: i for i, q in enumerate(questions)}
    return {
        name: run_from_dict(
            {"pipeline": name, "results": sorted(rs.values(), key=lambda r: order.get(r.get("id"), 1 << 30))},
            questions,
            str(path),
        )
        for name, rs in by_pipeline.items()
    }


def _output(args: argparse.Namespace, runs: list[Any], info: dict[str, Any]) -> int:
    from core.jsonout import print_json

    if args.report:
        from evals.report import write_report

        md = write_report(runs, Path(args.report), md_path=Path(args.report_md) if args.report_md else None, info=info)
        if not args.json:
            print(f"report: {md}", file=sys.stderr)
    if args.json:
        first = runs[0].to_dict()
        out = {
            "suite": info["suite"],
            "pipeline": first["pipeline"],
            "settings": {k: v for k, v in info.items() if k not in ("suite", "prompt_versions")},
            "prompt_versions": info["prompt_versions"],
            "metrics": first["metrics"],
            "by_kind": first["by_kind"],
            "results": first["results"],
        }
        if len(runs) > 1:
            out["pipelines"] = {r.pipeline: r.to_dict() for r in runs}
        print_json(out)
        return 0
    _print_table(runs)
    return 0


def _print_table(runs: list[Any]) -> None:
    from evals.metrics import METRICS

    def cell(v: Any, m: str) -> str:
        if v is None:
            return "-"
        return f"{v:.0f}" if m.startswith("latency") else f"{v:.3f}"

    width = max(len(m) for m in METRICS)
    print(f"{'metric':<{width}}  " + "  ".join(f"{r.pipeline:>16}" for r in runs))
    for m in METRICS:
        print(f"{m:<{width}}  " + "  ".join(f"{cell(r.metrics.get(m), m):>16}" for r in runs))
    print(f"{'questions':<{width}}  " + "  ".join(f"{r.metrics.get('questions', 0):>16}" for r in runs))
    first = runs[0]
    print(f"\nby kind ({first.pipeline}): questions, hit@1, fact_accuracy, refusal_recall, false_refusal_rate")
    for kind, m in first.by_kind.items():
        vals = [cell(m.get(x), x) for x in ("hit@1", "fact_accuracy", "refusal_recall", "false_refusal_rate")]
        print(f"  {kind:<14} {m.get('questions', 0):>4}  " + "  ".join(f"{v:>6}" for v in vals))
