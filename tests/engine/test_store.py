"""A fitted matcher on disk: mapped back unchanged; anything damaged or foreign is refused."""

import json
import pickle
import zlib

import numpy as np
import pytest

from matcher.engine import TfidfMatcher
from matcher.engine.store import MANIFEST, StoreError, load, save
from matcher.engine.vocabulary import hashes, key_hash

IDENTITY = {"database": "test", "version": 3}
QUERIES = [
    "solar inverters",
    "cross-border e-commerce platforms",
    "IGBT",
    "énergie solaire",
    # long: its bigrams weigh less (phrase_terms), and the latent blend re-ranks it
    "We look for partners in solar inverters, cross-border e-commerce platforms, IGBT power "
    "modules, textile fibre and logistics for electric vehicle batteries",
]


def _ranked(matcher):
    return [
        [(c.id, round(c.score, 6), c.terms, c.fields) for c in matcher.query(q)] for q in QUERIES
    ]


@pytest.fixture
def saved(matcher, tmp_path):
    folder = tmp_path / "index"
    save(matcher, folder, IDENTITY)
    return folder


def test_saved_matcher_maps_back_with_the_same_results(matcher, saved):
    loaded = load(saved, IDENTITY)
    assert _ranked(loaded) == _ranked(matcher)
    assert isinstance(loaded.postings_.indices, np.memmap)
    assert not loaded.postings_.indices.flags.writeable
    assert loaded.query("solar", sectors=["photovoltaics"], city="xuancheng")[0].id == "solar"


def test_latent_vectors_are_saved_and_mapped(matcher, saved):
    loaded = load(saved, IDENTITY)
    fresh, mapped = matcher.levers_.latent, loaded.levers_.latent
    assert fresh is not None and mapped is not None
    assert isinstance(mapped.doc_vectors, np.memmap) and not mapped.doc_vectors.flags.writeable
    assert np.array_equal(mapped.doc_vectors, fresh.doc_vectors)
    assert np.array_equal(mapped.components, fresh.components)
    assert loaded.levers_.phrase_terms == matcher.levers_.phrase_terms > 0


def test_latent_vectors_that_do_not_fit_are_refused(saved):
    path = saved / "latent.doc_vectors.npy"
    np.save(path, np.zeros((2, 3), np.float16))
    manifest = json.loads((saved / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"]["latent.doc_vectors"] = {
        "size": path.stat().st_size,
        "crc32": zlib.crc32(path.read_bytes()),
    }
    (saved / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(StoreError, match="latent"):
        load(saved, IDENTITY)


def test_a_matcher_with_feedback_is_not_saved(tmp_path):
    fitted = TfidfMatcher(feedback_docs=2).fit(["a", "b", "c"], ["solar", "wind", "solar wind"])
    with pytest.raises(StoreError, match="feedback"):
        save(fitted, tmp_path / "index", IDENTITY)
    assert not (tmp_path / "index").exists()


def test_levers_off_save_and_load(tmp_path):
    ids = list("abcd")
    texts = ["solar panels", "wind turbines", "solar wind hybrid", "battery storage"]
    fitted = TfidfMatcher(latent_components=0, phrase_terms=0).fit(ids, texts)
    save(fitted, tmp_path / "plain", IDENTITY)
    loaded = load(tmp_path / "plain", IDENTITY)
    assert loaded.levers_ is None and not (tmp_path / "plain" / "latent.components.npy").exists()
    assert [c.id for c in loaded.query("solar")] == [c.id for c in fitted.query("solar")]


def test_a_truncated_file_is_refused(saved):
    path = saved / "postings.data.npy"
    path.write_bytes(path.read_bytes()[:-9])
    with pytest.raises(StoreError, match="bytes"):
        load(saved, IDENTITY)


def test_an_altered_file_is_refused(saved):
    path = saved / "postings.indices.npy"
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="checksum"):
        load(saved, IDENTITY)


def test_another_version_is_refused(saved):
    with pytest.raises(StoreError, match="another directory version"):
        load(saved, {**IDENTITY, "version": 4})


@pytest.mark.parametrize("manifest", ["", "{not json", "[]", '{"format": 999}'])
def test_an_unreadable_or_foreign_manifest_is_refused(saved, manifest):
    (saved / MANIFEST).write_text(manifest, encoding="utf-8")
    with pytest.raises(StoreError):
        load(saved, IDENTITY)


def test_a_missing_file_or_folder_is_refused(saved, tmp_path):
    (saved / "vocabulary.key_blob.npy").unlink()
    with pytest.raises(StoreError):
        load(saved, IDENTITY)
    with pytest.raises(StoreError):
        load(tmp_path / "nowhere", IDENTITY)


def test_a_manifest_whose_arrays_do_not_fit_is_refused(saved):
    manifest = json.loads((saved / MANIFEST).read_text(encoding="utf-8"))
    manifest["facts"]["n_docs"] = 99
    (saved / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(StoreError):
        load(saved, IDENTITY)


def test_saving_over_an_existing_folder_fails_and_leaves_it(matcher, saved):
    before = sorted(p.name for p in saved.iterdir())
    with pytest.raises(OSError):
        save(matcher, saved, IDENTITY)
    assert sorted(p.name for p in saved.iterdir()) == before
    assert [p.name for p in saved.parent.iterdir()] == ["index"]  # no staging left behind


def test_fitted_and_loaded_matchers_pickle(matcher, saved):
    for fitted in (matcher, load(saved, IDENTITY)):
        copy = pickle.loads(pickle.dumps(fitted))
        assert _ranked(copy) == _ranked(matcher)


def test_empty_and_single_directories_save_and_load(tmp_path):
    for n, texts in enumerate(([], ["solar panels"], ["", "  "])):
        ids = [f"o{i}" for i in range(len(texts))]
        fitted = TfidfMatcher().fit(ids, texts)
        save(fitted, tmp_path / str(n), IDENTITY)
        loaded = load(tmp_path / str(n), IDENTITY)
        assert [c.id for c in loaded.query("solar")] == [c.id for c in fitted.query("solar")]


def test_manifest_describes_the_directory(saved):
    manifest = json.loads((saved / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["facts"]["n_docs"] == 6
    assert manifest["expected"] == IDENTITY


def test_word_hashes_are_stable_across_versions():
    """Stored vocabularies are looked up by these hashes: the bulk and single forms agree,
    and known words keep the values earlier indexes were stored with."""
    words = ["solar", "", "логистика", "光伏", "e-commerce", "x" * 300]
    assert hashes(words).tolist() == [key_hash(w) for w in words]
    assert hashes(words).dtype == np.uint64 and len(hashes([])) == 0
    assert key_hash("solar") == 1928021519883375463  # as stored by every earlier index
