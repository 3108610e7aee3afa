"""data/glossary.json read the other way: a matched English term in the reader's language.

The engine maps every language's words to canonical English; reasons show those terms. Here
each canonical term is given back in the page's language, as the glossary first words it.
Terms the glossary does not know are shown as they are (the reader sees the profile's word).
"""

from functools import cache

from . import DATA, LANGUAGES, read_json


@cache
def load() -> dict[str, dict[str, str]]:
    """Canonical term (lowercase) → language → the glossary's first wording in it."""
    wordings: dict[str, dict[str, str]] = {}
    for entry in read_json(DATA / "glossary.json").get("entries", []):
        canonical = str(entry.get("canonical", "")).strip().lower()
        if not canonical:
            continue
        found = wordings.setdefault(canonical, {"en": canonical})
        for language in LANGUAGES:
            variants = entry.get(language) or []
            if language != "en" and variants and language not in found:
                found[language] = str(variants[0])
    return wordings


def in_language(term: str, language: str) -> tuple[str, str]:
    """The term worded for the language, and the language it is actually worded in."""
    found = load().get(term.strip().lower())
    if found and language in found:
        return found[language], language
    if any("\u4e00" <= c <= "\u9fff" for c in term):
        return term, "zh"
    return term, "en"
