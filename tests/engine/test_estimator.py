"""TfidfMatcher as a scikit-learn estimator, and its scores against the formula computed by hand."""

import math
import random
from collections import Counter
from types import MappingProxyType

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from matcher.engine import TfidfMatcher, levers, scoring, specificity
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


def brute_force_scores(
    directory, query: str, k1: float = 1.2, b: float = 0.75, phrase_terms: int = 4, latent=None
) -> dict:
    """BM25F over word unigrams and bigrams, written out term by term with dictionaries; the
    bigrams of an interest of more than `phrase_terms` distinct words weigh phrase_terms /
    words; with `latent` (the fitted components and blend weight) the scores are blended
    with the cosine of the organisations' and the interest's latent vectors."""
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
    words = sum(1 for g in weight if " " not in g)
    if words > phrase_terms:
        weight = {g: w * (phrase_terms / words if " " in g else 1.0) for g, w in weight.items()}
    norm = sum(weight[g] * idf[g] for g in weight) * (k1 + 1.0)

    def saturated(doc: str, g: str) -> float:
        t = tf[doc].get(g, 0.0)
        return idf[g] * t * (k1 + 1) / (t + k1 * (1 - b + b * length[doc] / average))

    scores = {doc: sum(w / norm * saturated(doc, g) for g, w in weight.items()) for doc in tf}
    if latent is None:
        return scores
    components, blend, vocabulary, terms = latent
    column = {int(t): i for i, t in enumerate(terms)}
    word_terms = {w for w in df if " " not in w}

    def unit(vector: np.ndarray) -> np.ndarray:
        return vector / max(float(np.linalg.norm(vector)), 1e-12)

    def projected(values: dict[str, float]) -> np.ndarray:
        return sum(
            (
                v * components[:, column[vocabulary.get(g)]]
                for g, v in values.items()
                if g in word_terms
            ),
            np.zeros(len(components)),
        )

    interest = unit(projected({g: w / norm for g, w in weight.items()}))
    best = max(scores.values())
    for doc, score in scores.items():
        # Stored as int8: unit length × 127, rounded.
        own = np.rint(unit(projected({g: saturated(doc, g) for g in tf[doc]})) * 127) / 127
        cosine = max(float(own @ interest), 0.0)
        scores[doc] = (1 - blend) * score + blend * best * cosine if score > 0 else 0.0
    return scores


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_scores_equal_the_formula_computed_by_hand(seed, monkeypatch):
    # The random words are each used by many organisations; none is judged broad here, so the
    # list ends at the relative floor alone.
    monkeypatch.setattr(specificity, "BROAD_SHARE", 1.0)
    directory = _random_directory(seed)
    matcher = TfidfMatcher(max_per_group=0).fit(list(directory), list(directory.values()))
    latent = matcher.levers_.latent
    by_hand = (
        latent.components.astype(np.float64),
        latent.weight,
        matcher.postings_.vocabulary,
        latent.terms,
    )
    queries = (
        "solar battery storage",
        "freight logistics robot robot",
        "chip wafer sensor",
        "solar battery storage vehicle chip wafer logistics",  # long: its bigrams weigh less
    )
    for query in queries:
        expected = brute_force_scores(directory, query, latent=by_hand)
        got = {c.id: c.score for c in matcher.query(query, k=len(directory))}
        assert got, query
        for doc, score in got.items():
            assert score == pytest.approx(expected[doc], rel=1e-4, abs=1e-5), (query, doc)
        # Every organisation within reach of the best is listed; fainter ones are not.
        best = max(expected.values())
        floor = RELATIVE_FLOOR * best
        assert {d for d, s in expected.items() if s >= floor * (1 + 1e-4)} <= set(got), query
        assert all(expected[d] >= floor * (1 - 1e-4) for d in got), query


def test_lexical_scores_equal_the_formula_exactly(monkeypatch):
    monkeypatch.setattr(specificity, "BROAD_SHARE", 1.0)
    directory = _random_directory(7)
    matcher = TfidfMatcher(max_per_group=0, latent_components=0)
    matcher.fit(list(directory), list(directory.values()))
    for query in ("solar battery storage", "solar battery storage vehicle chip wafer logistics"):
        expected = brute_force_scores(directory, query)
        got = {c.id: c.score for c in matcher.query(query, k=len(directory))}
        assert got, query
        for doc, score in got.items():
            assert score == pytest.approx(expected[doc], rel=1e-4, abs=1e-6), (query, doc)


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


def test_profiles_of_any_shape_index_as_dicts_of_text_do():
    """Dicts of text are taken as they are; other mappings, numbers, text subclasses and None
    are turned into text first, and the same profiles index to the same ranking."""

    class Text(str):
        pass

    directory = _random_directory(5, n=30)
    ids = list(directory)
    dicts = [{**directory[i], "year": str(2000 + n)} for n, i in enumerate(ids)]
    shaped = [MappingProxyType(d) for d in dicts[:10]] + dicts[20:]
    shaped[10:10] = [{k: Text(v) if v else None for k, v in d.items()} for d in dicts[10:20]]
    assert sum(v is None for d in shaped for v in d.values()) > 0
    numbers = [*dicts[:-1], {**dicts[-1], "year": 2029}]  # one number among dicts of text
    plain = TfidfMatcher(latent_components=0).fit(ids, dicts)
    for other in (shaped, numbers):
        fitted = TfidfMatcher(latent_components=0).fit(ids, other)
        for query in ("solar battery", "vaccine robot sensor", "fibre cable 2029"):
            expected = [(c.id, c.score) for c in plain.query(query, k=30)]
            assert [(c.id, c.score) for c in fitted.query(query, k=30)] == expected
    strings = TfidfMatcher().fit(["a", "b"], ["solar farms", None])
    assert [c.id for c in strings.query("solar")] == ["a"]


@pytest.mark.parametrize(
    "levers",
    [
        {"feedback_docs": 3},
        {"feedback_docs": 3, "feedback_floor": 0.8},
        {"latent_components": 4},
        {"feedback_docs": 2, "latent_components": 3},
        {"phrase_terms": 1},
    ],
)
def test_levers_keep_the_obvious_answer_first(levers):
    directory = _random_directory(5)
    directory["target"] = {"name": "Sunrise Solar", "offers": "solar panels solar modules"}
    plain = TfidfMatcher().fit(list(directory), list(directory.values()))
    with_levers = TfidfMatcher(**levers).fit(list(directory), list(directory.values()))
    assert with_levers.query("solar panels")[0].id == plain.query("solar panels")[0].id == "target"
    assert with_levers.query("zzzz").reason == plain.query("zzzz").reason


def test_default_levers_are_the_stored_ones():
    params = TfidfMatcher().get_params()
    assert params["feedback_docs"] == 0  # not stored with the index, off
    assert params["latent_components"] > 0 and params["phrase_terms"] > 0


def test_latent_fit_on_a_sample_projects_every_organisation():
    directory = _random_directory(6, n=60)
    matcher = TfidfMatcher(latent_components=8, latent_sample=20)
    matcher.fit(list(directory), list(directory.values()))
    latent = matcher.levers_.latent
    assert latent.doc_vectors.shape == (60, 8) and latent.doc_vectors.dtype == np.int8
    assert (
        latent.components.shape == (8, len(latent.terms)) == (8, len(matcher.postings_.vocabulary))
    )
    norms = np.linalg.norm(latent.doc_vectors.astype(np.float32) / 127, axis=1)
    assert np.allclose(norms[norms > 0], 1.0, atol=2e-2)


def test_latent_space_keeps_the_most_widespread_words(monkeypatch):
    monkeypatch.setattr(levers, "LATENT_WORDS", 5)
    directory = _random_directory(8, n=30)
    directory["rare"] = {"name": "zeppelin", "offers": "zeppelin", "description": "solar"}
    matcher = TfidfMatcher().fit(list(directory), list(directory.values()))
    latent, postings = matcher.levers_.latent, matcher.postings_
    df = np.diff(postings.indptr[: len(postings.vocabulary) + 1])
    assert len(latent.terms) == 5 and df[latent.terms].min() >= np.sort(df)[-5]
    assert postings.vocabulary.get("zeppelin") not in set(latent.terms.tolist())
    assert matcher.query("zeppelin")[0].id == "rare"  # the lexical score still finds it
