"""Bulk profile analysis gives exactly the terms of analysing each profile on its own."""

import json
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.engine import term_counts
from matcher.engine.analysis import BREAK, Analyzer
from matcher.engine.bulk import BulkAnalyzer, _left_to_right
from matcher.engine.glossary import load_glossary
from matcher.engine.stopwords import build_stop_words

ROOT = Path(__file__).resolve().parents[2]
STOP = build_stop_words()
GLOSSARY = load_glossary(None, STOP)


def _one_by_one(analyzer: Analyzer, text: str) -> list[str | None]:
    return [None if term is BREAK else term[0] for term in analyzer.terms(text)]


def _in_bulk(bulk: BulkAnalyzer, texts: list[str]) -> list[list[str | None]]:
    terms, owners = bulk.analyse(texts)
    out: list[list[str | None]] = [[] for _ in texts]
    for term, owner in zip(terms.tolist(), owners.tolist(), strict=True):
        key = None if term < 0 else bulk.keys[term]
        if key is None and (not out[owner] or out[owner][-1] is None):
            continue  # breaks collapse, as in Analyzer.terms
        out[owner].append(key)
    for terms_of in out:
        if terms_of and terms_of[-1] is None:
            terms_of.pop()
    return out


def test_shipped_directory_analyses_the_same_in_bulk():
    data = json.loads((ROOT / "data" / "organisations.json").read_text(encoding="utf-8"))
    texts = [
        " ".join(str(o.get(f) or "") for f in ("name", "name_local", "offers", "description"))
        for o in data["organisations"]
    ]
    analyzer = Analyzer(GLOSSARY, STOP)
    assert _in_bulk(BulkAnalyzer(analyzer), texts) == [_one_by_one(analyzer, t) for t in texts]


WORDS = st.sampled_from(
    "solar PV photovoltaic energy storage cross-border e-commerce R&D the and of, . ; "
    "live streaming IGBT new energy vehicles 新能源 汽车 logística café naïve x-ray "
    "-lead trail- a--b & 42 \u00a0 \x00 \x1e \n".split(" ")
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(WORDS, max_size=30).map(" ".join), min_size=1, max_size=6))
def test_random_texts_analyse_the_same_in_bulk(texts):
    analyzer = Analyzer(GLOSSARY, STOP)
    expected = [_one_by_one(analyzer, t.replace("\x00", " ")) for t in texts]
    assert _in_bulk(BulkAnalyzer(analyzer), texts) == expected


def test_word_numbers_fit_their_arrays():
    bulk = BulkAnalyzer(Analyzer(GLOSSARY, STOP))
    terms, owners = bulk.analyse(["solar panels", "", "energy storage systems"])
    assert terms.dtype.kind == "i" and owners.dtype == np.int32
    assert sorted(set(owners[terms >= 0].tolist())) == [0, 2]


def test_packed_sort_keys_fit_in_int64():
    assert term_counts.CHUNK_DOCS <= 1 << term_counts._DOC_BITS
    assert term_counts._DOC_BITS + 2 * term_counts._KEY_BITS + term_counts._FIELD_BITS < 64


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(2, 5)), max_size=40))
def test_overlapping_phrases_are_resolved_left_to_right(spans):
    starts = np.array(sorted({s for s, _ in spans}), np.int64)
    length = dict(spans)
    ends = starts + np.array([length[s] for s in starts.tolist()], np.int64)
    expected, end = [], -1
    for start, stop in zip(starts.tolist(), ends.tolist(), strict=True):
        expected.append(start >= end)
        end = stop if start >= end else end
    assert _left_to_right(starts, ends).tolist() == expected
