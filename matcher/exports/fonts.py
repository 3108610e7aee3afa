"""Find the fonts the PDF dossier needs among the system's Debian font packages.

Organisation names are Chinese and headings may be Arabic, so the dossier needs a CJK font
and an Arabic one. Each role lists candidate files, first found wins; the Debian package
that ships each file is named beside it. The MATCHER_FONT_DIRS environment variable
(directories separated by os.pathsep) is searched first, by file name, at call time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# (path, index of the face inside a .ttc collection)
FONT_SEARCH_LIST: dict[str, tuple[tuple[str, int], ...]] = {
    "cjk": (
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),  # fonts-noto-cjk (SC)
        ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),  # fonts-wqy-zenhei
        ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),  # fonts-droid-fallback
    ),
    "cjk-bold": (
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),  # fonts-noto-cjk (SC)
    ),
    "arabic": (
        ("/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf", 0),  # fonts-noto-core
        ("/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf", 0),  # fonts-noto-core
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0),  # fonts-dejavu-core
    ),
    "arabic-bold": (
        ("/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf", 0),  # fonts-noto-core
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 0),  # fonts-dejavu-core
    ),
    "latin": (
        ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", 0),  # fonts-noto-core
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0),  # fonts-dejavu-core
    ),
    "latin-bold": (
        ("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf", 0),  # fonts-noto-core
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 0),  # fonts-dejavu-core
    ),
}
DEBIAN_PACKAGES = ("fonts-noto-cjk", "fonts-noto-core")


class MissingFontError(RuntimeError):
    """No font for a script the dossier must render is installed."""


@dataclass(frozen=True, slots=True)
class FontFile:
    """A font file and the face to use inside it."""

    path: Path
    index: int = 0


def find_font(role: str) -> FontFile | None:
    """The first installed font for a role ("cjk", "arabic", "latin" and their "-bold")."""
    extra = [Path(d) for d in os.environ.get("MATCHER_FONT_DIRS", "").split(os.pathsep) if d]
    for candidate, index in FONT_SEARCH_LIST[role]:
        name = Path(candidate).name
        for directory in extra:
            if (directory / name).is_file():
                return FontFile(directory / name, index)
        if Path(candidate).is_file():
            return FontFile(Path(candidate), index)
    return None


def require_font(role: str) -> FontFile:
    """The font for a role, or a MissingFontError naming the Debian packages to install."""
    found = find_font(role)
    if found is None:
        raise MissingFontError(
            f"no {role} font found for the PDF dossier; install the Debian packages "
            f"{' '.join(DEBIAN_PACKAGES)} or set MATCHER_FONT_DIRS"
        )
    return found
