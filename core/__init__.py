"""The ground every stage stands on: the settings object (``settings``), the error types
(``errors``) and the CLI's JSON printing (``jsonout``).

Nothing here imports a stage (``ingest``, ``vectorstore``, ``assistant``, ``ui``, ``evals``)
or the CLI (``referat``); the import-linter contract in pyproject.toml keeps it so.
"""
