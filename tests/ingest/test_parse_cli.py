"""``referat parse`` output: the JSON fields documented in docs/cli.md, and the readable form."""

from __future__ import annotations

import json

from referat.cli import main
from tests.ingest.conftest import FREDERIKSHAVN

MEETING_FIELDS = {"municipality", "committee", "date", "time", "meeting_id", "location", "source", "sha256",
                  "participants", "absent", "absent_parties", "items"}  # fmt: skip
ITEM_FIELDS = {"number", "open", "title", "case_id", "responsible", "authority", "decision", "absent",
               "absent_parties", "sections", "attachments", "pages"}  # fmt: skip


def test_json_has_the_documented_fields(capsys):
    assert main(["parse", str(FREDERIKSHAVN), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert set(d) >= MEETING_FIELDS
    assert d["date"] == "2024-03-06" and d["source"] == str(FREDERIKSHAVN)
    assert d["absent"] == ["Mette Hardam", "Erik Kyed Trolle"] and d["absent_parties"] == ["V", "UP"]
    assert [i["number"] for i in d["items"]] == [str(n) for n in range(1, 12)]
    five = d["items"][4]
    assert set(five) >= ITEM_FIELDS
    assert (five["case_id"], five["decision"], five["pages"]) == ("EMN-2024-00966", "Godkendt.", [10, 11])
    assert {"heading", "kind", "text"} == set(five["sections"][0])
    assert d["items"][3]["attachments"] == [
        {"title": "AMU - samlede budgettilpasninger 2024 - 2027", "document_id": "7826460"}
    ]


def test_municipality_option_is_used_when_the_file_names_none(capsys, tmp_path):
    path = tmp_path / "referat.txt"
    path.write_text("Økonomiudvalget 01.02.2024\n1. Budget\nSagsnr.: 24-000001\nBeslutning\nGodkendt.\n")
    assert main(["parse", str(path), "--json", "--municipality", "Odder"]) == 0
    assert json.loads(capsys.readouterr().out)["municipality"] == "Odder"


def test_readable_output(capsys, ballerup):
    from referat.commands.parse import format_meeting

    out = format_meeting(ballerup)
    assert out.startswith("Sundheds- og Forebyggelsesudvalget — 2012-12-04 kl. 13:00\n")
    assert "Punkt 2: Bygningsvedligeholdelse 2013 - anlægsbevilling" in out
    assert "sag 2012-28504" in out and "Indstillingen godkendt" in out
    assert main(["parse", str(FREDERIKSHAVN), "--sections"]) == 0
    out = capsys.readouterr().out
    assert "Punkt 5: Beslutning om Frederikshavnerordningen" in out and "[beslutning] Beslutninger" in out
