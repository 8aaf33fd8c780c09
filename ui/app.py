"""The Gradio web chat: layout and wiring, over the same library calls as the CLI.

``build_app(settings)`` returns the ``gr.Blocks``; ``serve(settings)`` runs it (with the source
route) until interrupted; ``start(settings)`` runs it in a background thread, for tests and
benchmarks. Tabs:

- *Spørg*: the chat, the filters beside it (municipality, committee, dates), the numbered
  sources of the selected answer and the cited item in full;
- *Sagsforløb*: a case ID's timeline over meetings;
- *Dokumenter*: upload, list and remove documents.

API endpoints (``gradio_client``): ``/ask`` (JSON answer with citations), ``/chat`` (the
streaming chat), ``/case`` (a case's timeline as JSON). See docs/cli.md, "referat serve".

Out of scope: the handlers (``ui.chat``, ``ui.source_view``, ``ui.case_view``,
``ui.documents``), the HTML (``ui.render``) and serving source files (``ui.sources``).
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from core.errors import ConfigError, ReferatError
from core.settings import Settings
from ui import texts
from ui.backend import Backend
from ui.bootstrap import Bootstrap, default_examples_dir
from ui.case_view import case_html, case_json
from ui.chat import clear_chat, make_ask_api, make_respond, select_turn
from ui.documents import document_choices, document_rows, ingest_uploads, remove_document, summary
from ui.source_view import make_show_citation

log = logging.getLogger(__name__)

CSS_PATH = Path(__file__).resolve().parent / "static" / "referat.css"
# Scroll the item's text to the first quoted sentence (the text box scrolls, not the page).
SCROLL_TO_QUOTE = """() => { setTimeout(() => {
  const m = document.querySelector('#referat-source .referat-fulltext mark');
  const box = m && m.closest('.referat-fulltext');
  if (box) box.scrollTop += m.getBoundingClientRect().top - box.getBoundingClientRect().top - 120;
}, 150); }"""
CHAT_CONCURRENCY = 4  # answers at once; more only queue for the same two or four cores


def build_app(
    settings: Settings,
    *,
    store: Any = None,
    retriever: Any = None,
    embedder: Any = None,
    examples_dir: Path | None = None,
) -> gr.Blocks:
    """The web app over ``store`` (opened from ``settings`` when None).

    ``examples_dir`` (default: the bundled ``examples/``) is ingested on first start when the
    store is empty. The returned Blocks carries its ``Backend`` as ``.referat_backend``.
    """
    if store is None:
        from vectorstore.store import Store

        store = Store.open(settings, embedder=embedder)
    backend = Backend(settings=settings, store=store, embedder=embedder, retriever=retriever)
    backend.bootstrap = Bootstrap(backend, default_examples_dir() if examples_dir is None else examples_dir)
    demo = _layout(backend)
    demo.referat_backend = backend  # type: ignore[attr-defined]
    return demo


def _filter_choices(backend: Backend) -> tuple[list[str], list[str]]:
    try:
        return [texts.ALL, *backend.store.municipalities()], [texts.ALL, *backend.store.committees()]
    except Exception:
        log.warning("kunne ikke hente kommuner og udvalg", exc_info=True)
        return [texts.ALL], [texts.ALL]


def _layout(backend: Backend) -> gr.Blocks:
    respond = make_respond(backend)
    show_citation = make_show_citation(backend)

    with gr.Blocks(title=texts.TITLE, analytics_enabled=False) as demo:
        turns = gr.State([])  # one Answer (or None for a failed question) per exchange
        selected = gr.State(None)  # which exchange's sources the selector shows
        current_case = gr.State(None)

        gr.Markdown(f"# {texts.TITLE}\n{texts.TAGLINE}", elem_id="referat-header")
        banner = gr.Markdown("", visible=False, elem_id="referat-bootstrap")
        timer = gr.Timer(1.0, active=False)

        with gr.Tabs(selected="chat") as tabs:
            with gr.Tab(texts.TAB_CHAT, id="chat"), gr.Row(equal_height=False):
                with gr.Column(scale=5):
                    chatbot = gr.Chatbot(
                        label=texts.CHAT_LABEL,
                        height=480,
                        placeholder=texts.CHAT_PLACEHOLDER,
                        elem_id="referat-chat",
                        feedback_options=None,
                        buttons=["copy"],
                    )
                    with gr.Row():
                        question = gr.Textbox(
                            label=texts.QUESTION_LABEL,
                            placeholder=texts.QUESTION_PLACEHOLDER,
                            scale=5,
                            elem_id="referat-question",
                            lines=1,
                            max_lines=4,
                        )
                        ask = gr.Button(texts.ASK_BUTTON, variant="primary", scale=1, elem_id="referat-ask")
                    gr.Examples([[q] for q in texts.EXAMPLE_QUESTIONS], inputs=[question], label=texts.EXAMPLES_LABEL)
                    citations = gr.Radio(
                        label=texts.CITATIONS_LABEL, choices=[], visible=False, elem_id="referat-citations"
                    )
                    clear = gr.Button(texts.CLEAR_BUTTON, size="sm")
                with gr.Column(scale=4):
                    with gr.Accordion(texts.FILTERS_HEADING, open=True):
                        with gr.Row():
                            municipality = gr.Dropdown(
                                [texts.ALL],
                                value=texts.ALL,
                                label=texts.MUNICIPALITY_LABEL,
                                elem_id="referat-municipality",
                            )
                            committee = gr.Dropdown(
                                [texts.ALL], value=texts.ALL, label=texts.COMMITTEE_LABEL, elem_id="referat-committee"
                            )
                        with gr.Row():
                            date_from = gr.Textbox(
                                label=texts.DATE_FROM_LABEL,
                                placeholder=texts.DATE_PLACEHOLDER,
                                elem_id="referat-date-from",
                            )
                            date_to = gr.Textbox(
                                label=texts.DATE_TO_LABEL, placeholder=texts.DATE_PLACEHOLDER, elem_id="referat-date-to"
                            )
                    gr.Markdown(f"### {texts.SOURCE_HEADING}")
                    to_case = gr.Button(texts.SHOW_CASE_BUTTON, visible=False, size="sm", elem_id="referat-to-case")
                    source = gr.HTML(f"<p class='referat-message'>{texts.SOURCE_EMPTY}</p>", elem_id="referat-source")

            with gr.Tab(texts.TAB_CASE, id="case"):
                gr.Markdown(texts.CASE_INTRO)
                with gr.Row():
                    case_input = gr.Textbox(
                        label=texts.CASE_LABEL, placeholder=texts.CASE_PLACEHOLDER, scale=4, elem_id="referat-case-id"
                    )
                    case_go = gr.Button(texts.CASE_BUTTON, variant="primary", scale=1, elem_id="referat-case-go")
                timeline = gr.HTML("", elem_id="referat-timeline")

            with gr.Tab(texts.TAB_DOCUMENTS, id="documents"):
                writable = not backend.settings.read_only
                if not writable:
                    gr.Markdown(texts.READ_ONLY, elem_id="referat-read-only")
                upload = gr.File(
                    label=texts.UPLOAD_LABEL,
                    file_count="multiple",
                    file_types=[".pdf", ".txt", ".json", ".html", ".htm", ".xml"],
                    type="filepath",
                    elem_id="referat-upload",
                    visible=writable,
                )
                upload_go = gr.Button(
                    texts.UPLOAD_BUTTON, variant="primary", elem_id="referat-upload-go", visible=writable
                )
                upload_results = gr.Dataframe(
                    headers=texts.RESULT_COLUMNS, value=[], interactive=False, visible=False, wrap=True
                )
                gr.Markdown(f"### {texts.DOCUMENTS_HEADING}")
                docs_summary = gr.Markdown("")
                docs_table = gr.Dataframe(
                    headers=texts.DOCUMENT_COLUMNS,
                    value=[],
                    interactive=False,
                    wrap=True,
                    column_widths=["38%", "12%", "22%", "12%", "8%", "8%"],
                    elem_id="referat-documents",
                )
                with gr.Row(visible=writable):
                    remove_choice = gr.Dropdown([], label=texts.REMOVE_LABEL, scale=4)
                    remove_go = gr.Button(texts.REMOVE_BUTTON, variant="stop", scale=1)
                refresh = gr.Button(texts.REFRESH_BUTTON, size="sm")

        # ---- handlers that need the layout ------------------------------------------------
        def refresh_lists():
            munis, committees = _filter_choices(backend)
            return (
                gr.update(choices=munis),
                gr.update(choices=committees),
                document_rows(backend),
                summary(backend),
                gr.update(choices=document_choices(backend), value=None),
            )

        lists = [municipality, committee, docs_table, docs_summary, remove_choice]

        def bootstrap_banner():
            st = backend.bootstrap.status()
            if st.state == "running":
                text = texts.BOOTSTRAP_RUNNING.format(done=st.done, total=st.total)
                return gr.update(value=text, visible=True), gr.Timer(active=True)
            if st.state == "done":
                return gr.update(value=texts.BOOTSTRAP_DONE.format(items=st.items), visible=True), gr.Timer(
                    active=False
                )
            if st.state == "failed":
                return gr.update(value=texts.BOOTSTRAP_FAILED.format(message=st.message), visible=True), gr.Timer(
                    active=False
                )
            return gr.update(visible=False), gr.Timer(active=False)

        def on_tick():
            banner_update, timer_update = bootstrap_banner()
            if backend.bootstrap.status().state == "running":
                return (banner_update, timer_update, *(gr.update() for _ in lists))
            return (banner_update, timer_update, *refresh_lists())

        demo.load(bootstrap_banner, None, [banner, timer], api_visibility="private")
        demo.load(refresh_lists, None, lists, api_visibility="private")
        timer.tick(on_tick, None, [banner, timer, *lists], api_visibility="private", show_progress="hidden")

        chat_inputs = [question, chatbot, turns, municipality, committee, date_from, date_to]
        chat_outputs = [chatbot, turns, selected, question, citations]
        question.submit(
            respond,
            chat_inputs,
            chat_outputs,
            api_name="chat",
            concurrency_limit=CHAT_CONCURRENCY,
            concurrency_id="answer",
            show_progress="minimal",
        )
        ask.click(
            respond,
            chat_inputs,
            chat_outputs,
            api_visibility="private",
            concurrency_limit=CHAT_CONCURRENCY,
            concurrency_id="answer",
            show_progress="minimal",
        )
        chatbot.select(select_turn, [turns], [selected, citations], api_visibility="private")
        clear.click(clear_chat, None, [chatbot, turns, selected, citations], api_visibility="private")
        citations.input(
            show_citation, [citations, turns, selected], [source, to_case, current_case], api_visibility="private"
        ).then(None, js=SCROLL_TO_QUOTE)

        def open_case(case_id):
            return case_id or "", case_html(backend, case_id), gr.Tabs(selected="case")

        to_case.click(open_case, [current_case], [case_input, timeline, tabs], api_visibility="private")
        case_go.click(lambda c: case_html(backend, c), [case_input], [timeline], api_visibility="private")
        case_input.submit(lambda c: case_html(backend, c), [case_input], [timeline], api_visibility="private")

        def do_upload(files, progress=gr.Progress()):  # noqa: B008 (Gradio's progress idiom)
            if backend.settings.read_only:
                raise gr.Error(texts.READ_ONLY)
            if not files:
                gr.Warning(texts.UPLOAD_NONE)
                return (gr.update(), gr.update(), *refresh_lists())
            paths = [f if isinstance(f, str) else getattr(f, "name", str(f)) for f in files]

            def step(done: int, total: int, name: str) -> None:
                progress((done, total), desc=texts.UPLOAD_PROGRESS.format(name=name) if name else None)

            results = ingest_uploads(backend, paths, step)
            return (gr.update(value=[r.row() for r in results], visible=True), None, *refresh_lists())

        upload_go.click(
            do_upload,
            [upload],
            [upload_results, upload, *lists],
            api_visibility="private",
            concurrency_limit=1,
            concurrency_id="ingest",
        )

        def do_remove(source_value):
            try:
                message = remove_document(backend, source_value)
            except ReferatError as exc:
                raise gr.Error(str(exc)) from exc
            gr.Info(message)
            return refresh_lists()

        remove_go.click(do_remove, [remove_choice], lists, api_visibility="private", concurrency_id="ingest")
        refresh.click(refresh_lists, None, lists, api_visibility="private")

        gr.api(make_ask_api(backend), api_name="ask", concurrency_limit=CHAT_CONCURRENCY, concurrency_id="answer")

        def case(case_id: str) -> list:
            """Every meeting that treated the case, oldest first, with each decision."""
            return case_json(backend, case_id)

        gr.api(case, api_name="case")
    demo.queue(default_concurrency_limit=CHAT_CONCURRENCY, max_size=256)
    return demo


# ---------------------------------------------------------------------------------------------
# Serving


def parse_auth(value: str | None) -> tuple[str, str] | None:
    """``"user:password"`` -> ``("user", "password")``; the password may contain colons."""
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise ConfigError("--auth / REFERAT_AUTH must be user:password, both non-empty")
    return user, password


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and "localhost": only this machine can connect."""
    if host.strip().casefold() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False  # a host name may resolve to any address


def check_exposure(settings: Settings) -> None:
    """Refuse to serve uploads and removals to a network without a login.

    On a non-loopback ``host``, ``auth``, ``read_only`` or ``allow_anonymous_writes`` must be
    set; otherwise anyone who can reach the address could upload and delete documents.
    """
    if is_loopback(settings.host) or settings.auth or settings.read_only or settings.allow_anonymous_writes:
        return
    raise ConfigError(
        f"--host {settings.host} is reachable from the network, and without a login anyone there could upload "
        "and delete documents: add --auth USER:PASSWORD, --read-only, or --allow-anonymous-writes"
    )


def asgi_app(demo: gr.Blocks, settings: Settings):
    """The FastAPI app: ``/kilde/<sha256>`` for ingested sources, and Gradio at ``/``."""
    from fastapi import FastAPI, Request
    from starlette.routing import Mount

    from ui.sources import source_router

    backend: Backend = demo.referat_backend  # type: ignore[attr-defined]
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    mounted: dict[str, Any] = {}

    def is_allowed(request: Request) -> bool:
        # The source route sits beside Gradio, so it checks Gradio's own login cookie.
        gradio_app = mounted.get("app")
        if gradio_app is None:
            return False
        if gradio_app.auth is None:
            return True
        cookie = f"access-token-{gradio_app.cookie_id}"
        token = request.cookies.get(cookie) or request.cookies.get(f"access-token-unsecure-{gradio_app.cookie_id}")
        return token is not None and token in gradio_app.tokens

    app.include_router(source_router(backend.store, is_allowed))
    app = gr.mount_gradio_app(
        app,
        demo,
        path="/",
        server_name=settings.host,
        server_port=settings.port,
        auth=parse_auth(settings.auth),
        auth_message=texts.AUTH_MESSAGE,
        max_file_size=f"{settings.upload_max_mb}mb",
        css_paths=[CSS_PATH],
        footer_links=["api"],
        run_history=False,
        show_error=True,
        ssr_mode=False,
        mcp_server=False,
    )
    mounted["app"] = next(r.app for r in app.routes if isinstance(r, Mount))
    return app


@dataclass
class RunningApp:
    """A served app: ``url`` to reach it, ``close()`` to stop it."""

    url: str
    demo: gr.Blocks
    _server: Any
    _thread: threading.Thread

    @property
    def backend(self) -> Backend:
        return self.demo.referat_backend  # type: ignore[attr-defined]

    def close(self) -> None:
        # Clients' open event streams are cancelled at shutdown; that is expected, not an error.
        logging.getLogger("uvicorn.error").setLevel(logging.CRITICAL)
        self._server.should_exit = True
        self._thread.join(timeout=15)
        with contextlib.suppress(Exception):
            self.demo.close()


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _server(demo: gr.Blocks, settings: Settings):
    import uvicorn

    config = uvicorn.Config(
        asgi_app(demo, settings),
        host=settings.host,
        port=settings.port,
        log_level="warning",
        lifespan="on",
        timeout_graceful_shutdown=2,  # open event streams must not hold up Ctrl-C
    )
    return uvicorn.Server(config)


def start(
    settings: Settings, demo: gr.Blocks | None = None, *, examples: bool = True, timeout: float = 60.0
) -> RunningApp:
    """Serve in a background thread and return once it answers; for tests and benchmarks."""
    check_exposure(settings)
    demo = demo if demo is not None else build_app(settings)
    server = _server(demo, settings)
    thread = threading.Thread(target=server.run, name="referat-web", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise ReferatError(f"the web app did not start on {settings.host}:{settings.port}")
        time.sleep(0.05)
    backend: Backend = demo.referat_backend  # type: ignore[attr-defined]
    if examples:
        backend.bootstrap.start()
    threading.Thread(target=backend.warm_up, name="referat-warm-up", daemon=True).start()
    return RunningApp(f"http://{settings.host}:{settings.port}/", demo, server, thread)


def serve(settings: Settings, *, examples_dir: Path | None = None, examples: bool = True) -> None:
    """Run the web app until Ctrl-C. An empty store first gets the bundled examples."""
    check_exposure(settings)
    _check_port_free(settings.host, settings.port)
    demo = build_app(settings, examples_dir=examples_dir)
    backend: Backend = demo.referat_backend  # type: ignore[attr-defined]
    server = _server(demo, settings)
    url = f"http://{settings.host}:{settings.port}/"
    print(f"Referat kører på {url} (stop med Ctrl-C)", flush=True)
    if settings.auth:
        print("Login er slået til.", flush=True)
    if settings.read_only:
        print(texts.READ_ONLY, flush=True)
    elif not settings.auth and not is_loopback(settings.host):
        print(texts.ANONYMOUS_WRITES_WARNING.format(host=settings.host), flush=True)
    if examples and backend.bootstrap.start():
        threading.Thread(target=_report_bootstrap, args=(backend,), daemon=True).start()
    threading.Thread(target=backend.warm_up, name="referat-warm-up", daemon=True).start()
    server.run()


def _check_port_free(host: str, port: int) -> None:
    try:
        with socket.socket() as s:
            s.bind((host, port))
    except OSError as exc:
        raise ConfigError(f"cannot serve on {host}:{port}: {exc.strerror or exc} (choose another --port)") from None


def _report_bootstrap(backend: Backend) -> None:
    last = -1
    while True:
        st = backend.bootstrap.status()
        if st.done != last and st.state == "running":
            print(texts.BOOTSTRAP_RUNNING.format(done=st.done, total=st.total), flush=True)
            last = st.done
        if backend.bootstrap.wait(0.5):
            st = backend.bootstrap.status()
            if st.state == "failed":
                print(texts.BOOTSTRAP_FAILED.format(message=st.message), flush=True)
            else:
                print(texts.BOOTSTRAP_DONE.format(items=st.items), flush=True)
            return
