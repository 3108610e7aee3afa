import json

import pytest

from matcher import reference
from matcher.reference import ReferenceDataError, cities, sectors

NINE = {
    "songjiang",
    "suzhou",
    "hangzhou",
    "huzhou",
    "jiaxing",
    "jinhua",
    "hefei",
    "wuhu",
    "xuancheng",
}


def test_shipped_taxonomy_is_labelled_in_every_language():
    shipped = sectors.load()
    assert 25 <= len(shipped) <= 40
    for sector in shipped:
        assert set(sector.labels) == set(reference.LANGUAGES)
        assert all(label.strip() for label in sector.labels.values())


def test_shipped_cities_are_the_nine_with_a_full_travel_table():
    shipped = cities.load()
    assert set(shipped.by_slug) == NINE
    for origin in NINE:
        for destination in NINE - {origin}:
            minutes = shipped.minutes(origin, destination)
            assert minutes == shipped.minutes(destination, origin) > 0
    # Songjiang to Hefei is over 400 km by road.
    assert shipped.minutes("songjiang", "hefei") > 240
    assert shipped.minutes("songjiang", "songjiang") == 0


def write(tmp_path, name, document):
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def labels(**overrides):
    return {lang: f"label {lang}" for lang in reference.LANGUAGES} | overrides


def test_duplicate_sector_is_named(tmp_path):
    path = write(
        tmp_path,
        "sectors.json",
        {"sectors": [{"slug": "solar", "labels": labels()}, {"slug": "solar", "labels": labels()}]},
    )
    with pytest.raises(ReferenceDataError, match=r"sector 2 \(solar\): slug: duplicate"):
        sectors.parse(path)


def test_sector_missing_a_language_is_named(tmp_path):
    document = {"sectors": [{"slug": "solar", "labels": labels(ar="")}]}
    path = write(tmp_path, "sectors.json", document)
    with pytest.raises(ReferenceDataError, match=r"\(solar\): labels: missing ar"):
        sectors.parse(path)


def test_travel_table_gap_is_named(tmp_path):
    city = {"names": {"en": "X"}, "latitude": 31, "longitude": 121}
    path = write(
        tmp_path,
        "cities.json",
        {
            "cities": [{"slug": "a", **city}, {"slug": "b", **city}],
            "travel": {"minutes": {"a": {"b": 30}}},
        },
    )
    with pytest.raises(ReferenceDataError, match="travel b -> a"):
        cities.parse(path)


def test_malformed_json_names_the_line(tmp_path):
    path = tmp_path / "cities.json"
    path.write_text('{\n  "cities": [\n  oops\n]}', encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"cities.json:3"):
        cities.parse(path)
