"""From analysed interests to explained candidates, a batch of interests at a time.

One query is a batch of one; larger batches share every vectorised step (top-k selection,
evidence gathering), which is where `query_many` gains its speed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .attributes import Attributes
from .explain import TermNames, band, evidence, reason, shared_terms, strongest_fields
from .index import Postings
from .levers import Levers
from .results import Candidate, EmptyReason, QueryResult
from .scoring import scores, top_dense_many
from .vectorise import QueryVector

#: Interests scored together; bounds the dense score block to CHUNK × documents floats.
CHUNK = 32


@dataclass(frozen=True)
class Ranker:
    """Fitted state needed to rank: postings, attributes, fields and the diversity cap."""

    postings: Postings
    attributes: Attributes
    ids: Sequence[Any] | np.ndarray
    field_names: tuple[str, ...]
    field_weights: tuple[float, ...]
    max_per_group: int
    levers: Levers | None = None

    def rank(
        self,
        vectors: list[QueryVector],
        k: int,
        *,
        ticked: np.ndarray,
        boost: np.ndarray | None,
        allowed: np.ndarray | None,
    ) -> list[QueryResult]:
        """Top k candidates of each interest, explained; empty results carry their reason."""
        results: list[QueryResult] = []
        for start in range(0, len(vectors), CHUNK):
            results += self._rank_chunk(vectors[start : start + CHUNK], k, ticked, boost, allowed)
        return results

    def _rank_chunk(
        self,
        vectors: list[QueryVector],
        k: int,
        ticked: np.ndarray,
        boost: np.ndarray | None,
        allowed: np.ndarray | None,
    ) -> list[QueryResult]:
        k = max(int(k), 0)
        live = [i for i, v in enumerate(vectors) if v.reason is None or boost is not None]
        block = np.zeros((len(live), self.postings.n_docs), np.float32)
        for row, i in enumerate(live):
            scores(self.postings, vectors[i], out=block[row])
        if boost is not None:
            block += boost
        if allowed is not None:
            block *= allowed
        candidates = top_dense_many(block, k * 4 + 16)
        chosen, chosen_scores, best = [], [], []
        for row, docs in enumerate(candidates):
            values = block[row, docs].astype(np.float64)
            if self.levers is not None:
                values = self.levers.rescore(vectors[live[row]], docs, values)
            top_docs, top_scores = self.attributes.diverse_top(docs, values, k, self.max_per_group)
            chosen.append(top_docs)
            chosen_scores.append(top_scores)
            best.append(float(values.max()) if len(values) else 0.0)
        explained = self._explain([vectors[i] for i in live], chosen, chosen_scores, best, ticked)
        results = [QueryResult(reason=v.reason, truncated=v.truncated) for v in vectors]
        for row, i in enumerate(live):
            vector = vectors[i]
            if explained[row]:
                results[i] = QueryResult(explained[row], truncated=vector.truncated)
            elif k:
                filtered = allowed is not None and (len(vector.terms) or boost is not None)
                reason = EmptyReason.FILTERED if filtered else EmptyReason.NO_MATCH
                results[i] = QueryResult(reason=reason, truncated=vector.truncated)
        return results

    def _explain(
        self,
        vectors: list[QueryVector],
        chosen: list[np.ndarray],
        chosen_scores: list[np.ndarray],
        best: list[float],
        ticked: np.ndarray,
    ) -> list[list[Candidate]]:
        postings, attrs = self.postings, self.attributes
        docs = np.concatenate(chosen).astype(np.int64) if chosen else np.zeros(0, np.int64)
        owner = np.repeat(np.arange(len(chosen)), [len(c) for c in chosen])
        shared, by_field = evidence(postings, docs, owner, vectors, self.field_weights)
        names = TermNames(postings)
        fields_of = strongest_fields(by_field, self.field_names)
        out: list[list[Candidate]] = []
        i = 0
        for vector, row_docs, row_scores, top in zip(
            vectors, chosen, chosen_scores, best, strict=False
        ):
            named = attrs.named_sectors(ticked, vector.unigrams)
            candidates = []
            for doc, score in zip(row_docs.tolist(), row_scores.tolist(), strict=False):
                terms = shared_terms(names, shared[i])
                fields = fields_of[i]
                sectors = attrs.shared_sectors(doc, named)
                candidates.append(
                    Candidate(
                        id=self.ids[doc].item(),
                        score=score,
                        band=band(score, top),
                        terms=terms,
                        sectors=sectors,
                        fields=fields,
                        reason=reason(terms, fields, [attrs.label(s) for s in sectors]),
                    )
                )
                i += 1
            out.append(candidates)
        return out
