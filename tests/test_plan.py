"""The Community Safety Plan: one source for the priorities, checked restatements,
leads, the matrix, text tables and a glossary of only the acronyms used."""

from __future__ import annotations

from pathlib import Path

from reportgen import build, check, read_year
from reportgen.compute import community_safety_plan
from tests.conftest import edit
from tests.fidelity import html_text


def test_plan_builds_in_every_format(with_plan: Path, tmp_path: Path) -> None:
    paths = build(with_plan, documents=["community-safety-plan"], out=tmp_path / "out")
    assert sorted(p.name for p in paths) == [
        "community-safety-plan.docx",
        "community-safety-plan.html",
        "community-safety-plan.pdf",
    ]
    text = " ".join(
        html_text((tmp_path / "out" / "community-safety-plan.html").read_text()).split()
    )
    assert "'Delivering Safer Communities'" in text and "Refreshed March 2021" in text
    assert "Priority sub-groups Lead Officer/Agency C Insp Smith, Kent Police D sub-group" in text
    assert "SMP & <partners>" in text


def test_matrix_marks_themes_against_priorities(with_plan: Path) -> None:
    plan = community_safety_plan(read_year(with_plan))
    matrix = plan.chapters[0].blocks[2].table
    assert matrix.headings == ("Cross-cutting theme", "C", "D")
    assert [row.cells for row in matrix.rows] == [
        ("Vulnerability", "Yes", "Yes"),
        ("Prevent", "", "Yes"),
    ]


def test_glossary_lists_only_the_acronyms_the_plan_uses(with_plan: Path) -> None:
    plan = community_safety_plan(read_year(with_plan))
    glossary = plan.appendices[0].blocks[0].table
    assert [row.cells for row in glossary.rows] == [
        ("ASB", "Anti-Social Behaviour"),
        ("CSE", "Child Sexual Exploitation"),
        ("SMP", "Safer Maidstone Partnership"),
    ]


def test_renaming_a_priority_in_the_source_renames_it_everywhere(
    with_plan: Path, tmp_path: Path
) -> None:
    priorities = with_plan / "priorities.yaml"
    priorities.write_text(
        priorities.read_text()
        .replace("recommended: [C, D]", "recommended: [C, Drugs]")
        .replace("priorities: [D]", "priorities: [Drugs]")
        .replace("priority: D,", "priority: Drugs,")
    )
    plan = community_safety_plan(read_year(with_plan))
    assert [i.text for i in plan.chapters[0].blocks[1].items] == ["C", "Drugs"]
    assert plan.chapters[0].blocks[2].table.headings[-1] == "Drugs"


def test_a_lead_for_a_priority_that_is_not_one_is_an_error(with_plan: Path) -> None:
    edit(with_plan / "priorities.yaml", "{priority: C, lead", "{priority: E, lead")
    (error,) = [p for p in check(with_plan) if p.is_error]
    assert error.field == "leads[1].priority"
    assert "'E' has a lead but is not one of this year's recommended priorities" in error.message
    assert "priorities.yaml, line 2, recommended" in error.message


def test_a_matrix_column_that_is_not_a_priority_is_an_error(with_plan: Path) -> None:
    edit(with_plan / "priorities.yaml", "priorities: [D]", "priorities: [X]")
    (error,) = [p for p in check(with_plan) if p.is_error]
    assert error.field == "themes[2].priorities[1]"
    assert "the matrix column 'X' is not one of this year's recommended priorities" in error.message


def test_an_acronym_missing_from_the_glossary_is_a_warning(with_plan: Path) -> None:
    edit(
        with_plan / "plan" / "priorities.yaml",
        "these CSE and ASB issues",
        "these CSE and ASB issues with the PCC",
    )
    (warning,) = check(with_plan)
    assert not warning.is_error and warning.file.name == "priorities.yaml"
    assert "the acronym 'PCC' is used but the glossary" in warning.message
