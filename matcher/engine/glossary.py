"""Multilingual glossary: sector and domain terms in six languages mapped to canonical English."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import icu

from .normalise import fold, index_key, is_cjk, normalise, split_compound, stem, tokens

DEFAULT_GLOSSARY_PATH = Path(__file__).parents[2] / "data" / "glossary.json"
LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")
_ABBREVIATION = re.compile(r"[A-Z][A-Z0-9&]+s?")

#: A term as the analyser emits it: (matching key, human-readable surface).
Term = tuple[str, str]


def words(text: str) -> list[tuple[str, str]]:
    """Split text into (raw token, lowercase surface) pairs, compounds split or joined."""
    out: list[tuple[str, str]] = []
    for raw in tokens(normalise(text)):
        for part in split_compound(raw):
            if len(part) > 1:
                out.append((part, part.lower()))
    return out


def english_terms(text: str, stop_words: frozenset[str] = frozenset()) -> tuple[Term, ...]:
    """Analyse canonical English into terms, as documents are analysed, without the glossary."""
    terms = []
    for raw, lowered in words(text):
        key = fold(lowered.replace("-", ""))
        if len(key) > 1 and key not in stop_words and lowered not in stop_words:
            terms.append((index_key(key), raw if _ABBREVIATION.fullmatch(raw) else lowered))
    return tuple(terms)


@dataclass(frozen=True)
class Glossary:
    """Look-up tables built from the glossary data; see `load_glossary`.

    `english` holds canonical terms, abbreviations and spelling variants and applies to
    profiles and interests alike; `foreign` (French, Spanish, Russian, Arabic; keys folded)
    and `stemmed` (keys stemmed) apply to interests only, so English profile words are never
    rewritten by a look-alike foreign word. Chinese entries apply to both (profiles may carry
    Chinese names).
    """

    english: dict[tuple[str, ...], tuple[Term, ...]] = field(default_factory=dict)
    english_start: dict[str, int] = field(default_factory=dict)
    foreign: dict[tuple[str, ...], tuple[Term, ...]] = field(default_factory=dict)
    foreign_start: dict[str, int] = field(default_factory=dict)
    stemmed: dict[tuple[str, ...], tuple[Term, ...]] = field(default_factory=dict)
    stemmed_start: dict[str, int] = field(default_factory=dict)
    chinese: dict[str, tuple[Term, ...]] = field(default_factory=dict)
    chinese_longest: int = 0
    cased: dict[str, tuple[Term, ...]] = field(default_factory=dict)

    def segment_chinese(self, run: str) -> list[Term]:
        """Greedy longest match of glossary entries over a run of Chinese characters.

        Stretches no entry covers are cut into words by ICU's dictionary-based word break
        iterator, so terms outside the glossary still match as words ("隔膜", "光缆"); runs of
        characters ICU leaves single (names it does not know, such as "蓝箭") become character
        bigrams, so Chinese names still match Chinese names in profiles.
        """
        out: list[Term] = []
        unmatched: list[str] = []
        i, n = 0, len(run)
        while i < n:
            for length in range(min(self.chinese_longest, n - i), 0, -1):
                terms = self.chinese.get(run[i : i + length])
                if terms is not None:
                    out.extend(_words("".join(unmatched)))
                    unmatched.clear()
                    out.extend(terms)
                    i += length
                    break
            else:
                unmatched.append(run[i])
                i += 1
        out.extend(_words("".join(unmatched)))
        return out


_BREAKERS = threading.local()


def _words(text: str) -> list[Term]:
    """ICU words of a stretch of Chinese text; single-character runs as character bigrams."""
    if not text:
        return []
    breaker = getattr(_BREAKERS, "zh", None)
    if breaker is None:  # an ICU break iterator is not thread-safe: one per thread
        breaker = _BREAKERS.zh = icu.BreakIterator.createWordInstance(icu.Locale("zh"))
    breaker.setText(text)
    out: list[Term] = []
    singles = start = 0
    for end in breaker:
        if end - start == 1:
            singles += 1
        else:
            out.extend(_char_bigrams(text[start - singles : start]))
            singles = 0
            out.append((text[start:end], text[start:end]))
        start = end
    out.extend(_char_bigrams(text[start - singles : start]))
    return out


def _char_bigrams(text: str) -> list[Term]:
    if len(text) < 2:
        return [(text, text)] if text else []
    return [(text[i : i + 2], text[i : i + 2]) for i in range(len(text) - 1)]


def build_glossary(
    entries: Iterable[Mapping[str, object]], stop_words: frozenset[str] = frozenset()
) -> Glossary:
    """Build look-up tables from entries {"canonical": str, "en": [...], "fr": [...], ...}."""
    glossary = Glossary()
    for word in stop_words:
        if is_cjk(word):  # consumed by the segmenter, so they leave no character bigrams
            _add_variant(glossary, word, "zh", (), stop_words)
    for entry in entries:
        canonical = str(entry["canonical"])
        terms = english_terms(canonical, stop_words)
        for lang in LANGUAGES:
            listed = entry.get(lang, [])
            variants = list(listed) if isinstance(listed, Iterable) else []
            if lang == "en":
                variants = [canonical, *variants]
            for variant in variants:
                _add_variant(glossary, str(variant), lang, terms, stop_words)
    return glossary


def _add_variant(
    glossary: Glossary,
    variant: str,
    lang: str,
    terms: tuple[Term, ...],
    stop_words: frozenset[str],
) -> None:
    text = normalise(variant)
    if lang == "zh" or all(is_cjk(t) for t in tokens(text)):
        key = "".join(tokens(text))
        if key:
            glossary.chinese[key] = terms
            object.__setattr__(glossary, "chinese_longest", max(glossary.chinese_longest, len(key)))
        return
    pairs = words(variant)
    kept = {surface for _, surface in pairs}
    if any(t.isdigit() and t not in kept for t in tokens(text)):
        return  # "industria 4.0" without its number would claim every "industria"
    if len(pairs) == 1 and len(tokens(text)) > 1:
        return  # "e commerce" without its letter would claim every "commerce"
    if lang == "en" and len(pairs) == 1 and _ABBREVIATION.fullmatch(variant):
        # Abbreviations such as "IT" are only trusted in capitals, where they cannot be a word.
        glossary.cased[pairs[0][0]] = terms
    if all(surface in stop_words for _, surface in pairs):
        return  # "it", or "r and d" without its letters: they must not match every "it", "and"
    keys = tuple(fold(surface.replace("-", "")) for _, surface in pairs)
    if lang == "en":
        _put(glossary.english, glossary.english_start, keys, terms)
    else:
        _put(glossary.foreign, glossary.foreign_start, keys, terms)
        stems = tuple(stem(surface.replace("-", "")) for _, surface in pairs)
        _put(glossary.stemmed, glossary.stemmed_start, stems, terms)


def _put(
    table: dict[tuple[str, ...], tuple[Term, ...]],
    start: dict[str, int],
    keys: tuple[str, ...],
    terms: tuple[Term, ...],
) -> None:
    table.setdefault(keys, terms)
    start[keys[0]] = max(start.get(keys[0], 0), len(keys))


def load_glossary(
    path: str | Path | None = None, stop_words: frozenset[str] = frozenset()
) -> Glossary:
    """Read glossary JSON ({"entries": [...]}) from path, or the shipped data/glossary.json."""
    with open(path or DEFAULT_GLOSSARY_PATH, encoding="utf-8") as fh:
        data = json.load(fh)
    return build_glossary(data["entries"], stop_words)
