"""Every sector label, in every language, reaches its partners in the shipped directory."""

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if not (ROOT / "data" / "organisations.json").exists():  # pragma: no cover
    pytest.skip("the shipped directory is not there yet", allow_module_level=True)

_spec = importlib.util.spec_from_file_location("bench_quality", ROOT / "bench" / "quality.py")
quality = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(quality)

ORGANISATIONS = json.loads((ROOT / "data" / "organisations.json").read_text("utf-8"))
SECTORS = json.loads((ROOT / "data" / "sectors.json").read_text("utf-8"))["sectors"]
LABELS = [
    (sector["slug"], lang, label)
    for sector in SECTORS
    for lang, label in sorted(sector["labels"].items())
    if any(sector["slug"] in o["sectors"] for o in ORGANISATIONS["organisations"])
]


@pytest.fixture(scope="module")
def matcher():
    return quality.fit_directory()


def test_every_sector_is_labelled_in_six_languages():
    for sector in SECTORS:
        assert set(sector["labels"]) == {"en", "zh", "fr", "es", "ar", "ru"}, sector["slug"]


@pytest.mark.parametrize(
    ("slug", "lang", "label"), LABELS, ids=[f"{s}-{lg}" for s, lg, _ in LABELS]
)
def test_a_sector_label_reaches_the_sectors_partners(matcher, slug, lang, label):
    members = {o["name"] for o in ORGANISATIONS["organisations"] if slug in o["sectors"]}
    top = [c.id for c in matcher.query(label, k=10)]
    assert top and top[0] in members, (label, top[:3])
    # Most of the sector's partners (all of them, up to ten) are on the list.
    assert len(members & set(top)) >= 0.8 * min(len(members), 10), (label, top)


@pytest.mark.parametrize(
    "text", ["коммерческая космонавтика", "astronautique", "astronáutica", "商业航天"]
)
def test_commercial_space_finds_the_space_partners(matcher, text):
    top = [c.id for c in matcher.query(text, k=10)]
    assert "LandSpace" in top, top
