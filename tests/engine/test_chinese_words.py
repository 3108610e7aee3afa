"""Chinese without spaces: ICU words outside the glossary match, names still match."""

from matcher.engine.glossary import load_glossary


def test_a_word_outside_the_glossary_reaches_its_organisation(make_matcher):
    m = make_matcher(
        {
            "scope": {"name": "Eastern Optics", "name_local": "东方显微镜厂"},
            "tea": {"name": "Tea Gardens", "name_local": "西湖茶园"},
        }
    )
    result = m.query("我们希望寻找显微镜合作伙伴")
    assert [c.id for c in result] == ["scope"]
    assert "显微镜" in result[0].terms


def test_no_match_across_a_word_boundary(make_matcher):
    # Character bigrams made "港松" of "临港松江"; ICU cuts 临港 | 松江.
    m = make_matcher({"city": {"name": "Lingang", "name_local": "临港松江"}, "x": "tea"})
    assert m.query("港松") == []


def test_names_icu_does_not_know_still_match_as_bigrams(make_matcher):
    m = make_matcher({"rocket": {"name": "LandSpace", "name_local": "蓝箭航天"}, "x": "tea"})
    assert [c.id for c in m.query("参观蓝箭")] == ["rocket"]


def test_the_segmenter_gives_words_and_keeps_glossary_terms_first():
    glossary = load_glossary()
    keys = [key for key, _ in glossary.segment_chinese("锂电池隔膜")]
    assert "隔膜" in keys and "隔膜"[0] not in keys
