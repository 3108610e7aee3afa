"""Which shared terms are evidence, and how a ranked pool becomes the list a delegate sees.

A term is *specific* when it says what an organisation does: not a number, not a word of the
reviewed list of generic business words (`data/generic_words.json`, six languages), and not
used by a large share of the directory (judged by document frequency once the directory is big
enough for that share to mean something). A partner is listed only with evidence: a sector the
interest ticked or named, or at least one specific shared term.

Bands are relative to the best candidate *and* absolute: "strong" needs a shared sector or two
specific terms, "good" at least one of them. The list is then ordered band by band, and the
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

from .index import BIGRAM_SHIFT, Postings
from .normalise import fold, normalise

GENERIC_WORDS_PATH = Path(__file__).parents[2] / "data" / "generic_words.json"
#: A word found in more than half the directory does not single an organisation out.
GENERIC_SHARE = 0.5
#: Document frequency means little in a handful of profiles; below this size only the list counts.
MIN_DOCS_FOR_SHARE = 100
#: Without a shared sector, a candidate scoring below this share of the best one is not
#: listed: the evidence has ended (0.3: bench/README.md, "Where the list ends").
RELATIVE_FLOOR = 0.3
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

    def __init__(self, postings: Postings, generic: frozenset[str] | None = None) -> None:
        self.postings = postings
        self.generic = generic_keys() if generic is None else generic
        self.n_uni = len(postings.vocabulary)
        self._known: dict[int, bool] = {}

    def __call__(self, term: int) -> bool:
        known = self._known.get(term)
        if known is None:
            known = self._known[term] = self._judge(term)
        return known

    def _common(self, term: int) -> bool:
        n = self.postings.n_docs
        if n < MIN_DOCS_FOR_SHARE:
            return False
        df = int(self.postings.indptr[term + 1] - self.postings.indptr[term])
        return df > GENERIC_SHARE * n

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


@dataclass(frozen=True, slots=True)
class Judged:
    """A pooled candidate with what the list needs to place it."""

    doc: int
    score: float
    specific_terms: int
    has_sector: bool

    @property
    def has_evidence(self) -> bool:
        return self.has_sector or self.specific_terms > 0


def band(item: Judged, best: float) -> str:
    """ "strong", "good" or "possible": relative to the best, and capped by the evidence."""
    if best <= 0 or not item.has_evidence:
        return "possible"
    ratio = item.score / best
    strong_evidence = item.has_sector or item.specific_terms >= 2
    if ratio >= STRONG and strong_evidence:
        return "strong"
    if ratio >= GOOD:
        return "good"
    return "possible"


def arrange(
    items: Sequence[Judged], groups: np.ndarray, k: int, cap: int
) -> list[tuple[Judged, str]]:
    """The listed candidates with their bands: evidence only, band by band, spread in a band.

    `items` are best first; `groups[doc]` is a document's host park (-1 for none). Inside each
    band at most `cap` of one park come first, the others follow in the same band (0: no cap).
    """
    listed = [i for i in items if i.has_evidence]
    if not listed or k <= 0:
        return []
    best = max(i.score for i in listed)
    listed = [i for i in listed if i.has_sector or i.score >= RELATIVE_FLOOR * best]
    banded = [(i, band(i, best)) for i in listed]
    out: list[tuple[Judged, str]] = []
    for name in BANDS:
        members = [pair for pair in banded if pair[1] == name]
        if cap > 0:
            first: list[tuple[Judged, str]] = []
            later: list[tuple[Judged, str]] = []
            seen: dict[int, int] = {}
            for pair in members:
                group = int(groups[pair[0].doc])
                if group >= 0 and seen.get(group, 0) >= cap:
                    later.append(pair)
                    continue
                seen[group] = seen.get(group, 0) + 1
                first.append(pair)
            members = first + later
        out += members
        if len(out) >= k:
            break
    return out[:k]
