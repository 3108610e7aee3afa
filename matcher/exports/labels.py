"""How the exports put words together in the language a file is written in: punctuation,
arrows, and why an organisation matched (the words themselves are the headings')."""

from __future__ import annotations

from collections.abc import Sequence

from .headings import RIGHT_TO_LEFT, heading

# A list's comma, a clause's semicolon and a sentence's full stop where they are not ", ", "; "
# and ".".
SEPARATORS = {"zh": ("、", "；", "。"), "ar": ("، ", "؛ ", ".")}


def colon(language: str) -> str:
    """What follows a heading before its subject: ": ", or the full-width colon in Chinese."""
    return "：" if language == "zh" else ": "


def punctuation(language: str) -> tuple[str, str, str]:
    """The comma, semicolon and full stop of ``language``."""
    return SEPARATORS.get(language, (", ", "; ", "."))


def why_in_language(
    sectors: Sequence[str],
    words: Sequence[str],
    reason: str,
    language: str,
    *,
    chosen: bool = False,
) -> str:
    """Why an organisation matched, said in the delegation's language: the sectors shared (by
    their labels in that language) and the words shared; the engine's English sentence
    (``reason``) only for English readers."""
    comma, semicolon, _ = punctuation(language)
    parts = []
    if sectors:
        parts.append(heading("shared_sectors", language, sectors=comma.join(sectors)))
    if words:
        parts.append(heading("shared_words", language, words=comma.join(words)))
    if parts:
        return semicolon.join(parts)
    if chosen:
        return heading("chosen", language)
    return reason if language == "en" else ""


def arrow(language: str) -> str:
    """The arrow from one place to the next: it points the way the language reads."""
    return "←" if language in RIGHT_TO_LEFT else "→"
