"""TfidfMatcher as a scikit-learn estimator, and its scores against the formula computed by hand."""

import math
import random
from collections import Counter

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from matcher.engine import TfidfMatcher, scoring, specificity
from matcher.engine.analysis import BREAK, Analyzer
from matcher.engine.glossary import load_glossary
from matcher.engine.specificity import RELATIVE_FLOOR
from matcher.engine.stopwords import build_stop_words

WORDS = (
    "solar battery storage vehicle chip wafer logistics freight vaccine robot sensor textile "
    "fibre cable satellite drone grid meter pump valve"
).split()
FIELDS = {"name": 1.0, "offers": 1.5, "seeks": 0.75, "description": 1.0}


def _random_directory(seed: int, n: int = 40) -> dict[str, dict[str, str]]:
    rng = random.Random(seed)

    def text(k: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, k)))

    return {
        f"org{i}": {"name": text(2), "offers": text(8), "seeks": text(4), "description": text(20)}
        for i in range(n)
    }


def _analysed(analyzer: Analyzer, text: str) -> list[str | None]:
    return [None if t is BREAK else t[0] for t in analyzer.terms(text)]


def _grams(keys: list[str | None]) -> list[str]:
    words = [k for k in keys if k]
    pairs = [f"{a} {b}" for a, b in zip(keys, keys[1:], strict=False) if a and b]
    return words + pairs


def brute_force_scores(directory, query: str, k1: float = 1.2, b: float = 0.75) -> dict:
    """BM25F over word unigrams and bigrams, written out term by term with dictionaries."""
    stop = build_stop_words()
    analyzer = Analyzer(load_glossary(None, stop), stop)
    tf: dict[str, Counter] = {}
    length: dict[str, float] = {}
    for doc, fields in directory.items():
        tf[doc], length[doc] = Counter(), 0.0
        for field, weight in FIELDS.items():
            keys = _analysed(analyzer, fields[field])
            length[doc] += weight * sum(1 for k in keys if k)
            for gram in _grams(keys):
                tf[doc][gram] += weight
    n = len(directory)
    average = sum(length.values()) / n
    df = Counter(g for doc in tf for g in tf[doc])
    idf = {g: math.log1p((n - d + 0.5) / (d + 0.5)) for g, d in df.items()}
    query_tf = Counter(g for g in _grams(_analysed(analyzer, query)) if g in df)
    weight = {g: 1.0 + math.log(c) for g, c in query_tf.items()}
    norm = sum(weight[g] * idf[g] for g in weight) * (k1 + 1.0)
    scores = {}
    for doc in directory:
        score = 0.0
        for g, w in weight.items():
            t = tf[doc].get(g, 0.0)
            saturation = t * (k1 + 1) / (t + k1 * (1 - b + b * length[doc] / average))
            score += w / norm * idf[g] * saturation
        scores[doc] = score
    return scores


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_scores_equal_the_formula_computed_by_hand(seed, monkeypatch):
    # The random words are each used by many organisations; none is judged broad here, so the
    # list ends at the relative floor alone.
    monkeypatch.setattr(specificity, "BROAD_SHARE", 1.0)
    directory = _random_directory(seed)
    matcher = TfidfMatcher(max_per_group=0).fit(list(directory), list(directory.values()))
    for query in ("solar battery storage", "freight logistics robot robot", "chip wafer sensor"):
        expected = brute_force_scores(directory, query)
        got = {c.id: c.score for c in matcher.query(query, k=len(directory))}
        assert got, query
        for doc, score in got.items():
            assert score == pytest.approx(expected[doc], rel=1e-4, abs=1e-6), (query, doc)
        # Every organisation within reach of the best is listed; fainter ones are not.
        best = max(expected.values())
        floor = RELATIVE_FLOOR * best
        assert {d for d, s in expected.items() if s >= floor * (1 + 1e-4)} <= set(got), query
        assert all(expected[d] >= floor * (1 - 1e-4) for d in got), query


def test_public_scipy_path_gives_the_same_scores(monkeypatch):
    directory = _random_directory(4)
    matcher = TfidfMatcher().fit(list(directory), list(directory.values()))
    compiled = [(c.id, c.score) for c in matcher.query("solar grid meter", k=40)]
    monkeypatch.setattr(scoring, "_csc_matvec", None)
    public = [(c.id, c.score) for c in matcher.query("solar grid meter", k=40)]
    assert [i for i, _ in public] == [i for i, _ in compiled]
    assert np.allclose([s for _, s in public], [s for _, s in compiled], rtol=1e-6)


def test_parameters_follow_the_estimator_protocol():
    matcher = TfidfMatcher(k1=1.6, sector_boost=0.3)
    params = matcher.get_params()
    assert params["k1"] == 1.6 and params["sector_boost"] == 0.3 and params["b"] == 0.75
    assert matcher.set_params(b=0.5) is matcher and matcher.b == 0.5
    copy = clone(matcher)
    assert copy.get_params() == matcher.get_params() and copy is not matcher
    with pytest.raises(NotFittedError):
        copy.query("solar")


def test_fit_returns_the_fitted_estimator():
    matcher = TfidfMatcher()
    assert matcher.fit(["a"], ["solar"]) is matcher
    assert matcher.query("solar")[0].id == "a"


@pytest.mark.parametrize(
    "levers",
    [{"feedback_docs": 3}, {"latent_components": 4}, {"feedback_docs": 2, "latent_components": 3}],
)
def test_levers_keep_the_obvious_answer_first(levers):
    directory = _random_directory(5)
    directory["target"] = {"name": "Sunrise Solar", "offers": "solar panels solar modules"}
    plain = TfidfMatcher().fit(list(directory), list(directory.values()))
    with_levers = TfidfMatcher(**levers).fit(list(directory), list(directory.values()))
    assert with_levers.query("solar panels")[0].id == plain.query("solar panels")[0].id == "target"
    assert with_levers.query("zzzz").reason == plain.query("zzzz").reason


def test_levers_are_off_by_default():
    params = TfidfMatcher().get_params()
    assert params["feedback_docs"] == 0 and params["latent_components"] == 0
