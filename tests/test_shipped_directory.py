"""The directory in data/ describes real organisations from the articles, and nothing else."""

import json
import re
from pathlib import Path

import pytest

from matcher.services.record_checks import Known, validate_records
from matcher.services.records import FIELDS, read_json

DATA = Path(__file__).resolve().parent.parent / "data"
# Sources name the background articles by their file names, e.g. "000_9608c694467ce2fc.txt".
ARTICLE = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")

REQUIRED = {
    "CHINT Intelligent Electrical Industry Park": "park",
    "Qifu Xinshang Science Park": "park",
    "Zhong'an Innovation Park": "park",
    "TUS Caohejing Science Park": "park",
    "Lingang Songjiang Science and Technology City": "park",
    "5808 Live Streaming Base": None,
    "G60 Innovation Research Center": None,
    "Belt and Road Teaching and Practice Base": None,
    "G60 Xuancheng Sci-Tech Center": "enclave",
    "Yangtze River Delta G60 Jinhua (Shanghai) S&T Innovation Center": "enclave",
    "Huasun New Energy": "company",
    "Anhui Aoji": "company",
    "Advanced Photovoltaic Research Institute": "institute",
    "Conch Building Photovoltaic": "company",
    "Kaisheng New Energy": "company",
    "G60 Sci-Tech Roadshow Center Consortium": None,
    "G60 Sci-Tech Cloud": "platform",
    "G60 Technology Transfer Promotion Center": None,
    "G60 Starlink": None,
    "Starpower Semiconductor": "company",
    "Zhengcheng Technology": "company",
    "Hengtong Group": "company",
    "LandSpace": "company",
    "Jingrui New Materials": "company",
    "Huadong Optoelectronics": "company",
    "iFlytek": "company",
    "Xiangjiadang High-level Sci-tech Lake District": None,
    "Xiangfudang Sci-tech Green Valley": None,
    "Tian'e Lake Future Science City": None,
    "Juanhu International Science and Technology City": None,
    "G60 Science and Technology Achievement Transformation Fund": "fund",
    "Huihe Medical": "company",
    "Donghua University College of Excellent Engineers": None,
    "New Material Industry Technology Innovation Alliance": "alliance",
    "G60 Joint Office": None,
}


@pytest.fixture(scope="module")
def records():
    return json.loads((DATA / "organisations.json").read_text(encoding="utf-8"))["organisations"]


def test_every_organisation_the_articles_name_is_shipped(records):
    by_name = {r["name"]: r for r in records}
    missing = sorted(set(REQUIRED) - set(by_name))
    assert not missing
    for name, kind in REQUIRED.items():
        if kind:
            assert by_name[name]["kind"] == kind, name


def test_shipped_file_passes_the_import_validation():
    rows = read_json((DATA / "organisations.json").read_text(encoding="utf-8"))
    accepted, errors = validate_records(rows, known=Known())
    assert errors == []
    assert len(accepted) == len(rows) >= len(REQUIRED)


def test_every_record_cites_an_article_and_invents_no_contact(records):
    for record in records:
        assert set(record) <= set(FIELDS)
        cited = [s.strip() for s in record["source"].split(";") if s.strip()]
        assert cited, record["name"]
        assert all(ARTICLE.fullmatch(source) for source in cited), record["name"]
        # Contacts are never made up: the articles give none for any organisation.
        assert not record["private_contact"] and not record["public_contact"], record["name"]
        assert record["description"].strip(), record["name"]


def test_enclaves_name_the_city_they_represent(records):
    enclaves = {r["name"]: r for r in records if r["kind"] == "enclave"}
    assert enclaves["G60 Xuancheng Sci-Tech Center"]["home_city"] == "xuancheng"
    assert all(r["city"] == "songjiang" for r in enclaves.values())
