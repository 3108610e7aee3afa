"""Dense scoring over the postings of an interest's terms, and cheap exact top-k selection.

Only the postings of the interest's terms are read: their slices are stacked into one small
column-major matrix and multiplied by the interest's weights in compiled code, giving the
score of every document in one pass. The best candidates are then found without sorting or
partitioning the whole score array (see `top_dense`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .index import Postings
from .vectorise import QueryVector

Sparse = tuple[np.ndarray, np.ndarray]  # document numbers and their scores
_BLOCK = 256


@dataclass(frozen=True)
class Scorer:
    """Scores interests against the postings."""

    postings: Postings

    def scores(self, vector: QueryVector) -> np.ndarray:
        """Score of every document (float32), reading only the interest's postings."""
        postings = self.postings
        n = postings.n_docs
        if len(vector.terms) == 0:
            return np.zeros(n, np.float32)
        starts = postings.indptr[vector.terms].tolist()
        ends = postings.indptr[vector.terms + 1].tolist()
        indptr = np.zeros(len(starts) + 1, np.int64)
        np.cumsum(np.subtract(ends, starts), out=indptr[1:])
        indices = np.concatenate([postings.indices[a:b] for a, b in zip(starts, ends)])
        data = np.concatenate([postings.data[a:b] for a, b in zip(starts, ends)])
        stacked = sp.csc_matrix((data, indices, indptr), shape=(n, len(starts)))
        return stacked @ vector.weights

    def best(
        self,
        scores: np.ndarray,
        pool: int,
        *,
        boost: np.ndarray | None = None,
        allowed: np.ndarray | None = None,
    ) -> Sparse:
        """The pool best documents with positive scores (ties at the boundary included)."""
        if boost is not None:
            scores = scores + boost
        if allowed is not None:
            scores = np.where(allowed, scores, np.float32(0))
        docs = top_dense(scores, pool)
        values = scores[docs].astype(np.float64)
        return docs, values


def top_dense(scores: np.ndarray, pool: int) -> np.ndarray:
    """Documents among the pool best with a positive score, ties included; unordered.

    The pool-th largest of the block maxima is a lower bound of the pool-th largest score
    (each of those blocks holds a score at least that high), so one comparison pass leaves
    only a few candidates to partition.
    """
    n_blocks = len(scores) // _BLOCK
    if n_blocks > 2 * pool:
        maxima = scores[: n_blocks * _BLOCK].reshape(n_blocks, _BLOCK).max(axis=1)
        floor = np.partition(maxima, n_blocks - pool)[n_blocks - pool]
        docs = np.flatnonzero(scores >= max(floor, np.float32(1e-30)))
    else:
        docs = np.flatnonzero(scores > 0)
    if len(docs) > pool:
        values = scores[docs]
        part = np.argpartition(-values, pool - 1)[:pool]
        docs = docs[values >= values[part].min()]
    return docs
