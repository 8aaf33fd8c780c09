import subprocess
import sys

from referat.cli import main
from tests.conftest import FREDERIKSHAVN_TXT


def test_help_lists_the_subcommands(capsys):
    try:
        main(["--help"])
    except SystemExit as exc:
        assert exc.code == 0
    out = capsys.readouterr().out
    assert "COMMAND" in out


def test_bad_setting_is_one_line_and_exit_2():
    env = {"REFERAT_LLM": "nonsense", "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, "-m", "referat", "stats"], env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().count("\n") == 0
    assert "REFERAT_LLM" in proc.stderr


def test_the_console_is_quiet_and_verbose_adds_our_debug_lines():
    def parse(*flags):
        return subprocess.run(
            [sys.executable, "-m", "referat", *flags, "parse", str(FREDERIKSHAVN_TXT)],
            capture_output=True,
            text=True,
            timeout=120,
        )

    quiet, verbose = parse(), parse("--verbose")
    assert quiet.returncode == verbose.returncode == 0
    assert quiet.stderr == ""
    assert "DEBUG ingest.parse: " in verbose.stderr and "layout frederikshavn" in verbose.stderr
    assert quiet.stdout == verbose.stdout
