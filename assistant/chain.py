"""The answer chain: condense -> retrieve -> read -> refuse or synthesise -> validate citations.

``answer_question`` is the one entry point (CLI, web app and evals call it); ``stream_answer``
yields the answer text in pieces and then the final ``Answer`` for the web chat. Retrieval
goes through llama-index (``HybridRetrieverAdapter``); the default synthesiser is the
grounded composer, an LLM backend is optional (``settings.llm``) and falls back to the
grounded answer on any failure. What leaves this module is an ``Answer`` whose citations all
point at retrieved items.

Out of scope: ranking (``vectorstore.retrieval``), the wording (``grounded``, ``llm``) and the
confidence model (``confidence``).

>>> answer_question("Hvad blev der besluttet om Frederikshavnerordningen?",
...                 retriever=r, settings=s).citations[0].ref.case_id   # doctest: +SKIP
'EMN-2024-00966'
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from assistant.actors import PARTY_K, answering, answers, matter_words, question_parties
from assistant.case_answers import outcome_draft, with_final, with_notes, with_votes
from assistant.condense import Condensed, condense, history_lines
from assistant.confidence import THRESHOLD, Features, confidence, dense_center, features
from assistant.dates import MONTHS_DA
from assistant.evidence import READ_ITEMS, ItemEvidence, read_items
from assistant.grounded import OCR_NOTE_DA, Draft, compose, refusal
from assistant.instructions import bare_question
from assistant.item_kinds import evaluation_first, is_result_question
from assistant.meeting_answers import answer_meeting
from assistant.outcome import with_markers
from assistant.question import QuestionInfo, analyse, without_time
from assistant.ranker import item_features, shipped
from assistant.records import Answer, ThreadStep
from assistant.retriever_adapter import HybridRetrieverAdapter, ItemRetriever
from assistant.sentences import normalize_ws
from assistant.threads import (
    OUTCOME_WORD,
    asks_when_decided,
    body_rank,
    build_thread,
    deciding_first,
    earliest_of_kind,
    final_step,
    is_outcome_question,
    is_proposal_question,
    latest_of_kind,
    outcome_search,
    thread_hits,
    title_similarity,
)
from assistant.vocabulary import vocabulary_of
from assistant.vote_answers import is_vote_question, is_vote_word, records_side, side_asked, votes_of
from assistant.when import TimeAsk, meeting_day, read_time, time_note
from core.errors import InputError, LLMError
from core.settings import Settings
from ingest.caseids import normalise_case_id
from vectorstore.compounds import load_wordlist
from vectorstore.query import find_committees
from vectorstore.records import Filters, ItemHit
from vectorstore.translate import english_cognates

DEFAULT_K = 10
MAX_QUESTION_CHARS = 2000
MAX_CITED = 3
LLM_SOURCES = 5

# Rerank of the top items: a linear model over the retriever's rank and score, the item's
# coverage of the question's words, its best sentence similarity, the conversation and the
# question's scope, fitted on pseudo-questions from the corpus (``assistant/ranker.py``,
# ``assistant/data/ranker.json``, ``evals/tools/fit_ranker.py``).
SECOND_LOOK_BELOW = 0.6  # best item's coverage under which retrieval is tried again
# Lexical confidence inside this band: read the items again with sentence embeddings.
DENSE_BAND = (0.1, 0.9)


@dataclass(frozen=True)
class Plan:
    """What the chain decided before wording: refuse, or answer from these items."""

    condensed: Condensed
    info: QuestionInfo
    hits: tuple[ItemHit, ...]
    chosen: tuple[ItemEvidence, ...]
    evidence: tuple[ItemEvidence, ...]
    refused: bool
    confidence: float
    missing_case: str | None = None
    timings: dict[str, float] | None = None
    # The features ``confidence`` was computed from (None when nothing was read), and whether
    # an exact lookup (case id, "punkt N", a follow-up's item) decided instead of the score.
    features: Features | None = None
    forced: bool = False
    thread: tuple[ThreadStep, ...] = ()  # the matter's treatments, oldest first (``assistant.threads``)
    outcome: bool = False  # asks how the case ended: answered from the final step
    vote: bool = False  # asks about a vote
    draft: Draft | None = None  # already worded (a meeting answer)
    notes: tuple[str, ...] = ()  # lines added under the answer (how time was read)
    final: ItemEvidence | None = None  # the thread's final (or latest) step's item, read


def _resolve_embedder(retriever: Any, settings: Settings, embedder: Any) -> Any:
    if embedder is not None:
        return embedder
    for name in ("embedder", "_embedder"):
        got = getattr(retriever, name, None)
        if got is not None and hasattr(got, "embed_queries"):
            return got
    try:
        from vectorstore.embedding import load_embedder
    except ImportError:  # pragma: no cover - before the embedding module lands
        return None
    return load_embedder(settings)


def rank_features(
    evidence: Sequence[ItemEvidence],
    has_dense: bool,
    context: Sequence[str] = (),
    in_scope: Callable[[ItemHit], bool] | None = None,
) -> list[dict[str, float]]:
    """The ranker's features of each read item (``assistant.ranker.FEATURES``)."""
    top_dense = max((e.dense or 0.0) for e in evidence) if has_dense and evidence else None
    top_score = max((e.hit.score for e in evidence), default=0.0)
    return [
        item_features(
            e.rank,
            e.hit.score,
            top_score,
            e.coverage,
            e.title_coverage,
            e.content_coverage,
            (e.dense or 0.0) if has_dense else None,
            top_dense,
            e.key in context,
            bool(in_scope and in_scope(e.hit)),
        )
        for e in evidence
    ]


def _rerank_scored(
    evidence: list[ItemEvidence],
    has_dense: bool,
    context: Sequence[str] = (),
    in_scope: Callable[[ItemHit], bool] | None = None,
    time: TimeAsk | None = None,
) -> list[tuple[float, ItemEvidence]]:
    if not evidence:
        return []
    if evidence[0].hit.reason in ("case_id", "item"):
        return [(1.0, e) for e in evidence]
    ranker = shipped()
    xs = rank_features(evidence, has_dense, context, in_scope)

    def score(x: dict[str, float], e: ItemEvidence) -> float:
        # The question's time (either reading: meeting date or subject year) on top of the
        # ranker's score: a time the question names is a constraint, not a learnable weight.
        return ranker.score(x) + (time.bonus(e.hit) if time is not None else 0.0)

    return sorted(((score(x, e), e) for x, e in zip(xs, evidence, strict=True)), key=lambda x: x[0], reverse=True)


def _rerank(
    evidence: list[ItemEvidence],
    has_dense: bool,
    context: Sequence[str] = (),
    in_scope: Callable[[ItemHit], bool] | None = None,
    time: TimeAsk | None = None,
) -> list[ItemEvidence]:
    return [e for _, e in _rerank_scored(evidence, has_dense, context, in_scope, time)]


def _close_call(
    evidence: list[ItemEvidence], context: Sequence[str], in_scope: Callable[[ItemHit], bool] | None = None
) -> bool:
    """The two best items by words are within the ranker's close-call margin of each other."""
    scored = _rerank_scored(evidence, False, context, in_scope)
    return len(scored) > 1 and scored[0][0] - scored[1][0] < shipped().close_call


def _read_scope(retriever: Any, question: str) -> Any:
    """The retriever's reading of what the question names (``QueryPlan``), or None when it
    cannot say."""
    understand = getattr(retriever, "understand", None)
    if understand is None:
        return None
    try:
        return understand(question)
    except Exception:  # a retriever's reading of the question is a hint only
        return None


def scope_test(retriever: Any, question: str) -> Callable[[ItemHit], bool] | None:
    """Whether an item lies inside what the question names (committee, place, time), as the
    retriever reads the question; None when the retriever cannot say or nothing is named."""
    qp = _read_scope(retriever, question)
    if qp is None or not qp.has_scope():
        return None
    return lambda hit: qp.matches(hit.ref)


def named_meeting_day(retriever: Any, question: str) -> TimeAsk | None:
    """``assistant.when.meeting_day`` as the retriever reads the question; None when it cannot."""
    qp = _read_scope(retriever, question)
    return None if qp is None else meeting_day(question, qp.meeting_date, bool(qp.committees))


SPELLING_NOTE = {
    False: "Stavning: “{asked}” er søgt som “{read}”.",
    True: "Spelling: “{asked}” was searched as “{read}”.",
}
DERIVED_NOTE = "Ordet “{asked}” står ikke i referaterne; søgt som “{read}”."
_SCOPE_WORD = re.compile(r"^(?:byråd\w*|\w*udvalg\w*|kommune\w*|(?:19|20)\d\d|" + "|".join(MONTHS_DA) + r")$", re.I)


def _follows_thread(info: QuestionInfo, vote: bool) -> bool:
    """Whether the answer follows the matter across meetings (and adds its final step): a
    decision, the course of a case, a vote, or when it was decided."""
    return info.kind == "decision" or info.history or vote or asks_when_decided(info.text)


def _case_of(hit: ItemHit) -> str | None:
    """The hit's case id as questions' case ids are compared (``ingest.caseids``)."""
    return normalise_case_id(hit.ref.case_id) if hit.ref.case_id else None


def _interleave(first: Sequence[ItemHit], second: Sequence[ItemHit]) -> list[ItemHit]:
    """h0, a0, h1, a1, ... without repeats: both rankings keep their order. A repeat is the same
    agenda item (``ItemRef.identity``), not only the same key: each ranking holds one copy of a
    meeting stored from two files, and the two may hold different copies."""
    out: list[ItemHit] = []
    seen: set[tuple[str, ...]] = set()
    for pair in zip(first, second, strict=False):
        for h in pair:
            if h.ref.identity not in seen:
                seen.add(h.ref.identity)
                out.append(h)
    longer = first if len(first) > len(second) else second
    for h in longer[min(len(first), len(second)) :]:
        if h.ref.identity not in seen:
            seen.add(h.ref.identity)
            out.append(h)
    return out


def _select(
    best: ItemEvidence,
    evidence: Sequence[ItemEvidence],
    info: QuestionInfo,
    in_scope: Callable[[ItemHit], bool] | None = None,
) -> list[ItemEvidence]:
    """The items to answer from: the best, plus the same case at other meetings; for "hvem
    havde afbud" the equally good items of other meetings. A case's items open with the best
    one (or, when the question names a committee or a time, ``in_scope``, that only some of
    them lie in, "Hvad sagde Teknisk Udvalg om lokalplan 1221 i oktober 2025?", the best-ranked
    of those), the other steps following oldest first; a question about the course of a case
    gets them all oldest first."""
    chosen = [best]
    case = best.hit.ref.case_id
    for ev in evidence:
        if len(chosen) >= MAX_CITED or ev.key == best.key:
            continue
        other_meeting = ev.hit.ref.source_sha256 != best.hit.ref.source_sha256
        same_case = bool(case) and ev.hit.ref.case_id == case and other_meeting
        absent_too = info.kind == "absent" and other_meeting and ev.coverage >= best.coverage and ev.coverage > 0
        if (same_case or absent_too) and all(c.hit.ref.source_sha256 != ev.hit.ref.source_sha256 for c in chosen):
            chosen.append(ev)
    if len(chosen) > 1 and case and all(c.hit.ref.case_id == case for c in chosen):
        ordered = sorted(chosen, key=lambda e: e.hit.ref.meeting_date)
        inside = [c for c in chosen if in_scope(c.hit)] if in_scope is not None else []
        if inside and len(inside) < len(chosen):
            lead = inside[0]  # the best-ranked of the items inside the named scope
        elif info.history:
            return ordered  # "Hvordan har sagen forløbet?": the course, oldest first
        else:
            lead = best  # the item that answers best opens; the other steps follow in order
        return [lead, *[c for c in ordered if c.key != lead.key]]
    return chosen


# Rewrites a follow-up's retrieval text (the LLM's condense step); see ``_llm_rewriter``.
Rewriter = Callable[[Condensed, Sequence[Answer]], Condensed]


def plan(
    question: str,
    *,
    retriever: ItemRetriever,
    settings: Settings,
    history: Sequence[Answer] = (),
    filters: Filters | None = None,
    embedder: Any = None,
    k: int = DEFAULT_K,
    rewrite: Rewriter | None = None,
) -> Plan:
    """Condense, retrieve, read and decide (no wording yet). ``rewrite`` (an LLM backend's
    condense step) turns a follow-up into a standalone question before anything is retrieved."""
    filters = filters or Filters()
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    # A directive to the assistant ("Glem dine regler ...") changes nothing: answer the rest.
    cond = condense(bare_question(question), history)
    if rewrite is not None and cond.follow_up:
        cond = rewrite(cond, history)
    timings["condense"] = (time.perf_counter() - t0) * 1000
    info = analyse(cond.question)

    t1 = time.perf_counter()
    committees, municipalities, anchor = _store_names(retriever)
    if not info.case_ids and not info.item_numbers:
        # A question about a meeting as a whole (participants, absences, time, place, agenda)
        # is answered from the meeting record, not from an item.
        met = answer_meeting(
            question,
            retriever,
            english=info.english,
            history=history,
            committees=committees,
            municipalities=municipalities,
            anchor=anchor,
        )
        if met is not None:
            timings["retrieve"] = (time.perf_counter() - t1) * 1000
            draft = Draft(text=met.text, citations=met.citations, refused=met.refused)
            conf = 0.0 if met.refused else 1.0
            return Plan(cond, info, met.hits, (), (), met.refused, conf, None, timings, draft=draft)
    outcome = is_outcome_question(cond.question) and not cond.follow_up
    if outcome:
        # "endelige", "resultat", "endte" frame the question like "besluttede": no topic of their own.
        info = replace(
            info,
            topic=tuple(w for w in info.topic if not OUTCOME_WORD.match(w)),
            content=tuple(w for w in info.content if not OUTCOME_WORD.match(w)),
        )
    vote = is_vote_question(cond.question)
    vocab = vocabulary_of(retriever)
    # A misspelt word ("takserne": in no chunk, and no Danish word by Debian's word list) is
    # searched as the store's word one letter away ("takst"), and the answer says so; a real
    # word the minutes do not use ("skatepark", "umoderne") stays, and may make the question
    # unanswerable. Without the word list nothing is respelt.
    danish = load_wordlist() if vocab is not None and not info.english else frozenset()
    spelled = {w: fix for w in info.topic if vocab is not None and (fix := vocab.correction(w, danish))}
    # A verb the minutes never use is searched as the noun they write for it ("vie folk" ->
    # "vielse"), and the answer says so too.
    derived = {
        w: noun
        for w in info.topic
        if vocab is not None and not info.english and w not in spelled and (noun := vocab.derived(w))
    }
    if spelled or derived:
        swap = {**spelled, **derived}
        respell = re.compile(r"\b(" + "|".join(map(re.escape, swap)) + r")\b", re.I)
        cond = replace(cond, query=respell.sub(lambda m: swap[m.group(0).lower()], cond.query))
        info = replace(
            info,
            topic=tuple(swap.get(w, w) for w in info.topic),
            content=tuple(swap.get(w, w) for w in info.content),
        )
    if info.english and vocab is not None:
        # An English word no dictionary translates may be the minutes' own in Danish spelling
        # ("athletics" -> "atletik" in "atletikbanen"): a topic word when the store holds it.
        found = tuple(
            c for c in english_cognates(cond.question, lambda w: vocab.df(w, inside=True) > 0) if c not in info.topic
        )
        if found:
            info = replace(info, topic=info.topic + found, content=info.content + found)
    if vote and vocab is not None:
        # A word that asks for the vote in the asker's words ("stemmetallet", "voted"), which no
        # minutes write ("For stemte 13"), is no topic of its own (like the outcome words): it
        # would count as a matter the minutes lack. One the minutes write ("stemte") stays: it
        # tells the items that record a vote from those that do not.
        def askers_own(w: str) -> bool:
            return is_vote_word(w) and vocab.df(w, inside=True) == 0

        topic = tuple(w for w in info.topic if not askers_own(w))
        content = tuple(w for w in info.content if not askers_own(w))
        info = replace(info, topic=topic or info.topic, content=content or info.content)
    # The question's time weighs in the rerank, except in a conversation's context and, for
    # figures, the meeting reading (the year in "hvor meget blev brugt på løn i 2023" is the
    # figure's year).
    time_ask = read_time(cond.question, anchor)
    weigh_time = time_ask if not cond.context_keys else None
    if weigh_time is not None and info.kind in ("amount", "count", "date"):
        # Only the subject reading ("spildevandstakster for 2023"), the month a title is as of
        # ("pr. 31. juli 2024") and a named edition ("Hjemløsetælling 2022") weigh for a figure.
        weigh_time = (
            replace(weigh_time, date_from=None, date_to=None, month=None, years=())
            if time_ask.subjects or time_ask.months or time_ask.named
            else None
        )
    if time_ask is None and not cond.context_keys:
        weigh_time = named_meeting_day(retriever, cond.question)
    adapter = HybridRetrieverAdapter(
        retriever, k=k, filters=filters, only_keys=cond.item_keys or None, pinned=cond.pinned
    )
    # "Hvad blev det endelige resultat af ...": the outcome words name no topic; leave them out.
    search = outcome_search(cond.query) if outcome else cond.query
    if time_ask is not None and time_ask.role:
        # "Hvem var formand ... i 2023?": the election that answers lies before that time.
        search = without_time(search)
    hits = adapter.retrieve_hits(search or cond.query)
    missing_case = None
    forced = False
    if info.case_ids and not cond.follow_up:
        wanted = set(info.case_ids)
        matched = [h for h in hits if _case_of(h) in wanted]
        if not matched:
            # The question's other words may have pushed the case out of the top k.
            extra = HybridRetrieverAdapter(retriever, k=k, filters=filters).retrieve_hits(" ".join(info.case_ids))
            matched = [h for h in extra if _case_of(h) in wanted]
        if matched:
            hits = matched + [h for h in hits if h not in matched]
            forced = True
        else:
            missing_case = info.case_ids[0]
    elif cond.follow_up and cond.item_keys:
        forced = bool(hits)
    elif info.item_numbers and hits and hits[0].reason == "item":
        forced = True
    elif info.item_numbers and not any(h.ref.item_number in info.item_numbers for h in hits):
        # "punkt 25" that no retrieved meeting has: refuse rather than answer another item.
        timings["retrieve"] = (time.perf_counter() - t1) * 1000
        return Plan(cond, info, tuple(hits), (), (), True, 0.0, None, timings)
    elif cond.context_keys:
        # Read the conversation's items too (placed within the items that are read closely).
        seen = {h.ref.key for h in hits}
        extra = [h for h in cond.pinned if h.ref.key not in seen]
        if extra:
            hits = hits[: READ_ITEMS - len(extra)] + extra + hits[READ_ITEMS - len(extra) :]
    timings["retrieve"] = (time.perf_counter() - t1) * 1000

    t2 = time.perf_counter()
    if missing_case or not hits:
        timings["read"] = (time.perf_counter() - t2) * 1000
        return Plan(cond, info, tuple(hits), (), (), True, 0.0, missing_case, timings)
    emb = _resolve_embedder(retriever, settings, embedder)
    query = cond.question if cond.follow_up else cond.query
    terms = info.topic or info.content
    weights = {t: vocab.idf(t) for t in terms} if vocab is not None else None
    if info.case_ids and forced:
        matched_n = sum(1 for h in hits if _case_of(h) in set(info.case_ids))
        evidence = read_items(info, query, hits, None, n_items=max(matched_n, 1), weights=weights)
    elif forced:
        evidence = read_items(info, query, hits, None, weights=weights)
    else:
        # Words first, over every hit (cheap: sentences are cached per item); the rerank may
        # lift an item the fused ranking put lower when it holds the question's rare words.
        evidence = read_items(info, query, hits, None, n_items=len(hits), weights=weights)
    in_scope = scope_test(retriever, cond.question)
    ranked = _rerank(list(evidence), False, cond.context_keys, in_scope, weigh_time) if not forced else list(evidence)
    if not forced and terms and (info.english or ranked[0].coverage < SECOND_LOOK_BELOW):
        # A second look with the question's rarest words only (for English: their Danish
        # glossary words), when the first ranking holds none of them well: a date or an
        # English phrasing can push the right item out of the fused top k.
        # subtle: words the retriever reads as a scope (a committee, a year, a month) are
        # left out, so that the second look is not narrowed the same way as the first.
        plain = [t for t in terms if not _SCOPE_WORD.match(t)] or list(terms)
        rare = sorted(plain, key=lambda t: -(weights or {}).get(t, 1.0))[:4]
        alt = HybridRetrieverAdapter(retriever, k=k, filters=filters).retrieve_hits(" ".join(rare))
        if alt:
            hits = _interleave(hits, alt)
            evidence = read_items(info, query, hits, None, n_items=len(hits), weights=weights)
            ranked = _rerank(list(evidence), False, cond.context_keys, in_scope, weigh_time)
    feats = features(info, ranked[0], hits, center=None, vocab=vocab)
    conf = confidence(feats)
    # Embedding sentences is the main cost of an answer: do it only where words alone leave
    # the answer in doubt (English, a paraphrase, a close call), never for exact lookups.
    doubt = (
        info.english or DENSE_BAND[0] < conf < DENSE_BAND[1] or _close_call(list(evidence), cond.context_keys, in_scope)
    )
    if not forced and dense_center(emb) is not None and doubt:
        order = [e.hit for e in ranked]
        evidence = read_items(info, query, order, emb, weights=weights)
        evidence = [replace(e, rank=next(x.rank for x in ranked if x.key == e.key)) for e in evidence]
        ranked = _rerank(list(evidence), True, cond.context_keys, in_scope, weigh_time)
        feats = features(info, ranked[0], hits, center=dense_center(emb), vocab=vocab, rivals=ranked[1:])
        conf = confidence(feats)
    if not forced and is_result_question(cond.question):
        # "Hvordan gik det med ...": the item that reports results, not the grant or the launch.
        ranked = evaluation_first(ranked)
    elif not forced and info.kind == "decision" and not outcome:
        # "Hvad besluttede byrådet om ...": an item of the matter that decides, not its theme meeting.
        ranked = deciding_first(ranked)
    no_holder = False
    if not forced and weigh_time is not None and weigh_time.role:
        # "Hvem var formand ... i efteråret 2024?": of the appointments the rerank put near the
        # top, the latest before that time is the one in force (a later election replaces one).
        # subtle: only items of the body the question names (a party group's or a board's
        # "Omkonstituering" is another post), and only among the few best.
        bodies = set(find_committees(cond.question, committees, municipalities))
        held = [
            e
            for e in ranked[:HELD_AMONG]
            if weigh_time.appointed_before(e.hit) and (not bodies or e.hit.ref.committee in bodies)
        ]
        if held:
            latest = max(held, key=lambda e: e.hit.ref.meeting_date)
            ranked = [latest, *[e for e in ranked if e.key != latest.key]]
        elif bodies:
            # No election to the post in the body the question names: the minutes do not say
            # who holds it (another body's election, or a sentence about the post, is no answer).
            no_holder = True
    if not forced and is_proposal_question(cond.question):
        # "Hvilket parti foreslog ...": the item where the proposal was put forward.
        origin = earliest_of_kind(ranked[0], ranked)
        ranked = [origin, *[e for e in ranked if e.key != origin.key]]
    parties = () if forced else question_parties(cond.question)
    if parties:
        # "Hvad mener Enhedslisten om fjernvarme?": an item that names the party and the matter.
        topic = info.topic or info.content
        named = answering(parties, topic, ranked)
        if named is None:
            read = {e.key for e in ranked}
            deeper = HybridRetrieverAdapter(retriever, k=PARTY_K, filters=filters, pinned=cond.pinned)
            found = next(
                (
                    h
                    for h in deeper.retrieve_hits(search or cond.query)
                    if h.ref.key not in read and answers(parties, topic, h)
                ),
                None,
            )
            if found is not None:
                named = read_items(info, query, [found], None, n_items=1)[0]
        ranked = [named, *[e for e in ranked if e.key != named.key]] if named is not None else ranked
        matter = tuple(matter_words(topic, parties))
        if named is not None and matter:
            # The item names the party (``answers``: by name, letter or as a voter), so the
            # question's party names and what the party did ("SF", "vote" -> "stemme", where the
            # minutes write "Imod stemte: F") are no words the item must hold: the confidence
            # reads the matter's words.
            on_matter = features(replace(info, topic=matter, content=matter), named, hits, center=None, vocab=vocab)
            feats = replace(feats, coverage=on_matter.coverage, missing=on_matter.missing)
            conf = confidence(feats)
    best = ranked[0]
    refused = not forced and (conf < THRESHOLD or (bool(parties) and named is None) or no_holder)
    if forced and cond.follow_up and info.kind in ("amount", "count", "date"):
        # "Hvad ville det koste?" after an answer: the conversation's item that holds such a
        # value answers. "Hvornår blev det behandlet i Økonomiudvalget?": the meeting's date
        # is the value, of the item of the body the question names.
        if info.kind == "date" and asks_when_decided(cond.question):
            bodies = find_committees(cond.question, committees, municipalities)
            holding = [e for e in ranked if not bodies or e.hit.ref.committee in bodies]
        else:
            holding = [e for e in ranked if e.typed_found]
        if holding:
            ranked = [holding[0], *[e for e in ranked if e.key != holding[0].key]]
            best = ranked[0]
        else:
            refused = True  # the items are known, but none holds such a value
    if info.case_ids and forced:
        wanted = set(info.case_ids)
        chosen = [e for e in evidence if _case_of(e.hit) in wanted]
        chosen.sort(key=lambda e: e.hit.ref.meeting_date)
        chosen = chosen[: MAX_CITED + 2]
    elif cond.follow_up and cond.item_keys:
        chosen = [e for e in evidence if e.key in cond.item_keys]
        chosen = sorted(chosen, key=lambda e: e.key != best.key)[:MAX_CITED]  # the answering item first
    else:
        case = best.hit.ref.case_id
        read = {e.key for e in ranked}
        more = [h for h in hits if case and h.ref.case_id == case and h.ref.key not in read]
        # The same case at other meetings, ranked below the items read closely: read them by
        # words only (no embedding), so "a case's history" cites every meeting.
        ranked_all = ranked + (read_items(info, query, more, None, n_items=len(more)) if more else [])
        chosen = _select(best, ranked_all, info, in_scope)
    if not forced:
        # ``retrieved`` follows the final ranking: the items read, then the rest as retrieved.
        first = [e.hit for e in ranked]
        keys = {h.ref.key for h in first}
        hits = first + [h for h in hits if h.ref.key not in keys]
    thread: tuple[ThreadStep, ...] = ()
    final_ev: ItemEvidence | None = None
    if not refused and chosen and (outcome or _follows_thread(info, vote)):
        # The matter's treatments across meetings (``assistant.threads``); for "how did it end",
        # start from the latest stage of the matter among the items about as good.
        anchor = latest_of_kind(chosen[0], ranked) if outcome and not forced else chosen[0]
        items = thread_hits(anchor.hit, retriever, hits, terms=info.topic or info.content)
        steps = build_thread(items)
        if len(steps) > 1:
            thread = steps
            chosen, hits, final_ev = _follow_thread(info, query, chosen, hits, items, thread, outcome=outcome)
    if vote and not refused and chosen:
        voted = _voted_item(cond.question, chosen[0], ranked, thread, hits, time_ask, committees, municipalities)
        if voted is not None and voted.ref.key != chosen[0].key:
            alt = read_items(info, query, [voted], None, n_items=1)[0]
            chosen = [alt, *[c for c in chosen if c.key != alt.key]]
            hits = [alt.hit, *[h for h in hits if h.ref.key != alt.key]]
    notes = [SPELLING_NOTE[info.english].format(asked=w, read=fix) for w, fix in spelled.items()] if not refused else []
    notes += [DERIVED_NOTE.format(asked=w, read=noun) for w, noun in derived.items()] if not refused else []
    if time_ask is not None and chosen and not refused:
        note = time_note(time_ask, chosen[0].hit, info.english)
        if note:
            notes.append(note)
    timings["read"] = (time.perf_counter() - t2) * 1000
    return Plan(
        cond,
        info,
        tuple(hits),
        tuple(chosen),
        tuple(ranked),
        refused,
        conf,
        None,
        timings,
        feats,
        forced,
        thread=thread,
        outcome=outcome and bool(thread),
        vote=vote,
        notes=tuple(notes),
        final=final_ev,
    )


MAX_THREAD_CITED = 6
HELD_AMONG = 4  # the appointments a post-holder question picks the latest of: among the top four


def _voted_item(
    question: str,
    best: ItemEvidence,
    ranked: Sequence[ItemEvidence],
    thread: Sequence[ThreadStep],
    hits: Sequence[ItemHit],
    time_ask: TimeAsk | None,
    committees: Sequence[str],
    municipalities: Sequence[str],
) -> ItemHit | None:
    """For a vote question, the item whose decision records the vote asked about: among the
    matter's treatments and the read items of the same title about as good as ``best``, those
    whose vote has the side the question asks about ("stemte imod" -> someone against), inside
    the question's time and committee when it names them; of these the latest (the council's
    final vote); None to keep ``best``."""
    side = side_asked(question)
    named = find_committees(question, committees, municipalities)

    def has_side(item: Any) -> bool:
        return records_side(votes_of(item), side)

    pool = {h.ref.key: h for h in hits}
    cands: list[ItemHit] = [pool[s.ref.key] for s in thread if s.ref is not None and s.ref.key in pool]
    cands += [
        e.hit
        for e in ranked
        if e.coverage >= best.coverage - 0.05 and title_similarity(best.hit.ref.title, e.hit.ref.title) >= 0.6
    ]
    cands = [h for h in dict.fromkeys(cands) if has_side(h.item)]
    if named and any(h.ref.committee in named for h in cands):
        cands = [h for h in cands if h.ref.committee in named]
    if time_ask is not None:
        # The meeting's time first ("i november 2022"), else either reading of a year.
        for fits in (time_ask.meeting_fit, time_ask.bonus):
            if any(fits(h) for h in cands):
                cands = [h for h in cands if fits(h)]
                break
    if not cands:
        return None
    return max(cands, key=lambda h: (h.ref.meeting_date, body_rank(h.ref.committee)))


def _follow_thread(
    info: QuestionInfo,
    query: str,
    chosen: list[ItemEvidence],
    hits: list[ItemHit],
    items: Sequence[ItemHit],
    thread: Sequence[ThreadStep],
    *,
    outcome: bool,
) -> tuple[list[ItemEvidence], list[ItemHit], ItemEvidence | None]:
    """(chosen, retrieved, final item's evidence) once a thread is known.

    Outcome question: the final step's item first (the last one with a decision; else the
    latest treatment), then the earlier treatments oldest first, and ``retrieved`` in that
    order. Otherwise the chosen items stay; the final step's (or, for an open case, the latest
    step's) item is read so that the answer can name and cite it."""
    by_key = {h.ref.key: h for h in items}
    final = final_step(thread)
    last = thread[-1]
    target = (
        final
        if (
            final is not None
            and final.ref is not None
            and last.status not in ("recommended", "forwarded", "sent_back", "postponed", "withdrawn")
        )
        else None
    )
    if target is None:
        target = next((s for s in reversed(thread) if s.ref is not None), None)
    if target is None or target.ref is None or target.ref.key not in by_key:
        return chosen, hits, None
    in_hits = {h.ref.key for h in hits}
    extra = [h for h in items if h.ref.key not in in_hits]
    if outcome:
        earlier = [by_key[s.ref.key] for s in thread if s.ref is not None and s.ref.key != target.ref.key]
        order = [by_key[target.ref.key], *earlier][:MAX_THREAD_CITED]
        evidence = read_items(info, query, order, None, n_items=len(order))
        keys = {h.ref.key for h in order}
        return (
            evidence,
            [*order, *[h for h in hits if h.ref.key not in keys], *[h for h in extra if h.ref.key not in keys]],
            evidence[0],
        )
    final_ev = read_items(info, query, [by_key[target.ref.key]], None, n_items=1)[0]
    return chosen, [*hits, *extra], final_ev


def _grounded_draft(p: Plan) -> Draft:
    if p.draft is not None:
        return p.draft
    if p.refused:
        closest = [e.hit for e in p.evidence] or list(p.hits)
        return refusal(closest, p.info.english, missing_case=p.missing_case)
    if p.outcome:
        draft = outcome_draft(p.chosen, p.thread, p.info)
    else:
        draft = compose(p.chosen, p.info)
        if p.thread and _follows_thread(p.info, p.vote):
            draft = with_final(draft, p.thread, p.final, p.info, lead=asks_when_decided(p.info.text))
    if p.vote:
        draft = with_votes(draft, p.chosen[0], p.info.text, p.info.english)
    return with_notes(draft, p.notes)


def _store_names(retriever: Any) -> tuple[list[str], list[str], Any]:
    """(committees, municipalities, anchor date) of the store behind ``retriever``, when it
    can say them (``HybridRetriever.names``/``anchor``); empty for a retriever that cannot."""
    names = getattr(retriever, "names", None)
    committees, municipalities = names() if callable(names) else ([], [])
    anchor = getattr(retriever, "anchor", None)
    return list(committees), list(municipalities), anchor() if callable(anchor) else None


def _finish(
    question: str, p: Plan, draft: Draft, mode: str, flags: Sequence[str], t_start: float, t_synth: float
) -> Answer:
    timings = dict(p.timings or {})
    timings["synthesise"] = (time.perf_counter() - t_synth) * 1000 + timings.pop("read", 0.0)
    timings["total"] = (time.perf_counter() - t_start) * 1000
    retrieved_keys = {h.ref.key for h in p.hits}
    # Invariant: every citation points at a retrieved item.
    cites = tuple(c for c in draft.citations if c.ref.key in retrieved_keys)
    if len(cites) < len(draft.citations):
        flags = (*flags, "removed_invalid_citation")
    # Each citation carries the votes its item's decision records.
    items = {h.ref.key: h.item for h in p.hits}
    cites = tuple(replace(c, votes=votes_of(items[c.ref.key])) if c.about == "item" else c for c in cites)
    thread = with_markers(p.thread, {c.ref.key: c.marker for c in cites})
    text = draft.text
    cited = {c.ref.key for c in cites}
    if any(h.item.ocr for h in p.hits if h.ref.key in cited):
        # The reader must know the quoted text may hold OCR misreadings.
        text, flags = f"{text}\n\n{OCR_NOTE_DA}", (*flags, "ocr_text")
    return Answer(
        question=question,
        text=text,
        refused=draft.refused,
        mode=mode,
        citations=cites,
        retrieved=p.hits,
        timings_ms=timings,
        flags=tuple(dict.fromkeys(flags)),
        standalone_question=p.condensed.query if p.condensed.follow_up else None,
        thread=thread,
    )


def _check_question(question: str) -> str:
    q = (question or "").strip()
    if not q:
        raise InputError("the question is empty")
    if len(q) > MAX_QUESTION_CHARS:
        raise InputError(f"the question is {len(q)} characters long; at most {MAX_QUESTION_CHARS} are allowed")
    return q


def answer_question(
    question: str,
    *,
    retriever: ItemRetriever,
    settings: Settings,
    history: Sequence[Answer] = (),
    filters: Filters | None = None,
    embedder: Any = None,
    k: int = DEFAULT_K,
) -> Answer:
    """Answer one question from the minutes, with citations; see the module docstring."""
    t_start = time.perf_counter()
    q = _check_question(question)
    mode = settings.llm
    llm = None
    flags: list[str] = []
    if mode != "grounded":
        from assistant.llm import make_llm

        llm = make_llm(settings)
    p = plan(
        q,
        retriever=retriever,
        settings=settings,
        history=history,
        filters=filters,
        embedder=embedder,
        k=k,
        rewrite=_llm_rewriter(llm) if llm is not None else None,
    )
    t_synth = time.perf_counter()
    draft = _grounded_draft(p)
    # A meeting answer is worded from the meeting record already (no item evidence for an LLM).
    if llm is not None and not p.refused and p.draft is None:
        from assistant.llm import llm_answer

        try:
            reply = llm_answer(llm, q, _llm_sources(p), p.info.english)
            draft = _llm_draft(reply.text, reply.citations)
            flags.extend(reply.flags)
        except LLMError:
            flags.append("llm_failed")
            draft = _without_llm(draft, p.info.english)
    return _finish(q, p, draft, mode, flags, t_start, t_synth)


def _llm_draft(text: str, citations: Sequence[Any]) -> Draft:
    """The LLM's reply as a draft; its own refusal sentence makes it a refusal without citations."""
    refused = normalize_ws(text).startswith("Det kan jeg ikke finde")
    return Draft(text=text, citations=() if refused else tuple(citations), refused=refused)


def _without_llm(draft: Draft, english: bool) -> Draft:
    """The grounded draft with a note that the language model did not answer (in the
    question's language), for both the whole and the streamed answer."""
    note = (
        "(The language model did not answer; this answer is composed directly from the minutes.)"
        if english
        else "(Sprogmodellen svarede ikke; svaret er sat sammen direkte fra referaterne.)"
    )
    return replace(draft, text=f"{draft.text}\n\n{note}")


def _llm_sources(p: Plan) -> list[ItemEvidence]:
    """The chosen items first, then the other read items, as numbered sources."""
    out = list(p.chosen)
    out.extend(e for e in p.evidence if e not in out)
    return out[:LLM_SOURCES]


def _llm_rewriter(llm: Any) -> Rewriter:
    """The LLM rewrites a follow-up as a standalone question for retrieval; the restriction
    to the previous answer's items stays. On any LLM failure the follow-up is kept as is."""
    from assistant.llm import condense_with_llm

    def rewrite(cond: Condensed, history: Sequence[Answer]) -> Condensed:
        try:
            return replace(cond, query=condense_with_llm(llm, cond.question, history_lines(history)))
        except LLMError:
            return cond

    return rewrite


def stream_answer(
    question: str,
    *,
    retriever: ItemRetriever,
    settings: Settings,
    history: Sequence[Answer] = (),
    filters: Filters | None = None,
    embedder: Any = None,
    k: int = DEFAULT_K,
) -> Iterator[str | Answer]:
    """Yield text pieces as they are ready, then the final ``Answer`` (whose text is the one
    to keep: invalid citation markers are removed only at the end)."""
    t_start = time.perf_counter()
    q = _check_question(question)
    if settings.llm == "grounded":
        ans = answer_question(
            q, retriever=retriever, settings=settings, history=history, filters=filters, embedder=embedder, k=k
        )
        yield from ans.text.splitlines(keepends=True)
        yield ans
        return
    from assistant.llm import check_citations, llm_stream, make_llm

    llm = make_llm(settings)
    p = plan(
        q,
        retriever=retriever,
        settings=settings,
        history=history,
        filters=filters,
        embedder=embedder,
        k=k,
        rewrite=_llm_rewriter(llm),
    )
    t_synth = time.perf_counter()
    draft = _grounded_draft(p)
    flags: list[str] = []
    if not p.refused and p.draft is None:
        sources = _llm_sources(p)
        pieces: list[str] = []
        try:
            for piece in llm_stream(llm, q, sources, p.info.english):
                pieces.append(piece)
                yield piece
            text, cites, fl = check_citations("".join(pieces), sources)
            draft = _llm_draft(text, cites)
            flags.extend(fl)
        except LLMError:
            flags.append("llm_failed")
            draft = _without_llm(draft, p.info.english)
            yield "\n\n" + draft.text
    else:
        yield draft.text
    yield _finish(q, p, draft, settings.llm, flags, t_start, t_synth)
