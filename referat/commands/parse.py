"""``referat parse FILE [--json] [--sections] [--municipality NAME]``: read one file of minutes
and print its meeting and agenda items, readably or as the ``Meeting`` JSON (docs/cli.md).

``referat parse --check FILE|FOLDER... [--json]``: parse many files and print what was
understood of each (items, case IDs, decisions, titles, meeting fields) with a warning for
documents that look misread (``ingest.check``); exit code 1 when some file could not be parsed.

Out of scope: storing anything (that is ``referat ingest``).
"""

from __future__ import annotations

import argparse
import textwrap
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.settings import Settings
    from ingest.records import Meeting

HELP = "parse a file of minutes (.pdf, .txt, .json, .html, .xml) and print its agenda items, or --check many"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="minutes: a PDF, extracted text, FirstAgenda JSON, an HTML page or eDoc XML (--check: files or folders)",
    )
    parser.add_argument("--json", action="store_true", help="print the meeting as JSON (fields in docs/cli.md)")
    parser.add_argument(
        "--check",
        action="store_true",
        help="for each file (folders walked): items, case IDs, decisions, meeting fields found, and warnings",
    )
    parser.add_argument("--sections", action="store_true", help="also print every section of every item")
    parser.add_argument(
        "--municipality", metavar="NAME", help="the municipality (kommune), used when the file does not name it"
    )


def _indent(text: str, prefix: str = "    ") -> str:
    return textwrap.indent(text, prefix)


def format_meeting(meeting: Meeting, sections: bool = False) -> str:
    """The readable form printed by ``referat parse``."""
    head = [f"{meeting.committee} — {meeting.date.isoformat()}" + (f" kl. {meeting.time}" if meeting.time else "")]
    for label, value in (
        ("Kommune", meeting.municipality),
        ("Møde-id", meeting.meeting_id),
        ("Sted", meeting.location),
        ("Deltagere", ", ".join(map(str, meeting.participants))),
        ("Afbud", ", ".join(map(str, meeting.absent))),
        ("Kilde", f"{meeting.source} (sha256 {meeting.sha256[:12]})"),
    ):
        if value:
            head.append(f"{label}: {value}")
    if meeting.guessed:
        head.append(f"Gættet fra filnavnet: {', '.join(meeting.guessed)}")
    if meeting.ocr:
        head.append("OCR: teksten er OCR-læst fra en scanning")
    head.append(f"{len(meeting.items)} punkter")
    out = ["\n".join(head)]
    for it in meeting.items:
        lines = [f"Punkt {it.number}{'' if it.open else ' (lukket)'}: {it.title}"]
        facts = [
            f"sag {it.case_id}" if it.case_id else None,
            f"ansvarlig {it.responsible}" if it.responsible else None,
            f"kompetence {it.authority}" if it.authority else None,
            f"side {it.pages[0]}" if it.pages[0] == it.pages[1] else f"side {it.pages[0]}-{it.pages[1]}",
        ]
        lines.append("    " + " · ".join(f for f in facts if f))
        if sections:
            for s in it.sections:
                lines.append(f"    [{s.kind}] {s.heading or '(uden overskrift)'}")
                lines.append(_indent(s.text, "        "))
        elif it.decision:
            lines.append("    Beslutning:")
            lines.append(_indent(it.decision, "        "))
        if it.absent:
            lines.append("    Afbud: " + ", ".join(map(str, it.absent)))
        for a in it.attachments:
            lines.append(f"    Bilag: {a.title}" + (f" ({a.document_id})" if a.document_id else ""))
        out.append("\n".join(lines))
    return "\n\n".join(out)


def run_check(args: argparse.Namespace) -> int:
    from pathlib import Path

    from core.jsonout import print_json
    from ingest.check import CheckSummary, check_file, collect_files, format_checks

    files = collect_files(args.files)  # InputError (exit 2) for a path that does not exist
    checks = [check_file(f, municipality=args.municipality) for f in files]
    if args.json:
        print_json({"documents": [c.to_dict() for c in checks], "summary": CheckSummary(checks).to_dict()})
    else:
        roots = [Path(p) for p in args.files if Path(p).is_dir()]
        print(format_checks(checks, root=roots[0] if len(roots) == 1 else None))
    return 0 if all(c.ok for c in checks) else 1


def run(args: argparse.Namespace, settings: Settings) -> int:
    from core.errors import InputError
    from core.jsonout import print_json
    from ingest.parse import parse_file

    if args.check:
        return run_check(args)
    if len(args.files) > 1:
        raise InputError(f"{args.files[1]}: parse reads one file at a time (use --check for many)")
    meeting = parse_file(args.files[0], municipality=args.municipality)
    if args.json:
        print_json(meeting.to_dict())
    else:
        print(format_meeting(meeting, sections=args.sections))
    return 0
