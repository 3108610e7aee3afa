"""Directories at the edges: none, one, empty or huge profiles never crash and never mislead."""

from matcher.engine import EmptyReason, TfidfMatcher


def test_no_organisations():
    matcher = TfidfMatcher().fit([], [])
    result = matcher.query("solar panels")
    assert result == [] and result.reason == EmptyReason.NO_MATCH
    assert matcher.query_many(["solar", ""]) == [[], []]


def test_one_organisation():
    matcher = TfidfMatcher().fit([7], [{"name": "Sun Co", "offers": "solar panels"}])
    assert [c.id for c in matcher.query("solar")] == [7]
    assert matcher.query("freight").reason == EmptyReason.NO_MATCH


def test_all_profiles_empty():
    matcher = TfidfMatcher().fit(
        ["a", "b", "c"],
        ["", {"name": "", "offers": None}, "  the and of  "],
        attributes=[{"sectors": ["solar"]}, {}, {}],
    )
    assert matcher.query("solar").reason == EmptyReason.NO_MATCH
    ticked = matcher.query("solar", sectors=["solar"])  # the ticked sector is still evidence
    assert [c.id for c in ticked] == ["a"]


def test_a_profile_of_a_megabyte_is_indexed_without_swamping_the_others():
    filler = "industrial cooperation platform services and solar " * 20_000  # about 1 MB
    texts = {
        "huge": {"name": "Everything Group", "description": filler},
        "solar": {"name": "Sunrise Solar", "offers": "solar panels and PV modules"},
        "ship": {"name": "Harbour Freight", "offers": "freight forwarding"},
    }
    assert len(filler) > 1_000_000
    matcher = TfidfMatcher().fit(list(texts), list(texts.values()))
    ranked = [c.id for c in matcher.query("solar panels")]
    # The megabyte profile's "solar" is far weaker evidence: after the specialist, if listed.
    assert ranked[0] == "solar" and set(ranked) <= {"solar", "huge"}
    assert [c.id for c in matcher.query("Everything Group")][0] == "huge"
    assert [c.id for c in matcher.query("freight")] == ["ship"]


def test_profiles_with_control_characters_and_separators():
    texts = ["solar\x00panels", "wind\x1eturbines", "grid\u2028meters"]
    matcher = TfidfMatcher().fit(["a", "b", "c"], texts)
    assert [c.id for c in matcher.query("panels")] == ["a"]
    assert [c.id for c in matcher.query("turbines")] == ["b"]
    assert [c.id for c in matcher.query("meters")] == ["c"]
