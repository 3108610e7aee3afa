"""The typo look-up is built when an interest first needs it, once, and travels with the index."""

import pickle
import threading

from matcher.engine.store import load, save


def _built(matcher) -> bool:
    return matcher.vectoriser_.fuzzy._arrays is not None


def test_known_words_leave_the_typo_index_unbuilt(make_matcher):
    m = make_matcher({"a": "solar inverters", "b": "lithium batteries"})
    assert not _built(m)
    assert m.query("solar inverters")[0].id == "a"
    assert not _built(m)


def test_a_misspelt_word_builds_it_and_finds_the_word(make_matcher):
    m = make_matcher({"a": "semiconductor modules", "b": "lithium batteries"})
    assert m.query("semiconducter")[0].id == "a"
    assert _built(m)


def test_it_is_built_once_when_threads_ask_together(make_matcher):
    m = make_matcher({"a": "semiconductor modules", "b": "lithium batteries"})
    fuzzy = m.vectoriser_.fuzzy
    calls = []
    source = fuzzy._source
    fuzzy._source = lambda: calls.append(1) or source()
    threads = [threading.Thread(target=fuzzy.similar, args=("semiconducter", 3)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [1]


def test_pickling_and_storing_carry_it(make_matcher, tmp_path):
    m = make_matcher({"a": "semiconductor modules", "b": "lithium batteries"})
    copy = pickle.loads(pickle.dumps(m))
    assert _built(copy)
    assert copy.query("semiconducter")[0].id == "a"
    save(make_matcher({"a": "semiconductor modules", "b": "lithium batteries"}), tmp_path / "i", {})
    loaded = load(tmp_path / "i", {})
    assert _built(loaded)
    assert loaded.query("semiconducter")[0].id == "a"
