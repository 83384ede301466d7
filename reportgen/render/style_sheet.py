"""The house style in the HTML and the PDF: a small block of CSS custom properties
(``--text-colour`` …) that house-style.css lays the documents out with, added to every
page's ``<head>`` in code, so no template can leave it out.

The block is made only from the house style as validated (colours ``#rrggbb``, font names
of letters, digits, spaces and hyphens, and fixed keywords), and each value is checked
again here before it is written: content is data, and no text of it reaches the CSS.
"""

from __future__ import annotations

import re

from reportgen.exceptions import TemplateError
from reportgen.model.house_style import HouseStyle

FALLBACK_FONTS = '"Liberation Sans", Arial, Helvetica, sans-serif'
"""The templates' own fonts, and what follows a house style's font in case it is missing."""
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
_FONT = re.compile(r"[A-Za-z0-9][A-Za-z0-9 -]{0,59}")
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)


def house_style_css(style: HouseStyle) -> str:
    """The custom properties house-style.css uses, set as ``style`` says."""
    colours = style.colours
    properties = {
        "--text-colour": _colour(colours.text),
        "--background-colour": _colour(colours.background),
        "--heading-colour": _colour(colours.headings),
        "--table-header-text-colour": _colour(colours.table_header_text),
        "--table-header-background-colour": _colour(colours.table_header_background),
        "--shading-colour": _colour(colours.shading),
        "--body-font": _fonts(style.fonts.body),
        "--heading-font": _fonts(style.heading_font),
        "--main-heading-case": "uppercase" if style.headings == "capitals" else "none",
        "--chapter-break": "page" if style.chapters_start_new_page else "auto",
    }
    lines = "".join(f"  {name}: {value};\n" for name, value in properties.items())
    return f":root {{\n{lines}}}\n"


def with_house_style(html: str, style: HouseStyle) -> str:
    """The page with the house style's block at the end of its ``<head>`` (after the
    template's own styles, so the house style's values are the ones used)."""
    block = f'<style class="house-style">\n{house_style_css(style)}</style>\n'
    return at_head_end(html, block, "the house style cannot be set")


def at_head_end(html: str, block: str, otherwise: str) -> str:
    """``html`` with ``block`` at the end of its ``<head>``; a template without one is
    refused, saying what ``otherwise`` cannot be done."""
    if not _HEAD_END.search(html):
        raise TemplateError(f"an HTML template has no <head>, so {otherwise}.")
    return _HEAD_END.sub(lambda match: block + match.group(), html, count=1)


def _colour(value: str) -> str:
    if not _COLOUR.fullmatch(value):
        raise TemplateError(f"the house style's colour {value!r} is not written #rrggbb.")
    return value.lower()


def _fonts(name: str | None) -> str:
    """A font's name, quoted, then the fallbacks; just the fallbacks without one."""
    if name is None:
        return FALLBACK_FONTS
    if not _FONT.fullmatch(name):
        raise TemplateError(f"the house style's font {name!r} is not a font's name.")
    return f'"{name}", {FALLBACK_FONTS}'
