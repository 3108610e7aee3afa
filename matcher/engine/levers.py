"""Ranking levers beyond the lexical core (bench/README.md, "Ranking levers", has their effect).

* Fewer phrases in long interests (on by default): a bigram's weight is scaled by
  `phrase_terms` / the interest's distinct words once it has more, so a long profile's many
  incidental word pairs do not outweigh its words; a short pitch keeps its phrases whole.
* Latent component (on by default): scikit-learn's `TruncatedSVD` over the word postings of
  a sample of organisations gives every organisation a short dense vector (int8); the
  lexical candidates are re-ranked by a blend of their lexical score and the cosine between
  the interest's and the organisation's vectors.
* Pseudo-relevance feedback (off by default): the interest is widened by the strongest terms
  of the organisations it ranks first (Rocchio), then scored again.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD
from threadpoolctl import threadpool_limits

from .index import Postings, release_free_memory
from .scoring import scores
from .vectorise import QueryVector

#: The latent space covers this many words, the most widespread: they carry nearly all
#: postings (94 % in a synthetic directory of 100,000), and the rest would cost its size.
LATENT_WORDS = 8192


def fewer_phrases(postings: Postings, vector: QueryVector, phrase_terms: int) -> QueryVector:
    """Scale the bigrams of an interest of more than `phrase_terms` distinct words by
    phrase_terms / words, keeping the weights' normalisation (scores stay in [0, 1])."""
    words = len(vector.unigrams)
    if phrase_terms <= 0 or words <= phrase_terms or not len(vector.terms):
        return vector
    factor = phrase_terms / words
    bigram = vector.terms >= len(postings.vocabulary)
    weights = vector.weights.astype(np.float64)
    if postings.weighting == "bm25":  # weights sum, with the idf, to 1 / saturation
        mass = float(weights[bigram] @ postings.idf[vector.terms[bigram]]) * postings.saturation
        scale = 1.0 - (1.0 - factor) * mass
    else:  # unit length
        scale = np.sqrt(1.0 - (1.0 - factor**2) * float(weights[bigram] @ weights[bigram]))
    weights[bigram] *= factor
    return replace(vector, weights=(weights / max(scale, 1e-12)).astype(np.float32))


@dataclass(frozen=True, eq=False)
class Latent:
    """Dense vectors of the organisations and the map from an interest's words to them."""

    terms: np.ndarray  # the word terms the latent space knows, ascending (int32)
    components: np.ndarray  # latent dimensions × those terms, float16
    doc_vectors: np.ndarray  # organisations × latent dimensions, unit length × 127, int8
    weight: float

    @classmethod
    def build(
        cls, postings: Postings, *, dimensions: int, weight: float, sample: int
    ) -> Latent | None:
        """Fit on the LATENT_WORDS most widespread words of at most `sample` organisations
        (evenly spread), then project every organisation."""
        n_words, n = len(postings.vocabulary), postings.n_docs
        if min(n_words, n, dimensions + 1) < 2:
            return None
        df = np.diff(postings.indptr[: n_words + 1])
        terms = np.arange(n_words)
        if n_words > LATENT_WORDS:
            terms = np.sort(np.argpartition(-df, LATENT_WORDS - 1)[:LATENT_WORDS])
        row = np.arange(n, dtype=np.int64)  # an organisation's row in the sample, or -1
        if n > sample > 0:
            row = np.full(n, -1, np.int64)
            row[np.linspace(0, n - 1, sample).astype(np.int64)] = np.arange(sample)
        fitted_on = sp.hstack(
            [_sampled(part, row, int(row.max()) + 1) for part in _columns(postings, terms)],
            format="csr",
        )
        dimensions = min(dimensions, min(fitted_on.shape) - 1)
        if dimensions <= 0:
            return None
        # One BLAS thread: the matrices are small, and on a busy machine threads only wait.
        # Identical profiles have no variance; the explained-variance ratio is then 0 / 0.
        with (
            threadpool_limits(limits=1, user_api="blas"),
            np.errstate(divide="ignore", invalid="ignore"),
        ):
            svd = TruncatedSVD(n_components=dimensions, n_iter=4, random_state=0)
            # Kept as float16; organisations are projected by the kept values, as interests are.
            components = svd.fit(fitted_on).components_.astype(np.float16)
            del fitted_on
            vectors = np.zeros((n, dimensions), np.float32)
            done = 0
            for part in _columns(postings, terms):  # a slice of words at a time: no copy of all
                # By rows, each organisation's vector is written in one place; its sum runs
                # over the same words in the same order as by columns, to the same bits.
                block = components[:, done : done + part.shape[1]].T.astype(np.float32)
                vectors += part.tocsr() @ block
                done += part.shape[1]
        vectors *= 127.0 / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        return cls(terms.astype(np.int32), components, np.rint(vectors).astype(np.int8), weight)

    def rescore(self, vector: QueryVector, docs: np.ndarray, values: np.ndarray) -> np.ndarray:
        """(1 - weight) × lexical + weight × best lexical × cosine, for the candidates."""
        if not len(docs) or not len(values) or not len(self.terms):
            return values
        at = np.minimum(np.searchsorted(self.terms, vector.terms), len(self.terms) - 1)
        known = self.terms[at] == vector.terms
        query = self.components[:, at[known]].astype(np.float32) @ vector.weights[known]
        norm = float(np.linalg.norm(query))
        if norm == 0:
            return values
        cosine = self.doc_vectors[docs].astype(np.float32) @ (query / (127.0 * norm))
        best = float(values.max())
        return (1.0 - self.weight) * values + self.weight * best * np.maximum(cosine, 0.0)


def _columns(postings: Postings, terms: np.ndarray, budget: int = 1 << 19):
    """The postings of `terms` as sparse organisations × terms blocks of about `budget`
    postings each; each block's memory is handed back before the next, so the build's peak
    stays near the index's own size."""
    lengths = postings.indptr[terms + 1] - postings.indptr[terms]
    bounds = np.searchsorted(np.cumsum(lengths), np.arange(budget, lengths.sum(), budget))
    for chunk in np.split(np.arange(len(terms)), np.unique(bounds + 1)):
        if not len(chunk):
            continue
        indptr = np.zeros(len(chunk) + 1, np.int64)
        np.cumsum(lengths[chunk], out=indptr[1:])
        gather = np.repeat(postings.indptr[terms[chunk]] - indptr[:-1], lengths[chunk])
        gather += np.arange(int(indptr[-1]))
        if indptr[-1] < np.iinfo(np.int32).max:  # index arrays of one type: scipy copies none
            indptr = indptr.astype(np.int32)
        yield sp.csc_matrix(
            (postings.data[gather], postings.indices[gather], indptr),
            shape=(postings.n_docs, len(chunk)),
        )
        del gather
        release_free_memory()


def _sampled(block: sp.csc_matrix, row: np.ndarray, n_rows: int) -> sp.csc_matrix:
    """The sampled organisations' rows of a block (row[doc] is its row, or -1)."""
    rows = row[block.indices]
    keep = rows >= 0
    columns = np.repeat(np.arange(block.shape[1]), np.diff(block.indptr))[keep]
    return sp.csc_matrix((block.data[keep], (rows[keep], columns)), shape=(n_rows, block.shape[1]))


@dataclass(frozen=True, eq=False)
class Feedback:
    """Rocchio expansion from the organisations an interest ranks first."""

    doc_terms: sp.csr_matrix  # documents × terms, the postings' weights
    docs: int
    terms: int
    weight: float
    floor: float  # only organisations scoring at least floor × the best one feed back

    @classmethod
    def build(
        cls, postings: Postings, *, docs: int, terms: int, weight: float, floor: float
    ) -> Feedback:
        shape = (postings.n_docs, postings.n_terms)
        columns = sp.csc_matrix((postings.data, postings.indices, postings.indptr), shape=shape)
        return cls(columns.tocsr(), docs, terms, weight, floor)

    def expand(self, postings: Postings, vector: QueryVector) -> QueryVector:
        """The interest plus the strongest terms of its best-ranked organisations."""
        if vector.reason is not None or not len(vector.terms):
            return vector
        first = scores(postings, vector)
        m = min(self.docs, int((first > 0).sum()))
        if m == 0:
            return vector
        top = np.argpartition(-first, m - 1)[:m]
        top = top[first[top] >= self.floor * float(first.max())]
        m = len(top)
        centroid = np.asarray(self.doc_terms[top].sum(axis=0)).ravel() / m
        chosen = np.argpartition(-centroid, min(self.terms, len(centroid) - 1))[: self.terms]
        chosen = chosen[centroid[chosen] > 0]
        added = centroid[chosen] / max(float(centroid[chosen].sum()), 1e-12)
        added *= float(vector.weights.sum()) * self.weight
        weights = dict(zip(vector.terms.tolist(), vector.weights.tolist(), strict=True))
        for term, weight in zip(chosen.tolist(), added.tolist(), strict=True):
            weights[term] = weights.get(term, 0.0) + weight
        terms = np.array(sorted(weights), np.int64)
        return replace(
            vector, terms=terms, weights=np.array([weights[t] for t in terms.tolist()], np.float32)
        )


@dataclass(frozen=True, eq=False)
class Levers:
    """The fitted levers: each part is None when its lever is off."""

    phrase_terms: int = 0
    latent: Latent | None = None
    feedback: Feedback | None = None

    def prepare(self, postings: Postings, vector: QueryVector) -> QueryVector:
        """The interest's vector as the levers score it."""
        vector = fewer_phrases(postings, vector, self.phrase_terms)
        if self.feedback is not None:
            vector = self.feedback.expand(postings, vector)
        return vector

    def rescore(self, vector: QueryVector, docs: np.ndarray, values: np.ndarray) -> np.ndarray:
        """The candidates' scores after the latent blend (unchanged when it is off)."""
        if self.latent is None:
            return values
        return self.latent.rescore(vector, docs, values)
