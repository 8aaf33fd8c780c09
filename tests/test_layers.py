"""The layers contract (pyproject.toml, ``[tool.importlinter]``) on a copy of the packages:
it holds on the code as it is, and an import against the flow breaks it.

Each case copies the project's own packages and pyproject.toml into a temporary folder, adds
one import to one module there, and runs ``lint-imports`` on the copy; the tree itself is
never touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
ROOT_PACKAGES = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["importlinter"]["root_packages"]


def _copy_project(dest: Path) -> Path:
    for name in ROOT_PACKAGES:
        shutil.copytree(REPO / name, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.jsonl", "*.png"))
    shutil.copy(REPO / "pyproject.toml", dest / "pyproject.toml")
    return dest


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    # PYTHONPATH points only at the copy, so the packages analysed are the copy's.
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=root, env=env, capture_output=True, text=True, timeout=120
    )


def test_root_packages_are_every_package_in_the_tree() -> None:
    """A new top-level package must join the contract, or its imports go unchecked."""
    on_disk = {
        p.name
        for p in REPO.iterdir()
        if p.is_dir() and p.name not in ("tests", "docs", "examples") and any(p.glob("*.py"))
    }
    assert on_disk == set(ROOT_PACKAGES)


def test_the_code_keeps_the_layers(tmp_path: Path) -> None:
    result = _lint_imports(_copy_project(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "offender"),
    [
        # a stage reaching up the flow
        ("ingest/records.py", "import assistant.chain", "ingest.records -> assistant.chain"),
        ("vectorstore/chunking.py", "from ui import render", "vectorstore.chunking -> ui.render"),
        # the ground reaching into a stage, lazily inside a function
        ("core/settings.py", "def _late():\n    from ingest import parse", "core.settings -> ingest.parse"),
        # a stage reaching into the CLI on top
        ("assistant/grounded.py", "from referat import cli", "assistant.grounded -> referat.cli"),
        ("evals/metrics.py", "import bench.answer", "evals.metrics -> bench.answer"),
        # siblings of one layer stay independent
        ("ui/render.py", "import evals.metrics", "ui.render -> evals.metrics"),
    ],
)
def test_an_import_against_the_flow_breaks_the_contract(tmp_path: Path, module: str, line: str, offender: str) -> None:
    root = _copy_project(tmp_path)
    target = root / module
    target.write_text(target.read_text() + f"\n\n{line}  # noqa\n")
    result = _lint_imports(root)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert offender in result.stdout, result.stdout
