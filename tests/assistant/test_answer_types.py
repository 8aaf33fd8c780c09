"""Sentence selection by what the question asks, on real Greve items (``../shared/corpus``).

Each question was written by reading the item; the answer must quote the sentence with the
asked-for kind of content (a result, an age range, a list, a reason, a measure), verbatim.
"""

from __future__ import annotations

import re

import pytest

from assistant.answer_types import answer_type, content_bonus, list_runs
from assistant.chain import answer_question
from core.settings import Settings
from ingest.parse import parse_file
from tests.assistant.conftest import TinyRetriever
from tests.assistant.test_chain import assert_grounded
from tests.conftest import CORPUS

GREVE = CORPUS / "greve"
FILES = [
    "greve_beskaeftigelses-og-erhvervsudvalget_2024-11-18_bab573b4.json",  # IPS evaluation
    "greve_byraad-2022-2025_2025-06-25_c49ed3af.json",  # Vejen Videre
    "greve_klima-teknik-og-miljoeudvalget_2025-06-04_5340116a.json",  # 500 m2 fewer buildings
    "greve_klima-teknik-og-miljoeudvalget_2025-09-04_1e9bb6e3.json",  # the Tune mast
    "greve_sundheds-og-omsorgsudvalget_2025-01-06_dd8dc39f.json",  # homeless people
    "greve_skole-boerne-og-ungeudvalget_2025-08-12_1227fede.json",  # school toilets
    "greve_beskaeftigelses-og-erhvervsudvalget_2023-11-13_5c20e222.json",  # unemployed over 50
    "greve_skole-boerne-og-ungeudvalget_2023-08-15_c035143a.json",  # opting out of the lunch scheme
    "greve_skole-boerne-og-ungeudvalget_2025-06-03_15865c5a.json",  # fridges at the schools
    "greve_kultur-og-fritidsudvalget_2024-01-10_34b85f32.json",  # the contract with Greve Gymnasium
    "greve_oekonomiudvalget_2023-06-12_f81ee415.json",  # the loan guarantee for Greve Vandværk
    "greve_beskaeftigelses-og-erhvervsudvalget_2024-03-18_98f17833.json",  # Greve's place in a ranking
    "greve_skole-boerne-og-ungeudvalget_2022-04-26_082dbc9a.json",  # repaying SFO parents
    "greve_sundheds-og-omsorgsudvalget_2023-02-06_0ad50843.json",  # home care inspections 2022
    "greve_sundheds-og-omsorgsudvalget_2024-01-08_2061c901.json",  # home care inspections 2023
]


@pytest.mark.parametrize(
    ("question", "atype"),
    [
        ("Hvordan er det gået med de nye tryghedsvagter?", "result"),
        ("What were the results of the project?", "result"),
        ("Hvilken aldersgruppe er projektet rettet mod?", "target"),
        ("Hvilke elever får ret til at skifte skole?", "target"),
        ("Which pupils may switch school?", "target"),
        ("How old are the children in the nature kindergarten?", "target"),
        ("Hvor gamle er børnene?", "target"),
        ("Hvilke bygninger skal sælges?", "list"),
        ("Hvad var temaerne i tilsynet?", "list"),  # a plural named as a whole
        ("What were the themes of the inspection?", "list"),
        ("Hvad var udgifterne til projektet?", "amount"),
        ("Hvad er kernen i sagen?", "other"),
        ("Hvorfor blev sagen udsat?", "reason"),
        ("Hvad gør kommunen for at hjælpe hjemløse?", "measure"),
        ("Hvor mange borgere deltog?", "count"),
        ("Hvor tit tømmes skraldespanden?", "frequency"),
        ("Hvor mange gange om året mødes rådet?", "frequency"),
        ("How often is the road swept?", "frequency"),
        ("Hvor længe gælder den nye kontrakt?", "duration"),
        ("Hvor lang løbetid har lånet?", "duration"),
        ("I hvilken periode gælder aftalen?", "duration"),
        ("How long will the contract run?", "duration"),
        ("How much time is set aside for questions from citizens?", "duration"),
        ("Hvor meget tid er der afsat til spørgetiden?", "duration"),
        ("Hvilken plads fik Greve Kommune i målingen?", "rank"),
        ("Hvor ligger Greve i Dansk Industris erhvervsklimaundersøgelse?", "rank"),
        ("What rank did Greve get?", "rank"),
        ("Hvor stor en andel af udgiften betaler staten?", "share"),
        ("Hvor mange procent var tilfredse?", "share"),
        ("What percentage of the participants found a job?", "share"),
        ("Hvor stor er udgiften?", "amount"),  # a size, not a share
        ("Hvad blev placeringen af den nye daginstitution?", "other"),  # a site, not a rank
        ("Hvor mange gange mødtes udvalget i 2023?", "count"),
        ("Hvem bestemmer, om skolen får nye toiletter?", "authority"),
        ("Who decides the opening hours?", "authority"),
        ("Hvem skal betale for krydset?", "payer"),
        ("Who pays for the new crossing?", "payer"),
        ("Hvad skal virksomhederne betale i timen?", "other"),
        ("Hvilke partier stemte imod?", "other"),  # asked by name, not a list of things
        ("Hvem stemte imod?", "person"),
        ("Hvad blev der besluttet om Frederikshavnerordningen?", "other"),
    ],
)
def test_answer_type(question: str, atype: str) -> None:
    assert answer_type(question) == atype


def test_content_bonus_prefers_the_asked_for_content() -> None:
    assert content_bonus("target", "Målgruppen er unge i alderen 15-30 år.") > content_bonus(
        "target", "Sagen handler om målgruppen for projektet."
    )
    assert content_bonus("result", "41,7 % af deltagerne var i arbejde.") > content_bonus(
        "result", "Projektet har til formål at hjælpe borgere i job."
    )
    assert content_bonus("reason", "Udvalget ønsker det, fordi masten skal i funktion.") > 0
    assert content_bonus("reason", "Masten står i Tune.") == 0
    assert content_bonus("frequency", "Restaffald hentes hver 14. dag.") > 0
    assert content_bonus("frequency", "Madaffald indsamles ugentligt.") > 0
    assert content_bonus("frequency", "Der er rengøring inden eleverne møder om morgenen.") == 0


def test_authority_sentences_name_who_holds_the_power() -> None:
    assert (
        content_bonus("authority", "Forældrebestyrelserne har kompetencen til at fravælge ordningen.")
        > content_bonus("authority", "Man kan fravælge ordningen.")
        > 0
    )
    assert content_bonus("authority", "Sagen handler om retningslinjer for fravalg af madordning.") == 0


def test_a_count_is_not_a_sum_of_money_a_share_a_year_or_a_date() -> None:
    from assistant.values import holds_count

    assert holds_count("I Greve Kommune er i alt 140 seniorer i målgruppen for projektet.")
    assert holds_count("Tre skoler deltager.")
    assert not holds_count("Kommunen har fået tilsagn om 1.814.500 kr. fra STAR.")
    assert not holds_count("Andelen var 41,7 %.")
    assert not holds_count("Det blev besluttet den 12. august 2025.")
    assert not holds_count("Der er et tilbud i 2023.")


def test_list_runs_keep_items_verbatim() -> None:
    (run,) = list_runs("Vi foreslår følgende:\n• Mosedeskolen\n• Greve Landevej 99\nDet var alt.")
    assert run.heading == "Vi foreslår følgende:"
    assert run.items == ("Mosedeskolen", "Greve Landevej 99")
    assert list_runs("Én linje.\n• kun ét punkt\nSlut.") == []


def test_a_list_without_bullets_under_a_colon() -> None:
    """Aarhus Byråd 27 August 2025, punkt 8, as the PDF gives it: the projects under the line
    that introduces them have no bullets; the sentence after them ends the list."""
    text = (
        "Teknik og Miljø aflægger anlægsregnskab på nedenstående projekter:\n"
        "Byggemodning – Aarhus Ø\n"
        "LP 854, Solbjerg, byggemodning og salg, boliger\n"
        "Supercykelsti – Tilst\n"
        "Øget kapacitet på indfaldsvejene – Viborgvej\n"
        "Med denne sag aflægges der regnskab for 4 anlægsprojekter."
    )
    (run,) = list_runs(text)
    assert run.heading.endswith("nedenstående projekter:")
    assert run.items[0] == "Byggemodning – Aarhus Ø" and len(run.items) == 4
    # Prose under a colon is no list: its lines end with full stops, or there is only one line.
    assert list_runs("Udvalget besluttede følgende:\nSagen sendes i høring.\nDen behandles igen i maj.") == []
    assert list_runs("Projektet omfatter:\nByggemodning – Aarhus Ø\nSlut.") == []


@pytest.mark.skipif(not (CORPUS / "pdf").exists(), reason="the corpus (../shared/corpus) is not here")
def test_a_list_question_on_a_pdf_item_gets_the_unbulleted_list(tmp_path) -> None:  # type: ignore[no-untyped-def]
    meeting = parse_file(CORPUS / "pdf" / "aarhus_byraad_2025-08-27_referat.pdf")
    retriever = TinyRetriever([meeting])
    settings = Settings.from_env({"REFERAT_HOME": str(tmp_path)})
    a = answer_question(
        "Hvilke anlægsprojekter i Teknik og Miljø blev der aflagt regnskab for?",
        retriever=retriever,
        settings=settings,
        embedder=retriever.embedder,
    )
    assert a.citations[0].ref.case_id == "EMN-2025-005495"
    listed = re.findall(r"^  - \u201c(.*)\u201d$", a.text, re.M)
    assert listed == [
        "Byggemodning – Aarhus Ø",
        "LP 854, Solbjerg, byggemodning og salg, boliger",
        "Supercykelsti – Tilst",
        "Øget kapacitet på indfaldsvejene – Viborgvej",
    ]
    assert_grounded(a)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[TinyRetriever, Settings]:
    paths = [GREVE / f for f in FILES]
    if not all(p.exists() for p in paths):
        pytest.skip("the corpus (../shared/corpus) is not here")
    settings = Settings.from_env({"REFERAT_HOME": str(tmp_path_factory.mktemp("home"))})
    return TinyRetriever([parse_file(p) for p in paths]), settings


def quotes(text: str) -> list[str]:
    """The sentences quoted from the item's text ("Fra punktet" / "From the item" lines and list
    lines)."""
    return re.findall(r"^(?:Fra punktet: |From the item: |  - )\u201c(.*)\u201d$", text, re.M)


def ask(world, q: str):  # type: ignore[no-untyped-def]
    retriever, settings = world
    a = answer_question(q, retriever=retriever, settings=settings, embedder=retriever.embedder)
    assert not a.refused
    assert_grounded(a)
    return a


def test_a_how_did_it_go_question_gets_the_results_not_the_purpose(world) -> None:
    a = ask(world, "Hvordan gik det med IPS-indsatsen for borgere med psykiske lidelser?")
    assert a.citations[0].ref.case_id == "24-010804"
    assert "41,7 %" in quotes(a.text)[0]


def test_a_target_group_question_gets_the_age_range(world) -> None:
    a = ask(world, "Hvilken aldersgruppe er Vejen Videre målrettet?")
    assert a.citations[0].ref.case_id == "24-011445"
    assert "15-30 år" in quotes(a.text)[0]


def test_a_list_question_gets_the_list_as_a_list(world) -> None:
    a = ask(world, "Hvilke bygninger skal der arbejdes videre med for at reducere de 500 m2?")
    assert a.citations[0].ref.case_id == "25-003130"
    listed = re.findall(r"^  - \u201c(.*)\u201d$", a.text, re.M)
    assert len(listed) == 3
    assert "Mosedeskolen" in listed[0] and "Håndværkerbyen 60" in listed[2]


def test_a_why_question_gets_a_reason(world) -> None:
    a = ask(world, "Hvorfor fik administrationen lov til at afgøre byggesagen om telemasten i Tune?")
    assert a.citations[0].ref.case_id == "25-010445"
    assert content_bonus("reason", quotes(a.text)[0]) > 0


def test_a_why_question_gets_the_reason_before_a_therefore(world) -> None:
    # "Administrationen indstiller derfor at der sker tilbagebetaling." is the consequence; the
    # reason is the lawyers' conclusion in the sentence before it.
    a = ask(world, "Hvorfor skal forældre på Bugtskolen SFO have penge tilbage?")
    assert a.citations[0].ref.case_id == "21-011591"
    first = quotes(a.text)[0]
    assert first.startswith("Det eksterne advokatbureau konkluderer, at Greve Kommune er forpligtet til at tilbagebetale")
    assert "indstiller derfor" not in a.text.split("Beslutning:")[0]


def test_the_themes_of_the_year_asked_are_quoted_whole(world) -> None:
    # Two editions of the same report; the themes are listed inside one sentence, with a colon
    # inside an entry ("4) Hygiejne: Forebyggelse af smittespredning og 5) ...").
    a = ask(world, "Hvad var tilsynstemaerne for ydelserne i hjemmeplejen i 2023?")
    assert a.citations[0].ref.title == "Ydelser i hjemmeplejen 2023, uanmeldte tilsyn"
    listed = [q for q in quotes(a.text) if q.startswith("Tilsynstemaerne er: 1) Funktionsevne")]
    assert listed and listed[0].endswith("og 5) Opfølgning fra seneste tilsyn.")


def test_a_what_does_the_kommune_do_question_gets_the_measures(world) -> None:
    a = ask(world, "Hvad gør kommunen for hjemløse med ophold på gaden ved ekstremt vejr?")
    assert a.citations[0].ref.case_id == "24-011474"
    first = quotes(a.text)[0]
    assert content_bonus("measure", first) > 0
    assert "ønsker en sag om" not in first  # not the sentence that repeats the question


def test_a_line_that_only_names_the_committee_is_not_quoted(world) -> None:
    # The item's "Beslutningskompetence" line is "Skole-, Børne- og Ungeudvalget.": it shares
    # the question's words and says nothing the reader does not know.
    a = ask(world, "Hvad mente Skole-, Børne- og Ungeudvalget i juni 2025 om køleskabe på skolerne?")
    assert a.citations[0].ref.meeting_date.isoformat() == "2025-06-03"
    assert quotes(a.text) and all("køleskabe" in q for q in quotes(a.text))


def test_a_how_many_question_gets_a_count_not_a_sum_of_money(world) -> None:
    a = ask(world, "Hvor mange ledige seniorer i Greve er i målgruppen for projektet?")
    assert a.citations[0].ref.case_id == "23-011640"
    first = quotes(a.text)[0]
    assert "140" in first and "kr." not in first


@pytest.mark.parametrize(
    ("question", "case_id", "quoted"),
    [
        # how often: the frequency, not the sentence that repeats the question
        ("Hvor tit rengøres toiletterne på skolerne?", "25-007582", ("to gange om dagen",)),
        # who decides: the sentence that gives the power, naming the body
        ("Hvem bestemmer nu, om en børnehave skal fravælge frokostordningen?", "23-006725",
         ("forældrebestyrelser", "kompetencen")),
        # who pays: the sentence that names the payer
        ("Hvem skal betale for signalanlægget i Hundige Strandby?", "25-001427", ("Lind & Risør A/S",)),
        # how long: the period
        ("Hvor lang løbetid har lånet til det nye vandværk?", "23-005043", ("løbetid på", "40 år")),
        # which place: the place, not the sentence that says how the ranking is made
        ("Hvilken plads fik Greve Kommune i Lokale Erhvervspræstationer 2024?", "24-002289", ("nummer 42",)),
    ],
)  # fmt: skip
def test_the_first_quote_holds_what_the_question_asks_for(world, question: str, case_id: str, quoted) -> None:
    a = ask(world, question)
    assert a.citations[0].ref.case_id == case_id
    first = quotes(a.text)[0]
    assert all(q in first for q in quoted), first


def test_a_how_long_question_gets_the_period(world) -> None:
    """The contract's period stands in the Indstilling that the decision ("1. Godkendt. 2.
    Godkendt.") approved: quoted there, and no sentence about the old agreement comes first."""
    a = ask(world, "Hvor længe gælder den nye kontrakt med Greve Gymnasium?")
    assert a.citations[0].ref.case_id == "23-013578"
    block = a.text.split("\n\n")[0]
    assert "gældende fra 1. august 2024 til 31. juli 2025" in block
    assert all(content_bonus("duration", q) > 0 for q in quotes(block)[:1]), block



@pytest.mark.parametrize(
    ("meeting", "question", "case_id", "quoted", "within"),
    [
        # how long, in hours: the time set aside, not the sentence naming who takes part
        ("greve_byraad-2022-2025_2022-04-04_d628e40c.json",
         "Hvor lang tid var der afsat til temamødet med klimaborgersamlingen?", "22-004108", ("1 time", "16.30 - 17.30"), 1),
        # when, as a time counted from an event: "tre måneder efter, at byrådet har modtaget anbefalingerne"
        ("greve_byraad-2022-2025_2024-10-02_48bd4739.json",
         "Hvornår skal borgersamlingen have den første tilbagemelding?", "23-011325", ("tre måneder efter",), 1),
        # when, as a time of day: "mødestart kl. 8.00" (quoted after the summary sentence, which
        # holds the year and comes first in the text)
        ("greve_klima-teknik-og-miljoeudvalget_2025-08-14_a01b9568.json",
         "Hvornår starter møderne i udvalgets mødekalender for 2026?", "25-005529", ("kl. 8.00",), 2),
        # what time: a time of day, not a sentence with a year
        ("greve_klima-teknik-og-miljoeudvalget_2025-08-14_a01b9568.json",
         "Hvad tid starter møderne i udvalgets mødekalender for 2026?", "25-005529", ("kl. 8.00",), 2),
        # the figure in the sentence after the one naming the matter ("... er imødekommet. Projektet
        # tildeles derfor i alt 1.032.210 kr."), not the national pool that shares the project's name
        ("greve_sundheds-og-omsorgsudvalget_2022-02-07_f0a99ad0.json",
         "Hvor mange penge fik Greve fra Socialstyrelsen til at nedbringe antipsykotisk medicin?", "21-012799",
         ("1.032.210 kr.",), 1),
        # a change ("sat ned til"): the value before and after, not the loan's old size
        ("greve_byraad-2022-2025_2023-03-06_9bc22f7f.json",
         "Hvor meget bliver realkreditlånet til Birkehegnet sat ned til?", "23-000955", ("til 12,7 mio. kr.",), 1),
        # a count in words: "tre høringssvar"
        ("greve_byraad-2022-2025_2022-05-23_940a8318.json",
         "Hvor mange høringssvar kom der til lokalplan 11.58?", "21-006783", ("tre høringssvar",), 1),
        # when, for a question that names its year: a day ("afholdt den 7. januar"), not a
        # sentence whose only time is the year ("regnskabet for Nytårskoncerten 2024"); the
        # question's "holdt" is the minutes' "afholdt"
        ("greve_kultur-og-fritidsudvalget_2024-03-20_a165df50.json",
         "Hvornår blev Nytårskoncerten 2024 holdt?", "24-001948", ("7. januar",), 1),
        # the size, not a change of it: "udgør tilskuddet 241.558 kr." names the asked
        # "driftstilskuddet" by its head; "reduceret med 50.000 kr." is a difference
        ("greve_kultur-og-fritidsudvalget_2023-01-11_bd79f1be.json",
         "Hvor stort er driftstilskuddet til Greve Pigegarde?", "22-011449", ("241.558 kr.",), 1),
        # when, after an auxiliary: the event is the last word ("være færdig"), and a date
        # answers when its sentence names that event ("inden håndbogen blev færdigbearbejdet i
        # slutningen af 2025"), not the date the strategy behind it was approved
        ("greve_klima-teknik-og-miljoeudvalget_2025-09-04_1e9bb6e3.json",
         "Hvornår skal håndbogen om bæredygtighed i kommunale bygninger være færdig?", "25-006931",
         ("slutningen af 2025",), 2),
        # what the kommune will do: the proposed measure ("Administrationen anbefaler at adgang
        # ... kun gives med nøglebrik"), not the hall's purpose or its past staffing
        ("greve_kultur-og-fritidsudvalget_2025-06-04_4a19c04a.json",
         "Hvad vil kommunen gøre ved problemerne i Valhallen?", "25-004382", ("nøglebrik",), 1),
        # a size: "Hvor højt skal diget være?" asks for metres ("en digehøjde på mellem 2,8-3.0 meter")
        ("greve_klima-teknik-og-miljoeudvalget_2025-10-23_87c7305f.json",
         "Hvor højt skal diget i Karlslunde være?", "25-007925", ("2,8-3",), 1),
        # how long, in the genitive: "skal i otte ugers offentlig høring"
        ("greve_plan-og-tryghedsudvalget_2023-08-15_030dfd63.json",
         "Hvor længe skal forslaget til planstrategien i høring?", "23-006479", ("otte ugers",), 1),
        # "hvilke to indsatser": the sentence that counts two of them ("følgende to indsatser
        # afsluttes ...:"), then what it introduces, not a table of figures
        ("greve_social-og-handicapudvalget_2025-10-20_320f32f7.json",
         "Hvilke to indsatser i handleplanen på det specialiserede voksenområde blev afsluttet i oktober 2025?",
         "23-004340", ("Indsats nr. 14", "indsats nr. 18"), 2),
        # a share: "hvor stor en andel" asks for the per cent ("ca. 25 % af asfalteringen"),
        # not the sums in kroner that the Indstilling names
        ("greve_klima-teknik-og-miljoeudvalget_2025-03-27_48a2ab5c.json",
         "Hvor stor en andel af asfalteringen betaler Greve Fjernvarme?", "25-002597", ("25 %",), 1),
        # what something costs: the sum beside the asked noun ("medfinansieringen til samarbejdet
        # på op til 191.000 kr."), not a sentence about the subject without a sum
        ("greve_beskaeftigelses-og-erhvervsudvalget_2024-08-12_4c1db02f.json",
         "Hvor meget koster samarbejdet med Code of Care?", "24-006659", ("191.000 kr.",), 1),
        # how old: the age range, written as one word ("3-6-årige børn"), in Danish and English
        ("greve_skole-boerne-og-ungeudvalget_2023-01-10_4c8716dd.json",
         "Hvor gamle er børnene i en naturbørnehave?", "22-015126", ("3-6-årige",), 1),
        ("greve_skole-boerne-og-ungeudvalget_2023-01-10_4c8716dd.json",
         "How old are the children in a nature kindergarten?", "22-015126", ("3-6-årige",), 1),
        # which pupils: the school years ("alle elever på 6. til 8. klassetrin"), from a PDF
        ("../pdf/aarhus_byraad_2025-08-27_referat.pdf",
         "Hvilke elever på Hårup Skole får mulighed for et skoleskift?", "EMN-2025-007142", ("6. til 8. klassetrin",), 2),
        # a temperature: "Rumopvarmning til gennemsnitlig 19 grader ... skoler", not the
        # sentence that only names the heating season
        ("greve_byraad-2022-2025_2023-06-19_55490cd5.json",
         "Hvor varmt skal der være i skolerne i varmesæsonen 2023/2024?", "22-011409", ("19 grader",), 1),
        ("greve_byraad-2022-2025_2023-03-06_9bc22f7f.json",
         "Hvilken temperatur besluttede byrådet, at der skal være i skolerne?", "22-011409", ("21 grader",), 1),
        # an English count: the asked noun in Danish ("floors" counts "etager": "i 1 og 2 etager")
        ("greve_plan-og-tryghedsudvalget_2022-10-11_e971b430.json",
         "How many floors will the nursing home in Lunden in Tune have?", "20-055908K", ("2 etager",), 2),
    ],
)  # fmt: skip
def test_one_meeting_a_first_quote_holds_the_answer(
    tmp_path, meeting: str, question: str, case_id: str, quoted, within: int
) -> None:
    """Questions written from single Greve items; one of the first ``within`` quotes (quotes
    follow the text's order) must hold what they ask for."""
    path = GREVE / meeting
    if not path.exists():
        pytest.skip("the corpus (../shared/corpus) is not here")
    world = TinyRetriever([parse_file(path)]), Settings.from_env({"REFERAT_HOME": str(tmp_path)})
    a = ask(world, question)
    assert a.citations[0].ref.case_id == case_id
    first = quotes(a.text)[:within]
    assert any(all(q in f for q in quoted) for f in first), first
