"""The layout checks of the Word audit (tests/docx_audit.py), what LibreOffice or Word
would print badly, read from the file's XML and measured with the fonts' own metrics
(reportgen.render.font_metrics; the audit resolves styles its own way, not the
renderer's):

- words wider than columns: a word wider than its cell, at the size and weight it is
  printed in, less the cell's margins and the paragraph's indentation, has to break;
- rows that split: a table row without ``w:cantSplit`` may be cut across two pages;
- contents numbers that wrap: a contents entry whose page number cannot stay on the
  last line of its title (its label runs past the title's tab stop, or its title's last
  line leaves no room before the number's tab stop).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lxml import etree

from reportgen.render.font_metrics import Font

if TYPE_CHECKING:
    from tests.docx_audit import Styles

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}

WORD_BREAKS = re.compile(r"(?<=[-\u2013\u2014])(?=[^\d\s])|\s+")
"""Where a line may break: spaces, and after a hyphen or dash not followed by a digit."""
DEFAULT_CELL_MARGIN = 108
A4_TEXT_WIDTH = 9638
CONTENTS = re.compile(r"(?i)(contents|toc) \d$")
Pieces = list[tuple[str, Font]]


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class Layout:
    """What the checks need of a Word file beyond its styles: list levels and the theme."""

    def __init__(self, styles: Styles, files: dict[str, etree._Element]) -> None:
        self.styles = styles
        numbering = files.get("word/numbering.xml")
        self.levels: dict[tuple[str, str], etree._Element] = {}
        if numbering is not None:
            abstracts = {
                a.get(w("abstractNumId")): a for a in numbering.iterfind("w:abstractNum", NS)
            }
            for number in numbering.iterfind("w:num", NS):
                abstract = abstracts.get(number.find("w:abstractNumId", NS).get(w("val")))
                for level in [] if abstract is None else abstract.iterfind("w:lvl", NS):
                    self.levels[(number.get(w("numId")), level.get(w("ilvl")))] = level
        theme = files.get("word/theme/theme1.xml")
        drawing = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
        minor = None if theme is None else theme.find(f".//{drawing}minorFont/{drawing}latin")
        self.theme_font = "Calibri" if minor is None else minor.get("typeface")

    def style_of(self, paragraph: etree._Element) -> str | None:
        style = paragraph.find("w:pPr/w:pStyle", NS)
        return self.styles.default_paragraph_style() if style is None else style.get(w("val"))

    def pieces(self, paragraph: etree._Element) -> Pieces:
        style = self.style_of(paragraph)
        found = []
        for run in paragraph.iter(w("r")):
            text = "".join(
                "\t" if node.tag == w("tab") else node.text or ""
                for node in run.iterchildren(w("t"), w("tab"))
            )
            if text:
                found.append((text, self._font(style, run)))
        return found

    def _font(self, style: str | None, run: etree._Element) -> Font:
        own = run.find("w:rPr", NS)

        def value(tag: str, attribute: str = "val") -> str | None:
            element = None if own is None else own.find(f"w:{tag}", NS)
            if element is not None:
                return element.get(w(attribute), "1" if tag == "b" else None)
            return self.styles.run_property(style, tag, attribute)

        family = value("rFonts", "ascii") or value("rFonts", "hAnsi")
        size = value("sz")
        bold = value("b")
        if bold is None and self._bold_in_style(style):
            bold = "1"
        return Font(
            family or self.theme_font,
            int(size) / 2 if size else 10,
            bold is not None and bold not in ("0", "false"),
        )

    def _bold_in_style(self, style: str | None) -> bool:
        for element in self.styles.chain(style):
            bold = element.find("w:rPr/w:b", NS)
            if bold is not None:
                return bold.get(w("val"), "1") not in ("0", "false")
        return False

    def indent(self, paragraph: etree._Element) -> tuple[int, int, int]:
        """Left, first line (negative: hanging) and right indentation, in twips."""
        found = [paragraph.find("w:pPr/w:ind", NS)]
        numbered = paragraph.find("w:pPr/w:numPr", NS)
        if numbered is not None:
            key = (
                numbered.find("w:numId", NS).get(w("val")),
                numbered.find("w:ilvl", NS).get(w("val")),
            )
            level = self.levels.get(key)
            found.append(None if level is None else level.find("w:pPr/w:ind", NS))
        found += [s.find("w:pPr/w:ind", NS) for s in self.styles.chain(self.style_of(paragraph))]

        def value(*names: str) -> int:
            for element in (e for e in found if e is not None):
                for name in names:
                    if element.get(w(name)) is not None:
                        return int(element.get(w(name)))
            return 0

        first = -value("hanging") if value("hanging") else value("firstLine")
        return value("left", "start"), first, value("right", "end")

    def tabs(self, paragraph: etree._Element) -> list[tuple[int, str]]:
        """Tab stops (position, alignment), the styles' first, cleared ones taken out."""
        sources = [*reversed(list(self.styles.chain(self.style_of(paragraph)))), paragraph]
        stops: dict[int, str] = {}
        for source in sources:
            for tab in source.iterfind("w:pPr/w:tabs/w:tab", NS):
                position = int(tab.get(w("pos")))
                if tab.get(w("val")) == "clear":
                    stops.pop(position, None)
                else:
                    stops[position] = tab.get(w("val"))
        return sorted(stops.items())


def words(pieces: Pieces) -> Iterator[tuple[str, int]]:
    """Each word of the pieces and its width, in twips."""
    word, width = "", 0
    for text, font in pieces:
        for index, part in enumerate(WORD_BREAKS.split(text)):
            if index and word:
                yield word, width
                word, width = "", 0
            word, width = word + part, width + font.twips(part)
    if word:
        yield word, width


def words_wider_than_columns(layout: Layout, body: etree._Element) -> list[str]:
    found = []
    for table in body.iter(w("tbl")):
        grid = [int(c.get(w("w"))) for c in table.iterfind("w:tblGrid/w:gridCol", NS)]
        margins = _cell_margins(layout.styles, table)
        for row in table.iterfind("w:tr", NS):
            column = 0
            for cell in row.iterfind("w:tc", NS):
                span = cell.find("w:tcPr/w:gridSpan", NS)
                span = 1 if span is None else int(span.get(w("val")))
                width = sum(grid[column : column + span]) - margins
                column += span
                for paragraph in cell.iterfind("w:p", NS):
                    left, first, right = layout.indent(paragraph)
                    room = width - left - max(first, 0) - right
                    for word, wide in words(layout.pieces(paragraph)):
                        if wide > room:
                            found.append(f"{word!r} is {wide} twips wide in a {room}-twip cell")
    return found


def _cell_margins(styles: Styles, table: etree._Element) -> int:
    sources = [table.find("w:tblPr", NS)]
    style = table.find("w:tblPr/w:tblStyle", NS)
    sources += [
        s.find("w:tblPr", NS) for s in styles.chain(None if style is None else style.get(w("val")))
    ]
    total = 0
    for side in ("left", "right"):
        margins = [s.find(f"w:tblCellMar/w:{side}", NS) for s in sources if s is not None]
        given = [int(m.get(w("w"))) for m in margins if m is not None]
        total += given[0] if given else DEFAULT_CELL_MARGIN
    return total


def rows_that_split(body: etree._Element) -> list[str]:
    found = []
    for number, row in enumerate(body.iter(w("tr")), start=1):
        whole = row.find("w:trPr/w:cantSplit", NS)
        if whole is None or whole.get(w("val")) in ("0", "false"):
            text = "".join(t.text or "" for t in row.iter(w("t")))
            found.append(f"row {number}: {text[:50]!r}")
    return found


def contents_numbers_that_wrap(layout: Layout, body: etree._Element) -> list[str]:
    section = body.find("w:sectPr", NS)
    width = _text_width(section)
    found = []
    for paragraph in body.iter(w("p")):
        style = layout.style_of(paragraph)
        if style is None or not CONTENTS.match(layout.styles.name(style)):
            continue
        problem = _number_wraps(layout, paragraph, width)
        if problem:
            text = "".join(t for t, _ in layout.pieces(paragraph)).replace("\t", " ")
            found.append(f"{text.strip()[:60]!r}: {problem}")
    return found


def _number_wraps(layout: Layout, paragraph: etree._Element, width: int) -> str | None:
    """Why the entry's page number would not stay on its title's last line, if it would not."""
    pieces = layout.pieces(paragraph)
    parts: list[Pieces] = [[]]
    for text, font in pieces:
        for index, part in enumerate(text.split("\t")):
            if index:
                parts.append([])
            parts[-1].append((part, font))
    if len(parts) < 3:
        return "not a label, a tab, a title, a tab and a page number"
    label, title, number = parts[0], parts[1], parts[-1]
    left, first, right = layout.indent(paragraph)
    stops = layout.tabs(paragraph)
    number_stop = max((p for p, kind in stops if kind in ("right", "end")), default=None)
    if number_stop is None:
        return "no right-aligned tab stop for the page number"
    x = left + first + sum(font.twips(text) for text, font in label)
    following = [p for p, kind in stops if p > x and kind not in ("right", "end")]
    following += [left] if left > x else []
    if not following:
        return f"the label ends at {x}, past every tab stop before the page number's"
    end = _title_end(title, min(following), left, width - right)
    page = "".join(text for text, _ in number) or "999"
    if end + number[-1][1].twips(page) > number_stop:
        return f"the title's last line ends at {end} twips, no room for page {page}"
    return None


def _title_end(title: Pieces, start: int, left: int, line_end: int) -> int:
    """Where the title's last line ends: it starts at ``start``, wraps back to ``left``
    before ``line_end``."""
    space = title[0][1].twips(" ") if title else 0
    x, line_start = start, start
    for _, wide in words(title):
        if x > line_start and x + space + wide > line_end:
            x = line_start = left
        x += (space if x > line_start else 0) + wide
    return x


def _text_width(section: etree._Element | None) -> int:
    if section is None:
        return A4_TEXT_WIDTH
    size, margins = section.find("w:pgSz", NS), section.find("w:pgMar", NS)
    return int(size.get(w("w"))) - int(margins.get(w("left"))) - int(margins.get(w("right")))
