"""Case threads: the treatments of one matter across meetings, oldest first.

A case (*sag*) travels: a fagudvalg recommends ("anbefales"), Økonomiudvalget recommends to
Byrådet, Byrådet decides; it may be sent back, postponed, or taken off the agenda and decided
months later. A *thread* is the items of one matter:

- the same case ID **and** the same matter: titles that share most of their words, the same
  opening of the case presentation, or, after a treatment that left the matter unsettled
  (turned down, sent back, put off), a later item at the same or a higher body that names the
  earlier one's meeting, with titles that share a third of their words and no other numbers (a
  matter retitled when it comes back). Some vendors reuse one case number for unrelated items
  (Greve 24-004681 covers five topics at one meeting), and one case can hold two matters in
  turn (Greve 23-006438: Mosede Klimapark's egenfinansiering in 2024, its anlægsbevilling in
  2025), so the case number alone is not enough;
- without a case ID (vendors that print none), the same title, at least three words long, in
  the same municipality;
- plus the treatments an item prints about itself (``AgendaItem.history``: dated decisions, the
  Aarhus *sagsforløb*), which may lie outside the store.

Each step gets a *status* read from its decision: ``decided`` (godkendt, vedtaget, besluttede,
afvist), ``noted`` (taget til efterretning), ``recommended`` (anbefales, indstilles),
``forwarded`` (fremsendes / sendes til behandling i ...), ``sent_back`` (sendt tilbage),
``postponed`` (udsat), ``withdrawn`` (taget af dagsordenen) or ``none`` (no decision printed).
The *final* step is the last one that holds a decision (decided or noted); the case is *open*
when the last step is a recommendation, was forwarded, sent back, postponed or withdrawn.

Out of scope: wording (``assistant.outcome``) and finding the first item (the chain).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from assistant.records import ThreadStep
from assistant.sentences import normalize_ws
from assistant.values import YEAR_RE
from assistant.words import content_words, stem, words
from ingest.history import with_history
from ingest.references import read_references
from ingest.votes import read_votes
from vectorstore.records import ItemHit

# "Hvad blev det endelige resultat af ...", "Hvordan endte sagen om ...", "blev det til noget".
OUTCOME_RE = re.compile(
    r"\b(?:endelig\w*|endte|ende(?:de|r)?\s+(?:med|ud)|udfald\w*|\btil\s+noget\b|til\s+sidst|"
    r"i\s+sidste\s+ende|(?:resultat\w*|status)\s+(?:af|for|på|i)\s+sag\w*|sagen\s+afgjort|final\w*|in\s+the\s+end|"
    r"end(?:ed)?\s+up|outcome|hvad\s+skete\s+der\s+(?:så\s+)?med|what\s+(?:has\s+)?happened\s+(?:to|with)|what\s+became\s+of)\b",
    re.I,
)
# The words of an outcome question that frame it and name no topic ("resultat", "endelige").
OUTCOME_WORD = re.compile(
    r"^(?:endelig\w*|endte|ende\w*|udfald\w*|resultat\w*|status|afgjort|sidste|final\w*|outcome|result\w*)$", re.I
)
_COUNCIL = re.compile(r"byråd|kommunalbestyrelse|borgerrepræsentation|regionsråd|city council", re.I)
_FINANCE = re.compile(r"økonomiudvalg|magistrat|økonomi- og erhvervsudvalg", re.I)

_STATUS_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "withdrawn",
        re.compile(
            r"taget af dagsordenen|tages af dagsordenen|trukket (?:tilbage|fra dagsordenen)|\budgik\b|\budgår\b", re.I
        ),
    ),
    # subtle: not "udsatte" alone ("socialt udsatte familier" is no postponement).
    (
        "postponed",
        re.compile(
            r"\budsat\b|\budsættes\b|\budsætter\b|\budsatte (?:sagen|behandlingen|punktet)|"
            r"\budsætte (?:sagen|sagens behandling|behandlingen|punktet)|\budskudt",
            re.I,
        ),
    ),
    (
        "sent_back",
        re.compile(
            r"sen(?:des|dte|dt|de|der) (?:sagen )?(?:tilbage|retur)|tilbagesendt til (?:administrationen|udvalget|forvaltningen)|"
            r"tilbagesendes (?:til )?(?:administrationen|udvalget|forvaltningen)(?![^.]*\bvedtaget\b)",
            re.I,
        ),
    ),
    (
        "recommended",
        re.compile(
            r"\banbefal\w*|\bindstill(?:er|es) (?:til|over\s*for|overfor)\b|\bvideresendes\b|\bindstilles til godkendelse",
            re.I,
        ),
    ),
    (
        "decided",
        re.compile(
            r"\bgodkend\w*|\bvedt(?:og|aget|ages|age)\b|\bbesluttede\b|\bbeslutter\b|\bbesluttet\b|\bbevilge\w*|"
            r"\bafvist\w*|\bafviste\b|\bforkast\w*|\btiltrådt\w*|\btiltrådte\b|\btiltræder\b|\bimødekom\w*|"
            r"\bvalgt\w*|\bvalgte\b|\bgiver\b[^.]{0,40}\btilladelse\b|\bstadfæst\w*",
            re.I,
        ),
    ),
    (
        "noted",
        re.compile(r"til efterretning|til orientering|\borienteret\b|\bdrøftet\b|\bdrøftede\b|\bnoteret\b", re.I),
    ),
    (
        "forwarded",
        re.compile(
            r"\b(?:fremsendes|oversendes|henvises|sendes|sendte sagen|videresendt)\b[^.]{0,80}?\btil\b[^.]{0,80}?"
            r"\b(?:behandling|realitetsbehandling|udarbejdelse|udvalg\w*)",
            re.I,
        ),
    ),
)
DECIDING = ("decided", "noted")
# A decision that turns the proposal down: the matter may come back under a new title.
_TURNED_DOWN = re.compile(
    r"\bikke (?:godkend\w*|anbefal\w*|tiltrådt|vedtaget)|\bkan ikke (?:godkende|anbefale|tiltræde)\w*|"
    r"\bafvist\w*|\bafviste\b|\bforkast\w*",
    re.I,
)
OPEN = ("recommended", "forwarded", "sent_back", "postponed", "withdrawn")


def step_status(decision: str | None) -> str:
    """What a decision text says happened to the case at that meeting.

    >>> step_status("Økonomiudvalget anbefaler overfor Byrådet, at indstillingen godkendes.")
    'recommended'
    >>> step_status("Byrådet godkendte Økonomiudvalgets indstilling."), step_status("Sagen blev udsat.")
    ('decided', 'postponed')
    """
    if not decision or not decision.strip():
        return "none"
    text = normalize_ws(decision)
    # "Fremsendes til Aarhus Byråd med bemærkning, at Magistraten ... anbefaler": a recommendation.
    for status, pattern in _STATUS_RULES:
        if pattern.search(text):
            return status
    return "other"


def body_rank(committee: str) -> int:
    """Order of bodies treating a case on one day: fagudvalg, then Økonomiudvalget, then the council."""
    if _COUNCIL.search(committee):
        return 2
    return 1 if _FINANCE.search(committee) else 0


def is_council(committee: str) -> bool:
    return bool(_COUNCIL.search(committee))


# ---------------------------------------------------------------------------------------------
# Same matter

_TITLE_NOISE = re.compile(
    r"^(?:lukket|åben)\s*:\s*|\b\d+\.\s*behandling\b|\b(?:1|2|3|første|anden|andet)\s+behandling\b", re.I
)
_GENERIC_TITLE_WORDS = frozenset(
    stem(w)
    for w in [
        "godkendelse",
        "beslutning",
        "orientering",
        "sag",
        "behandling",
        "forslag",
        "endelig",
        "vedtagelse",
        "status",
        "opfølgning",
        "drøftelse",
        "indstilling",
        "om",
        "af",
        "til",
        "for",
        "og",
        "i",
        "på",
        "med",
        "vedr",
        "vedrørende",
        "greve",
        "kommune",
        "kommunes",
    ]
)


def title_stems(title: str) -> frozenset[str]:
    kept = content_words(_TITLE_NOISE.sub(" ", title))
    # subtle: numbers stay ("Tillæg 1" and "tillæg 2" to one plan are two matters under one case
    # number, as are "Takster 2024" and "Takster 2025"); "2. behandling" was taken out above.
    return frozenset(stem(w) for w in kept if stem(w) not in _GENERIC_TITLE_WORDS)


def title_similarity(a: str, b: str) -> float:
    """Jaccard similarity of the titles' content stems (generic framing words left out).

    >>> round(title_similarity("Mosede Klimapark, Greve Kommunes egenfinansiering", "Mosede Klimapark - anlægsbevilling"), 2)
    0.5
    """
    x, y = title_stems(a), title_stems(b)
    if not x or not y:
        return 1.0 if normalize_ws(a).lower() == normalize_ws(b).lower() else 0.0
    return len(x & y) / len(x | y)


def _opening(hit: ItemHit) -> str:
    for kind in ("resume", "sagsfremstilling"):
        secs = hit.item.sections_of(kind)  # type: ignore[arg-type]
        if secs:
            return normalize_ws(secs[0].text)[:160].lower()
    return ""


SAME_TITLE = 0.6


def same_matter(a: ItemHit, b: ItemHit) -> bool:
    """Whether two items of one case treat the same matter (see the module docstring)."""
    if title_similarity(a.ref.title, b.ref.title) >= SAME_TITLE:
        return True
    oa, ob = _opening(a), _opening(b)
    if bool(oa) and len(oa) >= 60 and oa == ob:
        return True
    # Retitled at its next treatment: the later item names the earlier one ("Klima-, Teknik- og
    # Miljøudvalget behandlede et forslag den 25. maj 2023") and the titles agree
    # ("Vejløsning ... Lidl på Mosede Strandvej", "Vejadgang til ... Lidl Mosede Strandvej").
    # subtle: titles that name other numbers are other rounds of a recurring matter under one
    # case number ("Klimapulje 2024 - udmøntning", "Klimapulje 2025 - udmøntning").
    ta, tb = title_stems(a.ref.title), title_stems(b.ref.title)
    na, nb = {w for w in ta if w.isdigit()}, {w for w in tb if w.isdigit()}
    if na and nb and na != nb:
        return False
    # subtle: only when the earlier treatment left the matter unsettled (turned it down, sent it
    # back, put it off): a later item that builds on an approval is a new matter (Mosede Klimapark's
    # anlægsbevilling after its egenfinansiering), and one at a lower body a follow-up (the
    # committees' own parts of the council's "Budgetopfølgning 1 2022, bevillingssag").
    early, late = sorted((a, b), key=lambda h: h.ref.meeting_date)
    before = normalize_ws(early.item.decision or "")
    return (
        early.ref.meeting_date < late.ref.meeting_date
        and (step_status(before) not in DECIDING or bool(_TURNED_DOWN.search(before)))
        and body_rank(late.ref.committee) >= body_rank(early.ref.committee)
        and title_similarity(a.ref.title, b.ref.title) >= MEETING_LINK
        and refers_to(late, early) is not None
    )


def _same_body(printed: str, committee: str) -> bool:
    """Whether a body named in prose ("Byrådsmødet", "Økonomiudvalgets") is ``committee``: the
    thread's own body key (any council is the council), the printed form a genitive or
    definite form of the committee's name."""
    a, b = _body_key(printed), _body_key(committee)
    return a == b or a.startswith(b) or b.startswith(a)


def refers_to(a: ItemHit, b: ItemHit) -> str | None:
    """How ``a``'s text names ``b`` as an earlier treatment: ``"item"`` by date and item number
    ("Byrådet har på mødet den 25. juni 2025 (pkt. 13) besluttet at oversende ..."),
    ``"meeting"`` by date and body only ("Byrådet på mødet den 28. maj 2025 besluttede ..."),
    else ``None``."""
    if a.ref.municipality != b.ref.municipality or a.ref.key == b.ref.key:
        return None
    found = None
    for r in read_references(a.item.text):
        if r.date != b.ref.meeting_date or (r.body and not _same_body(r.body, b.ref.committee)):
            continue
        if r.item_number == b.ref.item_number.rstrip("."):
            return "item"
        if r.item_number is None and r.body:
            found = "meeting"
    return found


_FORWARDED = dict(_STATUS_RULES)["forwarded"]
# A reference to a whole meeting names every item on it: the titles must say more (a third of
# their words) than for a reference to one item (one word that is not a number).
MEETING_LINK = 1 / 3


def linked(a: ItemHit, b: ItemHit) -> bool:
    """Two stages of one matter under two case numbers: the earlier item sent the matter on
    ("Byrådet sendte sagen til realitetsbehandling i Kultur- og Fritidsudvalget"), the later
    one names it ("Byrådet har på mødet den 25. juni 2025 (pkt. 13) besluttet at oversende
    ..."), and their titles agree (``MEETING_LINK``). A later item that only names an earlier
    decision it builds on (an anlægsbevilling naming the approved plan) is a new matter, not
    a stage."""
    early, late = sorted((a, b), key=lambda h: h.ref.meeting_date)
    if early.ref.meeting_date >= late.ref.meeting_date or not _FORWARDED.search(
        normalize_ws(early.item.decision or "")
    ):
        return False
    how = refers_to(late, early)
    if how == "item":
        return any(not w.isdigit() for w in title_stems(a.ref.title) & title_stems(b.ref.title))
    return how == "meeting" and title_similarity(a.ref.title, b.ref.title) >= MEETING_LINK


# ---------------------------------------------------------------------------------------------
# Building a thread

CASE_LOOKUP_K = 40


def _case_hits(retriever: Any, case_id: str) -> list[ItemHit]:
    lookup = getattr(retriever, "case_hits", None)  # HybridRetriever: an exact lookup, no ranking
    try:
        hits = lookup(case_id) if callable(lookup) else retriever.retrieve(case_id, k=CASE_LOOKUP_K)
    except Exception:  # a retriever that cannot look up cases gives no thread
        return []
    want = case_id.upper()
    return [h for h in hits if (h.ref.case_id or "").upper() == want]


def _title_cover(title: str, terms: Sequence[str]) -> float:
    """Share of the question's words in a title; numbers count only as whole numbers ("tillæg 2")."""
    if not terms:
        return 0.0
    tokens = set(words(title))
    stems = {stem(w) for w in tokens}
    return sum(1 for t in terms if t in tokens or (not t.isdigit() and stem(t) in stems)) / len(terms)


def _matter_of(best: ItemHit, candidates: Sequence[ItemHit], terms: Sequence[str]) -> ItemHit:
    """Among one case's items, an item of the matter the question names: ``best`` unless
    another matter's title covers the question's words better ("tillæg 2" when the best item
    is tillæg 1 of the same case number); then that matter's latest item."""
    if not terms:
        return best
    mine = _title_cover(best.ref.title, terms)
    other = [h for h in candidates if not same_matter(best, h) and _title_cover(h.ref.title, terms) > mine]
    if not other:
        return best
    top = max(_title_cover(h.ref.title, terms) for h in other)
    return max((h for h in other if _title_cover(h.ref.title, terms) == top), key=lambda h: h.ref.meeting_date)


def thread_hits(
    best: ItemHit, retriever: Any, hits: Sequence[ItemHit] = (), terms: Sequence[str] = ()
) -> list[ItemHit]:
    """The store's items of ``best``'s matter, oldest first (``best`` included). ``terms``,
    the question's words, pick the matter when one case number holds several."""
    pool: dict[str, ItemHit] = {best.ref.key: best}
    if best.ref.case_id:
        candidates = _case_hits(retriever, best.ref.case_id) + [h for h in hits if h.ref.case_id == best.ref.case_id]
        candidates = [h for h in candidates if h.ref.municipality == best.ref.municipality]
        best = _matter_of(best, candidates, terms)
        pool = {best.ref.key: best}
        for h in candidates:
            if h.ref.municipality == best.ref.municipality and same_matter(best, h):
                pool.setdefault(h.ref.key, h)
    elif len(title_stems(best.ref.title)) >= 3:
        for h in hits:
            if (
                not h.ref.case_id
                and h.ref.municipality == best.ref.municipality
                and title_similarity(best.ref.title, h.ref.title) >= 0.8
            ):
                pool.setdefault(h.ref.key, h)
    # Stages under another case number that name each other (a proposal and its follow-up).
    for h in hits:
        if h.ref.key not in pool and linked(best, h):
            pool[h.ref.key] = h
    # One item per meeting (a meeting ingested from two files is one meeting): the one closest
    # to the best item's title.
    per_meeting: dict[tuple[str, str, str], ItemHit] = {}
    for h in pool.values():
        meeting = h.ref.meeting_identity
        if (
            meeting not in per_meeting
            or h.ref.key == best.ref.key
            or (
                per_meeting[meeting].ref.key != best.ref.key
                and title_similarity(best.ref.title, h.ref.title)
                > title_similarity(best.ref.title, per_meeting[meeting].ref.title)
            )
        ):
            per_meeting[meeting] = h
    return sorted(per_meeting.values(), key=lambda h: (h.ref.meeting_date, body_rank(h.ref.committee)))


def _votes(hit: ItemHit) -> tuple:
    return hit.item.votes or read_votes(hit.item.decision)


def build_thread(items: Sequence[ItemHit]) -> tuple[ThreadStep, ...]:
    """The steps of a matter from its items in the store (``thread_hits``), oldest first, with
    the treatments they print about themselves when those are not store items too."""
    steps: list[ThreadStep] = []
    for h in items:
        decision = h.item.decision
        item = h.item if h.item.history else with_history(h.item, h.ref.meeting_date)
        if item.decision != decision and item.history:
            decision = item.decision  # an old store: the joined dated decisions, split now
        steps.append(
            ThreadStep(
                date=h.ref.meeting_date,
                committee=h.ref.committee,
                item_number=h.ref.item_number,
                case_id=h.ref.case_id,
                title=h.ref.title,
                decision=decision,
                status=step_status(decision),
                ref=h.ref,
                votes=_votes(h),
            )
        )
        for past in item.history:
            steps.append(
                ThreadStep(
                    date=past.date,
                    committee=past.body,
                    item_number=past.item_number,
                    case_id=h.ref.case_id,
                    title=None,
                    decision=past.text or None,
                    status=step_status(past.text),
                    ref=None,
                    printed_in=h.ref,
                )
            )
    # A step printed inside an item that the store also holds is the store's item.
    stored = {(s.date, _body_key(s.committee)) for s in steps if s.ref is not None}
    out: list[ThreadStep] = []
    seen: set[tuple[dt.date, str]] = set()
    for s in sorted(steps, key=lambda s: (s.date, body_rank(s.committee), s.ref is None)):
        k = (s.date, _body_key(s.committee))
        if s.ref is None and (k in stored or k in seen):
            continue
        seen.add(k)
        out.append(s)
    return tuple(out)


def _body_key(committee: str) -> str:
    c = committee.lower()
    if _COUNCIL.search(c):
        return "council"
    return re.sub(r"[^a-zæøå]", "", c)


def final_step(steps: Sequence[ThreadStep]) -> ThreadStep | None:
    """The last step that holds a decision (decided or noted), or None."""
    for s in reversed(steps):
        if s.status in DECIDING:
            return s
    return None


def is_open(steps: Sequence[ThreadStep]) -> bool:
    """The case is still open: its last step is a recommendation, was forwarded, sent back,
    postponed or withdrawn."""
    return bool(steps) and steps[-1].status in OPEN


def moved(steps: Sequence[ThreadStep]) -> bool:
    """The matter was treated by more than one body (or more than once)."""
    return len(steps) > 1


# "Hvornår blev varmeplanen godkendt?", "Hvornår blev det behandlet i Økonomiudvalget?": the
# date of a treatment, which is its meeting's date; for the decision, the final step's when the
# matter passed through several bodies (a fagudvalg only recommends).
WHEN_DECIDED_RE = re.compile(
    r"\b(?:hvornår|when)\b[^?]*\b(?:godkend\w*|vedt(?:og|aget|ages)|beslut\w*|behandl\w*|approv\w*|adopt\w*|decid\w*|"
    r"passed|treated|discussed|considered)\b",
    re.I,
)


def asks_when_decided(question: str) -> bool:
    return bool(WHEN_DECIDED_RE.search(question))


def is_outcome_question(question: str) -> bool:
    return bool(OUTCOME_RE.search(question))


def outcome_search(query: str) -> str:
    """The query to retrieve with: the outcome words left out, except "endelig(e/t)", which
    titles of final treatments print ("Vækst- og Erhvervspolitik 2023-2026, endelig godkendelse")."""
    return normalize_ws(
        OUTCOME_RE.sub(lambda m: m.group(0) if m.group(0).lower().startswith("endelig") else " ", query)
    )


# A question about a proposal itself: who put it forward, what it asked for. The answer is the
# item where it was put forward, the first treatment of the matter, not its follow-ups.
PROPOSAL_RE = re.compile(
    r"\b(?:foreslog|foreslået|foreslåede|stillede\s+forslag\w*|forslagsstiller\w*|"
    r"ville\s+(?:et\s+parti|partiet|\w+partiet|\([A-ZÆØÅ]\)|[A-ZÆØÅ]\w*)\s+have\b[^?]{0,40}\btil\s+at|"
    r"propos(?:e|ed)|suggested|put\s+forward)\b",
    re.I,
)


def is_proposal_question(question: str) -> bool:
    return bool(PROPOSAL_RE.search(question))


def _stages(best: Any, ranked: Sequence[Any]) -> list[Any]:
    """The read items that may be other stages of ``best``'s matter under another case number:
    a similar title (``title_similarity`` >= 0.5) or a link by date and item number (``linked``)
    in the same municipality, and no other year in
    the title ("Budgetopfølgning 2 (2024)" and "(2023)" are two matters, not one matter's stages)."""
    years = set(YEAR_RE.findall(best.hit.ref.title))
    return [
        e
        for e in ranked
        if (title_similarity(best.hit.ref.title, e.hit.ref.title) >= 0.5 or linked(best.hit, e.hit))
        and e.hit.ref.municipality == best.hit.ref.municipality
        and not (years and (other := set(YEAR_RE.findall(e.hit.ref.title))) and other != years)
    ]


def earliest_of_kind(best: Any, ranked: Sequence[Any]) -> Any:
    """For a question about a proposal: of the matter's stages among the read items (the
    proposal, then "Opfølgning på ..." under another case number), the earliest: where the
    proposal was put forward."""
    return min(_stages(best, ranked), key=lambda e: (e.hit.ref.meeting_date, e.key != best.key), default=best)


# Coverage within this of the best item's: "about as good by the question's words".
ABOUT_AS_GOOD = 0.1


def latest_of_kind(best: Any, ranked: Sequence[Any], margin: float = ABOUT_AS_GOOD) -> Any:
    """For an outcome question: among the read items about as good as ``best`` (coverage
    within ``margin``) with a similar title (another stage of the same matter under another
    case number: "2. udkast til udsendelse i høring", then "endelig godkendelse"), the latest."""
    similar = [e for e in _stages(best, ranked) if e.coverage >= best.coverage - margin]
    return max(similar, key=lambda e: (e.hit.ref.meeting_date, e.key == best.key), default=best)


def deciding_first(ranked: Sequence[Any], margin: float = ABOUT_AS_GOOD) -> list[Any]:
    """For a question about what was decided: when the best item records no decision (a theme
    meeting, "Temamødet blev holdt"; an item with no decision), the best-ranked item of the same
    matter (same case number, or another stage of it) about as good by the question's words
    whose decision decides or recommends goes first."""
    if not ranked:
        return list(ranked)
    best = ranked[0]
    if step_status(best.hit.item.decision) not in ("other", "none"):
        return list(ranked)
    case = best.hit.ref.case_id
    stages = {e.key for e in _stages(best, ranked)}
    for e in ranked[1:]:
        same = (case and e.hit.ref.case_id == case) or e.key in stages
        if (
            same
            and e.coverage >= best.coverage - margin
            and step_status(e.hit.item.decision) in ("decided", "recommended")
        ):
            return [e, *[x for x in ranked if x.key != e.key]]
    return list(ranked)


__all__ = [
    "ABOUT_AS_GOOD",
    "DECIDING",
    "OPEN",
    "OUTCOME_RE",
    "OUTCOME_WORD",
    "asks_when_decided",
    "body_rank",
    "build_thread",
    "deciding_first",
    "earliest_of_kind",
    "final_step",
    "is_council",
    "is_open",
    "is_outcome_question",
    "is_proposal_question",
    "linked",
    "moved",
    "same_matter",
    "step_status",
    "thread_hits",
    "title_similarity",
]
