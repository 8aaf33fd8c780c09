"""What an answer quotes: whole statements, not the lead-in of a list cut off where its points
begin. On the real Ballerup minutes (tests/fixtures), through the whole answerer."""

from __future__ import annotations

import re

import pytest

from assistant.chain import answer_question
from core.settings import Settings
from ingest.parse import parse_file
from tests.assistant.conftest import TinyRetriever
from tests.assistant.test_answer_types import ask as ask_grounded
from tests.assistant.test_chain import assert_grounded
from tests.conftest import CORPUS, FIXTURES

BALLERUP = FIXTURES / "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04_referat.pdf"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[TinyRetriever, Settings]:
    settings = Settings.from_env({"REFERAT_HOME": str(tmp_path_factory.mktemp("home"))})
    return TinyRetriever([parse_file(BALLERUP)]), settings


def test_a_lead_in_that_stops_at_at_is_not_quoted(world) -> None:
    retriever, settings = world
    q = "Hvem fra Center for Ejendomme deltog i udvalgets behandling af bygningsvedligeholdelsen for 2013?"
    a = answer_question(q, retriever=retriever, settings=settings, embedder=retriever.embedder)
    assert not a.refused
    assert_grounded(a)
    assert "Birgit Elleby Jørgensen" in a.text
    quotes = re.findall(r"^Fra punktet: \u201c(.*)\u201d$", a.text, re.M)
    assert quotes and not [x for x in quotes if x.rstrip().endswith((" at", ","))]


GREVE_KFU = CORPUS / "greve" / "greve_kultur-og-fritidsudvalget_2022-12-12_72ddf1fa.json"


@pytest.mark.skipif(not GREVE_KFU.exists(), reason="the shared corpus is not beside the repository")
def test_a_sentence_of_a_short_decision_is_quoted_once(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The decision "Udvalget anbefaler, at energisparetiltagene i Greve Svømmehal fastholdes i
    2023." answers the question; it is quoted on the decision line, not first as a fact too."""
    settings = Settings.from_env({"REFERAT_HOME": str(tmp_path)})
    retriever = TinyRetriever([parse_file(GREVE_KFU)])
    q = "Hvad anbefalede Kultur- og Fritidsudvalget om energisparetiltagene i svømmehallen?"
    a = answer_question(q, retriever=retriever, settings=settings, embedder=retriever.embedder)
    assert not a.refused
    assert_grounded(a)
    block = a.text.split("\n\n")[0]
    assert "Beslutning: \u201cUdvalget anbefaler, at energisparetiltagene i Greve Svømmehal fastholdes i 2023.\u201d" in block
    quoted = re.findall(r": \u201c(.*)\u201d$", block, re.M)
    assert len(quoted) >= 2  # the decision and another sentence of the item
    assert not [(x, y) for x in quoted for y in quoted if x is not y and x in y]


def test_a_label_and_its_value_are_one_sentence() -> None:
    """"Afbud: Torben Hoffmann" is quoted whole, never as a bare "Afbud:"; a sentence of its own
    after a colon stays one."""
    from assistant.sentences import sentences

    meeting = parse_file(FIXTURES / "dated_decisions_byraadet_2024-04-17_referat.txt")
    said = [s for item in meeting.items for s in sentences(item.text)]
    assert "Afbud: Torben Hoffmann" in said and "Fraværende: Charlotte Levin" in said
    assert not [s for s in said if s.endswith(":") and len(s.split()) <= 2]
    assert sentences("Beslutning: Godkendt. Udvalget ønsker en status.") == [
        "Beslutning:",
        "Godkendt.",
        "Udvalget ønsker en status.",
    ]


def test_an_inline_enumeration_is_one_sentence_across_a_colon() -> None:
    from assistant.sentences import sentences

    text = (
        "Tilsynstemaerne er: 1) Funktionsevne, 2) Livskvalitet og tilfredshed, 3) Sammenhæng og forudsigelighed, "
        "4) Hygiejne:\nForebyggelse af smittespredning og 5) Opfølgning fra seneste tilsyn. De uanmeldte tilsyn "
        "består af interviews."
    )
    said = sentences(text)
    assert said[0].endswith("5) Opfølgning fra seneste tilsyn.") and len(said) == 2
    # a colon that ends no entry still splits, and "At 1) ... . At 2) ..." stay two sentences
    assert sentences("Punkt 1) er godkendt: Næste sag behandles i maj.") == ["Punkt 1) er godkendt:", "Næste sag behandles i maj."]
    assert len(sentences("At 1) der gives bevilling. At 2) der frigives rådighedsbeløb.")) == 2


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # a house number or an appendix before a new sentence ends the sentence
        ("Aktivitetscentret flyttes til Solvej 6. Foreløbig er kun hallen taget i brug.",
         ["Aktivitetscentret flyttes til Solvej 6.", "Foreløbig er kun hallen taget i brug."]),
        ("Instruks fremgår af bilag 1. Instruksen er ikke ændret.",
         ["Instruks fremgår af bilag 1.", "Instruksen er ikke ændret."]),
        # a list number, a run of them or a date does not
        ("1.-2. Anbefales ikke. Claus Dyremose (C) undlod at tage stilling.",
         ["1.-2. Anbefales ikke.", "Claus Dyremose (C) undlod at tage stilling."]),
        ("Ad 1. Sagen blev drøftet\nAd 2. Ikke godkendt.", ["Ad 1. Sagen blev drøftet", "Ad 2. Ikke godkendt."]),
        ("1. Taget til efterretning 2. Godkendt med stemmerne 19 for og 1 imod.",
         ["1. Taget til efterretning 2. Godkendt med stemmerne 19 for og 1 imod."]),
        ("Taksten gælder pr. 1. 1. 2024 for alle.", ["Taksten gælder pr. 1. 1. 2024 for alle."]),
    ],
)  # fmt: skip
def test_a_number_before_a_full_stop(text: str, said: list[str]) -> None:
    from assistant.sentences import sentences

    assert sentences(text) == said


def test_a_long_sentence_is_cut_where_a_clause_ends() -> None:
    """Ballerup's 420-character sentence about the 2013 economy agreement had been cut at 400
    characters after "hverdagsrehabilitering for"; it is cut before its parenthesis. Every piece
    is verbatim and none is longer than the limit."""
    from assistant.sentences import normalize_ws, sentences

    meeting = parse_file(BALLERUP)
    text = next(i.text for i in meeting.items if i.case_id == "2011-29939")
    said = sentences(text)
    long = [s for s in said if s.startswith("I økonomiaftalen for 2013 lykkedes det")]
    assert long and long[0].endswith("hverdagsrehabilitering for ældre")
    assert all(len(s) <= 400 for s in said)
    flat = normalize_ws(text)
    assert all(s in flat for s in said)


def test_abbreviations_before_a_number_do_not_end_a_sentence() -> None:
    """"kl. 10.00", "pr. 31. juli", "d. 11. december", "min. 2": a quote must not stop at them."""
    from assistant.sentences import sentences

    meeting = parse_file(FIXTURES / "greve" / "greve_social-og-handicapudvalget_2025-09-08_ca1d7628.json")
    said = [s for item in meeting.items for s in sentences(item.text)]
    assert "Den 26. november 2025 kl. 10.00 – 16.00 afholdes KL SOCIAL på Radisson Blu Aarhus." in said
    text = (
        "Kapitalforvaltningen forelægges årligt, jf. tidsplanen godkendt på byrådsmødet d. 11. december 2023 "
        "(pk. 12). Budgettet var pr. 31. juli 2024 på 3,4 mio. kr. Kommunen køber kylling med min. 2 velfærdshjerter."
    )
    assert sentences(text) == [
        "Kapitalforvaltningen forelægges årligt, jf. tidsplanen godkendt på byrådsmødet d. 11. december 2023 (pk. 12).",
        "Budgettet var pr. 31. juli 2024 på 3,4 mio. kr.",
        "Kommunen køber kylling med min. 2 velfærdshjerter.",
    ]
    # Greve's Lidl item: "en dagligvarebutik på max. 1.200 m2" had been quoted without its size.
    assert sentences("Der kan opføres en dagligvarebutik på max. 1.200 m2. Ved behandling af vejadgangen.") == [
        "Der kan opføres en dagligvarebutik på max. 1.200 m2.",
        "Ved behandling af vejadgangen.",
    ]


MOSEDE = FIXTURES / "greve_cases" / "greve_byraad-2022-2025_2025-03-19_303ab05d.json"


def ask_one(path, question: str, home):  # type: ignore[no-untyped-def]
    """The answer to ``question`` from one meeting file, checked to be grounded and not refused."""
    settings = Settings.from_env({"REFERAT_HOME": str(home)})
    retriever = TinyRetriever([parse_file(path)])
    a = answer_question(question, retriever=retriever, settings=settings, embedder=retriever.embedder)
    assert not a.refused
    assert_grounded(a)
    return a


def test_a_long_recommendation_is_quoted_with_its_points_not_as_a_bare_lead_in(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Greve's Indstilling of punkt 29 (739 characters) opens "Administrationen indstiller," and
    lists four points: the quote is the lead-in with the points that fit, verbatim, and "…"
    outside the quote says that more follows (it had been the bare "Administrationen indstiller,")."""
    from assistant.grounded import REC_MAX
    from assistant.sentences import normalize_ws

    a = ask_one(MOSEDE, "Hvad besluttede byrådet om anlægsbevillingen til Mosede Klimapark?", tmp_path)
    assert a.citations[0].ref.item_number == "29"
    lines = [x for x in a.text.splitlines() if x.startswith("Indstilling: ")]
    assert lines, a.text
    quote = re.match(r"Indstilling: \u201c(.*)\u201d( …)?$", lines[0])
    assert quote is not None, lines[0]
    said, more = quote.group(1), quote.group(2)
    item = next(i for i in parse_file(MOSEDE).items if i.number == "29")
    full = normalize_ws(" ".join(s.text for s in item.sections_of("indstilling")))
    assert full.startswith(said)  # verbatim, from the start
    assert "1. at igangsætning af projektet Mosede Klimapark" in said
    assert "2. at en indtægtsbevilling på 8,4 mio. kr." in said
    assert len(said) <= REC_MAX < len(full)
    assert more == " …"
    assert full[len(said) :].lstrip().startswith("4. at")  # whole points: the cut falls between two


@pytest.mark.parametrize(
    ("sentence", "leads"),
    [
        ("Administrationen indstiller,", True),
        ("Center for Teknik & Miljø og Center for Sundhed & Pleje indstiller overfor Sundheds- og "
         "Omsorgsudvalget og Klima-, Teknik- og Miljøudvalget;", True),
        ("Administrationen indstiller, at", True),
        ("Det besluttes at:", True),
        ("Administrationen indstiller, at planen godkendes.", False),
        ("Godkendt.", False),
    ],
)  # fmt: skip
def test_leads_in(sentence: str, leads: bool) -> None:
    from assistant.grounded import leads_in

    assert leads_in(sentence) is leads


@pytest.mark.parametrize(
    ("decision", "short"),
    [
        ("Byrådet godkendte Økonomiudvalgets indstilling.\nAfbud: Torben Hoffmann (Stedfortræder: Conni "
         "Bergendorff), Tina Rottbøll", True),
        ("Godkendt. Ikke til stede: Anne Marie Lyduch", True),
        ("Anbefales. Fraværende: Peter Hansen (A), Jens Olsen (V).", True),
        ("Afbud: Anne Hansen", False),  # nothing but the absence: no decision to refer on
        ("Udvalget besluttede at udsætte sagen til næste møde, idet der ønskes yderligere oplysninger om "
         "økonomien.", False),
    ],
)  # fmt: skip
def test_a_decision_that_only_refers_to_the_recommendation_may_note_absences(decision: str, short: bool) -> None:
    """The absence line Greve prints under a decision does not make "Godkendt." a decision of its
    own: the answer still quotes the Indstilling it approved."""
    from assistant.evidence import is_short_decision

    assert is_short_decision(decision) is short


FREDERIKSHAVN = FIXTURES / "frederikshavn_arbejdsmarkedsudvalget_2024-03-06_referat.txt"


def test_a_sub_heading_is_not_quoted_as_a_fact(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Frederikshavn's punkt 6 has the sub-heading "Baggrund for tilfredshedsundersøgelsen": it
    had been quoted as the answer to a question about that background; the sentences under it are."""
    a = ask_one(FREDERIKSHAVN, "Hvad er baggrunden for tilfredshedsundersøgelsen?", tmp_path)
    facts = re.findall(r"^Fra punktet: \u201c(.*)\u201d$", a.text, re.M)
    assert facts
    assert "Baggrund for tilfredshedsundersøgelsen" not in facts
    assert all(f.endswith((".", ":", "?", "!")) for f in facts), facts


def test_is_heading_on_real_items() -> None:
    """The sub-headings of Frederikshavn's punkt 3 and 9 are headings; their sentences, list items
    and the decision's "Godkendt" without a full stop are not."""
    from assistant.evidence import _build_candidates
    from assistant.grounded import is_heading
    from vectorstore.chunking import item_ref
    from vectorstore.records import ItemHit

    meeting = parse_file(FREDERIKSHAVN)
    cands = [
        c
        for it in meeting.items
        if it.number in ("3", "9")
        for c in _build_candidates(ItemHit(item_ref(meeting, it), 1.0, it))[0]
    ]
    headings = {c.text for c in cands if is_heading(c)}
    assert {"Hyppigere samtaler og tidlig indsats", "Udenlandsk arbejdskraft", "Udviklingen i ledigheden"} <= headings
    assert not [h for h in headings if h.endswith(".")]
    assert not [c.text for c in cands if c.listed and is_heading(c)]
    assert not [c.text for c in cands if c.section == "beslutning" and is_heading(c)]
    assert len(headings) < len(cands) / 3


GREVE_TRANEVEJ = CORPUS / "greve" / "greve_klima-teknik-og-miljoeudvalget_2025-10-23_87c7305f.json"


@pytest.mark.skipif(not GREVE_TRANEVEJ.exists(), reason="the shared corpus is not beside the repository")
def test_a_decision_on_the_points_of_the_recommendation_quotes_the_points(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """"1. Godkendt. Imod stemte V. 2. Ikke godkendt. For stemte V. 3. Udvalget besluttede, ..."
    says nothing without the Indstilling's points 1 and 2 (a § 14 ban, or a building permit):
    the answer quotes them."""
    a = ask_one(GREVE_TRANEVEJ, "Blev der nedlagt forbud mod enfamiliehuset på Tranevej 12?", tmp_path)
    assert a.citations[0].ref.case_id == "24-011442"
    block = a.text.split("\n\n")[0]
    assert re.search(r"^Beslutning: \u201c1\. Godkendt\.", block, re.M)
    rec = re.search(r"^Indstilling: \u201c(.*)\u201d", block, re.M)
    assert rec is not None, block
    assert "1. at det godkendes, at der varsles et forbud efter § 14 i planloven" in rec.group(1)


@pytest.mark.parametrize(
    ("decision", "refers"),
    [
        ("1. Godkendt.\nImod stemte V.\n2. Ikke godkendt.\n3. Udvalget besluttede, at byggeansøgninger kan "
         "behandles administrativt, når ansøgningen ikke omfatter de forhold, som ønskes ændret.", True),
        ("1-3. anbefales\n4a) anbefales\nUdvalget ønsker desuden, at medlemmerne af støjrådet får "
         "tilbagemeldinger om status på støjhandleplanen.", True),
        ("Ad 1: Tiltrådt. Ad 2: Udvalget ønsker en ny sag om økonomien i projektet med yderligere "
         "oplysninger om driftsudgifterne.", True),
        ("Godkendt.", True),
        ("1. a og b anbefales.\nUdvalget ønsker desuden en orientering om kystsikringen, når arbejdet er afsluttet.", True),
        ("Udvalget besluttede at udsætte sagen til næste møde, idet der ønskes yderligere oplysninger om "
         "økonomien i projektet, herunder driftsudgifter.", False),
        ("2024: Godkendt beløb 5 mio. kr. til projektet og udvalget ønsker en opfølgning på det samlede "
         "projekt i 2025.", False),
    ],
)  # fmt: skip
def test_refers_to_recommendation(decision: str, refers: bool) -> None:
    from assistant.evidence import refers_to_recommendation

    assert refers_to_recommendation(decision) is refers


GREVE_MUSEUM = CORPUS / "greve" / "greve_kultur-og-fritidsudvalget_2022-09-14_19afbf9c.json"


@pytest.mark.skipif(not GREVE_MUSEUM.exists(), reason="the shared corpus is not beside the repository")
def test_a_sentence_printed_twice_is_quoted_once(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The museum's quality assessment item prints "Slots- og Kulturstyrelsens kvalitetsvurdering af
    Greve Museum fandt sted den 4. marts 2022." in its summary and again in its text: one quote."""
    a = ask_one(GREVE_MUSEUM, "Hvilken kvalitetsvurdering fik Greve Museum i 2022?", tmp_path)
    assert a.citations[0].ref.case_id == "21-015590"
    quoted = re.findall(r"^Fra punktet: \u201c(.*)\u201d$", a.text.split("\n\n")[0], re.M)
    assert quoted and len(quoted) == len(set(quoted)), quoted


GREVE_MADSERVICE = CORPUS / "greve" / "greve_sundheds-og-omsorgsudvalget_2024-11-18_ddc66290.json"
AARHUS_BYRAAD = CORPUS / "pdf" / "aarhus_byraad_2025-08-27_referat.pdf"


@pytest.mark.skipif(not GREVE_MADSERVICE.exists(), reason="the shared corpus is not beside the repository")
def test_a_when_question_gets_the_date_of_the_event_it_names(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """"Hvornår udløber kontrakten?" asks when the contract expires: the sentence with "udløber"
    and its date comes first, not the one with the start date that shares more of the words."""
    from assistant.evidence import focus_words

    assert focus_words("Hvornår udløber kontrakten med Det Danske Madhus?") == ("udløber",)
    # an auxiliary names no event; after it, Danish puts the event last
    assert focus_words("Hvornår blev lokalplanen vedtaget?") == ("vedtaget",)
    a = ask_one(GREVE_MADSERVICE, "Hvornår udløber kontrakten med Det Danske Madhus?", tmp_path)
    assert a.citations[0].ref.case_id == "24-010873"
    quoted = re.findall(r"^Fra punktet: \u201c(.*)\u201d$", a.text.split("\n\n")[0], re.M)
    assert quoted and "udløber den 31. januar 2026" in quoted[0], quoted


@pytest.mark.skipif(not AARHUS_BYRAAD.exists(), reason="the shared corpus is not beside the repository")
def test_a_question_that_asks_two_things_gets_a_quote_for_each(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """"Hvornår åbner Ravnbakkeskolen, og hvilke elever kan skifte dertil?": the opening date and
    the sentence about the pupils of Hårup Skole, although the second scores far below the first."""
    from assistant.question import second_ask

    q = "Hvornår åbner Ravnbakkeskolen, og hvilke elever kan skifte dertil?"
    assert second_ask(q)[:2] == ("elever", "skifte")
    assert second_ask("Hvad blev der besluttet om Frederikshavnerordningen?") == ()
    a = ask_one(AARHUS_BYRAAD, q, tmp_path)
    block = a.text.split("\n\n")[0]
    assert "1. august 2026" in block and "Hårup" in block, block


def test_a_quoted_line_that_introduces_a_list_brings_the_list(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """"Diverse orienteringer fra Arbejdsmarkedsudvalgets område:" says nothing by itself; the
    orientations listed under it are quoted with it, their dashes left off, for any question."""
    a = ask_one(FREDERIKSHAVN, "Hvad indeholdt orienteringen til Arbejdsmarkedsudvalget i marts 2024?", tmp_path)
    block = a.text.split("\n\n")[0]
    assert "Fra punktet: \u201cDiverse orienteringer fra Arbejdsmarkedsudvalgets område:\u201d" in block
    listed = re.findall(r"^  - \u201c(.*)\u201d$", block, re.M)
    assert listed[:2] == ["Jobmesse 7. marts 2024", "Status på ledelsestilsynets bemærkning om beregningen af personlig assistance"]
    assert "Status på Danish Crown." in listed


def test_a_share_question_quotes_the_share_first(world) -> None:
    """"Hvor mange procent ...?" asks for a share: the sentence with "16 pct." is quoted first,
    not the sentence about the missing six-month data that shares the question's words."""
    a = ask_grounded(world, "Hvor mange procent af deltagerne på rygestopkurserne var stadig røgfri efter seks måneder?")
    quotes = re.findall(r"^Fra punktet: \u201c(.*)\u201d$", a.text, re.M)
    assert quotes and "16 pct." in quotes[0], quotes


def test_a_change_question_is_answered_by_a_share(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """"Hvor meget skal varigheden ... nedbringes i 2024?" asks for a change, which Frederikshavn's
    punkt 3 states as a per cent ("reducere varigheden med 6,5% for 2024"), not in kroner."""
    a = ask_one(FREDERIKSHAVN, "Hvor meget skal varigheden af sygedagpengeforløb nedbringes i 2024?", tmp_path)
    facts = re.findall(r"^Fra punktet: \u201c(.*)\u201d$", a.text, re.M)
    assert facts and "6,5%" in facts[0], facts


def test_a_list_whose_entries_the_pdf_wrapped_is_quoted_whole(world) -> None:
    """Ballerup's "Meddelelser" lists its points a.-e., two of them wrapped onto a second line
    ("... Hvordan udvikler vi det nære" / "sundhedsvæsen sammen?"): a list question gets every
    point, each whole."""
    from assistant.answer_types import list_runs

    wrapped = "a. Møder\nb. Konference om det nære\nsundhedsvæsen sammen?\nc. Konference om ulighed\nSlut."
    (run,) = list_runs(wrapped)
    assert run.items == ("b. Konference om det nære sundhedsvæsen sammen?", "c. Konference om ulighed")
    a = ask_grounded(
        world, "Hvilke konferencer blev Sundheds- og Forebyggelsesudvalget i Ballerup orienteret om i december 2012?"
    )
    listed = re.findall(r"^  - \u201c(.*)\u201d$", a.text, re.M)
    assert "b. Konference den 23. januar 2012 - Hvordan udvikler vi det nære sundhedsvæsen sammen?" in listed, a.text
    assert "c. Konference den 10. december 2012 - Forebyggelse af ulighed i sundhedsvæsenet" in listed, a.text
