"""A PDF is refused only when pdfminer cannot read it: bytes after the end marker, a missing
final newline and an incremental update all parse exactly like the original."""

from __future__ import annotations

import re

import pytest

from ingest.parse import parse_file
from referat.cli import main
from tests.ingest.conftest import BALLERUP


def _records(path) -> dict:
    d = parse_file(path).to_dict()
    for key in ("source", "sha256"):
        d.pop(key)
    return d


@pytest.fixture(scope="module")
def original(tmp_path_factory):
    path = tmp_path_factory.mktemp("orig") / "referat.pdf"
    path.write_bytes(BALLERUP.read_bytes())
    return _records(path)


def _incremental_update(raw: bytes) -> bytes:
    """Append an incremental update, as an editor that saves in place does: a new Info
    object and a new xref section chained to the old one with /Prev."""
    prev = int(re.findall(rb"startxref\s+(\d+)", raw)[-1])
    trailer = re.findall(rb"trailer\s*<<(.*?)>>\s*startxref", raw, re.S)[-1]
    size = int(re.search(rb"/Size\s+(\d+)", trailer).group(1))
    root = re.search(rb"/Root\s+\d+\s+\d+\s+R", trailer).group(0)
    body = raw if raw.endswith(b"\n") else raw + b"\n"
    obj_at = len(body)
    body += b"%d 0 obj\n<< /Producer (Referat test) >>\nendobj\n" % size
    xref_at = len(body)
    body += b"xref\n%d 1\n%010d 00000 n \n" % (size, obj_at)
    body += b"trailer\n<< /Size %d %s /Info %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
        size + 1, root, size, prev, xref_at,
    )  # fmt: skip
    return body


@pytest.mark.parametrize(
    "damage",
    ["200 null bytes after %%EOF", "HTML after %%EOF", "no final newline", "incremental update"],
)
def test_readable_pdfs_parse_like_the_original(tmp_path, original, damage):
    raw = BALLERUP.read_bytes()
    data = {
        "200 null bytes after %%EOF": raw + b"\x00" * 200,
        "HTML after %%EOF": raw + b"<html><body>download page</body></html>\n" * 100,
        "no final newline": raw.rstrip(b"\r\n"),
        "incremental update": _incremental_update(raw),
    }[damage]
    path = tmp_path / "referat.pdf"
    path.write_bytes(data)
    assert _records(path) == original


def test_a_pdf_cut_short_is_still_refused_in_one_line(tmp_path, capsys):
    path = tmp_path / "referat.pdf"
    path.write_bytes(BALLERUP.read_bytes()[:40_000] + b"\x00" * 200)
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(path) in err and "truncated or damaged PDF" in err
