"""Votes and absences read from real decision texts of every layout we have.

Greve (FirstAgenda JSON): the fixture meeting and byråd meetings of ../shared/corpus/greve;
Aarhus Byråd (PDF); the Aarhus Teknisk Udvalg HTML (its decision text, verbatim: the HTML
reader is not ours); Frederikshavn (text) and Ballerup (eDoc PDF), whose decisions record no
vote and must yield none.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ingest.parse import parse_file
from ingest.records import Vote, Voter
from ingest.votes import parties_named, party_letter, read_voters, read_votes

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
CORPUS = REPO.parent / "shared" / "corpus"
GREVE = CORPUS / "greve"

needs_corpus = pytest.mark.skipif(not GREVE.exists(), reason="the shared corpus is not beside the repository")


def _names(voters: tuple[Voter, ...]) -> list[str]:
    return [str(v) for v in voters]


@needs_corpus
def test_greve_count_lists_abstentions_and_absence():
    # Byrådet 4 September 2023, punkt 27 "Forslag til Planstrategi 2023".
    m = parse_file(GREVE / "greve_byraad-2022-2025_2023-09-04_0fb02bb4.json")
    (vote,) = m.item("27").votes
    assert (vote.count_for, vote.count_against) == (13, 1)
    assert _names(vote.in_favour) == ["(V)", "(C)", "Liselott Blixt (UP-1)", "Hans-Jørgen Kirstein (UP-2)"]
    assert _names(vote.against) == ["(Ø)"]
    assert _names(vote.abstained) == ["(A)", "(F)"]
    assert _names(vote.absent) == ["Tina Rottbøll"]
    # "Ikke til stede:" is an absence of the item too.
    assert [p.name for p in m.item("27").absent] == ["Tina Rottbøll"]


@needs_corpus
def test_greve_voters_on_the_lines_below_imod_stemte():
    # Byrådet 12 December 2022, punkt 17: "Imod stemte:" / "(F) med bemærkning ..." / "(Ø) med ...".
    m = parse_file(GREVE / "greve_byraad-2022-2025_2022-12-12_c3d666d4.json")
    (vote,) = m.item("17").votes
    assert (vote.count_for, vote.count_against) == (17, 2)
    assert _names(vote.against) == ["(F)", "(Ø)"]
    # Remarks are not voters: "at SF stemmer imod" inside them adds nobody.
    (vote46,) = m.item("46").votes
    assert _names(vote46.against) == ["(F)", "(Ø)"]
    assert len(vote46.in_favour) == 5


def test_greve_fixture_abstention_in_a_closed_item():
    m = parse_file(FIXTURES / "greve" / "greve_oekonomiudvalget_2022-01-10_e049b9bf.json")
    (vote,) = m.item("3").votes
    assert _names(vote.abstained) == ["John T. Olsen (A)", "Brigitte Klintskov Jerkel (C)"]
    assert vote.count_for is None and not vote.in_favour and not vote.against
    assert _names(vote.absent) == ["Mehmet Zeki Dogru"]


@pytest.mark.parametrize(
    ("text", "point", "for_", "against", "abstained"),
    [
        # Greve Byrådet 17 June 2024 and others, verbatim.
        ("Ad 2, imod stemte: F og Ø.\nAd 3 , imod stemte: Ø.", "2", [], ["(F)", "(Ø)"], []),
        (
            "1.-2. V og A undlader.\nImod stemte UP, da UP er imod, at der arbejdes videre.",
            "1.-2",
            [],
            ["(UP)"],
            ["(V)", "(A)"],
        ),
        ("A stemmer for og V stemmer imod.", None, ["(A)"], ["(V)"], []),
        ("(Ø) stemmer imod pkt. 1. b), idet udgiften ikke står mål med udgiften.", None, [], ["(Ø)"], []),
        ("Enhedslisten stemte imod punkt 3 og 9 med begrundelse i at", None, [], ["(Ø)"], []),
        (
            "Økonomiudvalget anbefaler, overfor Byrådet, at godkende pkt. 5 idet Pernille Beckmann (V) og Marc Genning (V) "
            "undlod, og Hans-Jørgen Kirstein (M), Liselott Blixt (UP) og Mehmet Zeki Dogru (Ø) stemte imod pkt. 1-4 og "
            "stemmer for pkt. 5.",
            None,
            [],
            ["Hans-Jørgen Kirstein (M)", "Liselott Blixt (UP)", "Mehmet Zeki Dogru (Ø)"],
            ["Pernille Beckmann (V)", "Marc Genning (V)"],
        ),
        (
            "Linda Heegaard (SF) stemte imod med følgende mindretalsudtalelse:\n”SF stemmer mod, da vi mener opgaven "
            "har været for snæver i sin fremstilling”.",
            None,
            [],
            ["Linda Heegaard (F)"],
            [],
        ),
    ],
)
def test_greve_shapes(text, point, for_, against, abstained):
    vote = read_votes(text)[0]
    assert vote.point == point
    assert _names(vote.in_favour) == for_
    assert _names(vote.against) == against
    assert _names(vote.abstained) == abstained


def test_greve_several_votes_in_one_decision():
    # Byrådet 27 August 2025 style: one vote per point ("Ad 1." / "Ad 2:" / "Ad 3:").
    text = (
        "Ad 1. Økonomiudvalget anbefaler overfor Byrådet, at godkende at borgmesteren\nrepræsenterer kommunalbestyrelsen.\n"
        "Imod stemte: Liselott Blixt (UP1).\nAd 2: Økonomiudvalget anbefaler overfor Byrådet ikke godkendt.\n"
        "Liselott Blixt (UP1) stemte for at det godkendes, at formanden for det stående\nudvalg repræsenterer.\n"
        "Ad 3: Økonomiudvalget anbefaler overfor Byrådet, at udvalgsformanden\nindsættes som stedfortræder.\n"
        "Imod stemte: Liselott Blixt (UP1) med bemærkning om, at hun ønsker, at\nudvalgsformanden skal være medlem."
    )
    votes = read_votes(text)
    assert [(v.point, _names(v.in_favour), _names(v.against)) for v in votes] == [
        ("1", [], ["Liselott Blixt (UP1)"]),
        ("2", ["Liselott Blixt (UP1)"], []),
        ("3", [], ["Liselott Blixt (UP1)"]),
    ]


@pytest.mark.skipif(not (CORPUS / "pdf").exists(), reason="the shared corpus is not beside the repository")
def test_aarhus_byraad_party_groups_by_name():
    m = parse_file(CORPUS / "pdf" / "aarhus_byraad_2025-08-27_referat.pdf")
    (vote,) = m.item("3").votes
    # "Socialistisk Folkepartis og Enhedslisten de Rød-Grønnes byrådsgrupper og Viggo Jonasen kunne ikke
    # tiltræde ..." / "Radikale Venstres og Alternativets byrådsgrupper kunne ikke tiltræde indstillingen."
    assert _names(vote.against) == ["(F)", "(Ø)", "Viggo Jonasen", "(B)", "(Å)"]
    assert _names(m.item("4").votes[0].against) == ["(A)"]
    assert _names(m.item("6").votes[0].against) == ["(Ø)", "(Æ)"]
    assert not m.item("1").votes  # "Godkendt."


def test_aarhus_committee_for_reservations_and_absence():
    # Aarhus Teknisk Udvalg 1 October 2025 (other/aarhus_teknisk-udvalg_2025-10-01_referat.html), punkt 2.
    text = (
        "Et flertal i udvalget kunne tiltræde indstillingen i overensstemmelse med Magistratens anbefaling.\n"
        "Jesper Kjeldsen, Steffen Wich, Gert Bjerregaard og Metin Lindved Aydin kunne tiltræde indstillingen.\n"
        "Jakob Søgaard Clausen tog forbehold.\n"
        "Thure Hastrup deltog ikke i sagens behandling."
    )
    (vote,) = read_votes(text)
    assert _names(vote.in_favour) == ["Jesper Kjeldsen", "Steffen Wich", "Gert Bjerregaard", "Metin Lindved Aydin"]
    assert _names(vote.reservations) == ["Jakob Søgaard Clausen"]
    assert _names(vote.absent) == ["Thure Hastrup"]


@pytest.mark.parametrize(
    "path",
    [
        FIXTURES / "frederikshavn_arbejdsmarkedsudvalget_2024-03-06_referat.txt",
        FIXTURES / "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04_referat.pdf",
    ],
)
def test_decisions_without_a_vote_yield_none(path):
    m = parse_file(path)
    assert all(not it.votes for it in m.items)


@pytest.mark.parametrize(
    "text",
    [
        "Godkendt.",
        "Udvalget undlod at tage stilling.",
        "Økonomiudvalget undlod at tage stilling til indstillingspunkt 6.",
        "Byrådet stemte for at sende sagen tilbage.",
        "Et flertal i udvalget kunne tiltræde indstillingen.",
        "Afbud: Torben Hoffmann (Stedfortræder: Conni Bergendorff), Tina Rottbøll",
        "Administrationen vurderer, at principperne stemmer overens med planen.",
    ],
)
def test_not_votes(text):
    assert read_votes(text) == ()


def test_parties_by_name_and_letter():
    assert party_letter("Venstre") == "V"
    assert party_letter("Radikale Venstres") == "B"
    assert party_letter("Enhedslisten") == "Ø"
    assert party_letter("Socialdemokratiets") == "A"
    assert party_letter("Byrådet") is None
    assert read_voters("(V), A), (C)", strict=True) == (Voter(party="V"), Voter(party="A"), Voter(party="C"))
    assert read_voters("Kenneth Jerkel fra (A)", strict=True) == (Voter("Kenneth Jerkel", "A"),)
    assert read_voters("Byrådet", strict=True) is None


def test_vote_json_round_trip():
    v = read_votes(
        "Med stemmerne 19 for og 2 imod godkendte Byrådet Økonomiudvalgets indstilling.\nImod stemte (Ø) og (F)."
    )[0]
    assert Vote.from_dict(json.loads(json.dumps(v.to_dict()))) == v
    assert v.to_dict()["against"] == [{"name": None, "party": "Ø"}, {"name": None, "party": "F"}]


@needs_corpus
def test_every_greve_vote_is_read_from_its_decision():
    """Invariant over the whole Greve corpus: each vote names someone or a count, and its text
    is made of sentences found verbatim (whitespace collapsed) in the item's decision."""
    seen = 0
    for path in sorted(GREVE.glob("greve_byraad-*.json")):
        for item in parse_file(path).items:
            decision = re.sub(r"\s+", " ", item.decision or "")
            for v in item.votes:
                seen += 1
                assert v.count_for is not None or v.in_favour or v.against or v.abstained or v.reservations
                assert v.text and v.text[:40] in decision, (path.name, item.number, v.text[:80])
    assert seen > 80


@pytest.mark.skipif(not (CORPUS / "other").exists(), reason="the shared corpus is not beside the repository")
def test_aarhus_html_votes_and_course():
    # Aarhus Teknisk Udvalg 1 October 2025 as published HTML, through the HTML reader.
    m = parse_file(CORPUS / "other" / "aarhus_teknisk-udvalg_2025-10-01_referat.html")
    item = m.item("2")
    (vote,) = item.votes
    assert _names(vote.in_favour) == ["Jesper Kjeldsen", "Steffen Wich", "Gert Bjerregaard", "Metin Lindved Aydin"]
    assert _names(vote.against) == ["Solveig Munk"]
    assert _names(vote.reservations) == ["Jakob Søgaard Clausen"]
    assert [(h.date.isoformat(), h.body, h.item_number) for h in item.history] == [
        ("2025-09-02", "Magistraten", "12"),
        ("2025-09-10", "Aarhus Byråd", "11"),
        ("2025-09-22", "Teknisk Udvalg", "2"),
    ]


def test_the_parties_a_text_names() -> None:
    """In words (with the genitive and "byrådsgruppe"), by letter in brackets, or by a short name
    in capitals; in the order they are named, each once."""
    assert parties_named("Socialistisk Folkepartis og Enhedslisten de Rød-Grønnes byrådsgruppe") == ("F", "Ø")
    assert parties_named("Imod stemte: (F) med bemærkning om, at SF stemmer mod. (Ø) med bemærkning") == ("F", "Ø")
    assert parties_named("Radikale Venstre og Venstre") == ("B", "V")
    assert parties_named("Hvad mener DF om fjernvarme?") == ("O",)
    # no party: a word that only contains a name, a capital letter that stands alone
    assert parties_named("Venstresvingsbanen på Strandvejen, afsnit A og B") == ()
