from pathlib import Path

import pytest

from core.errors import ConfigError
from core.settings import Settings


def test_home_moves_every_default_path():
    s = Settings.from_env({"REFERAT_HOME": "/data/r"})
    assert s.home == Path("/data/r")
    assert s.store == Path("/data/r/store")
    assert s.models_dir == Path("/data/r/models")


def test_xdg_data_home_is_the_default_base():
    s = Settings.from_env({"XDG_DATA_HOME": "/x", "HOME": "/home/u"})
    assert s.home == Path("/x/referat")
    s = Settings.from_env({"HOME": "/home/u"})
    assert s.home == Path("/home/u/.local/share/referat")


def test_environment_variables_are_read_and_typed():
    s = Settings.from_env(
        {
            "REFERAT_HOME": "/h",
            "REFERAT_STORE": "/elsewhere",
            "REFERAT_CHROMA_URL": "http://127.0.0.1:8000",
            "REFERAT_LLM": "openai",
            "REFERAT_LLM_TIMEOUT": "2.5",
            "REFERAT_PORT": "8080",
        }
    )
    assert s.store == Path("/elsewhere")
    assert s.chroma_url == "http://127.0.0.1:8000"
    assert s.llm == "openai"
    assert s.llm_timeout == 2.5
    assert s.port == 8080


def test_overrides_beat_environment_and_none_is_ignored():
    s = Settings.from_env({"REFERAT_HOME": "/h", "REFERAT_STORE": "/env"}, store="/cli", chroma_url=None)
    assert s.store == Path("/cli")
    assert s.chroma_url is None


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"REFERAT_LLM": "gpt"}, "REFERAT_LLM"),
        ({"REFERAT_CHROMA_URL": "localhost:8000"}, "REFERAT_CHROMA_URL"),
        ({"REFERAT_PORT": "seventy"}, "REFERAT_PORT"),
        ({"REFERAT_AUTH": "nopassword"}, "REFERAT_AUTH"),
    ],
)
def test_bad_values_name_the_setting(env, named):
    with pytest.raises(ConfigError, match=named):
        Settings.from_env({"REFERAT_HOME": "/h", **env})
