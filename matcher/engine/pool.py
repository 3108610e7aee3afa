"""The evidence of a whole pool of candidates, gathered and judged at once.

Each candidate is looked up in the postings of its interest's terms by a binary search run for
all (candidate, term) pairs together, so no document-major copy of the index is kept. Which
shared terms are evidence follows `specificity.py`; the facts it needs about a term (is it
specific, which words does it give, is it a phrase that is specific while its words are broad)
do not depend on the interest, so they are worked out once per term while the index lives, and
a pool is then judged with a few array operations instead of term by term in Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from .explain import TermNames
from .index import Postings
from .specificity import Specificity
from .vectorise import QueryVector

# Only the strongest shared terms can make the top three, even after phrases absorb words.
CONSIDERED = 12
#: Per-term facts kept while an index lives; the cap bounds a long-running app's memory.
_FACTS_CAP = 200_000


class TermFacts:
    """Per term, cached: specific?, the (up to two) words it gives, phrase bonus, broad words.

    A specific word gives itself; a specific phrase gives its specific words (or itself when
    it has none) and counts one more specific word when it is specific while all those words
    are broad ("venture capital"). A term that is not specific gives nothing.
    """

    def __init__(self, names: TermNames, specific: Specificity) -> None:
        self.names = names
        self.specific = specific
        self._facts: dict[int, tuple[bool, int, int, bool, bool, bool]] = {}

    def of(self, terms: Sequence[int]) -> np.ndarray:
        """One row per term: specific, first word, second word (-1: none), phrase bonus,
        first word broad, second word broad; as an int64 array (len(terms) × 6)."""
        rows = [self._facts.get(t) or self._judge(t) for t in terms]
        return np.array(rows, np.int64).reshape(len(rows), 6)

    def _judge(self, term: int) -> tuple[bool, int, int, bool, bool, bool]:
        specific = self.specific
        facts: tuple[bool, int, int, bool, bool, bool] = (False, -1, -1, False, False, False)
        if specific(term):
            parts = self.names.parts(term)
            phrase = False
            if parts is None:
                words = [term]
            else:
                evident = [p for p in parts if specific(p)]
                words = evident or [term]
                # The phrase's own breadth is only judged when its words are all broad.
                phrase = bool(evident) and all(specific.broad(p) for p in evident)
                phrase = phrase and not specific.broad(term)
            first, second = words[0], words[1] if len(words) > 1 else -1
            broad_second = second >= 0 and specific.broad(second)
            facts = (True, first, second, phrase, specific.broad(first), broad_second)
        if len(self._facts) < _FACTS_CAP:
            self._facts[term] = facts
        return facts


@dataclass(frozen=True)
class PoolEvidence:
    """The shared terms of every pooled candidate and what they amount to.

    The strongest CONSIDERED shared terms of candidate i are terms[start[i]:start[i + 1]]
    (strongest first, ties by term), with their contributions and their facts' rows.
    """

    start: np.ndarray
    terms: np.ndarray
    values: np.ndarray
    facts: np.ndarray
    by_field: np.ndarray  # candidates × fields: each field's share of the score

    def shared(self, i: int, *, specific_only: bool = False) -> list[tuple[int, float]]:
        """Candidate i's strongest shared (term, contribution), optionally evidence only."""
        return self.shared_many([i], specific_only=specific_only)[0]

    def shared_many(
        self, rows: Sequence[int], *, specific_only: bool = False
    ) -> list[list[tuple[int, float]]]:
        """`shared` for several candidates, their terms read from the arrays in one pass."""
        chosen = np.asarray(rows, np.int64)
        lo, sizes = self.start[chosen], np.diff(self.start)[chosen]
        at = np.repeat(lo - np.cumsum(sizes) + sizes, sizes) + np.arange(int(sizes.sum()))
        if specific_only:
            evident = self.facts[at, 0] > 0
            at = at[evident]
            sizes = np.bincount(
                np.repeat(np.arange(len(chosen)), sizes)[evident], minlength=len(chosen)
            )
        pairs = list(zip(self.terms[at].tolist(), self.values[at].tolist(), strict=True))
        ends = np.cumsum(sizes).tolist()
        return [pairs[end - size : end] for end, size in zip(ends, sizes.tolist(), strict=True)]

    def counts(self) -> tuple[np.ndarray, np.ndarray]:
        """Per candidate: distinct specific words (plus phrase bonuses) and distinct broad
        words among its considered shared terms."""
        k = len(self.start) - 1
        owner = np.repeat(np.arange(k, dtype=np.int64), np.diff(self.start))
        words = np.concatenate([self.facts[:, 1], self.facts[:, 2]])
        broad = np.concatenate([self.facts[:, 4], self.facts[:, 5]])
        who = np.concatenate([owner, owner])
        given = words >= 0
        words, broad, who = words[given], broad[given], who[given]
        # A word given by several terms counts once: one (candidate, word) pair each.
        span = int(words.max()) + 1 if len(words) else 1
        _, first = np.unique(who * span + words, return_index=True)
        who, broad = who[first], broad[first] > 0
        n_broad = np.bincount(who[broad], minlength=k)
        n_narrow = np.bincount(who[~broad], minlength=k)
        n_narrow += np.bincount(owner, self.facts[:, 3], minlength=k).astype(np.int64)
        return n_narrow, n_broad


def pool_evidence(
    postings: Postings,
    pooled: Sequence[np.ndarray],
    vectors: Sequence[QueryVector],
    facts: Sequence[np.ndarray],
    field_weights: Sequence[float],
) -> PoolEvidence:
    """The evidence of the pooled candidates of several interests at once: pooled[o] are the
    documents of vectors[o], facts[o] the `TermFacts` rows of its terms. Candidates are
    numbered in that order."""
    k, n_fields = sum(len(docs) for docs in pooled), len(field_weights)
    found = [_find(postings, docs, v, f) for docs, v, f in zip(pooled, vectors, facts, strict=True)]
    sizes = np.array([len(docs) for docs in pooled], np.int64)
    offsets = (np.cumsum(sizes) - sizes).tolist()
    candidate = np.concatenate(
        [np.zeros(0, np.int64)] + [c + at for (c, *_), at in zip(found, offsets, strict=True)]
    )
    if not len(candidate):
        empty = np.zeros(0, np.int64)
        return PoolEvidence(
            np.zeros(k + 1, np.int64),
            empty,
            np.zeros(0, np.float32),
            np.zeros((0, 6), np.int64),
            np.zeros((k, n_fields)),
        )
    if len(found) == 1:  # one interest: its arrays as they are
        positions, terms, weights, term_facts = found[0][1:]
    else:
        positions, terms, weights, term_facts = (
            np.concatenate([part[i] for part in found]) for i in range(1, 5)
        )
    contribution = np.asarray(postings.data)[positions] * weights
    by_field = _by_field(
        np.asarray(postings.fields)[positions], candidate, contribution, k, field_weights
    )
    order = np.lexsort((terms, -contribution, candidate))
    ranked = candidate[order]
    # Rank of each hit inside its candidate: only the strongest CONSIDERED are kept.
    considered = np.arange(len(order)) - np.searchsorted(ranked, ranked) < CONSIDERED
    keep = order[considered]
    start_of = np.zeros(k + 1, np.int64)
    np.cumsum(np.bincount(ranked[considered], minlength=k), out=start_of[1:])
    return PoolEvidence(start_of, terms[keep], contribution[keep], term_facts[keep], by_field)


def _find(
    postings: Postings, docs: np.ndarray, vector: QueryVector, facts: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The (candidate, term) pairs where the candidate has the interest's term, candidates in
    order and terms in the interest's order: candidate, posting position, term, the term's
    weight in the interest, the term's facts."""
    terms = vector.terms.astype(np.int64)
    if not len(docs) or not len(terms):
        none = np.zeros(0, np.int64)
        return none, none, none, np.zeros(0, np.float32), np.zeros((0, 6), np.int64)
    indptr, indices = np.asarray(postings.indptr), np.asarray(postings.indices)
    wanted = docs.astype(indices.dtype)  # same type: the postings are searched in place
    starts, ends = indptr[terms], indptr[terms + 1]
    # Per term, where each candidate would sit in the term's postings; then which are there.
    # NumPy's search narrows each look-up by the previous one when the keys ascend.
    order = np.argsort(wanted)
    ascending = wanted[order]
    found = np.array(
        [
            indices[a:b].searchsorted(ascending)
            for a, b in zip(starts.tolist(), ends.tolist(), strict=True)
        ]
    ).reshape(len(terms), len(docs))
    at = np.empty_like(found)
    at[:, order] = found
    at += starts[:, None]
    there = (at < ends[:, None]) & (indices[np.minimum(at, len(indices) - 1)] == wanted)
    candidate, j = np.nonzero(there.T)
    return candidate, at.T[candidate, j], terms[j], vector.weights[j], facts[j]


def _by_field(
    bits: np.ndarray,
    candidate: np.ndarray,
    contribution: np.ndarray,
    k: int,
    field_weights: Sequence[float],
) -> np.ndarray:
    """Each contribution split over the fields holding the term, in proportion to their weight,
    summed per candidate (k × fields)."""
    n_fields = len(field_weights)
    if n_fields <= _TABLED_FIELDS:
        shares, totals = _field_shares(tuple(field_weights))
        masks = bits & ((1 << n_fields) - 1)  # bits of no field, were there any, count for none
        share = shares[masks]
        share *= (contribution / totals[masks])[:, None]
    else:
        share, total = _shares(bits.astype(np.uint32), field_weights)
        share *= (contribution / total)[:, None]
    slots = (candidate[:, None] * n_fields + np.arange(n_fields)).ravel()
    return np.bincount(slots, share.ravel(), minlength=k * n_fields).reshape(k, n_fields)


#: Up to this many fields, the shares of every combination of fields are worked out once.
_TABLED_FIELDS = 8


@cache
def _field_shares(field_weights: tuple[float, ...]) -> tuple[np.ndarray, np.ndarray]:
    """`_shares` of every field mask, indexed by the mask."""
    return _shares(np.arange(1 << len(field_weights), dtype=np.uint32), field_weights)


def _shares(bits: np.ndarray, field_weights: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    """Per field mask (bit f: the term is in field f), each field's weight where present, and
    their total (at least 1e-12)."""
    present = (bits[:, None] >> np.arange(len(field_weights), dtype=np.uint32)) & 1
    share = present * np.asarray(field_weights, np.float32)
    return share, np.maximum(share.sum(axis=1), 1e-12)
