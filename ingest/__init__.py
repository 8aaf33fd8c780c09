"""ingest: minutes files (PDF, extracted text, FirstAgenda JSON) -> typed ``Meeting`` records.

Out of scope: chunking, embedding and storing (``vectorstore/``).
"""
