"""How wide the text of a Word paragraph prints: each run's font, size and weight resolved
as Word resolves them (the run's own formatting, its character style, the paragraph's
style and the styles it is based on, then the document's defaults), and the paragraph's
indentation (its own, its list level's, its style's). Widths are in twips (``dxa``,
twentieths of a point), as Word's XML gives lengths.

A word is what a line may not be broken inside: text between spaces, tabs and line
breaks, and after a hyphen or dash that is not followed by a digit (Word and LibreOffice
break after a hyphen, an en dash and an em dash; "/" is not taken as a place to break).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import XmlPart
from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped]

from reportgen.render.font_metrics import Font

DEFAULT_SIZE = 10.0
"""Points, where no style or default gives a size (as Word takes it)."""
A4_TEXT_WIDTH = 9638
"""Twips: the text width of an A4 page with 2 cm margins, for a section that gives none."""
DEFAULT_FAMILY = "Times New Roman"
"""Where no style, default or theme names a font (as Word takes it)."""
_OFF = ("0", "false", "off")
_BREAK_AFTER = re.compile(r"(?<=[-\u2013\u2014])(?=[^\d\s])|[\s\u200b]+")
"""Where a line may break inside text: after a hyphen or dash (not before a digit), and at
spaces, tabs, line breaks and zero-width spaces (which themselves print nothing there)."""

Piece = tuple[str, Font]
"""A run's text and the font it prints in."""


@dataclass(frozen=True)
class Indent:
    """A paragraph's indentation in twips: where its lines start (``left``), how far its
    first line starts from there (negative for a hanging indent), and ``right``."""

    left: int = 0
    first_line: int = 0
    right: int = 0

    @property
    def widest_start(self) -> int:
        """The furthest from the left edge any of its lines starts."""
        return self.left + max(self.first_line, 0)


@dataclass(frozen=True)
class TabStop:
    """A tab stop: its position in twips from the text's left edge, its alignment
    (``left``, ``right``, ``center``, ``decimal``) and leader (``dot``, or "")."""

    position: int
    alignment: str
    leader: str = ""


def words(pieces: list[Piece]) -> Iterator[int]:
    """The width of each word of a paragraph's text, in twips; a word that runs over
    several runs (a bold letter in a word) is measured run by run and added up."""
    width = 0
    for text, font in pieces:
        parts = _BREAK_AFTER.split(text)
        for index, part in enumerate(parts):
            if index:
                yield width
                width = 0
            width += font.twips(part)
    yield width


def text_width(section: etree._Element | None) -> int:
    """The width between a section's margins (``w:sectPr``), in twips."""
    if section is None:
        return A4_TEXT_WIDTH
    size, margins = section.find(qn("w:pgSz")), section.find(qn("w:pgMar"))
    if size is None or margins is None:
        return A4_TEXT_WIDTH

    def twips(element: etree._Element, name: str) -> int:
        value = element.get(qn(name), "0")
        return int(value) if value.lstrip("-").isdigit() else 0

    width = twips(size, "w:w") - twips(margins, "w:left") - twips(margins, "w:right")
    return width - twips(margins, "w:gutter") if width > 0 else A4_TEXT_WIDTH


class WordFormats:
    """A rendered Word document's styles, list levels and theme fonts, to resolve what
    font each run prints in and how each paragraph is indented."""

    def __init__(self, document: Document) -> None:
        styles = document.styles.element
        self.styles = {s.get(qn("w:styleId")): s for s in styles.iter(qn("w:style"))}
        self.defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        self.default_paragraph = next(
            (
                style_id
                for style_id, style in self.styles.items()
                if style.get(qn("w:type")) == "paragraph"
                and style.get(qn("w:default")) in ("1", "true")
            ),
            None,
        )
        self.levels = _list_levels(document)
        self.theme_fonts = _theme_fonts(document)

    def pieces(self, paragraph: etree._Element) -> list[Piece]:
        """Each run's text in the paragraph (tabs as tabs, breaks as line feeds) with its
        font. Runs inside hyperlinks, fields' results and smart tags count; deleted text
        and field instructions do not."""
        style = self._paragraph_style(paragraph)
        found = []
        for run in paragraph.iter(qn("w:r")):
            if run.getparent().tag == qn("w:del"):
                continue
            text = "".join(_run_text(run))
            if text:
                found.append((text, self.font(style, run)))
        return found

    def font(self, paragraph_style: str | None, run: etree._Element) -> Font:
        chain = [run.find(qn("w:rPr"))]
        character = run.find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
        if character is not None:
            chain += self.style_properties(character.get(qn("w:val")), "w:rPr")
        chain += self.style_properties(paragraph_style, "w:rPr")
        chain.append(self.defaults)
        properties = [element for element in chain if element is not None]
        size = _first(properties, "w:sz", qn("w:val"))
        bold = _first(properties, "w:b", qn("w:val"), "1")
        return Font(
            self._family(properties),
            int(size) / 2 if size and size.isdigit() else DEFAULT_SIZE,
            bold is not None and bold.lower() not in _OFF,
        )

    def indent(self, paragraph: etree._Element) -> Indent:
        """The paragraph's indentation: its own, else its list level's, else its style's."""
        own = paragraph.find(f"{qn('w:pPr')}/{qn('w:ind')}")
        level = self._list_level(paragraph)
        chain = [own, *([] if level is None else [level.find(f"{qn('w:pPr')}/{qn('w:ind')}")])]
        chain += [
            p.find(qn("w:ind")) for p in self.style_properties(self._paragraph_style(paragraph))
        ]
        found = [element for element in chain if element is not None]

        def value(*attributes: str) -> int:
            for attribute in attributes:
                for element in found:
                    number = element.get(qn(attribute))
                    if number is not None and number.lstrip("-").isdigit():
                        return int(number)
            return 0

        hanging = value("w:hanging")
        first = -hanging if hanging else value("w:firstLine")
        return Indent(value("w:left", "w:start"), first, value("w:right", "w:end"))

    def tab_stops(self, paragraph: etree._Element) -> list[TabStop]:
        """The paragraph's tab stops, in order: its styles' (the base style's first, each
        style clearing or adding its own), then its own."""
        properties = self.style_properties(self._paragraph_style(paragraph))[::-1]
        own = paragraph.find(qn("w:pPr"))
        stops: dict[int, TabStop] = {}
        for element in [*properties, *([] if own is None else [own])]:
            for tab in element.iterfind(f"{qn('w:tabs')}/{qn('w:tab')}"):
                position = tab.get(qn("w:pos"), "")
                if not position.lstrip("-").isdigit():
                    continue
                if tab.get(qn("w:val")) == "clear":
                    stops.pop(int(position), None)
                else:
                    stops[int(position)] = TabStop(
                        int(position), tab.get(qn("w:val"), "left"), tab.get(qn("w:leader"), "")
                    )
        return sorted(stops.values(), key=lambda stop: stop.position)

    def _paragraph_style(self, paragraph: etree._Element) -> str | None:
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        return self.default_paragraph if style is None else style.get(qn("w:val"))

    def style_properties(self, style_id: str | None, tag: str = "w:pPr") -> list[etree._Element]:
        """``tag`` (``w:pPr`` or ``w:rPr``) of the style and of each style it is based on."""
        found, seen = [], set()
        while style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            properties = style.find(qn(tag))
            if properties is not None:
                found.append(properties)
            based = style.find(qn("w:basedOn"))
            style_id = None if based is None else based.get(qn("w:val"))
        return found

    def _list_level(self, paragraph: etree._Element) -> etree._Element | None:
        numbered = paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if numbered is None:
            return None
        number = numbered.find(qn("w:numId"))
        level = numbered.find(qn("w:ilvl"))
        key = (
            None if number is None else number.get(qn("w:val")),
            "0" if level is None else level.get(qn("w:val")),
        )
        return self.levels.get(key)

    def _family(self, properties: list[etree._Element]) -> str:
        for element in properties:
            fonts = element.find(qn("w:rFonts"))
            if fonts is None:
                continue
            named = fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi"))
            if named:
                return str(named)
            theme = fonts.get(qn("w:asciiTheme")) or fonts.get(qn("w:hAnsiTheme"))
            if theme:
                return self.theme_fonts.get(theme[:5], DEFAULT_FAMILY)
        return DEFAULT_FAMILY


def _run_text(run: etree._Element) -> Iterator[str]:
    for node in run:
        if node.tag == qn("w:t"):
            yield node.text or ""
        elif node.tag == qn("w:tab"):
            yield "\t"
        elif node.tag in (qn("w:br"), qn("w:cr")):
            yield "\n"
        elif node.tag == qn("w:noBreakHyphen"):
            yield "\u2011"


def _first(
    properties: list[etree._Element], tag: str, attribute: str, present: str | None = None
) -> str | None:
    """The ``attribute`` of the first ``tag`` among ``properties``; ``present`` where the
    element is there without the attribute (``<w:b/>`` is bold)."""
    for element in properties:
        found = element.find(qn(tag))
        if found is not None:
            return found.get(attribute, present)
    return None


def _list_levels(document: Document) -> dict[tuple[str | None, str], etree._Element]:
    """Each list's levels, by (numbering id, level): the level of its abstract numbering."""
    try:
        related = document.part.part_related_by(RT.NUMBERING)
    except KeyError:
        return {}
    numbering = cast(XmlPart, related).element
    abstracts = {a.get(qn("w:abstractNumId")): a for a in numbering.iter(qn("w:abstractNum"))}
    levels = {}
    for number in numbering.iter(qn("w:num")):
        reference = number.find(qn("w:abstractNumId"))
        abstract = abstracts.get(None if reference is None else reference.get(qn("w:val")))
        for level in [] if abstract is None else abstract.iter(qn("w:lvl")):
            levels[(number.get(qn("w:numId")), level.get(qn("w:ilvl")))] = level
    return levels


def _theme_fonts(document: Document) -> dict[str, str]:
    """The theme's heading (``major``) and body (``minor``) fonts, as ``rFonts``
    ``asciiTheme="minorHAnsi"`` names them, by their first five letters."""
    fonts: dict[str, str] = {}
    for part in document.part.package.iter_parts():
        if not str(part.partname).startswith("/word/theme/"):
            continue
        root = etree.fromstring(part.blob)
        drawing = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
        for kind in ("major", "minor"):
            latin = root.find(f".//{drawing}{kind}Font/{drawing}latin")
            if latin is not None and latin.get("typeface"):
                fonts[kind] = latin.get("typeface")
    return fonts
