"""A fitted matcher as arrays on disk, memory-mapped read-only, so processes share one copy.

    save(matcher, folder)             # folder/manifest.json + one .npy per array
    matcher = load(folder, expected)  # the arrays map the files; nothing is copied

The manifest names the format, the caller's identity of what was indexed (`expected`) and the
size and CRC-32 of every file; `load` checks all of them and raises `StoreError` on any
mismatch, so a truncated, foreign or unreadable folder is rebuilt, never served.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import zlib
from pathlib import Path
from typing import Any, cast

import numpy as np
import scipy.sparse as sp

from .analysis import Analyzer
from .attributes import Attributes, _Codes
from .fuzzy import FuzzyVocabulary
from .glossary import load_glossary
from .index import Postings
from .levers import Latent, Levers
from .matcher import TfidfMatcher
from .ranking import Ranker
from .stopwords import build_stop_words
from .vectorise import QueryVectoriser
from .vocabulary import Vocabulary

FORMAT = 4
MANIFEST = "manifest.json"
_POSTINGS = ("indptr", "indices", "data", "fields", "idf", "bigrams")


class StoreError(Exception):
    """The folder does not hold a usable index for what was asked; rebuild it."""


def matcher_state(matcher: TfidfMatcher) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """A fitted matcher as named arrays and JSON-ready facts.

    :raises StoreError: for a matcher with pseudo-relevance feedback on (not stored).
    """
    levers = getattr(matcher, "levers_", None)
    if levers is not None and levers.feedback is not None:
        raise StoreError("matchers with pseudo-relevance feedback are not stored")
    postings, attrs = matcher.postings_, matcher.attributes_
    arrays = {f"postings.{name}": getattr(postings, name) for name in _POSTINGS}
    arrays |= {f"vocabulary.{k}": v for k, v in postings.vocabulary.arrays().items()}
    arrays |= {f"fuzzy.{k}": v for k, v in matcher.vectoriser_.fuzzy.arrays().items()}
    arrays |= {
        "ids": matcher.ids_,
        "kinds": attrs.kinds.codes,
        "cities": attrs.cities.codes,
        "sectors.indptr": attrs.doc_sectors.indptr,
        "sectors.indices": attrs.doc_sectors.indices,
        "groups": attrs.groups,
        "tie_rank": attrs.tie_rank,
    }
    if levers is not None and levers.latent is not None:
        arrays["latent.terms"] = levers.latent.terms
        arrays["latent.components"] = levers.latent.components
        arrays["latent.doc_vectors"] = levers.latent.doc_vectors
    facts = {
        "params": _json_params(matcher.get_params()),
        "field_names": list(matcher.field_names_),
        "field_weights": list(matcher.field_weights_),
        "n_docs": postings.n_docs,
        "weighting": postings.weighting,
        "saturation": postings.saturation,
        "unseen_idf": postings.unseen_idf,
        "kinds": list(attrs.kinds.values),
        "cities": list(attrs.cities.values),
        "sectors": list(attrs.sectors.values),
        "labels": attrs.labels,
        "sector_terms": [sorted(t) for t in attrs.sector_terms],
    }
    return arrays, facts


def _json_params(params: dict[str, Any]) -> dict[str, Any]:
    return {k: (dict(v) if k == "field_weights" and v else v) for k, v in params.items()} | {
        "glossary": None if params["glossary"] is None else str(params["glossary"])
    }


def save(matcher: TfidfMatcher, folder: Path, expected: dict[str, Any]) -> None:
    """Write the matcher to folder (created whole, then renamed into place).

    :raises FileExistsError: when folder already exists (another process wrote it first).
    """
    arrays, facts = matcher_state(matcher)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=folder.parent))
    try:
        files = {}
        for name, array in arrays.items():
            path = staging / f"{name}.npy"
            np.save(path, np.ascontiguousarray(array), allow_pickle=False)
            files[name] = {"size": path.stat().st_size, "crc32": _crc32(path)}
        manifest = {"format": FORMAT, "expected": expected, "facts": facts, "files": files}
        (staging / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        for path in staging.iterdir():
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())
        os.rename(staging, folder)  # atomic: readers see all of it or nothing
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def load(folder: Path, expected: dict[str, Any]) -> TfidfMatcher:
    """Map a saved matcher read-only.

    :raises StoreError: when the folder is missing, unreadable, of another format or of
        another directory (`expected` differs), or a file is truncated or altered.
    """
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreError(f"no readable manifest in {folder}: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise StoreError(f"{folder} holds another index format")
    if manifest.get("expected") != expected:
        raise StoreError(f"{folder} indexes another directory version or configuration")
    arrays = {}
    try:
        for name, meta in manifest["files"].items():
            path = folder / f"{name}.npy"
            if path.stat().st_size != meta["size"]:
                raise StoreError(f"{path.name} is {path.stat().st_size} bytes, not {meta['size']}")
            array = np.load(path, mmap_mode="r", allow_pickle=False)
            if _crc32(path) != meta["crc32"]:
                raise StoreError(f"{path.name} does not match its checksum")
            arrays[name] = array
        return matcher_from_state(manifest["facts"], arrays)
    except StoreError:
        raise
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise StoreError(f"{folder} cannot be read: {exc}") from exc


def _crc32(path: Path, block: int = 1 << 22) -> int:
    """The file's CRC-32, read into one buffer used again for every block: no new memory per
    block (fresh memory costs a page fault per page), and none of the file held at once."""
    crc = 0
    buffer = memoryview(bytearray(block))
    with open(path, "rb", buffering=0) as fh:
        while size := fh.readinto(buffer):
            crc = zlib.crc32(buffer[:size], crc)
    return crc


def matcher_from_state(facts: dict[str, Any], arrays: dict[str, np.ndarray]) -> TfidfMatcher:
    """Rebuild a fitted matcher around stored arrays (which may be memory maps)."""
    params = dict(facts["params"])
    matcher = TfidfMatcher(**params)
    stop_words = build_stop_words()
    analyzer = Analyzer(load_glossary(matcher.glossary, stop_words), stop_words)

    def part(prefix: str) -> dict[str, np.ndarray]:
        return {k[len(prefix) + 1 :]: v for k, v in arrays.items() if k.startswith(prefix + ".")}

    vocabulary = Vocabulary(**cast(dict[str, Any], part("vocabulary")))
    postings = Postings(
        **{name: arrays[f"postings.{name}"] for name in _POSTINGS},
        vocabulary=vocabulary,
        n_docs=int(facts["n_docs"]),
        weighting=str(facts["weighting"]),
        saturation=float(facts["saturation"]),
        unseen_idf=float(facts["unseen_idf"]),
    )
    n = postings.n_docs
    if len(arrays["ids"]) != n or len(postings.indptr) != len(postings.idf) + 1:
        raise StoreError("the stored arrays do not fit together")
    sectors = tuple(facts["sectors"])
    doc_sectors = sp.csr_matrix(
        (
            np.ones(len(arrays["sectors.indices"]), np.float32),
            arrays["sectors.indices"],
            arrays["sectors.indptr"],
        ),
        shape=(n, len(sectors)),
    )
    attributes = Attributes(
        ids=arrays["ids"],
        kinds=_Codes("kind", tuple(facts["kinds"]), arrays["kinds"]),
        cities=_Codes("city", tuple(facts["cities"]), arrays["cities"]),
        sectors=_Codes("sector", sectors, np.zeros(0, np.int32)),
        doc_sectors=doc_sectors,
        sector_terms=tuple(frozenset(t) for t in facts["sector_terms"]),
        labels=dict(facts["labels"]),
        groups=arrays["groups"],
        tie_rank=arrays["tie_rank"],
    )
    matcher.ids_ = arrays["ids"]
    matcher.field_names_ = tuple(facts["field_names"])
    matcher.field_weights_ = tuple(float(w) for w in facts["field_weights"])
    matcher.postings_ = postings
    matcher.vectoriser_ = QueryVectoriser(
        analyzer,
        postings,
        FuzzyVocabulary(part("fuzzy"), vocabulary.spelling),
        typo_similarity=matcher.typo_similarity,
        bigram_weight=matcher.bigram_weight,
        max_chars=matcher.max_query_chars,
    )
    matcher.attributes_ = attributes
    matcher.levers_ = _stored_levers(matcher, arrays, n)
    matcher.ranker_ = Ranker(
        postings,
        attributes,
        matcher.ids_,
        matcher.field_names_,
        matcher.field_weights_,
        matcher.max_per_group,
        matcher.levers_,
    )
    return matcher


def _stored_levers(
    matcher: TfidfMatcher, arrays: dict[str, np.ndarray], n_docs: int
) -> Levers | None:
    """The stored levers: the latent vectors when saved, the phrase scaling from the params."""
    latent = None
    if "latent.components" in arrays:
        latent = Latent(
            arrays["latent.terms"],
            arrays["latent.components"],
            arrays["latent.doc_vectors"],
            matcher.latent_weight,
        )
        dimensions, n_terms = latent.components.shape
        vectors = latent.doc_vectors.shape
        if vectors != (n_docs, dimensions) or n_terms != len(latent.terms):
            raise StoreError("the stored latent vectors do not fit the index")
    if latent is None and matcher.phrase_terms <= 0:
        return None
    return Levers(max(matcher.phrase_terms, 0), latent)
