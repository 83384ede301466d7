"""Lists typed in a grid's cells (bullets, or numbered) print as lists in HTML, Word and
PDF and are part of the signed text; a cell of the wrong shape gives one plain error."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest

from reportgen import build, check, read_year
from reportgen.compute import community_safety_plan
from reportgen.signoff.required import blocks_text
from reportgen.types import CellList
from tests.fidelity import letters_and_digits, list_labels, pdf_text
from tests.test_plan_blocks import add_to_plan

GRID = """
  - grid:
      title: Sub-groups and their tasks
      headings: [Sub-group, Tasks, Steps]
      rows:
        - - Violence group
          - [Map hotspots, Share data weekly]
          - numbered: [Agree the scope, Report to the board]
        - [Youth group, Run a summer scheme, "-"]
"""


def _cell_lists(folder: Path) -> tuple[CellList | None, ...]:
    table = community_safety_plan(read_year(folder)).chapters[1].blocks[-1].table
    assert table is not None
    return table.rows[0].lists


def test_a_grid_cell_holds_a_bulleted_or_numbered_list(with_plan: Path) -> None:
    add_to_plan(with_plan, GRID)
    assert check(with_plan) == []
    assert _cell_lists(with_plan) == (
        None,
        CellList(("Map hotspots", "Share data weekly")),
        CellList(("Agree the scope", "Report to the board"), numbered=True),
    )


class _ListsInCells(HTMLParser):
    """The items of each list inside a table cell: [("ul", [items]), ("ol", [items])]."""

    def __init__(self) -> None:
        super().__init__()
        self.lists: list[tuple[str, list[str]]] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ul", "ol") and self.open[-1:] in (["td"], ["th"]):
            self.lists.append((tag, []))
        self.open.append(tag)
        if tag == "li" and "td" in self.open and self.lists:
            self.lists[-1][1].append("")

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self.open[-1:] == ["li"] and "td" in self.open:
            self.lists[-1][1][-1] += data


def test_lists_in_cells_print_in_html_word_and_pdf(with_plan: Path, tmp_path: Path) -> None:
    add_to_plan(with_plan, GRID)
    out = tmp_path / "out"
    build(with_plan, documents=["community-safety-plan"], formats=["html", "docx", "pdf"], out=out)

    parser = _ListsInCells()
    parser.feed((out / "community-safety-plan.html").read_text(encoding="utf-8"))
    assert parser.lists == [
        ("ul", ["Map hotspots", "Share data weekly"]),
        ("ol", ["Agree the scope", "Report to the board"]),
    ]

    document = docx.Document(out / "community-safety-plan.docx")
    tables, labels = document.tables, list_labels(document)
    (table,) = [t for t in tables if t.rows[0].cells[0].text == "Sub-group"]
    bullets, steps = table.rows[1].cells[1], table.rows[1].cells[2]
    assert [(p.style.name, p.text) for p in bullets.paragraphs] == [
        ("List Bullet", "Map hotspots"),
        ("List Bullet", "Share data weekly"),
    ]
    # a Word list (numbering.xml), labelled as it was typed before
    assert [labels[p._p] + p.text for p in steps.paragraphs] == [
        "1.\tAgree the scope",
        "2.\tReport to the board",
    ]
    assert table.rows[2].cells[1].text == "Run a summer scheme"

    text = letters_and_digits(pdf_text(out / "community-safety-plan.pdf"))
    for item in ("Map hotspots", "Share data weekly", "Agree the scope", "Report to the board"):
        assert letters_and_digits(item) in text


def test_the_signed_text_holds_each_item_of_a_list_in_a_cell(with_plan: Path) -> None:
    add_to_plan(with_plan, GRID)
    block = community_safety_plan(read_year(with_plan)).chapters[1].blocks[-1]
    assert (
        "/ Row: Violence group | • Map hotspots • Share data weekly "
        "| • 1. Agree the scope • 2. Report to the board"
    ) in blocks_text((block,))


BAD_CELLS = {
    "an empty list": ("[]", "this cell's list is empty"),
    "a list of lists": ("[[Map hotspots, Share data], Train staff]", "only text items"),
    "a numbered list holding a list": ("{numbered: [[one, two]]}", "only text items"),
    "fields that are not numbered:": ("{bullets: [one, two]}", "found fields 'bullets'"),
    "an empty numbered list": ("{numbered: []}", "at least one item"),
}


@pytest.mark.parametrize("cell, expected", BAD_CELLS.values(), ids=BAD_CELLS.keys())
def test_a_bad_cell_gives_one_error_placed_on_it(with_plan: Path, cell: str, expected: str) -> None:
    add_to_plan(
        with_plan,
        f"""
  - grid:
      title: Tasks
      headings: [Sub-group, Tasks]
      rows:
        - [Violence group, Map hotspots]
        - [Youth group, {cell}]
""",
    )
    problems = [p for p in check(with_plan) if p.file.name == "leads.yaml"]
    assert len(problems) == 1, problems
    (problem,) = problems
    assert problem.line == 15  # the cell's own line in leads.yaml
    assert problem.field.startswith("content[3].grid.rows[2][2]")  # numbered from 1
    assert expected in problem.message


def test_without_a_list_bullet_style_word_writes_the_bullets() -> None:
    from reportgen.compute.blocks import text_table
    from reportgen.render.docx_parts import _body_row

    document = docx.Document()
    style = document.styles["List Bullet"].element
    style.getparent().remove(style)
    table = text_table("Tasks", ["Sub-group", "Tasks"], [["Youth", CellList(("One", "Two"))]])
    grid = document.add_table(rows=1, cols=2)
    _body_row(grid.rows[0], table.rows[0], table)
    cell = grid.rows[0].cells[1]
    assert [(p.style.name, p.text) for p in cell.paragraphs] == [
        ("Normal", "•\tOne"),
        ("Normal", "•\tTwo"),
    ]
