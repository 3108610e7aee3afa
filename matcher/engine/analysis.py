"""Text → terms: normalise, tokenise, apply the glossary, drop stop words, fold words."""

from __future__ import annotations

import re
from collections.abc import Container
from typing import Literal

from .glossary import Glossary, Term
from .normalise import fold, index_key, is_cjk, normalise, phrases, split_compound, stem, tokens

# What one raw token turns into: records (key, stem key, surface, kind).
_WORD, _STOP, _FINAL, _GAP = 0, 1, 2, 3
Record = tuple[str, str, str, int]
_GAP_RECORD: Record = ("", "", "", _GAP)
#: Emitted between words that are not adjacent (punctuation or a stop word between them).
BREAK: Term = ("", "")
# Acronyms keep their capitals when shown to people: "IGBT", not "igbt".
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,5}")


class Analyzer:
    """Turns profile or interest text into a list of (key, surface) terms.

    Documents use exact glossary matches only; queries (given the vocabulary) also try a
    stemmed look-up for words the directory does not use, which is how "logísticas" or
    "логистики" reach "logistics".
    """

    def __init__(self, glossary: Glossary, stop_words: frozenset[str]) -> None:
        self.glossary = glossary
        self.stop_words = stop_words
        self._records: dict[str, tuple[Record, ...]] = {}

    def _token_records(self, raw: str) -> tuple[Record, ...]:
        cached = self._records.get(raw)
        if cached is not None:
            return cached
        if is_cjk(raw):
            records = tuple(
                (key, key, surface, _FINAL) for key, surface in self.glossary.segment_chinese(raw)
            )
        elif raw in self.glossary.cased:
            records = tuple((k, k, s, _FINAL) for k, s in self.glossary.cased[raw])
        else:
            out = []
            for part in split_compound(raw):
                if len(part) < 2:
                    continue
                lowered = part.lower()
                surface = part if _ACRONYM.fullmatch(part) else lowered
                joined = lowered.replace("-", "")
                key = fold(joined)
                kind = _STOP if (lowered in self.stop_words or key in self.stop_words) else _WORD
                out.append((key, stem(joined), surface, kind))
            records = tuple(out)
        if len(self._records) < 500_000:
            self._records[raw] = records
        return records

    def forget_tokens(self) -> None:
        """Drop the per-token cache; after indexing it holds mostly words no interest uses."""
        self._records = {}

    def terms(self, text: str, vocabulary: Container[str] | None = None) -> list[Term]:
        """Analyse text; pass the vocabulary for query mode (foreign glossary look-up).

        Non-adjacent words are separated by `BREAK`, so no bigram spans a comma or a stop word.
        """
        records: list[Record] = []
        token_records = self._token_records
        for stretch in phrases(normalise(text)):
            for raw in tokens(stretch):
                records.extend(token_records(raw))
            records.append(_GAP_RECORD)
        glossary = self.glossary
        english_start = glossary.english_start
        foreign_start, stemmed_start = glossary.foreign_start, glossary.stemmed_start
        out: list[Term] = []
        i, n = 0, len(records)
        while i < n:
            key, skey, surface, kind = records[i]
            if kind == _FINAL:
                out.append((key, surface))
                i += 1
                continue
            longest = english_start.get(key)
            if longest and (used := _match(records, i, longest, glossary.english, 0, out)):
                i += used
                continue
            if (
                vocabulary is not None
                and (
                    key in foreign_start
                    or (skey in stemmed_start and index_key(key) not in vocabulary)
                )
                and (used := self._foreign(records, i, vocabulary, out))
            ):
                i += used
                continue
            if kind == _WORD:
                out.append((index_key(key), surface))
            elif out and out[-1] is not BREAK:
                out.append(BREAK)
            i += 1
        if out and out[-1] is BREAK:
            out.pop()
        return out

    def _foreign(
        self, records: list[Record], i: int, vocabulary: Container[str], out: list[Term]
    ) -> int:
        """Foreign glossary look-up at records[i]: phrases first; a single word only when the
        directory does not use it as an English word; then the stemmed table."""
        glossary = self.glossary
        key, skey, _, kind = records[i]
        known = index_key(key) in vocabulary
        longest = glossary.foreign_start.get(key)
        if longest:
            shortest = 2 if known else 1
            used = _match(records, i, longest, glossary.foreign, 0, out, shortest)
            if used:
                return used
        if known or kind != _WORD or skey == records[i][2].lower().replace("-", ""):
            # A word no stemmer shortens carries no ending: only an exact variant names it
            # ("public" is not an inflected "publicidad").
            return 0
        longest = glossary.stemmed_start.get(skey)
        if longest:
            return _match(records, i, longest, glossary.stemmed, 1, out)
        return 0


def _match(
    records: list[Record],
    i: int,
    longest: int,
    table: dict[tuple[str, ...], tuple[Term, ...]],
    slot: Literal[0, 1],
    out: list[Term],
    shortest: int = 1,
) -> int:
    """Longest glossary phrase starting at records[i]; append its terms, return its length."""
    for length in range(min(longest, len(records) - i), shortest - 1, -1):
        terms = table.get(tuple(r[slot] for r in records[i : i + length]))
        if terms is not None:
            out.extend(terms)
            return length
    return 0
