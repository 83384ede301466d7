"""Word tables laid out from their content, and contents entries kept to their lines
(issue 14), on small documents made here; every sample passes the same checks in
tests/test_docx_accessibility.py."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from reportgen.render.column_widths import Cell, Paragraph, column_widths
from reportgen.render.docx_contents_lines import fit_contents_entries
from reportgen.render.docx_tables import lay_out_tables
from tests.docx_audit import audit


def _cell(first: int, *texts: tuple[int, ...]) -> Cell:
    return Cell(first, 1, tuple(Paragraph(words, 60) for words in texts))


def test_every_column_holds_its_longest_word_and_the_table_its_width() -> None:
    rows = [
        [_cell(0, (900,)), _cell(1, (400,) * 80), _cell(2, (700, 300, 500))],
        [_cell(0, (1200, 300)), _cell(1, (500,) * 30), _cell(2, (300,))],
    ]
    widths = column_widths(rows, 3, 9638, 256)
    assert sum(widths) == 9638
    assert widths[0] >= 1200 + 256 and widths[2] >= 700 + 256
    # the short columns get their whole text on one line; the long text the rest
    assert widths[0] >= 1200 + 60 + 300 + 256 and widths[2] >= 700 + 300 + 500 + 120 + 256
    assert widths[1] > widths[0] + widths[2]


def test_words_too_long_to_sit_side_by_side_leave_the_narrow_columns_whole() -> None:
    rows = [[_cell(0, (500,)), _cell(1, (6000,)), _cell(2, (7000,))]]
    widths = column_widths(rows, 3, 9638, 256)
    assert sum(widths) == 9638
    assert widths[0] >= 500 + 256  # whole; the two widest share the rest
    assert widths[2] > widths[1]


def _document_with_table(path: Path, words: list[str]) -> Path:
    document = docx.Document()
    table = document.add_table(rows=2, cols=len(words), style="Table Grid")
    for cell, word in zip(table.rows[1].cells, words, strict=True):
        cell.paragraphs[0].add_run(word).font.size = Pt(10)
    lay_out_tables(document)
    document.save(path)
    return path


def test_a_table_of_long_words_is_laid_out_so_none_breaks(tmp_path: Path) -> None:
    words = ["Vulnerabilities", "Radicalisation", "Exploitation", "Yes", "Sittingbourne", "No"]
    path = _document_with_table(tmp_path / "table.docx", words)
    found = audit(path)
    assert found.defects["words wider than columns"] == []
    assert found.defects["rows that split"] == []
    grid = docx.Document(path).tables[0]._tbl.tblGrid
    section = docx.Document(path).sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    assert abs(sum(column.w for column in grid.gridCol_lst) - text_width) < Cm(0.01)


def test_a_table_whose_words_cannot_fit_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("WARNING", logger="reportgen"):
        path = _document_with_table(tmp_path / "table.docx", ["Incomprehensibilities"] * 9)
    assert "some of its words are broken across lines" in caplog.text
    assert audit(path).defects["words wider than columns"]  # as the warning says


def test_a_long_label_keeps_the_page_number_on_its_line(tmp_path: Path) -> None:
    document = docx.Document()
    style = document.styles.add_style("Contents 1", WD_STYLE_TYPE.PARAGRAPH)
    style.paragraph_format.left_indent, style.paragraph_format.first_line_indent = Cm(1), Cm(-1)
    style.paragraph_format.tab_stops.add_tab_stop(Cm(1))
    style.paragraph_format.tab_stops.add_tab_stop(
        Cm(16.51), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
    )
    for label, title in (("1.", "Introduction"), ("Appendix 12", "A title " * 11)):
        entry = document.add_paragraph(style="Contents 1")
        for text in (label, "\t", title.strip(), "\t", "123"):
            entry.add_run(text)
    document.save(tmp_path / "before.docx")
    fit_contents_entries(document)
    document.save(tmp_path / "after.docx")
    (before,) = audit(tmp_path / "before.docx").defects["contents numbers that wrap"]
    assert before.startswith("'Appendix 12 A title")
    assert audit(tmp_path / "after.docx").defects["contents numbers that wrap"] == []
    first, appendix = document.paragraphs
    assert first.paragraph_format.left_indent is None  # its style's indentation suffices
    assert appendix.paragraph_format.left_indent > Cm(2)  # the title after the label


def test_every_sample_table_spans_the_text_width_its_cells_as_wide_as_its_grid(
    built_samples: dict[str, Path],
) -> None:
    tables = 0
    for path in sorted(p for out in built_samples.values() for p in out.glob("*.docx")):
        document = docx.Document(path)
        section = document.sections[0]
        text_width = (section.page_width - section.left_margin - section.right_margin) // 635
        for table in document.tables:  # the outermost tables: the samples nest none
            grid = [column.w // 635 for column in table._tbl.tblGrid.gridCol_lst]  # twips
            assert sum(grid) == text_width, path.name
            assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
            for row in table._tbl.tr_lst:
                first = 0
                for cell in row.tc_lst:
                    assert cell.width // 635 == sum(grid[first : first + cell.grid_span])
                    first += cell.grid_span
            tables += 1
    assert tables > 30


def test_rows_beside_a_merged_cell_keep_together() -> None:
    document = docx.Document()
    table = document.add_table(rows=4, cols=2, style="Table Grid")
    table.cell(1, 0).merge(table.cell(2, 0))  # an aim beside two actions
    lay_out_tables(document)
    kept = [
        all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)
        for row in table.rows
    ]
    assert kept == [False, True, False, False]
