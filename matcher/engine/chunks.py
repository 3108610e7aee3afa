"""One chunk's postings of the bulk profile analysis, counted and packed from sorted keys."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Chunk-local profile number, two word numbers and a field number share one int64 sort key
# (tests/engine/test_bulk.py checks that they fit).
_DOC_BITS, _KEY_BITS, _FIELD_BITS = 11, 24, 4


@dataclass
class ChunkPostings:
    """One chunk's (profile, term) pairs: weighted count, field bit mask."""

    first: int  # number of the chunk's first profile
    docs: np.ndarray  # uint16 profile number within the chunk
    keys: np.ndarray  # int32 word number (unigrams) or int64 pair a << 32 | b (bigrams)
    values: np.ndarray  # float32
    masks: np.ndarray  # uint8 or uint16


def _runs(values: np.ndarray) -> np.ndarray:
    """Start of each run of equal values in a sorted array."""
    change = np.empty(len(values), bool)
    change[:1] = True
    np.not_equal(values[1:], values[:-1], out=change[1:])
    return np.flatnonzero(change)


def _postings(
    parts: list[np.ndarray], first: int, width: int, weights: np.ndarray, sublinear: bool
) -> ChunkPostings:
    """One posting per (profile, term) of a chunk from its occurrences, sorted once."""
    occurrences = np.concatenate([*parts, np.zeros(0, np.int64)])
    occurrences.sort()
    starts = _runs(occurrences)
    counts = np.diff(np.append(starts, len(occurrences))).astype(np.float32)
    per_field = occurrences[starts]
    field = (per_field & ((1 << _FIELD_BITS) - 1)).astype(np.int64)
    values = (1.0 + np.log(counts) if sublinear else counts) * weights[field]
    combined = per_field >> _FIELD_BITS
    starts = _runs(combined)
    if len(starts):
        summed = np.add.reduceat(values, starts).astype(np.float32)
        mask = np.bitwise_or.reduceat(np.left_shift(1, field).astype(np.uint16), starts)
    else:
        summed, mask = np.zeros(0, np.float32), np.zeros(0, np.uint16)
    if len(weights) <= 8:
        mask = mask.astype(np.uint8)
    unique = combined[starts]
    shift = width * _KEY_BITS
    keys = unique & ((1 << shift) - 1)
    if width == 2:  # re-pack the pair as a << 32 | b for the index's bigram keys
        keys = ((keys >> _KEY_BITS) << 32) | (keys & ((1 << _KEY_BITS) - 1))
    else:
        keys = keys.astype(np.int32)
    return ChunkPostings(first, (unique >> shift).astype(np.uint16), keys, summed, mask)
