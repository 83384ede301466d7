"""The signed text covers everything the committee reads: table and grid titles, a
table's note, charts and their figures, and what kind of block each part is and where it
ends, so that no printed change can leave a sign-off current."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen.commands.gate import read_year
from reportgen.compute.blocks import Item, TextBlock, text_table
from reportgen.signoff import required_signoffs
from reportgen.signoff.required import blocks_text
from tests.conftest import DATA, edit


def bullets(*texts: str) -> TextBlock:
    return TextBlock("bullets", items=tuple(Item(text) for text in texts))


def grid(rows: list[list[str]], headings: tuple[str, ...] = ("Risk", "Owner")) -> TextBlock:
    return TextBlock("table", table=text_table("Risks", list(headings), rows))


def test_where_one_bullet_ends_and_the_next_begins_is_signed() -> None:
    assert blocks_text((bullets("a b", "c"),)) == "¶ Bullet list: • a b • c"
    assert blocks_text((bullets("a", "b c"),)) == "¶ Bullet list: • a • b c"


def test_a_heading_and_a_paragraph_of_the_same_words_differ() -> None:
    heading = blocks_text((TextBlock("heading", "Risks"),))
    paragraph = blocks_text((TextBlock("text", "Risks"),))
    assert (heading, paragraph) == ("¶ Heading: Risks", "¶ Paragraph: Risks")


def test_where_one_block_ends_and_the_next_begins_is_signed() -> None:
    two = blocks_text((TextBlock("text", "One."), TextBlock("text", "Two.")))
    one = blocks_text((TextBlock("text", "One. Two."),))
    assert two == "¶ Paragraph: One. ¶ Paragraph: Two." and one == "¶ Paragraph: One. Two."


def test_a_lettered_list_differs_from_bullets_that_start_with_letters() -> None:
    lettered = TextBlock("lettered", items=(Item("x", "a)"), Item("y", "b)")))
    assert blocks_text((lettered,)) == "¶ Lettered list: • a) x • b) y"
    assert blocks_text((bullets("a) x", "b) y"),)) == "¶ Bullet list: • a) x • b) y"


def test_a_bar_inside_a_cell_is_escaped_so_cells_cannot_be_confused() -> None:
    inside_first = blocks_text((grid([["a | b", "c"]]),))
    inside_second = blocks_text((grid([["a", "b | c"]]),))
    assert inside_first == "¶ Table: Risks / Columns: Risk | Owner / Row: a \\| b | c"
    assert inside_second == "¶ Table: Risks / Columns: Risk | Owner / Row: a | b \\| c"


def test_a_slash_inside_a_cell_cannot_pass_for_the_next_row() -> None:
    one_row = blocks_text((grid([["a / Row: b", "c"]], ("Risk",)),))
    two_rows = blocks_text((grid([["a"], ["b"]], ("Risk",)),))
    assert one_row != two_rows
    assert "a \\/ Row: b" in one_row
    assert "2017/18" in blocks_text((grid([["2017/18", "x"]]),))  # a slash in a word stays


def test_a_mark_in_a_paragraph_cannot_pass_for_a_list() -> None:
    paragraph = blocks_text((TextBlock("text", "Intro ¶ Bullet list: • a"),))
    assert paragraph == "¶ Paragraph: Intro \\¶ Bullet list: \\• a"
    assert blocks_text((TextBlock("text", "\\¶"),)) != blocks_text((TextBlock("text", "¶"),))


# --- a year whose implications print a grid, a data table with a note, and a chart -----------


@pytest.fixture
def printed(tmp_path: Path) -> Path:
    """The minimal year with the test Strategic Assessment's data, its Financial
    implications holding a grid, a chart and a data table with a note."""
    content = tmp_path / "content"
    shutil.copytree(DATA / "minimal", content)
    year = content / "2020-21"
    shutil.copytree(DATA / "assessment", year, dirs_exist_ok=True)
    edit(
        year / "implications.yaml",
        "implications: None.",
        "implications:\n"
        "      - text: None.\n"
        "      - grid: {title: Risks accepted by the Council, headings: [Risk, Owner],"
        " rows: [[Flooding, Head of Housing]]}\n"
        "      - chart: asb-spc\n"
        "      - table: crime-by-district",
    )
    return year


def financial(year: Path) -> tuple[str, str]:
    (item,) = [r for r in required_signoffs(read_year(year)) if r.id == "financial"]
    return item.text, item.sha256


def test_the_signed_text_shows_every_printed_part(printed: Path) -> None:
    text, _ = financial(printed)
    assert text.startswith(
        "Financial: ¶ Paragraph: None. ¶ Table: Risks accepted by the Council / Columns: "
        "Risk | Owner / Row: Flooding | Head of Housing ¶ Chart: Anti-social behaviour "
        "incidents by month, April 2016 to March 2018 / Description: SPC chart:"
    )
    assert "/ Type: spc / Axis of the rows: Month / Axis of the figures: Incidents /" in text
    assert "Month | Incidents / Row: Apr 2016 | 310 / Row: May 2016 | 298 /" in text
    assert text.endswith(
        "¶ Table: Crime by district & <area> / Columns: Area | This year | Last year | "
        "% change | Rate per 1,000 | Ranking / Row: Testborough | 900 | 1,000 | -10.0% | "
        "90.0 | 3 / Row: Otherham | 500 | 500 | 0.0% | 62.5 | 1 / Row: Zeroton | 7 | 0 | "
        "n/a | 70.0 | 2 / Row: County | 1,407 | 1,500 | -6.2% | 77.7 | / Note: Source: "
        "test data"
    )


@pytest.mark.parametrize(
    ("path", "old", "new", "removed", "added"),
    [
        ("implications.yaml", "Risks accepted by", "Risks tolerated by", "accepted", "tolerated"),
        ("assessment/crime.yaml", "Source: test data", "Source: made up", "test data", "made up"),
        ("data/monthly-asb.csv", "May 2016,298", "May 2016,299", "298", "299"),
        ("assessment/trends.yaml", "x_label: Month", "x_label: Months", "Month", "Months"),
        (
            "assessment/trends.yaml",
            "title: Anti-social behaviour incidents by month, April",
            "title: ASB incidents by month, April",
            "Anti-social behaviour",
            "ASB",
        ),
    ],
    ids=["grid title", "table note", "chart figure", "chart axis", "chart title"],
)
def test_a_change_to_any_printed_part_changes_the_signed_text(
    printed: Path, path: str, old: str, new: str, removed: str, added: str
) -> None:
    before, before_hash = financial(printed)
    edit(printed / path, old, new)
    after, after_hash = financial(printed)
    assert after_hash != before_hash
    assert f" {removed} " in f" {before} " and f" {added} " in f" {after} "


def test_a_chart_description_written_by_hand_is_signed(printed: Path) -> None:
    _, before = financial(printed)
    edit(
        printed / "assessment/trends.yaml",
        "    x_label: Month",
        "    description: Incidents peaked in July 2017.\n    x_label: Month",
    )
    text, after = financial(printed)
    assert after != before
    assert "/ Description: Incidents peaked in July 2017. / Type: spc" in text
