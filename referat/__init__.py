"""Referat: cited answers about what Danish municipal committees decided.

This package is the ``referat`` command line, on top of every stage: ``cli`` wires up one
subcommand per module in ``commands/``. What the stages share (settings, errors, JSON
output) lives in ``core/``; the stages themselves are ``ingest/`` (files -> records),
``vectorstore/`` (records -> index), ``assistant/`` (question -> cited answer), with ``ui/``
and ``evals/`` at the edges (docs/architecture.md).
"""

__version__ = "0.1.0"
