"""Uploads: type, content and size checks with clear Danish errors, one result per file,
ingestion through the real pipeline into a real store, the document list, and removal."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from core.errors import InputError
from tests.fakes import HashingEmbedder
from tests.ui.conftest import REPO
from ui import texts
from ui.backend import Backend
from ui.documents import check_upload, document_choices, document_rows, ingest_uploads, remove_document

GREVE = REPO / "tests" / "fixtures" / "greve" / "greve_oekonomiudvalget_2025-06-25_f4407d93.json"


@pytest.fixture
def backend(settings):
    from vectorstore.store import Store

    store = Store.open(settings.replace(upload_max_mb=1), embedder=HashingEmbedder())
    yield Backend(settings=store.settings, store=store, embedder=store._embedder)
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
        ("latin1.txt", "UTF-8"),
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
