"""Every ingest checks what it parsed (``ingest.check``): the report keeps each document's
check, and ``referat ingest`` prints a line per warning."""

from __future__ import annotations

import json

from referat.cli import main
from tests.vectorstore.minutes import FREDERIKSHAVN_TXT
from vectorstore.pipeline import collect_files, ingest_paths

AGENDA_ONLY = """\
Økonomiudvalget
Dagsorden
Mødedato: 3. maj 2024 kl. 16.00
1. Godkendelse af dagsorden
Sagsnr.: 24/000111
Indstilling
Direktionen indstiller, at dagsordenen godkendes.
"""


def test_ingest_report_checks_each_document(tmp_path, fake_store):
    (tmp_path / "dagsorden.txt").write_text(AGENDA_ONLY, encoding="utf-8")
    report = ingest_paths([tmp_path / "dagsorden.txt", FREDERIKSHAVN_TXT], fake_store)
    assert [(c.items, c.with_decision) for c in report.checks] == [(1, 0), (11, 11)]
    (warning,) = report.warnings
    assert warning.file.endswith("dagsorden.txt") and warning.warning.startswith("no decision on any item")
    assert report.to_dict()["warnings"] == [{"file": warning.file, "warning": warning.warning}]


def test_folders_are_walked_for_html_and_xml_too(tmp_path):
    for name in ("a.pdf", "b.txt", "c.json", "d.html", "e.htm", "f.xml", "g.docx", "h.md"):
        (tmp_path / name).write_text("x")
    assert [f.name for f in collect_files([tmp_path])] == ["a.pdf", "b.txt", "c.json", "d.html", "e.htm", "f.xml"]


def test_ingest_command_prints_a_line_per_warning(tmp_path, settings, capsys, monkeypatch):
    import vectorstore.embedding
    from tests.fakes import HashingEmbedder

    monkeypatch.setattr(vectorstore.embedding, "load_embedder", lambda s: HashingEmbedder())
    store = ["--store", str(settings.store)]
    agenda = tmp_path / "dagsorden.txt"
    agenda.write_text(AGENDA_ONLY, encoding="utf-8")
    assert main([*store, "ingest", str(agenda)]) == 0
    out = capsys.readouterr().out
    assert f"warning: {agenda.resolve()}: no decision on any item" in out
    assert main([*store, "ingest", "--json", str(agenda)]) == 0
    assert json.loads(capsys.readouterr().out)["warnings"] == []  # unchanged: not parsed again
