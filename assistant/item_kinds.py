"""Which of the read items answers a "how did it go" question by its kind: an evaluation.

"Hvordan gik det med projektet, der skal hjælpe borgere med psykiske lidelser i arbejde?" asks
for results. Among the items about as good by the question's words, the one whose title says
it reports results ("Evaluering af IPS-projektet", "Status på ...", "Erfaringer med ...",
"Midtvejsevaluering") answers it; the grant or the launch of the same project states its
purpose only. The sentences are then chosen by the ``result`` answer type
(``assistant.answer_types``).

Out of scope: "how did the case end" (``assistant.threads``: the final decision) and questions
about a proposal (``threads.earliest_of_kind``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.threads import ABOUT_AS_GOOD

# "Hvordan gik det med ...", "Hvordan er det gået med ...", "Hvilke erfaringer ...", "How did ... go".
RESULT_QUESTION = re.compile(
    r"\b(?:hvordan\s+(?:gik|går|er)\s+det\b|hvordan\s+(?:er|blev)\s+(?:\w+\s+){0,3}(?:gået|modtaget)\b|"
    r"hvilke\s+erfaringer\b|how\s+did\b[^?]*\bgo\b|how\s+(?:has|have)\b[^?]*\bgone\b|how\s+is\b[^?]*\bgoing\b|"
    r"what\s+(?:were\s+)?the\s+(?:results|experiences)\b)",
    re.I,
)
# A title that reports results: an evaluation, a status, experiences, a mid-term report.
EVALUATION_TITLE = re.compile(
    r"\b(?:\w*evaluering\w*|evaluer\w*|status\w*|erfaring\w*|resultat\w*|midtvejs\w*|afrapportering\w*)\b", re.I
)


def is_result_question(question: str) -> bool:
    return bool(RESULT_QUESTION.search(question))


def evaluation_first(ranked: Sequence[Any]) -> list[Any]:
    """``ranked`` (read items, best first) with the best-ranked item that reports results
    (``EVALUATION_TITLE``) and covers the question's words about as well as the first moved
    to the front; unchanged when none does."""
    if not ranked:
        return list(ranked)
    best = ranked[0]
    found = next(
        (
            e
            for e in ranked
            if EVALUATION_TITLE.search(e.hit.ref.title or "") and e.coverage >= best.coverage - ABOUT_AS_GOOD
        ),
        None,
    )
    if found is None or found is best:
        return list(ranked)
    return [found, *[e for e in ranked if e is not found]]


__all__ = ["EVALUATION_TITLE", "RESULT_QUESTION", "evaluation_first", "is_result_question"]
