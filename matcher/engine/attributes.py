"""Organisation attributes: filters (kind, city, sector), sector evidence and group diversity."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.sparse as sp

from .glossary import Term

if TYPE_CHECKING:
    from .vocabulary import Vocabulary


def _as_values(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _same_type(values: Iterable[Any], dtype: np.dtype) -> list[Any]:
    """The values that can be ids of this dtype (others cannot name an organisation)."""
    if dtype.kind in "iu":
        return [v for v in values if isinstance(v, int | np.integer)]
    return [str(v) for v in values if v is not None]


@dataclass(frozen=True)
class _Codes:
    """A categorical attribute as integer codes, looked up case-insensitively."""

    name: str
    values: tuple[str, ...]
    codes: np.ndarray

    @classmethod
    def build(cls, name: str, per_doc: Sequence[str], known: Iterable[str]) -> _Codes:
        values = sorted({v for v in per_doc if v} | {v for v in known if v})
        index = {v: i for i, v in enumerate(values)}
        codes = np.array([index.get(v, -1) for v in per_doc], np.int32)
        return cls(name, tuple(values), codes)

    def lookup(self, value: str) -> int:
        folded = value.strip().casefold()
        for i, v in enumerate(self.values):
            if v.casefold() == folded:
                return i
        known = ", ".join(self.values) or "none"
        raise ValueError(f"Unknown {self.name} {value!r}; known: {known}")


@dataclass(frozen=True)
class Attributes:
    """Per-document kind, city, sectors and group, plus the sector vocabulary."""

    ids: np.ndarray  # the organisations' ids, in document order
    kinds: _Codes
    cities: _Codes
    sectors: _Codes
    doc_sectors: sp.csr_matrix  # documents × sectors, 1 where the document has the sector
    sector_terms: tuple[frozenset[int], ...]  # unigram terms that name each sector
    labels: dict[str, str]
    groups: np.ndarray  # group code per document, -1 for none
    tie_rank: np.ndarray  # position of each document's id in sorted order, breaks score ties

    @classmethod
    def build(
        cls,
        ids: Sequence[Any] | np.ndarray,
        attributes: Sequence[Mapping[str, Any]] | None,
        *,
        sector_labels: Mapping[str, str],
        known_sectors: Iterable[str],
        known_cities: Iterable[str],
        known_kinds: Iterable[str],
        analyse: Callable[[str], list[Term]],
        vocabulary: Mapping[str, int] | Vocabulary,
    ) -> Attributes:
        """Collect attributes; sectors named by the query text are recognised by their terms."""
        attrs = list(attributes) if attributes is not None else [{} for _ in ids]
        kinds = _Codes.build("kind", [str(a.get("kind") or "") for a in attrs], known_kinds)
        cities = _Codes.build("city", [str(a.get("city") or "") for a in attrs], known_cities)
        all_slugs = [str(s) for a in attrs for s in a.get("sectors") or ()]
        sectors = _Codes.build("sector", all_slugs, [*known_sectors, *sector_labels])
        index = {v: i for i, v in enumerate(sectors.values)}
        per_doc = np.fromiter((len(a.get("sectors") or ()) for a in attrs), np.int64, len(attrs))
        rows = np.repeat(np.arange(len(attrs)), per_doc)
        cols = np.array([index[s] for s in all_slugs], np.int64)
        doc_sectors = sp.csr_matrix(
            (np.ones(len(cols), np.float32), (rows, cols)), shape=(len(attrs), len(index))
        )
        doc_sectors.data[:] = 1.0  # a sector listed twice is still one sector
        labels = {s: sector_labels.get(s) or s.replace("-", " ") for s in sectors.values}
        sector_terms = []
        for slug in sectors.values:
            names = (labels[slug], slug.replace("-", " "))
            options = [{vocabulary.get(k, -1) for k, _ in analyse(n)} for n in names]
            sector_terms.append(min((o for o in options if o and -1 not in o), key=len, default=()))
        group_names = [str(a.get("group") or "") for a in attrs]
        group_index = {g: i for i, g in enumerate(sorted(set(group_names) - {""}))}
        return cls(
            ids=np.asarray(ids),
            kinds=kinds,
            cities=cities,
            sectors=sectors,
            doc_sectors=doc_sectors,
            sector_terms=tuple(frozenset(int(x) for x in t if x is not None) for t in sector_terms),
            labels=labels,
            groups=np.array([group_index.get(g, -1) for g in group_names], np.int32),
            tie_rank=np.argsort(np.argsort(np.array([str(i) for i in ids]), kind="stable")),
        )

    def sector_codes(self, slugs: Iterable[str]) -> np.ndarray:
        """Codes of the ticked sectors. :raises ValueError: for a slug the directory lacks."""
        return np.unique(np.array([self.sectors.lookup(s) for s in _as_values(slugs)], np.int64))

    def sector_scores(self, codes: np.ndarray) -> np.ndarray:
        """Per document, the share of the given sectors it has (0 to 1)."""
        counts = np.asarray(self.doc_sectors[:, codes].sum(axis=1)).ravel()
        return counts / max(len(codes), 1)

    def allowed(
        self, *, kind: Any = None, city: Any = None, sector: Any = None, exclude: Iterable[Any] = ()
    ) -> np.ndarray | None:
        """Boolean mask of documents passing the filters, or None when nothing is filtered."""
        mask = None
        for codes, value in ((self.kinds, kind), (self.cities, city)):
            wanted = [codes.lookup(v) for v in _as_values(value)]
            if wanted:
                hit = np.isin(codes.codes, wanted)
                mask = hit if mask is None else mask & hit
        wanted = [self.sectors.lookup(v) for v in _as_values(sector)]
        if wanted:
            hit = np.asarray(self.doc_sectors[:, wanted].sum(axis=1)).ravel() > 0
            mask = hit if mask is None else mask & hit
        excluded = _same_type(exclude, self.ids.dtype)
        if excluded:
            keep = ~np.isin(self.ids, np.array(excluded, dtype=self.ids.dtype))
            mask = keep if mask is None else mask & keep
        return mask

    def diverse_top(
        self, docs: np.ndarray, scores: np.ndarray, k: int, cap: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """Best k documents and scores (ties by id), at most cap per group, the rest pushed down."""
        pool = min(len(docs), k * 4 + 16)
        if pool < len(docs):
            part = np.argpartition(-scores, pool - 1)[:pool]
            part = np.flatnonzero(scores >= scores[part].min())
        else:
            part = np.arange(len(docs))
        order = part[np.lexsort((self.tie_rank[docs[part]], -scores[part]))]
        if cap > 0:
            chosen: list[int] = []
            pushed: list[int] = []
            per_group: dict[int, int] = {}
            for i, group in zip(order.tolist(), self.groups[docs[order]].tolist(), strict=False):
                if group >= 0 and per_group.get(group, 0) >= cap:
                    pushed.append(i)
                    continue
                per_group[group] = per_group.get(group, 0) + 1
                chosen.append(i)
                if len(chosen) == k:
                    break
            order = np.array((chosen + pushed)[:k], np.int64)
        order = order[:k]
        return docs[order], scores[order]

    def named_sectors(
        self,
        ticked: np.ndarray,
        unigrams: frozenset[int],
        broad: Callable[[int], bool] = lambda term: False,
    ) -> frozenset[int]:
        """Sector codes the interest ticked or names with all the words of the sector's name,
        one of them not `broad` ("research" alone does not name research and development)."""
        named = {
            s
            for s, terms in enumerate(self.sector_terms)
            if terms and terms <= unigrams and not all(broad(t) for t in terms)
        }
        return frozenset(named | set(ticked.tolist()))

    def shared_sectors(self, doc: int, named: frozenset[int]) -> tuple[str, ...]:
        """Slugs of the document's sectors among the named ones."""
        if not named:
            return ()
        lo, hi = self.doc_sectors.indptr[doc], self.doc_sectors.indptr[doc + 1]
        row = self.doc_sectors.indices[lo:hi].tolist()
        return tuple(self.sectors.values[s] for s in sorted(row) if s in named)

    def label(self, slug: str) -> str:
        """English label of a sector slug, for reasons."""
        return self.labels.get(slug, slug)
