"""The scope options of ``referat ask`` and ``referat search``: names as people type them, and
a clear error instead of an empty answer when a name is not in the store."""

from __future__ import annotations

import json

import pytest

from core.errors import InputError
from referat.cli import main
from referat.commands.filters import resolve_name
from tests.conftest import FREDERIKSHAVN_TXT, REPO
from tests.fakes import HashingEmbedder

NAMES = ["Arbejdsmarkedsudvalget", "Byråd 2022-2025", "Klima-, Teknik- og Miljøudvalget", "Økonomiudvalget"]


def test_a_name_in_any_case_or_a_unique_part_of_one() -> None:
    assert resolve_name("arbejdsmarkedsudvalget", NAMES, "--committee") == "Arbejdsmarkedsudvalget"
    assert resolve_name("  ØKONOMIUDVALGET ", NAMES, "--committee") == "Økonomiudvalget"
    assert resolve_name("teknik", NAMES, "--committee") == "Klima-, Teknik- og Miljøudvalget"
    assert resolve_name("Byråd", NAMES, "--committee") == "Byråd 2022-2025"


def test_no_match_or_several_is_an_error_that_lists_the_names() -> None:
    with pytest.raises(InputError, match=r"'Teknisk Udvalg' is no committee of the store; it holds Arbejds"):
        resolve_name("Teknisk Udvalg", NAMES, "--committee")
    with pytest.raises(InputError, match=r"matches 3 names: Arbejdsmarkedsudvalget, Klima-, Teknik- og Miljøudvalget"):
        resolve_name("udvalget", NAMES, "--committee")
    with pytest.raises(InputError, match="holds no minutes yet"):
        resolve_name("Greve", [], "--municipality")


@pytest.fixture
def store_args(settings, monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    """A real store (Chroma) holding two meetings of two municipalities, hashed vectors."""
    import vectorstore.embedding

    monkeypatch.setattr(vectorstore.embedding, "load_embedder", lambda s: HashingEmbedder())
    args = ["--store", str(settings.store)]
    greve = REPO / "tests" / "fixtures" / "greve" / "greve_oekonomiudvalget_2022-01-10_e049b9bf.json"
    assert main([*args, "ingest", str(FREDERIKSHAVN_TXT), str(greve)]) == 0
    return args


def test_search_and_ask_read_the_options_against_the_store(store_args, capsys) -> None:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    query = ["search", "Frederikshavnerordningen", "--json"]
    assert main([*store_args, *query, "--committee", "arbejdsmarked"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits and {h["committee"] for h in hits} == {"Arbejdsmarkedsudvalget"}
    assert main([*store_args, *query, "--committee", "økonomiudvalgets"]) == 0  # a usual spelling
    assert {h["committee"] for h in json.loads(capsys.readouterr().out)} == {"Økonomiudvalget"}
    assert main([*store_args, *query, "--municipality", "frederikshavn"]) == 0
    assert {h["municipality"] for h in json.loads(capsys.readouterr().out)} == {"Frederikshavn"}
    # A committee that the store does not hold: exit 2 and the names it does hold, not "no answer".
    assert main([*store_args, *query, "--committee", "Teknisk Udvalg"]) == 2
    err = capsys.readouterr().err
    assert "'Teknisk Udvalg' is no committee of the store" in err and "Arbejdsmarkedsudvalget" in err
    ask = ["ask", "Hvad blev der besluttet om Frederikshavnerordningen?", "--committee", "Teknisk Udvalg"]
    assert main([*store_args, *ask]) == 2
    assert "is no committee of the store" in capsys.readouterr().err
    assert main([*store_args, "ask", "Hvad blev besluttet?", "--from", "2024-13-01"]) == 2
    assert "is not a date" in capsys.readouterr().err


def test_ask_on_an_empty_store_says_so(settings, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    import vectorstore.embedding

    monkeypatch.setattr(vectorstore.embedding, "load_embedder", lambda s: HashingEmbedder())
    assert main(["--store", str(settings.store), "ask", "Hvad besluttede byrådet?", "--json"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)["refused"] is True
    assert "is empty: run `referat ingest PATH` first" in out.err
