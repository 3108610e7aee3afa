"""Ranking: words, phrases, spelling variants, fields and sectors."""

import pytest
from sklearn.exceptions import NotFittedError

from matcher.engine import Candidate, TfidfMatcher


def top(result) -> str:
    return result[0].id


@pytest.mark.parametrize(
    ("interest", "expected"),
    [
        ("cross-border e-commerce", "ecom"),
        ("ecommerce and overseas warehouses", "ecom"),
        ("e-commerce customs", "ecom"),
        ("photovoltaics", "solar"),
        ("solar panels", "solar"),
        ("PV", "solar"),
        ("live-streaming", "stream"),
        ("livestreaming studios", "stream"),
        ("IGBT for EV makers", "chips"),
        ("endoscopes", "med"),
        ("venture capital for our startups", "fund"),
    ],
)
def test_english_interest_finds_the_obvious_organisation(matcher, interest, expected):
    assert top(matcher.query(interest)) == expected


@pytest.mark.parametrize(
    ("typo", "expected"),
    [("photovoltaik", "solar"), ("endoscops", "med"), ("semiconducter", "chips")],
)
def test_small_typos_still_match(matcher, typo, expected):
    assert top(matcher.query(typo)) == expected


def test_plural_and_singular_match(make_matcher):
    m = make_matcher({"a": "lithium batteries", "b": "textile machinery"})
    assert top(m.query("battery")) == "a"
    assert top(m.query("machineries")) == "b"


def test_compound_written_as_one_word_is_split(make_matcher):
    m = make_matcher({"a": "cross-border trade services", "b": "border security cameras"})
    assert top(m.query("crossborder trade")) == "a"


def test_bigram_beats_scattered_words(make_matcher):
    m = make_matcher(
        {
            "scattered": "we build supply depots and a chain of shops",
            "phrase": "we build supply chain software for shops",
        }
    )
    assert top(m.query("supply chain")) == "phrase"


def test_heavier_field_wins(make_matcher):
    texts = {
        "named": {"name": "Robotics Works", "description": "a workshop"},
        "mentioned": {"name": "Works", "description": "a workshop near robotics"},
    }
    assert top(make_matcher(texts).query("robotics")) == "named"
    weights = {"name": 0.1, "description": 5.0}
    assert top(make_matcher(texts, field_weights=weights).query("robotics")) == "mentioned"


def test_ticked_sector_is_strong_evidence(matcher):
    plain = matcher.query("training")
    ticked = matcher.query("training", sectors=["cross-border-ecommerce"])
    assert top(plain) == "stream"
    assert {c.id for c in ticked[:2]} == {"stream", "ecom"}
    assert ticked[0].sectors == ("cross-border-ecommerce",)


def test_sector_alone_ranks_its_organisations(matcher):
    result = matcher.query("", sectors=["medical-devices"])
    assert [c.id for c in result] == ["med"]


def test_result_is_frozen_candidate_with_score_order(matcher):
    result = matcher.query("solar and e-commerce and IGBT", k=3)
    assert all(isinstance(c, Candidate) for c in result)
    assert [c.score for c in result] == sorted((c.score for c in result), reverse=True)
    with pytest.raises(AttributeError):
        result[0].score = 1.0  # type: ignore[misc]


def test_k_limits_the_result(matcher):
    assert len(matcher.query("solar, training and e-commerce", k=2)) == 2


def test_same_input_same_ranking(make_matcher):
    texts = {f"org{i}": "identical profile about solar" for i in range(5)}
    first = [c.id for c in make_matcher(texts).query("solar")]
    assert first == sorted(texts)
    assert first == [c.id for c in make_matcher(texts).query("solar")]


def test_unfitted_matcher_raises():
    with pytest.raises(NotFittedError):
        TfidfMatcher().query("solar")


def test_init_only_stores_hyperparameters():
    m = TfidfMatcher(sector_boost=0.5)
    assert m.sector_boost == 0.5
    assert not [name for name in vars(m) if name.endswith("_")]


def test_fit_rejects_mismatched_or_repeated_ids():
    with pytest.raises(ValueError, match="same length"):
        TfidfMatcher().fit(["a", "b"], ["x"])
    with pytest.raises(ValueError, match="unique"):
        TfidfMatcher().fit(["a", "a"], ["x", "y"])


def test_query_many_equals_single_queries(matcher):
    interests = ["solar", "live streaming training", {"seeks": "IGBT", "offers": "EV"}, ""]
    batch = matcher.query_many(interests, k=3)
    for interest, result in zip(interests, batch, strict=False):
        single = matcher.query(interest, k=3)
        assert [(c.id, c.reason) for c in result] == [(c.id, c.reason) for c in single]
        assert result.reason == single.reason


@pytest.mark.parametrize("weighting", ["bm25", "tfidf"])
def test_both_weightings_rank_the_obvious_organisation_first(make_matcher, weighting):
    texts = {"a": "lithium battery packs", "b": "textile machinery", "c": "battery recycling plant"}
    m = make_matcher(texts, weighting=weighting)
    ranked = [c.id for c in m.query("lithium battery")]
    # "c" shares only "battery" (about a fifth of a's score): listed after a, if at all.
    assert ranked[0] == "a" and set(ranked) <= {"a", "c"}
    assert 0 < m.query("lithium battery")[0].score <= 1.0


def test_unknown_weighting_is_refused(make_matcher):
    with pytest.raises(ValueError, match="weighting"):
        make_matcher({"a": "x y"}, weighting="magic")


def test_shorter_profile_wins_on_equal_evidence(make_matcher):
    filler = " ".join(f"word{i}" for i in range(60))
    m = make_matcher({"short": "drone mapping", "long": f"drone mapping {filler}"})
    assert [c.id for c in m.query("drone mapping")] == ["short", "long"]


@pytest.mark.parametrize("typo", ["logisitcs", "manufacutring"])
def test_swapped_letters_are_forgiven(make_matcher, typo):
    m = make_matcher({"a": "logistics and manufacturing services", "b": "tea gardens"})
    assert m.query(typo)[0].id == "a"


def test_unrelated_unknown_word_matches_nothing(make_matcher):
    m = make_matcher({"a": "covert operations", "b": "tea gardens"})
    assert m.query("covid") == []
