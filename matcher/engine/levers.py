"""Ranking levers beyond the lexical core, each off by default (bench/README.md has their effect).

* Pseudo-relevance feedback: the interest is widened by the strongest terms of the
  organisations it ranks first (Rocchio), then scored again.
* Latent component: scikit-learn's `TruncatedSVD` over the weighted postings gives every
  organisation a dense vector; the lexical candidates are re-ranked by a blend of their
  lexical score and the cosine between the interest's and the organisation's vectors.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD

from .index import Postings
from .scoring import scores
from .vectorise import QueryVector


@dataclass(frozen=True, eq=False)
class Levers:
    """Fitted state of the levers that are on."""

    doc_terms: sp.csr_matrix  # documents × terms, the postings' weights
    feedback_docs: int
    feedback_terms: int
    feedback_weight: float
    components: np.ndarray | None  # latent dimensions × terms
    doc_vectors: np.ndarray | None  # documents × latent dimensions, unit length
    latent_weight: float

    @classmethod
    def build(
        cls,
        postings: Postings,
        *,
        feedback_docs: int,
        feedback_terms: int,
        feedback_weight: float,
        latent_components: int,
        latent_weight: float,
    ) -> Levers:
        """Fit the levers on the index."""
        shape = (postings.n_docs, postings.n_terms)
        columns = sp.csc_matrix((postings.data, postings.indices, postings.indptr), shape=shape)
        doc_terms = columns.tocsr()
        components = doc_vectors = None
        dimensions = min(latent_components, min(shape) - 1)
        if dimensions > 0:
            svd = TruncatedSVD(n_components=dimensions, random_state=0)
            doc_vectors = svd.fit_transform(doc_terms).astype(np.float32)
            doc_vectors /= np.maximum(np.linalg.norm(doc_vectors, axis=1, keepdims=True), 1e-12)
            components = svd.components_.astype(np.float32)
        return cls(
            doc_terms,
            feedback_docs,
            feedback_terms,
            feedback_weight,
            components,
            doc_vectors,
            latent_weight,
        )

    def expand(self, postings: Postings, vector: QueryVector) -> QueryVector:
        """The interest plus the strongest terms of its best-ranked organisations."""
        if self.feedback_docs <= 0 or vector.reason is not None or not len(vector.terms):
            return vector
        first = scores(postings, vector)
        m = min(self.feedback_docs, int((first > 0).sum()))
        if m == 0:
            return vector
        top = np.argpartition(-first, m - 1)[:m]
        centroid = np.asarray(self.doc_terms[top].sum(axis=0)).ravel() / m
        chosen = np.argpartition(-centroid, min(self.feedback_terms, len(centroid) - 1))
        chosen = chosen[: self.feedback_terms]
        chosen = chosen[centroid[chosen] > 0]
        added = centroid[chosen] / max(float(centroid[chosen].sum()), 1e-12)
        added *= float(vector.weights.sum()) * self.feedback_weight
        weights = dict(zip(vector.terms.tolist(), vector.weights.tolist(), strict=True))
        for term, weight in zip(chosen.tolist(), added.tolist(), strict=True):
            weights[term] = weights.get(term, 0.0) + weight
        terms = np.array(sorted(weights), np.int64)
        return QueryVector(
            terms=terms,
            weights=np.array([weights[t] for t in terms.tolist()], np.float32),
            unigrams=vector.unigrams,
            truncated=vector.truncated,
        )

    def rescore(self, vector: QueryVector, docs: np.ndarray, values: np.ndarray) -> np.ndarray:
        """Blend the candidates' lexical scores with their latent cosine to the interest."""
        if self.components is None or self.doc_vectors is None or not len(docs):
            return values
        query = self.components[:, vector.terms] @ vector.weights
        norm = float(np.linalg.norm(query))
        if norm == 0:
            return values
        cosine = np.maximum(self.doc_vectors[docs] @ (query / norm), 0.0)
        best = float(values.max()) if len(values) else 0.0
        return (1.0 - self.latent_weight) * values + self.latent_weight * best * cosine
