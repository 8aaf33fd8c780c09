"""The default answerer: a short Danish answer composed from the minutes, with no LLM.

It names the item that answers (punkt, title, sag, committee, municipality, date), quotes the
decision verbatim (and the recommendation when the decision only says "Godkendt"), and adds
the one to three sentences of the item that best answer the question (see ``evidence``).
Every quote is verbatim from the item up to whitespace; nothing else is stated as fact. An
English question gets English framing around the Danish quotes.

Out of scope: finding the items (``chain`` + the retriever) and deciding to refuse
(``confidence``); this module only words what it is given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answer_types import answer_type, content_bonus, list_runs, run_of
from assistant.dates import danish_date, english_date
from assistant.evidence import (
    CONTENT_TYPES,
    Candidate,
    ItemEvidence,
    ScoredSentence,
    absence_sentences,
    history_sentences,
    introduced,
    is_name_line,
    refers_to_recommendation,
    typed_match,
)
from assistant.question import QuestionInfo, second_ask
from assistant.records import Citation
from assistant.sentences import normalize_ws, sentences
from assistant.words import content_words, term_in
from vectorstore.records import ItemHit

REFUSAL_DA = "Det kan jeg ikke finde i referaterne."
REFUSAL_EN = "I cannot find that in the minutes (Det kan jeg ikke finde i referaterne)."
# Added to an answer that cites minutes read by OCR from a scan (``AgendaItem.ocr``).
OCR_NOTE_DA = "Bemærk: teksten er OCR-læst fra et scannet referat og kan indeholde fejllæste ord."

_LABELS = {
    False: {
        "decision": "Beslutning",
        "recommendation": "Indstilling",
        "from": "Fra punktet",
        "responsible": "Ansvarligt center",
        "absent": "Afbud",
        "no_decision": "Referatet gengiver ingen beslutning for punktet.",
        "no_absent": "Referatet nævner ingen afbud til punktet.",
        "closed": "Punktet er lukket; kun titlen er offentlig.",
        "maybe": "Muligvis relevant (ikke kilder):",
        "item": "Punkt",
        "case": "sag",
        "no_case": "Sag {case} findes ikke i de indlæste referater.",
    },
    True: {
        "decision": "Decision",
        "recommendation": "Recommendation",
        "from": "From the item",
        "responsible": "Responsible unit",
        "absent": "Absent",
        "no_decision": "The minutes record no decision for this item.",
        "no_absent": "The minutes name no absent members for this item.",
        "closed": "The item is closed; only its title is public.",
        "maybe": "Possibly relevant (not sources):",
        "item": "Item",
        "case": "case",
        "no_case": "Case {case} is not in the ingested minutes.",
    },
}

# subtle: quotes in the answer are the sentences exactly as the item prints them (whitespace
# collapsed); the Danish quotation marks are framing, never part of the quote.


@dataclass(frozen=True)
class Draft:
    """A composed answer before it becomes an ``Answer``."""

    text: str
    citations: tuple[Citation, ...]
    refused: bool


def _q(s: str) -> str:
    return f"\u201c{s}\u201d"


def item_label(hit: ItemHit, english: bool) -> str:
    """'Punkt 5 "Beslutning om ..." (sag EMN-2024-00966), Arbejdsmarkedsudvalget, Frederikshavn, 6. marts 2024'."""
    ref = hit.ref
    L = _LABELS[english]
    parts = [f"{L['item']} {ref.item_number} {_q(ref.title)}"]
    if ref.case_id:
        parts[0] += f" ({L['case']} {ref.case_id})"
    parts.append(ref.committee)
    if ref.municipality:
        m = ref.municipality
        parts.append(m[:1].upper() + m[1:] if m.islower() else m)
    parts.append(english_date(ref.meeting_date) if english else danish_date(ref.meeting_date))
    return ", ".join(parts)


REC_MAX = 700  # characters of an Indstilling quoted whole


def recommendation(ev: ItemEvidence) -> str | None:
    """The item's Indstilling verbatim; when longer than ``REC_MAX`` characters, its first
    sentence, and when that only leads in to the points ("Center for Teknik & Miljø
    indstiller,"), the lead-in with as many whole points as fit in ``REC_MAX`` (at least one).
    ``recommendation_cut`` tells whether more follows."""
    secs = ev.hit.item.sections_of("indstilling")
    if not secs:
        return None
    txt = normalize_ws(" ".join(s.text for s in secs))
    if not txt:
        return None
    if len(txt) <= REC_MAX:
        return txt
    sents = sentences(" ".join(s.text for s in secs))
    if not sents:
        return None
    out = sents[0]
    # A first sentence that only leads in ("Administrationen indstiller,"), or stops without a
    # full stop where its points begin ("... og Center for Økonomi & HR indstiller").
    if leads_in(out) or not out.rstrip().endswith((".", "!", "?")):
        for i, s in enumerate(sents[1:]):
            if i and len(out) + 1 + len(s) > REC_MAX:
                break
            out = f"{out} {s}"
    return out


def recommendation_cut(ev: ItemEvidence, rec: str) -> bool:
    """Whether the item's Indstilling goes on after ``rec`` (a shortened quote)."""
    full = normalize_ws(" ".join(s.text for s in ev.hit.item.sections_of("indstilling")))
    return len(rec) < len(full)


VALUED = ("amount", "count", "date")
SHORT_DECISION = 400  # characters: a decision this short is read at a glance, sentence by sentence

# A short line that stops at a word that needs a continuation: the lead-in of a list or a
# recommendation ("Center for Ejendomme indstiller, at"), cut off where its points begin.
_DANGLING = frozenset({"at", "om", "og", "eller", "samt", "til", "af", "for", "med", "på", "i", "som", "der",
                       "men", "jf.", "hvor", "når", "fordi"})  # fmt: skip
LEAD_IN_WORDS = 8


def _is_lead_in(text: str) -> bool:
    words = text.split()
    return len(words) < LEAD_IN_WORDS and (text.rstrip().endswith(",") or words[-1].lower() in _DANGLING)


HEADING_WORDS = 8


def is_heading(c: Candidate) -> bool:
    """A sub-heading of the item's text ("STIME i Greve Kommune", "Overordnede forventninger til
    Befolkningsprognose 2023"): a short line of its own without end punctuation, no list item,
    label or table row, outside the decision (whose "Godkendt" often has no full stop)."""
    t = c.text.strip()
    return (
        not c.listed
        and c.section not in ("beslutning", "title", "responsible")
        and len(t.split()) <= HEADING_WORDS
        and t[:1].isupper()
        and not re.search(r"[.!?;,)\]”\"']$", t)
        and not re.search(r"[:|]", t)  # a label ("Afbud: ...") or a table row
    )


def leads_in(text: str) -> bool:
    """A sentence that only opens what follows: it ends in a comma, colon or semicolon (the
    splitter ends a sentence there only where a list begins) or in a word that needs a
    continuation ("indstiller, at"), whatever its length."""
    words = text.split()
    return bool(words) and (text.rstrip()[-1] in ",:;" or words[-1].lower() in _DANGLING)


def _adds_to(s: ScoredSentence, words: Sequence[str], chosen: Sequence[ScoredSentence]) -> bool:
    """Whether ``s`` holds one of ``words`` that no chosen sentence holds (and says something
    itself: not a line that only leads in to what follows)."""
    c = s.candidate
    return not leads_in(c.text) and any(
        term_in(w, c.low, c.stems) and not any(term_in(w, x.candidate.low, x.candidate.stems) for x in chosen)
        for w in words
    )


def _facts(
    ev: ItemEvidence,
    kind: str,
    already: Sequence[str],
    n: int,
    typed_first: bool = False,
    also: Sequence[str] = (),
) -> list[ScoredSentence]:
    """Best sentences not already quoted; for typed questions (a value, or an answer type
    such as a result or an age range: ``typed_first``) the first must hold the type. ``also``:
    the words of the question's second ask; a sentence that holds one the first does not is
    quoted too, however much lower it scores."""
    ref = ev.hit.ref
    named = set(content_words(f"{ref.committee} {ref.municipality or ''} {ref.title}"))
    pool = [
        s
        for s in ev.sentences
        if not any(s.candidate.text in a or a in s.candidate.text for a in already)
        and len(s.candidate.text) > 12
        # subtle: a line that only names the item's own committee or title ("Skole-, Børne- og
        # Ungeudvalget." under Beslutningskompetence) tells the reader nothing new, except to
        # a who-question or one that asks who decides ("Hvem kan beslutte ...?": typed); nor
        # does a sub-heading ("Baggrund for tilfredshedsundersøgelsen").
        and (kind == "who" or s.typed or not (set(content_words(s.candidate.text)) <= named or is_heading(s.candidate)))
        and not _is_lead_in(s.candidate.text)
    ]
    # A sentence the item prints twice (in its summary and again in its text) is one fact.
    first: dict[str, ScoredSentence] = {}
    for s in pool:
        first.setdefault(s.candidate.text, s)
    pool = list(first.values())
    if not pool:
        return []
    if kind in VALUED or typed_first:
        typed = [s for s in pool if s.typed]
        if typed:
            pool = typed + [s for s in pool if not s.typed]
    chosen = [pool[0]]
    if kind == "who" and is_name_line(pool[0].candidate.text):
        # A signature block ("Anne Hansen, V" / "Peter Jensen, K"): every name of it.
        at = pool[0].candidate.position
        block = [s for s in pool[1:] if is_name_line(s.candidate.text) and abs(s.candidate.position - at) <= 3]
        chosen.extend(block[:3])
        n = max(n, len(chosen))
    for s in pool[1:]:
        if len(chosen) >= n:
            break
        if s in chosen:
            continue
        # A second sentence only when it is nearly as good and says something the question asks,
        # or when it answers the question's second ask.
        near = s.score >= chosen[0].score - 0.12 and (s.overlap > 0 or (s.typed and kind != "general"))
        if near or (also and _adds_to(s, also, chosen)):
            chosen.append(s)
    return sorted(chosen, key=lambda s: s.candidate.position)


def _absent_names(hit: ItemHit) -> list[str]:
    names = [str(p) for p in hit.item.absent]
    return names or list(hit.meeting_absent)


def compose_item(
    ev: ItemEvidence,
    kind: str,
    english: bool,
    marker: int,
    history: str | None = None,
    atype: str = "other",
    also: Sequence[str] = (),
) -> tuple[str, str]:
    """The lines for one item and the quote its citation carries. ``history``: the question's
    text when it asks about the case's earlier treatment; ``also``: the words of the question's
    second ask (``second_ask``)."""
    L = _LABELS[english]
    item = ev.hit.item
    lines = [f"{item_label(ev.hit, english)} [{marker}]."]
    quoted: list[str] = []
    main_quote: str | None = None
    decision = normalize_ws(item.decision) if item.decision else None
    rec = recommendation(ev)

    def add(label: str, s: str, more: bool = False) -> None:
        """``more``: the quote is the start of a longer text ("…" after it, outside the quote)."""
        nonlocal main_quote
        lines.append(f"{label}: {_q(s)}" + (" …" if more else ""))
        quoted.append(s)
        if main_quote is None:
            main_quote = s

    def add_fact(s: str) -> None:
        """A sentence of the item; for a list question, the whole list it belongs to; for any
        question, the list under a sentence that only introduces it ("Diverse orienteringer fra
        Arbejdsmarkedsudvalgets område:"), which says nothing without it."""
        if atype == "list":
            run = run_of(s, runs)
        else:
            line = normalize_ws(s)
            run = next((r for r in runs if line.endswith(":") and normalize_ws(r.heading) == line), None)
        if run is None:
            add(L["from"], s)
            if normalize_ws(s).endswith(":"):
                # What the line introduces, when it is no list: "... følgende to indsatser
                # afsluttes i regi af handleplanen:" then "Indsats nr. 14 om ..., indsats nr. 18 ...".
                after = introduced(ev.hit, s)
                if after and not any(after in q or q in after for q in quoted):
                    add(L["from"], after)
            return
        if not any(run.heading in q or q in run.heading for q in quoted):
            add(L["from"], run.heading)
        for entry in run.items:
            if not any(entry in q or q in entry for q in quoted):
                lines.append(f"  - {_q(entry)}")
                quoted.append(entry)

    runs = [r for sec in item.sections for r in list_runs(sec.text)]
    content_typed = atype in CONTENT_TYPES

    if not item.open and not decision and not item.sections:
        lines.append(L["closed"])
        return "\n".join(lines), item.title

    if kind == "absent":
        own = [str(p) for p in item.absent]
        # subtle: "X deltog ikke i sagens behandling" is said in the item's text, not in the
        # meeting's list of absent members; it is quoted before the meeting's list is used.
        said = [] if own else absence_sentences(ev.hit)
        names = own or ([] if said else list(ev.hit.meeting_absent))
        if said:
            for s in said:
                add(L["from"], s)
        else:
            lines.append(f"{L['absent']}: {', '.join(names)}." if names else L["no_absent"])
            main_quote = ", ".join(names) if names else None
    if kind == "who" and item.responsible:
        lines.append(f"{L['responsible']}: {item.responsible}.")
        main_quote = item.responsible
    # The Indstilling is quoted for a decision that needs it to be read ("Godkendt.", "1. Godkendt.
    # 2. Ikke godkendt."), and where there is no decision.
    rec_decided = (
        bool(rec) and kind in ("decision", "general") and bool(decision) and refers_to_recommendation(item.decision)
    )
    will_quote_rec = rec_decided or (bool(rec) and kind in ("decision", "general") and not decision)
    if kind in ("amount", "count", "date", "who", "general"):
        # A list question may quote a list that the recommendation also holds: as a list.
        skip_rec = will_quote_rec and rec and atype != "list"
        # A chosen sentence of a short decision is left to the decision line below, which quotes
        # it anyway; the next best sentence does not take its place.
        in_decision = decision if decision and len(decision) <= SHORT_DECISION else None
        facts = _facts(ev, kind, [*quoted, *([rec] if skip_rec else [])], 2, content_typed, also)
        asked_in_rec = bool(rec) and (
            content_bonus(atype, rec or "") > 0 if content_typed else kind in VALUED and typed_match(kind, rec or "")
        )
        if skip_rec and asked_in_rec and not any(s.typed for s in facts):
            # What the question asks for (a figure, a period, a reason, ...) stands in the
            # Indstilling quoted below, and in no other sentence: no sentence that does not
            # answer goes first.
            facts = []
        for s in facts:
            if not (in_decision and normalize_ws(s.candidate.text) in in_decision):
                add_fact(s.candidate.text)
    if history:
        first = bool(re.search(r"\b(?:første|først|oprindelig\w*|first)\b", history, re.I))
        for s in history_sentences(ev.hit, earliest_first=first, n=2 if first else 4):
            if not any(s in q or q in s for q in quoted):
                add(L["from"], s)
    if decision:
        add(L["decision"], decision)
        if rec and rec_decided:
            add(L["recommendation"], rec, recommendation_cut(ev, rec))
            main_quote = rec if kind == "decision" else main_quote
    elif kind != "absent":
        if rec and kind in ("decision", "general"):
            add(L["recommendation"], rec, recommendation_cut(ev, rec))
        lines.append(L["no_decision"])
    if kind == "decision":
        for s in _facts(ev, "decision", quoted, 1, content_typed):
            if s.overlap > 0:
                add_fact(s.candidate.text)
    if main_quote is None:
        best = ev.sentences[0].candidate.text if ev.sentences else item.title
        main_quote = best
    return "\n".join(lines), main_quote


def compose(evidence: Sequence[ItemEvidence], question: QuestionInfo) -> Draft:
    """Compose the answer from the chosen items, best first; markers are 1, 2, ..."""
    blocks, cites = [], []
    for i, ev in enumerate(evidence, start=1):
        block, quote = compose_item(
            ev,
            question.kind,
            question.english,
            i,
            question.text if question.history else None,
            answer_type(question.text, question.kind) if not question.history else "other",
            second_ask(question.text),
        )
        blocks.append(block)
        cites.append(Citation(marker=i, ref=ev.hit.ref, quote=quote))
    return Draft(text="\n\n".join(blocks), citations=tuple(cites), refused=False)


def refusal(hits: Sequence[ItemHit], english: bool, *, missing_case: str | None = None, n: int = 3) -> Draft:
    """ "Det kan jeg ikke finde i referaterne." and the closest items, listed as possibly relevant."""
    L = _LABELS[english]
    lines = [REFUSAL_EN if english else REFUSAL_DA]
    if missing_case:
        lines.append(L["no_case"].format(case=missing_case))
    if hits:
        lines.append(L["maybe"])
        lines.extend(f"- {item_label(h, english)}" for h in hits[:n])
    return Draft(text="\n".join(lines), citations=(), refused=True)
