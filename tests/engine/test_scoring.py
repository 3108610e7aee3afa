"""Top-k selection is exact: the same set as sorting every score."""

import numpy as np
import pytest

from matcher.engine.scoring import top_dense_many


def brute(row: np.ndarray, pool: int) -> set[int]:
    positive = np.flatnonzero(row > 0)
    if len(positive) <= pool:
        return set(positive.tolist())
    cut = np.sort(row[positive])[-pool]
    return set(np.flatnonzero(row >= cut).tolist())


@pytest.mark.parametrize("n", [100, 5_000, 70_001])
def test_top_dense_matches_full_sort(n):
    rng = np.random.default_rng(n)
    block = rng.random((6, n), dtype=np.float32) ** 8
    block[block < 0.3] = 0  # sparse rows, like real scores
    block[1] = 0  # nothing matches
    block[2, :] = 0
    block[2, [3, n - 1]] = 0.5  # fewer matches than the pool, one in the tail
    block[3, ::7] = 0.25  # many ties at the boundary
    for row, docs in enumerate(top_dense_many(block, 56)):
        assert set(docs.tolist()) == brute(block[row], 56)
