"""Length-aware batching: every text once, little padding, never more than the batch size."""

from __future__ import annotations

import numpy as np
import pytest

from vectorstore.embedding import length_batches


@pytest.mark.parametrize("seed", range(20))
def test_batches_cover_every_text_once_with_little_padding(seed: int):
    rng = np.random.default_rng(seed)
    lengths = rng.integers(5, 513, size=int(rng.integers(1, 200))).tolist()
    max_size = int(rng.integers(1, 64))
    batches = length_batches(lengths, max_size)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    for b in batches:
        assert 1 <= len(b) <= max_size
        width = max(lengths[i] for i in b)
        assert lengths[b[0]] == width  # longest first, so the batch's width is known up front
        if len(b) > 1:
            assert width * len(b) * 0.8 <= sum(lengths[i] for i in b)


def test_equal_lengths_fill_whole_batches():
    assert [len(b) for b in length_batches([50] * 70, 32)] == [32, 32, 6]
    assert length_batches([], 8) == []
