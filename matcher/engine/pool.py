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
                phrase = bool(evident) and not specific.broad(term)
                phrase = phrase and all(specific.broad(p) for p in evident)
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
        """`shared` for several candidates, read from one conversion of the arrays."""
        terms, values = self.terms.tolist(), self.values.tolist()
        evident = (self.facts[:, 0] > 0).tolist() if specific_only else [True] * len(terms)
        start = self.start.tolist()
        out = []
        for i in rows:
            lo, hi = start[i], start[i + 1]
            out.append(
                [
                    (t, v)
                    for t, v, e in zip(terms[lo:hi], values[lo:hi], evident[lo:hi], strict=True)
                    if e
                ]
            )
        return out

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
    docs: np.ndarray,
    owner: np.ndarray,
    vectors: Sequence[QueryVector],
    facts: Sequence[np.ndarray],
    field_weights: Sequence[float],
) -> PoolEvidence:
    """The evidence of candidates of several interests at once: owner[i] is docs[i]'s interest;
    facts[o] are the `TermFacts` rows of vectors[o].terms."""
    k, n_fields = len(docs), len(field_weights)
    counts = np.array([len(vectors[o].terms) for o in owner.tolist()], np.int64)
    if k == 0 or not counts.sum():
        empty = np.zeros(0, np.int64)
        return PoolEvidence(
            np.zeros(k + 1, np.int64),
            empty,
            np.zeros(0, np.float32),
            np.zeros((0, 6), np.int64),
            np.zeros((k, n_fields)),
        )
    interests, runs = np.unique(owner, return_counts=True)  # owner is grouped by interest
    runs_of = list(zip(interests.tolist(), runs.tolist(), strict=True))
    weights = np.concatenate([np.tile(vectors[o].weights, r) for o, r in runs_of])
    term_facts = np.concatenate([np.tile(facts[o], (r, 1)) for o, r in runs_of])
    positions, candidate, terms, hit = _find(postings, docs, owner, vectors, counts)
    contribution = np.asarray(postings.data)[positions] * weights[hit]
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
    facts_kept = term_facts[hit][keep]
    return PoolEvidence(start_of, terms[keep], contribution[keep], facts_kept, by_field)


def _find(
    postings: Postings,
    docs: np.ndarray,
    owner: np.ndarray,
    vectors: Sequence[QueryVector],
    counts: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every (candidate, term of its interest) pair, candidates in order and terms in their
    interest's order; of the pairs where the candidate has the term: the posting's position,
    the candidate, the term; and which pairs those are."""
    indptr, indices = np.asarray(postings.indptr), np.asarray(postings.indices)
    last = max(len(indices) - 1, 0)
    found = np.full(int(counts.sum()), -1, np.int64)
    slot_of = np.cumsum(counts) - counts  # first pair of each candidate
    for interest in np.unique(owner).tolist():
        rows = np.flatnonzero(owner == interest)
        wanted = docs[rows].astype(indices.dtype)  # same type: the columns are not copied
        terms = vectors[interest].terms
        if not len(terms):
            continue
        starts, ends = indptr[terms], indptr[terms + 1]
        # Per term, where each candidate would sit in the term's postings; then which are there.
        at = np.array(
            [
                indices[a:b].searchsorted(wanted)
                for a, b in zip(starts.tolist(), ends.tolist(), strict=True)
            ]
        ).reshape(len(terms), len(rows))
        at += starts[:, None]
        there = (at < ends[:, None]) & (indices[np.minimum(at, last)] == wanted)
        slots = slot_of[rows][None, :] + np.arange(len(terms))[:, None]
        found[slots[there]] = at[there]
    candidate = np.repeat(np.arange(len(docs)), counts)
    interests, runs = np.unique(owner, return_counts=True)  # owner is grouped by interest
    terms = np.concatenate(
        [
            np.tile(vectors[o].terms, r)
            for o, r in zip(interests.tolist(), runs.tolist(), strict=True)
        ]
    ).astype(np.int64)
    hit = found >= 0
    return found[hit], candidate[hit], terms[hit], hit


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
    present = (bits.astype(np.uint32)[:, None] >> np.arange(n_fields, dtype=np.uint32)) & 1
    share = present * np.asarray(field_weights, np.float32)
    share *= (contribution / np.maximum(share.sum(axis=1), 1e-12))[:, None]
    slots = (candidate[:, None] * n_fields + np.arange(n_fields)).ravel()
    return np.bincount(slots, share.ravel(), minlength=k * n_fields).reshape(k, n_fields)
