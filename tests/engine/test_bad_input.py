"""Bad input gives an empty result with a reason or a clear error, never a crash."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.engine import QUERY_CHAR_CAP, EmptyReason
from matcher.engine.normalise import INDEX_KEY_CACHE, index_key


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", EmptyReason.EMPTY_TEXT),
        ("   \n\t ", EmptyReason.EMPTY_TEXT),
        ("the and of with", EmptyReason.NO_WORDS),
        ("we are seeking cooperation with your company", EmptyReason.NO_WORDS),
        ("😀🚀🇨🇳", EmptyReason.NO_WORDS),
        ("!!! ??? ...", EmptyReason.NO_WORDS),
        ("zzzzqqq", EmptyReason.NO_MATCH),
    ],
)
def test_empty_result_carries_a_reason(matcher, text, reason):
    result = matcher.query(text)
    assert result == []
    assert result.reason == reason


def test_none_text_is_empty(matcher):
    assert matcher.query(None).reason == EmptyReason.EMPTY_TEXT  # type: ignore[arg-type]


def test_long_text_is_truncated_and_fast(matcher):
    text = "solar photovoltaic modules " * 4_000  # about 100,000 characters
    started = time.perf_counter()
    result = matcher.query(text)
    assert time.perf_counter() - started < 1.0
    assert result.truncated and result[0].id == "solar"
    assert len(text) > QUERY_CHAR_CAP


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"city": "atlantis"}, "Unknown city 'atlantis'"),
        ({"kind": "spaceship"}, "Unknown kind 'spaceship'"),
        ({"sector": "alchemy"}, "Unknown sector 'alchemy'"),
        ({"sectors": ["alchemy"]}, "Unknown sector 'alchemy'"),
    ],
)
def test_unknown_filter_value_is_named(matcher, filters, message):
    with pytest.raises(ValueError, match=message):
        matcher.query("solar", **filters)


def test_filters_restrict_the_result(matcher):
    ticked = ["cross-border-ecommerce"]  # both parks have it; only "ecom" says "e-commerce"
    assert [c.id for c in matcher.query("e-commerce", kind="park", sectors=ticked)] == [
        "ecom",
        "stream",
    ]
    assert [c.id for c in matcher.query("e-commerce", city=["Songjiang"], kind="park")][0] == "ecom"
    assert {c.id for c in matcher.query("training", sector="live-streaming-marketing")} == {
        "stream"
    }
    assert "ecom" not in {c.id for c in matcher.query("e-commerce", exclude=["ecom"])}


def test_known_sector_without_organisations_filters_to_nothing(matcher):
    result = matcher.query("solar", sector="textiles")
    assert result == [] and result.reason == EmptyReason.FILTERED


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_returns_a_list(matcher, text):
    result = matcher.query(text)
    assert isinstance(result, list)
    assert result or result.reason


def test_empty_directory_answers_with_a_reason():
    from matcher.engine import TfidfMatcher

    result = TfidfMatcher().fit([], []).query("solar")
    assert result == [] and result.reason == EmptyReason.NO_MATCH


def test_words_nobody_uses_do_not_grow_the_process_without_bound(matcher):
    """Every distinct word typed keeps its index key only up to a bound: a stream of made-up
    words (typed or sent by a script) cannot fill a worker's memory."""
    index_key.cache_clear()
    made_up = [f"zq{i:06d}x" for i in range(INDEX_KEY_CACHE + 2_000)]
    for start in range(0, len(made_up), 500):
        matcher.query(" ".join(made_up[start : start + 500]))
    assert index_key.cache_info().currsize == INDEX_KEY_CACHE
