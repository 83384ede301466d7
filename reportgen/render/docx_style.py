"""The house style in the Word version: the rendered document's own styles set as the
house style says, so a reader who restyles a heading in Word restyles them all.

- fonts: the body font on Normal (and every style that names a font), the headings' on
  Title, Subtitle and the Heading styles;
- colours: text on Normal and Caption, headings on Title, Subtitle and the Heading styles,
  table header rows (the rows Word repeats on each page) in the header colours, totals
  and row headings in the shading colour, and the page's background;
- capitals: ``w:caps`` on the style of the main headings (Heading 2 in the committee
  report, Heading 1, the chapters', in the Strategic Assessment and the plan). The text
  stays as typed, so screen readers read words, not letters;
- chapters on new pages: "page break before" on the Heading 1 style; the first chapter
  always starts one.
"""

from __future__ import annotations

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.font import CT_RPr
from docx.shared import RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.font import Font

from reportgen.model.house_style import HouseStyle
from reportgen.render.docx_parts import AGGREGATE_FILL

HEADING_STYLES = ("Heading 1", "Heading 2", "Heading 3")
"""The heading styles the templates use, of which one holds the main headings."""
_HEADING_NAMES = ("heading", "title", "subtitle", "toc heading")
"""Styles whose names start so take the headings' font (Heading 1, Title Char …)."""
_THEME_FONTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
_WHITE = "ffffff"
_BEFORE_BACKGROUND = (
    "w:writeProtection",
    "w:view",
    "w:zoom",
    "w:removePersonalInformation",
    "w:removeDateAndTime",
    "w:doNotDisplayPageBoundaries",
)
"""The settings Word's schema puts before ``displayBackgroundShape``."""


def apply_house_style(document: Document, style: HouseStyle, main_headings: str) -> None:
    """Set the document's styles as ``style`` says; ``main_headings`` is the style of
    the headings printed in capitals when the house style asks for them."""
    _fonts(document, style)
    _colours(document, style)
    for name in HEADING_STYLES:
        found = _style(document, name)
        if found is not None:
            found.font.all_caps = style.headings == "capitals" and name == main_headings
    _table_colours(document, style)
    _background(document, style.colours.background)


def start_chapters(document: Document, new_page: bool) -> None:
    """Chapters (Heading 1) on new pages or not, as a property of the style; a break a
    template set on a heading itself is left on the first chapter only."""
    heading = _style(document, "Heading 1")
    if heading is None:
        return
    heading.paragraph_format.page_break_before = new_page
    # by the style's id, as the paragraphs name it (asking each paragraph for its style
    # object looks through every style of the document, each time)
    chapters = [p for p in document.paragraphs if p._p.style == heading.style_id]
    for paragraph in chapters[1:]:
        paragraph.paragraph_format.page_break_before = None


def _style(document: Document, name: str) -> ParagraphStyle | None:
    """The paragraph style ``name``, or None where a council's template has none."""
    try:
        found = document.styles[name]
    except KeyError:
        return None
    return found if isinstance(found, ParagraphStyle) else None


def _fonts(document: Document, style: HouseStyle) -> None:
    body, headings = style.fonts.body, style.heading_font
    if body is not None:
        normal = _style(document, "Normal")
        if normal is not None:
            _set_font(normal.element.get_or_add_rPr(), body)
    for element in document.styles.element.findall(qn("w:style")):
        name = element.find(qn("w:name"))
        fonts = element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if name is None or fonts is None:
            continue
        is_heading = name.get(qn("w:val"), "").lower().startswith(_HEADING_NAMES)
        chosen = headings if is_heading else body
        if chosen is not None:
            _set_font(element.get_or_add_rPr(), chosen)


def _set_font(properties: CT_RPr, name: str) -> None:
    """The font ``name`` for every kind of character, in place of any theme font (which
    Word would otherwise use first)."""
    fonts = properties.get_or_add_rFonts()
    for attribute in _THEME_FONTS:
        fonts.attrib.pop(qn(attribute), None)
    for attribute in _FONT_SLOTS:
        fonts.set(qn(attribute), name)


def _colours(document: Document, style: HouseStyle) -> None:
    colours = style.colours
    for name, colour in (
        ("Normal", colours.text),
        ("Caption", colours.text),
        ("Title", colours.headings),
        ("Subtitle", colours.headings),
        *((heading, colours.headings) for heading in HEADING_STYLES),
    ):
        found = _style(document, name)
        if found is not None:
            found.font.color.rgb = RGBColor.from_string(colour[1:].upper())


def _table_colours(document: Document, style: HouseStyle) -> None:
    """Header rows in the header colours; cells shaded as totals in the shading colour."""
    colours = style.colours
    body = document.element.body
    for row in body.iter(qn("w:tr")):
        header = row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        for shading in row.iter(qn("w:shd")):
            if header:
                shading.set(qn("w:fill"), colours.table_header_background[1:].upper())
            elif shading.get(qn("w:fill"), "").upper() == AGGREGATE_FILL:
                shading.set(qn("w:fill"), colours.shading[1:].upper())
        if header:
            for run in row.iter(qn("w:r")):
                Font(run).color.rgb = RGBColor.from_string(colours.table_header_text[1:].upper())


def _background(document: Document, colour: str) -> None:
    """A page colour other than white: Word shows it once told to (``displayBackgroundShape``)."""
    if colour[1:].lower() == _WHITE:
        return
    root = document.element
    background = root.find(qn("w:background"))
    if background is None:
        background = OxmlElement("w:background")
        root.insert(0, background)
    background.set(qn("w:color"), colour[1:].upper())
    settings = document.settings.element
    if settings.find(qn("w:displayBackgroundShape")) is None:
        before = [child for tag in _BEFORE_BACKGROUND for child in settings.findall(qn(tag))]
        place = max((settings.index(child) + 1 for child in before), default=0)
        settings.insert(place, OxmlElement("w:displayBackgroundShape"))
