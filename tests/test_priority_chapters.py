"""A plan organised per priority: chapters (or sections) that name the priority they are
about take their heading from priorities.yaml, in the wording chosen; check reports a
priority without its chapter, a chapter for a removed one, and a wording a priority lacks;
counts and lists in text come from priorities.yaml too."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import build, check, read_year
from reportgen.compute import community_safety_plan
from reportgen.problems import Problem
from tests.conftest import edit
from tests.fidelity import html_text

PRIORITIES = """\
last_year: [A, B]
recommended:
  - priority: Cyber crime
    title: Keeping people safe online
    objective: Fewer residents lose money to online fraud.
  - priority: Drugs
    title: Reducing the harm drugs cause
removed:
  - {priority: A, reason: Done.}
themes:
  - theme: Vulnerability
leads:
  - {priority: Cyber crime, lead: "Insp Smith, Kent Police"}
  - {priority: Drugs, lead: "Ms Jones, Council"}
"""

CHAPTER = """\
priority: {name}
{wording}sections:
  - title: What we know
    content: Figures for {name}.
  - title: What we will do
    content: Actions for {name}.
"""


def _per_priority(year: Path, wordings: dict[str, str] | None = None) -> None:
    """The plan fixture reorganised: a chapter per priority, after the priorities chapter."""
    (year / "priorities.yaml").write_text(PRIORITIES, encoding="utf-8")
    plan = year / "plan"
    for file, name in (("cyber.yaml", "Cyber crime"), ("drugs.yaml", "Drugs")):
        wording = (wordings or {}).get(name)
        chapter = CHAPTER.format(name=name, wording=f"wording: {wording}\n" if wording else "")
        (plan / file).write_text(chapter, encoding="utf-8")
    edit(
        plan / "plan.yaml", "chapters: [priorities, leads]", "chapters: [priorities, cyber, drugs]"
    )


def _errors(year: Path) -> list[Problem]:
    return [p for p in check(year) if p.is_error]


def test_a_chapter_about_a_priority_is_titled_from_priorities_yaml(with_plan: Path) -> None:
    _per_priority(with_plan, {"Drugs": "name"})
    with (with_plan / "plan" / "plan.yaml").open("a", encoding="utf-8") as plan_file:
        plan_file.write("contents: yes\n")
    assert _errors(with_plan) == []
    plan = community_safety_plan(read_year(with_plan))
    titles = [chapter.title for chapter in plan.chapters]
    # The title by default (where a priority has one), or the wording chosen.
    assert titles == ["Priorities", "Keeping people safe online", "Drugs"]
    assert [s.title for s in plan.chapters[1].sections] == ["What we know", "What we will do"]
    assert [entry.title for entry in plan.contents if entry.level == 1][:3] == titles


def test_renaming_a_priority_renames_its_chapter(with_plan: Path) -> None:
    _per_priority(with_plan, {"Drugs": "name"})
    edit(with_plan / "priorities.yaml", "  - priority: Drugs", "  - priority: Substance misuse")
    edit(with_plan / "plan" / "drugs.yaml", "priority: Drugs", "priority: Substance misuse")
    plan = community_safety_plan(read_year(with_plan))
    assert plan.chapters[2].title == "Substance misuse"


def test_a_recommended_priority_without_its_chapter_is_an_error(with_plan: Path) -> None:
    _per_priority(with_plan)
    edit(with_plan / "plan" / "plan.yaml", "[priorities, cyber, drugs]", "[priorities, cyber]")
    (with_plan / "plan" / "drugs.yaml").unlink()
    (error,) = _errors(with_plan)
    assert error.file.name == "priorities.yaml" and error.line == 6
    assert "'Drugs' is a recommended priority" in error.message
    assert "cyber.yaml, line 1: priority: Cyber crime" in error.message
    assert "add one with priority: Drugs" in error.message


def test_a_chapter_for_a_removed_priority_names_both_places(with_plan: Path) -> None:
    _per_priority(with_plan)
    edit(with_plan / "plan" / "drugs.yaml", "priority: Drugs", "priority: A")
    messages = {(p.file.name, p.line): p.message for p in _errors(with_plan)}
    removed = messages[("drugs.yaml", 1)]
    assert "'A' is a chapter of the Community Safety Plan" in removed
    assert "was removed as a priority (priorities.yaml, line 9, removed)" in removed
    assert "'Drugs' is a recommended priority" in messages[("priorities.yaml", 6)]


def test_a_chapter_for_an_unknown_priority_suggests_the_right_one(with_plan: Path) -> None:
    _per_priority(with_plan)
    edit(with_plan / "plan" / "drugs.yaml", "priority: Drugs", "priority: Drug")
    messages = [p.message for p in _errors(with_plan) if p.file.name == "drugs.yaml"]
    assert any("did you mean 'Drugs'?" in m for m in messages)


def test_two_chapters_for_one_priority_is_an_error(with_plan: Path) -> None:
    _per_priority(with_plan)
    edit(with_plan / "plan" / "drugs.yaml", "priority: Drugs", "priority: Cyber crime")
    messages = [p.message for p in _errors(with_plan)]
    assert any("already has one (cyber.yaml, line 1)" in m for m in messages)
    assert any("'Drugs' is a recommended priority" in m for m in messages)


def test_a_wording_the_priority_lacks_is_an_error(with_plan: Path) -> None:
    _per_priority(with_plan, {"Drugs": "objective"})
    (error,) = _errors(with_plan)
    assert (error.file.name, error.line, error.field) == ("drugs.yaml", 2, "wording")
    assert "'Drugs', but that priority has no objective: in 2020-21/priorities.yaml" in (
        error.message
    )
    assert "(line 6)" in error.message


def test_title_and_priority_together_are_refused(with_plan: Path) -> None:
    _per_priority(with_plan)
    edit(with_plan / "plan" / "drugs.yaml", "priority: Drugs", "title: Drugs\npriority: Drugs")
    (error,) = _errors(with_plan)
    assert "give either title:" in error.message and "not both" in error.message


def test_a_section_can_be_about_a_priority(with_plan: Path) -> None:
    (with_plan / "priorities.yaml").write_text(PRIORITIES, encoding="utf-8")
    (with_plan / "plan" / "leads.yaml").write_text(
        "title: Our priorities\nsections:\n"
        "  - priority: Cyber crime\n    wording: objective\n    content: Text.\n"
        "  - priority: Drugs\n    content: Text.\n",
        encoding="utf-8",
    )
    assert _errors(with_plan) == []
    plan = community_safety_plan(read_year(with_plan))
    assert [s.title for s in plan.chapters[1].sections] == [
        "Fewer residents lose money to online fraud.",
        "Reducing the harm drugs cause",
    ]


def test_a_list_of_priorities_in_a_chosen_wording(with_plan: Path) -> None:
    (with_plan / "priorities.yaml").write_text(PRIORITIES, encoding="utf-8")
    edit(
        with_plan / "plan" / "priorities.yaml",
        "- priorities: recommended",
        "- {priorities: recommended, wording: title}",
    )
    assert _errors(with_plan) == []
    plan = community_safety_plan(read_year(with_plan))
    assert [i.text for i in plan.chapters[0].blocks[1].items] == [
        "Keeping people safe online",
        "Reducing the harm drugs cause",
    ]


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("[[priorities | recommended | count]]", "two"),
        ("[[priorities | last_year | count]]", "two"),
        ("[[priorities | removed | count]]", "one"),
        ("[[priorities | emerging_themes | count]]", "no"),
        ("[[priorities | recommended | list]]", "Cyber crime and Drugs"),
        (
            "[[priorities | recommended | list | title]]",
            "Keeping people safe online and Reducing the harm drugs cause",
        ),
        ("[[priority | Cyber crime | objective]]", "Fewer residents lose money to online fraud."),
    ],
)
def test_counts_and_lists_in_text_come_from_priorities_yaml(
    with_plan: Path, typed: str, printed: str
) -> None:
    (with_plan / "priorities.yaml").write_text(PRIORITIES, encoding="utf-8")
    edit(with_plan / "plan" / "priorities.yaml", "these CSE and ASB issues", f"<{typed}>")
    assert _errors(with_plan) == []
    plan = community_safety_plan(read_year(with_plan))
    assert f"<{printed}>" in plan.chapters[0].blocks[0].text


def test_adding_a_priority_updates_the_count_in_every_format(
    with_plan: Path, tmp_path: Path
) -> None:
    edit(
        with_plan / "plan" / "priorities.yaml",
        "these CSE and ASB issues",
        "[[priorities | recommended | count]] key issues",
    )
    edit(with_plan / "priorities.yaml", "recommended: [C, D]", "recommended: [C, D, E]")
    out = tmp_path / "out"
    build(with_plan, documents=["community-safety-plan"], formats=["html"], out=out)
    assert "focus on three key issues" in html_text(
        (out / "community-safety-plan.html").read_text()
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("[[priorities | recommended | cont]]", "[[priorities | LIST | count]]"),
        ("[[priorities | recomended | count]]", "did you mean 'recommended'?"),
        (
            "[[priorities | last_year | list | title]]",
            "only for [[priorities | recommended | list]]",
        ),
        (
            "[[priorities | recommended | list | objective]]",
            "'Drugs' in priorities.yaml has no objective:",
        ),
        ("[[priority | Drug | title]]", "did you mean 'Drugs'?"),
        ("[[priority | Drugs | objective]]", "has no objective:"),
        ("[[priority | Drugs | titel]]", "did you mean 'title'?"),
    ],
)
def test_a_wrong_priorities_reference_is_placed_and_explained(
    with_plan: Path, typed: str, expected: str
) -> None:
    (with_plan / "priorities.yaml").write_text(PRIORITIES, encoding="utf-8")
    edit(with_plan / "plan" / "priorities.yaml", "these CSE and ASB issues", typed)
    (error,) = _errors(with_plan)
    assert (error.file.name, error.line) == ("priorities.yaml", 3)
    assert expected in error.message


def test_a_priority_listed_twice_is_an_error(with_plan: Path) -> None:
    edit(with_plan / "priorities.yaml", "recommended: [C, D]", "recommended: [C, D, C]")
    (error,) = _errors(with_plan)
    assert "recommended lists 'C' more than once" in error.message


def test_a_count_typed_in_text_that_has_gone_stale_is_a_warning(with_plan: Path) -> None:
    edit(with_plan / "plan" / "priorities.yaml", "these CSE and ASB issues", "five key issues")
    (warning,) = [p for p in check(with_plan) if "recommends" in p.message]
    assert not warning.is_error
    assert (warning.file.name, warning.line) == ("priorities.yaml", 3)
    assert "says 'five key issues', but priorities.yaml recommends 2" in warning.message
    assert "[[priorities | recommended | count]]" in warning.message


def test_a_table_cannot_take_the_name_priorities_references_use(with_assessment: Path) -> None:
    edit(with_assessment / "assessment" / "crime.yaml", "  crime-by-district:", "  priorities:")
    messages = [(p.line, p.message) for p in check(with_assessment) if p.is_error]
    assert any(line == 11 and "a table cannot be called priorities" in m for line, m in messages), (
        messages
    )


def test_a_list_in_a_wording_some_priorities_lack_is_an_error(with_plan: Path) -> None:
    (with_plan / "priorities.yaml").write_text(PRIORITIES, encoding="utf-8")
    edit(
        with_plan / "plan" / "priorities.yaml",
        "- priorities: recommended",
        "- {priorities: recommended, wording: objective}",
    )
    (error,) = _errors(with_plan)
    assert (error.file.name, error.line, error.field) == (
        "priorities.yaml",
        4,
        "content[2].wording",
    )
    assert "'Drugs' in 2020-21/priorities.yaml has no objective:" in error.message
