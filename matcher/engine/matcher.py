"""TfidfMatcher: rank organisations for a delegation interest, scikit-learn style."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any, Self, TypedDict, Unpack

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted

from .analysis import Analyzer
from .attributes import Attributes
from .fuzzy import FuzzyVocabulary, indexable
from .glossary import load_glossary
from .index import Postings, build_postings, release_free_memory
from .levers import Feedback, Latent, Levers
from .normalise import QUERY_CHAR_CAP
from .profile import PROFILE_FIELDS, profile_texts
from .ranking import Ranker, Selection
from .results import QueryResult
from .stopwords import build_stop_words
from .vectorise import QueryVectoriser

DEFAULT_FIELD_WEIGHTS = {
    "name": 1.0,
    "sectors": 1.5,
    "offers": 1.5,
    "seeks": 0.75,
    "description": 1.0,
}
_SMALL_DIRECTORY = 10_000

Filter = str | Iterable[str] | None


class QueryFilters(TypedDict, total=False):
    """What narrows a query, as `TfidfMatcher.query_many` takes it."""

    sectors: Iterable[str]
    kind: Filter
    city: Filter
    sector: Filter
    exclude: Iterable[Any]


class TfidfMatcher(BaseEstimator):
    """Word uni+bigram TF-IDF over weighted profile fields, with glossary and typo tolerance.

    Text: NFKC, accents and Arabic letter forms unified, Chinese segmented by the glossary,
    then by ICU words;
    glossary terms (six languages, abbreviations such as PV, EV, IGBT) become canonical
    English; stop words (with business filler) dropped; English words stemmed by Snowball after
    glossary matching (reviewed generic words keep their own key); bigrams never
    span punctuation or a stop word. Interest words the directory does not use are split
    ("crossborder") or mapped to the nearest vocabulary word by character 3-4-grams when the
    similarity reaches `typo_similarity`, or when it is one or two edits away.

    Score: BM25F over words and bigrams (field-weighted counts and lengths, `k1`, `b`; the
    fields weighted by `field_weights`, others by `default_field_weight`), or with
    `weighting="tfidf"` the cosine of sublinear TF-IDF vectors; plus `sector_boost` × the
    share of the ticked sectors the organisation has. Levers (bench/README.md has their
    measured effect): an interest of more than `phrase_terms` distinct words has its bigrams
    weighted phrase_terms / words; the lexical candidates are re-ranked by a blend
    (`latent_weight`) with the cosine of `latent_components` TruncatedSVD dimensions fitted
    on at most `latent_sample` organisations (0 turns either off); pseudo-relevance feedback
    (`feedback_docs` > 0) is off by default and not stored by `store.save`.

    Diversity: at most `max_per_group` organisations of one group (host park) among the top
    k; the others are pushed below them, not dropped (0 turns this off).

    Bad input never raises: the result is an empty `QueryResult` whose `reason` says why
    (empty text, only stop words or emoji, nothing shared, filters). Interest text beyond
    `max_query_chars` is cut (`QueryResult.truncated`). A kind, city or sector the directory
    does not know raises ValueError naming it.
    """

    def __init__(
        self,
        *,
        field_weights: Mapping[str, float] | None = None,
        default_field_weight: float = 1.0,
        sector_boost: float = 0.15,
        bigram_weight: float = 1.0,
        bigram_min_df: int | None = None,
        typo_similarity: float = 0.75,
        max_per_group: int = 2,
        max_query_chars: int = QUERY_CHAR_CAP,
        glossary: str | Path | None = None,
        weighting: str = "bm25",
        k1: float = 1.2,
        b: float = 0.75,
        phrase_terms: int = 4,
        feedback_docs: int = 0,
        feedback_terms: int = 20,
        feedback_weight: float = 0.5,
        feedback_floor: float = 0.0,
        latent_components: int = 64,
        latent_weight: float = 0.25,
        latent_sample: int = 20_000,
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
        self.weighting = weighting
        self.k1 = k1
        self.b = b
        self.phrase_terms = phrase_terms
        self.feedback_docs = feedback_docs
        self.feedback_terms = feedback_terms
        self.feedback_weight = feedback_weight
        self.feedback_floor = feedback_floor
        self.latent_components = latent_components
        self.latent_weight = latent_weight
        self.latent_sample = latent_sample

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
            a field weight is not positive, or the weighting is unknown.
        """
        if len(ids) != len(texts) or (attributes is not None and len(attributes) != len(ids)):
            raise ValueError("ids, texts and attributes must have the same length")
        if len(set(ids)) != len(ids):
            raise ValueError("ids must be unique")
        if self.weighting not in ("bm25", "tfidf"):
            raise ValueError(f"Unknown weighting {self.weighting!r}; use 'bm25' or 'tfidf'")
        docs = profile_texts(texts)
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
        postings = build_postings(
            analyzer,
            docs,
            names,
            field_weights,
            min_df,
            weighting=self.weighting,
            k1=self.k1,
            b=self.b,
        )
        analyzer.forget_tokens()
        fuzzy = _fuzzy_vocabulary(postings, large=len(docs) >= _SMALL_DIRECTORY)
        self.ids_ = _id_array(ids)
        self.field_names_ = tuple(names)
        self.field_weights_ = tuple(field_weights)
        self.postings_ = postings
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
        release_free_memory()  # the build's freed heap, before the levers allocate theirs
        self.levers_ = self._fit_levers(postings)
        self.ranker_ = Ranker(
            postings,
            self.attributes_,
            self.ids_,
            self.field_names_,
            self.field_weights_,
            self.max_per_group,
            self.levers_,
        )
        release_free_memory()
        return self

    def query(
        self, text: str | Mapping[str, str], k: int = 10, **filters: Unpack[QueryFilters]
    ) -> QueryResult:
        """Top k organisations for one interest, best first, each with its reason; ``filters``
        are `query_many`'s.

        An empty result carries `reason` (empty text, no searchable words, no match, filters).
        :raises ValueError: for a sector, kind or city the directory does not know.
        """
        return self.query_many([text], k, **filters)[0]

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
        """Like `query` for many interests at once; selection and evidence are vectorised."""
        check_is_fitted(self, "ranker_")
        attrs = self.attributes_
        ticked = attrs.sector_codes(sectors)
        allowed = attrs.allowed(kind=kind, city=city, sector=sector, exclude=exclude)
        boost = None
        if len(ticked) and self.sector_boost > 0:
            boost = (attrs.sector_scores(ticked) * self.sector_boost).astype(np.float32)
        vectors = [self.vectoriser_.vectorise(text) for text in texts]
        if self.levers_ is not None:
            vectors = [self.levers_.prepare(self.postings_, v) for v in vectors]
        return self.ranker_.rank(vectors, k, Selection(ticked, boost, allowed))

    def _fit_levers(self, postings: Postings) -> Levers | None:
        if self.phrase_terms <= 0 and self.feedback_docs <= 0 and self.latent_components <= 0:
            return None
        latent = feedback = None
        if self.latent_components > 0:
            latent = Latent.build(
                postings,
                dimensions=self.latent_components,
                weight=self.latent_weight,
                sample=self.latent_sample,
            )
        if self.feedback_docs > 0:
            feedback = Feedback.build(
                postings,
                docs=self.feedback_docs,
                terms=self.feedback_terms,
                weight=self.feedback_weight,
                floor=self.feedback_floor,
            )
        return Levers(max(self.phrase_terms, 0), latent, feedback)


def _fuzzy_vocabulary(postings: Postings, *, large: bool) -> FuzzyVocabulary:
    """Typo look-up over the directory's words, built when first needed (an interest with a
    word the directory does not use, or storing the index): most interests need none."""
    return FuzzyVocabulary.deferred(
        partial(_typo_words, postings, large), postings.vocabulary.spelling
    )


def _typo_words(postings: Postings, large: bool) -> tuple[list[str], list[int]]:
    """The words of the typo look-up and their terms; in a large directory, words of two or
    more organisations only (a word of one organisation is rarely what a misspelling meant)."""
    vocabulary = postings.vocabulary
    df = np.diff(postings.indptr[: len(vocabulary) + 1])
    candidates = np.flatnonzero(df > 1) if large else np.arange(len(vocabulary))
    spelled = [(vocabulary.spelling(term), term) for term in candidates.tolist()]
    kept = [(word, term) for word, term in spelled if indexable(word)]
    return [word for word, _ in kept], [term for _, term in kept]


def _id_array(ids: Sequence[Any]) -> np.ndarray:
    """Ids as a flat array: integers when they all are, text otherwise."""
    if all(isinstance(i, int | np.integer) and not isinstance(i, bool) for i in ids):
        return np.array(ids, np.int64)
    return np.array([str(i) for i in ids], dtype=str)
