"""Interest text → weighted query terms, with glossary, compound splitting and typo tolerance."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import KW_ONLY, dataclass, field

import numpy as np

from .analysis import Analyzer
from .fuzzy import FuzzyVocabulary
from .index import BIGRAM_SHIFT, Postings, bigram_terms
from .normalise import fold, index_key, is_cjk
from .results import EmptyReason

# Fuzzy look-ups are cached per word; the cap keeps a long-running app's memory bounded.
_CACHE_CAP = 100_000
# Words the directory does not use that get a look-up; a pasted essay cannot cost more.
MAX_UNKNOWN_WORDS = 64


@dataclass(frozen=True)
class QueryVector:
    """The analysed interest: ascending term numbers and their weights, or why there are none."""

    terms: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    weights: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    unigrams: frozenset[int] = frozenset()
    reason: str | None = None
    truncated: bool = False


def interest_text(text: str | Mapping[str, str] | None) -> str:
    """Flatten a structured interest ({"offers": ..., "seeks": ...}) into one text."""
    if text is None:
        return ""
    if isinstance(text, Mapping):
        return "\n".join(str(v) for v in text.values() if v)
    return str(text)


@dataclass(eq=False)
class QueryVectoriser:
    """Analyses interests against a fitted index; the typo look-ups of unknown words are kept."""

    analyzer: Analyzer
    postings: Postings
    fuzzy: FuzzyVocabulary
    _: KW_ONLY
    typo_similarity: float
    bigram_weight: float
    max_chars: int
    _unknown: dict[str, tuple[tuple[int, float], ...]] = field(
        default_factory=dict, init=False, repr=False
    )

    def vectorise(self, text: str | Mapping[str, str] | None) -> QueryVector:
        """Analyse one interest; an empty vector carries the reason."""
        raw = interest_text(text)
        if not raw.strip():
            return QueryVector(reason=EmptyReason.EMPTY_TEXT)
        truncated = len(raw) > self.max_chars
        raw = raw[: self.max_chars]
        vocabulary = self.postings.vocabulary
        analysed = self.analyzer.terms(raw, vocabulary)
        if not analysed:
            return QueryVector(reason=EmptyReason.NO_WORDS, truncated=truncated)
        sequence: list[tuple[int, float]] = []
        unknown = missing = 0
        for key, surface in analysed:
            if not key:
                sequence.append((-1, 0.0))  # no bigram across a break
                continue
            term = vocabulary.get(key)
            if term is not None:
                sequence.append((term, 1.0))
            elif unknown < MAX_UNKNOWN_WORDS:
                unknown += 1
                resolved = self._resolve(key, surface)
                sequence.extend(resolved)
                missing += not resolved and not is_cjk(key)
        if not any(term >= 0 for term, _ in sequence):
            return QueryVector(reason=EmptyReason.NO_MATCH, truncated=truncated)
        return self._weigh(sequence, missing, truncated)

    def _weigh(
        self, sequence: list[tuple[int, float]], missing: int, truncated: bool
    ) -> QueryVector:
        """Weights of the interest's terms. Words no organisation uses (missing) count in the
        normalisation, so a score says how much of the interest an organisation covers."""
        # Interests are short: plain dictionaries beat numpy's per-call overhead here.
        counts: dict[int, int] = {}
        trust: dict[int, float] = {}
        pairs: dict[int, float] = {}
        pair_counts: dict[int, int] = {}
        previous, previous_trust = -1, 0.0
        for term, sure in sequence:
            if term >= 0:
                counts[term] = counts.get(term, 0) + 1
                trust[term] = max(trust.get(term, 0.0), sure)
                if previous >= 0:
                    key = previous * BIGRAM_SHIFT + term
                    pairs[key] = max(pairs.get(key, 0.0), min(sure, previous_trust))
                    pair_counts[key] = pair_counts.get(key, 0) + 1
            previous, previous_trust = term, sure
        uni = sorted(counts)
        bi_count: dict[int, int] = {}
        bi_trust: dict[int, float] = {}
        if pairs:
            keys = np.fromiter(pairs, np.int64, len(pairs))
            found = bigram_terms(self.postings, keys)
            for key, term in zip(keys.tolist(), found.tolist(), strict=False):
                if term >= 0:
                    bi_count[term] = pair_counts[key]
                    bi_trust[term] = pairs[key] * self.bigram_weight
        bi = sorted(bi_count)
        terms = np.array(uni + bi, np.int64)
        tf = np.array([counts[t] for t in uni] + [bi_count[t] for t in bi], np.float64)
        scale = np.array([trust[t] for t in uni] + [bi_trust[t] for t in bi], np.float64)
        idf = np.asarray(self.postings.idf)[terms]  # a plain view: no memmap wrapper
        unseen_idf = self.postings.unseen_idf
        if self.postings.weighting == "bm25":
            # The idf is in the postings; dividing by the best score a document could reach
            # keeps scores in [0, 1], on the scale of the sector boost and the bands.
            weights = (1.0 + np.log(tf)) * scale
            weights /= (float(weights @ idf) + missing * unseen_idf) * self.postings.saturation
        else:
            weights = (1.0 + np.log(tf)) * idf * scale
            weights /= np.sqrt(float(weights @ weights) + missing * unseen_idf**2)
        return QueryVector(
            terms=terms,
            weights=weights.astype(np.float32),
            unigrams=frozenset(uni),
            truncated=truncated,
        )

    def _resolve(self, key: str, surface: str) -> tuple[tuple[int, float], ...]:
        """Map a word the directory does not use to vocabulary terms: compound or near spelling.

        `key` is the word's index key (a stem); a compound is split on its folded form."""
        cached = self._unknown.get(key)
        if cached is not None:
            return cached
        resolved: tuple[tuple[int, float], ...] = ()
        word = fold(surface.lower().replace("-", ""))
        if len(word) >= 4 and word.isalpha() and not is_cjk(word):
            near = self.fuzzy.nearest(word, self.typo_similarity)
            if near is not None and near[1] >= 0.8:
                resolved = (near,)
            else:
                resolved = self._split(word) or ((near,) if near is not None else ())
        if len(self._unknown) < _CACHE_CAP:
            self._unknown[key] = resolved
        return resolved

    def _split(self, key: str) -> tuple[tuple[int, float], ...]:
        """ "crossborder" → cross + border, when both halves are directory words."""
        vocabulary = self.postings.vocabulary
        for i in range(3, len(key) - 2):
            left = vocabulary.get(index_key(key[:i]))
            if left is None:  # the right half's key (a stemming) is only needed after a left
                continue
            right = vocabulary.get(index_key(fold(key[i:])))
            if right is not None:
                return ((left, 1.0), (right, 1.0))
        return ()
