"""Runs a suite through a pipeline and scores it.

The ``referat`` pipeline takes the same code path as ``referat ask``:
``assistant.chain.answer_question`` with the retriever from
``vectorstore.retrieval.open_retriever``. For a follow-up, the earlier questions in
``history`` are answered first, in order, each with the answers before it as history; only the
last turn is timed and scored. Baselines (``evals.baselines``) run on the same store.

    settings = Settings.from_env()
    run = run_pipeline("referat", load_suite("evals/suites/frederikshavn.jsonl"), settings)
    run.metrics["hit@1"]

Out of scope: printing (``referat/commands/eval.py``) and charts (``evals.report``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from core.errors import ReferatError
from core.settings import Settings
from evals import metrics
from evals.records import PipelineAnswer, QuestionResult
from evals.suite import Question

PIPELINES = ("referat", "bm25", "dense", "naive-llamaindex")


class Pipeline(Protocol):
    name: str

    def ask(self, question: str, history: Sequence[str] = ()) -> PipelineAnswer: ...


class ReferatPipeline:
    """``answer_question`` exactly as ``referat ask`` calls it."""

    name = "referat"

    def __init__(self, settings: Settings, retriever: Any, embedder: Any = None) -> None:
        self._settings = settings
        self._retriever = retriever
        self._embedder = embedder

    def _answer(self, question: str, history: Sequence[Any]) -> Any:
        from assistant.chain import answer_question

        return answer_question(
            question,
            retriever=self._retriever,
            settings=self._settings,
            history=tuple(history),
            embedder=self._embedder,
        )

    def ask(self, question: str, history: Sequence[str] = ()) -> PipelineAnswer:
        earlier: list[Any] = []
        for turn in history:
            earlier.append(self._answer(turn, earlier))
        started = time.perf_counter()
        a = self._answer(question, earlier)
        total = (time.perf_counter() - started) * 1000
        return PipelineAnswer(
            text=a.text,
            refused=a.refused,
            citations=tuple(c.ref for c in a.citations),
            retrieved=tuple(h.ref for h in a.retrieved[:10]),
            citations_json=tuple(c.to_dict() for c in a.citations),
            retrieved_json=tuple(h.to_dict() for h in a.retrieved[:10]),
            timings_ms={**a.timings_ms, "total": total},
            flags=tuple(a.flags),
        )


@dataclass(frozen=True)
class Run:
    """One pipeline over one suite: per-question results and the metrics over them."""

    pipeline: str
    results: tuple[QuestionResult, ...]
    metrics: dict[str, Any] = field(default_factory=dict)
    by_kind: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "pipeline": self.pipeline,
            "metrics": _rounded(self.metrics),
            "by_kind": {k: _rounded(v) for k, v in self.by_kind.items()},
            "results": [r.to_dict() for r in self.results],
        }


def _rounded(d: dict[str, Any]) -> dict[str, Any]:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in d.items()}


def run_suite(
    questions: Sequence[Question],
    pipeline: Pipeline,
    *,
    limit: int | None = None,
    progress: Callable[[int, int, QuestionResult], None] | None = None,
    done: Mapping[str, QuestionResult] | None = None,
) -> Run:
    """Ask every question (the first ``limit``) and score the answers.

    ``done`` maps question ids to results of an earlier, interrupted run; those questions are
    not asked again (resuming). A ``ReferatError`` on one question is recorded on its result
    (an empty, non-refused answer) and the run goes on; anything else is a bug and propagates.
    """
    chosen = list(questions[:limit] if limit else questions)
    results: list[QuestionResult] = []
    for i, q in enumerate(chosen, 1):
        if done and q.id in done:
            results.append(done[q.id])
            continue
        started = time.perf_counter()
        try:
            reply = pipeline.ask(q.question, q.history)
        except ReferatError as exc:
            result = QuestionResult(q, "", False, latency_ms=(time.perf_counter() - started) * 1000, error=str(exc))
        else:
            latency = reply.timings_ms.get("total", (time.perf_counter() - started) * 1000)
            result = QuestionResult.from_answer(q, reply, latency)
        results.append(result)
        if progress:
            progress(i, len(chosen), result)
    return Run(pipeline.name, tuple(results), metrics.compute(results), metrics.by_kind(results))


def interleave_by_kind(questions: Sequence[Question]) -> list[Question]:
    """Round-robin over kinds (first-seen order), so that the first N are a stratified sample.

    >>> [q.kind for q in interleave_by_kind([Question("1", "a", "?", False), Question("2", "a", "?", False),
    ...                                       Question("3", "b", "?", False)])]
    ['a', 'b', 'a']
    """
    groups: dict[str, list[Question]] = {}
    for q in questions:
        groups.setdefault(q.kind, []).append(q)
    out: list[Question] = []
    while any(groups.values()):
        for g in groups.values():
            if g:
                out.append(g.pop(0))
    return out


def open_pipeline(name: str, settings: Settings, *, store: Any = None, embedder: Any = None) -> Pipeline:
    """Build the named pipeline on the store in ``settings`` (one of ``PIPELINES``)."""
    if name not in PIPELINES:
        raise ValueError(f"unknown pipeline {name!r}; expected one of {', '.join(PIPELINES)}")
    from vectorstore.embedding import load_embedder
    from vectorstore.store import Store

    embedder = embedder or load_embedder(settings)
    store = store or Store.open(settings, embedder)
    if name == "referat":
        from vectorstore.retrieval import open_retriever

        return ReferatPipeline(settings, open_retriever(settings, store=store, embedder=embedder), embedder)
    from evals.baselines import make_baseline

    return make_baseline(name, store, embedder, cache_dir=settings.home / "eval-cache")


def run_pipeline(
    name: str,
    questions: Sequence[Question],
    settings: Settings,
    *,
    store: Any = None,
    embedder: Any = None,
    limit: int | None = None,
    progress: Callable[[int, int, QuestionResult], None] | None = None,
) -> Run:
    """``open_pipeline`` + ``run_suite``."""
    pipeline = open_pipeline(name, settings, store=store, embedder=embedder)
    return run_suite(questions, pipeline, limit=limit, progress=progress)


def run_from_dict(d: dict[str, Any], questions: Sequence[Question], source: str = "results") -> Run:
    """Rebuild a ``Run`` from ``Run.to_dict()`` / ``referat eval --json`` output, rescoring it
    against ``questions`` (the suite it was run on). Raises ``InputError`` naming ``source``."""
    from core.errors import InputError
    from evals.suite import ItemKey

    by_id = {q.id: q for q in questions}

    def keys(items: Any) -> tuple[ItemKey, ...]:
        return tuple(ItemKey(i.get("meeting_date"), i.get("item_number"), i.get("case_id")) for i in items or ())

    results = []
    for r in d.get("results") or ():
        q = by_id.get(r.get("id"))
        if q is None:
            raise InputError(f"{source}: question id {r.get('id')!r} is not in the suite")
        timings = {k: float(v) for k, v in (r.get("timings_ms") or {}).items()}
        results.append(
            QuestionResult(
                question=q,
                answer=r.get("answer") or "",
                refused=bool(r.get("refused")),
                citations=keys(r.get("citations")),
                retrieved=keys(r.get("retrieved"))[:10],
                latency_ms=timings.get("total", 0.0),
                timings_ms=timings,
                citations_json=tuple(r.get("citations") or ()),
                retrieved_json=tuple(r.get("retrieved") or ())[:10],
                error=r.get("error"),
            )
        )
    if not results:
        raise InputError(f"{source}: no results to load")
    return Run(str(d.get("pipeline") or "?"), tuple(results), metrics.compute(results), metrics.by_kind(results))


def prompt_versions() -> dict[str, str]:
    """The versions of the answer chain's prompt templates (recorded in eval output)."""
    out: dict[str, str] = {}
    try:
        from assistant.templates import PROMPTS_DIR, load_prompt
    except ImportError:
        return out
    for path in sorted(PROMPTS_DIR.glob("*.txt")):
        try:
            out[path.stem] = load_prompt(path.stem).version
        except ReferatError:
            out[path.stem] = "unreadable"
    try:
        import assistant.chain as chain

        for attr in ("PROMPT_VERSION", "TEMPLATE_VERSION", "CHAIN_VERSION", "GROUNDED_VERSION"):
            if hasattr(chain, attr):
                out[attr.lower()] = str(getattr(chain, attr))
    except ImportError:
        pass
    return out
