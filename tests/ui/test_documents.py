"""Uploads: type, content and size checks with clear Danish errors, one result per file,
ingestion through the real pipeline into a real store, the document list, and removal; a
re-uploaded document replaces its earlier version, and the keyword index follows at once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from core.errors import InputError
from ingest.text import decode_text
from tests.fakes import HashingEmbedder
from tests.ui.conftest import REPO
from ui import texts
from ui.backend import Backend
from ui.documents import check_upload, document_choices, document_rows, ingest_uploads, remove_document

GREVE = REPO / "tests" / "fixtures" / "greve" / "greve_oekonomiudvalget_2025-06-25_f4407d93.json"


@pytest.fixture
def backend(settings):
    from vectorstore.retrieval import open_retriever
    from vectorstore.store import Store

    store = Store.open(settings.replace(upload_max_mb=1), embedder=HashingEmbedder())
    retriever = open_retriever(store.settings, store=store, embedder=store._embedder)
    retriever.refresh()  # as after the app's warm-up: the keyword index is open
    yield Backend(settings=store.settings, store=store, embedder=store._embedder, retriever=retriever)
    store.close()


@pytest.fixture
def uploads(tmp_path: Path) -> dict[str, Path]:
    """Files as Gradio hands them over: a temporary path with the original name."""
    files = {
        "greve.json": GREVE.read_bytes(),
        "notat.docx": b"PK\x03\x04 not minutes",
        "falsk.pdf": b"Dette er ikke en PDF",
        "tom.txt": b"",
        "ødelagt.json": b'{"Udvalg": ',
        "latin1.txt": "Referat fra mødet".encode("latin-1"),
        "binær.txt": b"\x00\x01\x02 Referat \x00",
        "stor.txt": b"x" * (1024 * 1024 + 1),
        "ingen_punkter.txt": b"Bare en linje uden dagsordenpunkter.\n",
    }
    out = {}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        out[name] = tmp_path / name
    return out


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("notat.docx", "Filtypen '.docx' kan ikke indlæses"),
        ("falsk.pdf", "ikke en PDF"),
        ("tom.txt", "Filen er tom"),
        ("ødelagt.json", "ikke gyldig JSON"),
        ("binær.txt", "ikke en tekstfil"),
        ("stor.txt", "grænsen er 1 MB"),
    ],
)
def test_bad_uploads_are_refused_with_a_danish_reason_naming_the_file(uploads, name, message):
    with pytest.raises(InputError, match=message) as info:
        check_upload(uploads[name], max_mb=1)
    assert str(info.value).startswith(name)


def test_each_upload_gets_its_own_result_and_good_ones_are_ingested(backend, uploads):
    names = ["notat.docx", "greve.json", "stor.txt", "ingen_punkter.txt", "greve.json"]
    progress: list[tuple[int, int]] = []
    results = ingest_uploads(backend, [uploads[n] for n in names], lambda d, t, _: progress.append((d, t)))
    assert [r.name for r in results] == names
    assert [r.status for r in results] == [
        texts.RESULT_FAILED,
        texts.RESULT_ADDED,
        texts.RESULT_FAILED,
        texts.RESULT_FAILED,
        texts.RESULT_UNCHANGED,
    ]
    added = results[1]
    assert added.items == 3 and added.chunks > 0
    assert "ingen_punkter.txt" in results[3].message  # the parser's reason names the file
    assert progress[0] == (0, 5) and progress[-1] == (5, 5)

    # The kept copy outlives Gradio's temporary file, and is what the registry points at.
    (doc,) = backend.store.documents()
    kept = Path(doc.source)
    assert kept.parent == Path(backend.settings.home) / "uploads" and kept.read_bytes() == GREVE.read_bytes()
    uploads["greve.json"].unlink()
    assert kept.exists()

    rows = document_rows(backend)
    assert rows == [[kept.name, "Greve", "Økonomiudvalget", "2025-06-25", 3, doc.chunks]]
    assert document_choices(backend)[0][1] == doc.source


def test_removing_a_document_removes_its_chunks(backend, uploads):
    ingest_uploads(backend, [uploads["greve.json"]])
    (doc,) = backend.store.documents()
    assert backend.store.items_by_case("25-003374")
    message = remove_document(backend, doc.source)
    assert str(doc.chunks) in message
    assert backend.store.documents() == []
    assert backend.store.items_by_case("25-003374") == []
    assert list(backend.store.iter_chunks()) == []
    with pytest.raises(InputError):
        remove_document(backend, doc.source)
    with pytest.raises(InputError):
        remove_document(backend, "/etc/passwd")


def test_an_unreadable_upload_does_not_stop_the_others(backend, uploads, tmp_path):
    broken = tmp_path / "mappe.txt"
    broken.mkdir()  # a folder where a file was expected
    copy = tmp_path / "kopi.json"
    shutil.copyfile(GREVE, copy)
    results = ingest_uploads(backend, [broken, copy])
    assert [r.status for r in results] == [texts.RESULT_FAILED, texts.RESULT_ADDED]


@pytest.mark.parametrize(
    "data",
    [
        "Referat fra mødet".encode(),
        "\ufeffReferat fra mødet".encode(),
        "Referat fra mødet".encode("utf-16"),
        "Referat fra mødet – 5 (Åben) Beslutning".encode("cp1252"),
        "Referat fra mødet".encode("latin-1"),
        b"\x00\x01\x02 Referat \x00",
        b"\xff\xfe\x00\xd8",  # a UTF-16 BOM before a lone surrogate
    ],
)
def test_the_upload_check_accepts_text_exactly_when_referat_ingest_reads_it(tmp_path, data):
    path = tmp_path / "referat.txt"
    path.write_bytes(data)
    try:
        decode_text(path, data)
        ingest_reads = True
    except InputError:
        ingest_reads = False
    try:
        check_upload(path, max_mb=1)
        upload_accepts = True
    except InputError:
        upload_accepts = False
    assert upload_accepts == ingest_reads


def test_cp1252_minutes_are_accepted_by_upload_as_by_referat_ingest(backend, tmp_path):
    fred = REPO / "tests" / "fixtures" / "frederikshavn_arbejdsmarkedsudvalget_2024-03-06_referat.txt"
    legacy = tmp_path / "frederikshavn_cp1252.txt"
    legacy.write_bytes(fred.read_text(encoding="utf-8").encode("cp1252"))
    [result] = ingest_uploads(backend, [legacy])
    assert result.status == texts.RESULT_ADDED, result.message
    assert [r.title for r in backend.store.items_by_case("EMN-2024-00966")] == [
        "Beslutning om Frederikshavnerordningen"
    ]


def _corrected(tmp_path: Path, name: str, **changes: str) -> Path:
    """The Greve meeting with a corrected decision (and any other top-level text changes)."""
    text = GREVE.read_text(encoding="utf-8").replace("Godkendt.</p>", "Godkendt med rettelsesbladet.</p>", 1)
    for old, new in changes.items():
        text = text.replace(old, new)
    path = tmp_path / "rettet" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _texts(backend) -> str:
    return " ".join(c.text for c in backend.store.iter_chunks())


@pytest.mark.parametrize("name", ["greve.json", "greve_rettet.json"])
def test_a_corrected_upload_of_the_same_meeting_replaces_the_old_version(backend, uploads, tmp_path, name):
    [first] = ingest_uploads(backend, [uploads["greve.json"]])
    (old,) = backend.store.documents()
    assert first.status == texts.RESULT_ADDED and "rettelsesbladet" not in _texts(backend)

    [again] = ingest_uploads(backend, [_corrected(tmp_path, name)])
    assert again.status == texts.RESULT_ADDED and "greve.json" in again.message
    (new,) = backend.store.documents()  # one document: the corrected one
    assert new.sha256 != old.sha256 and new.source != old.source
    chunks = list(backend.store.iter_chunks())
    assert chunks and {c.ref.source_sha256 for c in chunks} == {new.sha256}
    assert backend.store.chunk_count() == len(chunks)  # the old version's chunks are gone from Chroma too
    assert "rettelsesbladet" in _texts(backend)
    assert [r.source_sha256 for r in backend.store.items_by_case("25-003374")] == [new.sha256]
    assert not Path(old.source).exists() and Path(new.source).exists()  # the old kept file is gone


def test_an_upload_under_the_same_name_replaces_it_even_when_the_date_was_corrected(backend, uploads, tmp_path):
    ingest_uploads(backend, [uploads["greve.json"]])
    fixed = _corrected(tmp_path, "greve.json", **{'"Dato": "2025-06-25': '"Dato": "2025-06-26'})
    [result] = ingest_uploads(backend, [fixed])
    assert result.status == texts.RESULT_ADDED
    assert [d.meeting_date.isoformat() for d in backend.store.documents()] == ["2025-06-26"]


def test_other_meetings_are_not_replaced(backend, uploads, tmp_path):
    other = REPO / "tests" / "fixtures" / "greve" / "greve_oekonomiudvalget_2022-01-10_e049b9bf.json"
    results = ingest_uploads(backend, [uploads["greve.json"], other])
    assert [r.status for r in results] == [texts.RESULT_ADDED] * 2
    assert not any("erstatter" in r.message for r in results)
    assert len(backend.store.documents()) == 2


def test_the_same_content_under_another_name_is_unchanged_and_leaves_no_copy(backend, uploads, tmp_path):
    ingest_uploads(backend, [uploads["greve.json"]])
    copy = tmp_path / "kopi.json"
    shutil.copyfile(GREVE, copy)
    [result] = ingest_uploads(backend, [copy])
    assert result.status == texts.RESULT_UNCHANGED
    assert [p.name.split("-", 1)[1] for p in (Path(backend.settings.home) / "uploads").iterdir()] == ["greve.json"]


def test_upload_and_removal_refresh_the_keyword_index_at_once(backend, uploads):
    retriever = backend.retriever
    before = retriever.indexed_version
    ingest_uploads(backend, [uploads["greve.json"]])
    # refreshed by the upload itself, not by a later search
    assert retriever.indexed_version == backend.store.version() != before
    assert len(retriever.refresh()) == backend.store.stats().chunks
    (doc,) = backend.store.documents()
    remove_document(backend, doc.source)
    assert retriever.indexed_version == backend.store.version()
    assert len(retriever.refresh()) == 0
    assert not Path(doc.source).exists()


def test_a_read_only_app_neither_ingests_nor_removes(backend, uploads):
    ingest_uploads(backend, [uploads["greve.json"]])
    (doc,) = backend.store.documents()
    locked = Backend(settings=backend.settings.replace(read_only=True), store=backend.store)
    with pytest.raises(InputError, match="skrivebeskyttet"):
        ingest_uploads(locked, [uploads["greve.json"]])
    with pytest.raises(InputError, match="skrivebeskyttet"):
        remove_document(locked, doc.source)
    assert backend.store.documents() == [doc]
