"""Plain-words evidence for candidates: shared terms, the fields they came from, a band.

Evidence is read from the document-major copy of the index for the k chosen candidates only,
so explaining costs O(k × profile length), whatever the directory size.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .index import BIGRAM_SHIFT, Postings
from .vectorise import QueryVector

#: A candidate's band compares its score with the best candidate of the same query, because
#: cosine scores mean little in absolute terms: a percentage would suggest false precision.
STRONG, GOOD = 0.75, 0.45
#: Below this absolute score the evidence is one weak word, whatever the relative strength.
WEAK_SCORE = 0.04
MAX_TERMS = 3
# Only the strongest shared terms can make the top three, even after phrases absorb words.
_CONSIDERED = 12


def band(score: float, best: float) -> str:
    """ "strong", "good" or "possible", from the score relative to the best of the query."""
    if best <= 0 or score < WEAK_SCORE:
        return "possible"
    ratio = score / best
    if ratio >= STRONG:
        return "strong"
    if ratio >= GOOD:
        return "good"
    return "possible"


def evidence(
    postings: Postings,
    docs: np.ndarray,
    owner: np.ndarray,
    vectors: Sequence[QueryVector],
    field_weights: Sequence[float],
) -> tuple[list[list[tuple[int, float]]], np.ndarray]:
    """Per candidate: shared (term, contribution) strongest first; per-field totals (k × F).

    Candidates of several interests at once: owner[i] is the interest of docs[i]. Each
    candidate is looked up in the postings of its interest's terms by a binary search run
    for all (candidate, term) pairs together, so no document-major copy of the index is kept.
    """
    k, n_fields = len(docs), len(field_weights)
    counts = np.array([len(vectors[o].terms) for o in owner.tolist()], np.int64)
    if k == 0 or not counts.sum():
        return [[] for _ in range(k)], np.zeros((k, n_fields))
    candidate = np.repeat(np.arange(k), counts)
    terms = np.concatenate([vectors[o].terms for o in owner.tolist()]).astype(np.int64)
    weights = np.concatenate([vectors[o].weights for o in owner.tolist()])
    wanted = docs[candidate]
    start, end = postings.indptr[terms], postings.indptr[terms + 1]
    last = max(len(postings.indices) - 1, 0)
    # Branch-free binary search: below ends on the last posting before the wanted document.
    below = start - 1
    step = 1 << max(int((end - start).max()).bit_length() - 1, 0)
    while step:
        ahead = below + step
        move = (ahead < end) & (postings.indices[np.minimum(ahead, last)] < wanted)
        below = np.where(move, ahead, below)
        step >>= 1
    lo = below + 1
    hit = (lo < end) & (postings.indices[np.minimum(lo, last)] == wanted)
    positions, candidate, terms = lo[hit], candidate[hit], terms[hit]
    contribution = postings.data[positions] * weights[hit]
    # Split each contribution over the fields holding the term, in proportion to their weight.
    bits = postings.fields[positions].astype(np.uint32)[:, None]
    present = (bits >> np.arange(n_fields, dtype=np.uint32)) & 1
    share = present * np.asarray(field_weights, np.float32)
    share *= (contribution / np.maximum(share.sum(axis=1), 1e-12))[:, None]
    slots = (candidate[:, None] * n_fields + np.arange(n_fields)).ravel()
    by_field = np.bincount(slots, share.ravel(), minlength=k * n_fields).reshape(k, n_fields)
    order = np.lexsort((terms, -contribution, candidate))
    per_doc: list[list[tuple[int, float]]] = [[] for _ in range(k)]
    for i, term, value in zip(
        candidate[order].tolist(), terms[order].tolist(), contribution[order].tolist(), strict=False
    ):
        if len(per_doc[i]) < _CONSIDERED:
            per_doc[i].append((term, value))
    return per_doc, by_field


class TermNames:
    """Readable names and bigram parts of terms, computed once per query."""

    def __init__(self, postings: Postings) -> None:
        self.postings = postings
        self.n_uni = len(postings.vocabulary)
        self._parts: dict[int, tuple[int, int]] = {}
        self._surfaces: dict[int, str] = {}

    def surface(self, term: int) -> str:
        """Readable form of a single-word term."""
        text = self._surfaces.get(term)
        if text is None:
            text = self._surfaces[term] = self.postings.vocabulary.surface(term)
        return text

    def parts(self, term: int) -> tuple[int, int] | None:
        """The two words of a bigram term; None for a single word."""
        if term < self.n_uni:
            return None
        parts = self._parts.get(term)
        if parts is None:
            first, second = divmod(int(self.postings.bigrams[term - self.n_uni]), BIGRAM_SHIFT)
            parts = self._parts[term] = (first, second)
        return parts


def shared_terms(names: TermNames, shared: list[tuple[int, float]]) -> tuple[str, ...]:
    """The strongest shared terms, readable: bigrams absorb their words and chain into phrases."""
    unigram_weight: dict[int, float] = {}
    phrases: list[list[int]] = []
    phrase_weight: list[float] = []
    for term, value in shared:
        parts = names.parts(term)
        if parts is None:
            unigram_weight[term] = value
            continue
        first, second = parts
        for i, phrase in enumerate(phrases):  # "cross border" + "border e-commerce"
            if phrase[-1] == first and second not in phrase:
                phrase.append(second)
                phrase_weight[i] += value
                break
            if phrase[0] == second and first not in phrase:
                phrase.insert(0, first)
                phrase_weight[i] += value
                break
        else:
            phrases.append([first, second])
            phrase_weight.append(value)
    display = names.surface
    ranked = [(w, display(t).rstrip("-")) for t, w in unigram_weight.items()]
    if phrases:
        in_phrase = {t for phrase in phrases for t in phrase}
        ranked = [
            (w, text)
            for (w, text), t in zip(ranked, unigram_weight, strict=False)
            if t not in in_phrase
        ]
        ranked += [
            (w + sum(unigram_weight.get(t, 0.0) for t in p), phrase_text([display(t) for t in p]))
            for p, w in zip(phrases, phrase_weight, strict=False)
        ]
    ranked.sort(key=lambda pair: (-pair[0], pair[1]))
    terms: list[str] = []
    for _, text in ranked:
        if text not in terms:
            terms.append(text)
            if len(terms) == MAX_TERMS:
                break
    return tuple(terms)


def phrase_text(words: Sequence[str]) -> str:
    """Words of a phrase joined by spaces, or by their hyphen as in "cross-border"."""
    text = ""
    for word in words:
        text += word if not text or text.endswith("-") else " " + word
    return text.rstrip("-")


def strongest_fields(by_field: np.ndarray, field_names: Sequence[str]) -> list[tuple[str, ...]]:
    """Per candidate (row), the field names with evidence, strongest first (ties in order)."""
    order = np.argsort(-by_field, axis=1, kind="stable").tolist()
    present = (by_field > 0).tolist()
    return [
        tuple(field_names[f] for f in row if has[f])
        for row, has in zip(order, present, strict=True)
    ]


def reason(terms: Sequence[str], fields: Sequence[str], sector_labels: Sequence[str]) -> str:
    """One English sentence: "Shares solar, energy storage (offers); sector: photovoltaics"."""
    parts = []
    if terms:
        where = f" ({', '.join(fields[:2])})" if fields else ""
        parts.append(f"Shares {', '.join(terms)}{where}")
    if sector_labels:
        label = "sector" if len(sector_labels) == 1 else "sectors"
        parts.append(f"{label}: {', '.join(sector_labels)}")
    if not parts:
        return "Related through the words of the interest."
    sentence = "; ".join(parts)
    return sentence[0].upper() + sentence[1:]
