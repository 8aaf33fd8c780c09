"""The generic engine on real item bodies: Greve meetings (FirstAgenda JSON, read by
``ingest.firstagenda``) printed as plain-text minutes in several heading styles must parse back
into the same items, case ids and decisions. The bodies are real, with their numbered lists,
"Punkt 1." references inside decisions and sub-headings, which is what trips a line parser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.parse import parse_file
from ingest.records import Meeting
from tests.ingest.conftest import CORPUS, FIXTURES

GREVE = sorted((FIXTURES / "greve").glob("*.json"))
# A few more from the shared corpus (when it is beside the repository): long council meetings.
MORE = [
    CORPUS / "greve" / name
    for name in (
        "greve_byraad-2022-2025_2024-10-02_48bd4739.json",
        "greve_klima-teknik-og-miljoeudvalget_2022-04-04_8ad91927.json",
        "greve_plan-og-tryghedsudvalget_2023-11-28_7ca9487f.json",
        "greve_social-og-handicapudvalget_2022-04-25_05b9e65f.json",
        "greve_oekonomiudvalget_2023-08-28_74c84fe5.json",
    )
]
STYLES = {
    "dot": "{n}. {t}",
    "punkt": "Punkt {n}: {t}",
    "paren": "{n}) {t}",
    "alone": "{n}\n{t}",
}


def render(m: Meeting, style: str) -> str:
    out = [m.committee, f"Referat {m.date.strftime('%d.%m.%Y')} kl. {m.time or '16:00'}", ""]
    for it in m.items:
        title = it.title if it.open else f"Lukket: {it.title}"
        out.append(STYLES[style].format(n=it.number, t=title))
        if it.case_id:
            out.append(f"Sagsnr.: {it.case_id}")
        for s in it.sections:
            if s.heading:
                out.append(s.heading)
            out.extend(s.text.split("\n"))
        out.append("")
    return "\n".join(out)


ABSENCE = re.compile(r"^(?:Afbud|Ikke til stede|Fraværende)|\b(?:var ikke til stede|var forhindret|deltog ikke)\b")


def _without_absences(text: str | None) -> list[str]:
    # The text parser moves absence lines out of the decision ("Afbud" section); FirstAgenda keeps them.
    return [line for line in (text or "").split("\n") if line.strip() and not ABSENCE.search(line)]


@pytest.mark.parametrize("style", sorted(STYLES))
@pytest.mark.parametrize("path", [*GREVE, *(p for p in MORE if p.exists())], ids=lambda p: p.stem[:40])
def test_rendered_minutes_parse_back(tmp_path, path: Path, style: str):
    original = parse_file(path)
    text_file = tmp_path / f"{path.stem}.txt"
    text_file.write_text(render(original, style), encoding="utf-8")
    parsed = parse_file(text_file)
    assert [(i.number, i.case_id, i.open) for i in parsed.items] == [
        (i.number, i.case_id, i.open) for i in original.items
    ]
    assert [i.title for i in parsed.items] == [i.title for i in original.items]
    for a, b in zip(original.items, parsed.items, strict=True):
        assert _without_absences(b.decision) == _without_absences(a.decision), a.number
