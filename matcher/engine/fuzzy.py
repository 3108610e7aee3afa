"""Typo, plural and spelling tolerance: nearest vocabulary words by character n-grams.

Only the vocabulary (tens of thousands of words) is indexed by character n-grams, never the
documents, so a query pays for n-grams only for the few words the directory does not use.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable

import numpy as np


def char_grams(word: str) -> list[str]:
    """Character 3- and 4-grams of a word padded with spaces, like char_wb in scikit-learn."""
    padded = f" {word} "
    return [padded[i : i + n] for n in (3, 4) for i in range(len(padded) - n + 1)]


class FuzzyVocabulary:
    """Cosine similarity of TF-IDF character n-gram vectors between a word and vocabulary words."""

    def __init__(self, words: Iterable[tuple[str, int]]) -> None:
        grams: dict[str, int] = {}
        gram_ids = array("i")
        lengths = array("i")
        terms = array("i")
        for word, term in words:
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

    def nearest(self, word: str, threshold: float) -> tuple[int, float] | None:
        """The vocabulary term most like word, with its similarity, if it reaches threshold."""
        if self.n_words == 0:
            return None
        ids = sorted({self.grams[g] for g in char_grams(word) if g in self.grams})
        if not ids:
            return None
        all_grams = set(char_grams(word))
        gram_ids = np.array(ids, np.int64)
        # Unseen n-grams still count in the query's length: they are evidence of difference.
        unseen = len(all_grams) - len(ids)
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
        best = int(np.argmax(sims))
        if sims[best] < threshold:
            return None
        return int(self.terms[best]), float(sims[best])
