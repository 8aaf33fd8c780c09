"""The eval report: a markdown file and PNG charts (matplotlib, Agg backend) of each metric,
per pipeline, overall and per question kind.

    write_report(runs, Path("docs/eval"), md_path=Path("docs/EVAL.md"), info={...})

writes ``docs/eval/overview.png``, one ``docs/eval/<metric>.png`` per metric and the markdown
(image links relative to the markdown file). Out of scope: running the suite.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from evals.metrics import METRICS, first_correct_rank
from evals.runner import Run

_PERCENT = tuple(m for m in METRICS if not m.startswith("latency"))
_LABELS = {
    "hit@1": "hit@1",
    "hit@5": "hit@5",
    "mrr@10": "MRR@10",
    "citation_precision": "citation precision",
    "citation_recall": "citation recall",
    "first_citation": "first citation right",
    "fact_accuracy": "fact accuracy",
    "refusal_precision": "refusal precision",
    "refusal_recall": "refusal recall",
    "false_refusal_rate": "false refusal rate (lower is better)",
    "latency_p50_ms": "latency p50 (ms)",
    "latency_p95_ms": "latency p95 (ms)",
}


def _slug(metric: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", metric.lower()).strip("_")


def _fmt(value: Any, metric: str) -> str:
    if value is None:
        return "–"
    if metric.startswith("latency"):
        return f"{value:.0f}"
    return f"{value:.2f}"


def _kinds(runs: Sequence[Run]) -> list[str]:
    kinds: list[str] = []
    for run in runs:
        for k in run.by_kind:
            if k not in kinds:
                kinds.append(k)
    return kinds


def _charts(runs: Sequence[Run], out_dir: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    names = [r.pipeline for r in runs]
    width = 0.8 / max(1, len(runs))

    # Overview: every quality metric, overall, pipelines side by side.
    fig, ax = plt.subplots(figsize=(11, 4.5))
    for i, run in enumerate(runs):
        xs = [j + i * width for j in range(len(_PERCENT))]
        ax.bar(xs, [run.metrics.get(m) or 0.0 for m in _PERCENT], width, label=run.pipeline)
    ax.set_xticks([j + width * (len(runs) - 1) / 2 for j in range(len(_PERCENT))])
    ax.set_xticklabels([_LABELS[m].replace(" (lower is better)", "*") for m in _PERCENT], rotation=30, ha="right")
    ax.set_ylim(0, 1.05)
    ax.set_title("All metrics, overall (* lower is better)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    p = out_dir / "overview.png"
    fig.savefig(p, dpi=110)
    plt.close(fig)
    paths.append(p)

    groups = ["overall", *_kinds(runs)]
    for metric in METRICS:
        fig, ax = plt.subplots(figsize=(11, 4.5))
        for i, run in enumerate(runs):
            values = [run.metrics.get(metric) if g == "overall" else run.by_kind.get(g, {}).get(metric) for g in groups]
            xs = [j + i * width for j in range(len(groups))]
            ax.bar(xs, [v or 0.0 for v in values], width, label=run.pipeline)
        ax.set_xticks([j + width * (len(runs) - 1) / 2 for j in range(len(groups))])
        ax.set_xticklabels(groups, rotation=30, ha="right")
        if not metric.startswith("latency"):
            ax.set_ylim(0, 1.05)
        ax.set_title(f"{_LABELS[metric]} by question kind ({', '.join(names)})")
        ax.legend(fontsize=8)
        fig.tight_layout()
        p = out_dir / f"{_slug(metric)}.png"
        fig.savefig(p, dpi=110)
        plt.close(fig)
        paths.append(p)
    return paths


def failure_reason(r: Any) -> str | None:
    """Why a question counts against the pipeline, or None when it is fully right."""
    q = r.question
    if r.error:
        return f"error: {r.error}"
    if not q.answerable:
        return None if r.refused else "answered an unanswerable question"
    if r.refused:
        return "refused an answerable question"
    reasons = []
    rank = first_correct_rank(r, 10)
    if rank is None:
        reasons.append("expected item not in top 10")
    elif rank > 1:
        reasons.append(f"expected item at rank {rank}")
    if q.facts and not q.facts_hold(r.answer):
        missing = [g[0] for g in q.facts if not any(a.casefold() in " ".join(r.answer.split()).casefold() for a in g)]
        reasons.append("missing fact(s): " + ", ".join(repr(m) for m in missing))
    if r.citations and not any(q.expected.matches(c.date, c.item_number, c.case_id) for c in r.citations):
        reasons.append("cites no expected item")
    return "; ".join(reasons) or None


def render_markdown(runs: Sequence[Run], image_dir: str, info: dict[str, Any]) -> str:
    lines = ["# Evaluation", ""]
    if info:
        lines += ["| setting | value |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in info.items()]
        lines.append("")
    lines += ["## Overall", "", f"![overview]({image_dir}/overview.png)", ""]
    lines.append("| pipeline | " + " | ".join(_LABELS[m] for m in METRICS) + " |")
    lines.append("|---|" + "---|" * len(METRICS))
    for run in runs:
        lines.append(f"| {run.pipeline} | " + " | ".join(_fmt(run.metrics.get(m), m) for m in METRICS) + " |")
    lines.append("")
    kinds = _kinds(runs)
    lines += ["## By question kind", ""]
    for metric in METRICS:
        lines += [f"### {_LABELS[metric]}", "", f"![{metric}]({image_dir}/{_slug(metric)}.png)", ""]
        lines.append("| pipeline | overall | " + " | ".join(kinds) + " |")
        lines.append("|---|---|" + "---|" * len(kinds))
        for run in runs:
            cells = [_fmt(run.by_kind.get(k, {}).get(metric), metric) for k in kinds]
            lines.append(f"| {run.pipeline} | {_fmt(run.metrics.get(metric), metric)} | " + " | ".join(cells) + " |")
        lines.append("")
    lines += ["## Questions per kind", "", "| kind | questions |", "|---|---|"]
    if runs:
        lines += [f"| {k} | {v.get('questions', 0)} |" for k, v in runs[0].by_kind.items()]
    lines.append("")
    for run in runs[:1]:
        failures = [(r, failure_reason(r)) for r in run.results]
        failures = [(r, why) for r, why in failures if why]
        lines += [f"## Where {run.pipeline} falls short ({len(failures)} of {len(run.results)} questions)", ""]
        if failures:
            lines += ["| id | kind | question | why |", "|---|---|---|---|"]
            for r, why in failures:
                text = r.question.question.replace("|", "\\|")
                lines.append(f"| {r.question.id} | {r.question.kind} | {text} | {why.replace('|', '/')} |")
        lines.append("")
    return "\n".join(lines)


def write_report(
    runs: Sequence[Run], out_dir: Path, *, md_path: Path | None = None, info: dict[str, Any] | None = None
) -> Path:
    """Charts into ``out_dir`` and the markdown to ``md_path`` (default ``out_dir/report.md``)."""
    out_dir = Path(out_dir)
    _charts(runs, out_dir)
    md_path = Path(md_path) if md_path else out_dir / "report.md"
    md_path.parent.mkdir(parents=True, exist_ok=True)
    image_dir = os.path.relpath(out_dir, md_path.parent).replace(os.sep, "/")
    md_path.write_text(render_markdown(runs, image_dir, info or {}), encoding="utf-8")
    return md_path
