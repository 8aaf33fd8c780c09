"""Earlier treatments named in an item's prose -> ``ItemReference`` records.

Minutes tell where a matter has been before by meeting date and item number: "Byrådet har
på mødet den 25. juni 2025 (pkt. 13) besluttet at oversende et initiativretsforslag ...",
"På Økonomiudvalgets møde den 24. januar 2024 (pkt. 32) bestilte udvalget ...", "blev
behandlet af Byrådet den 2. oktober 2023 (pkt. 10)", "Byrådet har den 15. maj 2023 punkt 18".
Each such mention is one reference: the date, the item number and the body named just before
the date in the same sentence ("Byrådet", "Økonomiudvalgets"); ``None`` when the sentence
names only "udvalget" or no body at all. A date with neither an item number nor a body before
it is no reference ("Loven træder i kraft den 1. januar 2025").

A reference says that two items are linked, not that they treat one matter: an item may cite
the policy or the budget it builds on. Deciding that is the reader's job (``assistant.threads``
asks for related titles as well).

Out of scope: references without a day ("Byrådet besluttede i maj 2023 ...") and the dated
decision sections and course lists ``ingest.history`` reads.

>>> [(r.date.isoformat(), r.item_number, r.body) for r in read_references(
...     "Byrådet har på mødet den 25. juni 2025 (pkt. 13) besluttet at oversende forslaget.")]
[('2025-06-25', '13', 'Byrådet')]
"""

from __future__ import annotations

import re

from ingest.dates import MONTHS, find_date
from ingest.records import ItemReference

_MONTHS = "|".join(sorted(MONTHS, key=len, reverse=True))  # Danish month names and abbreviations
# "den 25. juni 2025 (pkt. 13", "den 15. maj 2023 punkt 18", "d. 13.03.2024, pkt. 7"; the item
# number may be missing ("Byrådet på mødet den 28. maj 2025 besluttede ...").
_REFERENCE = re.compile(
    rf"\b(?:den|d\.)\s+(?P<date>\d{{1,2}}\.\s*(?:{_MONTHS})\s+\d{{4}}|\d{{1,2}}[.-]\d{{1,2}}[.-]\d{{4}})"
    r"(?:\s*,?\s*\(?\s*(?:under\s+)?(?:pkt\.?|punkt(?:\s+nr\.?)?|dagsordenspunkt)\s*(?P<nr>\d{1,3})\b)?",
    re.I,
)
# The body a sentence names before the date: the last word that is a committee or a council,
# definite or genitive ("Byrådet", "Byrådsmødet", "Beskæftigelses- og Erhvervsudvalgets").
_BODY = re.compile(
    r"((?:[A-ZÆØÅ][\wæøå]*-?\s+og\s+)?[A-ZÆØÅ]?[\wæøå-]*(?:udvalg|byråd|kommunalbestyrelse|borgerrepræsentation|"
    r"magistrat|regionsråd)\w*)",
    re.I,
)
_SENTENCE_START = re.compile(r"[.!?:;]\s+(?=[A-ZÆØÅ])|\n\s*\n")


def _body_before(text: str, start: int) -> str | None:
    window = text[max(0, start - 160) : start]
    cut = list(_SENTENCE_START.finditer(window))
    if cut:
        window = window[cut[-1].end() :]
    found = _BODY.findall(window)
    if not found:
        return None
    body = found[-1].strip()
    return None if body.lower().startswith("udvalg") else body


def read_references(text: str) -> tuple[ItemReference, ...]:
    """The references in ``text``, in reading order, each once."""
    refs: list[ItemReference] = []
    for m in _REFERENCE.finditer(text):
        date = find_date(m.group("date"))
        if date is None:
            continue
        body = _body_before(text, m.start())
        if m.group("nr") or body:
            refs.append(ItemReference(date, m.group("nr"), body))
    return tuple(dict.fromkeys(refs))


__all__ = ["read_references"]
