"""Typo, plural and spelling tolerance: nearest vocabulary words by character n-grams.

Only the vocabulary is indexed by character n-grams, never the documents, so a query pays
for n-grams only for the few words the directory does not use. Words are lowercase ASCII
letters, so an n-gram is a number in base 27 (space and a-z) and the index is plain arrays.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import numpy as np
from rapidfuzz.distance import OSA

from .index import release_free_memory

# Candidates checked for a small edit distance, and the similarity they need at least.
_SHORTLIST = 5
_EDIT_FLOOR = 0.3
_EDIT_TRUST = 0.6
_SHORT_WORD = 4
#: Common n-grams are set aside while a word can get at most this share of the floor from them.
_SET_ASIDE = 0.3
#: Longer words are left out of the n-gram index (no typo look-up for them).
MAX_WORD = 24
_BASE = 27
_FOUR = _BASE**3  # 4-gram codes follow the 3-gram codes
N_GRAMS = _FOUR + _BASE**4


def char_grams(word: str) -> list[str]:
    """Character 3- and 4-grams of a word padded with spaces, like char_wb in scikit-learn."""
    padded = f" {word} "
    return [padded[i : i + n] for n in (3, 4) for i in range(len(padded) - n + 1)]


def gram_code(gram: str) -> int:
    """Number of a 3- or 4-gram of spaces and a-z; -1 for any other character."""
    code = 0
    for c in gram:
        digit = 0 if c == " " else ord(c) - 96
        if not 0 <= digit < _BASE or (digit == 0 and c != " "):
            return -1
        code = code * _BASE + digit
    return code if len(gram) == 3 else _FOUR + code


def indexable(key: str) -> bool:
    """Whether a vocabulary key takes part in typo look-up."""
    return 3 <= len(key) <= MAX_WORD and key.isascii() and key.isalpha() and key.islower()


class FuzzyVocabulary:
    """Cosine similarity of TF-IDF character n-gram vectors between a word and vocabulary words.

    Made from its arrays, or `deferred`: then built on first use (the first interest with a
    word the directory does not use, or `arrays()` when the index is stored), once.
    """

    def __init__(self, arrays: dict[str, np.ndarray], key_of: Callable[[int], str]) -> None:
        self._arrays: dict[str, np.ndarray] | None = arrays
        self._source: Callable[[], tuple[Sequence[str], Sequence[int]]] | None = None
        self._lock = threading.Lock()
        self.key_of = key_of

    @classmethod
    def deferred(
        cls,
        source: Callable[[], tuple[Sequence[str], Sequence[int]]],
        key_of: Callable[[int], str],
    ) -> FuzzyVocabulary:
        """An index of the words `source()` gives (words, their terms), built when first used."""
        fuzzy = cls({}, key_of)
        fuzzy._arrays, fuzzy._source = None, source
        return fuzzy

    def _ready(self) -> dict[str, np.ndarray]:
        arrays = self._arrays
        if arrays is None:
            with self._lock:
                if self._arrays is None and self._source is not None:
                    words, terms = self._source()
                    self._arrays = _index_arrays(words, terms)
                    self._source = None
                    release_free_memory()
                arrays = self._arrays
        if arrays is None:  # a deferred index keeps its source until it is built
            raise RuntimeError("the typo look-up has neither its arrays nor their source")
        return arrays

    @property
    def terms(self) -> np.ndarray:
        """Vocabulary term of each indexed word."""
        return self._ready()["terms"]

    @property
    def n_words(self) -> int:
        return len(self._ready()["terms"])

    def arrays(self) -> dict[str, np.ndarray]:
        """The arrays that make the index, for storing (built now if deferred)."""
        return dict(self._ready())

    def __getstate__(self) -> dict:
        return {"arrays": self.arrays(), "key_of": self.key_of}

    def __setstate__(self, state: dict) -> None:
        self._arrays, self._source = state["arrays"], None
        self._lock = threading.Lock()
        self.key_of = state["key_of"]

    @classmethod
    def build(
        cls, words: Sequence[str], terms: Sequence[int] | np.ndarray, key_of: Callable[[int], str]
    ) -> FuzzyVocabulary:
        """Index words (each `indexable`) that are vocabulary terms `terms`."""
        return cls(_index_arrays(words, terms), key_of)

    def nearest(self, word: str, threshold: float) -> tuple[int, float] | None:
        """The vocabulary term most like word, with its similarity, if it reaches threshold.

        Below the threshold, a candidate still wins when it is a small edit away (none up to
        four letters, one up to eight, two beyond: a swapped, missing, extra or wrong letter),
        as in "logisitcs" or "manufacutring", and shares enough n-grams; its similarity is
        then reported as at least _EDIT_TRUST.
        """
        candidates = self._shortlist(word, min(threshold, _EDIT_FLOOR))
        if not candidates:
            return None
        term, similarity = candidates[0][0], candidates[0][2]
        if similarity >= threshold:
            return term, similarity
        # A short word one edit from another is usually a different word ("west", "test").
        allowed = 0 if len(word) <= _SHORT_WORD else 1 if len(word) <= 8 else 2
        if not allowed:
            return None
        for term, _index, similarity in candidates:
            if similarity >= _EDIT_FLOOR and edit_distance(word, self.key_of(term)) <= allowed:
                return term, max(similarity, _EDIT_TRUST)
        return None

    def similar(self, word: str, n: int) -> list[tuple[int, int, float]]:
        """Up to n (term, word index, similarity) by descending similarity (ties by index)."""
        query = self._query(word)
        if query is None:
            return []
        index = query[0]
        sims = _similarities(*query)
        top = np.argpartition(-sims, min(n, len(sims)) - 1)[:n]
        top = top[np.lexsort((top, -sims[top]))]
        return [(int(index["terms"][i]), int(i), float(sims[i])) for i in top if sims[i] > 0]

    def _query(self, word: str) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray] | None:
        """The index, the word's n-grams in the index (ascending) and their unit weights."""
        index = self._ready()
        n_words = len(index["terms"])
        if n_words == 0:
            return None
        grams = set(char_grams(word))
        codes = [c for c in map(gram_code, grams) if c >= 0]
        ids = sorted({c for c in codes if index["idf"][c] > 0})
        if not ids:
            return None
        gram_ids = np.array(ids, np.int64)
        # Unseen n-grams still count in the query's length: they are evidence of difference.
        unseen = len(grams) - len(ids)
        q = index["idf"][gram_ids].astype(np.float64)
        q_norm = np.sqrt(float(q @ q) + unseen * float(np.log(1.0 + n_words) + 1.0) ** 2)
        return index, gram_ids, q / q_norm

    def _shortlist(self, word: str, floor: float) -> list[tuple[int, int, float]]:
        """What `nearest` needs of `similar(word, _SHORTLIST)`: every word of similarity
        `floor` or more (the lesser of the threshold and _EDIT_FLOOR), in the same order and
        with the same similarities, reading few postings when that is enough.

        The query's n-grams with most postings are set aside while the most any word can get
        from them (the query's weight times the n-gram's largest weight in any word, summed,
        or the norm of those query weights, whichever is less) stays below _SET_ASIDE ×
        `floor`. A word is then below `floor` if its share from the other (rare) n-grams plus
        that bound is, which leaves out every word sharing none of them. The few words left
        are scored exactly, each n-gram's share added in the order `similar` adds them. When
        nothing can be set aside, every word is scored as `similar` scores them, and those
        reaching `floor` are ranked (no partition of the whole vocabulary).
        """
        query = self._query(word)
        if query is None:
            return []
        index, gram_ids, q = query
        # Plain views of the (possibly memory-mapped) arrays: a memmap wraps every slice.
        words_of_gram, weights = np.asarray(index["words_of_gram"]), np.asarray(index["weights"])
        starts, ends = index["indptr"][gram_ids].tolist(), index["indptr"][gram_ids + 1].tolist()
        common = np.argsort(np.subtract(starts, ends), kind="stable")  # most postings first
        by_largest = np.cumsum(q[common] * _largest_weights(index)[gram_ids[common]])
        bounds = np.minimum(by_largest, np.sqrt(np.cumsum(q[common] ** 2)))
        n_common = int(np.searchsorted(bounds, floor * _SET_ASIDE))
        if not n_common or n_common == len(common):
            # Every word scored as `similar` scores them; only those reaching the floor kept.
            every = _similarities(index, gram_ids, q)
            docs = np.flatnonzero(every >= floor)
            sims = every[docs]
        else:
            rare = common[n_common:].tolist()
            found = np.concatenate([words_of_gram[starts[g] : ends[g]] for g in rare])
            shares = np.concatenate([weights[starts[g] : ends[g]] * q[g] for g in rare])
            partial = np.bincount(found, weights=shares, minlength=len(index["terms"]))
            floor_left = floor - bounds[n_common - 1] - 1e-6
            docs = np.flatnonzero(partial >= floor_left).astype(np.int32)
            sims = np.zeros(len(docs))
            for g in range(len(gram_ids) if len(docs) else 0):
                postings = words_of_gram[starts[g] : ends[g]]  # ascending, like docs (int32)
                at = np.minimum(np.searchsorted(postings, docs), len(postings) - 1)
                hit = np.flatnonzero(postings[at] == docs)
                sims[hit] += weights[starts[g] + at[hit]].astype(np.float64) * q[g]
        top = np.lexsort((docs, -sims))[:_SHORTLIST]
        terms = index["terms"]
        return [(int(terms[docs[i]]), int(docs[i]), float(sims[i])) for i in top]


def _similarities(index: dict[str, np.ndarray], gram_ids: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Every indexed word's similarity to the query of n-grams gram_ids with unit weights q."""
    starts, ends = index["indptr"][gram_ids], index["indptr"][gram_ids + 1]
    lengths = ends - starts
    offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    positions = offsets + np.arange(int(lengths.sum()))
    return np.bincount(
        index["words_of_gram"][positions],
        weights=index["weights"][positions] * np.repeat(q, lengths),
        minlength=len(index["terms"]),
    )


def _index_arrays(words: Sequence[str], terms: Sequence[int] | np.ndarray) -> dict[str, np.ndarray]:
    """The n-gram index of words (each `indexable`) that are vocabulary terms `terms`."""
    n_words = len(words)
    width = MAX_WORD + 2
    padded = "".join(f" {w} ".ljust(width) for w in words).encode("ascii")
    chars = np.frombuffer(padded, np.uint8).reshape(n_words, width).astype(np.int64)
    chars = np.where(chars == 32, 0, chars - 96)
    length = np.array([len(w) for w in words], np.int64)
    codes, owners = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
    for n in (3, 4):
        for i in range(width - n + 1):
            valid = np.flatnonzero(i + n <= length + 2)
            code = np.zeros(len(valid), np.int64)
            for j in range(n):
                code = code * _BASE + chars[valid, i + j]
            codes.append(code + (_FOUR if n == 4 else 0))
            owners.append(valid)
    pairs = np.concatenate(owners) * N_GRAMS + np.concatenate(codes)
    pairs.sort()
    pairs = pairs[np.append(True, pairs[1:] != pairs[:-1])] if len(pairs) else pairs
    row, col = pairs // N_GRAMS, pairs % N_GRAMS
    df = np.bincount(col, minlength=N_GRAMS)
    idf = (np.log((1.0 + n_words) / (1.0 + df)) + 1.0).astype(np.float32)
    weight = idf[col]
    norms = np.sqrt(np.bincount(row, weights=weight.astype(np.float64) ** 2, minlength=n_words))
    norms[norms == 0] = 1.0
    weight = weight / norms[row].astype(np.float32)
    order = np.argsort(col, kind="stable")
    indptr = np.zeros(N_GRAMS + 1, np.int64)
    np.cumsum(df, out=indptr[1:])
    idf[df == 0] = 0.0
    weights = weight[order].astype(np.float32)
    return {
        "terms": np.asarray(terms, np.int32),
        "idf": idf,
        "indptr": indptr,
        "words_of_gram": row[order].astype(np.int32),
        "weights": weights,
        "largest": _gram_maxima(indptr, weights),
    }


def _largest_weights(index: dict[str, np.ndarray]) -> np.ndarray:
    """Each n-gram's largest weight in any word (computed here for an index stored without)."""
    largest = index.get("largest")
    if largest is None:
        largest = index["largest"] = _gram_maxima(index["indptr"], index["weights"])
    return largest


def _gram_maxima(indptr: np.ndarray, weights: np.ndarray) -> np.ndarray:
    largest = np.zeros(len(indptr) - 1, np.float32)
    used = np.flatnonzero(np.diff(indptr))
    if len(used):
        largest[used] = np.maximum.reduceat(np.asarray(weights), np.asarray(indptr[used]))
    return largest


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance (insertions, deletions, substitutions, swaps of two
    neighbours), from RapidFuzz's compiled implementation."""
    return OSA.distance(a, b)
