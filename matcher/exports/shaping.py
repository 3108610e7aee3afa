"""HarfBuzz shaping remembered for the length of one document.

fpdf2 shapes a fragment of text again each time it needs it: to measure it, to align its
line and to write it. In a right-to-left dossier the same words and phrases come back on
every page and in every host's section (the runs between left-to-right names, the labels), so
a font of the document keeps what it shaped, by text, size, direction, script, language
and features. What is kept is held by the font's subset (the glyphs it maps to are that
subset's), which lives as long as the document does.
"""

from __future__ import annotations

from typing import Any

from fpdf.fonts import TTFFont


def _key(text: str, size: float, params: dict[str, Any] | None) -> tuple:
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

    def _kept(self, name: str) -> dict[tuple, Any]:
        kept = self.subset.__dict__.setdefault("_dossier_shaping", {})
        return kept.setdefault(name, {})

    def shape_text(
        self, text: str, font_size_pt: float, text_shaping_params: dict[str, Any] | None
    ) -> Any:
        kept = self._kept("glyphs")
        key = _key(text, font_size_pt, text_shaping_params)
        if key not in kept:
            kept[key] = super().shape_text(text, font_size_pt, text_shaping_params)
        return kept[key]

    def perform_harfbuzz_shaping(
        self, text: str, font_size_pt: float, text_shaping_params: dict[str, Any] | None
    ) -> Any:
        kept = self._kept("positions")
        key = _key(text, font_size_pt, text_shaping_params)
        if key not in kept:
            kept[key] = super().perform_harfbuzz_shaping(text, font_size_pt, text_shaping_params)
        return kept[key]


def remember_shaping(font: TTFFont) -> None:
    """Make ``font``, just added to a document, shape each distinct fragment once."""
    font.__class__ = RememberingFont
