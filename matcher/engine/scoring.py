"""Exact top-candidate scoring with max-score pruning of common terms.

A score is the dot product of the interest's weights with a document's TF-IDF row (plus the
sector boost). Terms found in many documents have long postings but small weights, so they
are scored last and only for documents that can still reach the top: with θ a lower bound
of the pool-th best score, a document whose rare-term score plus the common terms' upper
bounds stays below θ cannot enter the pool. The result is the same as scoring every posting.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .index import Postings
from .vectorise import QueryVector

Sparse = tuple[np.ndarray, np.ndarray]  # ascending document numbers, their scores
_EMPTY: Sparse = (np.zeros(0, np.int64), np.zeros(0))


def gather(postings: Postings, terms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of all postings of the terms, and the term index each belongs to."""
    starts = postings.indptr[terms]
    lengths = postings.indptr[terms + 1] - starts
    total = int(lengths.sum())
    positions = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(total)
    return positions, np.repeat(np.arange(len(terms)), lengths)


def merge(a: Sparse, b: Sparse) -> Sparse:
    """Sum of two sparse score vectors."""
    if len(b[0]) == 0:
        return a
    if len(a[0]) == 0:
        return b
    docs, inverse = np.unique(np.concatenate([a[0], b[0]]), return_inverse=True)
    return docs, np.bincount(inverse, weights=np.concatenate([a[1], b[1]]), minlength=len(docs))


def top(docs: np.ndarray, scores: np.ndarray, pool: int) -> Sparse:
    """The pool best (all ties at the boundary included), unordered."""
    if len(docs) <= pool:
        return docs, scores
    part = np.argpartition(-scores, pool - 1)[:pool]
    keep = scores >= scores[part].min()
    return docs[keep], scores[keep]


@dataclass(frozen=True)
class Scorer:
    """Scores interests against the postings; `common_df` splits rare from common terms."""

    postings: Postings
    term_max: np.ndarray  # largest weight in each term's postings: its score upper bound
    common_df: int
    transposed: sp.csr_matrix  # the postings read as a terms × documents matrix

    @classmethod
    def build(cls, postings: Postings) -> Scorer:
        """Precompute per-term bounds; common terms are those in more than 1% of documents."""
        term_max = np.maximum.reduceat(postings.data, postings.indptr[:-1]).astype(np.float64)
        n_terms = len(postings.indptr) - 1
        transposed = sp.csr_matrix(
            (postings.data, postings.indices, postings.indptr), shape=(n_terms, postings.n_docs)
        )
        return cls(postings, term_max, max(256, postings.n_docs // 100), transposed)

    def _is_common(self, vector: QueryVector) -> np.ndarray:
        indptr = self.postings.indptr
        return (indptr[vector.terms + 1] - indptr[vector.terms]) > self.common_df

    def rare_scores(self, vector: QueryVector) -> Sparse:
        """Scores from the interest's rare terms only (short postings)."""
        rare = ~self._is_common(vector)
        return self._accumulate(vector.terms[rare], vector.weights[rare])

    def rare_scores_many(self, vectors: list[QueryVector]) -> list[Sparse]:
        """Rare-term scores of many interests as one sparse matrix product."""
        rows, cols, vals = [], [], []
        for i, vector in enumerate(vectors):
            rare = ~self._is_common(vector)
            cols.append(vector.terms[rare])
            vals.append(vector.weights[rare])
            rows.append(np.full(int(rare.sum()), i))
        queries = sp.csr_matrix(
            (np.concatenate(vals).astype(np.float32), (np.concatenate(rows), np.concatenate(cols))),
            shape=(len(vectors), self.transposed.shape[0]),
        )
        product = (queries @ self.transposed).tocsr()
        product.sort_indices()
        out = []
        for i in range(len(vectors)):
            lo, hi = product.indptr[i], product.indptr[i + 1]
            out.append((product.indices[lo:hi].astype(np.int64), product.data[lo:hi].astype(float)))
        return out

    def _accumulate(self, terms: np.ndarray, weights: np.ndarray) -> Sparse:
        if len(terms) == 0:
            return _EMPTY
        positions, owner = gather(self.postings, terms)
        docs = self.postings.indices[positions]
        values = self.postings.data[positions] * weights[owner]
        if len(docs) * 8 < self.postings.n_docs:
            uniq, inverse = np.unique(docs, return_inverse=True)
            return uniq.astype(np.int64), np.bincount(inverse, values, minlength=len(uniq))
        dense = np.bincount(docs, values, minlength=self.postings.n_docs)
        touched = np.flatnonzero(dense)
        return touched, dense[touched]

    def best(
        self,
        vector: QueryVector,
        rare: Sparse,
        pool: int,
        *,
        boost: Sparse | None = None,
        allowed: np.ndarray | None = None,
    ) -> Sparse:
        """The pool best documents with their exact scores, given the rare-term scores."""
        docs, scores = merge(rare, boost) if boost is not None else rare
        if allowed is not None and len(docs):
            keep = allowed[docs]
            docs, scores = docs[keep], scores[keep]
        common = self._is_common(vector)
        terms, weights = vector.terms[common], vector.weights[common].astype(np.float64)
        bounds = weights * self.term_max[terms]
        order = np.argsort(-bounds, kind="stable")
        terms, weights, bounds = terms[order], weights[order], bounds[order]
        theta = 0.0
        if len(terms) and len(docs) >= pool:
            head_docs, head_scores = top(docs, scores, pool)
            full = head_scores + self._lookup(terms, weights, head_docs)
            theta = float(np.partition(full, len(full) - pool)[len(full) - pool])
        # Score common terms in full, largest bound first, until the rest cannot lift a
        # document that has none of the scored terms up to θ.
        moved = 0
        while moved < len(terms) and (theta <= 0 or bounds[moved:].sum() >= theta):
            extra = self._accumulate(terms[moved : moved + 1], weights[moved : moved + 1])
            if allowed is not None and len(extra[0]):
                keep = allowed[extra[0]]
                extra = (extra[0][keep], extra[1][keep])
            docs, scores = merge((docs, scores), extra)
            moved += 1
        if moved < len(terms):
            keep = scores + bounds[moved:].sum() >= theta
            docs, scores = docs[keep], scores[keep]
            scores = scores + self._lookup(terms[moved:], weights[moved:], docs)
        positive = scores > 0
        return top(docs[positive], scores[positive], pool)

    def _lookup(self, terms: np.ndarray, weights: np.ndarray, docs: np.ndarray) -> np.ndarray:
        """Contributions of the terms to the given (ascending) documents, by binary search."""
        out = np.zeros(len(docs))
        if len(docs) == 0:
            return out
        indptr, indices, data = self.postings.indptr, self.postings.indices, self.postings.data
        for term, weight in zip(terms.tolist(), weights.tolist()):
            lo, hi = indptr[term], indptr[term + 1]
            pos = np.searchsorted(indices[lo:hi], docs)
            pos[pos == hi - lo] = 0
            hit = indices[lo + pos] == docs
            out[hit] += weight * data[lo + pos[hit]]
        return out
