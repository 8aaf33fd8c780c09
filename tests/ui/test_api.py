"""The web app over real HTTP with gradio_client: answers with citations as data, the chat
stream, the case timeline, errors that leave the app serving, the source route's allow-list,
and login."""

from __future__ import annotations

import httpx
import pytest
from gradio_client import Client

from tests.ui.conftest import FRED_QUESTION


@pytest.fixture(scope="module")
def client(served) -> Client:
    return Client(served.url, verbose=False)


def test_ask_returns_the_answer_and_its_citations_as_data(client):
    result = client.predict(FRED_QUESTION, api_name="/ask")
    assert result["question"] == FRED_QUESTION
    assert result["refused"] is False
    assert "afskaffes" in result["answer"]
    first = result["citations"][0]
    assert (first["item_number"], first["case_id"]) == ("5", "EMN-2024-00966")
    assert first["committee"] == "Arbejdsmarkedsudvalget"
    assert first["meeting_date"] == "2024-03-06"
    assert first["marker"] == 1 and f"[{first['marker']}]" in result["answer"]
    assert first["quote"] and first["source_url"].startswith("/kilde/")
    assert result["retrieved"] and {"score", "item_number"} <= set(result["retrieved"][0])


def test_filters_narrow_the_answer(client):
    # Only Ballerup's committee is allowed, so Frederikshavn's item 5 may not be cited.
    result = client.predict(FRED_QUESTION, "Alle", "Sundheds- og Forebyggelsesudvalget", "", "", api_name="/ask")
    assert all(c["committee"] != "Arbejdsmarkedsudvalget" for c in result["citations"])


def test_chat_streams_a_cited_answer(served):
    client = Client(served.url, verbose=False)  # its own session: its own conversation
    job = client.submit(FRED_QUESTION, [], "Alle", "Alle", "", "", api_name="/chat")
    updates = list(job)
    messages, _question_box, sources = job.result()
    assert len(updates) >= 2, "the answer should arrive in more than one update"
    reply = messages[-1]["content"][0]["text"]
    assert "afskaffes" in reply and "[1]" in reply and "EMN-2024-00966" in reply
    assert sources["visible"] is True
    assert sources["choices"][0][0].startswith("[1] Punkt 5")


def test_case_timeline_as_data(client):
    timeline = client.predict("EMN-2024-00966", api_name="/case")
    assert [(t["item_number"], t["meeting_date"]) for t in timeline] == [("5", "2024-03-06")]
    assert timeline[0]["decision"] == "Godkendt."
    assert client.predict("EMN-1999-99999", api_name="/case") == []


def test_cited_source_is_served(client, served):
    result = client.predict(FRED_QUESTION, api_name="/ask")
    url = served.url.rstrip("/") + result["citations"][0]["source_url"].split("#")[0]
    r = httpx.get(url)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    assert "Frederikshavnerordningen" in r.text
    pdf = next(d for d in served.backend.store.documents() if d.source.endswith(".pdf"))
    r = httpx.get(served.url + f"kilde/{pdf.sha256}")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    "path",
    [
        "kilde/../../../../etc/passwd",
        "kilde/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "kilde/%2Fetc%2Fpasswd",
        "kilde/" + "0" * 64,
        "kilde/" + "a" * 63 + "%2F",
        "gradio_api/file=/etc/passwd",
        "gradio_api/file=../../../../etc/passwd",
    ],
)
def test_source_route_refuses_anything_but_ingested_documents(served, path):
    r = httpx.get(served.url + path)
    assert r.status_code in (400, 403, 404, 405)
    assert "root:" not in r.text


def test_an_error_in_one_request_leaves_the_app_serving(client, served):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="ÅÅÅÅ-MM-DD"):
        client.predict(FRED_QUESTION, "Alle", "Alle", "6. marts", "", api_name="/ask")

    # A failure deep inside answering (the retriever breaks) becomes an error message.
    backend = served.backend
    real = backend.get_retriever()

    class Broken:
        def retrieve(self, *args, **kwargs):
            raise RuntimeError("disk on fire")

    backend.retriever = Broken()
    try:
        with pytest.raises(AppError, match="uventet fejl"):
            client.predict(FRED_QUESTION, api_name="/ask")
        chat = Client(served.url, verbose=False)
        messages, _, _ = chat.predict(FRED_QUESTION, [], "Alle", "Alle", "", "", api_name="/chat")
        assert "⚠️" in messages[-1]["content"][0]["text"]
    finally:
        backend.retriever = real
    assert client.predict(FRED_QUESTION, api_name="/ask")["citations"][0]["item_number"] == "5"


def test_login_is_required_when_auth_is_set(served_with_login):
    from gradio_client.exceptions import AuthenticationError

    url = served_with_login.url
    with pytest.raises((AuthenticationError, ValueError)):
        Client(url, verbose=False)
    with pytest.raises((AuthenticationError, ValueError)):
        Client(url, auth=("anna", "forkert"), verbose=False)
    client = Client(url, auth=("anna", "hemmelig:kode"), verbose=False)
    assert client.predict("EMN-2024-00966", api_name="/case") == []
    # The source route checks the same login.
    assert httpx.get(url + "kilde/" + "0" * 64).status_code == 401
    with httpx.Client() as session:
        assert session.post(url + "login", data={"username": "anna", "password": "hemmelig:kode"}).status_code == 200
        assert session.get(url + "kilde/" + "0" * 64).status_code == 404


def test_a_follow_up_in_the_chat_refers_to_the_previous_answer(served):
    client = Client(served.url, verbose=False)  # one session: the conversation is kept server-side
    messages, _, _ = client.predict(FRED_QUESTION, [], "Alle", "Alle", "", "", api_name="/chat")
    messages, _, sources = client.predict(
        "Og hvad kostede det i 2023?", messages, "Alle", "Alle", "", "", api_name="/chat"
    )
    assert len(messages) == 4
    assert sources["choices"] and sources["choices"][0][0].startswith("[1] Punkt 5")
    assert "53.408" in messages[-1]["content"][0]["text"]
    client.close()


def test_ask_carries_the_thread_and_each_citations_votes_as_data(client):
    result = client.predict(FRED_QUESTION, api_name="/ask")
    assert result["thread"] == []  # one meeting, one treatment: no thread
    assert result["citations"][0]["votes"] == [] and result["citations"][0]["about"] == "item"
    # A question about the meeting itself is answered from the meeting record.
    meeting = client.predict("Hvem var fraværende ved Arbejdsmarkedsudvalgets møde den 6. marts 2024?", api_name="/ask")
    assert meeting["citations"][0]["about"] == "meeting"
    assert "Mette Hardam" in meeting["answer"]
