"""Reading retrieved items for a question: candidate sentences, their scores, item features.

For each of the top retrieved items this finds the sentences that best answer the question
(embedding similarity with the query, stemmed word overlap, and whether the sentence holds
what the question type asks for: an amount, a count, a date, a name or unit) and the
features the confidence score is built from (coverage of the question's topic words, best
dense similarity). Sentence vectors are cached per text, so a warm item costs nothing.

Out of scope: wording the answer (``grounded``), deciding to refuse (``confidence``).
"""

from __future__ import annotations

import math
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

from assistant.answer_types import (
    REASON_BONUS,
    answer_type,
    content_bonus,
    draws_on_previous,
    inline_list,
    list_runs,
    run_of,
)
from assistant.dates import MONTHS_DA, danish_date
from assistant.question import EN_GLOSSARY, QuestionInfo, asks_time_of_day
from assistant.sentences import POINT_NUMBER, normalize_ws, sentences
from assistant.values import (
    AMOUNT_RE,
    CLOCK_RE,
    NUMBER_WORDS,
    PERCENT_RE,
    WHEN_RE,
    WHO_RE,
    YEAR_RE,
    holds_count,
    number_value,
)
from assistant.words import STOPWORDS, stem, stems_of, term_in
from ingest.votes import is_absence_note
from vectorstore.records import ItemHit

# How many items are read closely, and how many sentences of each (by rank) are embedded
# besides the title: embedding is the cost of a warm answer, so only the sentences that the
# words and the question type already favour are embedded, and vectors are cached.
READ_ITEMS = 4
EMBED_BY_RANK = (4, 2, 1, 0)
KEEP_PER_ITEM = 8
LIST_BONUS = 0.3  # "hvilke bygninger ...?": a list item, or the line that introduces a list
CONTENT_TYPES = (
    "result",
    "measure",
    "target",
    "reason",
    "list",
    "frequency",
    "duration",
    "rank",
    "share",
    "authority",
    "payer",
)  # assistant.answer_types

_TYPE_PATTERNS = {
    "amount": AMOUNT_RE,
    "date": WHEN_RE,
    "who": WHO_RE,
}


@dataclass(frozen=True)
class Candidate:
    """A sentence of one item, verbatim up to whitespace. ``section`` is the section kind,
    or "title" / "responsible" for the item's fields."""

    text: str
    section: str
    position: int
    # Computed once per item read (the candidates are cached), not once per question word.
    low: str = field(default="", compare=False, repr=False)
    stems: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    listed: bool = field(default=False, compare=False)  # a list item or the line above a list

    @classmethod
    def of(cls, text: str, section: str, position: int, listed: bool = False) -> Candidate:
        return cls(text, section, position, text.lower(), stems_of(text), listed)


@dataclass(frozen=True)
class ScoredSentence:
    candidate: Candidate
    score: float
    dense: float
    overlap: float
    typed: bool


@dataclass(frozen=True)
class ItemEvidence:
    """One retrieved item read against the question."""

    hit: ItemHit
    rank: int
    coverage: float  # share of the question's topic words found in the item (idf-weighted)
    title_coverage: float  # the same, in the title alone
    content_coverage: float  # share of all content words found
    dense: float | None  # best cosine between the query and the title or a sentence (None: not embedded)
    sentences: tuple[ScoredSentence, ...]  # best first
    typed_found: bool  # some sentence holds what the question type asks for

    @property
    def key(self) -> str:
        return self.hit.ref.key


_CAND_CACHE: OrderedDict[str, tuple[tuple[Candidate, ...], str, frozenset[str]]] = OrderedDict()
_CAND_LOCK = threading.Lock()


def _build_candidates(hit: ItemHit) -> tuple[tuple[Candidate, ...], str, frozenset[str]]:
    item = hit.item
    cands: list[Candidate] = []
    pos = 0
    for sec in item.sections:
        runs = list_runs(sec.text)
        for s in sentences(sec.text):
            cands.append(Candidate.of(s, sec.kind, pos, run_of(s, runs) is not None))
            pos += 1
    if item.decision and not any(c.section == "beslutning" for c in cands):
        for s in sentences(item.decision):
            cands.append(Candidate.of(s, "beslutning", pos))
            pos += 1
    ref = hit.ref
    # The words a question may use to name the item without being in its text: committee,
    # municipality, meeting date, punkt and sag.
    header = " ".join(
        [
            ref.title,
            ref.committee,
            ref.municipality or "",
            danish_date(ref.meeting_date),
            ref.meeting_date.isoformat(),
            f"punkt {ref.item_number}",
            ref.case_id or "",
            item.responsible or "",
            " ".join(str(p) for p in item.absent),
        ]
    )
    full = header + " " + " ".join(c.text for c in cands)
    return tuple(cands), full.lower(), stems_of(full)


def introduced(hit: ItemHit, sentence: str) -> str | None:
    """The sentence right after ``sentence`` in the same section of the item (what a line
    ending with ":" introduces), or None."""
    cands = item_candidates(hit)[0]
    line = normalize_ws(sentence)
    for a, b in pairwise(cands):
        if normalize_ws(a.text) == line:
            return b.text if b.section == a.section else None
    return None


def item_candidates(hit: ItemHit) -> tuple[tuple[Candidate, ...], str, frozenset[str]]:
    """(sentences, lower-cased full text, its stems) of one item, cached by item key."""
    key = hit.ref.key
    with _CAND_LOCK:
        got = _CAND_CACHE.get(key)
        if got is not None:
            _CAND_CACHE.move_to_end(key)
            return got
    got = _build_candidates(hit)
    with _CAND_LOCK:
        _CAND_CACHE[key] = got
        while len(_CAND_CACHE) > 4096:
            _CAND_CACHE.popitem(last=False)
    return got


def _coverage(
    terms: Sequence[str], lower: str, stems: frozenset[str], weights: dict[str, float] | None = None
) -> float:
    if not terms:
        return 1.0
    w = weights or {}
    total = sum(w.get(t, 1.0) for t in terms)
    return sum(w.get(t, 1.0) for t in terms if term_in(t, lower, stems)) / total


def _overlap(terms: Sequence[str], c: Candidate, weights: dict[str, float] | None = None) -> float:
    if not terms:
        return 0.0
    if weights is None:
        return sum(term_in(t, c.low, c.stems) for t in terms) / len(terms)
    total = sum(weights.get(t, 1.0) for t in terms)
    return sum(weights.get(t, 1.0) for t in terms if term_in(t, c.low, c.stems)) / total


def _local_weights(terms: Sequence[str], cands: Sequence[Candidate]) -> dict[str, float]:
    """Each question word weighted by its rarity among the item's own sentences (an idf
    inside the item, normalised so that an average word weighs about 1)."""
    n = len(cands)
    if not terms or not n:
        return {}
    w = {}
    for t in terms:
        df = sum(1 for c in cands if term_in(t, c.low, c.stems))
        w[t] = math.log((n + 1) / (df + 0.5))
    mean = sum(w.values()) / len(w) or 1.0
    return {t: max(v / mean, 0.05) for t, v in w.items()}


# "i alt", "samlet", "total": the question asks for the sum, not a part of it.
_TOTAL_RE = re.compile(r"\b(?:i alt|samlet|samlede|total\w*|sammenlagt|in total)\b", re.I)
# A question about a change ("Hvor meget bliver lånet sat ned til?", "Hvor meget stiger taksten?")
# is answered by the value before and after: "reduceres fra 13,43 mio. kr. til 12,7 mio. kr.".
# Danish verbs of a change in a value, in the forms questions and minutes write them.
_CHANGE_VERBS = (
    r"nedsæt\w*|nedsat\w*|reducer\w*|sænk\w*|hæv\w*|forhøj\w*|øge[st]?|øget|stige[rs]?|steg|steget|"
    r"falde[rs]?|faldt|faldet|ændre[st]?|ændret|justere[st]?|justeret|opjuster\w*|nedjuster\w*|reguleret|"
    r"beskåret|skåret|nedbring\w*"
)
_CHANGE_Q = re.compile(
    r"\b(?:sat|sættes|sætte|skruet|skrues|skrue|gå|går|gik|sænket|sænkes)\s+(?:\w+\s+)?(?:ned|op)\b|"
    rf"\b(?:{_CHANGE_VERBS}|raise[sd]?|increase[sd]?|cut|reduce[sd]?|lower(?:ed)?|change[sd]?)\b",
    re.I,
)
_FROM_TO_VALUE = re.compile(
    r"\bfra\s+(?:ca\.\s*)?(?!(?:19|20)\d\d\b)\d[\d.]*(?:,\s?\d+)?\s*(?:mio\.?|mia\.?|mill\.?|t\.?\s*kr\.?|%|pct\.?|procent)?"
    r"\s*(?:kr\.?|kroner)?\s+til\s+(?:ca\.\s*)?\d",
    re.I,
)
# A sum stated as a change ("reduceret med 50.000 kr.", "stiger med 17 kr."): the difference.
_CHANGE_BY = re.compile(rf"\b(?:{_CHANGE_VERBS})\s+(?:\w+\s+)?med\s+(?:ca\.\s*)?\d", re.I)
_FOCUS_RE = re.compile(
    r"\b(?:hvor mange|how many|antal(?:let)? af|number of)\s+(?:af\s+)?(?:de\s+|the\s+)?([^\W\d_]+)", re.I
)


# "How much does the new school cost?": the word before "cost".
_COST_FOCUS_EN = re.compile(
    r"\b(?:how\s+much|what)\s+(?:does|did|will|would)\s+(?:the\s+|a\s+|an\s+)?(?:[^\W\d_]+\s+){0,3}?"
    r"([^\W\d_]+)\s+cost",
    re.I,
)
# The noun whose size an amount question asks: "Hvor stor var restfinansieringen ...?",
# "How large was the deficit guarantee ...?".
_AMOUNT_FOCUS_RE = re.compile(
    r"\b(?:(?:hvor\s+(?:stor[te]?|høj[te]?|meget)|how\s+(?:large|big|high|much))\s+"
    r"(?:var|er|bliver|blev|was|is|were|are|will\s+be)|"
    # what something costs: "Hvor meget koster samarbejdet ...?", "Hvad kostede ombygningen?"
    r"(?:hvor\s+meget|hvad)\s+(?:koster|kostede|kostet)"
    # after an article, a definite adjective ends in -e: "Hvad koster den nye skole?"
    r")\s+(?:(?:den|det|de)\s+(?:[^\W\d_]+e\s+(?=[^\W\d_]))?|the\s+)?"
    # a genitive before the noun is its owner: "Hvor stort er kommunens tilskud"
    r"(?:[^\W\d_]+(?:ens|ets|s)\s+(?=[^\W\d_]))?([^\W\d_]+)",
    re.I,
)


# The event a date question asks the time of: the verb right after "hvornår" ("Hvornår udløber
# kontrakten ...?" asks when it expires, not when it began); an auxiliary says nothing.
_AUXILIARIES = r"blev|bliver|er|var|skal|skulle|vil|ville|kan|kunne|har|havde|må"
_WHEN_FOCUS_RE = re.compile(rf"\bhvornår\s+(?!(?:{_AUXILIARIES}|mødes|sker|skete)\b)([^\W\d_]{{4,}})", re.I)


# "Hvornår skal håndbogen være færdig?", "Hvornår blev budgettet vedtaget?": after an
# auxiliary, Danish puts the event last.
_WHEN_AUX_RE = re.compile(rf"^\s*hvornår\s+(?:{_AUXILIARIES})\b", re.I)
_LAST_WORD_RE = re.compile(r"([^\W\d_]{4,})\W*$")


def _names_event(word: str, c: Candidate) -> bool:
    """The event word in a sentence: as a question word (``term_in``), or as the first part of a
    compound ("færdig" in "færdigbearbejdet", which the stemmer cuts to "færd")."""
    return term_in(word, c.low, c.stems) or (len(word) >= 5 and re.search(rf"\b{re.escape(word)}", c.low) is not None)


def focus_words(question: str) -> tuple[str, ...]:
    """The noun a value question asks about: the counted one ("Hvor mange borgere deltog ..."
    -> ("borgere",)) or the one whose size is asked ("Hvor stor var restfinansieringen?"); for
    a date question the event ("Hvornår udløber kontrakten?" -> ("udløber",))."""
    out = []
    asks = (
        *_FOCUS_RE.finditer(question),
        *_AMOUNT_FOCUS_RE.finditer(question),
        *_COST_FOCUS_EN.finditer(question),
        *_WHEN_FOCUS_RE.finditer(question),
    )
    for m in asks:
        w = m.group(1).lower()
        if w not in STOPWORDS and w not in ("penge", "kroner", "money"):
            out.append(w)
    if _WHEN_AUX_RE.search(question) and (last := _LAST_WORD_RE.search(question)):
        w = last.group(1).lower()
        if w not in STOPWORDS and w not in MONTHS_DA:
            out.append(w)
    return tuple(out)


def names_amount(sentence: str, terms: Sequence[str]) -> bool:
    """A question word just before a sum: "en restfinansiering på 7,56 mio. kr." (the word at
    most four words before the figure)."""
    before = (re.findall(r"[^\W\d_]+", sentence[: m.start()])[-4:] for m in AMOUNT_RE.finditer(sentence))
    return any(_is_term(w, terms) for words in before for w in words)


def _is_term(word: str, terms: Sequence[str]) -> bool:
    """Whether a word of a sentence is one of the question's words (``term_in``: the word, its
    stem, or inside it as part of a compound), or the head of one: "tilskuddet" names the
    question's "driftstilskuddet" again, as Danish does after the first mention."""
    w = word.lower()
    s = stem(w)
    return any(term_in(t, w, frozenset([s])) or (len(s) >= 5 and stem(t).endswith(s)) for t in terms)


class VectorCache:
    """Passage vectors by text, bounded (LRU); one per embedder name. Thread-safe enough for
    the web app: a lost race only embeds a sentence twice.

    subtle: each text is embedded on its own. The default backend (ONNX, int8) quantises
    activations with one scale per batch, so a sentence embedded beside others got a slightly
    different vector (cosine 0.995-0.998) depending on which others: with the cache, an answer
    depended on the questions asked before it (a confidence of 0.51 fell to 0.48 and the answer
    became a refusal). Alone, a text's vector is a function of the text."""

    def __init__(self, size: int = 50_000) -> None:
        self._size = size
        self._vecs: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def passages(self, embedder, texts: Sequence[str]) -> np.ndarray:  # type: ignore[no-untyped-def]
        name = getattr(embedder, "name", type(embedder).__name__)
        missing = [t for t in dict.fromkeys(texts) if (name, t) not in self._vecs]
        if missing:
            vecs = np.concatenate([np.asarray(embedder.embed_passages([t]), dtype=np.float32) for t in missing])
            with self._lock:
                for t, v in zip(missing, vecs, strict=True):
                    self._vecs[(name, t)] = v
                while len(self._vecs) > self._size:
                    self._vecs.popitem(last=False)
        with self._lock:
            out = []
            for t in texts:
                v = self._vecs.get((name, t))
                if v is None:  # evicted meanwhile
                    v = np.asarray(embedder.embed_passages([t]), dtype=np.float32)[0]
                out.append(v)
        return np.stack(out) if out else np.zeros((0, getattr(embedder, "dim", 384)), np.float32)

    def query(self, embedder, text: str) -> np.ndarray:  # type: ignore[no-untyped-def]
        name = getattr(embedder, "name", type(embedder).__name__)
        k = ("\x00query", name + "\x00" + text)
        with self._lock:
            v = self._vecs.get(k)
        if v is None:
            v = np.asarray(embedder.embed_queries([text]), dtype=np.float32)[0]
            with self._lock:
                self._vecs[k] = v
        return v


VECTORS = VectorCache()


def tells_when(sentence: str) -> bool:
    """A time in ``sentence`` finer than a year, for a question that already names its year:
    "den 7. januar", "i marts 2024", "kl. 19", not "Nytårskoncerten 2024" or "... 2025"."""
    return any(not YEAR_RE.fullmatch(m.group(0)) for m in WHEN_RE.finditer(sentence))


def typed_match(kind: str, sentence: str) -> bool:
    if kind == "count":
        return holds_count(sentence)
    pattern = _TYPE_PATTERNS.get(kind)
    return bool(pattern and pattern.search(sentence))


# subtle: a year ("2023 og SammenUng") or a day of the month ("1. oktober") is not a count.
# A partitive counts what follows it: "49 af de hjemløse borgere" counts "hjemløse".
# A number word counts too ("tre høringssvar"), not the article "et" / "én".
_COUNT_WORDS = "|".join(w for w in NUMBER_WORDS.split("|") if w not in ("et", "én"))
_NUM_THEN_WORDS = re.compile(
    rf"\b(?:(?!(?:19|20)\d\d\b)\d[\d.,]*(?<!\.)|(?:{_COUNT_WORDS}))\s+(?:af\s+(?:de|dem|disse|deres|vores|kommunens)\s+)?"
    r"([^\W\d_]+)(?:\s+([^\W\d_]+))?",
    re.I,
)


# "Hvilke to indsatser ...?": the answer names that many of the noun, and the sentence that
# says "følgende to indsatser" is where they are named.
_WHICH_N = re.compile(rf"\b(?:hvilke|hvilket)\s+(\d+|{_COUNT_WORDS})\s+([^\W\d_]+)", re.I)


def names_as_many(sentence: str, question: str) -> bool:
    """For "Hvilke to indsatser ...?": the sentence counts the same number of the same noun
    ("følgende to indsatser afsluttes")."""
    m = _WHICH_N.search(question)
    if m is None:
        return False
    n, noun = number_value(m.group(1)), m.group(2)
    for hit in _NUM_THEN_WORDS.finditer(sentence):
        if number_value(hit.group(0).split()[0]) == n and any(w and _is_term(w, [noun]) for w in hit.groups()):
            return True
    return False


def counts_term(sentence: str, terms: Sequence[str]) -> bool:
    """A number right before a question word: "15 kommuner", "28 aktive unge"."""
    return any(bool(w) and _is_term(w, terms) for m in _NUM_THEN_WORDS.finditer(sentence) for w in m.groups())


def read_items(
    question: QuestionInfo,
    query: str,
    hits: Sequence[ItemHit],
    embedder=None,  # type: ignore[no-untyped-def]
    *,
    n_items: int = READ_ITEMS,
    weights: dict[str, float] | None = None,
) -> list[ItemEvidence]:
    """Read the top ``n_items`` hits against the question (one embedding batch for all).

    ``weights`` (word -> idf) weigh the coverage features; without them every word counts 1.
    """
    top = list(hits[:n_items])
    terms = question.topic or question.content
    content = question.content
    pre: list[tuple[ItemHit, list[tuple[Candidate, float, bool]], str, frozenset[str]]] = []
    to_embed: list[str] = []
    valued = question.kind in ("amount", "count", "date")
    proposer = question.kind == "who" and bool(_PROPOSER_Q.search(question.text))
    focus = focus_words(question.text) if valued else ()
    if question.english:
        # "How many floors ...?" counts "etager": the asked noun in the minutes' language.
        focus = tuple(EN_GLOSSARY.get(w, w) for w in focus)
    wants_total = valued and bool(_TOTAL_RE.search(question.text))
    which_n = _WHICH_N.search(question.text) is not None
    wants_change = question.kind == "amount" and bool(_CHANGE_Q.search(question.text))
    # "Hvilket klokkeslæt ...?", "what time": a time of day, not any date.
    clock = question.kind == "date" and asks_time_of_day(question.text)
    # "Hvornår blev Nytårskoncerten 2024 holdt?": the asker knows the year; a sentence whose
    # only time is a year ("regnskabet for Nytårskoncerten 2024") does not say when.
    names_year = question.kind == "date" and YEAR_RE.search(question.text) is not None
    # What kind of content answers the question (a result, a measure, an age range, a list, a
    # reason): sentences holding it are preferred over those that merely share its words.
    atype = answer_type(question.text, question.kind) if not question.history else "other"
    for hit in top:
        cands, lower, stems = item_candidates(hit)
        # For value questions, a word that many sentences of the item share (its place, its
        # year, its subject) tells less about which sentence holds the asked figure than a rare one.
        local = _local_weights(terms, cands) if valued else None
        scored = []
        eventful: set[int] = set()  # the dated sentences that name a when question's event
        word_ov: dict[int, float] = {}  # each sentence's word overlap, before value bonuses
        for c in cands:
            if local is None:
                ov = _overlap(terms, c) + 0.5 * _overlap(content, c)
            else:
                ov = _overlap(terms, c, local) + 0.5 * _overlap(content, c)
            word_ov[id(c)] = ov
            listed = atype == "list" and (c.listed or inline_list(c.text))
            bonus = content_bonus(atype, c.text) + (LIST_BONUS if listed else 0.0)
            if clock:
                typed = bool(CLOCK_RE.search(c.text))
            elif names_year:
                typed = tells_when(c.text)
            else:
                # a change may be a share: "nedbringe gennemsnitsvarigheden med 9,5%"
                typed = typed_match(question.kind, c.text) or (wants_change and PERCENT_RE.search(c.text) is not None)
            event = typed and bool(focus) and question.kind == "date" and any(_names_event(f, c) for f in focus)
            if event:
                eventful.add(id(c))
            if typed and valued:
                if counts_term(c.text, content):
                    ov += 0.6 if question.kind == "count" else 0.3
                if focus and counts_term(c.text, focus):
                    ov += 0.5  # "68 borgere" for "hvor mange borgere"
                elif focus and question.kind == "amount" and names_amount(c.text, focus):
                    ov += 0.5  # "restfinansiering på 7,56 mio. kr." for "hvor stor var restfinansieringen"
                elif event:
                    ov += 0.5  # "Kontrakten udløber den 31. januar 2026" for "hvornår udløber kontrakten"
                if wants_total and _TOTAL_RE.search(c.text):
                    ov += 0.3  # "i alt 30,7 mio. kr." for "den samlede bevilling"
                if wants_change and _FROM_TO_VALUE.search(c.text):
                    ov += 0.3  # "reduceres fra 13,43 mio. kr. til 12,7 mio. kr." for "sat ned til"
                elif question.kind == "amount" and not wants_change and _CHANGE_BY.search(c.text):
                    ov -= 0.3  # "reduceret med 50.000 kr." is a difference, not the size asked for
            if which_n and names_as_many(c.text, question.text):
                typed = True
                ov += 0.6  # "følgende to indsatser" for "hvilke to indsatser"
            if proposer and is_name_line(c.text):
                ov += 1.2  # "Hvem stillede forslaget?": the proposers sign the proposal
            scored.append((c, ov, typed, bonus))
        if eventful:
            # "Hvornår skal håndbogen være færdig?": a date answers when it is the asked event's
            # ("... inden håndbogen blev færdigbearbejdet i slutningen af 2025"), not another
            # event's in a sentence about the same thing; when no dated sentence names the
            # event, every date still counts.
            scored = [(c, ov, typed and id(c) in eventful, bonus) for c, ov, typed, bonus in scored]
        # Pre-select by words and type; only these are embedded (cost is per embedded text).
        scored.sort(key=lambda x: x[1] + (0.6 if x[2] else 0.0) + _section_prior(question.kind, x[0]), reverse=True)
        budget = EMBED_BY_RANK[len(pre)] if len(pre) < len(EMBED_BY_RANK) else 0
        to_embed.append(hit.ref.title)
        to_embed.extend(c.text for c, _, _, _ in scored[:budget])
        # The sentences with the asked-for kind of content (a result, an age range, a list
        # item, a reason, a measure) count as typed, as a figure does for "hvor mange", so that
        # the composer quotes them first; for a value question a figure's sentence borrows from
        # the sentence before it (``_carry_to_figures``). Such a lifted sentence beyond the kept
        # ones joins them. subtle: the lift does not change which sentences are embedded, so the
        # item's dense similarity (a confidence feature) is the same whatever the answer type.
        if atype in CONTENT_TYPES:
            scored = _lend_to_previous(atype, scored)
            lifted = [(c, ov + bonus, typed or bonus > 0, bonus) for c, ov, typed, bonus in scored]
        elif valued:
            lifted = _carry_to_figures(scored, word_ov)
        else:
            lifted = scored
        extra = sorted(
            (x for x, y in zip(lifted[KEEP_PER_ITEM:], scored[KEEP_PER_ITEM:], strict=True) if x[1] > y[1]),
            key=lambda x: -x[1],
        )[:2]
        keep = [(c, ov, typed) for c, ov, typed, _ in lifted[:KEEP_PER_ITEM] + extra]
        pre.append((hit, keep, lower, stems))
    dense_of: dict[str, float] = {}
    if embedder is not None and to_embed:
        qv = VECTORS.query(embedder, query)
        pv = VECTORS.passages(embedder, to_embed)
        sims = pv @ qv
        dense_of = {t: float(s) for t, s in zip(to_embed, sims, strict=True)}
    out: list[ItemEvidence] = []
    for rank, (hit, keep, lower, stems) in enumerate(pre):
        sents = []
        embedded = [dense_of[c.text] for c, _, _ in keep if c.text in dense_of]
        # subtle: a sentence that was not embedded gets the lowest embedded similarity of its
        # item (or 0 without an embedder), so that embedding does not decide by itself.
        floor = min(embedded) if embedded else dense_of.get(hit.ref.title, 0.0)
        for c, ov, typed in keep:
            d = dense_of.get(c.text, floor)
            score = d + 0.45 * ov + (0.25 if typed else 0.0) + _section_prior(question.kind, c)
            sents.append(ScoredSentence(c, score, d, ov, typed))
        sents.sort(key=lambda s: s.score, reverse=True)
        dense = max([dense_of.get(hit.ref.title, 0.0), *embedded], default=0.0) if dense_of else None
        out.append(
            ItemEvidence(
                hit=hit,
                rank=rank,
                coverage=_coverage(question.topic or content, lower, stems, weights),
                title_coverage=_coverage(
                    question.topic or content, hit.ref.title.lower(), stems_of(hit.ref.title), weights
                )
                if (question.topic or content)
                else 0.0,
                content_coverage=_coverage(content, lower, stems),
                dense=dense,
                sentences=tuple(sents),
                typed_found=any(s.typed for s in sents),
            )
        )
    return out


# How much of the sentence before it a figure's sentence borrows.
CARRY = 0.5


def _carry_to_figures(
    scored: list[tuple[Candidate, float, bool, float]], word_ov: dict[int, float]
) -> list[tuple[Candidate, float, bool, float]]:
    """A figure often stands in the sentence after the one that names the matter ("Socialstyrelsen
    meddelte ..., at ansøgningen til projektet ... er imødekommet. Projektet tildeles derfor i alt
    1.032.210 kr."): a sentence holding the asked-for kind of value gets ``CARRY`` of the word
    overlap of the sentence just before it in the same section, when that is more than its own
    word overlap; what it earns for its value ("tilskuddet 241.558 kr." naming the asked
    "driftstilskuddet") is kept on top (``word_ov``: each sentence's word overlap alone)."""
    before = {(c.section, c.position): word_ov.get(id(c), ov) for c, ov, _, _ in scored}

    def carried(c: Candidate, ov: float) -> float:
        own = word_ov.get(id(c), ov)
        return max(own, CARRY * before.get((c.section, c.position - 1), 0.0)) + (ov - own)

    return [(c, carried(c, ov) if typed else ov, typed, bonus) for c, ov, typed, bonus in scored]


def _lend_to_previous(
    atype: str, scored: list[tuple[Candidate, float, bool, float]]
) -> list[tuple[Candidate, float, bool, float]]:
    """The sentence before a consequence ("... indstiller derfor, at ...") gets the
    reason bonus (``answer_types.draws_on_previous``): that is where its reason stands."""
    lenders = {(c.section, c.position - 1) for c, _, _, _ in scored if draws_on_previous(atype, c.text)}
    if not lenders:
        return scored
    return [
        (c, ov, typed, max(bonus, REASON_BONUS) if (c.section, c.position) in lenders else bonus)
        for c, ov, typed, bonus in scored
    ]


def _section_prior(kind: str, c: Candidate) -> float:
    if kind == "decision":
        return {"beslutning": 0.12, "indstilling": 0.1, "resume": 0.03}.get(c.section, 0.0)
    if kind == "who":
        return {"indstilling": 0.05}.get(c.section, 0.0)
    if kind == "general":
        # "Hvad handler ... om?": the summary and the opening of the case say it best.
        opening = 0.05 if c.position < 2 else 0.0
        return opening + {"resume": 0.06, "beslutning": 0.03, "indstilling": 0.03}.get(c.section, 0.0)
    return 0.0


_ABSENCE_RE = re.compile(
    r"\b(?:deltog ikke|ikke deltog|ikke til stede|var fraværende|havde (?:meldt )?afbud|meldt afbud|"
    r"forlod mødet|erklærede sig inhabil|var inhabil)\b",
    re.I,
)


def absence_sentences(hit: ItemHit, n: int = 3) -> list[str]:
    """Sentences of the item that say who did not take part ("X deltog ikke i sagens behandling")."""
    cands, _, _ = item_candidates(hit)
    return [c.text for c in cands if _ABSENCE_RE.search(c.text)][:n]


# A signature line under a proposal: "Jakob Søgaard Clausen, Danmarksdemokraterne", "Anne Hansen (V)".
_NAME_LINE = re.compile(r"^[A-ZÆØÅ][\w-]+(?: [A-ZÆØÅ][\w.-]*){1,3}\s*(?:,\s*[\w ,.-]{2,40}|\([A-ZÆØÅ]{1,3}\))?\.?$")
_PROPOSER_Q = re.compile(
    r"\b(?:forslag\w*|foreslog|foreslået|stillede|fremsatte|underskrev\w*|proposed|proposal)\b", re.I
)


def is_name_line(sentence: str) -> bool:
    return len(sentence) <= 80 and bool(_NAME_LINE.match(sentence))


# "i byrådets møde den 26. marts 2025", "i mødet den 9. april 2025": a treatment of the case.
_TREATED_RE = re.compile(
    r"\b(?:møde|mødet|behandl\w*|udsat\w*)\b[^.]{0,60}?\bden\s+(\d{1,2})\.\s*("
    + "|".join(MONTHS_DA)
    + r")\s+((?:19|20)\d\d)",
    re.I,
)


def history_sentences(hit: ItemHit, *, earliest_first: bool, n: int = 4) -> list[str]:
    """The item's sentences that record a treatment at a dated meeting (the case history),
    in the order they are printed, or by date, earliest first."""
    cands, _, _ = item_candidates(hit)
    found = []
    for c in cands:
        m = _TREATED_RE.search(c.text)
        if m:
            day, month, year = int(m.group(1)), MONTHS_DA.index(m.group(2).lower()) + 1, int(m.group(3))
            found.append(((year, month, day), c.position, c.text))
    if earliest_first:
        found.sort()
    return [t for _, _, t in found[:n]]


def found_anywhere(terms: Sequence[str], hits: Sequence[ItemHit]) -> list[str]:
    """The terms found in at least one of the hits (title or text)."""
    found = []
    for t in terms:
        for h in hits:
            _, lower, stems = item_candidates(h)
            if term_in(t, lower, stems):
                found.append(t)
                break
    return found


def is_short_decision(decision: str | None) -> bool:
    """ "Godkendt.", "Tiltrådt", "Indstillingen godkendt": the decision refers to the recommendation.
    A line that only records who was absent ("Afbud: Torben Hoffmann") does not count."""
    if not decision:
        return False
    said = normalize_ws(" ".join(without_absences(decision)))
    return bool(said) and len(said) < 90 and not re.search(r"\d{3}", said)


# "1. Godkendt.", "2. Ikke godkendt.", "1-3. anbefales", "4a) anbefales", "Ad 2: Tiltrådt": a
# verdict on a point of the recommendation, which says nothing without that point.
_POINT_VERDICT = re.compile(
    rf"^{POINT_NUMBER}\s*[.):]?\s*"
    r"(?:[a-h]\)?(?:\s*(?:og|,|-|–)\s*[a-h]\)?)*\s+)?"  # "1. a og b anbefales", "2 a-c godkendes"
    r"(?:godkend\w*|ikke\s+godkend\w*|anbefal\w*|ikke\s+anbefal\w*|tiltrå\w*|vedtag\w*|afvis\w*|"
    r"(?:blev\s+)?tag\w*\s+til\s+efterretning)\b[^.]{0,40}(?:\.|$)",
    re.I,
)


def refers_to_recommendation(decision: str | None) -> bool:
    """The decision needs the Indstilling to be read: it only approves it ("Godkendt.",
    ``is_short_decision``), or it gives a verdict on one of its points ("1. Godkendt. Imod
    stemte V. 2. Ikke godkendt. 3. Udvalget besluttede, ...")."""
    if is_short_decision(decision):
        return True
    said = without_absences(decision or "")
    # "Ad 1:" and "Tiltrådt." are two sentences to the splitter: read them together too.
    joined = [f"{a} {b}" for a, b in pairwise(said) if a.endswith(":")]
    return any(_POINT_VERDICT.match(s) for s in [*said, *joined])


def without_absences(text: str) -> list[str]:
    """The sentences of ``text`` less those that only record who was absent ("Afbud: Torben
    Hoffmann", or "Fraværende:" and its names as two)."""
    sents = [s for line in text.splitlines() for s in sentences(line)]
    out: list[str] = []
    i = 0
    while i < len(sents):
        s = sents[i]
        if is_absence_note(s):
            i += 1
        elif s.endswith(":") and i + 1 < len(sents) and is_absence_note(f"{s} {sents[i + 1]}"):
            i += 2
        else:
            out.append(s)
            i += 1
    return out
