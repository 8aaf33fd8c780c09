"""Every bad input gives exit code 2 and one line naming the file and the problem, never a
traceback: through ``referat.cli.main`` for each case, and once as a real subprocess."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PIL import Image

from referat.cli import main
from tests.ingest.conftest import BALLERUP, tiny_pdf


def _make(tmp_path, kind: str):
    if kind == "missing":
        return tmp_path / "findes_ikke.pdf"
    if kind == "folder":
        (tmp_path / "mappe.pdf").mkdir()
        return tmp_path / "mappe.pdf"
    path = tmp_path / {"wrong-json": "møde.json", "broken-json": "møde.json", "not-minutes": "noter.txt",
                       "unsupported": "referat.docx"}.get(kind, "referat.pdf")  # fmt: skip
    data = {
        "empty": b"",
        "blank": b"  \n\n ",
        "not-a-pdf": b"Dette er ikke en PDF, bare tekst med et forkert navn.\n",
        "truncated": BALLERUP.read_bytes()[:40_000],
        "truncated-middle": BALLERUP.read_bytes()[:40_000] + BALLERUP.read_bytes()[-2_000:],
        "encrypted": tiny_pdf("Referat", encrypt=True),
        "wrong-json": b'{"Udvalg": {"Navn": "X"}, "punkter": []}',
        "broken-json": b'{"Dagsordenpunkter": [',
        "not-minutes": "Kære alle\nHusk kage på fredag.\nHilsen Jens\n".encode(),
        "unsupported": b"PK\x03\x04\x00\x00binary\x00\x01\x02",
    }.get(kind)
    if kind == "scanned":
        Image.new("RGB", (300, 400), "white").save(path, "PDF")
    else:
        path.write_bytes(data)
    return path


CASES = {
    "missing": "no such file",
    "folder": "folder",
    "empty": "empty",
    "blank": "empty",
    "not-a-pdf": "not a PDF",
    "truncated": "truncated",
    "truncated-middle": "damaged",
    "encrypted": "encrypted",
    "scanned": "no text layer",
    "wrong-json": "Dagsordenpunkter",
    "broken-json": "JSON",
    "not-minutes": "no agenda items",
    "unsupported": "unsupported file type",
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_bad_input_exit_2_one_line(tmp_path, capsys, kind):
    path = _make(tmp_path, kind)
    assert main(["parse", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("referat: ")
    assert str(path) in err
    assert CASES[kind].lower() in err.lower()
    assert "Traceback" not in err


def test_subprocess_has_no_traceback(tmp_path):
    path = _make(tmp_path, "encrypted")
    proc = subprocess.run(
        [sys.executable, "-m", "referat", "parse", str(path), "--json"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.strip().splitlines() == [
        f"referat: {path}: encrypted PDF; it cannot be read without its password"
    ]


def test_plain_tiny_pdf_reads_but_holds_no_items(tmp_path, capsys):
    path = tmp_path / "hej.pdf"
    path.write_bytes(tiny_pdf("Hej verden"))
    assert main(["parse", str(path)]) == 2
    assert "no agenda items" in capsys.readouterr().err
