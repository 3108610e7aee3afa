"""Interests in Arabic, Chinese, French, Russian and Spanish reach English profiles."""

import pytest

from matcher.engine import load_glossary
from matcher.engine.normalise import fold, fold_arabic, normalise


@pytest.mark.parametrize(
    ("interest", "expected"),
    [
        ("跨境电商", "ecom"),
        ("我们希望寻找光伏组件供应商", "solar"),
        ("直播带货培训", "stream"),
        ("功率半导体和IGBT", "chips"),
        ("التجارة الإلكترونية عبر الحدود", "ecom"),
        ("الأَلْواح الشَّمْسِيَّة", "solar"),  # with short vowels (diacritics)
        ("ﺍﻟﻄﺎﻗﺔ ﺍﻟﺸﻤﺴﻴﺔ", "solar"),  # Arabic presentation forms
        ("commerce électronique transfrontalier", "ecom"),
        ("panneaux solaires photovoltaïques", "solar"),
        ("capital-risque pour jeunes pousses", "fund"),
        ("comercio electrónico transfronterizo", "ecom"),
        ("dispositivos médicos", "med"),
        ("трансграничная электронная торговля", "ecom"),
        ("солнечных панелей", "solar"),
        ("силовые полупроводники", "chips"),
    ],
)
def test_foreign_interest_finds_the_obvious_organisation(matcher, interest, expected):
    assert matcher.query(interest)[0].id == expected


def test_full_width_characters_are_folded(matcher):
    assert matcher.query("ＩＧＢＴ　ｍｏｄｕｌｅｓ")[0].id == "chips"


def test_mixed_scripts_in_one_interest(matcher):
    result = matcher.query("Solar 光伏 and التجارة الإلكترونية عبر الحدود, логистика 😀")
    assert {c.id for c in result[:2]} == {"solar", "ecom"}


def test_foreign_look_alike_does_not_rewrite_english_profiles(make_matcher):
    # "mode" is French for fashion; in an English profile it must stay "mode".
    m = make_matcher({"a": "a new business mode", "b": "fashion and textiles"})
    assert m.query("business mode")[0].id == "a"


def test_arabic_normalisation_unifies_letter_forms():
    assert normalise("أإآ") == "ااا"
    assert normalise("مدرسة") == "مدرسه"
    assert normalise("عـــلم") == "علم"
    assert fold_arabic("والتجاره") == fold_arabic("تجاره") == fold("والتجاره")
    assert fold("логистики") == fold("логистика")  # Snowball Russian


def test_chinese_is_segmented_by_longest_glossary_match():
    glossary = load_glossary()
    terms = [surface for _, surface in glossary.segment_chinese("跨境电商平台供应链")]
    assert "e-commerce" in terms and "supply" in terms


def test_shipped_glossary_covers_required_abbreviations():
    glossary = load_glossary()
    for abbreviation in ["pv", "ev", "nev", "ic", "ai", "igbt", "bipv", "r&d", "mou"]:
        assert (abbreviation,) in glossary.english, abbreviation


def test_lowercase_it_is_not_information_technology(make_matcher):
    m = make_matcher({"it": "IT services", "x": "it is a park with gardens"})
    assert m.query("IT outsourcing")[0].id == "it"
    assert m.query("gardens")[0].id == "x"


def test_an_english_word_is_not_taken_for_a_foreign_stem(make_matcher):
    # Spanish "publicidad" (marketing) stems to "public"; the English word "public" has no
    # ending to strip, so it is not an inflected "publicidad" and finds no marketing agency.
    m = make_matcher({"ads": "Marketing agency", "pv": "Solar roofs"})
    assert [c.id for c in m.query("solar roofs for public buildings")] == ["pv"]
    assert [c.id for c in m.query("publicidad")] == ["ads"]  # the variant itself
    assert [c.id for c in m.query("publicidades")] == ["ads"]  # an inflected form of it
