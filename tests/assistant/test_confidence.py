"""Question analysis, sentence splitting, store vocabulary and the refusal confidence."""

from __future__ import annotations

import pytest

from assistant.confidence import THRESHOLD, Features, confidence
from assistant.question import analyse
from assistant.sentences import normalize_ws, sentences
from assistant.vocabulary import vocabulary_of
from assistant.words import stems_of, term_in


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Hvad blev der besluttet om Frederikshavnerordningen?", "decision"),
        ("Hvor mange kommuner deltog i projektet?", "count"),
        ("Hvad kostede ordningen i 2017?", "amount"),
        ("Hvornår blev det besluttet?", "date"),
        ("Hvilket center er ansvarligt for budgetprocessen?", "who"),
        ("Hvem havde afbud?", "absent"),
        ("How much did the scheme cost?", "amount"),
        # money and rates are amounts; a counted noun is a count
        ("Hvor mange penge bevilgede SIRI til kvindeprojektet i 2019?", "amount"),
        ("Hvad bliver den nye døgntakst på aflastningstilbuddet i 2013?", "amount"),
        ("Hvor mange borgere deltog på rygestopkurser i 2011?", "count"),
        # "adopted" asks for the decision, as "vedtaget" does
        ("Was the local plan for the nursing home adopted?", "decision"),
        # absence in the words people ask with
        ("Who was missing from the committee meeting in March 2024?", "absent"),
        ("Who sent apologies for the council meeting?", "absent"),
        ("Hvem manglede ved mødet?", "absent"),
        ("What is missing from the plan?", "general"),  # no person missing
        # a temperature is an amount ("19 grader")
        ("Hvor varmt skal der være i skolerne?", "amount"),
        ("What temperature was decided for the schools?", "amount"),
        # "who" after a noun starts a relative clause and asks for no person
        ("Can council members who are threatened get help from a psychologist?", "general"),
        ("How many citizens who applied got a grant?", "count"),
        ("Who voted against the plan?", "who"),
        ("Tell me who voted against the plan", "who"),
    ],
)
def test_question_kinds(question, kind):
    assert analyse(question).kind == kind


def test_case_ids_and_item_numbers_are_found_but_year_ranges_are_not_case_ids():
    info = analyse("Hvad handler sag EMN-2024-00966, 21-014448 og 2012-28504 om i budget 2025-2028, punkt 5?")
    assert info.case_ids == ("EMN-2024-00966", "21-014448", "2012-28504")
    assert info.item_numbers == ("5",)
    assert "emn" not in info.topic


def test_english_topic_keeps_names_and_glossary_words():
    info = analyse("How many municipalities took part in the project for immigrant women in Frederikshavn?")
    assert info.english
    assert {"kommuner", "projekt", "indvandrer", "kvinder", "frederikshavn"} <= set(info.topic)
    # A glossary phrase is one topic word, not its words ("street" and "lights" are not in it).
    assert analyse("How many street lights in Greve were switched to LED?").topic[:2] == ("vejbelysning", "greve")


def test_sentences_are_verbatim_up_to_whitespace(frederikshavn_meeting):
    for item in frederikshavn_meeting.items:
        body = normalize_ws(item.text)
        for s in sentences(item.text):
            assert s in body
    assert sentences("Byrådet bevilligede 3,6 mio. kr. til den 2-årige indsats. Godkendt.") == [
        "Byrådet bevilligede 3,6 mio. kr. til den 2-årige indsats.",
        "Godkendt.",
    ]


def test_compound_words_match():
    text = "15 kommuner med i alt 1.664 indvandrerkvinder"
    assert term_in("kvinder", text.lower(), stems_of(text))
    assert term_in("kommune", text.lower(), stems_of(text))
    assert not term_in("skatepark", text.lower(), stems_of(text))
    assert not term_in("664", text.lower(), stems_of(text))  # part of 1.664, not the number 664


def test_a_unit_matches_its_abbreviation_after_a_number():
    # Greve, Langagergård (sag 24-001447): the question's "kvadratmeter" is the text's "m2"
    text = "1. at etablere et mindre fritløbsområde for hunde på ca. 5.500 m2 i den østlige del af fårefolden"
    low = text.lower()
    assert term_in("kvadratmeter", low, stems_of(text))
    assert term_in("procent", "en stigning på 19 %", stems_of("en stigning på 19 %"))
    assert term_in("kroner", "hegn mv. til ca. 60.000 kr.", stems_of("hegn mv. til ca. 60.000 kr."))
    assert not term_in("kvadratmeter", "rum m2 uden tal", stems_of("rum m2 uden tal"))  # no number before it
    assert not term_in("hektar", "haven er stor", stems_of("haven er stor"))


def test_confidence_rises_with_evidence():
    weak = Features(coverage=0.0, missing=1.0, dense=-0.02, typed=1.0)
    strong = Features(coverage=1.0, missing=0.0, dense=0.05, typed=1.0)
    assert confidence(weak) < THRESHOLD < confidence(strong)


def test_vocabulary_from_the_bm25_index(frederikshavn_meeting):
    from vectorstore.bm25 import BM25Index
    from vectorstore.chunking import chunk_meeting

    index = BM25Index.build(chunk_meeting(frederikshavn_meeting))

    class Retriever:
        def refresh(self):
            return index

    vocab = vocabulary_of(Retriever())
    assert vocab is not None
    assert vocab.df("skatepark") == 0
    assert vocab.df("Frederikshavnerordningen") > 0
    assert vocab.idf("skatepark") > vocab.idf("Frederikshavnerordningen") > vocab.idf("Godkendt")
    assert vocabulary_of(object()) is None


def test_an_english_topic_has_no_month_before_a_year_and_no_danish_function_word():
    """"in August 2024" says when, as "i august 2024" does in Danish; "became" translates to
    "blev", which names nothing the answering item must hold."""
    topic = analyse("Who became chair of the social and disability committee in August 2024?").topic
    assert "august" not in topic and "blev" not in topic
    assert "formand" in topic and "2024" in topic
    assert "marts" not in analyse("What did the council decide in March 2023 about the school?").topic
