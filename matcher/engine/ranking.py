"""From analysed interests to explained candidates, a batch of interests at a time.

One query is a batch of one; larger batches share every vectorised step (top-k selection,
evidence gathering), which is where `query_many` gains its speed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from .attributes import Attributes
from .explain import TermNames, reason, shared_terms, strongest_fields
from .index import Postings
from .levers import Levers
from .pool import TermFacts, pool_evidence
from .results import Candidate, EmptyReason, QueryResult
from .scoring import scores, top_dense_many
from .specificity import BANDS, Specificity, arrange_pool
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
        attrs, judge = self.attributes, self.judge
        specific = judge.specific
        docs = np.concatenate(pooled).astype(np.int64) if pooled else np.zeros(0, np.int64)
        owner = np.repeat(np.arange(len(pooled)), [len(c) for c in pooled])
        facts = [judge.of(v.terms.tolist()) for v in vectors]
        pool = pool_evidence(self.postings, pooled, vectors, facts, self.field_weights)
        narrow, broad = pool.counts()
        # A ticked sector is evidence on its own; a named one only when it is not held by over
        # a third of the directory ("industrial parks": its words are judged instead).
        named = [attrs.named_sectors(ticked, v.unigrams, broad=specific.spread) for v in vectors]
        chosen = set(ticked.tolist())
        firm = [
            frozenset(s for s in n if s in chosen or not specific.broad_sector(s)) for n in named
        ]
        firm_sector = _holds(attrs, docs, owner, firm)
        arranged, at, groups = [], 0, np.asarray(attrs.groups)
        for scores_ in pooled_scores:
            span = slice(at, at + len(scores_))
            listed, bands = arrange_pool(
                scores_,
                firm_sector[span],
                narrow[span],
                broad[span],
                groups[docs[span]],
                k,
                self.max_per_group,
            )
            arranged.append((listed + at, bands))
            at += len(scores_)
        # Only the listed candidates are put into words: their terms, fields and sectors.
        rows = np.concatenate([listed for listed, _ in arranged]) if arranged else owner[:0]
        evident = pool.shared_many(rows.tolist(), specific_only=True)
        fields_of = strongest_fields(pool.by_field[rows], self.field_names)
        scores_of = np.concatenate(pooled_scores)[rows].tolist() if arranged else []
        ids_of = np.asarray(self.ids)[docs[rows]].tolist()
        out: list[list[Candidate]] = []
        n = 0
        for row, (listed, bands) in enumerate(arranged):
            candidates = []
            for i, item_band in zip(listed.tolist(), bands.tolist(), strict=True):
                doc = int(docs[i])
                sectors = attrs.shared_sectors(doc, named[row])
                terms = shared_terms(judge.names, evident[n])
                fields = fields_of[n]
                candidates.append(
                    Candidate(
                        id=ids_of[n],
                        score=scores_of[n],
                        band=BANDS[item_band],
                        terms=terms,
                        sectors=sectors,
                        fields=fields,
                        reason=reason(terms, fields, [attrs.label(s) for s in sectors]),
                    )
                )
                n += 1
            out.append(candidates)
        return out

    @cached_property
    def judge(self) -> TermFacts:
        """Per-term facts of this index, worked out once and kept while the index lives."""
        specific = Specificity(self.postings, doc_sectors=self.attributes.doc_sectors)
        return TermFacts(TermNames(self.postings), specific)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("judge", None)  # a cache: rebuilt on first use
        return state


def _holds(
    attrs: Attributes, docs: np.ndarray, owner: np.ndarray, sets: list[frozenset[int]]
) -> np.ndarray:
    """Per candidate, whether its organisation has one of its interest's sectors (sets[o]
    for the candidates of interest o), the candidates' sectors read in one pass."""
    held = np.zeros(len(docs), bool)
    indptr, indices = attrs.doc_sectors.indptr, attrs.doc_sectors.indices
    lo, hi = indptr[docs], indptr[docs + 1]
    sizes = (hi - lo).astype(np.int64)
    total = int(sizes.sum())
    if not total or not any(sets):
        return held
    which = np.repeat(np.arange(len(docs)), sizes)
    codes = indices[np.repeat(lo - np.cumsum(sizes) + sizes, sizes) + np.arange(total)]
    wanted = np.zeros((len(sets), len(attrs.sectors.values)), bool)
    for row, chosen in enumerate(sets):
        wanted[row, list(chosen)] = True
    held[which[wanted[owner[which], codes]]] = True
    return held
