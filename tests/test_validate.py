"""Bad input: each error names the file, line, field, what was found and what was expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import check, read_year
from reportgen.exceptions import ContentError, NotAYearFolderError
from tests.conftest import edit


def _only(problems, file_name: str):
    found = [p for p in problems if p.file.name == file_name]
    assert found, [p.describe() for p in problems]
    return found


def test_minimal_year_is_valid(minimal: Path) -> None:
    assert check(minimal) == []


def test_misspelt_field_suggests_the_right_one(minimal: Path) -> None:
    edit(minimal / "implications.yaml", "    sign_off: Head of Legal", "    sign_of: Head of Legal")
    problems = _only(check(minimal), "implications.yaml")
    assert [(p.line, p.field) for p in problems] == [(4, "rows[1].sign_of")]
    assert "unknown field 'sign_of'; did you mean 'sign_off'?" in problems[0].message


def test_wrong_type(minimal: Path) -> None:
    edit(minimal / "report.yaml", "classification: Public", "classification: [Public]")
    (problem,) = _only(check(minimal), "report.yaml")
    assert (problem.line, problem.column, problem.field) == (8, 1, "classification")
    assert "found a list; expected text" in problem.message


def test_missing_field(minimal: Path) -> None:
    edit(minimal / "report.yaml", "wards_affected: All\n", "")
    (problem,) = _only(check(minimal), "report.yaml")
    assert problem.field == "wards_affected"
    assert "missing" in problem.message and "the wards the report affects" in problem.message


def test_invalid_date(minimal: Path) -> None:
    edit(minimal / "timetable.yaml", "date: 2020-01-02", "date: 2020-02-30")
    (problem,) = _only(check(minimal), "timetable.yaml")
    assert (problem.line, problem.field) == (2, "meetings[1].date")
    assert (
        "'2020-02-30'" in problem.message and "real date written as YYYY-MM-DD" in problem.message
    )


def test_unknown_kind_of_text(minimal: Path) -> None:
    edit(minimal / "sections.yaml", "- paragraph: Second.", "- paragraf: Second.")
    (problem,) = _only(check(minimal), "sections.yaml")
    assert problem.line == 7
    assert "did you mean 'paragraph'?" in problem.message


def test_unknown_library_text(minimal: Path) -> None:
    edit(minimal / "implications.yaml", "library: legal", "library: legl")
    (problem,) = _only(check(minimal), "implications.yaml")
    assert problem.field == "rows[1].implications[1].library"
    assert "no library text is named 'legl'; did you mean 'legal'?" in problem.message


def test_every_error_of_a_run_is_reported_together(minimal: Path) -> None:
    edit(minimal / "report.yaml", "title: Test", "title: Test\ntitle: Again")
    edit(minimal / "timetable.yaml", "2020-01-02", "soon")
    edit(minimal / "sections.yaml", "title: Introduction", "titel: Introduction")
    files = {p.file.name for p in check(minimal)}
    assert files == {"report.yaml", "timetable.yaml", "sections.yaml"}


def test_misnamed_or_missing_file(minimal: Path) -> None:
    (minimal / "timetable.yaml").rename(minimal / "timetabel.yaml")
    messages = {p.file.name: p.message for p in check(minimal)}
    assert "did you mean 'timetable.yaml'?" in messages["timetabel.yaml"]
    assert "missing" in messages["timetable.yaml"]


def test_library_text_may_not_include_another(minimal: Path) -> None:
    library = minimal.parent / "library" / "shared.yaml"
    edit(library, "    - text: The end.", "    - library: legal")
    (problem,) = check(minimal)
    assert problem.file == library and "cannot include another" in problem.message


def test_year_library_overrides_shared_text(minimal: Path) -> None:
    (minimal / "library.yaml").write_text(
        "legal:\n  about: this year's own wording\n  text: Overridden legal text.\n"
    )
    year = read_year(minimal)
    assert year.library["legal"].entry.text[0].text == "Overridden legal text."


def test_read_year_raises_with_every_problem(minimal: Path) -> None:
    edit(minimal / "report.yaml", "classification: Public", "classification:")
    with pytest.raises(ContentError) as raised:
        read_year(minimal)
    assert "report.yaml, line 8" in str(raised.value.message)
    assert len(raised.value.problems) == 1


def test_folder_without_report_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NotAYearFolderError, match=r"has no report\.yaml"):
        read_year(tmp_path)


def test_empty_file_says_what_it_should_hold(minimal: Path) -> None:
    (minimal / "report.yaml").write_text("# nothing yet\n")
    (problem,) = check(minimal)
    assert problem.message.startswith("this file is empty; it should hold report.yaml: the")


def test_extra_key_in_a_block_is_placed_on_its_own_line(minimal: Path) -> None:
    edit(
        minimal / "sections.yaml",
        "      - paragraph: First para.",
        "      - paragraph: First para.\n        number: 3",
    )
    (problem,) = check(minimal)
    assert (problem.line, problem.field) == (5, "sections[1].content[1].number")
    assert problem.message.startswith("unknown field 'number'")


def test_two_kinds_of_text_in_one_item(minimal: Path) -> None:
    edit(
        minimal / "sections.yaml",
        "      - paragraph: First para.",
        "      - paragraph: First para.\n        text: More.",
    )
    (problem,) = check(minimal)
    assert (problem.line, problem.field) == (5, "sections[1].content[1].text")
    assert "only one kind of text" in problem.message


@pytest.mark.parametrize(
    "date", ["0", "86400", "2018-02-13T00:00:00Z", "2018-02-13 00:00", "20200102", "13/02/2018"]
)
def test_dates_must_be_written_yyyy_mm_dd(minimal: Path, date: str) -> None:
    edit(minimal / "timetable.yaml", "date: 2020-01-02", f"date: '{date}'")
    (problem,) = check(minimal)
    assert problem.field == "meetings[1].date"
    assert "expected a real date written as YYYY-MM-DD" in problem.message


def test_whitespace_only_text_and_empty_implications_are_errors(minimal: Path) -> None:
    edit(minimal / "implications.yaml", "sign_off: S151", "sign_off: '   '")
    edit(minimal / "implications.yaml", "implications: None.", "implications: []")
    fields = [p.field for p in check(minimal)]
    assert fields == ["rows[2].implications", "rows[2].sign_off"]


def test_an_empty_priority_list_cannot_be_shown(minimal: Path) -> None:
    edit(minimal / "sections.yaml", "priorities: last_year", "priorities: emerging_themes")
    (problem,) = check(minimal)
    assert problem.field == "sections[1].content[2].priorities"
    assert "'emerging_themes' in priorities.yaml is empty" in problem.message


def test_problems_in_different_checks_come_together_in_line_order(minimal: Path) -> None:
    edit(minimal / "implications.yaml", "library: legal", "library: legl")
    edit(minimal / "implications.yaml", "    sign_off: S151", "    sign_off: S151\n    issue: X")
    edit(minimal / "implications.yaml", "  - issue: Financial", "  - issue: Financial\n    note: y")
    problems = check(minimal)
    assert [(p.line, p.field) for p in problems] == [
        (3, "rows[1].implications[1].library"),
        (6, "rows[2].note"),
        (9, "rows[2].issue"),
    ]
