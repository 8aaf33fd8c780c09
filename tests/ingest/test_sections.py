"""Which printed headings are the decision: a proposal ("Forslag til beslutning"), the case's
history ("Tidligere beslutninger") and a recommendation followed by the decision in one
section ("Indstilling og beslutning") are not; the decision of the item stays the decision."""

from __future__ import annotations

import json

import pytest

from ingest.parse import parse_file
from ingest.sections import classify_heading


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Forslag til beslutning", "indstilling"),
        ("Forslag til beslutning:", "indstilling"),
        ("Indstilling og beslutning", "indstilling"),
        ("Tidligere beslutninger", "other"),
        ("Tidligere beslutning", "other"),
        ("Udvalgets tidligere beslutninger", "other"),
        # the decision headings stay decisions
        ("Beslutning", "beslutning"),
        ("BESLUTNING", "beslutning"),
        ("Beslutninger:", "beslutning"),
        ("Afgørelse", "beslutning"),
        ("Beslutning i Økonomiudvalget den 3. maj 2024", "beslutning"),
        ("Arbejdsmarkedsudvalgets beslutning den 6. marts 2024", "beslutning"),
        ("Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 2", "beslutning"),
        ("Økonomi- og Erhvervsudvalgets beslutning", "beslutning"),
        ("Beslutningskompetence", "other"),
        ("Beslutningspunkter", "indstilling"),
    ],
)
def test_only_the_decision_itself_is_classified_as_the_decision(heading, kind):
    assert classify_heading(heading) == kind


MINUTES = """\
Kommunalbestyrelsen i Solrød
Økonomiudvalget
Mødedato: 3. maj 2024 kl. 16.30

Punkt 1. Ny hal i Havdrup
Sag nr. 24-001122
Sagsbeskrivelse
Den nye hal skal stå færdig i 2027.
Tidligere beslutninger
Kommunalbestyrelsen besluttede den 4. marts 2023 at udskyde hallen.
Forslag til beslutning
Forvaltningen foreslår, at hallen bygges.
Beslutning
Godkendt.
"""


def test_proposal_and_history_sections_are_not_the_items_decision(tmp_path):
    path = tmp_path / "solroed_oekonomiudvalget_2024-05-03.txt"
    path.write_text(MINUTES, encoding="utf-8")
    (item,) = parse_file(path).items
    assert item.decision == "Godkendt."
    kinds = {s.heading: s.kind for s in item.sections}
    assert kinds["Tidligere beslutninger"] == "other"
    assert kinds["Forslag til beslutning"] == "indstilling"


def test_a_firstagenda_indstilling_og_beslutning_field_is_not_shown_as_decided(tmp_path):
    # A FirstAgenda field printed under one heading that starts with the proposal.
    html = (
        "<h3>Sagsbeskrivelse</h3><p>Der søges om en ny legeplads.</p>"
        "<h3>Indstilling og beslutning</h3><p>Administrationen indstiller, at legepladsen etableres.</p>"
        "<h3>Beslutning</h3><p>Godkendt.</p>"
    )
    doc = {
        "Udvalg": {"Navn": "Økonomiudvalget"},
        "Moede": {"Dato": "2025-06-25T16:00:00", "Moededeltagere": []},
        "Dagsordenpunkter": [
            {"Punktnummer": 1, "Navn": "Legeplads", "SagsNummer": "25-000001", "Felter": [{"Html": html}]}
        ],
    }
    path = tmp_path / "greve_oekonomiudvalget_2025-06-25.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    (item,) = parse_file(path).items
    assert item.decision == "Godkendt."
    assert {s.heading: s.kind for s in item.sections}["Indstilling og beslutning"] == "indstilling"
