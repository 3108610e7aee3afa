"""When two organisation names are the same name: compatibility forms, case and look-alikes.

``IFLYTEK``, ``iFlytek``, full-width ``ＩＦＬＹＴＥＫ`` and ``іFlytek`` with a Cyrillic ``і``
are one organisation to a reader, so they are one to the directory: names are compared by
NFKC normalisation, case folding and the Unicode confusables table (look-alike letters of
other scripts map to the letter they imitate, through the maintained data of
``confusable_homoglyphs``). Invisible format characters (zero-width spaces and joiners,
direction marks) have no place in a name and are refused.
"""

import unicodedata
from functools import lru_cache

from confusable_homoglyphs import confusables


def invisible_characters(name: str) -> list[str]:
    """The format characters in ``name`` (Unicode category Cf), as U+XXXX codes."""
    return [f"U+{ord(c):04X}" for c in name if unicodedata.category(c) == "Cf"]


def name_key(name: str) -> str:
    """What two names must share to be the same organisation's."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(_prototype(c) for c in " ".join(folded.split()))


@lru_cache(maxsize=4096)
def _prototype(character: str) -> str:
    if character.isascii():
        return character
    found = confusables.is_confusable(character, greedy=True, preferred_aliases=[])
    glyphs = [glyph["c"] for item in found or [] for glyph in item["homoglyphs"]]
    # One homoglyph: the table's prototype for this look-alike; several: it is a prototype.
    if len(glyphs) == 1 and len(glyphs[0]) == 1:
        return glyphs[0].casefold()
    return character
