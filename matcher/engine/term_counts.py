"""Term counts in bulk: per chunk of profiles, one posting per (profile, term).

A posting carries the field-weighted count of the term in the profile and a mask of the
fields that hold it. The counts come from sorting packed integer keys (word, next word,
profile, field), never from a Python object per occurrence; the postings come out by term,
then profile, the order the index keeps them in.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .bulk import BulkAnalyzer

#: Profiles analysed together; bounds the temporary arrays of one step.
CHUNK_DOCS = 2048
# Two word numbers, a chunk-local profile number and a field number share one int64 sort key
# (tests/engine/test_bulk.py checks that they fit).
_DOC_BITS, _KEY_BITS, _FIELD_BITS = 11, 24, 4


@dataclass
class ChunkPostings:
    """One chunk's (profile, term) pairs, by term then profile: weighted count, field mask."""

    first: int  # number of the chunk's first profile
    docs: np.ndarray  # uint16 profile number within the chunk
    keys: np.ndarray  # int32 word number (unigrams) or int64 pair a << 32 | b (bigrams)
    values: np.ndarray  # float32, or float16 when that holds every value of the chunk exactly
    masks: np.ndarray  # uint8 or uint16


def chunk_postings(
    bulk: BulkAnalyzer,
    docs: Sequence[Mapping[str, str]],
    field_names: Sequence[str],
    field_weights: Sequence[float],
    *,
    sublinear: bool,
) -> Iterator[tuple[ChunkPostings, ChunkPostings, np.ndarray]]:
    """Per chunk of profiles: unigram and bigram postings, and each profile's weighted length.

    A posting's value is the field-weighted term count (sublinear per field when asked); its
    mask has bit f set when field f holds the term.
    """
    if len(field_names) > 1 << _FIELD_BITS:
        raise ValueError(f"at most {1 << _FIELD_BITS} profile fields")
    weights = np.asarray(field_weights, np.float32)
    for first in range(0, len(docs), CHUNK_DOCS):
        part = docs[first : first + CHUNK_DOCS]
        n = len(part)
        uni, bi = [], []
        length = np.zeros(n)
        for f, name in enumerate(field_names):
            terms, owner = bulk.analyse([d.get(name) or "" for d in part])
            if len(bulk.keys) >= 1 << _KEY_BITS:
                raise ValueError("too many distinct words for one index")
            words = terms >= 0
            length += field_weights[f] * np.bincount(owner[words], minlength=n)
            pair = words[1:] & words[:-1] & (owner[1:] == owner[:-1])
            owner = owner.astype(np.int64)
            uni.append((terms[words] << _DOC_BITS | owner[words]) << _FIELD_BITS | f)
            pairs = (terms[:-1][pair] << _KEY_BITS | terms[1:][pair]) << _DOC_BITS
            bi.append((pairs | owner[:-1][pair]) << _FIELD_BITS | f)
        yield (
            _postings(uni, first, 1, weights, sublinear),
            _postings(bi, first, 2, weights, sublinear),
            length,
        )


def run_starts(values: np.ndarray) -> np.ndarray:
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
    starts = run_starts(occurrences)
    counts = np.diff(np.append(starts, len(occurrences))).astype(np.float32)
    per_field = occurrences[starts]
    field = (per_field & ((1 << _FIELD_BITS) - 1)).astype(np.int64)
    values = (1.0 + np.log(counts) if sublinear else counts) * weights[field]
    combined = per_field >> _FIELD_BITS
    starts = run_starts(combined)
    summed: np.ndarray
    if len(starts):
        summed = np.add.reduceat(values, starts).astype(np.float32)
        mask = np.bitwise_or.reduceat(np.left_shift(1, field).astype(np.uint16), starts)
    else:
        summed, mask = np.zeros(0, np.float32), np.zeros(0, np.uint16)
    if not sublinear:  # weighted counts: half the memory when float16 holds each exactly
        compact = summed.astype(np.float16)
        if np.array_equal(compact, summed):
            summed = compact
    if len(weights) <= 8:
        mask = mask.astype(np.uint8)
    unique = combined[starts]
    keys = unique >> _DOC_BITS
    if width == 2:  # re-pack the pair as a << 32 | b for the index's bigram keys
        keys = ((keys >> _KEY_BITS) << 32) | (keys & ((1 << _KEY_BITS) - 1))
    else:
        keys = keys.astype(np.int32)
    docs = (unique & ((1 << _DOC_BITS) - 1)).astype(np.uint16)
    return ChunkPostings(first, docs, keys, summed, mask)
