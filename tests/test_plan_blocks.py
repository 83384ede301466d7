"""The plan's structured blocks: action plans, indicators with computed and checked
baselines, and contacts shared across years."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen import build, check, read_year
from reportgen.compute import community_safety_plan
from reportgen.exceptions import ContentError
from tests.conftest import DATA, edit
from tests.fidelity import html_text

ACTION_PLAN = """
  - action_plan:
      priority: D
      aims:
        - aim: Reduce harm
          actions:
            - {action: Run a campaign, outcomes: Fewer victims, lead: SMP}
            - {action: Train staff, outcomes: Earlier help, lead: Council}
        - aim: Support victims
          actions:
            - {action: Fund a helpline, outcomes: More calls, lead: SMP}
"""

INDICATORS = """
  - indicators:
      priority: C
      baseline: {label: Baseline, period: 2019/20}
      comparison: {label: County comparison, period: 2019/20}
      target: {by: "2023"}
      rows:
        - indicator: Crimes per 1,000 population
          baseline:
            from: crime-by-district | Testborough | rate
            note: "Ranked [[crime-by-district | Testborough | rank | ordinal]]."
          comparison: {value: "77.7", agrees_with: crime-by-district | County | rate}
          target: Below the county rate
"""


def add_to_plan(plan_folder: Path, blocks: str) -> None:
    leads = plan_folder / "plan" / "leads.yaml"
    leads.write_text(leads.read_text() + blocks)


@pytest.fixture
def with_data(with_plan: Path) -> Path:
    shutil.copytree(DATA / "assessment", with_plan, dirs_exist_ok=True)
    return with_plan


def plan_problems(folder: Path) -> list:
    """The problems check finds in the plan (the test data's own are left out)."""
    return [p for p in check(folder) if p.file.name == "leads.yaml"]


def last_table(folder: Path):
    plan = community_safety_plan(read_year(folder))
    return plan.chapters[1].blocks[-1].table


def test_an_action_plan_prints_each_aim_once_beside_its_actions(with_plan: Path) -> None:
    add_to_plan(with_plan, ACTION_PLAN)
    table = last_table(with_plan)
    assert table.title == "D: action plan"
    assert table.headings == ("Aim", "Action", "Anticipated Outcomes", "Lead Agency")
    assert [row.cells for row in table.rows] == [
        ("Reduce harm", "Run a campaign", "Fewer victims", "SMP"),
        ("", "Train staff", "Earlier help", "Council"),
        ("Support victims", "Fund a helpline", "More calls", "SMP"),
    ]
    assert [row.span for row in table.rows] == [2, 0, 1]


def test_an_aim_spans_its_actions_in_html_and_word(with_plan: Path, tmp_path: Path) -> None:
    import docx

    add_to_plan(with_plan, ACTION_PLAN)
    out = tmp_path / "o"
    build(with_plan, documents=["community-safety-plan"], formats=["html", "docx"], out=out)
    html = (out / "community-safety-plan.html").read_text()
    assert '<th scope="row" rowspan="2">Reduce harm</th>' in html
    tables = docx.Document(out / "community-safety-plan.docx").tables
    (table,) = [t for t in tables if t.rows[0].cells[0].text == "Aim" and len(t.rows) == 4]
    first_cells = [row._tr.tc_lst[0] for row in table.rows[1:]]
    assert [tc.vMerge for tc in first_cells] == ["restart", "continue", None]
    assert table.rows[1].cells[0].text == "Reduce harm"


def test_an_action_plan_for_a_removed_priority_is_reported_on_its_field(
    with_plan: Path,
) -> None:
    add_to_plan(with_plan, ACTION_PLAN.replace("priority: D", "priority: A"))
    (problem,) = check(with_plan)
    assert (problem.file.name, problem.line, problem.field) == (
        "leads.yaml",
        11,
        "content[3].action_plan.priority",
    )
    assert "'A' has an action plan but was removed as a priority" in problem.message


def test_indicators_compute_the_baseline_and_head_columns_with_their_periods(
    with_data: Path,
) -> None:
    add_to_plan(with_data, INDICATORS)
    table = last_table(with_data)
    assert table.headings == (
        "Indicator",
        "Baseline 2019/20",
        "County comparison 2019/20",
        "Target (by 2023)",
    )
    assert table.rows[0].cells == (
        "Crimes per 1,000 population",
        "90.0 Ranked 3rd.",
        "77.7",
        "Below the county rate",
    )
    assert plan_problems(with_data) == []


def test_a_typed_comparison_that_disagrees_with_the_data_is_a_warning(with_data: Path) -> None:
    add_to_plan(with_data, INDICATORS.replace('"77.7"', '"80.1"'))
    (warning,) = plan_problems(with_data)
    assert not warning.is_error
    assert (warning.file.name, warning.line) == ("leads.yaml", 20)
    assert "the table says 80.1 but crime-by-district | County | rate is 77.7" in warning.message


def test_a_baseline_computed_from_a_missing_figure_is_an_error(with_data: Path) -> None:
    add_to_plan(with_data, INDICATORS.replace("Testborough | rate", "Testborogh | rate"))
    (error,) = plan_problems(with_data)
    assert (error.file.name, error.line, error.field) == (
        "leads.yaml",
        18,
        "content[3].indicators.rows[1].baseline.from",
    )
    assert "has no row 'Testborogh'; did you mean 'Testborough'" in error.message


def test_an_indicator_without_a_figure_its_table_has_a_column_for_is_an_error(
    with_data: Path,
) -> None:
    add_to_plan(with_data, INDICATORS.replace("          target: Below the county rate\n", ""))
    (error,) = plan_problems(with_data)
    assert error.is_error and error.file.name == "leads.yaml"
    assert "indicator 1 has no target, but the table has a target column" in error.message


def test_a_figure_is_typed_or_computed_not_both(with_data: Path) -> None:
    add_to_plan(
        with_data,
        INDICATORS.replace("            from:", "            value: '90'\n            from:"),
    )
    (error,) = plan_problems(with_data)
    assert "give either value: (the figure as printed) or from:" in error.message


CONTACTS = """contacts:
  police:
    name: Testborough Police Station
    telephone: {Non-emergency: "101", Emergency: "999"}
  advice:
    name: Citizens Advice
    organisation: Citizens Advice Testborough
    address: 1 High Street, Testborough
    telephone: 01234 567890
    website: www.example.org
"""


def test_contacts_come_from_the_library_and_a_year_can_replace_one(
    with_plan: Path, tmp_path: Path
) -> None:
    (with_plan.parent / "library" / "contacts.yaml").write_text(CONTACTS)
    (with_plan / "contacts.yaml").write_text(
        "contacts:\n  police:\n    name: Testborough Police Station\n    telephone: '101'\n"
    )
    add_to_plan(with_plan, "  - contacts: [advice, police]\n")
    build(with_plan, documents=["community-safety-plan"], formats=["html"], out=tmp_path / "o")
    text = " ".join(html_text((tmp_path / "o" / "community-safety-plan.html").read_text()).split())
    assert (
        "Contact Details Citizens Advice Citizens Advice Testborough 1 High Street, Testborough "
        "Tel: 01234 567890 www.example.org Testborough Police Station Tel: 101"
    ) in text


def test_telephone_numbers_by_label(with_plan: Path) -> None:
    (with_plan.parent / "library" / "contacts.yaml").write_text(CONTACTS)
    add_to_plan(with_plan, "  - contacts: [police]\n")
    (row,) = last_table(with_plan).rows
    assert row.cells == ("Testborough Police Station", "Non-emergency Tel: 101\nEmergency Tel: 999")


def test_an_unknown_contact_is_an_error_with_a_suggestion(with_plan: Path) -> None:
    (with_plan.parent / "library" / "contacts.yaml").write_text(CONTACTS)
    add_to_plan(with_plan, "  - contacts: [advice, polise]\n")
    with pytest.raises(ContentError) as raised:
        read_year(with_plan)
    (error,) = raised.value.problems
    assert (error.file.name, error.field) == ("leads.yaml", "content[3].contacts[2]")
    assert "no contact is named 'polise'" in error.message and "'police'" in error.message


def test_a_chapter_is_referred_to_by_its_generated_number(with_plan: Path) -> None:
    add_to_plan(
        with_plan,
        "  - text: The plans are in [[chapter | leads]]; acronyms in [[chapter | glossary]].\n",
    )
    assert last_table_or_text(with_plan) == ("The plans are in section 2; acronyms in Appendix 1.")
    plan = with_plan / "plan" / "plan.yaml"
    plan.write_text(plan.read_text().replace("[priorities, leads]", "[leads, priorities]"))
    assert last_table_or_text(with_plan) == ("The plans are in section 1; acronyms in Appendix 1.")


def last_table_or_text(folder: Path) -> str:
    plan = community_safety_plan(read_year(folder))
    (chapter,) = [c for c in plan.chapters if c.title == "Priority leads"]
    return chapter.blocks[-1].text


def test_a_reference_to_a_chapter_that_does_not_exist_is_an_error(with_plan: Path) -> None:
    add_to_plan(with_plan, "  - text: See [[chapter | lead]].\n")
    (error,) = check_errors(with_plan)
    assert (error.file.name, error.line, error.field) == ("leads.yaml", 9, "content[3].text")
    assert "this document has no chapter or appendix 'lead'; did you mean 'leads'" in (
        error.message
    )


def test_the_committee_report_cannot_refer_to_a_plan_chapter(with_plan: Path) -> None:
    sections = with_plan / "sections.yaml"
    sections.write_text(
        sections.read_text().replace("First para.", "First para, see [[chapter | leads]].")
    )
    (error,) = check_errors(with_plan)
    assert error.file.name == "sections.yaml"
    assert "only in the Strategic Assessment's and the plan's chapters" in error.message


def check_errors(folder: Path) -> list:
    with pytest.raises(ContentError) as raised:
        read_year(folder)
    return raised.value.problems


def test_changing_a_shared_contact_rebuilds_the_plan(with_plan: Path, tmp_path: Path) -> None:
    contacts = with_plan.parent / "library" / "contacts.yaml"
    contacts.write_text(CONTACTS)
    add_to_plan(with_plan, "  - contacts: [advice]\n")
    out = tmp_path / "o"
    build(with_plan, documents=["community-safety-plan"], formats=["html"], out=out)
    contacts.write_text(CONTACTS.replace("01234 567890", "01234 000000"))
    build(with_plan, documents=["community-safety-plan"], formats=["html"], out=out)
    assert "Tel: 01234 000000" in (out / "community-safety-plan.html").read_text()


def test_plan_blocks_belong_to_the_plan(minimal: Path) -> None:
    edit(
        minimal / "sections.yaml",
        "      - paragraph: Second.",
        "      - paragraph: Second.\n      - contacts: [police]",
    )
    messages = [e.message for e in check_errors(minimal)]
    assert "a list of contacts can only be in the Community Safety Plan (plan/)." in messages


def test_a_target_typed_as_text_can_cite_a_figure(with_data: Path) -> None:
    add_to_plan(
        with_data,
        INDICATORS.replace(
            "target: Below the county rate",
            "target: 'Below [[crime-by-district | County | rate]]'",
        ),
    )
    assert last_table(with_data).rows[0].cells[-1] == "Below 77.7"


def test_a_figure_with_neither_value_nor_from_says_so(with_data: Path) -> None:
    add_to_plan(with_data, INDICATORS.replace('{value: "77.7", agrees_with', "{agrees_with"))
    (error,) = plan_problems(with_data)
    assert "give value: (the figure as printed) or from:" in error.message
    assert "not both" not in error.message


def test_a_checked_figure_with_words_in_it_is_reported_as_unreadable(with_data: Path) -> None:
    add_to_plan(with_data, INDICATORS.replace('"77.7"', '"about seventy"'))
    (warning,) = plan_problems(with_data)
    assert not warning.is_error
    assert "no figure can be read from 'about seventy'" in warning.message


def test_a_reference_to_a_chapter_with_errors_of_its_own_is_not_reported_again(
    with_plan: Path,
) -> None:
    edit(
        with_plan / "plan" / "priorities.yaml",
        "  - priorities: recommended",
        "  - text: See [[chapter | leads]].\n  - priorities: recommended",
    )
    edit(
        with_plan / "plan" / "leads.yaml", "title: Priority leads", "title: Priority leads\nnote: x"
    )
    (error,) = check_errors(with_plan)
    assert error.file.name == "leads.yaml" and "unknown field 'note'" in error.message


def test_an_assessment_table_with_errors_is_not_reported_again_from_the_plan(
    with_data: Path,
) -> None:
    add_to_plan(with_data, INDICATORS)
    edit(with_data / "data" / "crime.csv", "Testborough,900,", "Testborough,nine hundred,")
    errors = check_errors(with_data)
    assert [e.file.name for e in errors] == ["crime.csv"]


def test_a_misspelt_field_of_a_named_contact_gets_a_suggestion(with_plan: Path) -> None:
    (with_plan.parent / "library" / "contacts.yaml").write_text(
        CONTACTS.replace("    telephone: 01234 567890", "    phone: 01234 567890")
    )
    add_to_plan(with_plan, "  - contacts: [advice]\n")
    (error,) = check_errors(with_plan)
    assert error.field == "contacts.advice.phone"
    assert "unknown field 'phone'; did you mean 'telephone'?" in error.message
