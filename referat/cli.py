"""The ``referat`` command line: one console script, one subcommand per module in
``referat/commands/``. Each module has ``HELP``, ``add_arguments(parser)`` and
``run(args, settings) -> int``; this file only wires them up and turns domain errors into
one clear line on stderr with exit code 2 (never a traceback), and sets up the console's
logging once (``core/logs.py``: quiet unless ``-v``).

The JSON printed by ``--json`` options is a public interface: see docs/cli.md.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from collections.abc import Sequence

from core import logs
from core.errors import ReferatError
from core.settings import Settings
from referat import __version__

COMMANDS = ("parse", "ingest", "stats", "search", "ask", "serve", "eval")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="referat",
        description="Cited answers about what Danish municipal committees decided.",
    )
    parser.add_argument("--version", action="version", version=f"referat {__version__}")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="also print debug lines, other libraries' logs and warnings"
    )
    parser.add_argument("--store", help="embedded store folder (env REFERAT_STORE)")
    parser.add_argument("--chroma-url", help="use a Chroma server instead, e.g. http://host:8000 (env REFERAT_CHROMA_URL)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        if importlib.util.find_spec(f"referat.commands.{name}") is None:
            continue  # a command not built yet; its module appears when it is
        # Command modules import only argparse-level things at the top; heavy libraries
        # (torch, chromadb, gradio, llama-index) are imported inside run(), so that
        # `referat --help` and `referat parse` start fast.
        module = importlib.import_module(f"referat.commands.{name}")
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(_module=module)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logs.configure(verbose=args.verbose)  # before any stage runs (docs/cli.md#console)
    try:
        settings = Settings.from_env(store=args.store, chroma_url=args.chroma_url)
        return int(args._module.run(args, settings) or 0)
    except ReferatError as exc:
        print(f"referat: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("referat: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
