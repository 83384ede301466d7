"""Regenerate the built-in Word templates in templates/docx/ (run: make templates).

The templates are ordinary Word files with Jinja tags in them, so a council can open one
in Word, restyle it and keep it in its own templates folder. This script is how the
built-in ones are made, so that a change to them is reviewable as code.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

OUT = Path(__file__).resolve().parent.parent / "templates" / "docx"
Container = DocumentObject | _Cell
NAVY = RGBColor(0x1D, 0x3B, 0x6E)
FONT = "Arial"


def base_document() -> DocumentObject:
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    for name, size, caps in (
        ("Heading 1", 16, False),
        ("Heading 2", 12, True),
        ("Heading 3", 11, False),
    ):
        style = styles[name]
        style.font.name, style.font.size, style.font.bold = FONT, Pt(size), True
        style.font.all_caps, style.font.color.rgb = caps, NAVY
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(12), Pt(6)
        style.paragraph_format.keep_with_next = True
    _hanging_style(document, "Numbered Paragraph", Cm(1.25))
    for name, left in (("Contents 1", Cm(1.9)), ("Contents 2", Cm(2.9))):
        _hanging_style(document, name, Cm(1.9), left=left)
        # the page number at the right edge, after dots; the title wraps clear of it
        entry = document.styles[name].paragraph_format
        entry.tab_stops.add_tab_stop(Cm(17), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        entry.right_indent = Cm(1)
    styles["Contents 1"].font.bold = True
    styles["Title"].font.name, styles["Title"].font.color.rgb = FONT, NAVY
    styles["Subtitle"].font.name = FONT
    _hanging_style(document, "Labelled Item", Cm(1.9), left=Cm(1.9))
    styles["List Bullet"].font.name = FONT
    _page_numbers(section)
    return document


def _hanging_style(document: DocumentObject, name: str, hang: Cm, left: Cm | None = None) -> None:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.paragraph_format.left_indent = left or hang
    style.paragraph_format.first_line_indent = -(hang if left is None else Cm(0.7))
    style.paragraph_format.tab_stops.add_tab_stop(left or hang)


def _field(paragraph: Paragraph, instruction: str) -> None:
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


def _page_numbers(section: Section) -> None:
    footer = section.footer.paragraphs[0]
    footer.alignment = 1
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")


def tag(container: Container, text: str, style: str | None = None) -> Paragraph:
    """A paragraph holding one template tag or one line of template text."""
    paragraph = container.add_paragraph(style=style)
    paragraph.add_run(text)
    return paragraph


def labelled(
    container: Container, label: str, text: str, style: str, gap_if: str | None = None
) -> Paragraph:
    """A label (a number), a tab, then the text. With ``gap_if`` (a template condition),
    the tab only when it holds: a heading the house style leaves unnumbered starts at the
    margin rather than after an empty label."""
    paragraph = container.add_paragraph(style=style)
    paragraph.add_run(label)
    if gap_if:
        paragraph.add_run(f"{{%r if {gap_if} %}}")
    paragraph.add_run().add_tab()
    if gap_if:
        paragraph.add_run("{%r endif %}")
    paragraph.add_run(text)
    return paragraph


def bookmarked(paragraph: Paragraph, owner: str) -> None:
    """A bookmark around the heading, named by ``<owner>.bookmark``, for page references."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), f"{{{{ {owner}.bookmark.id }}}}")
    start.set(qn("w:name"), f"{{{{ {owner}.bookmark.name }}}}")
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), f"{{{{ {owner}.bookmark.id }}}}")
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def page_reference(paragraph: Paragraph) -> None:
    """A tab, then a PAGEREF field to the entry's heading: Word and LibreOffice show the
    page it is on. reportgen fills in the field's shown result when it builds the file."""
    paragraph.add_run().add_tab()
    for kind, text in (
        ("begin", None),
        (None, " PAGEREF {{ entry.bookmark.name }} \\h "),
        ("separate", None),
        (None, ""),
        ("end", None),
    ):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text.startswith(" PAGEREF"):
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run._r.append(OxmlElement("w:t"))


def blocks(container: Container, variable: str, heading: str = "Heading 3") -> None:
    """The loop that lays out computed text blocks (see reportgen.compute.blocks)."""
    tag(container, f"{{%p for block in {variable} %}}")
    tag(container, '{%p if block.kind == "paragraph" %}')
    labelled(container, "{{ block.number }}", "{{ block.text }}", "Numbered Paragraph")
    tag(container, '{%p elif block.kind == "text" %}')
    tag(container, "{{ block.text }}")
    tag(container, '{%p elif block.kind == "heading" %}')
    tag(container, "{{ block.text }}", heading)
    tag(container, '{%p elif block.kind == "numbered" %}')
    tag(container, "{%p for item in block.items %}")
    labelled(container, "{{ item.label }}", "{{ item.text }}", "Labelled Item")
    tag(container, "{%p endfor %}")
    tag(container, '{%p elif block.kind == "table" %}')
    tag(container, "{{p data_table(block.table) }}")
    tag(container, '{%p elif block.kind == "chart" %}')
    tag(container, "{{p chart(block.chart) }}")
    tag(container, '{%p elif block.kind == "image" %}')
    tag(container, "{{p picture(block.picture) }}")
    tag(container, '{%p elif block.kind == "bullets" %}')
    tag(container, "{%p for item in block.items %}")
    tag(container, "{{ item.text }}", "List Bullet")
    tag(container, "{%p endfor %}")
    tag(container, '{%p elif block.kind == "lettered" %}')
    tag(container, "{%p for item in block.items %}")
    labelled(container, "{{ item.label }}", "{{ item.text }}", "Labelled Item")
    tag(container, "{%p endfor %}")
    tag(container, "{%p endif %}")
    tag(container, "{%p endfor %}")


def logo(container: Container) -> None:
    """The house style's logo, if it has one, at the top of the cover."""
    tag(container, "{%p if doc.logo %}")
    tag(container, "{{p picture(doc.logo) }}")
    tag(container, "{%p endif %}")


def table(
    document: DocumentObject,
    headers: list[str],
    loop: str,
    cells: list[Callable],
    description: str,
    widths: list[Cm],
) -> None:
    """A table: a header row Word repeats on every page, then one row per item of ``loop``.

    The {%tr for %} and {%tr endfor %} markers sit in rows of their own, which docxtpl
    removes when it renders."""
    grid = document.add_table(rows=4, cols=len(cells))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    _describe_table(grid, description)
    header, start, row, end = grid.rows
    _mark_header(header)
    for each in (header, row):
        _keep_whole(each)
    for cell, text in zip(header.cells, headers, strict=True):
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.color.rgb = True, RGBColor(0xFF, 0xFF, 0xFF)
        _shade(cell, "1D3B6E")
    start.cells[0].paragraphs[0].add_run(f"{{%tr for {loop} %}}")
    for cell, fill in zip(row.cells, cells, strict=True):
        fill(cell)
    end.cells[0].paragraphs[0].add_run("{%tr endfor %}")
    set_widths(grid, widths)


def text_cell(expression: str, bold: bool = False) -> Callable:
    def fill(cell: _Cell) -> None:
        cell.paragraphs[0].add_run(expression).bold = bold

    return fill


def blocks_cell(variable: str) -> Callable:
    def fill(cell: _Cell) -> None:
        blocks(cell, variable)
        first = cell.paragraphs[0]
        first._p.getparent().remove(first._p)

    return fill


def set_widths(grid: Table, widths: list[Cm]) -> None:
    """Fixed column widths, in the table grid (which LibreOffice reads) and every cell."""
    grid.autofit = False
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _describe_table(grid: Table, description: str) -> None:
    properties = grid._tbl.tblPr
    caption = OxmlElement("w:tblCaption")
    caption.set(qn("w:val"), description)
    summary = OxmlElement("w:tblDescription")
    summary.set(qn("w:val"), description)
    properties.append(caption)
    properties.append(summary)


def _mark_header(row: _Row) -> None:
    """Word repeats this row at the top of every page the table spans."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    properties.append(header)


def _keep_whole(row: _Row) -> None:
    """Word never splits this row across two pages."""
    properties = row._tr.get_or_add_trPr()
    properties.insert(0, OxmlElement("w:cantSplit"))


def _shade(cell: _Cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def key_value_table(document: DocumentObject, loop: str, description: str) -> None:
    grid = document.add_table(rows=3, cols=2)
    grid.style = "Table Grid"
    _describe_table(grid, description)
    start, row, end = grid.rows
    _keep_whole(row)
    start.cells[0].paragraphs[0].add_run(f"{{%tr for {loop} %}}")
    row.cells[0].paragraphs[0].add_run("{{ label }}").bold = True
    row.cells[1].paragraphs[0].add_run("{{ value }}")
    end.cells[0].paragraphs[0].add_run("{%tr endfor %}")
    set_widths(grid, [Cm(6), Cm(11)])


def committee_report() -> DocumentObject:
    """The committee report: cover and recommendations, then the numbered sections."""
    document = base_document()
    _report_front(document)
    _report_body(document)
    _drop_leading_empty_paragraph(document)
    return document


def _report_front(document: DocumentObject) -> None:
    """Cover, key-value table, summary, recommendations, corporate priorities."""
    logo(document)
    committee = tag(document, "{{ doc.committee }}")
    committee.runs[0].bold, committee.runs[0].font.size = True, Pt(14)
    tag(document, "{{ doc.meeting_date }}").runs[0].font.size = Pt(12)
    decision = document.add_table(rows=1, cols=2)
    decision.style = "Table Grid"
    _describe_table(decision, "{{ doc.wording.final_decision_table }}")
    set_widths(decision, [Cm(15), Cm(2)])
    _keep_whole(decision.rows[0])
    decision.cell(0, 0).paragraphs[0].add_run("{{ doc.wording.final_decision_question }}")
    decision.cell(0, 1).paragraphs[0].add_run(
        "{{ doc.final_decision_at_this_meeting }}"
    ).bold = True
    tag(document, "{{ doc.title }}", "Heading 1")
    key_value_table(document, "label, value in doc.cover", "{{ doc.wording.cover_table }}")
    tag(document, "{%p if doc.executive_summary %}")
    tag(document, "{{ doc.wording.executive_summary }}", "Heading 2")
    blocks(document, "doc.executive_summary")
    tag(document, "{%p endif %}")
    tag(document, "{{ doc.recommendations_intro }}").runs[0].bold = True
    tag(document, "{%p for item in doc.recommendations %}")
    labelled(document, "{{ item.label }}", "{{ item.text }}", "Labelled Item")
    tag(document, "{%p endfor %}")
    tag(document, "{%p if doc.corporate_priorities %}")
    tag(document, "{{ doc.wording.corporate_priorities_intro }}").runs[0].bold = True
    tag(document, "{%p for priority in doc.corporate_priorities %}")
    tag(document, "{{ priority }}", "List Bullet")
    tag(document, "{%p endfor %}")
    tag(document, "{%p endif %}")


def _report_body(document: DocumentObject) -> None:
    """Timetable, the numbered sections, implications, appendices, background papers."""
    tag(document, "{{ doc.wording.timetable }}", "Heading 2")
    table(
        document,
        [f"{{{{ doc.wording.timetable_headings[{i}] }}}}" for i in range(2)],
        "meeting, date in doc.timetable",
        [text_cell("{{ meeting }}"), text_cell("{{ date }}")],
        "{{ doc.wording.timetable_table }}",
        [Cm(11), Cm(6)],
    )
    title = tag(document, "{{ doc.title }}", "Heading 1")
    title.paragraph_format.page_break_before = True
    tag(document, "{%p for section in doc.sections %}")
    labelled(document, "{{ section.label }}", "{{ section.title }}", "Heading 2", "section.label")
    blocks(document, "section.blocks")
    tag(document, "{%p endfor %}")
    labelled(
        document,
        "{{ doc.implications.label }}",
        "{{ doc.implications.title }}",
        "Heading 2",
        "doc.implications.label",
    )
    table(
        document,
        [f"{{{{ doc.wording.implications_headings[{i}] }}}}" for i in range(3)],
        "row in doc.implication_rows",
        [
            text_cell("{{ row.issue }}", bold=True),
            blocks_cell("row.blocks"),
            text_cell("{{ row.sign_off }}"),
        ],
        "{{ doc.wording.implications_table }}",
        [Cm(3.4), Cm(9.6), Cm(4)],
    )
    tag(document, "{%p if doc.appendices %}")
    labelled(
        document,
        "{{ doc.appendices.label }}",
        "{{ doc.appendices.title }}",
        "Heading 2",
        "doc.appendices.label",
    )
    blocks(document, "doc.appendices.blocks")
    tag(document, "{%p for item in doc.appendices.items %}")
    tag(document, "{{ item.text }}", "List Bullet")
    tag(document, "{%p endfor %}")
    tag(document, "{%p endif %}")
    tag(document, "{%p if doc.background_papers %}")
    labelled(
        document,
        "{{ doc.background_papers.label }}",
        "{{ doc.background_papers.title }}",
        "Heading 2",
        "doc.background_papers.label",
    )
    blocks(document, "doc.background_papers.blocks")
    tag(document, "{%p endif %}")


def _drop_leading_empty_paragraph(document: DocumentObject) -> None:
    first = document.paragraphs[0]
    if not first.text:
        first._p.getparent().remove(first._p)


def chaptered() -> DocumentObject:
    """A document of chapters (the Strategic Assessment, the plan): title page (with a
    subtitle and edition if it has them), contents, chapters with sections, appendices."""
    document = base_document()
    logo(document)
    tag(document, "{{ doc.organisation }}", "Subtitle")
    tag(document, "{{ doc.title }}", "Title")
    tag(document, "{%p if doc.subtitle %}")
    tag(document, "{{ doc.subtitle }}", "Subtitle")
    tag(document, "{%p endif %}")
    tag(document, "{%p if doc.edition %}")
    tag(document, "{{ doc.edition }}")
    tag(document, "{%p endif %}")
    tag(document, "{%p if doc.contents %}")
    contents = tag(document, "{{ doc.wording.contents }}", "TOC Heading")
    contents.paragraph_format.page_break_before = True
    tag(document, "{%p for entry in doc.contents %}")
    tag(document, "{%p if entry.level == 1 %}")
    page_reference(labelled(document, "{{ entry.label }}", "{{ entry.title }}", "Contents 1"))
    tag(document, "{%p else %}")
    page_reference(labelled(document, "{{ entry.label }}", "{{ entry.title }}", "Contents 2"))
    tag(document, "{%p endif %}")
    tag(document, "{%p endfor %}")
    tag(document, "{%p endif %}")
    tag(document, "{%p for chapter in doc.chapters + doc.appendices %}")
    heading = labelled(
        document, "{{ chapter.label }}", "{{ chapter.title }}", "Heading 1", "chapter.label"
    )
    heading.paragraph_format.page_break_before = True
    bookmarked(heading, "chapter")
    blocks(document, "chapter.blocks", "Heading 2")  # a chapter without sections
    tag(document, "{%p for section in chapter.sections %}")
    bookmarked(
        # An unnumbered section lines up with a numbered chapter's title, as published.
        labelled(
            document,
            "{{ section.label }}",
            "{{ section.title }}",
            "Heading 2",
            "section.label or chapter.label",
        ),
        "section",
    )
    blocks(document, "section.blocks", "Heading 3")
    tag(document, "{%p endfor %}")
    tag(document, "{%p endfor %}")
    _drop_leading_empty_paragraph(document)
    return document


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, make in (
        ("committee-report", committee_report),
        ("strategic-assessment", chaptered),
        ("community-safety-plan", chaptered),  # the same layout
    ):
        make().save(OUT / f"{name}.docx")
        print(f"wrote {OUT / name}.docx")


if __name__ == "__main__":
    main()
