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
from itertools import repeat
from typing import Any

import numpy as np

from .analysis import _ACRONYM, _FINAL, _GAP, _STOP, _WORD, Analyzer
from .normalise import _PUNCTUATION, TOKEN, fold_english, index_key, normalise

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


class BulkAnalyzer:
    """Word numbering and glossary tables shared by every chunk of one build."""

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self.keys: list[str] = [""]  # word number 0 is the break
        self.surfaces: list[str | None] = [""]
        self._key_ids: dict[str, int] = {"": 0}
        self._pieces: dict[str, int] = {}
        self._ascii_pieces: dict[bytes, int] = {}
        self._piece_start = array("q")
        self._piece_length = array("q")
        self._record_key = array("i")
        self._record_kind = array("b")
        self._record_out = array("i")  # the word number a record emits: its index key's
        self._separator = self._piece(_SEPARATOR)
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
        self._single = single
        for length, table in by_length.items():
            hashed = np.array(sorted(table), np.uint64)
            self._phrases[length] = (hashed, np.array([table[h] for h in hashed.tolist()]))
        self._longest = {
            self._key_ids[k]: n for k, n in self.analyzer.glossary.english_start.items()
        }

    def _piece(self, raw: str) -> int:
        number = len(self._piece_start)
        self._pieces[raw] = number
        self._piece_start.append(len(self._record_key))
        if raw == _SEPARATOR or _PUNCTUATION.fullmatch(raw):
            records: Sequence[tuple[int, int, int]] = ((0, _GAP, 0),)
        elif raw.isalpha() and raw.isascii() and raw not in self.analyzer.glossary.cased:
            records = self._plain_word(raw)
        else:
            records = [
                self._record(key, surface, kind)
                for token in TOKEN.findall(raw)
                for key, _stem, surface, kind in self.analyzer._token_records(token)
            ]
        for key, kind, out in records:
            self._record_key.append(key)
            self._record_kind.append(kind)
            self._record_out.append(out)
        self._piece_length.append(len(records))
        return number

    def _plain_word(self, raw: str) -> Sequence[tuple[int, int, int]]:
        """`Analyzer._token_records` for a word of ASCII letters, without its general steps."""
        lowered = raw.lower()
        if len(lowered) < 2:
            return ()
        key = fold_english(lowered)
        stop = lowered in self.analyzer.stop_words or key in self.analyzer.stop_words
        surface = raw if _ACRONYM.fullmatch(raw) else lowered
        return (self._record(key, surface, _STOP if stop else _WORD),)

    def _record(self, key: str, surface: str, kind: int) -> tuple[int, int, int]:
        """A record: the number of its folded key (glossary phrases are matched on it), its
        kind and the number it emits (a word's index key; a glossary term as it is)."""
        number = self._key(key, surface)
        out = self._key(index_key(key), surface) if kind == _WORD else number
        return number, kind, out

    def analyse(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Terms of a chunk of texts: word numbers (-1 between non-adjacent words) and the
        text each belongs to (0-based within the chunk)."""
        joined = _SEPARATOR.join(t.replace(_SEPARATOR, " ") for t in texts)
        if joined.isascii():
            raw_bytes = joined.encode("ascii").translate(_ASCII_TABLE)
            pieces: list = raw_bytes.replace(b".", b" . ").replace(b"\0", b" \0 ").split()
            table: dict[Any, int] = self._ascii_pieces
        else:
            pieces = _SCAN.findall(normalise(joined))
            table = self._pieces
        get = table.get
        codes = np.fromiter(map(get, pieces, repeat(-1)), np.int64, len(pieces))
        for i in np.flatnonzero(codes < 0).tolist():
            piece = pieces[i]
            code = get(piece)
            if code is None:
                raw = piece.decode("ascii") if isinstance(piece, bytes) else piece
                code = table[piece] = self._pieces.get(raw, -1)
                if code < 0:
                    code = table[piece] = self._piece(raw)
            codes[i] = code
        del pieces
        piece_doc = np.cumsum(codes == self._separator) - (codes == self._separator)
        start = np.frombuffer(self._piece_start, np.int64)[codes]
        length = np.frombuffer(self._piece_length, np.int64)[codes]
        records = np.repeat(start - np.cumsum(length) + length, length)
        records += np.arange(len(records))
        keys = np.frombuffer(self._record_key, np.int32)[records]
        kinds = np.frombuffer(self._record_kind, np.int8)[records]
        outs = np.frombuffer(self._record_out, np.int32)[records]
        docs = np.repeat(piece_doc, length).astype(np.int32)
        return self._apply_glossary(keys, kinds, docs, outs)

    def _apply_glossary(
        self, keys: np.ndarray, kinds: np.ndarray, docs: np.ndarray, outs: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        n = len(keys)
        longest = np.zeros(len(self.keys), np.int8)
        longest[list(self._longest)] = list(self._longest.values())
        reach = np.where(kinds == _FINAL, 0, longest[keys])
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
        if self._single:
            single = np.full(len(self.keys), -1, np.int64)
            single[list(self._single)] = list(self._single.values())
            ones = np.flatnonzero((reach >= 1) & (match_len == 0))
            found = single[keys[ones]]
            match_len[ones[found >= 0]] = 1
            entry[ones[found >= 0]] = found[found >= 0]
        # Longest match first, left to right: a phrase hides matches starting inside it.
        covered = np.zeros(n, bool)
        end = -1
        multi = np.flatnonzero(match_len >= 2)
        for p, span in zip(multi.tolist(), match_len[multi].tolist(), strict=True):
            if p < end:
                match_len[p], entry[p] = 0, -1
                continue
            covered[p + 1 : p + span] = True
            end = p + span
        entry[covered] = -1
        # What each record emits: nothing (inside a phrase), a phrase's terms, or itself.
        entry_terms = [np.array(t, np.int64) for t in self._entries]
        entry_length = np.array([len(t) for t in entry_terms] or [0], np.int64)
        own = np.where((kinds == _STOP) | (kinds == _GAP), -1, outs).astype(np.int64)
        emit_length = np.where(entry >= 0, entry_length[np.maximum(entry, 0)], 1)
        emit_length[covered] = 0
        flat_entries = np.concatenate([*entry_terms, np.zeros(0, np.int64)])
        entry_start = np.zeros(len(entry_terms) + 1, np.int64)
        np.cumsum(entry_length[: len(entry_terms)], out=entry_start[1:])
        source = np.where(entry >= 0, n + entry_start[np.maximum(entry, 0)], np.arange(n))
        table = np.concatenate([own, flat_entries])
        positions = np.repeat(source - np.cumsum(emit_length) + emit_length, emit_length)
        positions += np.arange(len(positions))
        return table[positions], np.repeat(docs, emit_length)


def _tuple_hash(ids: Sequence[int]) -> int:
    value = 0
    for i in ids:
        value = (value * 1_000_003 + i) % (1 << 64)
    return value
