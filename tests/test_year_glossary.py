"""A year's own glossary.yaml: entries added and shared ones reworded for that year only;
terms of several words as well as acronyms; extras a glossary lists even when unused; the
acronym warnings with the year's entries."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import docx

from reportgen import build, check, read_year
from reportgen.compute import community_safety_plan
from reportgen.compute.blocks import used_terms
from tests.conftest import edit

YEAR_GLOSSARY = """\
terms:
  ASB: Anti-Social Behaviour, as this year's plan defines it
  Community Trigger: a review of how agencies dealt with repeated anti-social behaviour
"""


class _Tables(HTMLParser):
    """Every table of an HTML page: its rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self.tables:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def html_glossary(path: Path) -> list[list[str]]:
    """The rows of the HTML table whose header row ends with "Meaning"."""
    parser = _Tables()
    parser.feed(path.read_text(encoding="utf-8"))
    (table,) = [t for t in parser.tables if t and t[0][-1:] == ["Meaning"]]
    return table


def docx_glossary(path: Path) -> list[list[str]]:
    """The rows of the Word table whose header row ends with "Meaning"."""
    tables = [
        [[cell.text.strip() for cell in row.cells] for row in table.rows]
        for table in docx.Document(str(path)).tables
    ]
    (table,) = [t for t in tables if t and t[0][-1:] == ["Meaning"]]
    return table


def _use_community_trigger(year: Path) -> None:
    edit(
        year / "plan" / "priorities.yaml",
        "these CSE and ASB issues",
        "these CSE and ASB issues, and the Community\n      Trigger",
    )


def test_a_year_glossary_adds_and_rewords_for_that_year_only(
    with_plan: Path, tmp_path: Path
) -> None:
    other = with_plan.parent / "2021-22"
    shutil.copytree(with_plan, other)
    (with_plan / "glossary.yaml").write_text(YEAR_GLOSSARY, encoding="utf-8")
    _use_community_trigger(with_plan)
    _use_community_trigger(other)
    assert check(with_plan) == []
    out = tmp_path / "out"
    build(with_plan, documents=["community-safety-plan"], formats=["html", "docx"], out=out)
    expected = [
        ["Term", "Meaning"],
        ["ASB", "Anti-Social Behaviour, as this year's plan defines it"],
        ["Community Trigger", "a review of how agencies dealt with repeated anti-social behaviour"],
        ["CSE", "Child Sexual Exploitation"],
        ["SMP", "Safer Maidstone Partnership"],
    ]
    assert html_glossary(out / "community-safety-plan.html") == expected
    assert docx_glossary(out / "community-safety-plan.docx") == expected
    # the other year keeps the shared wording and has no Community Trigger entry
    other_out = tmp_path / "other"
    build(other, documents=["community-safety-plan"], formats=["html"], out=other_out)
    assert html_glossary(other_out / "community-safety-plan.html") == [
        ["Acronym", "Meaning"],
        ["ASB", "Anti-Social Behaviour"],
        ["CSE", "Child Sexual Exploitation"],
        ["SMP", "Safer Maidstone Partnership"],
    ]


def test_terms_of_several_words_are_found_as_whole_words() -> None:
    glossary = {"Community Trigger": "a case review", "CSP": "Community Safety Partnership"}
    assert used_terms(["the Community\n  Trigger was used"], glossary) == {
        "Community Trigger": "a case review"
    }
    assert used_terms(["two Community Triggers and the CSPs"], glossary) == glossary
    assert used_terms(["a Community Triggering; the CSPx", "community trigger"], glossary) == {}


def test_extras_are_listed_even_when_unused(with_plan: Path) -> None:
    glossary = with_plan / "plan" / "glossary.yaml"
    edit(glossary, "- glossary: used", "- glossary: {used: yes, also: [MARAC]}")
    assert check(with_plan) == []
    plan = community_safety_plan(read_year(with_plan))
    rows = [row.cells for row in plan.appendices[0].blocks[0].table.rows]
    assert [term for term, _ in rows] == ["ASB", "CSE", "MARAC", "SMP"]
    edit(glossary, "{used: yes, also: [MARAC]}", "{used: no, also: [MARAC]}")
    plan = community_safety_plan(read_year(with_plan))
    rows = [row.cells for row in plan.appendices[0].blocks[0].table.rows]
    assert rows == [("MARAC", "Multi Agency Risk Assessment Conference")]


def test_an_extra_that_is_not_in_the_glossary_is_an_error(with_plan: Path) -> None:
    edit(
        with_plan / "plan" / "glossary.yaml",
        "- glossary: used",
        "- glossary: {used: yes, also: [SMP, MARC]}",
    )
    (error,) = check(with_plan)
    assert error.is_error
    assert (error.file.name, error.line, error.field) == (
        "glossary.yaml",
        3,
        "content[1].glossary.also[2]",
    )
    assert "'MARC' is not an entry of the glossary" in error.message
    assert "did you mean 'MARAC'?" in error.message


def test_a_glossary_that_lists_nothing_is_an_error(with_plan: Path) -> None:
    edit(with_plan / "plan" / "glossary.yaml", "- glossary: used", "- glossary: {used: no}")
    (error,) = check(with_plan)
    assert error.is_error and "this glossary would list nothing" in error.message


def test_an_acronym_defined_only_in_the_year_glossary_is_not_reported(with_plan: Path) -> None:
    edit(
        with_plan / "plan" / "priorities.yaml",
        "these CSE and ASB issues",
        "these CSE and ASB issues with the PCC",
    )
    (warning,) = check(with_plan)
    assert "the acronym 'PCC' is used but the glossary (library/glossary.yaml)" in warning.message
    (with_plan / "glossary.yaml").write_text(
        "terms:\n  PCC: Police and Crime Commissioner\n", encoding="utf-8"
    )
    assert check(with_plan) == []
    plan = community_safety_plan(read_year(with_plan))
    rows = [row.cells for row in plan.appendices[0].blocks[0].table.rows]
    assert ("PCC", "Police and Crime Commissioner") in rows


def test_a_mistake_in_the_year_glossary_is_placed(with_plan: Path) -> None:
    (with_plan / "glossary.yaml").write_text("terms:\n  PCC: [a, list]\n", encoding="utf-8")
    errors = [p for p in check(with_plan) if p.is_error]
    assert errors and all(p.file == with_plan / "glossary.yaml" for p in errors)
    assert errors[0].line == 2
