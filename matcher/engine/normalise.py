"""Script-aware text normalisation, tokenising and light word folding."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import snowballstemmer

#: The reviewed per-language list of business filler (see specificity.py).
GENERIC_WORDS_PATH = Path(__file__).parents[2] / "data" / "generic_words.json"

#: Query text longer than this is cut before analysis, so latency stays bounded.
QUERY_CHAR_CAP = 5_000

_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# A word is a run of letters or digits; parts joined by hyphens or "&" stay one token so
# the caller can decide between joining ("e-commerce", "R&D") and splitting ("cross-border").
TOKEN = re.compile(r"[^\W_]+(?:[-&][^\W_]+)*")
_JOINERS = re.compile(r"[-&]")
# Phrase boundaries: no bigram is formed across them.
_PUNCTUATION = re.compile(
    r"[.,;:!?()\[\]{}\"/|•·\n\u3001\u3002\uff0c\uff1b\uff1a\uff01\uff1f\u061b\u060c]+"
)

# Arabic letter forms that writers use interchangeably; diacritics go with the accents.
_ARABIC_FORMS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        "ـ": None,  # tatweel, a stretching stroke with no meaning
    }
)
# Dashes of every width become the ASCII hyphen so "e‑commerce" and "e-commerce" agree.
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d"})


_AR_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال", "و")
_AR_SUFFIXES = ("يات", "ات", "ون", "ين", "ان", "يه", "ه")


def strip_accents(text: str) -> str:
    """Drop combining marks (Latin accents, Arabic short vowels) after canonical decomposition."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise(text: str) -> str:
    """Return text in one canonical form: NFKC, no accents, unified Arabic letters, spaced CJK."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_DASHES)
        if _ARABIC.search(text):
            text = text.translate(_ARABIC_FORMS)
        text = unicodedata.normalize("NFC", strip_accents(text))
        if _CJK_CHAR.search(text):
            # Chinese has no spaces: fence each run so it becomes its own token.
            text = _CJK.sub(lambda m: f" {m.group()} ", text)
    return text


def tokens(text: str) -> list[str]:
    """Split normalised text into raw tokens (case kept, hyphenated words whole)."""
    return TOKEN.findall(text)


def phrases(text: str) -> list[str]:
    """Split text at punctuation into stretches within which words are adjacent."""
    return _PUNCTUATION.split(text)


def is_cjk(token: str) -> bool:
    """Tell whether a token is a run of Chinese characters."""
    return _CJK_CHAR.match(token) is not None


def split_compound(token: str) -> list[str]:
    """Split "cross-border" into parts, but join "e-commerce", "X-ray" and "R&D" into one word."""
    parts = _JOINERS.split(token)
    if len(parts) == 1:
        return parts
    if "&" in token or any(len(p) == 1 for p in parts):
        return [token]  # the caller drops the hyphens from the key and keeps them for display
    # A trailing hyphen remembers "cross-border" for display; keys drop it.
    return [p + "-" for p in parts[:-1]] + parts[-1:]


def fold_english(word: str) -> str:
    """Fold English plurals: batteries → battery, processes → process, vehicles → vehicle."""
    n = len(word)
    if n <= 3 or not word.endswith("s"):
        return word
    if word.endswith("ies") and n > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith(("ches", "shes", "xes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is", "ous")):
        return word
    return word[:-1]


def fold_arabic(word: str) -> str:
    """Light Arabic stemmer: strip one prefix (the article, "and/with/like/so" + article, "for
    the", "and") and one plural, dual or feminine ending, keeping a stem of three letters at
    least, in the manner of Larkey's light10 stemmer. Snowball's Arabic stemmer is not used
    because it leaves "وال" (and-the) on words such as "والتجاره"."""
    for prefix in _AR_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix) :]
            break
    for suffix in _AR_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _script(word: str) -> str:
    first = word[0]
    if first < "\u0400":
        return "latin"
    if first <= "\u04ff":
        return "cyrillic"
    if "\u0600" <= first <= "\u06ff":
        return "arabic"
    return "other"


_SNOWBALL = {"cyrillic": "russian"}


@cache
def _snowball(language: str) -> Callable[[str], str]:
    return _stemmer(language).stemWord


def fold(word: str) -> str:
    """Fold a lowercase word for its script: English plurals, Arabic clitics and endings,
    Russian words by the Snowball stemmer (the script tells the language)."""
    script = _script(word)
    if script == "latin":
        return fold_english(word)
    if script == "arabic":
        # Snowball's Arabic stemmer leaves "وال" (and-the) on "والتجاره"; these rules do not.
        return fold_arabic(word)
    language = _SNOWBALL.get(script)
    if language:
        return _snowball(language)(word.replace("ё", "е"))
    return word


#: Index keys of query words kept per process; bounded, since users may type any word.
INDEX_KEY_CACHE = 100_000


@lru_cache(maxsize=INDEX_KEY_CACHE)
def index_key(key: str) -> str:
    """The key a folded word is indexed under: Snowball English for Latin script, so
    "manufacturing" and "manufactured" meet; other scripts as folded.

    Glossary phrases and stop words are matched on the folded key before this step, so a stem
    shared by two words ("commercial", "commercialisation") never triggers the other's entry.
    A reviewed generic word keeps its own key, and so does a word whose stem would be one:
    "marketing" must not meet "market", nor "manufacturing" meet "manufacturer".
    """
    return index_keys([key])[0]


def index_keys(keys: list[str]) -> list[str]:
    """`index_key` of many words at once, remembering none of them: an index build meets each
    of its words once, and a cache of them would outlive the build."""
    generic = _generic_latin()
    wanted = [k for k in keys if k and k not in generic and k.isalpha() and _script(k) == "latin"]
    stems = dict(zip(wanted, _stemmer("english").stemWords(wanted), strict=True))
    return [key if (s := stems.get(key, key)) in generic else s for key in keys]


@cache
def _stemmer(language: str) -> Any:
    """A Snowball stemmer that remembers no words. When snowballstemmer hands over to the C
    stemmers, their own cache would cost time in an index build (each word is met once) and
    scatter its entries through the build's memory, which then cannot be handed back."""
    stemmer = snowballstemmer.stemmer(language)
    if hasattr(stemmer, "maxCacheSize"):
        stemmer.maxCacheSize = 0
    return stemmer


@cache
def _generic_latin() -> frozenset[str]:
    """Folded Latin-script words of the reviewed generic list (data/generic_words.json)."""
    data = json.loads(GENERIC_WORDS_PATH.read_text(encoding="utf-8"))
    words = (normalise(w).lower() for lang, ws in data.items() if lang != "about" for w in ws)
    return frozenset(fold(w) for w in words if w.isascii())


def stem(word: str) -> str:
    """Second-chance key for glossary look-up of words that are not English.

    Latin-script words go through the Snowball French and Spanish stemmers (the word does not
    say which of the two it is; the shorter stem is kept, and glossary variants are keyed the
    same way, so "logísticas" meets "logística"); other scripts are folded as in `fold`.
    """
    if _script(word) == "latin":
        french, spanish = _snowball("french")(word), _snowball("spanish")(word)
        return min(french, spanish, key=len)
    return fold(word)
