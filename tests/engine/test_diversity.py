"""A top k that is not k tenants of one park."""

from matcher.engine import TfidfMatcher


def make(max_per_group=2):
    ids = [f"tenant{i}" for i in range(6)] + ["other1", "other2"]
    texts = ["battery maker, battery packs, battery cells"] * 6 + ["battery recycling"] * 2
    attrs = [{"group": "Park A"}] * 6 + [{"group": None}] * 2
    return TfidfMatcher(max_per_group=max_per_group).fit(ids, texts, attributes=attrs)


def test_at_most_two_per_group_before_the_others():
    ids = [c.id for c in make().query("battery", k=5)]
    assert ids[:2] == ["tenant0", "tenant1"]
    assert set(ids[2:4]) == {"other1", "other2"}
    assert ids[4] == "tenant2"  # pushed down, not dropped


def test_cap_zero_turns_diversity_off():
    ids = [c.id for c in make(max_per_group=0).query("battery", k=4)]
    assert ids == ["tenant0", "tenant1", "tenant2", "tenant3"]
