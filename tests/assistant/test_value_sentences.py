"""Choosing the sentence that holds the asked value, proposers and absences said in the text,
and pronoun follow-ups (the grounded answerer's reading, no model)."""

from __future__ import annotations

import re

import pytest

from assistant.condense import refers_back
from assistant.evidence import counts_term, focus_words, is_name_line, names_amount, read_items
from assistant.grounded import compose
from assistant.question import analyse
from assistant.sentences import normalize_ws


def test_focus_word_is_the_counted_noun():
    assert focus_words("Hvor mange borgere deltog på rygestopkurser i 2011?") == ("borgere",)
    assert focus_words("Hvor mange af kvinderne kom i job?") == ("kvinderne",)
    assert focus_words("Hvor mange penge blev afsat?") == ()


def test_a_cost_question_asks_for_the_sum_of_its_noun():
    # what it costs: the noun after the verb, past an article and a definite adjective
    assert focus_words("Hvor meget koster samarbejdet med Code of Care?") == ("samarbejdet",)
    assert focus_words("Hvad kostede ombygningen af rådhuset?") == ("ombygningen",)
    assert focus_words("Hvad koster den nye skole?") == ("skole",)
    assert focus_words("Hvad koster det at parkere?") == ()
    # in English the word before "cost"
    assert focus_words("How much does the new school cost?") == ("school",)
    assert focus_words("What did the renovation cost?") == ("renovation",)


def test_the_measure_word_after_hvor_is_no_topic_word():
    # "Hvor stor en garanti ...?" asks for a size: the item that answers ("en kommunal garanti på
    # 133,4 mio. kr. for ARGO's langfristede lån") need not say "stor".
    info = analyse("Hvor stor en garanti stiller Greve Kommune for ARGOs lån?")
    assert "stor" not in info.topic and {"garanti", "argos", "lån"} <= set(info.topic)
    assert "høje" not in analyse("Hvor høje bliver de nye boliger i Karlslunde?").topic
    assert "gamle" not in analyse("Hvor gamle er børnene i naturbørnehaven?").topic
    # not after "hvor", it names the thing: "de store veje"
    assert "store" in analyse("Hvad blev besluttet om de store veje i Tune?").topic


def test_a_number_counts_the_noun_after_it_and_after_a_partitive():
    # Greve's homeless count 2024 (sag 24-011474): "Heraf er 49 af de hjemløse borgere ..."
    assert counts_term("Heraf er 49 af de hjemløse borgere tilhørende Greve Kommune.", ["hjemløse"])
    assert counts_term("I Greve Kommune er i alt 140 seniorer i målgruppen.", ["seniorer"])
    assert not counts_term("I 2024 var der flere hjemløse.", ["hjemløse"])  # a year counts nothing
    assert not counts_term("49 af de hjemløse borgere", ["seniorer"])


def test_an_amount_question_asks_for_the_sum_of_its_noun():
    # Greve, Mosede Fort (sag 23-004391): the remaining financing, not the foundations' grants,
    # although the grants' sentence shares more of the question's words.
    q = "Hvor stor var restfinansieringen for udviklingsprojektet på Mosede Fort i foråret 2023?"
    assert focus_words(q) == ("restfinansieringen",)
    right = "Greve Museum har den 30. marts 2023 modtaget svar fra den sidste fond, og projektet har d.d. en restfinansiering på 7,56 mio. kr."
    grants = (
        "Fondsfinansiering og fondes forventning til kommunal restfinansiering I perioden 1. juni 2022 til "
        "1. april 2023 har Greve Museum modtaget tilsagn om fondsbevillinger på i alt 51 mio. kr. til projektet ved Mosede Fort."
    )
    assert names_amount(right, focus_words(q))
    assert not names_amount(grants, focus_words(q))  # the word is there, but not before the sum


def test_signature_lines_are_name_lines_and_prose_is_not():
    assert is_name_line("Jakob Søgaard Clausen, Danmarksdemokraterne")
    assert is_name_line("Anne Hansen (V)")
    assert not is_name_line("Det Konservative Folkeparti og Venstre foreslår, at der bygges en ny hal.")


def test_a_standalone_pronoun_refers_back_but_an_article_does_not():
    assert refers_back("Hvem betaler for den?")
    assert refers_back("Og hvad kostede det?")
    assert not refers_back("Og hvad med den nye skatepark?")
    assert not refers_back("Og hvad med skateparken?")
    assert not refers_back("Hvad sagde de om skateparken?")
    # the subject after question word and verb, with only a verb after it, stands for the thing
    assert refers_back("Hvornår blev den bygget?")
    assert refers_back("When was it built?")
    assert not refers_back("Hvornår er den 1. maj?")  # an article before a date
    assert not refers_back("Hvad blev det endelige resultat?")  # an article before a noun


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("Hvor mange kvinder havde ved afslutningen været med i projektet om indvandrerkvinder?", "154 kvinder"),
        ("Hvor mange penge bevilgede SIRI til kvindeprojektet i 2019?", "2.751.920 kr."),
        ("Hvor mange ungeguider er ansat i SammenUng?", "3 ungeguider"),
    ],
)
def test_value_question_quotes_the_sentence_with_the_value(tiny_retriever, question, value):
    info = analyse(question)
    evidence = read_items(info, question, tiny_retriever.retrieve(question), None)
    best = max(evidence, key=lambda e: e.coverage)
    text = normalize_ws(compose([best], info).text)
    # the value as a whole number, with its noun: not a digit of a date or of another number
    assert re.search(r"(?<![\d.,])" + re.escape(value), text), text


def _hit(item):  # type: ignore[no-untyped-def]
    from datetime import date

    from vectorstore.records import ItemHit, ItemRef

    ref = ItemRef(
        key=f"test-history:{item.number}",
        municipality="aarhus",
        committee="Aarhus Byråd",
        meeting_date=date(2025, 8, 27),
        meeting_id=None,
        item_number=item.number,
        case_id=item.case_id,
        title=item.title,
        source="test.pdf",
        source_sha256="test-history",
        pages=item.pages,
    )
    return ItemHit(ref=ref, score=1.0, item=item)


def test_history_question_quotes_the_earlier_treatments_and_the_earliest_for_first_time():
    from assistant.evidence import history_sentences
    from ingest.records import AgendaItem, Section

    body = (
        "Den 9. april 2025 behandlede byrådet forslaget om havnebadet.\n\n"
        "26-03-2025\n\nSagens behandling blev udsat i byrådets møde den 26. marts 2025.\n\n"
        "09-04-2025\n\nFremsendes til Magistraten, jf. byrådets vedtagelse i mødet den 9. april 2025.\n\n"
        "Havnebadet koster 2 mio. kr."
    )
    item = AgendaItem(
        number="2",
        title="Forslag om havnebad",
        case_id="EMN-2025-000001",
        sections=(Section("Sagsfremstilling", "sagsfremstilling", body),),
        decision="Godkendt.",
    )
    hit = _hit(item)
    first = history_sentences(hit, earliest_first=True, n=1)
    assert first == ["Sagens behandling blev udsat i byrådets møde den 26. marts 2025."]
    assert not any("2 mio" in s for s in history_sentences(hit, earliest_first=False))
    q = "Hvornår var forslaget om havnebadet første gang på dagsordenen, og hvad skete der dengang?"
    info = analyse(q)
    assert info.history
    text = compose(read_items(info, q, [hit], None), info).text
    assert "udsat i byrådets møde den 26. marts 2025" in text
    assert not analyse("Hvad besluttede byrådet om havnebadet?").history


def test_sizes_are_values_but_a_percentage_change_is_not_an_amount():
    from assistant.evidence import typed_match

    assert typed_match("amount", "Der søges om et nyt enfamiliehus på 157 m² i ét plan.")
    assert typed_match("amount", "Broen bliver 51 meter lang.")
    assert not typed_match("amount", "Der foreslås en reduktion i taksterne på 2 pct. i 2013.")


@pytest.mark.parametrize(
    "sentence",
    [
        # Greve, sag 23-010710: the yearly saving is written in thousands of kroner
        "og at den fremadrettede besparelse på driften på 370 t. kr. om året fra 2025 og frem indarbejdes",
        "en besparelse på 370 t.kr. om året",
        "en besparelse på 370 tkr. om året",
        "en besparelse på 370 tusind kr. om året",
    ],
)
def test_thousands_of_kroner_are_amounts(sentence: str) -> None:
    from assistant.evidence import typed_match

    assert typed_match("amount", sentence)


def test_a_verb_matches_its_particle_form_and_a_known_year_tells_no_time() -> None:
    from assistant.evidence import tells_when
    from assistant.words import stems_of, term_in

    text = "nytårskoncerten blev afholdt den 7. januar i portalens store sal"
    assert term_in("holdt", text, stems_of(text))  # af|holdt
    assert term_in("sendt", "høringen er udsendt", stems_of("høringen er udsendt"))
    assert not term_in("holdt", "udvalget forholdt sig", stems_of("udvalget forholdt sig"))  # for- makes another verb
    assert not term_in("taget", "forslaget blev vedtaget", stems_of("forslaget blev vedtaget"))
    assert tells_when("afholdt den 7. januar")
    assert not tells_when("regnskabet for Nytårskoncerten 2024 og en orientering om 2025")


def test_the_event_of_a_when_question_after_an_auxiliary_is_its_last_word() -> None:
    from assistant.evidence import focus_words

    assert focus_words("Hvornår skal håndbogen om bæredygtighed være færdig?") == ("færdig",)
    assert focus_words("Hvornår blev budgettet vedtaget?") == ("vedtaget",)
    assert focus_words("Hvornår udløber kontrakten?") == ("udløber",)
    assert focus_words("Hvornår mødes udvalget i marts?") == ()  # a month is no event
    # a genitive before the asked noun is its owner
    assert focus_words("Hvor stort er kommunens tilskud til FrivilligCenter Greve?") == ("tilskud",)


def test_a_size_question_asks_for_an_amount_and_a_length_of_time_does_not() -> None:
    from assistant.question import analyse

    assert analyse("Hvor højt skal diget i Karlslunde være?").kind == "amount"
    assert analyse("Hvor lang bliver broen?").kind == "amount"
    assert analyse("How high will the dike be?").kind == "amount"
    assert analyse("Hvor lang tid tager det?").kind != "amount"  # a duration
    assert analyse("Hvor lang løbetid har lånet?").kind != "amount"
    assert analyse("How long will the contract run?").kind != "amount"
