"""Eval suites: questions with the item they should find and the facts a correct answer states.

A suite is a JSON Lines file, one question a line (format in evals/README.md)::

    {"id": "fr-01", "kind": "decision", "question": "Hvad blev der besluttet om ...?",
     "answerable": true,
     "expected": {"committee": "Arbejdsmarkedsudvalget", "date": "2024-03-06",
                  "item_number": "5", "case_id": "EMN-2024-00966", "also_ok": []},
     "facts": [["afskaffes", "lukkes"]], "history": []}

An item is correct when its (date, item_number, case_id) matches ``expected`` or one of its
``also_ok`` keys, where a ``null`` field matches anything. A fact holds when one of its
alternatives appears in the answer, case-insensitively, as whole words and whole numbers
(``fact_in``): "4" is not in "2024", "tre" is not in "Jobcentret", "1.316" is not in
"1.316.000".

Out of scope: running questions (``evals.runner``) and scoring them (``evals.metrics``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.errors import InputError

# The kinds the project's own suites use; other suites may bring their own kind names.
KINDS = (
    "decision",
    "number",
    "who",
    "paraphrase",
    "case_lookup",
    "item_lookup",
    "history",
    "english",
    "filtered",
    "followup",
    "unanswerable",
)


def normalise(text: str) -> str:
    """Lower case with runs of whitespace (and no-break spaces) as one space: how facts are compared."""
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


def fact_in(fact: str, text: str) -> bool:
    """Whether ``fact`` occurs in ``text`` as whole words and whole numbers (both normalised).

    A fact that starts or ends with a letter or digit must not continue a word there, and a
    number must not continue a number ("4" in "2024", "1.316" in "1.316.000", "3" in "3,5").

    >>> fact_in("tre", "jobcentret anbefaler tre ting"), fact_in("tre", "jobcentret")
    (True, False)
    >>> fact_in("4", "6. marts 2024"), fact_in("543.126", "543.126 kr.")
    (False, True)
    """
    fact, text = normalise(fact), normalise(text)
    if not fact:
        return True
    left = r"(?<!\w)" if fact[0].isalnum() else ""
    if fact[0].isdigit():
        left += r"(?<!\d[.,])"
    right = r"(?!\w)" if fact[-1].isalnum() else ""
    if fact[-1].isdigit():
        right += r"(?![.,]\d)"
    return re.search(left + re.escape(fact) + right, text) is not None


@dataclass(frozen=True)
class ItemKey:
    """Which item counts as right. ``None`` in a field matches anything.

    >>> ItemKey("2024-03-06", "5", None).matches("2024-03-06", "5", "EMN-2024-00966")
    True
    """

    date: str | None = None
    item_number: str | None = None
    case_id: str | None = None

    def matches(self, date: str | None, item_number: str | None, case_id: str | None) -> bool:
        return (
            (self.date is None or self.date == date)
            and (self.item_number is None or self.item_number == item_number)
            and (self.case_id is None or self.case_id == case_id)
        )


@dataclass(frozen=True)
class Expected:
    """The item an answer should rest on, and other items that are just as good."""

    key: ItemKey
    committee: str | None = None
    also_ok: tuple[ItemKey, ...] = ()

    def keys(self) -> tuple[ItemKey, ...]:
        return (self.key, *self.also_ok)

    def matches(self, date: str | None, item_number: str | None, case_id: str | None) -> bool:
        return any(k.matches(date, item_number, case_id) for k in self.keys())


@dataclass(frozen=True)
class Question:
    """One line of a suite. ``facts`` is a list of groups; each group lists alternatives."""

    id: str
    kind: str
    question: str
    answerable: bool
    expected: Expected | None = None
    facts: tuple[tuple[str, ...], ...] = ()
    history: tuple[str, ...] = ()

    def facts_hold(self, answer: str) -> bool:
        """True when every fact group has an alternative in ``answer`` (``fact_in``)."""
        return all(any(fact_in(alt, answer) for alt in group) for group in self.facts)


def load_suite(path: Path | str) -> list[Question]:
    """Read and validate a suite. Raises ``InputError`` naming the file, line and problem."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(f"{path}: no such suite file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read suite ({exc})") from None
    questions: list[Question] = []
    seen: dict[str, int] = {}
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: not valid JSON ({exc.msg})") from None
        q = parse_question(obj, where)
        if q.id in seen:
            raise InputError(f"{where}: id {q.id!r} already used on line {seen[q.id]}")
        seen[q.id] = lineno
        questions.append(q)
    if not questions:
        raise InputError(f"{path}: the suite has no questions")
    return questions


def parse_question(obj: Any, where: str) -> Question:
    """One suite line (already JSON-decoded) to a ``Question``; ``where`` prefixes errors."""
    if not isinstance(obj, dict):
        raise InputError(f"{where}: a question must be a JSON object")
    qid = _str(obj, "id", where)
    question = _str(obj, "question", where)
    kind = obj.get("kind") or "unspecified"
    if not isinstance(kind, str):
        raise InputError(f"{where}: 'kind' must be a string")
    answerable = obj.get("answerable", True)
    if not isinstance(answerable, bool):
        raise InputError(f"{where}: 'answerable' must be true or false, not {answerable!r}")
    expected = _expected(obj.get("expected"), where)
    if answerable and expected is None:
        raise InputError(f"{where}: question {qid!r} is answerable but has no 'expected' item")
    facts_raw = obj.get("facts") or []
    if not isinstance(facts_raw, list):
        raise InputError(f"{where}: 'facts' must be a list of lists of strings")
    facts = []
    for group in facts_raw:
        if isinstance(group, str):  # a bare string is a group of one
            group = [group]
        if not isinstance(group, list) or not group or not all(isinstance(a, str) and a.strip() for a in group):
            raise InputError(f"{where}: each fact must be a non-empty list of non-empty strings, got {group!r}")
        facts.append(tuple(group))
    history = obj.get("history") or []
    if not isinstance(history, list) or not all(isinstance(h, str) and h.strip() for h in history):
        raise InputError(f"{where}: 'history' must be a list of earlier questions (strings)")
    return Question(qid, kind, question, answerable, expected, tuple(facts), tuple(history))


def _str(obj: dict, field: str, where: str) -> str:
    value = obj.get(field)
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where}: '{field}' must be a non-empty string")
    return value.strip() if field == "id" else value


def _expected(raw: Any, where: str) -> Expected | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise InputError(f"{where}: 'expected' must be an object or null")
    committee = raw.get("committee")
    if committee is not None and not isinstance(committee, str):
        raise InputError(f"{where}: 'expected.committee' must be a string or null")
    key = _key(raw, where, "expected")
    also = raw.get("also_ok") or []
    if not isinstance(also, list):
        raise InputError(f"{where}: 'expected.also_ok' must be a list")
    keys = tuple(_key(a, where, f"expected.also_ok[{i}]") for i, a in enumerate(also))
    return Expected(key, committee, keys)


def _key(raw: Any, where: str, name: str) -> ItemKey:
    if not isinstance(raw, dict):
        raise InputError(f"{where}: '{name}' must be an object")
    date = raw.get("date")
    if date is not None:
        if not isinstance(date, str):
            raise InputError(f"{where}: '{name}.date' must be YYYY-MM-DD or null")
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            raise InputError(f"{where}: '{name}.date' {date!r} is not a date (YYYY-MM-DD)") from None
    out = []
    for field in ("item_number", "case_id"):
        value = raw.get(field)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # tolerate "item_number": 5
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise InputError(f"{where}: '{name}.{field}' must be a non-empty string or null")
        out.append(value.strip() if value else None)
    return ItemKey(date, out[0], out[1])
