"""Dense scoring over the postings of an interest's terms, and cheap exact top-k selection.

Only the postings of the interest's terms are read: their slices are stacked into one small
column-major matrix and multiplied by the interest's weights in compiled code, giving the
score of every document in one pass. The best candidates are then found without sorting or
partitioning the whole score array (see `top_dense_many`).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

try:  # the compiled kernel behind csc_matrix @ vector, without building a matrix object
    from scipy.sparse._sparsetools import csc_matvec as _csc_matvec
except ImportError:  # pragma: no cover - a future SciPy may move it; the public path remains
    _csc_matvec = None

from .index import Postings
from .vectorise import QueryVector

_BLOCK = 256


def scores(postings: Postings, vector: QueryVector, out: np.ndarray | None = None) -> np.ndarray:
    """Score of every document (float32), reading only the interest's postings.

    out, when given, must be a zeroed float32 array of one score per document; it is filled.
    """
    n = postings.n_docs
    if out is None:
        out = np.zeros(n, np.float32)
    if len(vector.terms) == 0:
        return out
    # Plain views of the (possibly memory-mapped) arrays: slicing them costs no Python wrapper.
    indptr = np.asarray(postings.indptr)
    indices, data = np.asarray(postings.indices), np.asarray(postings.data)
    starts = indptr[vector.terms].tolist()
    ends = indptr[vector.terms + 1].tolist()
    if _csc_matvec is not None:
        # One column at a time, in the interest's term order: the same sums as the stacked
        # matrix below, without copying the postings into it.
        column = np.zeros(2, indices.dtype)
        weights = vector.weights
        for j, (a, b) in enumerate(zip(starts, ends, strict=True)):
            column[1] = b - a
            _csc_matvec(n, 1, column, indices[a:b], data[a:b], weights[j : j + 1], out)
        return out
    indptr_ = np.zeros(len(starts) + 1, indices.dtype)
    np.cumsum(np.subtract(ends, starts), out=indptr_[1:])
    stacked = sp.csc_matrix(
        (
            np.concatenate([data[a:b] for a, b in zip(starts, ends, strict=True)]),
            np.concatenate([indices[a:b] for a, b in zip(starts, ends, strict=True)]),
            indptr_,
        ),
        shape=(n, len(starts)),
    )
    out += stacked @ vector.weights
    return out


def top_dense_many(block: np.ndarray, pool: int) -> list[np.ndarray]:
    """Per row, the documents among the pool best with a positive score, ties included.

    The documents are split into groups (document d in group d mod G); the pool-th largest
    of a row's group maxima is a lower bound of its pool-th largest score (each of those
    groups holds a score at least that high), so one comparison pass leaves only a few
    candidates to partition. Strided groups give their maxima in one elementwise pass.
    """
    rows, n = block.shape
    n_groups = n // _BLOCK
    out: list[np.ndarray] = []
    if not rows:
        return out
    if n_groups <= 2 * pool:
        for r in range(rows):
            out.append(_partition(block[r], np.flatnonzero(block[r] > 0), pool))
        return out
    whole = n_groups * _BLOCK
    maxima = block[:, :whole].reshape(rows, _BLOCK, n_groups).max(axis=1)
    floors = np.partition(maxima, n_groups - pool, axis=1)[:, n_groups - pool]
    for r in range(rows):
        floor = max(float(floors[r]), 1e-30)
        out.append(_partition(block[r], np.flatnonzero(block[r] >= floor), pool))
    return out


def _partition(scores: np.ndarray, docs: np.ndarray, pool: int) -> np.ndarray:
    if len(docs) > pool:
        values = scores[docs]
        part = np.argpartition(-values, pool - 1)[:pool]
        docs = docs[values >= values[part].min()]
    return docs
