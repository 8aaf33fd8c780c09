"""The suite loader: the project's suites load; bad lines fail with the file, line and problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.errors import InputError
from evals.suite import KINDS, load_suite

SUITES = Path(__file__).resolve().parents[2] / "evals" / "suites"

GOOD = {
    "id": "x1",
    "kind": "decision",
    "question": "Hvad blev der besluttet?",
    "answerable": True,
    "expected": {"committee": "AMU", "date": "2024-03-06", "item_number": "5", "case_id": None, "also_ok": []},
    "facts": [["Godkendt"]],
    "history": [],
}


def write(tmp_path: Path, *objs: object) -> Path:
    p = tmp_path / "s.jsonl"
    p.write_text("\n".join(o if isinstance(o, str) else json.dumps(o) for o in objs) + "\n", encoding="utf-8")
    return p


@pytest.mark.parametrize("name", ["full.jsonl", "frederikshavn.jsonl"])
def test_project_suites_load_and_cover_every_kind(name: str) -> None:
    qs = load_suite(SUITES / name)
    assert len({q.id for q in qs}) == len(qs)
    for q in qs:
        assert q.answerable == (q.expected is not None)
        assert q.kind in KINDS
    if name == "full.jsonl":
        assert len(qs) >= 150
        assert {q.kind for q in qs} == set(KINDS)
        assert sum(not q.answerable for q in qs) >= 20


def test_good_line_round_trip(tmp_path: Path) -> None:
    (q,) = load_suite(write(tmp_path, GOOD))
    assert q.expected.matches("2024-03-06", "5", "EMN-2024-00966")
    assert not q.expected.matches("2024-03-06", "6", "EMN-2024-00966")
    assert q.facts == (("Godkendt",),)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        ({**GOOD, "id": ""}, "'id'"),
        ({**GOOD, "answerable": "yes"}, "'answerable'"),
        ({**GOOD, "expected": None}, "no 'expected' item"),
        ({**GOOD, "expected": {**GOOD["expected"], "date": "6. marts 2024"}}, "is not a date"),
        ({**GOOD, "facts": [[]]}, "each fact"),
        ({**GOOD, "facts": "Godkendt"}, "'facts'"),
        ({**GOOD, "history": [1]}, "'history'"),
        ({**GOOD, "expected": {**GOOD["expected"], "also_ok": [{"date": "nope"}]}}, "also_ok[0].date"),
    ],
)
def test_bad_lines_name_file_and_line(tmp_path: Path, line: object, message: str) -> None:
    path = write(tmp_path, GOOD | {"id": "ok"}, line)
    with pytest.raises(InputError) as err:
        load_suite(path)
    assert f"{path}:2:" in str(err.value)
    assert message in str(err.value)


def test_duplicate_ids_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="already used on line 1"):
        load_suite(write(tmp_path, GOOD, GOOD))
    with pytest.raises(InputError, match="no such suite file"):
        load_suite(tmp_path / "missing.jsonl")


def test_unanswerable_needs_no_expected(tmp_path: Path) -> None:
    (q,) = load_suite(write(tmp_path, {"id": "u", "kind": "unanswerable", "question": "?", "answerable": False}))
    assert not q.answerable and q.expected is None and q.facts == ()


# -- facts are matched as whole words and numbers ----------------------------------------------


@pytest.mark.parametrize(
    ("fact", "answer", "holds"),
    [
        ("4", "Punkt 5, Arbejdsmarkedsudvalget, 6. marts 2024: Godkendt.", False),  # not the 4 of 2024
        ("4", "Der deltog 4 kommuner.", True),
        ("tre", "Jobcentret indstiller, at orienteringen tages til efterretning.", False),
        ("tre", "Der er ansat tre ungeguider.", True),
        ("1.316", "1.316.000 kr. til bygningsvedligeholdelse", False),
        ("1.316.000", "1.316.000 kr. til bygningsvedligeholdelse", True),
        ("3", "3,5 mio. kr.", False),
        ("3,6 mio. kr.", "bevilligede 3,6\u00a0mio.\n kr. til", True),
        ("Godkendt", "GODKENDT. Ordningen afskaffes.", True),
        ("afskaffes", "Frederikshavnerordningen afskaffes, når", True),
        ("afskaffe", "Frederikshavnerordningen afskaffes, når", False),
        ("EMN-2024-00966", "sag EMN-2024-00966.", True),
    ],
)
def test_a_fact_holds_only_as_whole_words_and_numbers(tmp_path, fact, answer, holds):
    [question] = load_suite(write(tmp_path, {**GOOD, "facts": [[fact]]}))
    assert question.facts_hold(answer) is holds


def test_the_smaller_suites_repeat_their_questions_from_full_jsonl() -> None:
    """The suites are edited by hand (evals/README.md): a question fixed in full.jsonl must be
    fixed in the smaller suites too, so every question there is the same as in full.jsonl."""
    full = {q["id"]: q for q in map(json.loads, (SUITES / "full.jsonl").read_text(encoding="utf-8").splitlines())}
    for name in ("frederikshavn.jsonl", "three_meetings.jsonl"):
        for line in (SUITES / name).read_text(encoding="utf-8").splitlines():
            q = json.loads(line)
            assert full.get(q["id"]) == q, f"{name}: {q['id']} differs from full.jsonl"
