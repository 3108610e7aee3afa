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
from .explain import TermNames, evidence, reason, shared_terms, strongest_fields
from .index import Postings
from .levers import Levers
from .results import Candidate, EmptyReason, QueryResult
from .scoring import scores, top_dense_many
from .specificity import Judged, Specificity, arrange
from .vectorise import QueryVector

#: Interests scored together; bounds the dense score block to CHUNK × documents floats.
CHUNK = 32


@dataclass(frozen=True)
class Selection:
    """What a batch's ticked sectors and filters do to every document: the sector codes ticked,
    the score they add (None: nothing) and the documents that may be returned (None: all)."""

    ticked: np.ndarray
    boost: np.ndarray | None = None
    allowed: np.ndarray | None = None


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

    def rank(self, vectors: list[QueryVector], k: int, selection: Selection) -> list[QueryResult]:
        """Top k candidates of each interest, explained; empty results carry their reason."""
        results: list[QueryResult] = []
        for start in range(0, len(vectors), CHUNK):
            results += self._rank_chunk(vectors[start : start + CHUNK], k, selection)
        return results

    def _rank_chunk(
        self, vectors: list[QueryVector], k: int, selection: Selection
    ) -> list[QueryResult]:
        ticked, boost, allowed = selection.ticked, selection.boost, selection.allowed
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
        pooled, pooled_scores = [], []
        for row, docs in enumerate(candidates):
            values = block[row, docs].astype(np.float64)
            if self.levers is not None:
                values = self.levers.rescore(vectors[live[row]], docs, values)
            keep = values > 0
            docs, values = docs[keep], values[keep]
            order = np.lexsort((self.attributes.tie_rank[docs], -values))
            pooled.append(docs[order])
            pooled_scores.append(values[order])
        explained = self._explain([vectors[i] for i in live], pooled, pooled_scores, k, ticked)
        results = [QueryResult(reason=v.reason, truncated=v.truncated) for v in vectors]
        for row, i in enumerate(live):
            vector = vectors[i]
            if explained[row]:
                results[i] = QueryResult(explained[row], truncated=vector.truncated)
            elif k:
                filtered = allowed is not None and (len(vector.terms) or boost is not None)
                reason = EmptyReason.FILTERED if filtered else EmptyReason.NO_MATCH
                if not filtered and len(pooled[row]):
                    reason = EmptyReason.NOT_SPECIFIC
                results[i] = QueryResult(reason=reason, truncated=vector.truncated)
        return results

    def _explain(
        self,
        vectors: list[QueryVector],
        pooled: list[np.ndarray],
        pooled_scores: list[np.ndarray],
        k: int,
        ticked: np.ndarray,
    ) -> list[list[Candidate]]:
        """Judge every pooled candidate's evidence, list those that have it, explain them."""
        postings, attrs = self.postings, self.attributes
        docs = np.concatenate(pooled).astype(np.int64) if pooled else np.zeros(0, np.int64)
        owner = np.repeat(np.arange(len(pooled)), [len(c) for c in pooled])
        shared, by_field = evidence(postings, docs, owner, vectors, self.field_weights)
        names = TermNames(postings)
        specific = self._specificity()
        fields_of = strongest_fields(by_field, self.field_names)
        out: list[list[Candidate]] = []
        i = 0
        for vector, row_docs, row_scores in zip(vectors, pooled, pooled_scores, strict=True):
            named = attrs.named_sectors(ticked, vector.unigrams, broad=specific.spread)
            # A ticked sector is evidence on its own; a named one only when it is not held by
            # over a third of the directory ("industrial parks": its words are judged instead).
            chosen = set(ticked.tolist())
            firm = frozenset(s for s in named if s in chosen or not specific.broad_sector(s))
            judged, slot = [], {}
            for doc, score in zip(row_docs.tolist(), row_scores.tolist(), strict=True):
                narrow, broad = evidence_counts(names, specific, shared[i])
                sectors = attrs.shared_sectors(doc, named)
                firm_sector = bool(sectors) and bool(attrs.shared_sectors(doc, firm))
                judged.append(Judged(doc, score, narrow, firm_sector, broad))
                slot[doc] = (i, sectors)
                i += 1
            candidates = []
            for item, item_band in arrange(judged, attrs.groups, k, self.max_per_group):
                at, sectors = slot[item.doc]
                terms = shared_terms(names, [p for p in shared[at] if specific(p[0])])
                fields = fields_of[at]
                candidates.append(
                    Candidate(
                        id=self.ids[item.doc].item(),
                        score=item.score,
                        band=item_band,
                        terms=terms,
                        sectors=sectors,
                        fields=fields,
                        reason=reason(terms, fields, [attrs.label(s) for s in sectors]),
                    )
                )
            out.append(candidates)
        return out

    def _specificity(self) -> Specificity:
        judge = _SPECIFICITY.get(id(self.postings))
        if judge is None or judge.postings is not self.postings:
            judge = _SPECIFICITY[id(self.postings)] = Specificity(
                self.postings, doc_sectors=self.attributes.doc_sectors
            )
        return judge


#: One judge per live index, so its per-term cache survives across queries.
_SPECIFICITY: dict[int, Specificity] = {}


def evidence_counts(
    names: TermNames, specific: Specificity, shared: list[tuple[int, float]]
) -> tuple[int, int]:
    """Distinct specific and broad words among the shared terms.

    A phrase gives its words; a phrase that is specific while all its words are broad
    ("venture capital" where "capital" alone says little) counts as one specific word.
    """
    words: set[int] = set()
    phrases = 0
    for term, _value in shared:
        if not specific(term):
            continue
        parts = names.parts(term)
        if parts is None:
            words.add(term)
            continue
        evident = [p for p in parts if specific(p)]
        words.update(evident or [term])
        if evident and not specific.broad(term) and all(specific.broad(p) for p in evident):
            phrases += 1
    broad = sum(1 for w in words if specific.broad(w))
    return len(words) - broad + phrases, broad
