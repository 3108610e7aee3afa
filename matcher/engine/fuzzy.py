"""Typo, plural and spelling tolerance: nearest vocabulary words by character n-grams.

Only the vocabulary (tens of thousands of words) is indexed by character n-grams, never the
documents, so a query pays for n-grams only for the few words the directory does not use.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable

import numpy as np

# Candidates checked for a small edit distance, and the similarity they need at least.
_SHORTLIST = 5
_EDIT_FLOOR = 0.3
_EDIT_TRUST = 0.6


def char_grams(word: str) -> list[str]:
    """Character 3- and 4-grams of a word padded with spaces, like char_wb in scikit-learn."""
    padded = f" {word} "
    return [padded[i : i + n] for n in (3, 4) for i in range(len(padded) - n + 1)]


class FuzzyVocabulary:
    """Cosine similarity of TF-IDF character n-gram vectors between a word and vocabulary words."""

    def __init__(self, words: Iterable[tuple[str, int]]) -> None:
        pairs = list(words)
        words_list = [w for w, _ in pairs]
        terms_list = [t for _, t in pairs]
        grams: dict[str, int] = {}
        gram_ids = array("i")
        lengths = array("i")
        terms = array("i")
        for word, term in pairs:
            ids = {grams.setdefault(g, len(grams)) for g in char_grams(word)}
            gram_ids.extend(sorted(ids))
            lengths.append(len(ids))
            terms.append(term)
        self.grams = grams
        self.terms = np.frombuffer(terms, np.int32)
        n_words = len(self.terms)
        col = np.frombuffer(gram_ids, np.int32)
        row = np.repeat(np.arange(n_words, dtype=np.int32), np.frombuffer(lengths, np.int32))
        df = np.bincount(col, minlength=len(grams))
        self.idf = (np.log((1.0 + n_words) / (1.0 + df)) + 1.0).astype(np.float32)
        weight = self.idf[col]
        norms = np.sqrt(np.bincount(row, weights=weight.astype(np.float64) ** 2, minlength=n_words))
        norms[norms == 0] = 1.0
        weight = weight / norms[row].astype(np.float32)
        order = np.argsort(col, kind="stable")
        self.words_of_gram = row[order]
        self.weights = weight[order]
        self.indptr = np.zeros(len(grams) + 1, np.int64)
        np.cumsum(df, out=self.indptr[1:])
        self.n_words = n_words
        self.words = {int(t): w for w, t in zip(words_list, terms_list, strict=True)}

    def nearest(self, word: str, threshold: float) -> tuple[int, float] | None:
        """The vocabulary term most like word, with its similarity, if it reaches threshold.

        Below the threshold, a candidate still wins when it is a small edit away (one edit up
        to eight letters, two beyond: a swapped, missing, extra or wrong letter), as in
        "logisitcs" or "manufacutring", and shares enough n-grams; its similarity is then
        reported as at least _EDIT_TRUST.
        """
        candidates = self.similar(word, _SHORTLIST)
        if not candidates:
            return None
        term, similarity = candidates[0]
        if similarity >= threshold:
            return term, similarity
        allowed = 1 if len(word) <= 8 else 2
        for term, similarity in candidates:
            if similarity >= _EDIT_FLOOR and edit_distance(word, self.words[term]) <= allowed:
                return term, max(similarity, _EDIT_TRUST)
        return None

    def similar(self, word: str, n: int) -> list[tuple[int, float]]:
        """Up to n vocabulary terms by descending similarity (ties by term number)."""
        if self.n_words == 0:
            return []
        grams = char_grams(word)
        ids = sorted({self.grams[g] for g in grams if g in self.grams})
        if not ids:
            return []
        gram_ids = np.array(ids, np.int64)
        # Unseen n-grams still count in the query's length: they are evidence of difference.
        unseen = len(set(grams)) - len(ids)
        q = self.idf[gram_ids].astype(np.float64)
        q_norm = np.sqrt(float(q @ q) + unseen * float(np.log(1.0 + self.n_words) + 1.0) ** 2)
        starts, ends = self.indptr[gram_ids], self.indptr[gram_ids + 1]
        lengths = ends - starts
        offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
        positions = offsets + np.arange(int(lengths.sum()))
        sims = np.bincount(
            self.words_of_gram[positions],
            weights=self.weights[positions] * np.repeat(q / q_norm, lengths),
            minlength=self.n_words,
        )
        top = np.argpartition(-sims, min(n, len(sims)) - 1)[:n]
        top = top[np.lexsort((top, -sims[top]))]
        return [(int(self.terms[i]), float(sims[i])) for i in top if sims[i] > 0]


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, swaps."""
    if abs(len(a) - len(b)) > 2:
        return 3
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]
