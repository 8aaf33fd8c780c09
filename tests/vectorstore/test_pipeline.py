"""``ingest_paths`` and ``referat ingest`` on real files (the Greve JSON and Frederikshavn
text fixtures) with the fake embedder and a real embedded Chroma: idempotent over three runs,
changed files replace their chunks, bad files are reported while the rest go in, batches span
documents, and a run killed with SIGKILL half-way leaves nothing half-visible."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import textwrap

import pytest

from referat.cli import main
from tests.fakes import HashingEmbedder
from tests.vectorstore.minutes import FREDERIKSHAVN_TXT, GREVE_JSON
from vectorstore.pipeline import collect_files, ingest_paths
from vectorstore.records import Filters

REPO = FREDERIKSHAVN_TXT.parent.parent.parent


@pytest.fixture
def corpus(tmp_path):
    """A small folder tree: three Greve meetings (JSON) and Frederikshavn (text), nested."""
    root = tmp_path / "corpus"
    (root / "greve" / "sub").mkdir(parents=True)
    for i, p in enumerate(GREVE_JSON):
        shutil.copy(p, root / "greve" / ("sub" if i == 2 else "") / p.name)
    shutil.copy(FREDERIKSHAVN_TXT, root / FREDERIKSHAVN_TXT.name)
    (root / "README.md").write_text("not minutes")  # ignored: not .pdf/.txt/.json
    (root / ".hidden.json").write_text("{}")  # ignored: hidden
    return root


class CountingEmbedder(HashingEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[int] = []

    def embed_passages(self, texts):
        self.calls.append(len(texts))
        return super().embed_passages(texts)


def test_collect_files_walks_folders_and_rejects_missing_paths(corpus):
    files = collect_files([corpus, corpus / FREDERIKSHAVN_TXT.name])
    assert sorted(f.name for f in files) == sorted([*(p.name for p in GREVE_JSON), FREDERIKSHAVN_TXT.name])
    from core.errors import InputError

    with pytest.raises(InputError, match="no-such"):
        collect_files([corpus / "no-such"])


def test_three_runs_leave_the_chunks_of_one(corpus, fake_store):
    first = ingest_paths([corpus], fake_store)
    assert (first.files, first.meetings, first.skipped, first.failed) == (4, 4, 0, ())
    assert first.items == fake_store.stats().items and first.chunks == fake_store.chunk_count() > 0
    version = fake_store.version()
    for _ in range(2):
        again = ingest_paths([corpus], fake_store)
        assert (again.meetings, again.chunks, again.skipped) == (0, 0, 4)
    assert fake_store.chunk_count() == first.chunks and fake_store.version() == version
    # the real parser's records made it through: case lookup on the Frederikshavn text
    assert [r.item_number for r in fake_store.items_by_case("EMN-2024-00966")] == ["5"]


def test_chunks_are_embedded_in_batches_across_documents(corpus, settings):
    from vectorstore.store import Store

    emb = CountingEmbedder()
    store = Store.open(settings, embedder=emb)
    report = ingest_paths([corpus], store, batch_chunks=256)
    assert report.meetings == 4 and sum(emb.calls) == report.chunks
    assert len(emb.calls) < report.meetings  # several documents per call
    store.close()


def test_a_changed_file_replaces_its_old_chunks(corpus, fake_store):
    path = corpus / "greve" / GREVE_JSON[0].name
    ingest_paths([corpus], fake_store)
    before = fake_store.chunk_count()
    data = json.loads(path.read_text(encoding="utf-8"))
    old_title = data["Dagsordenpunkter"][0]["Navn"]
    data["Dagsordenpunkter"][0]["Navn"] = "Zebraovergang ved Hundige Bygade"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = ingest_paths([corpus], fake_store)
    assert (report.meetings, report.skipped) == (1, 3)
    assert fake_store.chunk_count() == before  # same number of chunks, none stale
    assert len(fake_store.documents()) == 4
    texts = [c.text for c in fake_store.iter_chunks() if c.ref.source == str(path.resolve())]
    assert any("Zebraovergang" in t for t in texts) and not any(t.startswith(old_title + " |") for t in texts)
    q = HashingEmbedder().embed_queries([old_title])[0]
    hits = fake_store.dense_search(q, 100, Filters())
    assert all(c.ref.title != old_title for c, _ in hits if c.ref.source == str(path.resolve()))


def test_one_bad_file_does_not_stop_the_others(corpus, fake_store):
    (corpus / "broken.json").write_text("{not json", encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "fake.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    report = ingest_paths([corpus], fake_store)
    assert report.meetings == 4
    failed = {f.file.rsplit("/", 1)[-1]: f.reason for f in report.failed}
    assert set(failed) == {"broken.json", "empty.txt", "fake.pdf"}
    assert all(name in reason for name, reason in failed.items())  # each reason names its file


def test_cli_exit_codes_and_json(corpus, settings, monkeypatch, capsys):
    import vectorstore.embedding

    monkeypatch.setattr(vectorstore.embedding, "load_embedder", lambda s: HashingEmbedder())
    store = ["--store", str(settings.store)]
    assert main([*store, "ingest", str(corpus), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["meetings"] == 4 and out["failed"] == [] and out["skipped"] == 0
    assert set(out) >= {"files", "meetings", "items", "chunks", "skipped", "failed", "seconds"}
    (corpus / "broken.json").write_text("[]", encoding="utf-8")
    assert main([*store, "ingest", str(corpus), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["skipped"] == 4 and [f["file"].rsplit("/", 1)[-1] for f in out["failed"]] == ["broken.json"]
    assert main([*store, "ingest", str(corpus)]) == 1
    failed = [line for line in capsys.readouterr().out.splitlines() if line.startswith("failed:")]
    assert len(failed) == 1 and failed[0].count("broken.json") == 1  # the file named once, then why
    assert main([*store, "ingest", str(corpus / "nope")]) == 2
    assert "nope" in capsys.readouterr().err
    assert main([*store, "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert (stats["documents"], stats["meetings"]) == (4, 4) and stats["date_from"] == "2022-01-10"
    assert set(stats) >= {"documents", "meetings", "items", "chunks", "committees", "municipalities", "date_to"}


KILLER = """
import os, signal, sys
sys.path.insert(0, {repo!r})
from core.settings import Settings
from tests.fakes import HashingEmbedder
from vectorstore.pipeline import ingest_paths
from vectorstore.store import Store

store = Store.open(Settings.from_env({{"REFERAT_HOME": {home!r}}}), embedder=HashingEmbedder())
complete = store.registry.complete
done = []

def complete_then_die(source, sha256, **kw):
    if len(done) == 1:  # the second document's chunks are written, it is not complete yet
        print("killing", source, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    done.append(source)
    return complete(source, sha256, **kw)

store.registry.complete = complete_then_die
ingest_paths([{corpus!r}], store, batch_chunks=1)
"""


def test_a_run_killed_half_way_leaves_nothing_half_visible(corpus, settings):
    from vectorstore.store import Store

    code = textwrap.dedent(KILLER).format(repo=str(REPO), home=str(settings.home), corpus=str(corpus))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert "killing" in proc.stdout

    store = Store.open(settings, embedder=HashingEmbedder())
    [doc] = store.documents()  # the first document, complete
    visible = list(store.iter_chunks())
    assert {c.ref.source_sha256 for c in visible} == {doc.sha256} and len(visible) == doc.chunks
    assert store.chunk_count() > doc.chunks  # the killed document's chunks are in Chroma...
    q = HashingEmbedder().embed_queries(["Godkendelse af dagsorden"])[0]
    assert {c.ref.source_sha256 for c, _ in store.dense_search(q, 50, Filters())} == {doc.sha256}  # ...unseen
    assert all(r.source_sha256 == doc.sha256 for r in store.find_items())

    report = ingest_paths([corpus], store)  # the next run completes the work
    assert (report.meetings, report.skipped, report.failed) == (3, 1, ())
    assert len(store.documents()) == 4 and store.chunk_count() == store.stats().chunks
    store.close()
