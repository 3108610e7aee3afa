"""Plain-words evidence for candidates: shared terms, the fields they came from, a band.

The shared terms themselves are gathered for the whole pool at once (`pool.py`); this module
words them for the k listed candidates only.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .index import BIGRAM_SHIFT, Postings

#: A candidate's band compares its score with the best candidate of the same query, because
#: cosine scores mean little in absolute terms: a percentage would suggest false precision.
STRONG, GOOD = 0.75, 0.45
#: Below this absolute score the evidence is one weak word, whatever the relative strength.
WEAK_SCORE = 0.04
MAX_TERMS = 3
#: Readable names kept while an index lives; the cap bounds a long-running app's memory.
_NAMES_CAP = 200_000


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


class TermNames:
    """Readable names and bigram parts of terms, kept while the index lives."""

    def __init__(self, postings: Postings) -> None:
        self.postings = postings
        self.n_uni = len(postings.vocabulary)
        self._parts: dict[int, tuple[int, int]] = {}
        self._surfaces: dict[int, str] = {}
        self._shown: dict[int, str] = {}

    def surface(self, term: int) -> str:
        """Readable form of a single-word term."""
        text = self._surfaces.get(term)
        if text is None:
            text = self.postings.vocabulary.surface(term)
            if len(self._surfaces) < _NAMES_CAP:
                self._surfaces[term] = text
        return text

    def shown(self, term: int) -> str:
        """A single word as listed on its own: its readable form without a trailing hyphen."""
        text = self._shown.get(term)
        if text is None:
            text = self.surface(term).rstrip("-")
            if len(self._shown) < _NAMES_CAP:
                self._shown[term] = text
        return text

    def parts(self, term: int) -> tuple[int, int] | None:
        """The two words of a bigram term; None for a single word."""
        if term < self.n_uni:
            return None
        parts = self._parts.get(term)
        if parts is None:
            first, second = divmod(int(self.postings.bigrams[term - self.n_uni]), BIGRAM_SHIFT)
            parts = (first, second)
            if len(self._parts) < _NAMES_CAP:
                self._parts[term] = parts
        return parts


def shared_terms(names: TermNames, shared: list[tuple[int, float]]) -> tuple[str, ...]:
    """The strongest shared terms, readable: bigrams absorb their words and chain into phrases."""
    unigram_weight: dict[int, float] = {}
    phrases: list[list[int]] = []
    phrase_weight: list[float] = []
    n_uni = names.n_uni
    for term, value in shared:
        if term < n_uni:
            unigram_weight[term] = value
            continue
        first, second = names.parts(term)  # type: ignore[misc]  # a bigram has two parts
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
    shown = names.shown
    if not phrases:
        ranked = [(w, shown(t)) for t, w in unigram_weight.items()]
    else:
        in_phrase = {t for phrase in phrases for t in phrase}
        ranked = [(w, shown(t)) for t, w in unigram_weight.items() if t not in in_phrase]
        display = names.surface
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
