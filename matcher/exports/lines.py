"""Setting text in lines for the dossier: left-to-right runs isolated inside right-to-left
text, words filled into lines by their widths, and the fragments of a line joined.

Plain functions over strings and fpdf2's fragments; ``dossier_pdf`` calls them.
"""

from __future__ import annotations

import re
import unicodedata

from fpdf.line_break import Fragment

LRI, PDI = "\u2066", "\u2069"
RTL_SCRIPT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_NOT_RTL = "[^\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u2066-\u2069·]"
_STRONG_LTR = "A-Za-z0-9\u00c0-\u024f\u0370-\u04ff\u2e80-\u9fff\uff00-\uffef"
# A left-to-right run: an optional "+" or "(" (phone numbers), a letter or digit, and
# everything up to the last letter, digit or closing bracket before the next Arabic letter.
LTR_RUN = re.compile(f"[+(]?[{_STRONG_LTR}](?:{_NOT_RTL}*[{_STRONG_LTR})])?")


def isolate_ltr(text: str) -> str:
    """Wrap each left-to-right run in LRI … PDI so the bidi algorithm keeps it in order."""
    return LTR_RUN.sub(lambda m: f"{LRI}{m.group(0)}{PDI}", text)


def between_words(fragment: Fragment, font: object) -> bool:
    """Whether ``fragment`` holds only spaces and punctuation that ``font`` can set."""
    cmap = getattr(font, "cmap", None)
    return cmap is not None and all(
        unicodedata.category(c)[0] in "ZP" and ord(c) in cmap for c in fragment.characters
    )


def filled(words: list[str], widths: list[float], space: float, available: float) -> list[str]:
    """Words set greedily into lines no wider than ``available``, joined by single spaces."""
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    for word, width in zip(words, widths, strict=True):
        if current and used + space + width > available:
            lines.append(" ".join(current))
            current, used = [], 0.0
        used += (space if current else 0.0) + width
        current.append(word)
    lines.append(" ".join(current))
    return lines


def balanced_isolates(lines: list[str]) -> list[str]:
    """Each line closes the left-to-right isolate it leaves open and the next one reopens it.

    Every line is laid out by the bidi algorithm on its own; a name or a phone number broken
    over two lines stays a left-to-right run on both.
    """
    balanced = []
    carried = False
    for line in lines:
        if carried:
            line = LRI + line
        carried = line.rfind(LRI) > line.rfind(PDI)
        balanced.append(line + PDI if carried else line)
    return balanced
