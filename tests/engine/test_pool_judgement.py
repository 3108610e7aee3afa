"""The pool's evidence, judged with arrays, equals the rules applied one candidate at a time."""

import random

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.engine import TfidfMatcher
from matcher.engine.explain import TermNames
from matcher.engine.pool import CONSIDERED, TermFacts, _by_field, pool_evidence
from matcher.engine.specificity import (
    BROAD_FLOOR,
    DENSE_SECTORS,
    GOOD,
    RELATIVE_FLOOR,
    STRONG,
    Judged,
    SectorCounts,
    Specificity,
    arrange,
)

WORDS = (
    "solar battery research capital venture business 2024 lithium cell grid storage module "
    "medical robot vision chip wafer fund logistics port trade market export software cloud "
    "vaccine clinic implant laser sensor drone rocket cable fibre bank loan equity warehouse "
    "customs freight platform data security payment hydrogen turbine inverter panel"
).split()
SECTORS = ["energy", "health", "finance", "trade", "digital"]


def straight_counts(names, specific, shared):
    """Distinct specific and broad words among shared terms, one term at a time."""
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


def straight_shared(postings, doc, vector):
    """The strongest CONSIDERED (term, contribution) a document shares with an interest."""
    found = []
    for term, weight in zip(vector.terms.tolist(), vector.weights, strict=True):
        lo, hi = postings.indptr[term], postings.indptr[term + 1]
        at = np.flatnonzero(postings.indices[lo:hi] == doc)
        if len(at):
            found.append((term, float(postings.data[lo + at[0]] * weight)))
    found.sort(key=lambda pair: (-pair[1], pair[0]))
    return found[:CONSIDERED]


def band(item, best):
    """ "strong", "good" or "possible": relative to the best, and capped by the evidence."""
    if best <= 0 or not item.has_evidence:
        return "possible"
    ratio = item.score / best
    strong_evidence = item.has_sector or item.specific_terms + item.broad_terms >= 2
    if ratio >= STRONG and strong_evidence:
        return "strong"
    if ratio >= GOOD:
        return "good"
    return "possible"


def straight_arrange(items, groups, k, cap):
    """The list a delegate sees, built item by item."""
    listed = [i for i in items if i.has_evidence]
    if not listed or k <= 0:
        return []
    best = max(i.score for i in listed)
    broad_floor = BROAD_FLOOR if any(not i.only_broad for i in listed) else RELATIVE_FLOOR
    listed = [
        i
        for i in listed
        if i.has_sector or i.score >= (broad_floor if i.only_broad else RELATIVE_FLOOR) * best
    ]
    banded = [(i, band(i, best)) for i in listed]
    out = []
    for name in ("strong", "good", "possible"):
        members = [pair for pair in banded if pair[1] == name]
        if cap > 0:
            first, later, seen = [], [], {}
            for pair in members:
                group = int(groups[pair[0].doc])
                if group >= 0 and seen.get(group, 0) >= cap:
                    later.append(pair)
                    continue
                seen[group] = seen.get(group, 0) + 1
                first.append(pair)
            members = first + later
        out += members
    return out[:k]


@pytest.fixture(scope="module")
def directory():
    rng = random.Random(12)
    texts, attributes = [], []
    for _ in range(160):
        sector = rng.choice(SECTORS)
        # Words lean towards one sector each, so some stay specific and some spread out.
        lean = [w for i, w in enumerate(WORDS) if i % len(SECTORS) == SECTORS.index(sector)]
        words = [rng.choice(lean if rng.random() < 0.8 else WORDS) for _ in range(7)]
        words += rng.sample(["research", "capital", "business"], rng.randint(0, 2))
        texts.append({"offers": " ".join(words[:3]), "description": " ".join(words[3:])})
        attributes.append({"sectors": [sector], "group": rng.choice(["a", "b", None])})
    ids = [f"org{i}" for i in range(len(texts))]
    return TfidfMatcher().fit(ids, texts, attributes=attributes)


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10**6))
def test_pool_evidence_equals_one_candidate_at_a_time(directory, seed):
    rng = random.Random(seed)
    postings = directory.postings_
    query = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 14)))
    vector = directory.vectoriser_.vectorise(query)
    docs = np.array(rng.sample(range(postings.n_docs), rng.randint(1, 40)), np.int64)
    specific = Specificity(postings, doc_sectors=directory.attributes_.doc_sectors)
    names = TermNames(postings)
    facts = TermFacts(names, specific)
    pool = pool_evidence(
        postings, [docs], [vector], [facts.of(vector.terms.tolist())], directory.field_weights_
    )
    narrow, broad = pool.counts()
    for i, doc in enumerate(docs.tolist()):
        shared = straight_shared(postings, doc, vector)
        assert [t for t, _ in pool.shared(i)] == [t for t, _ in shared]
        assert np.allclose([v for _, v in pool.shared(i)], [v for _, v in shared])
        assert (narrow[i], broad[i]) == straight_counts(names, specific, pool.shared(i))
        evident = [p for p in pool.shared(i) if specific(p[0])]
        assert pool.shared(i, specific_only=True) == evident


judged = st.builds(
    Judged,
    doc=st.integers(0, 7),
    score=st.sampled_from([1.0, 0.9, 0.76, 0.75, 0.6, 0.45, 0.44, 0.34, 0.2, 0.0]),
    specific_terms=st.integers(0, 2),
    has_sector=st.booleans(),
    broad_terms=st.integers(0, 2),
)


@settings(max_examples=300, deadline=None)
@given(
    items=st.lists(judged, max_size=12),
    groups=st.lists(st.integers(-1, 2), min_size=8, max_size=8),
    k=st.integers(0, 12),
    cap=st.integers(0, 3),
)
def test_arranging_with_arrays_equals_arranging_item_by_item(items, groups, k, cap):
    items.sort(key=lambda i: -i.score)
    groups_of = np.array(groups)
    assert arrange(items, groups_of, k, cap) == straight_arrange(items, groups_of, k, cap)


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10**6), widest=st.integers(1, DENSE_SECTORS + 2))
def test_sector_counts_equal_the_sum_of_the_rows(seed, widest):
    rng = np.random.default_rng(seed)
    n_docs, n_sectors = 200, 7
    rows = [
        rng.choice(n_sectors, rng.integers(0, widest + 1), replace=False) for _ in range(n_docs)
    ]
    matrix = sp.csr_matrix(
        (
            np.ones(sum(len(r) for r in rows), np.float32),
            (np.repeat(np.arange(n_docs), [len(r) for r in rows]), np.concatenate(rows)),
        ),
        shape=(n_docs, n_sectors),
    )
    counts = SectorCounts(matrix)
    assert (counts.table is not None) == (0 < max(len(r) for r in rows) <= DENSE_SECTORS)
    docs = np.sort(rng.choice(n_docs, rng.integers(0, n_docs), replace=False))
    expected = np.asarray(matrix[docs].sum(axis=0)).ravel()
    assert np.array_equal(counts(docs), expected)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10**6), n_fields=st.integers(1, 5))
def test_field_shares_equal_splitting_each_contribution(seed, n_fields):
    rng = np.random.default_rng(seed)
    hits, k = int(rng.integers(1, 60)), 6
    bits = rng.integers(1, 1 << n_fields, hits).astype(np.uint8)
    candidate = np.sort(rng.integers(0, k, hits))
    contribution = rng.random(hits).astype(np.float32)
    weights = tuple(float(w) for w in rng.choice([0.75, 1.0, 1.5], n_fields))
    expected = np.zeros((k, n_fields))
    for b, c, value in zip(bits.tolist(), candidate.tolist(), contribution.tolist(), strict=True):
        held = [f for f in range(n_fields) if b >> f & 1]
        total = sum(weights[f] for f in held)
        for f in held:
            expected[c, f] += value * weights[f] / total
    assert np.allclose(_by_field(bits, candidate, contribution, k, weights), expected)
