"""The dossier's fonts, read once per process.

The Chinese face (Noto Sans CJK, 19 MB, 65,000 glyphs) is what made every PDF slow: fpdf2
parses a font when it is added and subsets it when the document is written, and both walk
the whole face. Here each face is opened once per process and cut down (fontTools'
subsetter) to a small "pool" font holding the characters this process has needed so far;
documents embed from the pools, which parse and subset in milliseconds. A document that
needs characters outside a pool grows it first (once; a pool never shrinks). The Arabic
pool keeps its layout tables, which HarfBuzz needs to join the letters.
"""

from __future__ import annotations

import atexit
import io
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset, ttLib
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen

from .fonts import FontFile, find_font, require_font

# How far (in font units, of 1,000 or 2,048 to the em) quadratic outlines may stray from cubic.
_OUTLINE_TOLERANCE = 1.0
# Tables a pool leaves out: layout (except where shaping needs it), vertical metrics, extras.
_LAYOUT = ["GDEF", "GPOS", "GSUB"]
_DROPPED = ["MATH", "FFTM", "meta", "SVG ", "vhea", "vmtx", "VORG"]


@dataclass(frozen=True, slots=True)
class Face:
    """A font file fpdf2 can add, and the face inside it."""

    path: Path
    index: int = 0


@dataclass(frozen=True, slots=True)
class DossierFonts:
    """The faces a dossier is set in: Latin main, Arabic and Chinese fallbacks."""

    latin: tuple[Face, Face] | None
    arabic: tuple[Face, Face] | None
    cjk: tuple[Face, Face]


class _Pool:
    """A growing subset of one big face, written to a private temporary folder."""

    def __init__(self, source: FontFile, folder: Path, stem: str, *, layout: bool) -> None:
        self.source, self.folder, self.stem, self.layout = source, folder, stem, layout
        self.covered: frozenset[int] = frozenset()
        self.face: Face | None = None
        self._cmap: frozenset[int] | None = None
        self._generation = 0

    def face_for(self, codepoints: frozenset[int]) -> Face:
        """A face covering ``codepoints`` (those the big face has), grown when needed."""
        if self._cmap is None:
            with ttLib.TTFont(str(self.source.path), fontNumber=self.source.index, lazy=True) as f:
                self._cmap = frozenset(f.getBestCmap())
        wanted = (codepoints & self._cmap) | self.covered
        if self.face is None or not wanted <= self.covered:
            return self._write(wanted)
        return self.face

    def _write(self, wanted: frozenset[int]) -> Face:
        # The subsetter changes the font it works on: read the face afresh from the file.
        with ttLib.TTFont(
            str(self.source.path), fontNumber=self.source.index, recalcTimestamp=False
        ) as font:
            data = self._subset(font, wanted)
        self._generation += 1
        # A new file per generation: a document being written keeps the one it started with.
        path = self.folder / f"{self.stem}-{self._generation}.ttf"
        path.write_bytes(data)
        self.face, self.covered = Face(path), wanted
        return self.face

    def _subset(self, font: ttLib.TTFont, wanted: frozenset[int]) -> bytes:
        # Without subroutines and hints, fpdf2's own subsetting of the pool has little to do.
        options = subset.Options(
            notdef_outline=True,
            recommended_glyphs=True,
            name_IDs=["*"],
            desubroutinize=True,
            hinting=False,
        )
        options.drop_tables += _DROPPED + ([] if self.layout else _LAYOUT)
        subsetter = subset.Subsetter(options)
        # Printable ASCII is always in: page numbers and codes need no second look.
        subsetter.populate(unicodes=sorted(wanted | set(range(0x20, 0x7F))))
        subsetter.subset(font)
        if "CFF " in font:
            with_quadratic_outlines(font)
        buffer = io.BytesIO()
        font.save(buffer)
        return buffer.getvalue()


def with_quadratic_outlines(font: ttLib.TTFont) -> None:
    """Turn a CFF (PostScript) font into a TrueType one, in place.

    fpdf2 subsets every embedded font for each document, and compiles a CFF font's
    charstrings twice to do it, which for the Chinese face cost more than the rest of the
    document's fonts together; TrueType glyphs it copies as they are. The outlines are
    converted with fontTools' cu2qu pen, within ``_OUTLINE_TOLERANCE`` font units.
    """
    glyphs = font.getGlyphSet()
    order = font.getGlyphOrder()
    glyf = ttLib.newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, _OUTLINE_TOLERANCE, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["glyf"] = glyf
    font["loca"] = ttLib.newTable("loca")
    maxp = font["maxp"] = ttLib.newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 2.0, [], {}
    font.sfntVersion = "\x00\x01\x00\x00"


class FontCache:
    """Every face the dossier uses, found and prepared once per process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._folder: Path | None = None
        self._pools: dict[tuple[str, int], _Pool] = {}

    def fonts_for(self, text: str) -> DossierFonts:
        """The faces for a document whose whole text is ``text``.

        :raises MissingFontError: when no Chinese font is installed.
        """
        codepoints = frozenset(ord(c) for c in text)
        with self._lock:
            cjk = self._pair("cjk", require_font("cjk"), codepoints)
            latin, arabic = find_font("latin"), find_font("arabic")
            # Every font added is subset when the document is written, used or not.
            arabic_text = any(0x0590 <= c <= 0x08FF or 0xFB1D <= c <= 0xFEFC for c in codepoints)
            return DossierFonts(
                self._pair("latin", latin, codepoints) if latin else None,
                self._pair("arabic", arabic, codepoints) if arabic and arabic_text else None,
                cjk,
            )

    def _pair(self, role: str, regular: FontFile, codepoints: frozenset[int]) -> tuple[Face, Face]:
        bold = find_font(f"{role}-bold") or regular
        return (
            self._pool(regular, role).face_for(codepoints),
            self._pool(bold, role).face_for(codepoints),
        )

    def _pool(self, source: FontFile, role: str) -> _Pool:
        key = (str(source.path), source.index)
        if key not in self._pools:
            if self._folder is None:
                self._folder = Path(tempfile.mkdtemp(prefix="g60-dossier-fonts-"))
                atexit.register(shutil.rmtree, self._folder, ignore_errors=True)
            stem = f"{role}{len(self._pools)}"
            self._pools[key] = _Pool(source, self._folder, stem, layout=role == "arabic")
        return self._pools[key]


# One per process: gunicorn workers each prepare their own on their first dossier.
FONTS = FontCache()
