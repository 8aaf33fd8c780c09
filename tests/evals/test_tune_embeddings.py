"""evals/tools/tune_embeddings.py: the inverse-cloze pairs it trains on, from real chunks. (The
training itself takes minutes per step on CI's cores and is not run here; docs/EVAL.md records
its run.)"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from assistant.sentences import sentences
from ingest.parse import parse_file
from vectorstore.chunking import chunk_meeting

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"


def _tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("tune_embeddings", REPO / "evals/tools/tune_embeddings.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_each_pair_asks_for_its_chunk_without_giving_the_sentence_away() -> None:
    tool = _tool()
    chunks = []
    for name in ("frederikshavn_arbejdsmarkedsudvalget_2024-03-06_referat.txt",
                 "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04_referat.pdf"):  # fmt: skip
        chunks += chunk_meeting(parse_file(FIXTURES / name))
    train, test, _ = tool.pairs_of(chunks, seed=0)
    pairs = train + test
    assert len(pairs) >= 10
    by_key = {c.ref.key: c for c in chunks}
    for key, query, passage in pairs:
        assert 8 <= len(query.split()) <= 40
        assert query not in passage  # the query sentence is taken out of its passage
        (source,) = [c for c in chunks if c.ref.key == key and query in sentences(c.text.partition("\n\n")[2])][:1]
        head = source.text.partition("\n\n")[0]
        assert passage.startswith(head + "\n\n")  # title, case, committee and date kept
    # Whole cases on one side, the same for every run and seed.
    assert not {k for k, _, _ in train} & {k for k, _, _ in test}
    assert all(tool.held_out(by_key[k].ref.case_id or k) for k, _, _ in test)
    assert tool.pairs_of(chunks, seed=0)[:2] == (train, test)
    assert tool.pairs_of(chunks, seed=1)[:2] != (train, test)


def test_short_chunks_give_no_pair() -> None:
    import random

    tool = _tool()
    assert tool.cloze_pair("Titel | Sag 1\n\nBeslutning\nGodkendt.", random.Random(0)) is None
