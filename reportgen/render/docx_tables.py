"""Every table of the Word version laid out from its content, and kept whole across pages,
whether the template drew it (the timetable, the implications) or the code built it (data
tables, see docx_parts).

Columns: each is at least as wide as its longest word at the size and weight it is
printed in (measured with the font's own metrics, see docx_measure), plus the cell's
margins, so no word is broken inside; a column whose whole text fits in an even share of
what is left gets all it needs; the others share the rest by how much more their text
would take. The table spans the text width. The widths go in the table's grid
(``w:tblGrid``, which LibreOffice reads), in every cell (``w:tcW``, which Word reads) and
as a fixed layout, so neither program lays the table out again its own way. A table whose
longest words cannot all fit side by side gives its narrowest columns what they need and
the widest share what is left, with a warning: there, a word has to break.

Rows: no row splits across pages (``w:cantSplit``); the header rows the templates mark are
repeated on every page the table runs over (``w:tblHeader``).
"""

from __future__ import annotations

import itertools
import logging
import math
from collections.abc import Iterator
from dataclasses import dataclass

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Twips
from docx.text.parfmt import ParagraphFormat
from lxml import etree  # type: ignore[import-untyped]

from reportgen.render.column_widths import Cell, Paragraph, column_widths, needs
from reportgen.render.docx_measure import A4_TEXT_WIDTH, WordFormats, text_width, words

LOGGER = logging.getLogger("reportgen")

WORD_ROOM = 1.04
"""Each word is given 4% more than the font's widths add up to: kerning, and a printer
driver's rounding, never push it onto two lines."""
CELL_ROOM = 40
"""Twips each cell is given beyond its words and margins, for its borders."""
DEFAULT_CELL_MARGIN = 108
"""Twips of space on each side inside a cell where the table and its style set none
(Word's "Normal Table" style: 0.19 cm)."""
TWIPS_PER_CM = 567
_TRPR_AFTER_CANT_SPLIT = (
    "w:trHeight",
    "w:tblHeader",
    "w:tblCellSpacing",
    "w:jc",
    "w:hidden",
    "w:ins",
    "w:del",
    "w:trPrChange",
)
_TBLPR_AFTER_WIDTH = ("w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd")


@dataclass(frozen=True)
class GridCell:
    """A cell of a table's grid: its element, first column and how many it spans."""

    element: etree._Element
    first: int
    span: int


def lay_out_tables(document: Document) -> None:
    """Size every table's columns from its content, and keep each of its rows whole."""
    formats = WordFormats(document)
    for table, width in _tables_and_widths(document.element.body):
        _lay_out(table, width, formats)
    for row in document.element.body.iter(qn("w:tr")):
        keep_whole(row)
    for table in document.element.body.iter(qn("w:tbl")):
        keep_merged_rows_together(table)


def keep_merged_rows_together(table: etree._Element) -> None:
    """A cell merged down several rows (an aim beside its actions) stays on one page with
    them where they fit: each row but the last of the merge keeps with the next (Word:
    "Keep with next" on the row's paragraphs)."""
    rows = list(table.iterchildren(qn("w:tr")))
    for row, following in itertools.pairwise(rows):
        if any(_continues_merge(cell) for cell in _own(following, qn("w:tc"), qn("w:tr"))):
            for paragraph in _own(row, qn("w:p"), qn("w:tr")):
                ParagraphFormat(paragraph).keep_with_next = True


def _continues_merge(cell: etree._Element) -> bool:
    merge = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    return merge is not None and merge.get(qn("w:val"), "continue") == "continue"


def keep_whole(row: etree._Element) -> None:
    """The row is never split across two pages (Word: Table Properties > Row > "Allow row
    to break across pages" cleared)."""
    properties = row.find(qn("w:trPr"))
    if properties is None:
        properties = OxmlElement("w:trPr")
        row.insert(1 if row.find(qn("w:tblPrEx")) is not None else 0, properties)
    existing = properties.find(qn("w:cantSplit"))
    if existing is not None:
        existing.attrib.pop(qn("w:val"), None)
        return
    properties.insert_element_before(OxmlElement("w:cantSplit"), *_TRPR_AFTER_CANT_SPLIT)


def _tables_and_widths(body: etree._Element) -> Iterator[tuple[etree._Element, int]]:
    """Each table not inside another, with the text width of the section it is in (a
    section's properties close it: in the paragraph that ends it, or at the body's end)."""
    waiting: list[etree._Element] = []
    for child in body:
        waiting += [t for t in child.iter(qn("w:tbl")) if _outermost(t, child)]
        section = child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
        if child.tag == qn("w:sectPr"):
            section = child
        if section is not None:
            yield from ((table, text_width(section)) for table in waiting)
            waiting = []
    yield from ((table, A4_TEXT_WIDTH) for table in waiting)


def _outermost(table: etree._Element, top: etree._Element) -> bool:
    """Whether no cell lies between ``table`` and the body's child ``top`` holding it."""
    for ancestor in table.iterancestors():
        if ancestor is top:
            return True
        if ancestor.tag == qn("w:tc"):
            return False
    return True


def _lay_out(table: etree._Element, width: int, formats: WordFormats) -> None:
    grid = _grid(table)
    cells = [[_cell(cell, formats) for cell in row] for row in grid]
    count = max((c.first + c.span for row in cells for c in row), default=0)
    count = max(count, len(table.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")))
    margins = _cell_margins(table, formats)
    least, _ = needs(cells, count, margins + CELL_ROOM)
    if sum(least) > width:
        _warn_too_narrow(table, sum(least), width)
    widths = column_widths(cells, count, width, margins + CELL_ROOM)
    _write_widths(table, grid, widths)
    for cell in (cell for row in grid for cell in row):
        inside = sum(widths[cell.first : cell.first + cell.span]) - margins
        for nested in _nested_tables(cell.element):
            _lay_out(nested, max(inside, 0), formats)


def _warn_too_narrow(table: etree._Element, needed: int, width: int) -> None:
    description = _description(table)
    LOGGER.warning(
        "Word: the table %s needs %.1f cm for its longest words side by side, and the "
        "page has %.1f cm: some of its words are broken across lines.",
        f"“{description}”" if description else "without a title",
        needed / TWIPS_PER_CM,
        width / TWIPS_PER_CM,
    )


def _grid(table: etree._Element) -> list[list[GridCell]]:
    """The table's rows, each as its cells with the grid columns they cover."""
    rows = []
    for row in table.iterchildren(qn("w:tr")):
        column = _number(row.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}"), 0)
        cells = []
        for element in row.iter(qn("w:tc")):
            if _row_of(element) is not row:  # a cell of a table nested in this row's
                continue
            span = max(_number(element.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}"), 1), 1)
            cells.append(GridCell(element, column, span))
            column += span
        rows.append(cells)
    return rows


def _row_of(cell: etree._Element) -> etree._Element | None:
    return next((a for a in cell.iterancestors(qn("w:tr"))), None)


def _number(element: etree._Element | None, default: int) -> int:
    value = None if element is None else element.get(qn("w:val"))
    return int(value) if value is not None and value.isdigit() else default


def _cell(cell: GridCell, formats: WordFormats) -> Cell:
    """The cell's words, measured; and what a table nested in it needs."""
    paragraphs = tuple(_paragraph(p, formats) for p in _own(cell.element, qn("w:p")))
    nested = (0, 0)
    for table in _nested_tables(cell.element):
        inner = [[_cell(c, formats) for c in row] for row in _grid(table)]
        count = max((c.first + c.span for row in inner for c in row), default=0)
        least, most = needs(inner, count, _cell_margins(table, formats) + CELL_ROOM)
        nested = (max(nested[0], sum(least)), max(nested[1], sum(most)))
    return Cell(cell.first, cell.span, paragraphs, nested)


def _paragraph(paragraph: etree._Element, formats: WordFormats) -> Paragraph:
    pieces = formats.pieces(paragraph)
    indent = formats.indent(paragraph)
    space = max((font.twips(" ") for _, font in pieces), default=0)
    return Paragraph(
        tuple(math.ceil(width * WORD_ROOM) for width in words(pieces) if width),
        space,
        max(indent.widest_start, 0) + max(indent.right, 0),
    )


def _own(container: etree._Element, tag: str, kind: str = qn("w:tc")) -> Iterator[etree._Element]:
    """The elements ``tag`` in the cell (or row: ``kind``) that are not inside a table
    nested in it."""
    for element in container.iter(tag):
        if next(element.iterancestors(kind)) is container:
            yield element


def _nested_tables(cell: etree._Element) -> list[etree._Element]:
    return list(_own(cell, qn("w:tbl")))


def _cell_margins(table: etree._Element, formats: WordFormats) -> int:
    """The space inside each cell, left and right together, in twips: the table's own
    margins, else its style's (or the style that is based on), else Word's default."""
    chain = [table.find(qn("w:tblPr"))]
    style = table.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}")
    if style is not None:
        chain += formats.style_properties(style.get(qn("w:val")), "w:tblPr")
    total = 0
    for sides in (("w:left", "w:start"), ("w:right", "w:end")):
        total += next(
            (
                int(found.get(qn("w:w")))
                for properties in chain
                if properties is not None
                for side in sides
                if (found := properties.find(f"{qn('w:tblCellMar')}/{qn(side)}")) is not None
                and str(found.get(qn("w:w"), "")).isdigit()
            ),
            DEFAULT_CELL_MARGIN,
        )
    return total


def _write_widths(table: etree._Element, grid: list[list[GridCell]], widths: list[int]) -> None:
    properties = table.find(qn("w:tblPr"))
    if properties is None:
        properties = OxmlElement("w:tblPr")
        table.insert(0, properties)
    table_width = _child(properties, "w:tblW", _TBLPR_AFTER_WIDTH)
    table_width.set(qn("w:w"), str(sum(widths)))
    table_width.set(qn("w:type"), "dxa")
    properties.get_or_add_tblLayout().set(qn("w:type"), "fixed")
    columns = table.find(qn("w:tblGrid"))
    if columns is None:
        columns = OxmlElement("w:tblGrid")
        properties.addnext(columns)
    for old in list(columns):
        columns.remove(old)
    for width in widths:
        column = OxmlElement("w:gridCol")
        column.set(qn("w:w"), str(width))
        columns.append(column)
    for cell in (cell for row in grid for cell in row):
        cell.element.width = Twips(sum(widths[cell.first : cell.first + cell.span]))


def _child(parent: etree._Element, tag: str, after: tuple[str, ...]) -> etree._Element:
    """``parent``'s child ``tag``, added before the first of ``after`` (the elements the
    schema places after it, in its order) if it has none."""
    found = parent.find(qn(tag))
    if found is None:
        found = parent.insert_element_before(OxmlElement(tag), *after)
    return found


def _description(table: etree._Element) -> str:
    for tag in ("w:tblCaption", "w:tblDescription"):
        found = table.find(f"{qn('w:tblPr')}/{qn(tag)}")
        if found is not None and found.get(qn("w:val")):
            return str(found.get(qn("w:val")))
    return ""
