"""The recommendations may go to a named committee, and priorities.yaml may leave out a list
nothing prints: `check` names the document and block that needs one."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from docx import Document

from reportgen import build, check
from tests.conftest import edit

NAMED = "the Communities, Housing and Environment Committee"


class _Text(HTMLParser):
    """The text of an HTML page, paragraph by paragraph."""

    def __init__(self) -> None:
        super().__init__()
        self.paragraphs: list[str] = []
        self._open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p":
            self.paragraphs.append("")
            self._open = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self._open = False

    def handle_data(self, data: str) -> None:
        if self._open:
            self.paragraphs[-1] += data


def _intros(year: Path, out: Path) -> tuple[list[str], list[str]]:
    """The paragraphs announcing the recommendations in the built HTML and DOCX reports."""
    build(year, documents=["committee-report"], formats=["html", "docx"], out=out)
    parser = _Text()
    parser.feed((out / "committee-report.html").read_text(encoding="utf-8"))
    html = [" ".join(p.split()) for p in parser.paragraphs]
    docx = [p.text for p in Document(str(out / "committee-report.docx")).paragraphs]
    return (
        [p for p in html if p.startswith("This report makes")],
        [p for p in docx if p.startswith("This report makes")],
    )


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        (NAMED, NAMED),
        (f"'{NAMED}:'", NAMED),
        ("final decision-maker", "the final decision-maker"),
        ("this Committee", "this Committee"),
    ],
)
def test_recommendations_go_to_whoever_report_yaml_names(
    minimal: Path, tmp_path: Path, typed: str, printed: str
) -> None:
    edit(
        minimal / "report.yaml",
        "recommendations_to: this Committee",
        f"recommendations_to: {typed}",
    )
    assert check(minimal) == []
    html, docx = _intros(minimal, tmp_path / "out")
    expected = [f"This report makes the following recommendations to {printed}:"]
    assert html == expected
    assert docx == expected


def test_an_empty_addressee_is_refused(minimal: Path) -> None:
    edit(minimal / "report.yaml", "recommendations_to: this Committee", "recommendations_to: ''")
    (problem,) = check(minimal)
    assert (problem.file.name, problem.line, problem.field) == (
        "report.yaml",
        11,
        "recommendations_to",
    )
    assert "who the recommendations are made to" in problem.message


def test_a_year_without_last_year_checks_clean_when_nothing_prints_it(
    minimal: Path, tmp_path: Path
) -> None:
    edit(minimal / "priorities.yaml", "last_year: [A, B]\n", "")
    edit(minimal / "sections.yaml", "priorities: last_year", "priorities: recommended")
    assert check(minimal) == []
    build(minimal, documents=["committee-report"], formats=["docx"], out=tmp_path / "out")
    docx = [p.text for p in Document(str(tmp_path / "out" / "committee-report.docx")).paragraphs]
    assert "C" in docx and "A" not in docx


def test_a_block_showing_a_missing_list_is_placed_and_names_the_file(minimal: Path) -> None:
    edit(minimal / "priorities.yaml", "last_year: [A, B]\n", "")
    (problem,) = check(minimal)
    assert (problem.file.name, problem.line, problem.field) == (
        "sections.yaml",
        5,
        "sections[1].content[2].priorities",
    )
    assert problem.message.startswith(
        "The committee report (sections.yaml) shows the list 'last_year' here"
    )
    assert "2020-21/priorities.yaml has no last_year:" in problem.message
    assert "add last_year: to 2020-21/priorities.yaml" in problem.message


def test_a_missing_list_in_the_plan_names_the_plan_chapter(with_plan: Path) -> None:
    edit(with_plan / "priorities.yaml", "last_year: [A, B]\n", "")
    edit(with_plan / "sections.yaml", "priorities: last_year", "priorities: recommended")
    assert check(with_plan) == []
    edit(with_plan / "plan" / "priorities.yaml", "priorities: recommended", "priorities: last_year")
    (problem,) = check(with_plan)
    assert (problem.file.parent.name, problem.file.name, problem.line) == (
        "plan",
        "priorities.yaml",
        4,
    )
    assert problem.field == "content[2].priorities"
    assert problem.message.startswith(
        "The Community Safety Plan (priorities.yaml) shows the list 'last_year' here"
    )
    assert "add last_year: to 2020-21/priorities.yaml" in problem.message


def test_a_list_given_but_empty_says_so(minimal: Path) -> None:
    edit(minimal / "priorities.yaml", "last_year: [A, B]", "last_year: []")
    (problem,) = check(minimal)
    assert problem.field == "sections[1].content[2].priorities"
    assert "the list 'last_year' in priorities.yaml is empty, so there is nothing" in (
        problem.message
    )
    assert "has no last_year:" not in problem.message
