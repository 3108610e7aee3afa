"""The typo look-up reads only rare n-grams' postings, yet answers as the full look-up does."""

import random

import pytest

from matcher.engine.fuzzy import FuzzyVocabulary, edit_distance

SYLLABLES = "ba be bi co da de di en er fo ga in io la le li ma mo ne no on or ra re ri sa se si st ta te ti tr un ve".split()  # noqa: E501
ENDINGS = ["", "s", "ing", "tion", "er", "ed", "ics", "al"]


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 5)))
        words.add(word + rng.choice(ENDINGS))
    return sorted(words)


def _misspell(rng: random.Random, word: str) -> str:
    i = rng.randrange(len(word))
    letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
    return rng.choice(
        [
            word[:i] + word[i + 1 :],
            word[:i] + letter + word[i:],
            word[:i] + letter + word[i + 1 :],
            word[:i] + word[i + 1 : i + 2] + word[i : i + 1] + word[i + 2 :],
        ]
    )


def _full_nearest(index: FuzzyVocabulary, word: str, threshold: float):
    """`nearest` as it was before the shortlist: from the top five of the whole vocabulary."""
    candidates = index.similar(word, 5)
    if not candidates:
        return None
    if candidates[0][2] >= threshold:
        return candidates[0][0], candidates[0][2]
    allowed = 0 if len(word) <= 4 else 1 if len(word) <= 8 else 2
    for term, _index, similarity in candidates if allowed else []:
        if similarity >= 0.3 and edit_distance(word, index.key_of(term)) <= allowed:
            return term, max(similarity, 0.6)
    return None


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_misspellings_get_the_full_look_ups_answer(seed, monkeypatch):
    rng = random.Random(seed)
    words = _vocabulary(rng, 4_000)
    index = FuzzyVocabulary.build(words, range(len(words)), words.__getitem__)
    queries = [_misspell(rng, rng.choice(words)) for _ in range(600)]
    queries += ["".join(rng.choice(SYLLABLES) for _ in range(3)) for _ in range(200)]
    expected = {(q, t): _full_nearest(index, q, t) for q in queries for t in (0.75, 0.5, 0.2)}
    full_look_ups = []
    similar = index.similar
    monkeypatch.setattr(index, "similar", lambda *a: full_look_ups.append(a) or similar(*a))
    assert {(q, t): index.nearest(q, t) for q, t in expected} == expected
    assert sum(v is not None for v in expected.values()) > len(expected) // 2
    # The shortlist was used, not the whole vocabulary, for most of them.
    assert len(full_look_ups) < len(expected) // 4


def test_an_index_stored_without_largest_weights_works_them_out(monkeypatch):
    rng = random.Random(4)
    words = _vocabulary(rng, 2_000)
    index = FuzzyVocabulary.build(words, range(len(words)), words.__getitem__)
    arrays = index.arrays()
    older = FuzzyVocabulary({k: v for k, v in arrays.items() if k != "largest"}, words.__getitem__)
    queries = [_misspell(rng, rng.choice(words)) for _ in range(200)]
    assert [older.nearest(q, 0.75) for q in queries] == [index.nearest(q, 0.75) for q in queries]
    assert (older.arrays()["largest"] == arrays["largest"]).all()


@pytest.mark.parametrize(
    ("typed", "meant", "edits"),
    [
        ("logisitcs", "logistics", 1),  # two neighbours swapped: one edit, not two
        ("manufacutring", "manufacturing", 1),
        ("logistcs", "logistics", 1),  # a letter missing
        ("logisstics", "logistics", 1),  # a letter extra
        ("west", "test", 1),
        ("biomedcine", "biomedicine", 1),
        ("cemical", "chemicals", 2),
        ("solar", "solar", 0),
        ("ca", "abc", 3),  # optimal string alignment: no edit of a swapped pair again
    ],
)
def test_edit_distance_counts_a_swap_as_one_edit(typed, meant, edits):
    assert edit_distance(typed, meant) == edits
