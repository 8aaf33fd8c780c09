"""Case IDs (sagsnumre) in the forms Danish case systems print them.

- EMN-2024-00966, MOS-2024-00185 (prefix, year, serial: Frederikshavn, Aarhus);
- 2012-28504 (year-serial: eDoc, Ballerup); 23-007402 (two-digit year);
- 12/27845 (year/serial: Acadre, KMD); 00.01.00-A00-1-24 (KLE number with facet and serial);
- SAG-2023-1234, 2023/0012345 and similar variants of the above.

``LABEL`` finds a labelled case-id field ("Sags ID:", "Sagsnr.:", "Sag nr. 23-007402",
"Journalnr.:"). ``find_case_id`` returns the first case id in a string. Out of scope: telling
a case id from a document id when the minutes print both unlabelled (layouts decide that).
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


__all__ = ["CASE_ID", "LABEL", "find_case_id", "is_bare_case_id", "labelled_case_id"]
