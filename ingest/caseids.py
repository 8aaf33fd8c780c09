"""Case IDs (sagsnumre) in the forms Danish case systems print them.

- EMN-2024-00966, MOS-2024-00185 (prefix, year, serial: Frederikshavn, Aarhus);
- 2012-28504 (year-serial: eDoc, Ballerup); 23-007402 (two-digit year);
- 12/27845 (year/serial: Acadre, KMD); 00.01.00-A00-1-24 (KLE number with facet and serial);
- SAG-2023-1234, 2023/0012345 and similar variants of the above.

``LABEL`` finds a labelled case-id field ("Sags ID:", "Sagsnr.:", "Sag nr. 23-007402",
"Journalnr.:"). ``find_case_id`` returns the first case id in a string (as the parsers store
it); ``find_case_ids`` every case id a question names, in any form a document can carry, for
the retriever's exact lookup and the answerer's "sagen findes ikke"; ``normalise_case_id`` is
how the store compares them. This module is the one place these rules live. Out of scope:
telling a case id from a document id when the minutes print both unlabelled (layouts decide
that).
"""

from __future__ import annotations

import re

CASE_ID = re.compile(
    r"(?<![\w./-])("
    r"[A-ZÆØÅ]{2,6}-\d{4}-\d{2,8}"  # EMN-2024-00966
    r"|\d{2}\.\d{2}\.\d{2}-[A-ZÆØÅ]\d{2}-\d+-\d{2}"  # 00.01.00-A00-1-24
    r"|\d{2}\.\d{2}\.\d{2}-[A-ZÆØÅ]\d{2}"  # 00.01.00-A00 (KLE + facet only)
    r"|(?:19|20)\d{2}\s?[-–/]\s?(?!(?:19|20)\d{2}(?!\d))\d{3,8}"  # 2012-28504, 2023/0012345 (not 2025-2028)
    r"|\d{2}[-/]\d{3,8}"  # 23-007402, 12/27845
    r")(?![\w/]|-\d)"
)

# "Sags ID:", "Sagsnr.:", "Sag nr.", "Sagsnummer:", "Journalnr.:", "J.nr.", "Acadre sagsnr.", "Sags-id"
LABEL = re.compile(
    r"^(?:[\wæøå]+\s+)?(?:sags?\s*-?\s*(?:id|nr\.?|nummer|no\.?)|sag\s+nr\.?|journal\s*-?\s*nr\.?|j\.\s?nr\.?"
    r"|sagsnr\.?)\s*[:.]?\s*",
    re.I,
)


def find_case_id(text: str) -> str | None:
    """The first case id in ``text``, normalised (no spaces, en dash -> hyphen).

    >>> find_case_id("Sagsnr.: 2012-28504")
    '2012-28504'
    >>> find_case_id("Sag nr. 23-007402")
    '23-007402'
    """
    m = CASE_ID.search(text)
    if not m:
        return None
    return re.sub(r"\s", "", m.group(1)).replace("–", "-")


def labelled_case_id(line: str) -> str | None:
    """The case id of a labelled field line, or None if ``line`` is not such a field.

    >>> labelled_case_id("Sags ID: EMN-2024-00966")
    'EMN-2024-00966'
    >>> labelled_case_id("Sagen drejer sig om 12/27845") is None
    True
    """
    m = LABEL.match(line.strip())
    if not m:
        return None
    rest = line.strip()[m.end() :]
    cid = find_case_id(rest)
    if cid:
        return cid
    token = rest.split()[0] if rest.split() else ""
    # An unfamiliar but plausible id right after the label ("Sagsnr.: A12-34/2020").
    return token if re.fullmatch(r"[\w./-]*\d[\w./-]*", token) else None


def is_bare_case_id(line: str) -> bool:
    """A line that is nothing but a case id (Aarhus prints "EMN-2025-003383" under the title)."""
    m = CASE_ID.fullmatch(line.strip())
    return bool(m)


# Case ids in a question. subtle: order matters; the prefixed form is tried first so that
# "EMN-2024-00966" is not also read as the bare "2024-00966".
_QUESTION_PATTERNS = (
    re.compile(r"(?<![\w-])([A-ZÆØÅ]{2,5}-\d{4}-\d{3,7})(?![\w-])", re.I),  # EMN-2024-00966 (Acadre, Aarhus)
    re.compile(r"(?<![\w./-])(\d{2}-\d{4,7}[A-Z]?)(?![\w-])", re.I),  # 23-007402, 22-002367K (Greve)
    re.compile(r"(?<![\w./-])(\d{4}-\d{3,7})(?![\w./-])"),  # 2012-28504, 2010-3082 (eDoc, Ballerup)
    re.compile(r"(?<![\w./-])(\d{1,2}/\d{4,7})(?![\w/-])"),  # 12/27845
    # Last, every form the parsers store (``CASE_ID``), KLE numbers like 00.01.00-A00-1-24 included.
    re.compile(CASE_ID.pattern, re.I),
)


def _is_year_range(ident: str) -> bool:
    a, _, b = ident.partition("-")
    return len(a) == 4 and len(b) == 4 and 1900 <= int(a) <= 2100 and 1900 <= int(b) <= 2100


def case_id_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, normalised id) of every case id in ``text``, in order of appearance.

    >>> case_id_spans("sag 12/27845 og KLE 00.01.00-A00-1-24")
    [(4, 12, '12/27845'), (20, 37, '00.01.00-A00-1-24')]
    """
    found: list[tuple[int, int, str]] = []
    for pattern in _QUESTION_PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span(1)
            if any(s < end and start < e for s, e, _ in found):
                continue
            ident = normalise_case_id(m.group(1))
            if _is_year_range(ident):  # "Byrådet 2022-2025" is a term of office
                continue
            found.append((start, end, ident))
    return sorted(found)


def find_case_ids(text: str) -> tuple[str, ...]:
    """Case ids in ``text``, normalised (upper case), in order of appearance, without repeats.

    >>> find_case_ids("Hvad skete der i sag emn-2024-00966, 22-002367K og 2010-3082?")
    ('EMN-2024-00966', '22-002367K', '2010-3082')
    """
    return tuple(dict.fromkeys(ident for _, _, ident in case_id_spans(text)))


def without_case_ids(text: str) -> str:
    """``text`` with every case id replaced by a space (what is left to read as words)."""
    for start, end, _ in reversed(case_id_spans(text)):
        text = text[:start] + " " + text[end:]
    return text


_CASE_PREFIX = re.compile(r"^\s*(?:sagsnr|sagsnummer|sags[\s-]*id|sagen|sag)(?=[\s.:])(?:\s*[.:])*\s*", re.I)


def normalise_case_id(case_id: str) -> str:
    """Case ids compare case-insensitively, without "Sagsnr.:"/"Sags ID:", spaces or en dashes.

    >>> normalise_case_id("Sags ID: EMN-2024-00966")
    'EMN-2024-00966'
    >>> normalise_case_id(" sagsnr. 12/3456 ")
    '12/3456'
    """
    return re.sub(r"\s+", "", _CASE_PREFIX.sub("", case_id)).replace("–", "-").upper()


__all__ = [
    "CASE_ID",
    "LABEL",
    "case_id_spans",
    "find_case_id",
    "find_case_ids",
    "is_bare_case_id",
    "labelled_case_id",
    "normalise_case_id",
    "without_case_ids",
]
