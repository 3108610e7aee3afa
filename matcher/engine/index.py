"""Inverted index: weighted TF-IDF postings over word unigrams and bigrams, one list per term."""

from __future__ import annotations

import ctypes
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .analysis import Analyzer
from .bulk import BulkAnalyzer
from .term_counts import ChunkPostings, chunk_postings, run_starts
from .vocabulary import Vocabulary

#: A bigram's key is first_id * BIGRAM_SHIFT + second_id, so bigrams live in one int64 array.
BIGRAM_SHIFT = 1 << 32
# mallopt(3) parameters
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3


@dataclass(frozen=True, eq=False)
class Postings:
    """Term-major (CSC) TF-IDF matrix with, per posting, a bit mask of the fields it came from."""

    indptr: np.ndarray  # n_terms + 1, int64
    indices: np.ndarray  # document numbers, int32, ascending within a term
    data: np.ndarray  # float32 weights
    fields: np.ndarray  # bit f set when field f contains the term (uint8, or uint32 past 8)
    idf: np.ndarray  # float32 per term
    vocabulary: Vocabulary  # unigram key → term number, with readable surfaces
    bigrams: np.ndarray  # sorted int64 keys of kept bigrams; term number = len(vocabulary) + rank
    n_docs: int
    weighting: str  # "bm25" (saturated tf, length-normalised) or "tfidf" (cosine)
    saturation: float  # BM25 k1 + 1: the most one term can weigh, in units of its idf
    unseen_idf: float  # idf a word in no document would have

    @property
    def n_terms(self) -> int:
        return len(self.indptr) - 1


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
    Postings are analysed chunk by chunk, then written straight into their place in the
    term-major arrays, so the build never holds a second copy of the index.
    """
    if weighting not in ("bm25", "tfidf"):
        raise ValueError(f"Unknown weighting {weighting!r}; use 'bm25' or 'tfidf'")
    n = len(docs)
    reuse_freed_memory()
    bulk = BulkAnalyzer(analyzer)
    chunks: list[tuple[ChunkPostings, ChunkPostings]] = []
    lengths = [np.zeros(0)]
    for uni, bi, length in chunk_postings(
        bulk, docs, field_names, field_weights, sublinear=weighting == "tfidf"
    ):
        chunks.append((uni, bi))
        lengths.append(length)
    length = np.concatenate(lengths)
    n_keys = len(bulk.keys)
    words, surfaces = bulk.keys, bulk.surfaces
    del bulk  # its token tables are the largest Python objects of the build
    analyzer.forget_tokens()
    uni_df = np.zeros(n_keys, np.int64)
    for uni, _ in chunks:
        uni_df += np.bincount(uni.keys, minlength=n_keys)
    used = np.flatnonzero(uni_df)
    n_uni = len(used)
    key_term = np.full(n_keys, -1, np.int64)
    key_term[used] = np.arange(n_uni)
    pairs = np.concatenate([bi.keys for _, bi in chunks] or [np.zeros(0, np.int64)])
    # In place: a bigram's postings are one per profile, so a run is its df. Each chunk's keys
    # come sorted, and a stable sort (timsort) merges such runs.
    pairs.sort(kind="stable")
    starts = run_starts(pairs)
    pair_df = np.diff(np.append(starts, len(pairs)))
    pairs = pairs[starts]
    kept = pairs[pair_df >= bigram_min_df]
    kept_df = pair_df[pair_df >= bigram_min_df]
    del pairs, pair_df
    mapped = (key_term[kept >> 32] << 32) | key_term[kept & (BIGRAM_SHIFT - 1)]
    order = np.argsort(mapped, kind="stable")
    kept_rank = np.empty(len(kept), np.int64)
    kept_rank[order] = np.arange(len(kept))
    # Word numbers become term numbers and rare bigrams go, before the index takes memory.
    terms_of = [_as_terms(uni, bi, key_term, kept, n_uni + kept_rank) for uni, bi in chunks]
    del chunks
    counts = np.concatenate([uni_df[used], kept_df[order]])
    n_terms = len(counts)
    indptr = np.zeros(n_terms + 1, np.int64)
    np.cumsum(counts, out=indptr[1:])
    if weighting == "bm25":
        idf = np.log1p((n - counts + 0.5) / (counts + 0.5)).astype(np.float32)
        norm = k1 * (1.0 - b + b * length / max(float(length.mean()) if n else 1.0, 1e-9))
    else:
        idf = (np.log((1.0 + n) / (1.0 + counts)) + 1.0).astype(np.float32)
    field_type = np.uint8 if len(field_names) <= 8 else np.uint16
    indices = np.empty(int(indptr[-1]), np.int32)
    data = np.empty(int(indptr[-1]), np.float32)
    fields = np.empty(int(indptr[-1]), field_type)
    fill = indptr[:-1].copy()
    terms_of.reverse()
    while terms_of:  # each chunk is freed once written, and its memory handed back
        chunk = terms_of.pop()
        if len(terms_of) % 8 == 0:
            release_free_memory()
        terms = chunk.keys
        owners = chunk.docs.astype(np.int32) + chunk.first
        values = chunk.values.astype(np.float32)
        masks = chunk.masks.astype(field_type)
        del chunk
        if weighting == "bm25":
            values = values * np.float32(k1 + 1.0) / (values + norm[owners].astype(np.float32))
            values *= idf[terms]
        else:
            values *= idf[terms]
            first = int(owners.min()) if len(owners) else 0
            local = owners - first
            norms = np.sqrt(np.bincount(local, weights=values.astype(np.float64) ** 2))
            norms[norms == 0] = 1.0
            values /= norms[local].astype(np.float32)
        # A chunk's postings come by term, then profile (unigrams, then bigrams): each term's
        # run goes to the next free slots of its list, in the order it comes.
        starts = run_starts(terms)
        run = np.diff(np.append(starts, len(terms)))
        slots = np.repeat(fill[terms[starts]] - starts, run) + np.arange(len(terms))
        indices[slots] = owners
        data[slots] = values
        fields[slots] = masks
        fill[terms[starts]] += run
    keys = np.array(words, dtype=object)[used].tolist()
    shown = np.array(surfaces, dtype=object)[used].tolist()
    shown = [s or k for s, k in zip(shown, keys, strict=True)]
    return Postings(
        indptr=indptr,
        indices=indices,
        data=data,
        fields=fields,
        idf=idf,
        vocabulary=Vocabulary.build(keys, shown),
        bigrams=mapped[order],
        n_docs=n,
        weighting=weighting,
        saturation=k1 + 1.0,
        unseen_idf=float(np.log1p((n + 0.5) / 0.5) if weighting == "bm25" else np.log(1.0 + n) + 1),
    )


def _as_terms(
    uni: ChunkPostings,
    bi: ChunkPostings,
    key_term: np.ndarray,
    kept: np.ndarray,
    kept_term: np.ndarray,
) -> ChunkPostings:
    """A chunk's postings by term number (int32): unigrams, then the bigrams that are kept."""
    pos = np.minimum(np.searchsorted(kept, bi.keys), max(len(kept) - 1, 0))
    found = kept[pos] == bi.keys if len(kept) else np.zeros(len(bi.keys), bool)
    terms = np.concatenate([key_term[uni.keys], kept_term[pos[found]]]).astype(np.int32)
    values = np.concatenate([uni.values, bi.values[found]])
    return ChunkPostings(
        first=uni.first,
        docs=np.concatenate([uni.docs, bi.docs[found]]),
        keys=terms,
        values=values,
        masks=np.concatenate([uni.masks, bi.masks[found]]),
    )


def reuse_freed_memory() -> None:
    """Let glibc reuse freed blocks of up to 32 MB rather than unmap them: the build frees and
    allocates arrays of a few MB per chunk, and fresh pages cost a page fault each (a third
    of the build's CPU time went to them). 32 MB is the highest threshold glibc's own
    adjustment reaches; `release_free_memory` still hands free pages back."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(_M_MMAP_THRESHOLD, 32 << 20)
        libc.mallopt(_M_TRIM_THRESHOLD, 64 << 20)
    except (OSError, AttributeError):  # not glibc: nothing to do
        pass


def release_free_memory() -> None:
    """Hand the build's freed temporary memory back to the system: glibc keeps freed heap
    pages mapped otherwise, and a worker would carry the build's peak for its lifetime."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to do
        pass


def bigram_terms(postings: Postings, keys: np.ndarray) -> np.ndarray:
    """Term numbers of bigram keys (first * BIGRAM_SHIFT + second); -1 where not indexed."""
    if len(postings.bigrams) == 0 or len(keys) == 0:
        return np.full(len(keys), -1, np.int64)
    pos = np.minimum(np.searchsorted(postings.bigrams, keys), len(postings.bigrams) - 1)
    found = postings.bigrams[pos] == keys
    return np.where(found, pos + len(postings.vocabulary), -1)
