"""Referat: cited answers about what Danish municipal committees decided.

This package holds only what every stage shares: the settings object, the error types and
the ``referat`` command line. The stages themselves live in ``ingest/`` (files -> records),
``vectorstore/`` (records -> index), ``assistant/`` (question -> cited answer), with ``ui/``
and ``evals/`` at the edges.
"""

__version__ = "0.1.0"
