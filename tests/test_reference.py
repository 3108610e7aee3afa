import json

import pytest

from matcher import reference
from matcher.reference import ReferenceDataError, parse_cities, parse_sectors

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
    sectors = reference.sectors()
    assert 25 <= len(sectors) <= 40
    for sector in sectors:
        assert set(sector.labels) == set(reference.LANGUAGES)
        assert all(label.strip() for label in sector.labels.values())


def test_shipped_cities_are_the_nine_with_a_full_travel_table():
    cities = reference.cities()
    assert set(cities.by_slug) == NINE
    for origin in NINE:
        for destination in NINE - {origin}:
            minutes = cities.minutes(origin, destination)
            assert minutes == cities.minutes(destination, origin) > 0
    # Songjiang to Hefei is over 400 km by road.
    assert cities.minutes("songjiang", "hefei") > 240
    assert cities.minutes("songjiang", "songjiang") == 0


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
        parse_sectors(path)


def test_sector_missing_a_language_is_named(tmp_path):
    document = {"sectors": [{"slug": "solar", "labels": labels(ar="")}]}
    path = write(tmp_path, "sectors.json", document)
    with pytest.raises(ReferenceDataError, match=r"\(solar\): labels: missing ar"):
        parse_sectors(path)


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
        parse_cities(path)


def test_malformed_json_names_the_line(tmp_path):
    path = tmp_path / "cities.json"
    path.write_text('{\n  "cities": [\n  oops\n]}', encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"cities.json:3"):
        parse_cities(path)
