"""Case threads, outcome answers, meeting answers, votes and time, through the real chain on
real Greve and Frederikshavn records with the tiny in-test retriever (fast, no store).

The Greve meetings: Mosede Klimapark's anlægsbevilling (sag 23-006438) went Klima-, Teknik- og
Miljøudvalget 6 February 2025 -> Økonomiudvalget 10 March -> Byrådet 19 March 2025; its
egenfinansiering, under the same case number, 14 March -> 10 April -> 17 April 2024.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from assistant.chain import answer_question
from assistant.records import Answer
from assistant.sentences import normalize_ws
from assistant.threads import (
    asks_when_decided,
    build_thread,
    final_step,
    is_open,
    linked,
    same_matter,
    step_status,
    thread_hits,
    title_similarity,
)
from assistant.vote_answers import verbatim_vote_text
from core.settings import Settings
from ingest.parse import parse_file
from tests.assistant.conftest import FIXTURE, TinyRetriever

GREVE = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "greve"
FILES = [
    "greve_klima-teknik-og-miljoeudvalget_2025-02-06_922c69f2.json",
    "greve_oekonomiudvalget_2025-03-10_b0de9b9b.json",
    "greve_byraad-2022-2025_2025-03-19_303ab05d.json",
    "greve_klima-teknik-og-miljoeudvalget_2024-03-14_9b1b5cd9.json",
    "greve_oekonomiudvalget_2024-04-10_eb5cb1f3.json",
    "greve_byraad-2022-2025_2024-04-17_3204f037.json",
    "greve_byraad-2022-2025_2023-09-04_0fb02bb4.json",
]
pytestmark = pytest.mark.skipif(not GREVE.exists(), reason="the shared corpus is not beside the repository")


@pytest.fixture(scope="module")
def world() -> TinyRetriever:
    return TinyRetriever([*(parse_file(GREVE / f) for f in FILES), parse_file(FIXTURE)])


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings.from_env({"REFERAT_HOME": str(tmp_path_factory.mktemp("home"))})


def ask(q: str, r: TinyRetriever, s: Settings, history: tuple[Answer, ...] = ()) -> Answer:
    return answer_question(q, retriever=r, settings=s, history=history, embedder=r.embedder)


def _where(ref) -> tuple[str, str, str]:
    return ref.committee, ref.meeting_date.isoformat(), ref.item_number


def test_step_status_reads_real_decisions():
    assert step_status("1.-4. Anbefales.") == "recommended"
    assert (
        step_status(
            "Økonomiudvalget anbefaler overfor Byrådet at godkende Klima-, Teknik- og Miljøudvalgets indstilling."
        )
        == "recommended"
    )
    assert step_status("Byrådet godkendte Økonomiudvalgets indstilling.") == "decided"
    assert (
        step_status("Økonomiudvalget besluttede at sende sagen tilbage til fornyet behandling i fagudvalg.")
        == "sent_back"
    )
    assert step_status("Sagens behandling blev udsat i byrådets møde den 26. marts 2025.") == "postponed"
    # Aarhus Teknisk Udvalg, 1 October 2025: "besluttede" names the decision to put it off
    assert (
        step_status("Udvalget besluttede herefter at udsætte sagens behandling med henblik på forvaltningens besvarelse.")
        == "postponed"
    )
    assert step_status("Sagen blev taget af dagsordenen.") == "withdrawn"
    assert step_status("Orienteringen blev taget til efterretning.") == "noted"
    assert (
        step_status(
            "Fremsendes til Aarhus Byråd med bemærkning, at Magistraten i mødet den 19. august 2025 anbefaler, at byrådet tiltræder"
        )
        == "recommended"
    )
    assert (
        step_status("Fremsendes til Teknisk Udvalg til behandling i henhold til beslutning i byrådets møde.")
        == "forwarded"
    )
    assert step_status(None) == "none"


def test_one_case_number_two_matters():
    # Greve 23-006438 holds the egenfinansiering (2024) and the anlægsbevilling (2025).
    assert (
        title_similarity("Mosede Klimapark, Greve Kommunes  egenfinansiering", "Mosede Klimapark - anlægsbevilling")
        < 0.6
    )
    # "Tillæg 1" and "tillæg 2" to one plan are two matters; "1. behandling" / "2. behandling" one.
    assert (
        title_similarity("Vandforsyningsplan, Forslag til Tillæg 1", "Vandforsyningsplan - Forslag til tillæg 2") < 0.6
    )
    assert title_similarity("Budget 2026-29 - 1. behandling", "Budget 2026-29 - 2. behandling") == 1.0


def test_thread_of_the_anlaegsbevilling(world):
    best = next(h for h in world.retrieve("Mosede Klimapark anlægsbevilling", k=10) if h.ref.item_number == "7")
    items = thread_hits(best, world)
    assert all(same_matter(best, h) for h in items)
    steps = build_thread(items)
    assert [(s.date.isoformat(), s.committee, s.status) for s in steps] == [
        ("2025-02-06", "Klima-, Teknik- og Miljøudvalget", "recommended"),
        ("2025-03-10", "Økonomiudvalget", "recommended"),
        ("2025-03-19", "Byråd 2022-2025", "decided"),
    ]
    assert final_step(steps).ref.item_number == "29"
    assert not is_open(steps)
    assert is_open(steps[:2])  # without the council's meeting the case is open


def test_outcome_question_answers_from_the_final_treatment(world, settings):
    a = ask("Hvad blev det endelige resultat for Mosede Klimaparks anlægsbevilling?", world, settings)
    assert not a.refused
    assert _where(a.citations[0].ref) == ("Byråd 2022-2025", "2025-03-19", "29")
    assert _where(a.retrieved[0].ref) == ("Byråd 2022-2025", "2025-03-19", "29")
    assert "endeligt afgjort af Byråd 2022-2025 den 19. marts 2025 [1]" in a.text
    assert "Forløb:" in a.text and "“1.-4. Anbefales.”" in a.text
    thread = a.to_dict()["thread"]
    assert [(t["date"], t["committee"], t["item_number"], t["case_id"]) for t in thread] == [
        ("2025-02-06", "Klima-, Teknik- og Miljøudvalget", "7", "23-006438"),
        ("2025-03-10", "Økonomiudvalget", "24", "23-006438"),
        ("2025-03-19", "Byråd 2022-2025", "29", "23-006438"),
    ]
    assert thread[-1]["decision"].startswith("Byrådet godkendte Økonomiudvalgets indstilling.")
    # Every step is cited, and only the anlægsbevilling's: not the 2024 egenfinansiering.
    assert {t["marker"] for t in thread} == {1, 2, 3}
    assert all("anlægsbevilling" in c.ref.title for c in a.citations)


def test_an_open_case_is_said_to_be_open(settings):
    # Without Byrådet's meeting the last step is Økonomiudvalget's recommendation.
    r = TinyRetriever([parse_file(GREVE / f) for f in FILES[:2]])
    a = ask("Hvordan endte sagen om Mosede Klimaparks anlægsbevilling?", r, settings)
    assert "ikke endeligt afgjort" in a.text
    assert _where(a.citations[0].ref) == ("Økonomiudvalget", "2025-03-10", "24")


def test_a_decision_question_about_a_committee_step_names_the_final_decision(world, settings):
    a = ask("Hvad besluttede Klima-, Teknik- og Miljøudvalget om Mosede Klimaparks anlægsbevilling?", world, settings)
    assert "Endelig beslutning i sagen: Byråd 2022-2025 den 19. marts 2025" in a.text
    assert ("Byråd 2022-2025", "2025-03-19", "29") in [_where(c.ref) for c in a.citations]
    assert len(a.thread) == 3


def test_meeting_absences_and_participants(world, settings):
    a = ask("Hvem var fraværende ved byrådsmødet den 19. marts 2025?", world, settings)
    assert not a.refused
    assert "Torben Hoffmann" in a.text and "Tina Rottbøll" in a.text
    (c,) = a.citations
    assert c.about == "meeting" and c.ref.meeting_date == dt.date(2025, 3, 19) and c.ref.pages == (1, 1)
    a = ask("Hvem deltog i byrådsmødet i Greve den 19. marts 2025?", world, settings)
    assert "Conni Bergendorff" in a.text and "Fraværende: Torben Hoffmann" in a.text
    a = ask("Hvem var stedfortræder for Torben Hoffmann ved byrådsmødet den 19. marts 2025?", world, settings)
    assert "Stedfortræder: Conni Bergendorff" in a.text


def test_meeting_facts_the_minutes_do_not_list_are_refused(world, settings):
    # Frederikshavn's minutes list absences, not who took part.
    a = ask("Hvem deltog i mødet i Arbejdsmarkedsudvalget den 6. marts 2024?", world, settings)
    assert a.refused and not a.citations
    assert "Referatet nævner ikke mødets deltagere." in a.text
    assert "Mette Hardam" in a.text  # what the minutes do say, not cited
    a = ask("Hvem var fraværende ved Arbejdsmarkedsudvalgets møde den 6. marts 2024?", world, settings)
    assert not a.refused and "Mette Hardam (V), Erik Kyed Trolle (UP)" in a.text


def test_meeting_time_place_agenda_and_unknown_meeting(world, settings):
    a = ask("Hvornår startede byrådsmødet i Greve den 17. april 2024?", world, settings)
    assert "kl. 19:00" in a.text
    a = ask("Hvor blev byrådsmødet den 19. marts 2025 holdt?", world, settings)
    assert "Byrådssalen" in a.text
    a = ask("Hvad var på dagsordenen for Økonomiudvalgets møde den 10. april 2024?", world, settings)
    assert "Punkt 9: Befolkningsprognose 2024" in a.text
    a = ask("Hvem deltog i Økonomiudvalgets møde den 11. april 2024?", world, settings)
    assert a.refused and "Der er intet møde i Økonomiudvalget den 11. april 2024" in a.text


def test_a_meeting_compound_names_the_body(settings):
    """A meeting compound ("byrådsmødet") names the body: its meeting, not every one that day."""
    both = [
        "greve_byraad-2022-2025_2024-04-17_3204f037.json",
        "greve_klima-teknik-og-miljoeudvalget_2024-04-17_046f602f.json",
    ]
    r = TinyRetriever([parse_file(GREVE / f) for f in both])
    a = ask("Hvornår startede byrådsmødet i Greve den 17. april 2024?", r, settings)
    assert "kl. 19:00" in a.text and "kl. 15:00" not in a.text
    assert [c.ref.committee for c in a.citations] == ["Byråd 2022-2025"]
    a = ask("Hvornår startede klima-, teknik- og miljøudvalgsmødet den 17. april 2024?", r, settings)
    assert [c.ref.committee for c in a.citations] == ["Klima-, Teknik- og Miljøudvalget"]
    a = ask("Hvornår startede møderne i Greve den 17. april 2024?", r, settings)  # no body named: both
    assert len(a.citations) == 2


DAY_CARE = ["greve_oekonomiudvalget_2022-06-13_3e57a83f.json", "greve_byraad-2022-2025_2022-06-20_8a1b6ab3.json"]
COUNCIL_DAYS = [
    "greve_byraad-2022-2025_2024-09-04_62055c96.json",
    "greve_byraad-2022-2025_2022-06-20_8a1b6ab3.json",
    "greve_byraad-2022-2025_2023-09-04_0fb02bb4.json",
    "greve_byraad-2022-2025_2024-06-26_575a380d.json",
    "greve_byraad-2022-2025_2022-04-04_d628e40c.json",
]


def test_a_day_named_with_its_meeting_is_that_meeting(settings):
    """Every council meeting has its programme ("Kl. 17:30 - Lukket byrådsmøde. Kl. 19:00 - Åbent
    byrådsmøde."); a question that names the meeting and its day is about that day's, and asks
    the hour when it asks when the meeting started."""
    r = TinyRetriever([parse_file(GREVE / f) for f in COUNCIL_DAYS])
    a = ask("Hvornår startede det åbne byrådsmøde den 4. september 2024?", r, settings)
    assert (a.citations[0].ref.meeting_date, a.citations[0].ref.item_number) == (dt.date(2024, 9, 4), "1")
    assert "Fra punktet: “Kl. 19:00 - Åbent byrådsmøde.”" in a.text
    a = ask("Hvad var programmet for byrådsmødet den 4. september 2024?", r, settings)
    assert a.citations[0].ref.meeting_date == dt.date(2024, 9, 4)
    a = ask("When did the city council meeting start on 4 September 2024?", r, settings)
    assert a.citations[0].about == "meeting" and "The meeting began at 19:00." in a.text


def test_how_many_voted_for_is_answered_from_the_counted_vote(settings):
    """Økonomiudvalget's treatment records only an abstention; Byrådet's counts the votes for
    ("Med stemmerne 19 for godkendte Byrådet ..."), and says nothing of any against."""
    r = TinyRetriever([parse_file(GREVE / f) for f in DAY_CARE])
    a = ask("Hvor mange stemte for placeringen af den nye daginstitution i Greve Midt?", r, settings)
    first = a.citations[0].ref
    assert (first.committee, first.meeting_date, first.item_number) == ("Byråd 2022-2025", dt.date(2022, 6, 20), "16")
    assert "Afstemning: 19 for; Undlod: (F)." in a.text and "0 imod" not in a.text


def test_a_named_day_weighs_only_as_a_meeting_day():
    from assistant.question import analyse, asks_time_of_day
    from assistant.when import W_DAY, meeting_day

    day = dt.date(2024, 9, 4)
    ask_ = meeting_day("Hvad var programmet for byrådsmødet den 4. september 2024?", day, False)
    assert ask_.bonus(_hit("Godkendelse af dagsorden", day)) == W_DAY
    assert ask_.bonus(_hit("Godkendelse af dagsorden", dt.date(2023, 9, 4))) == 0.0
    assert meeting_day("Hvad besluttede Økonomiudvalget den 4. september 2024?", day, True) is not None
    # a day without a meeting or a committee may be an event's: "aktive den 27. februar 2024"
    assert meeting_day("Hvor mange unge var aktive i SammenUng den 27. februar 2024?", day, False) is None
    assert asks_time_of_day("Hvornår startede det åbne byrådsmøde den 4. september 2024?")
    assert asks_time_of_day("When did the meeting on 4 September 2024 begin?")
    assert not asks_time_of_day("Hvornår starter den nye skole?")
    assert "startede" not in analyse("Hvornår startede det åbne byrådsmøde den 4. september 2024?").topic


def test_an_item_question_about_absence_is_not_a_meeting_question(world, settings):
    # Own topic words ("energitiltag i svømmehallen"): the item answer, not the meeting's.
    a = ask("Hvem havde afbud, da Byrådet behandlede Mosede Klimaparks anlægsbevilling?", world, settings)
    assert all(c.about == "item" for c in a.citations)


def test_vote_question_names_the_sides_and_the_party(world, settings):
    a = ask("Hvordan stemte Enhedslisten om forslaget til Planstrategi 2023?", world, settings)
    assert _where(a.citations[0].ref) == ("Byråd 2022-2025", "2023-09-04", "27")
    assert "Enhedslisten (Ø) stemte imod." in a.text
    assert "13 for og 1 imod" in a.text and "Undlod: (A), (F)" in a.text
    votes = a.to_dict()["citations"][0]["votes"]
    assert votes[0]["count_for"] == 13 and votes[0]["against"] == [{"name": None, "party": "Ø"}]
    # The quote is verbatim from the decision.
    item = a.retrieved[0].item
    assert normalize_ws(a.citations[0].quote) in normalize_ws(item.decision)
    # The item's lines quote each passage of the decision once: the vote sentences are not
    # repeated as a fact, nor as a decision line that only adds "Ikke til stede: ...".
    block = a.text.split("\n\n")[0]
    quoted = re.findall(r": \u201c(.*)\u201d$", block, re.M)
    assert len(quoted) >= 2
    assert not [(x, y) for x in quoted for y in quoted if x is not y and normalize_ws(x) in normalize_ws(y)]


def test_every_citation_carries_its_votes_and_the_json_keeps_old_fields(world, settings):
    a = ask("Hvad blev der besluttet om Frederikshavnerordningen?", world, settings)
    d = a.to_dict()
    assert {"question", "answer", "refused", "mode", "citations", "retrieved", "timings_ms", "flags"} <= set(d)
    assert d["citations"][0]["votes"] == [] and d["citations"][0]["about"] == "item"
    assert d["thread"] == []


def test_a_question_about_place_and_time_gets_both(world, settings):
    a = ask("Hvor blev byrådsmødet den 17. april 2024 holdt, og hvornår begyndte det?", world, settings)
    assert "Byrådssalen" in a.text and "kl. 19:00" in a.text


def _hit(title: str, day: dt.date):
    from ingest.records import AgendaItem
    from vectorstore.records import ItemHit, ItemRef

    ref = ItemRef("k:1", "Greve", "Byråd 2022-2025", day, None, "1", None, title, "s", "k", (1, 1))
    return ItemHit(ref, 1.0, AgendaItem("1", title))


def test_time_readings_and_what_the_answer_says():
    from assistant.when import W_SUBJECT, read_time, time_note

    anchor = dt.date(2025, 12, 31)
    ask_ = read_time("Hvad blev byggesagsgebyrerne for 2024?", anchor)
    right, wrong = (
        _hit("Byggesagsgebyrer 2024", dt.date(2023, 10, 2)),
        _hit("Byggesagsgebyrer 2025", dt.date(2024, 11, 13)),
    )
    # The next year's fees are another edition: they weigh against (see the road pools below).
    assert ask_.bonus(right) == W_SUBJECT and ask_.bonus(wrong) == -W_SUBJECT
    assert time_note(ask_, right, False) == (
        "Tid: 2024 er læst som det år, byggesagsgebyrerne gælder for; punktet blev behandlet 2. oktober 2023."
    )
    # The year paired with the noun in the title decides: "regnskab 2024", not "Lånoptag 2024".
    ask_ = read_time("Hvad blev besluttet om lånoptag vedrørende regnskab 2024?", anchor)
    assert ask_.subject_fit(_hit("Lånoptag 2025 vedrørende regnskab 2024", dt.date(2025, 3, 19)))
    assert not ask_.subject_fit(_hit("Lånoptag 2024 vedrørende regnskab 2023", dt.date(2024, 1, 29)))
    ask_ = read_time("Hvad godkendte Byrådet om befolkningsprognosen sidste år?", anchor)
    inside = _hit("Befolkningsprognose 2024", dt.date(2024, 4, 17))
    assert ask_.bonus(inside) > 0 and ask_.bonus(_hit("Befolkningsprognose 2025", dt.date(2025, 4, 23))) == 0
    assert "“sidste år” er regnet fra det nyeste møde i referaterne (31. december 2025)" in time_note(
        ask_, inside, False
    )
    assert read_time("Hvad blev der besluttet om Frederikshavnerordningen?", anchor) is None


def test_a_written_out_year_prefers_the_item_about_that_year():
    """"... i 2023": a report on 2023 treated early in 2024 ("Ydelser i hjemmeplejen 2023",
    January 2024) is about the year asked; a report on 2022 treated in 2023 is not, although its
    meeting falls in the year."""
    from assistant.when import read_time

    ask_ = read_time("Hvem udførte de uanmeldte tilsyn i hjemmeplejen i 2023?", dt.date(2025, 12, 31))
    about = _hit("Ydelser i hjemmeplejen 2023, uanmeldte tilsyn", dt.date(2024, 1, 8))
    other = _hit("Ydelser i hjemmeplejen 2022, uanmeldte tilsyn", dt.date(2023, 2, 6))
    untitled = _hit("Tilsyn i hjemmeplejen", dt.date(2023, 2, 6))
    assert ask_.bonus(about) > ask_.bonus(untitled) > ask_.bonus(other) == 0.0
    # two years later is no longer a report on it
    assert ask_.bonus(_hit("Ydelser i hjemmeplejen 2023, uanmeldte tilsyn", dt.date(2025, 1, 8))) == 0.0


def test_a_name_with_its_year_is_that_edition():
    """"Nytårskoncerten 2024" names an edition: the item whose title names the same thing with
    the same year, wherever its meeting falls ("Opgørelse af nytårskoncerten 2024 ..." was treated
    in March 2024, "Nytårskoncerten 2025" in March 2025; for a date question only such a
    reading weighs). A month or a season before the year dates and names nothing."""
    from assistant.when import W_SUBJECT, read_time

    anchor = dt.date(2025, 12, 31)
    ask_ = read_time("Hvornår blev Nytårskoncerten 2024 holdt?", anchor)
    assert ask_.named == (("Nytårskoncerten", 2024),)
    assert ask_.named_fit(_hit("Opgørelse af nytårskoncerten 2024 og samarbejde med Greve Harmoniorkester", dt.date(2024, 3, 20)))
    assert not ask_.named_fit(_hit("Nytårskoncerten 2025", dt.date(2025, 3, 26)))
    assert not ask_.named_fit(_hit("Budgetopfølgning 1 2024", dt.date(2024, 5, 1)))  # the year, not the name
    assert ask_.bonus(_hit("Opgørelse af nytårskoncerten 2024", dt.date(2024, 3, 20))) == W_SUBJECT
    assert read_time("Hvad besluttede byrådet i marts 2024 om skolerne?", anchor).named == ()
    assert read_time("Hvad blev der besluttet om Tune Skole i foråret 2024?", anchor).named == ()


def test_a_figure_question_about_an_edition_reads_that_edition(settings):
    """The 2024 accounts of the New Year concert also say "i 2023 blev der solgt 564 billetter";
    the question names the 2023 edition, whose own accounts answer it (a figure question weighs
    no meeting year, so the edition is the only reading of its year)."""
    r = TinyRetriever(
        [
            parse_file(GREVE / "greve_kultur-og-fritidsudvalget_2023-03-15_a555f973.json"),
            parse_file(GREVE / "greve_kultur-og-fritidsudvalget_2024-03-20_a165df50.json"),
        ]
    )
    a = ask("Hvor mange billetter blev solgt til Nytårskoncerten 2023?", r, settings)
    assert a.citations[0].ref.case_id == "22-015353", a.text
    assert "564 billetter" in a.text


def test_the_month_a_title_is_as_of():
    from assistant.when import W_SUBJECT, W_TIME, read_time, time_note

    anchor = dt.date(2025, 12, 31)
    status = _hit("Status på kapitalforvaltning pr. 31. juli 2024", dt.date(2024, 9, 4))
    other = _hit("Status på kapitalforvaltning pr. 31. juli 2025", dt.date(2025, 9, 8))
    # "ultimo juli 2024" is a cut-off, no meeting's time: the title as of that month is the reading.
    ask_ = read_time("Hvad var aktie- og obligationsbeholdningen værd ultimo juli 2024?", anchor)
    assert ask_ is not None and ask_.bonus(status) == W_SUBJECT and ask_.bonus(other) == 0.0
    assert time_note(ask_, status, False) == (
        "Tid: juli 2024 er læst som det tidspunkt, punktet gør status for; det blev behandlet 4. september 2024."
    )
    # A month that may be the meeting's ("in July 2024"): as good as a meeting that month, no better.
    ask_ = read_time("What did the finance committee decide in July 2024?", anchor)
    assert ask_.bonus(status) == W_TIME == ask_.bonus(_hit("Budget", dt.date(2024, 7, 1)))


def test_the_very_date_a_title_is_as_of_is_a_reference():
    """Greve's debt reports: "pr. 30. april 2022" in the question and in one title is as exact
    a reference as a meeting's day; the next year's report, as of 30 April 2023, is another
    period, and a title of the month alone is only the month's reading."""
    from assistant.when import W_DAY, W_SUBJECT, read_time

    anchor = dt.date(2025, 12, 31)
    right = _hit("Orientering om gældspleje pr. 30. april 2022", dt.date(2022, 6, 20))
    later = _hit("Status på langfristet gæld pr. 30. april 2023", dt.date(2023, 6, 19))
    month = _hit("Status på langfristet gæld april 2022", dt.date(2022, 6, 20))
    ask_ = read_time("Hvor stor var kommunens langfristede gæld pr. 30. april 2022?", anchor)
    assert ask_ is not None
    assert ask_.bonus(right) == W_DAY and ask_.bonus(later) == 0.0 and ask_.bonus(month) == W_SUBJECT
    # Treated long after the date, the title is history, not the report.
    assert ask_.bonus(_hit("Orientering om gældspleje pr. 30. april 2022", dt.date(2024, 6, 20))) == 0.0


def test_another_edition_of_a_yearly_thing_is_not_the_one_asked():
    """Greve's road and landscape pools are one item a year; "puljerne for 2025" asks for the
    2025 edition (treated December 2024), not the 2024 one, whose text also speaks of 2025."""
    from assistant.when import W_SUBJECT, read_time, time_note

    ask_ = read_time(
        "Hvor mange penge blev der afsat til asfalt i vej- og landskabspuljerne for 2025?", dt.date(2025, 12, 31)
    )
    asked = _hit("Vej- og Landskabspuljer i 2025, anlægsbevilling og prioritering", dt.date(2024, 12, 11))
    other = _hit("Vej- og Landskabspuljer i 2024, anlægsbevilling og prioritering", dt.date(2024, 1, 29))
    assert ask_ is not None
    assert ask_.bonus(asked) == W_SUBJECT and ask_.bonus(other) == -W_SUBJECT
    assert ask_.bonus(_hit("Kommunale veje - renoveringsbehov", dt.date(2024, 5, 22))) == 0.0
    assert "2025 er læst som det år" in time_note(ask_, asked, False)


def test_with_an_llm_backend_a_meeting_answer_is_still_the_meeting_records(world, tmp_path):
    # The meeting answer needs no LLM: none is asked (the URL leads nowhere), nothing fails.
    s = Settings.from_env(
        {"REFERAT_HOME": str(tmp_path), "REFERAT_LLM": "openai", "REFERAT_LLM_URL": "http://127.0.0.1:9/v1",
         "REFERAT_LLM_MODEL": "x", "REFERAT_LLM_TIMEOUT": "2"}
    )  # fmt: skip
    a = ask("Hvem var fraværende ved byrådsmødet den 19. marts 2025?", world, s)
    assert "llm_failed" not in a.flags and "Torben Hoffmann" in a.text
    assert a.citations[0].about == "meeting"


MORE = [
    "greve_beskaeftigelses-og-erhvervsudvalget_2022-11-14_c7c45d09.json",
    "greve_oekonomiudvalget_2022-11-28_72a71a3d.json",
    "greve_byraad-2022-2025_2022-12-12_c3d666d4.json",
    "greve_klima-teknik-og-miljoeudvalget_2024-05-30_274b8839.json",
    "greve_oekonomiudvalget_2024-06-12_ccaaefcb.json",
    "greve_byraad-2022-2025_2024-06-26_575a380d.json",
    "greve_klima-teknik-og-miljoeudvalget_2025-10-23_87c7305f.json",
    "greve_oekonomiudvalget_2025-11-05_f716c08d.json",
]


@pytest.fixture(scope="module")
def world2() -> TinyRetriever:
    return TinyRetriever([parse_file(GREVE / name) for name in MORE])


def test_a_vote_question_takes_the_councils_vote_of_the_matter(world2, settings):
    # Økonomiudvalget's item records one member's vote; Byrådet's the parties' final vote.
    a = ask("Hvilke partier stemte imod beskæftigelsesplanen for 2023?", world2, settings)
    assert _where(a.citations[0].ref) == ("Byråd 2022-2025", "2022-12-12", "31")
    assert "Imod: (Ø), (F)" in a.text
    # Naming the committee asks for its own vote.
    a = ask("Hvem stemte imod beskæftigelsesplanen for 2023 i Økonomiudvalget?", world2, settings)
    assert _where(a.citations[0].ref) == ("Økonomiudvalget", "2022-11-28", "24")


def test_the_matter_the_question_names_within_one_case_number(world2, settings):
    # Sag 21-000538 holds tillæg 1 (decided June 2024) and tillæg 2 (only recommended so far).
    a = ask("Hvordan endte sagen om forslag til tillæg 2 til vandforsyningsplanen?", world2, settings)
    assert _where(a.citations[0].ref) == ("Økonomiudvalget", "2025-11-05", "12")
    assert "ikke endeligt afgjort" in a.text
    a = ask("Hvad blev endeligt besluttet om forslag til tillæg 1 til vandforsyningsplanen?", world2, settings)
    assert _where(a.citations[0].ref) == ("Byråd 2022-2025", "2024-06-26", "27")


def test_a_vote_question_with_a_time_takes_the_vote_of_that_time(world2, settings):
    a = ask("Hvem stemte imod beskæftigelsesplanen for 2023 i november 2022?", world2, settings)
    assert _where(a.citations[0].ref) == ("Økonomiudvalget", "2022-11-28", "24")


def test_a_written_out_year_is_also_read_as_the_year_in_a_title():
    from assistant.when import read_time

    anchor = dt.date(2025, 12, 31)
    ask_ = read_time("Hvem stemte imod mødekalenderen for Byrådet og Økonomiudvalget i 2024?", anchor)
    assert ask_.years == (2024,)
    assert ask_.bonus(_hit("Mødekalender for Byrådet og Økonomiudvalget i 2024", dt.date(2023, 9, 4))) > ask_.bonus(
        _hit("Kommuneplan 2025. Igangsættelse", dt.date(2024, 4, 17))
    )
    # "sidste år" is a meeting reading only.
    assert read_time("Hvad besluttede Byrådet om byggesagsgebyrer sidste år?", anchor).years == ()


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory):
    """The same meetings in a real store with its keyword index (the store's vocabulary)."""
    from tests.fakes import HashingEmbedder
    from vectorstore.retrieval import open_retriever
    from vectorstore.store import Store

    s = Settings.from_env({"REFERAT_HOME": str(tmp_path_factory.mktemp("indexed"))})
    store = Store.open(s, embedder=HashingEmbedder())
    for f in FILES:
        store.add_meeting(parse_file(GREVE / f))
    yield open_retriever(s, store=store, embedder=HashingEmbedder()), s
    store.close()


def test_the_words_that_ask_for_a_vote_in_the_askers_words_are_not_the_matter(indexed):
    # No minutes write "stemmetallet": the decision says "For stemte 13". The word asks for the
    # vote (like "endelige" asks for the outcome); as a topic word the store lacks, it made the
    # real store refuse the right item. "stemte", which the minutes write, stays a topic word.
    from assistant.chain import plan
    from assistant.question import analyse
    from assistant.vote_answers import is_vote_word

    retriever, s = indexed
    assert is_vote_word("stemmetallet") and is_vote_word("voted") and not is_vote_word("planstrategi")
    q = "Hvad var stemmetallet, da Byrådet vedtog Planstrategi 2023?"
    assert "stemmetallet" in analyse(q).topic
    p = plan(q, retriever=retriever, settings=s, embedder=retriever.embedder)
    assert "stemmetallet" not in p.info.topic
    assert p.features is not None and p.features.missing == 0.0
    assert not p.refused
    assert _where(p.chosen[0].hit.ref) == ("Byråd 2022-2025", "2023-09-04", "27")
    p = plan(
        "Hvilke partier stemte imod Planstrategi 2023?", retriever=retriever, settings=s, embedder=retriever.embedder
    )
    assert "stemte" in p.info.topic


def test_a_meeting_from_two_files_is_one_step_of_the_case(tmp_path, settings):
    """Ballerup's meeting is stored twice (eDoc XML beside the PDF): the answer cites the item
    once and does not call its other copy the case's final decision."""
    from tests.conftest import FIXTURES
    from tests.fakes import HashingEmbedder
    from vectorstore.retrieval import open_retriever
    from vectorstore.store import Store

    pdf = FIXTURES / "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04_referat.pdf"
    xml = GREVE.parent / "other" / pdf.name.replace("_referat.pdf", "_edoc.xml")
    s = Settings.from_env({"REFERAT_HOME": str(tmp_path)})
    store = Store.open(s, embedder=HashingEmbedder())
    try:
        for path in (pdf, xml):
            store.add_meeting(parse_file(path))
        r = open_retriever(s, store=store, embedder=HashingEmbedder())
        for q in (
            "Hvad besluttede udvalget om evalueringen af rygestopkurser?",
            "Hvad blev besluttet i sag 2010-3082?",
        ):
            a = answer_question(q, retriever=r, settings=s, embedder=r.embedder)
            assert not a.refused
            assert [c.ref.item_number for c in a.citations] == ["8"], q
            assert "Endelig beslutning i sagen" not in a.text and len(a.thread) <= 1, q
        # A second look (English, a poorly covered question) interleaves two rankings, each with
        # one copy of an item, but not necessarily the same copy: still one item.
        from assistant.chain import _interleave
        from vectorstore.chunking import item_ref
        from vectorstore.records import ItemHit

        pdf_m, xml_m = parse_file(pdf), parse_file(xml)
        copies = [
            [ItemHit(item_ref(m, it), 1.0, it) for it in m.items if it.number in ("6", "7")] for m in (pdf_m, xml_m)
        ]
        assert copies[0][1].ref.key != copies[1][1].ref.key
        mixed = _interleave(copies[0], copies[1][::-1])
        assert sorted(h.ref.item_number for h in mixed) == ["6", "7"]
    finally:
        store.close()


def test_what_a_meeting_decided_lists_every_items_decision(world, settings):
    """ "Hvad besluttede X den D?" names a meeting and no topic: each item with its decision's
    first sentence, verbatim; a topic of its own makes it an item question again."""
    a = ask("Hvad besluttede Arbejdsmarkedsudvalget den 6. marts 2024?", world, settings)
    assert not a.refused and [c.about for c in a.citations] == ["meeting"]
    assert "Beslutninger (11 punkter):" in a.text
    assert "- Punkt 5: Beslutning om Frederikshavnerordningen: \u201cGodkendt.\u201d" in a.text
    a = ask("What did the Labour Market Committee decide on 6 March 2024?", world, settings)
    assert "Decisions (11 items):" in a.text and "- Item 5: Beslutning om Frederikshavnerordningen" in a.text
    a = ask("Hvad blev der besluttet på byrådsmødet den 17. april 2024?", world, settings)
    lines = [line for line in a.text.splitlines() if line.startswith("- Punkt ")]
    assert lines and all(
        line.endswith(("\u201d", "\u201d \u2026", "(lukket punkt)", "(ingen beslutning i referatet)")) for line in lines
    )
    a = ask("Hvad besluttede Arbejdsmarkedsudvalget den 6. marts 2024 om Frederikshavnerordningen?", world, settings)
    assert a.citations[0].about == "item" and a.citations[0].ref.item_number == "5"
    # what the committee was informed about at a meeting: its orientations are among the
    # decisions ("Udvalget blev orienteret om arkitekturugen i uge 41." in Aarhus)
    a = ask("Hvad blev Arbejdsmarkedsudvalget orienteret om den 6. marts 2024?", world, settings)
    assert [c.about for c in a.citations] == ["meeting"] and "Beslutninger (11 punkter):" in a.text
    a = ask("What was the Labour Market Committee informed about on 6 March 2024?", world, settings)
    assert "Decisions (11 items):" in a.text


PROPOSAL = Path(__file__).resolve().parents[1] / "fixtures" / "greve_proposal"
CASES = Path(__file__).resolve().parents[1] / "fixtures" / "greve_cases"


def _item_hit(r: TinyRetriever, committee: str, day: str, number: str):  # type: ignore[no-untyped-def]
    from vectorstore.records import ItemHit

    ref, item, _ = next(
        e
        for e in r.entries
        if (e[0].committee, e[0].meeting_date.isoformat(), e[0].item_number) == (committee, day, number)
    )
    return ItemHit(ref=ref, score=1.0, item=item)


def test_a_proposal_and_its_follow_up_under_another_case_number_are_one_thread(settings):
    r = TinyRetriever([parse_file(p) for p in sorted(PROPOSAL.glob("*.json"))])
    proposal = _item_hit(
        r, "Byråd 2022-2025", "2025-04-23", "14"
    )  # "Byrådet sendte sagen til realitetsbehandling i ..."
    follow = _item_hit(
        r, "Plan- og Tryghedsudvalget", "2025-06-03", "12"
    )  # "Byrådet har på møde den 23. april 2025 (pkt. 14)"
    assert proposal.ref.case_id != follow.ref.case_id
    assert linked(proposal, follow) and linked(follow, proposal)
    assert [h.ref.key for h in thread_hits(proposal, r, [proposal, follow])] == [proposal.ref.key, follow.ref.key]
    a = ask("Hvordan endte forslaget om en pantstation i Greve?", r, settings)
    assert [(s.committee, s.date.isoformat()) for s in a.thread] == [
        ("Byråd 2022-2025", "2025-04-23"),
        ("Plan- og Tryghedsudvalget", "2025-06-03"),
    ]
    assert final_step(a.thread).committee == "Plan- og Tryghedsudvalget"


def test_a_final_decision_that_only_approves_is_quoted_with_what_it_approved(settings):
    r = TinyRetriever([parse_file(p) for p in sorted(PROPOSAL.glob("*.json"))])
    a = ask("Hvad besluttede Byrådet om forslaget om en pantstation i Greve?", r, settings)
    assert _where(a.citations[0].ref) == ("Byråd 2022-2025", "2025-04-23", "14")
    note = a.text[a.text.index("Endelig beslutning i sagen: Plan- og Tryghedsudvalget") :]
    # The committee's decision is "1.-2. Godkendt."; what it approved is its Indstilling.
    assert "“1.-2. Godkendt.”\nIndstilling: “Administrationen indstiller, 1. at det godkendes, at der" in note
    assert "ikke arbejdes videre med at skabe rammer for at tiltrække en pantstation" in note


def test_an_item_that_names_a_decided_matter_it_builds_on_is_not_its_stage():
    # The anlægsbevilling of 2025 names the council's approval of the egenfinansiering of 2024
    # ("den 17. april 2024 (pkt. 22)"): that matter was decided, not sent on, so they stay apart.
    r = TinyRetriever([parse_file(p) for p in sorted(CASES.glob("*byraad*.json"))])
    financing = _item_hit(r, "Byråd 2022-2025", "2024-04-17", "22")
    grant = _item_hit(r, "Byråd 2022-2025", "2025-03-19", "29")
    assert step_status(financing.item.decision) == "decided"
    assert not linked(financing, grant)


HEATING_PLAN = [
    "greve_klima-teknik-og-miljoeudvalget_2022-11-17_5d93842e.json",
    "greve_oekonomiudvalget_2022-11-28_72a71a3d.json",
    "greve_byraad-2022-2025_2022-12-12_c3d666d4.json",
]


def test_when_was_it_approved_leads_with_the_final_decision(settings):
    """Greve's heating plan 2022-2038: recommended by Klima-, Teknik- og Miljøudvalget on 17
    November, by Økonomiudvalget on 28 November, approved by Byrådet on 12 December 2022. "When
    was it approved" is answered with the council's date first, not the committee's."""
    r = TinyRetriever([parse_file(GREVE / f) for f in HEATING_PLAN])
    a = ask("Hvornår blev Varmeplan Greve Kommune 2022-2038 godkendt?", r, settings)
    assert a.text.startswith("Endelig beslutning i sagen: Byråd 2022-2025 den 12. december 2022 ["), a.text[:200]
    assert [s.date.isoformat() for s in a.thread] == ["2022-11-17", "2022-11-28", "2022-12-12"]
    assert asks_when_decided("When was the heating plan adopted?")
    assert not asks_when_decided("Hvornår holdt udvalget møde?")


TURBO = ["greve_byraad-2022-2025_2025-05-28_6cde8ac1.json", "greve_oekonomiudvalget_2025-08-27_279bd938.json"]


def test_a_follow_up_is_answered_by_the_conversations_item_that_holds_the_value(settings):
    """SF's proposal on turbokyllinger (Byrådet 28 May 2025) and its follow-up in
    Økonomiudvalget (27 August 2025, another case number): the cost is in the follow-up only,
    and "when was it treated in Økonomiudvalget" is that meeting's date."""
    r = TinyRetriever([parse_file(GREVE / f) for f in TURBO])
    first = ask("Hvad skete der med forslaget om turbokyllinger?", r, settings)
    assert {c.ref.committee for c in first.citations} == {"Byråd 2022-2025", "Økonomiudvalget"}
    cost = ask("Hvad ville det koste?", r, settings, history=(first,))
    assert not cost.refused, cost.text
    assert _where(cost.citations[0].ref) == ("Økonomiudvalget", "2025-08-27", "16")
    assert "190.000 og 690.000 kr." in cost.text
    when = ask("Hvornår blev det behandlet i Økonomiudvalget?", r, settings, history=(first, cost))
    assert not when.refused, when.text
    assert _where(when.citations[0].ref) == ("Økonomiudvalget", "2025-08-27", "16")
    assert "27. august 2025" in when.text.split("\n")[0]


def test_a_vote_quote_is_verbatim_when_the_decision_wraps_a_name_onto_its_own_line():
    """Aarhus Byråd 27 August 2025, punkt 6, as the PDF gives the decision: "Radikale" ends a
    line and "Venstre." stands alone, so the vote's joined sentences skip it. The quote is the
    decision's own words from the first recorded sentence to the last."""
    from ingest.votes import read_votes

    decision = (
        "Tilbagesendes Borgmesterens Afdeling med bemærkning, at byrådet i sit møde den 27. august 2025 har vedtaget\n"
        "Magistratens indstilling i overensstemmelse med erklæring fra Økonomi- og Erhvervsudvalget af 20. august 2025.\n"
        "Enhedslisten de Rød-Grønne kunne ikke tiltræde indstillingen men henholdt sig til det oprindelige forslag fra Radikale\n"
        "Venstre.\n"
        "Danmarksdemokraternes byrådsgruppe kunne ikke tiltræde indstillingens beslutningspunkt 5."
    )
    (vote,) = read_votes(decision)
    said = verbatim_vote_text(vote, decision)
    assert said == (
        "Enhedslisten de Rød-Grønne kunne ikke tiltræde indstillingen men henholdt sig til det oprindelige forslag "
        "fra Radikale Venstre. Danmarksdemokraternes byrådsgruppe kunne ikke tiltræde indstillingens beslutningspunkt 5."
    )
    assert said in normalize_ws(decision)
    # A vote whose text is in the decision as it stands is quoted as it is.
    plain = "Med stemmerne 17 for og 2 imod godkendte byrådet indstillingen."
    assert verbatim_vote_text(read_votes(plain)[0], plain) == plain


def test_a_matter_turned_down_and_brought_back_under_a_new_title_is_one_thread(settings):
    """Lidl's road access (sag 23-005053): "Vejløsning i forbindelse med opførelse af en Lidl på
    Mosede Strandvej" was not approved on 25 May 2023; "Vejadgang til ny dagligvarebutik Lidl
    Mosede Strandvej" names that meeting and was approved on 17 August. Its outcome is the
    approval, with the rejection as the step before it. (The titles share too few words to be
    one matter by title alone; Mosede Klimapark's two matters, an approval and a new matter
    that names it, stay apart: test_outcome_question_answers_from_the_final_treatment.)"""
    names = [
        "greve_klima-teknik-og-miljoeudvalget_2023-05-25_b806377d.json",
        "greve_klima-teknik-og-miljoeudvalget_2023-08-17_42deea96.json",
    ]
    r = TinyRetriever([parse_file(GREVE / n) for n in names])
    a = ask("Hvordan endte sagen om Lidl på Mosede Strandvej?", r, settings)
    assert "endeligt afgjort af Klima-, Teknik- og Miljøudvalget den 17. august 2023" in a.text
    steps = [(t["date"], t["item_number"]) for t in a.to_dict()["thread"]]
    assert steps == [("2023-05-25", "10"), ("2023-08-17", "9")]
    assert step_status("Økonomiudvalget sender sagen retur til administrationen.") == "sent_back"



def test_a_season_or_month_before_a_year_is_the_time_not_the_topic():
    """"Hvad blev der besluttet om Tune Skole i foråret 2024?": "foråret" says when. As a topic
    word it had given an October 2025 item on Tune Skole's playground (whose text says
    "foråret") full coverage, over the spring 2024 items the time names; on the whole corpus
    that item had been cited first. A season alone stays a topic ("sne om vinteren")."""
    from assistant.question import analyse

    assert analyse("Hvad blev der besluttet om Tune Skole i foråret 2024?").topic == ("tune", "skole", "2024")
    assert analyse("Hvad besluttede byrådet i marts 2024 om skolerne?").topic == ("byrådet", "2024", "skolerne")
    assert "vinteren" in analyse("Hvad gør kommunen for at holde vejene fri for sne om vinteren?").topic



SHU = [
    "greve_social-og-handicapudvalget_2022-05-30_a9661a53.json",  # Valg af næstformand
    "greve_social-og-handicapudvalget_2022-09-12_3a646517.json",  # Valg af ny formand: John T. Olsen
    "greve_social-og-handicapudvalget_2023-02-06_97e3b883.json",
    "greve_social-og-handicapudvalget_2023-08-14_c5ce315c.json",
    "greve_social-og-handicapudvalget_2024-08-12_ae99f414.json",  # Omkonstituering: Bjarke Abel
]


@pytest.mark.parametrize(
    ("question", "when", "named", "note"),
    [
        # the chair elected in September 2022 held the post in 2023, not named by 2023's items
        ("Hvem var formand for Social- og Handicapudvalget i 2023?", dt.date(2022, 9, 12), "John T. Olsen",
         "Posten er læst som besat fra valget 12. september 2022, før den tid, spørgsmålet nævner."),
        # a later election replaces it
        ("Hvem var formand for Social- og Handicapudvalget i efteråret 2024?", dt.date(2024, 8, 12), "Bjarke Abel",
         "Posten er læst som besat fra valget 12. august 2024"),
        # now: the latest election in the minutes
        ("Hvem er formand for Social- og Handicapudvalget?", dt.date(2024, 8, 12), "Bjarke Abel",
         "Det seneste valg til posten i referaterne er fra 12. august 2024"),
        # another post's election does not tell who held this one; this one lies inside the time
        ("Hvem var næstformand i Social- og Handicapudvalget i 2022?", dt.date(2022, 5, 30), "Claus Jensen", None),
    ],
)  # fmt: skip
def test_who_held_a_post_then_is_answered_from_the_latest_election_before(settings, question, when, named, note):
    from assistant.question import asks_post_holder

    assert asks_post_holder("Who chaired the employment and business committee in 2023?") == "formand"
    assert asks_post_holder("Who became chair of the committee in August 2024?") == ""  # the event
    r = TinyRetriever([parse_file(GREVE / n) for n in SHU])
    a = ask(question, r, settings)
    assert not a.refused
    assert a.citations[0].ref.meeting_date == when
    assert named in a.text
    assert (note in a.text) if note else ("Posten er læst" not in a.text)


def test_a_reservation_asks_for_a_vote_only_about_a_political_actor():
    """"Var der forbehold i revisionspåtegningen ...?" asks about the auditor's report (Aarhus,
    27 August 2025: "afgivet uden forbehold"); it had been answered as a vote question, with the
    line that the decision records no vote. A party's or a member's reservation is a vote."""
    from assistant.vote_answers import is_vote_question

    assert not is_vote_question("Var der forbehold i revisionspåtegningen for Aarhus' regnskab 2024?")
    assert is_vote_question("Hvilke partier tog forbehold om budgettet?")
    assert is_vote_question("Tog Venstre forbehold?")
    assert is_vote_question("Tog (C) forbehold til budget 2025?")
    assert is_vote_question("Hvem stemte imod?")


def test_an_election_to_a_seat_elsewhere_does_not_fill_the_post(settings):
    """"Trafiksikkerhedsrådet - valg af 1 medlem fra Klima-, Teknik- og Miljøudvalget" elects a
    member of another body; it had been read as the election of the committee's chair ("Posten er
    læst som besat fra valget 17. januar 2022"). Only an election that names the post, or one
    that constitutes the body itself ("Omkonstituering af ..."), does. With no such election of
    the body the question names, the minutes do not say who held the post: refused, not
    answered from the seat's item ("Formanden for Klima-, Teknik- og Miljøudvalget er også
    formand for Trafiksikkerhedsrådet" names nobody)."""
    r = TinyRetriever([parse_file(GREVE / "greve_klima-teknik-og-miljoeudvalget_2022-01-17_a8b10ae9.json")])
    a = ask("Hvem var formand for Klima-, Teknik- og Miljøudvalget i 2024?", r, settings)
    assert "Posten er læst som besat" not in a.text
    assert a.refused, a.text


def test_what_happened_to_a_matter_asks_how_it_ended():
    """"Hvad skete der med forslaget om ...?" asks for the matter's fate: Greve's canteen case
    (sag 23-004988) was sent back in June 2023 and ended in the Byråd in October; the question
    had been answered from the Økonomiudvalg's September recommendation. What happened after an
    event ("Hvad skete der efter besøget?") is no such question."""
    from assistant.threads import is_outcome_question

    assert is_outcome_question("Hvad skete der med forslaget om at slå rådhusets kantine sammen med caféen?")
    assert is_outcome_question("What happened to the proposal for a bottle deposit station?")
    assert is_outcome_question("What became of the plan for a new sports hall?")
    assert not is_outcome_question("Hvad skete der efter Skole-, Børne- og Ungeudvalgets besøg på EUC Sjælland?")
    assert not is_outcome_question("Hvad besluttede byrådet om kantinen?")


def test_a_decision_question_prefers_the_item_of_the_matter_that_decides(settings):
    """"Hvad besluttede byrådet om livestreaming af byrådsmøder?": the theme meeting about the
    code of conduct ("Temamødet blev holdt", 7 March 2022) decides nothing; the Byråd's decision
    of 31 January 2022 under the same case number answers."""
    r = TinyRetriever([parse_file(GREVE / "greve_byraad-2022-2025_2022-01-31_779d518b.json"), parse_file(GREVE / "greve_byraad-2022-2025_2022-03-07_e8f78761.json")])
    a = ask("Hvad besluttede byrådet om livestreaming af byrådsmøder?", r, settings)
    first = a.citations[0].ref
    assert (first.meeting_date.isoformat(), first.case_id) == ("2022-01-31", "21-003118"), a.text


def test_an_english_vote_question_in_other_words(settings):
    """"Who could not support ...?", "Who made a reservation ...?" ask for a vote, as "Hvem
    kunne ikke tiltræde ...?" does (Aarhus Teknisk Udvalg, 1 October 2025, an HTML page)."""
    html = GREVE.parent / "other" / "aarhus_teknisk-udvalg_2025-10-01_referat.html"
    if not html.exists():
        pytest.skip("the shared corpus is not beside the repository")
    r = TinyRetriever([parse_file(html)])
    for q in ("Who could not support the development plan for Aarhus Ø?",
              "Who made a reservation on the development plan for Aarhus Ø?"):  # fmt: skip
        a = ask(q, r, settings)
        assert not a.refused
        assert a.citations[0].ref.title.startswith("Udviklingsplan Aarhus Ø")
        vote_line = next((x for x in a.text.splitlines() if x.startswith("Vote:")), "")
        assert "Against: Solveig Munk" in vote_line and "Reservations: Jakob Søgaard Clausen" in vote_line, a.text
