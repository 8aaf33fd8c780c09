"""Server mode: a real ``chroma run`` on a free loopback port holds both the chunks and the
registry, so two Store instances (two "machines") see the same documents; ingest, search,
lookups, replacement and removal all go through it."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.fakes import HashingEmbedder
from tests.vectorstore.minutes import FREDERIKSHAVN_TXT, GREVE_JSON
from vectorstore.pipeline import ingest_paths
from vectorstore.records import Filters

pytestmark = pytest.mark.integration

CHROMA = Path(sys.executable).parent / "chroma"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    if not CHROMA.exists():
        pytest.fail(f"{CHROMA} is missing: chromadb installs the chroma CLI")
    path = tmp_path_factory.mktemp("chroma-server")
    port = _free_port()
    log = (path / "server.log").open("wb")
    proc = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(path / "data"), "--port", str(port), "--host", "127.0.0.1"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"chroma run did not come up on {url}: {(path / 'server.log').read_text()[-2000:]}")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def test_ingest_and_search_through_a_chroma_server(chroma_url, settings, tmp_path):
    from vectorstore.store import Store

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in [*GREVE_JSON, FREDERIKSHAVN_TXT]:
        shutil.copy(p, corpus / p.name)
    server = settings.replace(chroma_url=chroma_url, collection="servertest")
    emb = HashingEmbedder()
    worker = Store.open(server, embedder=emb)  # an ingest worker...
    frontend = Store.open(server, embedder=emb)  # ...and a chat frontend on another machine
    assert not settings.store.exists()  # nothing lands on the local disk in server mode

    report = ingest_paths([corpus], worker)
    assert (report.meetings, report.failed) == (4, ())
    assert ingest_paths([corpus], worker).skipped == 4

    assert len(frontend.documents()) == 4 and frontend.stats().chunks == report.chunks == frontend.chunk_count()
    assert len({c.id for c in frontend.iter_chunks()}) == report.chunks  # paged from the server
    top, _ = frontend.dense_search(emb.embed_queries(["Beslutning om Frederikshavnerordningen"])[0], 5, Filters())[0]
    assert (top.ref.item_number, top.ref.case_id) == ("5", "EMN-2024-00966")
    [ref] = frontend.items_by_case("emn-2019-01604")
    assert frontend.get_item(ref.key).title.startswith("Evaluering af projektet")
    assert frontend.get_meeting(ref.source_sha256).committee == "Arbejdsmarkedsudvalget"
    greve = frontend.dense_search(emb.embed_queries(["budget"])[0], 50, Filters(municipality="Greve"))
    assert greve and {c.ref.municipality for c, _ in greve} == {"Greve"}

    # a changed file replaces its chunks for every reader
    v = frontend.version()
    txt = corpus / FREDERIKSHAVN_TXT.name
    txt.write_text(txt.read_text(encoding="utf-8").replace("Frederikshavnerordningen", "Skagensordningen"), "utf-8")
    assert ingest_paths([corpus], worker).meetings == 1
    assert frontend.version() != v and frontend.chunk_count() == report.chunks
    [ref] = frontend.items_by_case("EMN-2024-00966")
    assert "Skagensordningen" in ref.title

    assert worker.remove_document(ref.source) > 0
    assert frontend.items_by_case("EMN-2024-00966") == [] and len(frontend.documents()) == 3


def test_cli_stats_through_the_server(chroma_url, cli_env, referat_cmd):
    env = {**cli_env, "REFERAT_CHROMA_URL": chroma_url}
    proc = subprocess.run([*referat_cmd, "stats", "--json"], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["store"] == chroma_url
    bad = {**env, "REFERAT_CHROMA_URL": f"http://127.0.0.1:{_free_port()}"}
    proc = subprocess.run([*referat_cmd, "stats"], env=bad, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert bad["REFERAT_CHROMA_URL"] in proc.stderr and proc.stderr.count("\n") == 1
