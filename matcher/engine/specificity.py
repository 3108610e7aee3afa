"""Which shared terms are evidence, and how a ranked pool becomes the list a delegate sees.

A term is *evidence* when it says something about what an organisation does: not a number, not
a word of the reviewed list of generic business words (`data/generic_words.json`, six
languages), and not used by more than half of the directory. Among those, a word is *broad*
when the directory shows it names no field of its own: used by more than a third of the
organisations, or spread over sectors so that no sector holds two thirds of the organisations
using it ("research", "manufacturing", "capital"). A phrase is judged by its own spread and
document frequency ("venture capital" stays specific while "capital" is broad).

A partner is listed only with evidence: a sector the interest ticked or named with a word that
is not spread over sectors, or a shared term. A named sector held by more than a third of the
directory ("industrial parks") is broad like a word: it does not list a partner on its own,
the partner's shared words are judged instead; a ticked sector always counts. A partner whose
shared words are all broad needs to be near the best (BROAD_FLOOR), unless broad words are all
the interest shares with the directory: then they are its subject ("advanced materials") and
the usual floor applies.

Bands are relative to the best candidate *and* absolute: "strong" needs a shared sector or two
shared words, "good" at least one of them. The list is then ordered band by band, and the
host-park spread applies only inside a band, so diversity never puts a weaker partner above a
stronger one.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from .index import BIGRAM_SHIFT, Postings
from .normalise import GENERIC_WORDS_PATH, fold, normalise

#: A word found in more than half the directory does not single an organisation out.
GENERIC_SHARE = 0.5
#: Document frequency means little in a handful of profiles; below this size only the list counts.
MIN_DOCS_FOR_SHARE = 100
#: A word used by more than this share of the directory is broad (from MIN_DOCS_FOR_BREADTH on).
BROAD_SHARE = 1 / 3
MIN_DOCS_FOR_BREADTH = 20
#: A word is broad when no sector holds this share of the organisations using it (judged once
#: MIN_SPREAD_DF organisations use it: two may share a sector by chance).
SECTOR_COHERENCE = 2 / 3
MIN_SPREAD_DF = 3
#: Without a shared sector, a candidate scoring below this share of the best one is not
#: listed: the evidence has ended. A third: the middle of the range where no graded partner
#: falls off (bench/README.md, "Where the list ends").
RELATIVE_FLOOR = 1 / 3
#: A candidate sharing only broad words (no sector, no specific word) needs this share.
BROAD_FLOOR = 0.45
STRONG, GOOD = 0.75, 0.45
BANDS = ("strong", "good", "possible")


@cache
def generic_keys(path: Path = GENERIC_WORDS_PATH) -> frozenset[str]:
    """Index keys of the reviewed generic words of every language."""
    data = json.loads(path.read_text(encoding="utf-8"))
    keys: set[str] = set()
    for language, words in data.items():
        if language == "about":
            continue
        for word in words:
            text = normalise(word).lower()
            keys.update((text, fold(text)))
    return frozenset(keys)


class Specificity:
    """Per-term judgement of specificity, cached while a fitted index lives."""

    def __init__(
        self,
        postings: Postings,
        generic: frozenset[str] | None = None,
        doc_sectors: sp.csr_matrix | None = None,
    ) -> None:
        self.postings = postings
        self.generic = generic_keys() if generic is None else generic
        self.n_uni = len(postings.vocabulary)
        self.doc_sectors = doc_sectors
        self._known: dict[int, bool] = {}
        self._broad: dict[int, bool] = {}
        self._spread: dict[int, bool] = {}
        self._sector_sizes: np.ndarray | None = None
        self._sectors_of: SectorCounts | None = None
        # Plain views of the (possibly memory-mapped) arrays: a memmap wraps every item read.
        self._indptr = np.asarray(postings.indptr)
        self._indices = np.asarray(postings.indices)

    def __call__(self, term: int) -> bool:
        known = self._known.get(term)
        if known is None:
            known = self._known[term] = self._judge(term)
        return known

    def broad(self, term: int) -> bool:
        """True for evidence that names no field of its own (see the module's docstring)."""
        known = self._broad.get(term)
        if known is None:
            n, df = self.postings.n_docs, self._df(term)
            frequent = n >= MIN_DOCS_FOR_BREADTH and df > BROAD_SHARE * n
            known = self._broad[term] = frequent or self.spread(term)
        return known

    def broad_sector(self, code: int) -> bool:
        """True for a sector held by more than a third of the directory (industrial parks):
        naming it says as little as a broad word (from MIN_DOCS_FOR_BREADTH on)."""
        n = self.postings.n_docs
        if self.doc_sectors is None or n < MIN_DOCS_FOR_BREADTH:
            return False
        if self._sector_sizes is None:
            self._sector_sizes = np.asarray(self.doc_sectors.sum(axis=0)).ravel()
        return bool(self._sector_sizes[code] > BROAD_SHARE * n)

    def _df(self, term: int) -> int:
        return int(self._indptr[term + 1] - self._indptr[term])

    def _common(self, term: int) -> bool:
        n = self.postings.n_docs
        return n >= MIN_DOCS_FOR_SHARE and self._df(term) > GENERIC_SHARE * n

    def spread(self, term: int) -> bool:
        """True when the organisations using the term belong to unrelated sectors."""
        known = self._spread.get(term)
        if known is None:
            df = self._df(term)
            known = False
            if self.doc_sectors is not None and df >= MIN_SPREAD_DF:
                docs = self._indices[self._indptr[term] : self._indptr[term + 1]]
                if self._sectors_of is None:
                    self._sectors_of = SectorCounts(self.doc_sectors)
                per_sector = self._sectors_of(docs)
                known = bool(per_sector.size) and per_sector.max() < SECTOR_COHERENCE * df
            self._spread[term] = known
        return known

    def _judge(self, term: int) -> bool:
        if self._common(term):
            return False
        if term >= self.n_uni:  # a phrase counts when one of its words does
            first, second = divmod(int(self.postings.bigrams[term - self.n_uni]), BIGRAM_SHIFT)
            return self(first) or self(second)
        key = self.postings.vocabulary.key(term).strip("-")
        if not key or any(c.isdigit() for c in key):
            return False
        return key not in self.generic


#: Up to this many sectors per organisation, their codes are also kept as a dense table.
DENSE_SECTORS = 4


class SectorCounts:
    """How many of some documents have each sector (the sum of their rows of doc_sectors).

    When every organisation has at most DENSE_SECTORS sectors and the entries are ones, the
    codes are kept as a dense documents × DENSE_SECTORS table (padded with a spare code), so
    counting is one gather and one bincount; otherwise the sparse rows are read in place.
    """

    def __init__(self, doc_sectors: sp.csr_matrix) -> None:
        self.n_sectors = doc_sectors.shape[1]
        self.indptr = np.asarray(doc_sectors.indptr)
        self.indices = np.asarray(doc_sectors.indices)
        self.data = np.asarray(doc_sectors.data)
        sizes = np.diff(self.indptr)
        width = int(sizes.max(initial=0))
        self.table: np.ndarray | None = None
        self.packed: np.ndarray | None = None
        if 0 < width <= DENSE_SECTORS and np.all(self.data == 1):
            small = self.n_sectors < np.iinfo(np.int16).max
            code, wide = (np.int16, DENSE_SECTORS) if small else (np.int32, width)
            table = np.full((len(sizes), wide), self.n_sectors, code)
            rows = np.repeat(np.arange(len(sizes)), sizes)
            table[rows, np.arange(len(rows)) - self.indptr[rows]] = self.indices
            self.table = table
            if small and DENSE_SECTORS == 4:  # a row is one int64: gathered in half the time
                self.packed = table.view(np.int64).ravel()

    def __call__(self, docs: np.ndarray) -> np.ndarray:
        if self.packed is not None:
            codes = self.packed.take(docs).view(np.int16)
            return np.bincount(codes, minlength=self.n_sectors + 1)[: self.n_sectors]
        if self.table is not None:
            counts = np.bincount(self.table[docs].ravel(), minlength=self.n_sectors + 1)
            return counts[: self.n_sectors]
        lo, sizes = self.indptr[docs], self.indptr[docs + 1] - self.indptr[docs]
        total = int(sizes.sum())
        if not total:
            return np.zeros(self.n_sectors)
        # Positions of every entry of the rows: each row's start, then consecutive offsets.
        ends = np.cumsum(sizes)
        at = np.repeat(lo - ends + sizes, sizes) + np.arange(total)
        return np.bincount(self.indices[at], self.data[at], minlength=self.n_sectors)


@dataclass(frozen=True, slots=True)
class Judged:
    """A pooled candidate with what the list needs to place it."""

    doc: int
    score: float
    specific_terms: int
    has_sector: bool
    broad_terms: int = 0

    @property
    def has_evidence(self) -> bool:
        return self.has_sector or self.specific_terms > 0 or self.broad_terms > 0

    @property
    def only_broad(self) -> bool:
        return not (self.has_sector or self.specific_terms)


def arrange(
    items: Sequence[Judged], groups: np.ndarray, k: int, cap: int
) -> list[tuple[Judged, str]]:
    """The listed candidates with their bands: evidence only, band by band, spread in a band.

    `items` are best first; `groups[doc]` is a document's host park (-1 for none). Inside each
    band at most `cap` of one park come first, the others follow in the same band (0: no cap).
    """
    docs = np.array([i.doc for i in items], np.int64)
    chosen, bands = arrange_pool(
        np.array([i.score for i in items], np.float64),
        np.array([i.has_sector for i in items], bool),
        np.array([i.specific_terms for i in items], np.int64),
        np.array([i.broad_terms for i in items], np.int64),
        np.asarray(groups)[docs] if len(docs) else np.zeros(0, np.int64),
        k,
        cap,
    )
    return [(items[i], BANDS[b]) for i, b in zip(chosen.tolist(), bands.tolist(), strict=True)]


def arrange_pool(
    scores: np.ndarray,
    has_sector: np.ndarray,
    specific_terms: np.ndarray,
    broad_terms: np.ndarray,
    groups: np.ndarray,
    k: int,
    cap: int,
) -> tuple[np.ndarray, np.ndarray]:
    """`arrange` on a pool given as arrays (best first; `groups` per candidate): the listed
    candidates' positions in the pool, in order, and their bands (indices into BANDS).

    A pool is a few dozen candidates: plain lists beat NumPy's per-call overhead here."""
    none = np.zeros(0, np.int64)
    sector, specific, broad = has_sector.tolist(), specific_terms.tolist(), broad_terms.tolist()
    listed = [i for i, s in enumerate(sector) if s or specific[i] > 0 or broad[i] > 0]
    if not listed or k <= 0:
        return none, none
    score = scores.tolist()
    best = max(score[i] for i in listed)
    # Broad words back a partner on their own only near the best, unless they are all the
    # interest shares with the directory (then they are its subject).
    only_broad = [not (sector[i] or specific[i] > 0) for i in listed]
    broad_floor = BROAD_FLOOR if not all(only_broad) else RELATIVE_FLOOR
    per_band: tuple[list[int], list[int], list[int]] = ([], [], [])
    for i, alone in zip(listed, only_broad, strict=True):
        if not sector[i] and score[i] < (broad_floor if alone else RELATIVE_FLOOR) * best:
            continue
        band_ = 2
        if best > 0:
            ratio = score[i] / best
            if ratio >= STRONG and (sector[i] or specific[i] + broad[i] >= 2):
                band_ = 0
            elif ratio >= GOOD:
                band_ = 1
        per_band[band_].append(i)
    group, out, out_bands = groups.tolist(), [], []
    for band_, members in enumerate(per_band):
        if cap > 0:
            # The cap-th and later members of one park follow the others of the band.
            first: list[int] = []
            later: list[int] = []
            seen: dict[int, int] = {}
            for i in members:
                g = group[i]
                if g >= 0 and seen.get(g, 0) >= cap:
                    later.append(i)
                    continue
                seen[g] = seen.get(g, 0) + 1
                first.append(i)
            members = first + later
        out += members
        out_bands += [band_] * len(members)
        if len(out) >= k:
            break
    return np.array(out[:k], np.int64), np.array(out_bands[:k], np.int64)
