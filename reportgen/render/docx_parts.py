"""Parts of a Word document built in code rather than in the template: data tables (their
number of columns varies) and charts. Each is handed to the template as a docxtpl Subdoc,
placed with ``{{p data_table(block.table) }}``."""

from __future__ import annotations

import io
from collections.abc import Callable

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docxtpl import DocxTemplate
from docxtpl.subdoc import Subdoc  # needs docxtpl[subdoc]

from reportgen.compute.charts import ChartView
from reportgen.render.charts import DrawnChart, Pictures, picture_of
from reportgen.types import CellList, ComputedTable, TableRow

HEADER_FILL = "1D3B6E"
AGGREGATE_FILL = "EEF1F6"
TABLE_TEXT = Pt(10)
"""The size of table text: 10 pt, the least the house style allows for reading."""


def data_table_maker(template: DocxTemplate) -> Callable[[ComputedTable], Subdoc]:
    """A function the template calls to lay out a computed table."""

    def data_table(table: ComputedTable) -> Subdoc:
        part = template.new_subdoc()
        caption = part.add_paragraph(style="Caption")
        caption.add_run(table.title)
        caption.paragraph_format.keep_with_next = True  # on the page its table starts
        grid = part.add_table(rows=1, cols=len(table.headings), style="Table Grid")
        describe(grid, table.title)
        _header(grid.rows[0], table)
        for row in table.rows:
            _body_row(grid.add_row(), row, table)
        _merge_spans(grid, table)
        if table.note:
            note = part.add_paragraph(style="Caption")
            note.add_run(table.note).italic = True
        return part

    return data_table


def describe(grid: Table, description: str) -> None:
    """Alt text for the table (Word: Table Properties > Alt Text)."""
    properties = grid._tbl.tblPr
    for tag in ("w:tblCaption", "w:tblDescription"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), description[:250])
        properties.append(element)


def repeat_as_header(row: _Row) -> None:
    """Word repeats this row at the top of every page the table spans."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _header(row: _Row, table: ComputedTable) -> None:
    repeat_as_header(row)
    for cell, heading, numeric in zip(row.cells, table.headings, table.numeric, strict=True):
        run = cell.paragraphs[0].add_run(heading)
        run.bold, run.font.size = True, TABLE_TEXT
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        _shade(cell, HEADER_FILL)
        if numeric:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _body_row(row: _Row, values: TableRow, table: ComputedTable) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    lists = values.lists or (None,) * len(values.cells)
    for index, (cell, text) in enumerate(zip(row.cells, values.cells, strict=True)):
        paragraph = cell.paragraphs[0]
        cell_list = lists[index]
        if cell_list:
            _cell_list(cell, cell_list, values.aggregate)
            continue
        run = paragraph.add_run(text)
        run.font.size, run.bold = TABLE_TEXT, values.aggregate
        if table.numeric[index]:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif values.indented:
            paragraph.paragraph_format.left_indent = Cm(0.5)
        if values.aggregate:
            _shade(cell, AGGREGATE_FILL)


def _cell_list(cell: _Cell, cell_list: CellList, bold: bool) -> None:
    """A list typed in a cell: one paragraph per item. Bullets use the template's "List
    Bullet" style; numbers are written (1., 2. …) so each cell's list starts at 1 (Word
    would run "List Number" on from one cell to the next). Without the style, "•" is
    written instead."""
    bullet_style = _style(cell, "List Bullet")
    for number, item in enumerate(cell_list.items, start=1):
        paragraph = cell.paragraphs[0] if number == 1 else cell.add_paragraph()
        label = f"{number}.\t" if cell_list.numbered else ("" if bullet_style else "•\t")
        if not cell_list.numbered and bullet_style:
            paragraph.style = bullet_style
        else:
            paragraph.paragraph_format.left_indent = Cm(0.6)
            paragraph.paragraph_format.first_line_indent = Cm(-0.6)
            paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(0.6))
        run = paragraph.add_run(label + item)
        run.font.size, run.bold = TABLE_TEXT, bold


def _style(cell: _Cell, name: str) -> str | None:
    """``name`` if the template has a paragraph style of that name, else None."""
    try:
        cell.part.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH)
    except (KeyError, ValueError):
        return None
    return name


def _merge_spans(grid: Table, table: ComputedTable) -> None:
    """A first cell covering several rows (an aim and its actions) becomes one cell."""
    for index, row in enumerate(table.rows, start=1):  # row 0 is the header
        if row.span > 1:
            merged = grid.cell(index, 0).merge(grid.cell(index + row.span - 1, 0))
            for paragraph in merged.paragraphs[1:]:  # the covered cells' empty paragraphs
                if not paragraph.text:
                    paragraph._p.getparent().remove(paragraph._p)


def chart_maker(template: DocxTemplate, pictures: Pictures) -> Callable[[ChartView], Subdoc]:
    """A function the template calls to place a chart: its title, then the picture with
    the chart's description as its alt text."""

    def chart(view: ChartView) -> Subdoc:
        part = template.new_subdoc()
        part.add_paragraph(view.title, style="Caption").paragraph_format.keep_with_next = True
        picture = part.add_paragraph()
        png = view.png if isinstance(view, DrawnChart) else picture_of(pictures, view).png
        picture.add_run().add_picture(io.BytesIO(png), width=Cm(16))
        for properties in picture._p.iter(qn("wp:docPr")):
            properties.set("descr", view.description)
            properties.set("title", view.title)
        return part

    return chart
