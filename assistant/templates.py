"""Prompt templates as data: ``assistant/prompts/<name>.txt``, loaded by name.

A template file starts with a version line and a separator, then the template text with
``{variable}`` slots (llama-index ``PromptTemplate`` syntax)::

    version: answer_user-1
    ---
    Spørgsmål: {question}

``load_prompt("answer_user").format(question=...)`` fails with a ``ConfigError`` that names
the file and the variable when a slot is left unfilled. The version is recorded on answers
produced with it. Out of scope: choosing which prompt to use (``llm``, ``condense``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from llama_index.core.prompts import PromptTemplate

from core.errors import ConfigError

PROMPTS_DIR = Path(__file__).resolve().parent / "prompts"
_VERSION = re.compile(r"^version:\s*(\S+)\s*$")


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    path: Path
    template: PromptTemplate

    @property
    def variables(self) -> tuple[str, ...]:
        return tuple(self.template.template_vars)

    def format(self, **values: object) -> str:
        missing = [v for v in self.variables if v not in values]
        if missing:
            raise ConfigError(f"{self.path}: prompt variable {missing[0]!r} was not given")
        extra = [k for k in values if k not in self.variables]
        if extra:
            raise ConfigError(f"{self.path}: prompt has no variable {extra[0]!r}")
        return self.template.format(**{k: str(v) for k, v in values.items()})


@lru_cache(maxsize=32)
def load_prompt(name: str, directory: Path = PROMPTS_DIR) -> Prompt:
    """Load ``<directory>/<name>.txt``. ``load_prompt("answer_system").version`` -> 'answer_system-1'."""
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise ConfigError(f"prompt name {name!r} must be lower-case letters, digits and _")
    path = directory / f"{name}.txt"
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: prompt template not found") from None
    head, sep, body = raw.partition("\n---\n")
    m = _VERSION.match(head.strip())
    if not sep or not m:
        raise ConfigError(f"{path}: a prompt must start with 'version: NAME-N' and a '---' line")
    return Prompt(name=name, version=m.group(1), path=path, template=PromptTemplate(body.strip("\n")))
