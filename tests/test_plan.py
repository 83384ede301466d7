"""The Community Safety Plan: one source for the priorities, checked restatements,
leads, the matrix, text tables and a glossary of only the acronyms used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen import build, check, read_year
from reportgen.compute import community_safety_plan
from tests.conftest import SAMPLE_CONTENT, edit, remove_entry
from tests.fidelity import (
    REFERENCE,
    document_text,
    html_text,
    letters_and_digits,
    missing_figures,
    missing_sentences,
)


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


def test_a_lead_for_a_priority_that_is_not_one_is_reported(with_plan: Path) -> None:
    edit(with_plan / "priorities.yaml", "{priority: C, lead", "{priority: E, lead")
    (problem,) = check(with_plan)
    assert (problem.file.name, problem.line, problem.field) == (
        "priorities.yaml",
        10,
        "leads[1].priority",
    )
    assert not problem.is_error
    assert (
        "'E' has a lead but is not one of this year's recommended priorities "
        "(priorities.yaml, line 2, recommended)"
    ) in problem.message


def test_a_matrix_column_that_is_not_a_priority_is_reported(with_plan: Path) -> None:
    edit(with_plan / "priorities.yaml", "priorities: [D]", "priorities: [X]")
    (problem,) = check(with_plan)
    assert (problem.line, problem.field) == (8, "themes[2].priorities[1]")
    assert (
        "'X' is a matrix column but is not one of this year's recommended priorities "
        "(priorities.yaml, line 2, recommended)"
    ) in problem.message


def test_an_action_plan_for_a_removed_priority_is_reported(with_plan: Path) -> None:
    edit(
        with_plan / "plan" / "leads.yaml",
        "      title: Action plan",
        "      title: Action plan\n      priority: A",
    )
    (problem,) = check(with_plan)
    assert (problem.file.name, problem.line) == ("leads.yaml", 6)
    assert (
        "'A' has an action plan but was removed as a priority (priorities.yaml, line 4, removed)"
    ) in problem.message


def test_an_acronym_missing_from_the_glossary_is_a_warning(with_plan: Path) -> None:
    edit(
        with_plan / "plan" / "priorities.yaml",
        "these CSE and ASB issues",
        "these CSE and ASB issues with the PCC",
    )
    (warning,) = check(with_plan)
    assert not warning.is_error and warning.file.name == "priorities.yaml"
    assert "the acronym 'PCC' is used but the glossary" in warning.message


# --- the sample plans against the published ones ---------------------------------------------

SAMPLES = ("2016-17", "2018-19")


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    outputs = {}
    for year in SAMPLES:
        out = tmp_path_factory.mktemp(f"plan-{year}")
        build(SAMPLE_CONTENT / year, documents=["community-safety-plan"], out=out)
        outputs[year] = out
    return outputs


def _unused_glossary_entry(sentence: str, document_text: str) -> bool:
    """A line of the published glossary ("BOTD = Burglary Other Than Dwelling") for an
    acronym the plan never uses: by design, the glossary lists only the terms used."""
    match = re.fullmatch(r"([A-Z][A-Z&]+) = .+", sentence.strip())
    return bool(match) and not re.search(rf"\b{match.group(1)}s?\b", document_text)


_CROSS_REFERENCE = re.compile(r"\b(?:section|item|appendix) \d+", re.IGNORECASE)


def _generated_cross_reference(sentence: str, document_text: str) -> bool:
    """A published sentence pointing at a chapter by number ("shown in section 7") that the
    plan carries with the number reportgen generates ([[chapter | …]]) in its place: the
    published numbers were wrong."""
    pieces = [letters_and_digits(piece) for piece in _CROSS_REFERENCE.split(sentence)]
    text = letters_and_digits(document_text)
    return len(pieces) > 1 and all(piece in text for piece in pieces)


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
@pytest.mark.parametrize("year", SAMPLES)
def test_plan_carries_98_percent_of_the_published_plan(
    plans: dict[str, Path], year: str, fmt: str
) -> None:
    path = plans[year] / f"community-safety-plan.{fmt}"
    text = document_text(path)
    missing, total = missing_sentences(REFERENCE / f"{year}-community-safety-plan.txt", path)
    unused = [s for s in missing if _unused_glossary_entry(s, text)]
    corrected = [s for s in missing if _generated_cross_reference(s, text)]
    assert len(corrected) <= 2, corrected
    excused = len(unused) + len(corrected)
    assert (len(missing) - excused) / (total - excused) <= 0.02, missing
    assert missing_figures(REFERENCE / f"{year}-community-safety-plan.txt", path) == []


@pytest.mark.parametrize("year", SAMPLES)
def test_priorities_read_the_same_in_every_document(year: str) -> None:
    from reportgen.compute import committee_report

    loaded = read_year(SAMPLE_CONTENT / year)
    plan = community_safety_plan(loaded)
    report = committee_report(loaded)
    listed = [
        [item.text for item in block.items]
        for chapter in plan.chapters
        for part in (chapter, *chapter.sections)
        for block in part.blocks
        if block.kind == "bullets"
    ]
    assert loaded.priorities.names in listed
    report_lists = [
        [item.text for item in block.items]
        for section in report.sections
        for block in section.blocks
        if block.kind == "bullets"
    ]
    assert loaded.priorities.names in report_lists


def test_the_published_2016_plan_contradicts_its_own_priorities(sample_copy: Path) -> None:
    """The 2016 plan kept an action plan, indicators and a lead for ASB, which it had just
    removed: found, and acknowledged by the removed priority's still_named with a reason;
    without it, each is a warning again."""
    messages = [p.describe() for p in check(SAMPLE_CONTENT / "2016-17")]
    restated = [m for m in messages if "'Anti-Social Behaviour (ASB)' has" in m]
    assert len(restated) == 3
    action_plan = next(m for m in restated if "action_plan.priority]" in m)
    assert (
        "acknowledged: 'Anti-Social Behaviour (ASB)' has an action plan but was removed as a "
        "priority (priorities.yaml, line " in action_plan
    )
    assert "Acknowledged in priorities.yaml, line " in action_plan
    priorities = sample_copy / "2016-17" / "priorities.yaml"
    remove_entry(priorities, "still_named:")
    messages = [p.describe() for p in check(sample_copy / "2016-17")]
    assert any(
        "[leads[1].priority] warning: 'Anti-Social Behaviour (ASB)' has a lead" in m
        for m in messages
    )
    assert any("[content[4].indicators.priority] warning:" in m for m in messages)
    assert not [m for m in messages if "acknowledged:" in m and "(ASB)' has" in m]


def test_an_indicator_baseline_can_be_computed_from_the_assessment(
    with_plan: Path, tmp_path: Path
) -> None:
    """A plan's table cell cites the assessment's figure instead of retyping it."""
    import shutil

    from tests.conftest import DATA

    shutil.copytree(DATA / "assessment", with_plan, dirs_exist_ok=True)
    edit(
        with_plan / "plan" / "leads.yaml",
        "[Reduce harm, Run a campaign, SMP & <partners>]",
        "[Reduce harm, '[[crime-by-district | Testborough | rate]] per 1,000', SMP]",
    )
    plan = community_safety_plan(read_year(with_plan))
    grid = plan.chapters[1].blocks[1].table
    assert grid.rows[0].cells == ("Reduce harm", "90.0 per 1,000", "SMP")


def test_a_library_text_used_only_by_the_plan_is_checked(with_plan: Path) -> None:
    library = with_plan.parent / "library" / "shared.yaml"
    library.write_text(
        library.read_text() + "duties:\n  about: x\n  text: 'Crime rose by [[nope | a | b]].'\n"
    )
    edit(
        with_plan / "plan" / "leads.yaml",
        "  - priority_table: leads",
        "  - priority_table: leads\n  - library: duties",
    )
    (error,) = [p for p in check(with_plan) if p.is_error]
    assert error.file.name == "shared.yaml" and "there is no table 'nope'" in error.message


def test_an_empty_generated_table_is_an_error(with_plan: Path) -> None:
    priorities = with_plan / "priorities.yaml"
    text = priorities.read_text()
    priorities.write_text(text[: text.index("leads:")])
    (error,) = [p for p in check(with_plan) if p.is_error]
    assert error.file.name == "leads.yaml"
    assert "priorities.yaml has no leads, so this table would be empty" in error.message


def test_a_glossary_belongs_to_the_plan(with_plan: Path) -> None:
    edit(
        with_plan / "sections.yaml",
        "      - paragraph: Second.",
        "      - paragraph: Second.\n      - glossary: used",
    )
    (error,) = [p for p in check(with_plan) if p.is_error]
    assert "can only be in the Community Safety Plan" in error.message


def test_capitals_that_are_not_acronyms_are_not_reported(with_plan: Path) -> None:
    edit(
        with_plan / "plan" / "priorities.yaml",
        "  - priorities: recommended",
        "  - heading: INTRODUCTION AND BACKGROUND\n"
        "  - text: See Part IV and the UK figures. NB the PCSOs help.\n"
        "  - priorities: recommended",
    )
    glossary = with_plan.parent / "library" / "glossary.yaml"
    glossary.write_text(glossary.read_text() + "not_acronyms: [UK, NB]\n")
    (warning,) = check(with_plan)
    assert "the acronym 'PCSO' is used" in warning.message


def test_a_chapter_listed_twice_is_an_error(with_plan: Path) -> None:
    edit(
        with_plan / "plan" / "plan.yaml",
        "chapters: [priorities, leads]",
        "chapters: [priorities, leads, priorities]",
    )
    (error,) = [p for p in check(with_plan) if p.is_error]
    assert "priorities is listed twice" in error.message


def test_removed_priorities_are_listed_with_their_reasons(with_plan: Path) -> None:
    edit(
        with_plan / "plan" / "priorities.yaml",
        "  - priorities: recommended",
        "  - priorities: recommended\n  - priorities: removed",
    )
    plan = community_safety_plan(read_year(with_plan))
    assert [item.text for item in plan.chapters[0].blocks[2].items] == ["A: Done."]


def test_renaming_a_priority_changes_every_sample_document(
    sample_copy: Path, tmp_path: Path
) -> None:
    year = sample_copy / "2016-17"
    old, new = "Reduce Re-offending", "Reducing Reoffending Together"
    edit(year / "priorities.yaml", f"  - {old}\n", f"  - {new}\n")
    for path in [year / "priorities.yaml", *(year / "plan").glob("*.yaml")]:
        path.write_text(path.read_text().replace(f"priority: {old}", f"priority: {new}"))
    paths = build(year, formats=["html"], out=tmp_path / "out")
    assert len(paths) == 3
    for path in paths:
        assert new in html_text(path.read_text()), path.name


def test_a_supplied_baseline_is_checked_against_the_data(with_plan: Path) -> None:
    import shutil

    from tests.conftest import DATA

    shutil.copytree(DATA / "assessment", with_plan, dirs_exist_ok=True)
    leads = with_plan / "plan" / "leads.yaml"
    edit(
        leads,
        "[Reduce harm, Run a campaign, SMP & <partners>]",
        "[Reduce harm, {value: '91.0', agrees_with: crime-by-district | Testborough | rate}, "
        "SMP]\n        - [Keep it, {value: '90', agrees_with: crime-by-district | Testborough "
        "| rate}, SMP]\n        - [Typo, {value: '1', agrees_with: crime-by-distrct | A | b}, "
        "SMP]",
    )
    problems = [p for p in check(with_plan) if p.file.name == "leads.yaml"]
    assert [(p.line, p.severity) for p in problems] == [(8, "warning"), (10, "error")]
    assert (
        "the table says 91.0 but crime-by-district | Testborough | rate is 90.0"
        in problems[0].message
    )
    assert "did you mean 'crime-by-district'" in problems[1].message
