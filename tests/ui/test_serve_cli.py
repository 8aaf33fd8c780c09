"""``referat serve`` as a user runs it: a subprocess on a fresh store and a fresh model folder
(as after a fresh clone) converts the model, ingests the bundled examples on first start,
answers over HTTP with a citation to punkt 5, and prints only Referat's own lines on the way;
bad options end with one line and exit code 2."""

from __future__ import annotations

import socket
import subprocess
import time

import httpx
import pytest

from tests.fakes import HashingEmbedder
from tests.ui.conftest import FRED_QUESTION
from ui import texts
from ui.app import free_port


def test_bad_auth_is_one_line_and_exit_2(referat_cmd, cli_env):
    r = subprocess.run(
        [*referat_cmd, "serve", "--auth", "nocolon"], env=cli_env, capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 2 and r.stderr.startswith("referat: ") and "Traceback" not in r.stderr


def test_a_port_in_use_is_one_line_and_exit_2(referat_cmd, cli_env):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = subprocess.run(
            [*referat_cmd, "serve", "--port", str(port)], env=cli_env, capture_output=True, text=True, timeout=120
        )
    assert r.returncode == 2 and f"127.0.0.1:{port}" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.integration
def test_serve_on_a_fresh_clone_ingests_the_examples_quietly_and_answers(referat_cmd, cli_env, tmp_path):
    from gradio_client import Client

    port = free_port()
    store = tmp_path / "fresh-store"
    log = (tmp_path / "serve.log").open("w+")
    # A model folder of its own: the conversion (sentencepiece) and the int8 export
    # (onnxruntime) run in this process, as on a first `make run`.
    env = {**cli_env, "REFERAT_MODEL_DIR": str(tmp_path / "fresh-model")}
    proc = subprocess.Popen(
        [*referat_cmd, "--store", str(store), "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 240
        while True:
            assert proc.poll() is None, "referat serve exited"
            try:
                if httpx.get(url + "gradio_api/info", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the app did not start"
            time.sleep(0.5)
        client = Client(url, verbose=False)
        result = client.predict(FRED_QUESTION, api_name="/ask")  # waits for the examples
        first = result["citations"][0]
        assert (first["item_number"], first["case_id"]) == ("5", "EMN-2024-00966")
        source = httpx.get(url.rstrip("/") + first["source_url"].split("#")[0], timeout=30)
        assert source.status_code == 200 and "Frederikshavnerordningen" in source.text
        client.close()
        log.seek(0)
        output = log.read()
        assert "Referat kører på http://127.0.0.1" in output
        assert "Eksempelreferaterne er indlæst" in output
        # Nothing from other libraries: no absl/sentencepiece lines, no "DEBUG:bm25s:...".
        ours = ("Referat kører på ", *(t.split("{")[0] for t in (texts.BOOTSTRAP_RUNNING, texts.BOOTSTRAP_DONE)))
        assert [line for line in output.splitlines() if line.strip() and not line.startswith(ours)] == []
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


@pytest.mark.parametrize(
    ("host", "extra", "allowed"),
    [
        ("127.0.0.1", {}, True),
        ("127.0.0.2", {}, True),
        ("::1", {}, True),
        ("localhost", {}, True),
        ("0.0.0.0", {}, False),
        ("192.168.1.20", {}, False),
        ("::", {}, False),
        ("referat.example.dk", {}, False),
        ("0.0.0.0", {"auth": "anna:hemmelig"}, True),
        ("0.0.0.0", {"read_only": True}, True),
        ("0.0.0.0", {"allow_anonymous_writes": True}, True),
    ],
)
def test_a_network_address_without_login_needs_read_only_or_an_explicit_yes(settings, host, extra, allowed):
    from core.errors import ConfigError
    from ui.app import check_exposure

    s = settings.replace(host=host, **extra)
    if allowed:
        check_exposure(s)
    else:
        with pytest.raises(ConfigError, match=r"--auth .*--read-only.*--allow-anonymous-writes"):
            check_exposure(s)


def test_serve_on_a_network_address_without_auth_is_refused_in_one_line(referat_cmd, cli_env):
    r = subprocess.run(
        [*referat_cmd, "serve", "--host", "0.0.0.0", "--port", str(free_port()), "--no-examples"],
        env=cli_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.startswith("referat: --host 0.0.0.0") and len(r.stderr.strip().splitlines()) == 1
    assert "--allow-anonymous-writes" in r.stderr


def test_the_read_only_env_switch_is_read_as_yes_or_no(tmp_path):
    from core.errors import ConfigError
    from core.settings import Settings

    assert Settings.from_env({"REFERAT_HOME": str(tmp_path), "REFERAT_READ_ONLY": "1"}).read_only is True
    assert Settings.from_env({"REFERAT_HOME": str(tmp_path), "REFERAT_READ_ONLY": "nej"}).read_only is False
    with pytest.raises(ConfigError, match="REFERAT_READ_ONLY"):
        Settings.from_env({"REFERAT_HOME": str(tmp_path), "REFERAT_READ_ONLY": "måske"})


def test_a_read_only_app_shows_no_upload_or_removal(settings):
    from ui.app import build_app
    from vectorstore.store import Store

    store = Store.open(settings, embedder=HashingEmbedder())
    try:
        for read_only in (False, True):
            demo = build_app(settings.replace(read_only=read_only), store=store, examples_dir=None)
            by_id = {getattr(b, "elem_id", None): b for b in demo.blocks.values()}
            assert by_id["referat-upload"].visible is not read_only
            assert by_id["referat-upload-go"].visible is not read_only
            assert ("referat-read-only" in by_id) is read_only
    finally:
        store.close()
