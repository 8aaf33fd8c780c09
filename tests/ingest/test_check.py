"""``referat parse --check``: per document how many items, case IDs, decisions and titles, which
meeting fields the document itself printed, and warnings when it looks misread; ``--json``
gives the same as data (docs/cli.md)."""

from __future__ import annotations

import json
import shutil

from referat.cli import main
from tests.ingest.conftest import BALLERUP, FREDERIKSHAVN

AGENDA_ONLY = """\
Økonomiudvalget
Dagsorden
Mødedato: 3. maj 2024 kl. 16.00
1. Godkendelse af dagsorden
Sagsnr.: 24/000111
Indstilling
Direktionen indstiller, at dagsordenen godkendes.
2. Budgetopfølgning
Sagsnr.: 24/000222
Indstilling
Direktionen indstiller, at budgetopfølgningen tages til efterretning.
"""


def _folder(tmp_path):
    root = tmp_path / "referater"
    (root / "sub").mkdir(parents=True)
    shutil.copy(FREDERIKSHAVN, root / FREDERIKSHAVN.name)
    shutil.copy(BALLERUP, root / "sub" / BALLERUP.name)
    (root / "dagsorden.txt").write_text(AGENDA_ONLY, encoding="utf-8")
    (root / "noter.txt").write_text("Husk kage på fredag.\n", encoding="utf-8")
    (root / "README.md").write_text("not walked: not a suffix the parsers read")
    return root


def test_check_prints_the_table_warnings_and_totals(tmp_path, capsys):
    root = _folder(tmp_path)
    assert main(["parse", "--check", str(root)]) == 1  # noter.txt has no items
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:5] == ["file", "items", "case_id", "decision", "title"]
    row = next(line for line in out if line.startswith(FREDERIKSHAVN.name))
    assert row.split()[1:5] == ["11", "11", "11", "11"]
    assert "municipality,committee,date,time,absent" in row
    row = next(line for line in out if line.startswith(f"sub/{BALLERUP.name}"))
    assert row.split()[1:5] == ["8", "8", "8", "8"]
    agenda = out.index(next(line for line in out if line.startswith("dagsorden.txt")))
    assert out[agenda].split()[1:5] == ["2", "2", "0", "2"]
    assert out[agenda + 1].strip().startswith("warning: no decision on any item")
    failed = out.index(next(line for line in out if line.startswith("noter.txt")))
    assert "FAILED" in out[failed] and "no agenda items found" in out[failed + 1]
    assert out[-1].startswith("4 documents (1 failed, 1 with warnings): 21 items, 21 with a case ID")


def test_check_json(tmp_path, capsys):
    root = _folder(tmp_path)
    assert main(["parse", "--check", "--json", str(root / "dagsorden.txt"), str(root / FREDERIKSHAVN.name)]) == 0
    d = json.loads(capsys.readouterr().out)
    assert set(d) == {"documents", "summary"}
    agenda, fh = d["documents"]
    assert set(agenda) == {"source", "items", "with_case_id", "with_decision", "with_title", "meeting_fields",
                           "committee", "date", "ocr", "warnings", "error"}  # fmt: skip
    assert (agenda["items"], agenda["with_decision"], agenda["committee"], agenda["date"]) == (
        2, 0, "Økonomiudvalget", "2024-05-03",
    )  # fmt: skip
    assert agenda["meeting_fields"] == {"municipality": False, "committee": True, "date": True, "time": True,
                                        "location": False, "participants": False, "absent": False}  # fmt: skip
    assert len(agenda["warnings"]) == 1 and fh["warnings"] == [] and fh["error"] is None
    assert d["summary"] == {"documents": 2, "parsed": 2, "failed": 0, "items": 13, "with_case_id": 13,
                            "with_decision": 11, "with_title": 13, "with_warnings": 1}  # fmt: skip


def test_parse_without_check_reads_one_file(tmp_path, capsys):
    assert main(["parse", str(FREDERIKSHAVN), str(BALLERUP)]) == 2
    assert "use --check for many" in capsys.readouterr().err
