"""TfidfMatcher: rank organisations for a delegation interest, scikit-learn style."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Self

import numpy as np
from sklearn.exceptions import NotFittedError

from .analysis import Analyzer
from .attributes import Attributes
from .explain import TermNames, band, evidence, reason, shared_terms, strongest_fields
from .fuzzy import FuzzyVocabulary
from .glossary import load_glossary
from .index import build_postings
from .normalise import QUERY_CHAR_CAP
from .profile import PROFILE_FIELDS
from .results import Candidate, EmptyReason, QueryResult
from .stopwords import build_stop_words
from .scoring import Scorer
from .vectorise import QueryVector, QueryVectoriser

DEFAULT_FIELD_WEIGHTS = {
    "name": 1.0,
    "sectors": 1.5,
    "offers": 1.5,
    "seeks": 0.75,
    "description": 1.0,
}
# Rows scored together by query_many; bounds the memory of one sparse product.
_SMALL_DIRECTORY = 10_000

Filter = str | Iterable[str] | None


class TfidfMatcher:
    """Word uni+bigram TF-IDF over weighted profile fields, with glossary and typo tolerance.

    The interest is analysed like the profiles (glossary first, so Arabic, Chinese, French,
    Russian and Spanish terms reach the English vocabulary); documents are scored by cosine
    similarity over term postings, plus `sector_boost` times the share of ticked sectors a
    document has. Diversity: at most `max_per_group` candidates of one group (host park)
    among the top k; the others are pushed below them, not dropped.
    """

    def __init__(
        self,
        *,
        field_weights: Mapping[str, float] | None = None,
        default_field_weight: float = 1.0,
        sector_boost: float = 0.15,
        bigram_weight: float = 1.0,
        bigram_min_df: int | None = None,
        typo_similarity: float = 0.6,
        max_per_group: int = 2,
        max_query_chars: int = QUERY_CHAR_CAP,
        glossary: str | Path | None = None,
    ) -> None:
        self.field_weights = field_weights
        self.default_field_weight = default_field_weight
        self.sector_boost = sector_boost
        self.bigram_weight = bigram_weight
        self.bigram_min_df = bigram_min_df
        self.typo_similarity = typo_similarity
        self.max_per_group = max_per_group
        self.max_query_chars = max_query_chars
        self.glossary = glossary

    def fit(
        self,
        ids: Sequence[Any],
        texts: Sequence[str | Mapping[str, str]],
        *,
        attributes: Sequence[Mapping[str, Any]] | None = None,
        sector_labels: Mapping[str, str] | None = None,
        known_sectors: Iterable[str] = (),
        known_cities: Iterable[str] = (),
        known_kinds: Iterable[str] = (),
    ) -> Self:
        """Index the organisations; known_* widen the filter values accepted beyond those seen.

        :raises ValueError: when ids and texts (or attributes) differ in length, ids repeat,
            or a field weight is not positive.
        """
        if len(ids) != len(texts) or (attributes is not None and len(attributes) != len(ids)):
            raise ValueError("ids, texts and attributes must have the same length")
        if len(set(ids)) != len(ids):
            raise ValueError("ids must be unique")
        docs = [t if isinstance(t, Mapping) else {"text": t} for t in texts]
        weights = {**DEFAULT_FIELD_WEIGHTS, **(self.field_weights or {})}
        seen = {name for doc in docs for name in doc}
        names = [f for f in PROFILE_FIELDS if f in seen] + sorted(seen - set(PROFILE_FIELDS))
        field_weights = [float(weights.get(f, self.default_field_weight)) for f in names]
        if any(w <= 0 for w in field_weights):
            raise ValueError("field weights must be positive")
        stop_words = build_stop_words()
        analyzer = Analyzer(load_glossary(self.glossary, stop_words), stop_words)
        min_df = self.bigram_min_df
        if min_df is None:  # bigrams seen once only pay off in small directories
            min_df = 1 if len(docs) < _SMALL_DIRECTORY else 2
        postings = build_postings(analyzer, docs, names, field_weights, min_df)
        fuzzy = FuzzyVocabulary(
            (key, term)
            for key, term in postings.vocabulary.items()
            if len(key) >= 3 and key.isascii() and key.isalpha()
        )
        self.ids_ = list(ids)
        self.field_names_ = tuple(names)
        self.field_weights_ = tuple(field_weights)
        self.postings_ = postings
        # The term-major arrays read as the transpose in row-major form: no copy.
        self.scorer_ = Scorer(postings)
        self.vectoriser_ = QueryVectoriser(
            analyzer,
            postings,
            fuzzy,
            typo_similarity=self.typo_similarity,
            bigram_weight=self.bigram_weight,
            max_chars=self.max_query_chars,
        )
        self.attributes_ = Attributes.build(
            self.ids_,
            attributes,
            sector_labels=sector_labels or {},
            known_sectors=known_sectors,
            known_cities=known_cities,
            known_kinds=known_kinds,
            analyse=lambda text: analyzer.terms(text),
            vocabulary=postings.vocabulary,
        )
        return self

    def query(
        self,
        text: str | Mapping[str, str],
        k: int = 10,
        *,
        sectors: Iterable[str] = (),
        kind: Filter = None,
        city: Filter = None,
        sector: Filter = None,
        exclude: Iterable[Any] = (),
    ) -> QueryResult:
        """Top k organisations for one interest, best first, each with its reason.

        An empty result carries `reason` (empty text, no searchable words, no match, filters).
        :raises ValueError: for a sector, kind or city the directory does not know.
        """
        ticked, boost, allowed = self._conditions(sectors, kind, city, sector, exclude)
        vector = self.vectoriser_.vectorise(text)
        scores = self.scorer_.scores(vector)
        return self._rank(vector, scores, k, boost=boost, allowed=allowed, ticked=ticked)

    def query_many(
        self,
        texts: Iterable[str | Mapping[str, str]],
        k: int = 10,
        *,
        sectors: Iterable[str] = (),
        kind: Filter = None,
        city: Filter = None,
        sector: Filter = None,
        exclude: Iterable[Any] = (),
    ) -> list[QueryResult]:
        """Like `query` for many interests at once."""
        ticked, boost, allowed = self._conditions(sectors, kind, city, sector, exclude)
        results: list[QueryResult] = []
        for text in texts:
            vector = self.vectoriser_.vectorise(text)
            scores = self.scorer_.scores(vector)
            results.append(
                self._rank(vector, scores, k, boost=boost, allowed=allowed, ticked=ticked)
            )
        return results

    def _conditions(
        self, sectors: Iterable[str], kind: Filter, city: Filter, sector: Filter, exclude: Any
    ) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
        if not hasattr(self, "scorer_"):
            raise NotFittedError("This TfidfMatcher is not fitted yet; call fit() first.")
        attrs = self.attributes_
        ticked = attrs.sector_codes(sectors)
        allowed = attrs.allowed(kind=kind, city=city, sector=sector, exclude=exclude)
        boost = None
        if len(ticked) and self.sector_boost > 0:
            boost = (attrs.sector_scores(ticked) * self.sector_boost).astype(np.float32)
        return ticked, boost, allowed

    def _rank(
        self,
        vector: QueryVector,
        scores: np.ndarray,
        k: int,
        *,
        boost: np.ndarray | None,
        allowed: np.ndarray | None,
        ticked: np.ndarray,
    ) -> QueryResult:
        if vector.reason is not None and boost is None:
            return QueryResult(reason=vector.reason, truncated=vector.truncated)
        k = max(int(k), 0)
        pool = k * 4 + 16
        docs, values = self.scorer_.best(scores, pool, boost=boost, allowed=allowed)
        if len(docs) == 0:
            filtered = allowed is not None and (len(vector.terms) or boost is not None)
            reason = EmptyReason.FILTERED if filtered else EmptyReason.NO_MATCH
            return QueryResult(reason=reason, truncated=vector.truncated)
        chosen, chosen_scores = self.attributes_.diverse_top(docs, values, k, self.max_per_group)
        return QueryResult(
            self._candidates(vector, chosen, chosen_scores, float(values.max()), ticked),
            truncated=vector.truncated,
        )

    def _candidates(
        self,
        vector: QueryVector,
        docs: np.ndarray,
        scores: np.ndarray,
        best: float,
        ticked: np.ndarray,
    ) -> list[Candidate]:
        postings, attrs = self.postings_, self.attributes_
        shared, by_field = evidence(
            postings, docs, vector.terms, vector.weights, self.field_weights_
        )
        named = attrs.named_sectors(ticked, vector.unigrams)
        names = TermNames(postings)
        out = []
        for i, (doc, score) in enumerate(zip(docs.tolist(), scores.tolist())):
            terms = shared_terms(names, shared[i])
            fields = strongest_fields(by_field[i], self.field_names_)
            sectors = attrs.shared_sectors(doc, named)
            labels = [attrs.label(s) for s in sectors]
            out.append(
                Candidate(
                    id=self.ids_[doc],
                    score=score,
                    band=band(score, best),
                    terms=terms,
                    sectors=sectors,
                    fields=fields,
                    reason=reason(terms, fields, labels),
                )
            )
        return out
