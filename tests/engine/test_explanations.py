"""Each candidate says in plain words why it matched."""

from matcher.engine import TfidfMatcher


def test_reason_names_terms_fields_and_sector(matcher):
    best = matcher.query("cross-border e-commerce", sectors=["cross-border-ecommerce"])[0]
    assert best.id == "ecom"
    assert "e-commerce" in " ".join(best.terms)
    assert best.sectors == ("cross-border-ecommerce",)
    assert best.fields[0] in {"offers", "sectors"}
    assert best.reason.startswith("Shares ")
    assert "sector: Cross-border e-commerce" in best.reason


def test_phrases_are_shown_whole_not_as_fragments(matcher):
    best = matcher.query("overseas warehouses and customs clearance")[0]
    assert "overseas warehouses" in best.terms or "customs clearance" in best.terms
    assert all(len(term) > 2 for term in best.terms)


def test_fields_say_where_evidence_came_from(make_matcher):
    m = make_matcher(
        {"a": {"name": "Acme", "offers": "drone mapping"}, "b": {"name": "B", "seeks": "coffee"}}
    )
    assert m.query("drone")[0].fields == ("offers",)
    assert m.query("coffee")[0].fields == ("seeks",)


def test_bands_are_relative_to_the_best(matcher):
    result = matcher.query("live streaming training for cross-border e-commerce", k=5)
    assert result[0].band == "strong"
    assert {c.band for c in result} <= {"strong", "good", "possible"}
    assert result[-1].band != "strong" or result[-1].score >= 0.75 * result[0].score


def test_sector_named_in_text_is_reported(matcher):
    best = matcher.query("medical devices for hospitals")[0]
    assert best.id == "med"
    assert best.sectors == ("medical-devices",)


def test_reason_is_english_for_a_foreign_interest(matcher):
    best = matcher.query("跨境电商")[0]
    assert best.id == "ecom"
    assert "e-commerce" in best.reason


def test_reason_without_shared_terms_mentions_the_sector():
    m = TfidfMatcher().fit(
        ["a"], ["bakery"], attributes=[{"sectors": ["food"]}], sector_labels={"food": "Food"}
    )
    assert m.query("", sectors=["food"])[0].reason == "Sector: Food"


def test_hyphenated_phrase_is_shown_as_written(matcher):
    best = matcher.query("cross border ecommerce")[0]
    assert best.terms[0] == "cross-border e-commerce"
    assert best.reason.startswith("Shares cross-border e-commerce (")
