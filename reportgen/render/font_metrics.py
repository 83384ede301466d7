"""How wide a piece of text is printed in a font, from the font's own metrics: the Word
version sizes its table columns and contents entries with it, so a word never has to be
broken and a page number never wraps.

The font file is the one fontconfig would draw the family with (``fc-match``), which is
what LibreOffice uses too: for Arial on Linux, the metric-compatible Liberation Sans. Each
character's advance width comes from the file's ``hmtx`` table (read once, with fontTools).
Where no font file can be found, each character is taken as :data:`FALLBACK_EM` wide.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from reportgen.load.fontconfig import fontconfig

FALLBACK_EM = 0.6
"""The width of a character, in ems, where the font's own widths cannot be read: wider
than Arial's or Calibri's average letter, so a column sized with it is wide enough."""
TWIPS_PER_POINT = 20


@dataclass(frozen=True)
class Advances:
    """A font's advance widths, in ems, by character; ``missing`` for a character it
    lacks (the width of the empty box it would print)."""

    widths: dict[int, float]
    missing: float

    def width(self, text: str) -> float:
        return sum(self.widths.get(ord(char), self.missing) for char in text)


@dataclass(frozen=True)
class Font:
    """A font as Word names it in a run: family, size in points and weight."""

    family: str
    size: float
    bold: bool = False

    def width(self, text: str) -> float:
        """How wide ``text`` prints, in points (kerning aside)."""
        advances = font_advances(self.family, self.bold)
        ems = FALLBACK_EM * len(text) if advances is None else advances.width(text)
        return ems * self.size

    def twips(self, text: str) -> int:
        """How wide ``text`` prints, in twentieths of a point (Word's ``dxa``)."""
        return round(self.width(text) * TWIPS_PER_POINT)


@functools.cache
def font_advances(family: str, bold: bool) -> Advances | None:
    """The advance widths of the font fontconfig draws ``family`` with; None where there
    is no fontconfig or the file cannot be read."""
    escaped = "".join(f"\\{char}" if char in "\\-:," else char for char in family)
    found = fontconfig("fc-match", "--format=%{file}", f"{escaped}:bold" if bold else escaped)
    return _read_advances(found.strip()) if found and found.strip() else None


@functools.cache
def _read_advances(path: str) -> Advances | None:
    from fontTools.ttLib import TTFont, TTLibError  # type: ignore[import-untyped]

    try:
        font = TTFont(path, lazy=True, fontNumber=0)
        per_em = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        glyphs = font.getBestCmap() or {}
        widths = {code: metrics[name][0] / per_em for code, name in glyphs.items()}
        missing = metrics.get(".notdef", (per_em * FALLBACK_EM, 0))[0] / per_em
    except (OSError, TTLibError, AssertionError, KeyError, ValueError, EOFError):
        return None
    return Advances(widths, missing)
