"""Profile analysis in bulk: many profiles at a time, no Python object per word or posting.

Gives the same terms as `Analyzer.terms` gives for one profile (documents use the English
glossary only), but works on arrays: a chunk of profiles is normalised and tokenised as one
string, each distinct token is analysed once, glossary phrases are found by hashing runs of
word numbers, and per-profile counts come from sorting integer keys.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from typing import Any, TypeVar

import numpy as np

from .analysis import _ACRONYM, _FINAL, _GAP, _STOP, _WORD, Analyzer
from .normalise import _PUNCTUATION, TOKEN, fold_english, index_keys, normalise

_SEPARATOR = "\x00"  # between profiles in a chunk; removed from the texts themselves
_SCAN = re.compile(f"{TOKEN.pattern}|{_PUNCTUATION.pattern}|{_SEPARATOR}")
# ASCII text is cut by bytes.split after a byte-for-byte translation: punctuation becomes a
# "." piece, other non-word characters spaces; each distinct piece is then analysed once.
_ASCII_TABLE = bytes(
    c if chr(c).isalnum() or chr(c) in "-&" + _SEPARATOR
    else ord(".") if _PUNCTUATION.fullmatch(chr(c))
    else ord(" ")
    for c in range(256)
)  # fmt: skip
_PRIME = np.uint64(1_000_003)
_K = TypeVar("_K", str, bytes)


class _Numbers(dict[_K, int]):
    """Piece → number; -1 for a piece not numbered yet (one lookup per piece, no default)."""

    def __missing__(self, key: _K) -> int:
        return -1


class BulkAnalyzer:
    """Word numbering and glossary tables shared by every chunk of one build."""

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self.keys: list[str] = [""]  # word number 0 is the break
        self.surfaces: list[str | None] = [""]
        self._key_ids: dict[str, int] = {"": 0}
        self._pieces: _Numbers[str] = _Numbers()
        self._ascii_pieces: _Numbers[bytes] = _Numbers()
        self._piece_start = array("q")
        self._piece_length = array("q")
        self._record_key = array("i")
        self._record_kind = array("b")
        self._record_out = array("i")  # the word number a record emits: its index key's; -1
        self._separator = self._pieces[_SEPARATOR] = self._piece(_SEPARATOR)
        self._glossary_tables()

    def _key(self, key: str, surface: str | None) -> int:
        """Number of a word key; its surface is the first one seen in a text."""
        number = self._key_ids.get(key)
        if number is None:
            number = self._key_ids[key] = len(self.keys)
            self.keys.append(key)
            self.surfaces.append(surface)
        elif self.surfaces[number] is None:
            self.surfaces[number] = surface
        return number

    def _glossary_tables(self) -> None:
        english = self.analyzer.glossary.english
        self._entries: list[tuple[int, ...]] = []
        self._phrases: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        single: dict[int, int] = {}
        by_length: dict[int, dict[int, int]] = {}
        for words, terms in english.items():
            entry = len(self._entries)
            self._entries.append(tuple(self._key(k, s) for k, s in terms))
            ids = [self._key(w, None) for w in words]
            if len(ids) == 1:
                single.setdefault(ids[0], entry)
            else:
                by_length.setdefault(len(ids), {}).setdefault(_tuple_hash(ids), entry)
        for length, table in by_length.items():
            hashed = np.array(sorted(table), np.uint64)
            self._phrases[length] = (hashed, np.array([table[h] for h in hashed.tolist()]))
        # Glossary words are numbered first: any later word starts no phrase (the last entry).
        self._reach = np.zeros(len(self.keys) + 1, np.int8)
        for k, n in self.analyzer.glossary.english_start.items():
            self._reach[self._key_ids[k]] = n
        self._single_entry = np.full(len(self.keys), -1, np.int64)
        self._single_entry[list(single)] = list(single.values())
        entry_terms = [np.array(t, np.int64) for t in self._entries]
        self._entry_length = np.array([len(t) for t in entry_terms] or [0], np.int64)
        self._entry_terms = np.concatenate([*entry_terms, np.zeros(0, np.int64)])
        self._entry_start = np.zeros(len(entry_terms) + 1, np.int64)
        np.cumsum(self._entry_length[: len(entry_terms)], out=self._entry_start[1:])

    def _new_pieces(self, raws: list[str]) -> list[int]:
        """Number and analyse pieces never seen before, in order; plain words (ASCII letters,
        most of any text) in one pass, with their stems computed together."""
        cased, stop_words = self.analyzer.glossary.cased, self.analyzer.stop_words
        plain = [r.isalpha() and r.isascii() and r not in cased for r in raws]
        lowered = [r.lower() if p else "" for r, p in zip(raws, plain, strict=True)]
        folded = [fold_english(w) if len(w) >= 2 else "" for w in lowered]
        stop = [w in stop_words or k in stop_words for w, k in zip(lowered, folded, strict=True)]
        stems = iter(index_keys([k for k, s in zip(folded, stop, strict=True) if k and not s]))
        numbers = []
        rows = zip(raws, plain, lowered, folded, stop, strict=True)
        for raw, is_plain, low, key, is_stop in rows:
            if not is_plain:
                numbers.append(self._piece(raw))
                continue
            numbers.append(len(self._piece_start))
            self._piece_start.append(len(self._record_key))
            self._piece_length.append(1 if key else 0)
            if not key:  # a single letter
                continue
            surface = raw if _ACRONYM.fullmatch(raw) else low
            number = self._key(key, surface)
            self._record_key.append(number)
            self._record_kind.append(_STOP if is_stop else _WORD)
            self._record_out.append(-1 if is_stop else self._key(next(stems), surface))
        return numbers

    def _piece(self, raw: str) -> int:
        number = len(self._piece_start)
        self._piece_start.append(len(self._record_key))
        if raw == _SEPARATOR or _PUNCTUATION.fullmatch(raw):
            records: Sequence[tuple[int, int, int]] = ((0, _GAP, 0),)
        else:
            records = [
                self._record(key, surface, kind)
                for token in TOKEN.findall(raw)
                for key, _stem, surface, kind in self.analyzer._token_records(token)
            ]
        for key, kind, out in records:
            self._record_key.append(key)
            self._record_kind.append(kind)
            self._record_out.append(-1 if kind in (_STOP, _GAP) else out)
        self._piece_length.append(len(records))
        return number

    def _record(self, key: str, surface: str, kind: int) -> tuple[int, int, int]:
        """A record: the number of its folded key (glossary phrases are matched on it), its
        kind and the number it emits (a word's index key; a glossary term as it is)."""
        number = self._key(key, surface)
        out = self._key(index_keys([key])[0], surface) if kind == _WORD else number
        return number, kind, out

    def analyse(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Terms of a chunk of texts: word numbers (-1 between non-adjacent words) and the
        text each belongs to (0-based within the chunk)."""
        joined = _SEPARATOR.join(texts)
        if joined.count(_SEPARATOR) != len(texts) - 1:  # a text holds the separator itself
            joined = _SEPARATOR.join(t.replace(_SEPARATOR, " ") for t in texts)
        if joined.isascii():
            raw_bytes = joined.encode("ascii").translate(_ASCII_TABLE)
            pieces: list = raw_bytes.replace(b".", b" . ").replace(b"\0", b" \0 ").split()
            table: _Numbers[Any] = self._ascii_pieces
        else:
            pieces = _SCAN.findall(normalise(joined))
            table = self._pieces
        codes = np.fromiter(map(table.__getitem__, pieces), np.int64, len(pieces))
        missing = np.flatnonzero(codes < 0)
        if len(missing):
            unknown = [pieces[i] for i in missing.tolist()]
            new = list(dict.fromkeys(unknown))
            raws = [p.decode("ascii") if isinstance(p, bytes) else p for p in new]
            # A piece first met in text of the other kind has its number in the other table.
            if table is self._ascii_pieces:
                known = [self._pieces.get(raw, -1) for raw in raws]
            else:
                ascii_get = self._ascii_pieces.get
                known = [ascii_get(r.encode(), -1) if r.isascii() else -1 for r in raws]
            unseen = [raw for raw, code in zip(raws, known, strict=True) if code < 0]
            numbered = iter(self._new_pieces(unseen))
            for piece, code in zip(new, known, strict=True):
                table[piece] = code if code >= 0 else next(numbered)
            codes[missing] = list(map(table.__getitem__, unknown))
        del pieces
        piece_doc = np.cumsum(codes == self._separator) - (codes == self._separator)
        start = np.frombuffer(self._piece_start, np.int64)[codes]
        length = np.frombuffer(self._piece_length, np.int64)[codes]
        records = np.repeat(start - np.cumsum(length) + length, length)
        records += np.arange(len(records))
        keys = np.frombuffer(self._record_key, np.int32)[records]
        kinds = np.frombuffer(self._record_kind, np.int8)[records]
        outs = np.frombuffer(self._record_out, np.int32)[records]
        docs = np.repeat(piece_doc.astype(np.int32), length)
        del codes, piece_doc, start, length, records  # the glossary step's arrays take their place
        return self._apply_glossary(keys, kinds, docs, outs)

    def _apply_glossary(
        self, keys: np.ndarray, kinds: np.ndarray, docs: np.ndarray, outs: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        n = len(keys)
        # The longest phrase each record may start: words numbered after the glossary's, 0.
        reach = self._reach[np.minimum(keys, len(self._reach) - 1)]
        reach[kinds == _FINAL] = 0
        match_len = np.zeros(n, np.int64)
        entry = np.full(n, -1, np.int64)
        for length in sorted(self._phrases, reverse=True):
            hashed, entries = self._phrases[length]
            at = np.flatnonzero((reach >= length) & (match_len == 0))
            at = at[at + length <= n]
            if not len(at):
                continue
            value = keys[at].astype(np.uint64)
            for j in range(1, length):
                value = value * _PRIME + keys[at + j].astype(np.uint64)
            pos = np.minimum(np.searchsorted(hashed, value), len(hashed) - 1)
            hit = hashed[pos] == value
            match_len[at[hit]] = length
            entry[at[hit]] = entries[pos[hit]]
        ones = np.flatnonzero((reach >= 1) & (match_len == 0))
        found = self._single_entry[keys[ones]]
        match_len[ones[found >= 0]] = 1
        entry[ones[found >= 0]] = found[found >= 0]
        # Longest match first, left to right: a phrase hides matches starting inside it.
        multi = np.flatnonzero(match_len >= 2)
        kept = multi[_left_to_right(multi, multi + match_len[multi])]
        entry[np.setdiff1d(multi, kept, assume_unique=True)] = -1
        span = match_len[kept] - 1
        inside = np.repeat(kept + 1 - np.cumsum(span) + span, span) + np.arange(int(span.sum()))
        covered = np.zeros(n, bool)
        covered[inside] = True
        entry[covered] = -1
        # What each record emits: nothing (inside a phrase), a phrase's terms, or itself.
        matched = np.flatnonzero(entry >= 0)
        emit_length = np.ones(n, np.int64)
        emit_length[matched] = self._entry_length[entry[matched]]
        emit_length[covered] = 0
        source = np.arange(n)
        source[matched] = n + self._entry_start[entry[matched]]
        table = np.concatenate([outs, self._entry_terms])
        positions = np.repeat(source - np.cumsum(emit_length) + emit_length, emit_length)
        positions += np.arange(len(positions))
        return table[positions], np.repeat(docs, emit_length)


def _tuple_hash(ids: Sequence[int]) -> int:
    value = 0
    for i in ids:
        value = (value * 1_000_003 + i) % (1 << 64)
    return value


def _left_to_right(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Which of the spans (ascending starts) a left-to-right scan keeps: each one that starts
    at or after the end of the last span kept. A span clear of every earlier span is kept
    for sure; only the few that overlap an earlier one are decided one by one."""
    reach = np.maximum.accumulate(ends) if len(ends) else ends
    clash = np.zeros(len(starts), bool)
    clash[1:] = starts[1:] < reach[:-1]
    keep = ~clash
    sure = np.flatnonzero(keep)
    clashing = np.flatnonzero(clash)
    prior = np.searchsorted(sure, clashing) - 1  # the last span kept for sure before each
    last = -1  # the last clashing span kept
    for c, i in zip(clashing.tolist(), prior.tolist(), strict=True):
        before = int(sure[i]) if i >= 0 else -1
        end = int(ends[max(before, last)]) if max(before, last) >= 0 else -1
        if starts[c] >= end:
            keep[c] = True
            last = c
    return keep
