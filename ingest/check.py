"""The parse check: what was understood of each document, and a warning when it looks misread.

``check_meeting(meeting)`` counts the items and how many have a case ID, a decision and a
title, lists the meeting fields found in the document itself (municipality, committee, date,
time, location, participants, absences; a field taken from the file name does not count),
and warns when the document looks misread:

- no decision on any item (an agenda, or decisions under headings the parser missed);
- one giant item (one item holds most of the text: item headings were missed);
- committee unknown (not printed anywhere; guessed from the file name);
- date from the file name only;
- text read by OCR (words may be misread).

``referat parse --check``, ``referat ingest`` and the web app's Documents tab show it.
``collect_files`` walks folders for the files the parsers read. Out of scope: judging
whether a decision's text is right (that needs a person reading the minutes).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import InputError
from ingest.records import Meeting

MEETING_FIELDS = ("municipality", "committee", "date", "time", "location", "participants", "absent")
# One item holding at least this share of a document's text (and this many characters) means
# the item headings after it were not found.
GIANT_SHARE, GIANT_CHARS = 0.6, 20_000


@dataclass(frozen=True)
class DocumentCheck:
    """What the parser understood of one file (``error`` set when it could not be parsed)."""

    source: str
    items: int = 0
    with_case_id: int = 0
    with_decision: int = 0
    with_title: int = 0
    found: tuple[str, ...] = ()  # meeting fields printed in the document (MEETING_FIELDS order)
    committee: str | None = None
    date: str | None = None
    ocr: bool = False
    warnings: tuple[str, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "items": self.items,
            "with_case_id": self.with_case_id,
            "with_decision": self.with_decision,
            "with_title": self.with_title,
            "meeting_fields": {f: f in self.found for f in MEETING_FIELDS},
            "committee": self.committee,
            "date": self.date,
            "ocr": self.ocr,
            "warnings": list(self.warnings),
            "error": self.error,
        }


def check_meeting(meeting: Meeting) -> DocumentCheck:
    """The check of one parsed meeting.

    >>> from ingest.records import AgendaItem
    >>> m = Meeting("Økonomiudvalget", __import__("datetime").date(2024, 5, 3),
    ...             (AgendaItem("1", "Budget", case_id="24/1", decision="Godkendt."),), "m.pdf", "00")
    >>> c = check_meeting(m); (c.items, c.with_case_id, c.with_decision, c.warnings)
    (1, 1, 1, ())
    """
    items = meeting.items
    values = {
        "municipality": meeting.municipality,
        "committee": meeting.committee if "committee" not in meeting.guessed else None,
        "date": meeting.date if "date" not in meeting.guessed else None,
        "time": meeting.time,
        "location": meeting.location,
        "participants": meeting.participants,
        "absent": meeting.absent,
    }
    warnings: list[str] = []
    with_decision = sum(1 for i in items if i.decision)
    if not with_decision:
        warnings.append("no decision on any item (an agenda, or decision headings not recognised)")
    sizes = [len(i.text) + len(i.title) for i in items]
    total = sum(sizes) or 1
    biggest = max(range(len(items)), key=lambda k: sizes[k])
    # subtle: JSON sources list their items explicitly, so a big item there is just big.
    inferred = Path(meeting.source).suffix.lower() != ".json"
    if inferred and sizes[biggest] >= GIANT_CHARS and (len(items) == 1 or sizes[biggest] / total >= GIANT_SHARE):
        warnings.append(
            f"one giant item: punkt {items[biggest].number} holds {sizes[biggest] / total:.0%} of the text "
            "(item headings may have been missed)"
        )
    if "committee" in meeting.guessed:
        warnings.append(f"committee unknown: not printed in the document (guessed {meeting.committee!r} from the file name)")
    if "date" in meeting.guessed:
        warnings.append("meeting date not printed in the document (taken from the file name)")
    if meeting.ocr:
        warnings.append("text read by OCR (teksten er OCR-læst): words may be misread")
    return DocumentCheck(
        source=meeting.source,
        items=len(items),
        with_case_id=sum(1 for i in items if i.case_id),
        with_decision=with_decision,
        with_title=sum(1 for i in items if sum(ch.isalpha() for ch in i.title) >= 3),
        found=tuple(f for f in MEETING_FIELDS if values[f]),
        committee=meeting.committee if "committee" not in meeting.guessed else None,
        date=meeting.date.isoformat(),
        ocr=meeting.ocr,
        warnings=tuple(warnings),
    )


def check_file(path: Path | str, municipality: str | None = None) -> DocumentCheck:
    """Parse one file and check it; a file that cannot be parsed gives a check with ``error``."""
    from ingest.parse import parse_file

    try:
        return check_meeting(parse_file(path, municipality))
    except InputError as exc:
        return DocumentCheck(source=str(path), error=str(exc))


def collect_files(paths: Iterable[str | Path], suffixes: Sequence[str] | None = None) -> list[Path]:
    """The files to read, in a stable order: given files as they are, folders walked
    recursively for the parsers' suffixes (hidden files skipped). Raises InputError for a path
    that does not exist."""
    from ingest.parse import SUPPORTED_SUFFIXES

    wanted = tuple(suffixes or SUPPORTED_SUFFIXES)
    out: list[Path] = []
    seen: set[Path] = set()
    for p in map(Path, paths):
        if not p.exists():
            raise InputError(f"{p}: no such file or folder")
        if p.is_dir():
            found = sorted(
                f
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in wanted
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
        else:
            found = [p]
        for f in found:
            r = f.resolve()
            if r not in seen:
                seen.add(r)
                out.append(r)
    return out


@dataclass
class CheckSummary:
    """Totals over many checks (the last line of ``referat parse --check``)."""

    checks: list[DocumentCheck] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        ok = [c for c in self.checks if c.ok]
        return {
            "documents": len(self.checks),
            "parsed": len(ok),
            "failed": len(self.checks) - len(ok),
            "items": sum(c.items for c in ok),
            "with_case_id": sum(c.with_case_id for c in ok),
            "with_decision": sum(c.with_decision for c in ok),
            "with_title": sum(c.with_title for c in ok),
            "with_warnings": sum(1 for c in ok if c.warnings),
        }


def format_checks(checks: Sequence[DocumentCheck], root: Path | None = None) -> str:
    """The readable table: one row per document, warnings under it, totals last."""

    def name(c: DocumentCheck) -> str:
        p = Path(c.source)
        if root is not None:
            try:
                return str(p.resolve().relative_to(root.resolve()))
            except ValueError:
                pass
        return p.name

    short = {"municipality": "municipality", "committee": "committee", "date": "date", "time": "time",
             "location": "place", "participants": "participants", "absent": "absent"}  # fmt: skip
    rows = [("file", "items", "case_id", "decision", "title", "meeting fields found")]
    for c in checks:
        if c.ok:
            fields = ",".join(short[f] for f in c.found) or "-"
            rows.append((name(c), str(c.items), str(c.with_case_id), str(c.with_decision), str(c.with_title), fields))
        else:
            rows.append((name(c), "-", "-", "-", "-", "FAILED"))
    widths = [max(len(r[k]) for r in rows) for k in range(len(rows[0]))]
    out = []
    for n, r in enumerate(rows):
        out.append("  ".join(v.ljust(widths[k]) if k in (0, 5) else v.rjust(widths[k]) for k, v in enumerate(r)).rstrip())
        if n == 0:
            continue
        c = checks[n - 1]
        if c.error:
            out.append(f"    error: {c.error}")
        out.extend(f"    warning: {w}" for w in c.warnings)
    t = CheckSummary(list(checks)).to_dict()
    out.append(
        f"{t['documents']} documents ({t['failed']} failed, {t['with_warnings']} with warnings): {t['items']} items, "
        f"{t['with_case_id']} with a case ID, {t['with_decision']} with a decision, {t['with_title']} with a title"
    )
    return "\n".join(out)


__all__ = [
    "MEETING_FIELDS",
    "CheckSummary",
    "DocumentCheck",
    "check_file",
    "check_meeting",
    "collect_files",
    "format_checks",
]
