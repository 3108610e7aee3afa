"""Inverted index: weighted TF-IDF postings over word unigrams and bigrams, one list per term."""

from __future__ import annotations

from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .analysis import Analyzer

#: A bigram's key is first_id * BIGRAM_SHIFT + second_id, so bigrams live in one int64 array.
BIGRAM_SHIFT = 1 << 32


@dataclass(frozen=True)
class Postings:
    """Term-major (CSC) TF-IDF matrix with, per posting, a bit mask of the fields it came from."""

    indptr: np.ndarray  # n_terms + 1, int64
    indices: np.ndarray  # document numbers, int32, ascending within a term
    data: np.ndarray  # float32 weights; each document row has unit length
    fields: np.ndarray  # bit f set when field f contains the term
    idf: np.ndarray  # float32 per term
    vocabulary: dict[str, int]  # unigram key → term number
    bigrams: np.ndarray  # sorted int64 keys of kept bigrams; term number = len(vocabulary) + rank
    display: list[str]  # readable surface per unigram term
    n_docs: int
    weighting: str  # "bm25" (saturated tf, length-normalised) or "tfidf" (cosine)
    saturation: float  # BM25 k1 + 1: the most one term can weigh, in units of its idf
    unseen_idf: float  # idf a word in no document would have
    # The same matrix document-major (CSR), read only for the k candidates' explanations.
    row_indptr: np.ndarray
    row_terms: np.ndarray
    row_data: np.ndarray
    row_fields: np.ndarray


def analyse_fields(
    analyzer: Analyzer, docs: Sequence[Mapping[str, str]], field_names: Sequence[str]
) -> tuple[dict[str, int], list[str], list[tuple[np.ndarray, np.ndarray]]]:
    """Analyse every field of every document into unigram term numbers, growing the vocabulary."""
    vocabulary: dict[str, int] = {}
    display: list[str] = []
    per_field = []
    terms_of = analyzer.terms
    for name in field_names:
        flat = array("i")
        lengths = array("i")
        for doc in docs:
            text = doc.get(name)
            if not text:
                lengths.append(0)
                continue
            ids = []
            for key, surface in terms_of(text):
                if not key:
                    ids.append(-1)  # a break between non-adjacent words
                    continue
                term = vocabulary.get(key)
                if term is None:
                    term = vocabulary[key] = len(display)
                    display.append(surface)
                ids.append(term)
            flat.extend(ids)
            lengths.append(len(ids))
        per_field.append((np.frombuffer(flat, dtype=np.int32), np.frombuffer(lengths, np.int32)))
    return vocabulary, display, per_field


def build_postings(
    analyzer: Analyzer,
    docs: Sequence[Mapping[str, str]],
    field_names: Sequence[str],
    field_weights: Sequence[float],
    bigram_min_df: int,
    *,
    weighting: str = "bm25",
    k1: float = 1.2,
    b: float = 0.75,
) -> Postings:
    """Build the index over the weighted sum of fields.

    "bm25": BM25F-style: field-weighted term counts and lengths, saturated by k1 and
    normalised by b, times the BM25 idf. "tfidf": sublinear tf per field, idf, unit rows.
    """
    if weighting not in ("bm25", "tfidf"):
        raise ValueError(f"Unknown weighting {weighting!r}; use 'bm25' or 'tfidf'")
    n = len(docs)
    vocabulary, display, per_field = analyse_fields(analyzer, docs, field_names)
    n_uni = len(vocabulary)
    rows_of, bigram_keys, bigram_rows = [], [], []
    for flat, lengths in per_field:
        rows = np.repeat(np.arange(n, dtype=np.int32), lengths)
        same = (rows[1:] == rows[:-1]) & (flat[1:] >= 0) & (flat[:-1] >= 0)
        first = flat[:-1][same].astype(np.int64)
        bigram_keys.append(first * BIGRAM_SHIFT + flat[1:][same])
        bigram_rows.append(rows[:-1][same])
        words = flat >= 0
        rows_of.append(rows[words])
        per_field[len(rows_of) - 1] = (flat[words], lengths)
    all_keys = np.concatenate(bigram_keys) if bigram_keys else np.zeros(0, np.int64)
    bigrams, inverse = np.unique(all_keys, return_inverse=True)
    n_terms = n_uni + len(bigrams)
    weighted = sp.csr_matrix((n, n_terms), dtype=np.float32)
    masks = sp.csr_matrix((n, n_terms), dtype=np.float32)
    length = np.zeros(n)
    for f, rows in enumerate(rows_of):
        length += field_weights[f] * np.bincount(rows, minlength=n)
    offset = 0
    for f, (flat, _) in enumerate(per_field):
        count = len(bigram_keys[f])
        cols = np.concatenate([flat, inverse[offset : offset + count] + n_uni])
        rows = np.concatenate([rows_of[f], bigram_rows[f]])
        offset += count
        tf = sp.csr_matrix(
            (np.ones(len(cols), np.float32), (rows, cols)), shape=(n, n_terms), dtype=np.float32
        )
        tf.sum_duplicates()
        if weighting == "tfidf":
            np.log(tf.data, out=tf.data)
            tf.data += 1.0
        weighted = weighted + tf * np.float32(field_weights[f])
        tf.data[:] = float(1 << f)
        masks = masks + tf
    del per_field, rows_of, bigram_keys, bigram_rows, all_keys, inverse
    weighted = weighted.tocsc()
    masks = masks.tocsc()
    df = np.diff(weighted.indptr)
    keep = df > 0
    keep[n_uni:] &= df[n_uni:] >= bigram_min_df
    entry_keep = np.repeat(keep, df)
    counts = df[keep]
    indptr = np.zeros(len(counts) + 1, np.int64)
    np.cumsum(counts, out=indptr[1:])
    indices = weighted.indices[entry_keep].astype(np.int32)
    data = weighted.data[entry_keep]
    field_bits = masks.data[entry_keep].astype(np.uint8 if len(field_names) <= 8 else np.uint32)
    if weighting == "bm25":
        idf = np.log1p((n - counts + 0.5) / (counts + 0.5)).astype(np.float32)
        average = float(length.mean()) if n else 1.0
        norm = k1 * (1.0 - b + b * length / max(average, 1e-9))
        data = data * np.float32(k1 + 1.0) / (data + norm[indices].astype(np.float32))
        data *= np.repeat(idf, counts)
    else:
        idf = (np.log((1.0 + n) / (1.0 + counts)) + 1.0).astype(np.float32)
        data *= np.repeat(idf, counts)
        norms = np.sqrt(np.bincount(indices, weights=data.astype(np.float64) ** 2, minlength=n))
        norms[norms == 0] = 1.0
        data /= norms[indices].astype(np.float32)
    shape = (n, len(counts))
    rows = sp.csc_matrix((data, indices, indptr), shape=shape).tocsr()
    row_fields = sp.csc_matrix((field_bits, indices, indptr), shape=shape).tocsr()
    return Postings(
        row_indptr=rows.indptr.astype(np.int64),
        row_terms=rows.indices.astype(np.int32),
        row_data=rows.data,
        row_fields=row_fields.data,
        indptr=indptr,
        indices=indices,
        data=data,
        fields=field_bits,
        idf=idf,
        vocabulary=vocabulary,
        bigrams=bigrams[keep[n_uni:]],
        display=display,
        n_docs=n,
        weighting=weighting,
        saturation=k1 + 1.0,
        unseen_idf=float(np.log1p((n + 0.5) / 0.5) if weighting == "bm25" else np.log(1.0 + n) + 1),
    )


def bigram_terms(postings: Postings, keys: np.ndarray) -> np.ndarray:
    """Term numbers of bigram keys (first * BIGRAM_SHIFT + second); -1 where not indexed."""
    if len(postings.bigrams) == 0 or len(keys) == 0:
        return np.full(len(keys), -1, np.int64)
    pos = np.minimum(np.searchsorted(postings.bigrams, keys), len(postings.bigrams) - 1)
    found = postings.bigrams[pos] == keys
    return np.where(found, pos + len(postings.vocabulary), -1)
