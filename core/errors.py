"""Domain errors. Their message is what the user sees: it names the file, page, case or value.

The CLI prints ``referat: <message>`` with exit code 2 and no traceback; the web UI shows it
as ``gr.Error``. Nothing here knows about either edge.
"""


class ReferatError(Exception):
    """Base class for every error a user can cause or fix."""


class InputError(ReferatError):
    """A file the user gave cannot be read as minutes (missing, empty, wrong shape...)."""


class ParseError(InputError):
    """A readable file in which no agenda items could be found."""


class StoreError(ReferatError):
    """The index cannot be opened or written (bad path, server unreachable)."""


class ModelError(ReferatError):
    """The embedding model cannot be prepared or loaded."""


class LLMError(ReferatError):
    """An optional LLM backend failed or timed out; callers fall back to grounded answers."""


class ConfigError(ReferatError):
    """A setting has a value that cannot work; the message names the setting and value."""
