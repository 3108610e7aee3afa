"""The index's words as flat arrays: looked up by a stable 64-bit hash, read back from a blob.

Arrays rather than a dictionary of strings, so a fitted index can live in memory-mapped files
shared by every worker, and costs a few bytes per word instead of a Python object.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from .normalise import fold

# Looked-up words are remembered per process; the cap keeps a long-running app's memory bounded.
_CACHE_CAP = 50_000


def _digest(key: str) -> bytes:
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()


def key_hash(key: str) -> int:
    """Stable 64-bit hash of a word (the same in every process and on every host)."""
    return int.from_bytes(_digest(key), "little")


def hashes(keys: Iterable[str]) -> np.ndarray:
    """`key_hash` of many words, as uint64 (the digests read as little-endian numbers)."""
    return np.frombuffer(b"".join(map(_digest, keys)), "<u8").astype(np.uint64)


def pack(strings: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Strings as one UTF-8 blob (uint8) and offsets (int64, len + 1)."""
    blob = "".join(strings).encode("utf-8")
    sizes: Iterable[int] = map(len, strings)
    if len(blob) != sum(map(len, strings)):  # not all ASCII: count bytes, not characters
        sizes = (len(s.encode("utf-8")) for s in strings)
    offsets = np.zeros(len(strings) + 1, np.int64)
    offsets[1:] = np.fromiter(sizes, np.int64, len(strings))
    np.cumsum(offsets, out=offsets)
    return np.frombuffer(blob, np.uint8).copy(), offsets


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """Word keys → term numbers 0..n-1, with each term's key and readable surface."""

    sorted_hashes: np.ndarray  # uint64, ascending
    sorted_terms: np.ndarray  # int32 term number of each sorted hash
    key_blob: np.ndarray  # uint8 UTF-8 of every key, term order
    key_offsets: np.ndarray  # int64, n + 1
    surface_blob: np.ndarray
    surface_offsets: np.ndarray
    _cache: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def build(cls, keys: Sequence[str], surfaces: Sequence[str]) -> Vocabulary:
        """Vocabulary whose term i is keys[i], shown as surfaces[i].

        :raises ValueError: when two keys share a hash (a one-in-10¹⁸ event at 100,000 words).
        """
        hashed = hashes(keys)
        order = np.argsort(hashed, kind="stable")
        sorted_hashes = hashed[order]
        if len(sorted_hashes) > 1 and bool(np.any(sorted_hashes[1:] == sorted_hashes[:-1])):
            raise ValueError("two vocabulary words share a 64-bit hash")
        key_blob, key_offsets = pack(keys)
        surface_blob, surface_offsets = pack(surfaces)
        return cls(
            sorted_hashes, order.astype(np.int32), key_blob, key_offsets, surface_blob,
            surface_offsets,
        )  # fmt: skip

    def __len__(self) -> int:
        return len(self.sorted_hashes)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def get(self, key: str, default: int | None = None) -> int | None:
        """Term number of key, or default."""
        term = self._cache.get(key)
        if term is None:
            term = int(self.lookup([key])[0])
            if len(self._cache) < _CACHE_CAP:
                self._cache[key] = term
        return default if term < 0 else term

    def lookup(self, keys: Sequence[str]) -> np.ndarray:
        """Term numbers of many keys at once (int64), -1 where absent."""
        if not len(keys) or not len(self.sorted_hashes):
            return np.full(len(keys), -1, np.int64)
        wanted = hashes(keys)
        pos = np.minimum(np.searchsorted(self.sorted_hashes, wanted), len(self.sorted_hashes) - 1)
        found = self.sorted_hashes[pos] == wanted
        return np.where(found, self.sorted_terms[pos], -1).astype(np.int64)

    def key(self, term: int) -> str:
        """The matching key of a term."""
        lo, hi = self.key_offsets[term], self.key_offsets[term + 1]
        return bytes(self.key_blob[lo:hi]).decode("utf-8")

    def spelling(self, term: int) -> str:
        """The term's readable form folded as typed words are, before stemming: what a
        misspelt word is compared with ("logistics", not the stem "logist")."""
        return fold(self.surface(term).lower().replace("-", ""))

    def surface(self, term: int) -> str:
        """The readable form of a term, as first written in the directory."""
        lo, hi = self.surface_offsets[term], self.surface_offsets[term + 1]
        return bytes(self.surface_blob[lo:hi]).decode("utf-8")

    def keys(self) -> Iterator[str]:
        """Every key, in term order."""
        blob = self.key_blob.tobytes()
        offsets = self.key_offsets.tolist()
        for lo, hi in zip(offsets, offsets[1:], strict=False):
            yield blob[lo:hi].decode("utf-8")

    def arrays(self) -> dict[str, np.ndarray]:
        """The arrays that make the vocabulary, for storing."""
        return {
            "sorted_hashes": self.sorted_hashes,
            "sorted_terms": self.sorted_terms,
            "key_blob": self.key_blob,
            "key_offsets": self.key_offsets,
            "surface_blob": self.surface_blob,
            "surface_offsets": self.surface_offsets,
        }

    def __getstate__(self) -> dict:
        return self.arrays()

    def __setstate__(self, state: dict) -> None:
        for name, value in {**state, "_cache": {}}.items():
            object.__setattr__(self, name, value)
