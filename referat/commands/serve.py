"""``referat serve [--host 127.0.0.1] [--port 7860] [--auth user:password]``: the web chat.

Binds to loopback unless ``--host`` says otherwise; ``--auth`` (or ``REFERAT_AUTH``) turns on
login. On a non-loopback ``--host`` it refuses to start without ``--auth``, ``--read-only``
(no uploads or removals) or ``--allow-anonymous-writes`` (``ui.app.check_exposure``). On first
start with an empty store the bundled example minutes are ingested, with progress shown in
the terminal and in the app. Gradio is imported only when this runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "serve the web chat (Gradio) on http://127.0.0.1:7860"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", help="address to bind (env REFERAT_HOST; default 127.0.0.1, loopback only)")
    parser.add_argument("--port", type=int, help="port (env REFERAT_PORT; default 7860)")
    parser.add_argument("--auth", metavar="USER:PASSWORD", help="require login (env REFERAT_AUTH)")
    parser.add_argument(
        "--read-only",
        action="store_true",
        default=None,
        help="no uploads or removals in the app (env REFERAT_READ_ONLY=1)",
    )
    parser.add_argument(
        "--allow-anonymous-writes",
        action="store_true",
        default=None,
        help="on a non-loopback --host without --auth, let anyone upload and remove documents "
        "(env REFERAT_ALLOW_ANONYMOUS_WRITES=1)",
    )
    parser.add_argument(
        "--examples",
        metavar="DIR",
        help="example minutes to ingest when the store is empty (default: the bundled examples/)",
    )
    parser.add_argument("--no-examples", action="store_true", help="never ingest the examples on first start")


def run(args: argparse.Namespace, settings) -> int:
    from core.errors import ConfigError

    options = (
        ("host", args.host),
        ("port", args.port),
        ("auth", args.auth),
        ("read_only", args.read_only),
        ("allow_anonymous_writes", args.allow_anonymous_writes),
    )
    changes = {k: v for k, v in options if v is not None}
    settings = settings.replace(**changes)  # validated again: port range, user:password
    examples = Path(args.examples).expanduser() if args.examples else None
    if examples is not None and not examples.is_dir():
        raise ConfigError(f"--examples {examples}: not a folder")

    from ui.app import check_exposure, parse_auth, serve

    parse_auth(settings.auth)  # a malformed --auth fails before anything is opened
    check_exposure(settings)  # so does an open network address without a login
    serve(settings, examples_dir=examples, examples=not args.no_examples)
    return 0
