"""Chroma's metadata filters against an unfiltered search: ``Store.dense_ids`` for 75 ids.

    .venv/bin/python bench/chroma_filters.py STORE

Random unit query vectors (no model needed), 7 per filter; prints the median and maximum
wall time of an unfiltered search and of a municipality, a committee and a one-year date
filter, to show what a filter costs as the store grows (bench/growth.py makes large stores).
"""

import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import numpy as np

from core.settings import Settings
from tests.fakes import HashingEmbedder
from vectorstore.records import Filters
from vectorstore.store import Store

s = Settings.from_env(store=sys.argv[1])
store = Store.open(s, HashingEmbedder())
rng = np.random.default_rng(0)
print("chunks", store.chunk_count())
for label, f in [
    ("none", Filters()),
    ("municipality Frederikshavn", Filters(municipality="Frederikshavn")),
    ("committee Byråd 2022-2025", Filters(committee="Byråd 2022-2025")),
    ("year 2023", Filters(date_from=dt.date(2023, 1, 1), date_to=dt.date(2023, 12, 31))),
]:
    ts = []
    for _ in range(7):
        v = rng.normal(size=384).astype("float32")
        v /= np.linalg.norm(v)
        t0 = time.perf_counter()
        got = store.dense_ids(v, 75, f)
        ts.append((time.perf_counter() - t0) * 1000)
    print(f"{label:30s} median {sorted(ts)[3]:7.1f} ms  max {max(ts):7.1f} ms  ({len(got)} ids)")
print(f"rerun: .venv/bin/python bench/chroma_filters.py {sys.argv[1]}")
