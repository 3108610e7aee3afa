"""HarfBuzz shaping remembered for the length of one document.

fpdf2 shapes a fragment of text again each time it needs it: to measure it, to align its
line and to write it. In a right-to-left dossier the same words and phrases come back on
every page and in every host's section (the runs between left-to-right names, the labels), so
a font of the document keeps what it shaped, by text, size, direction, script, language
and features. What is kept is held by the font's subset (the glyphs it maps to are that
subset's), which lives as long as the document does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fpdf.fonts import TTFFont

#: fpdf2's text shaping parameters (direction, script, language, features), or None.
Params = dict[str, Any] | None


def _key(text: str, size: float, params: Params) -> tuple:
    if not params:
        return (text, size)
    features = params.get("features") or {}
    return (
        text,
        size,
        params.get("fragment_direction"),
        params.get("script"),
        params.get("language"),
        tuple(sorted(features.items())),
    )


class RememberingFont(TTFFont):
    """A TrueType font of fpdf2's that shapes each distinct fragment once."""

    __slots__ = ()

    def _remembered(
        self, name: str, shape: Callable[..., Any], text: str, size: float, params: Params
    ) -> Any:
        """What ``shape`` gives for the fragment, worked out once per document and ``name``."""
        kept = self.subset.__dict__.setdefault("_dossier_shaping", {}).setdefault(name, {})
        key = _key(text, size, params)
        if key not in kept:
            kept[key] = shape(text, size, params)
        return kept[key]

    def shape_text(self, text: str, font_size_pt: float, text_shaping_params: Params) -> Any:
        shape = super().shape_text
        return self._remembered("glyphs", shape, text, font_size_pt, text_shaping_params)

    def perform_harfbuzz_shaping(
        self, text: str, font_size_pt: float, text_shaping_params: Params
    ) -> Any:
        shape = super().perform_harfbuzz_shaping
        return self._remembered("positions", shape, text, font_size_pt, text_shaping_params)


def remember_shaping(font: TTFFont) -> None:
    """Make ``font``, just added to a document, shape each distinct fragment once."""
    font.__class__ = RememberingFont
