"""Known differences: a published figure known to be wrong (a table's known_differences),
figures that must agree but were published differently (must_agree's known_difference)
and a removed priority the plan still names (still_named) are acknowledged with a reason,
listed by check --all and not counted as warnings, until they no longer match."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen import check
from reportgen.cli import cli
from reportgen.problems import Problem
from tests.conftest import SAMPLE_CONTENT, SAMPLE_YEARS, edit, remove_entry

SAMPLE = SAMPLE_CONTENT / "2016-17"


def _not_errors(year: Path) -> list[Problem]:
    return [problem for problem in check(year) if not problem.is_error]


@pytest.fixture
def year(sample_copy: Path) -> Path:
    return sample_copy / "2016-17"


def test_the_sample_acknowledges_every_finding_and_has_no_warnings() -> None:
    found = _not_errors(SAMPLE)
    assert [p.describe() for p in found if not p.is_acknowledged] == []
    assert len(found) == 16  # 12 published figures, 1 must_agree, 3 restatements of ASB


def test_a_known_difference_whose_figures_change_is_a_warning_again(year: Path) -> None:
    edit(
        year / "data" / "sa-3-one-stop-shops.csv",
        "Sevenoaks³,6,12,16,25,16,",
        "Sevenoaks³,6,12,16,25,17,",
    )
    (warning,) = [p for p in check(year) if p.is_warning]
    assert warning.file.name == "sa-3-one-stop-shops.csv"
    assert "is published as 46.0 but the figures give -32.0%." in warning.message
    assert (
        "acknowledges it as published 46.0 and computed -36.0%, but the figures have changed: "
        "check them, then give published: 46.0 and computed: -32.0% there, or remove it."
    ) in warning.message


def test_a_known_difference_whose_published_figure_changes_is_a_warning_again(
    year: Path,
) -> None:
    edit(
        year / "data" / "sa-7-ksi-by-district.csv",
        "Dartford,34,43,38,41,9",
        "Dartford,34,43,38,41,10",
    )
    (warning,) = [p for p in check(year) if p.is_warning]
    assert "row 'Dartford': column 'County Ranking' is published as 10" in warning.message
    assert "acknowledges it as published 9 and computed 8th" in warning.message


def test_a_known_difference_that_no_longer_differs_is_a_warning(year: Path) -> None:
    edit(
        year / "data" / "sa-2-all-crime-by-district.csv",
        "Dover,6537,57.8,59.1,7",
        "Dover,6537,57.8,59.1,8",
    )
    (warning,) = [p for p in check(year) if p.is_warning]
    assert warning.file.name == "total-recorded-crime.yaml"
    assert warning.field.startswith("tables.all-crime-by-district.known_differences[")
    assert "row 'Dover', column 'rank': the published figure now agrees" in warning.message
    assert "remove this entry" in warning.message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "- row: Dartford",
            "- row: Dartfrod",
            "there is no row 'Dartfrod' in the data; did you mean 'Dartford'?",
        ),
        (
            'column: rank\n        published: "9"',
            'column: rnk\n        published: "9"',
            "there is no column 'rnk' with published figures for row 'Dartford'; did you "
            "mean 'rank'?",
        ),
    ],
)
def test_a_known_difference_naming_no_row_or_column_is_an_error(
    year: Path, old: str, new: str, expected: str
) -> None:
    edit(year / "assessment" / "road-safety.yaml", old, new)
    (error,) = [p for p in check(year) if p.is_error]
    assert error.file.name == "road-safety.yaml" and expected in error.message


def test_a_total_row_is_acknowledged_by_its_column_of_counts(year: Path) -> None:
    """The Total's cost after is a sum of its rows; its known difference names cost_after,
    the column of counts that does not add up, and no other."""
    (total,) = [p for p in check(year) if "row 'Total': cost_after is published" in p.message]
    assert total.is_acknowledged
    edit(
        year / "assessment" / "reducing-re-offending.yaml",
        "column: cost_after",
        "column: cost_before",
    )
    warnings = sorted(p.message for p in check(year) if p.is_warning)
    assert len(warnings) == 2
    assert "row 'Total', column 'cost_before': the published figure now agrees" in warnings[0]
    assert "row 'Total': cost_after is published as 404685" in warnings[1]


def test_must_agree_without_its_known_difference_is_a_warning_again(year: Path) -> None:
    remove_entry(year / "assessment" / "assessment.yaml", "known_difference:")
    (warning,) = [p for p in check(year) if p.is_warning]
    assert warning.field == "must_agree[1].figures"
    assert (
        "is 2,945; violent-crime-by-district | Maidstone | offences_2015 is 2,943."
        in warning.message
    )


def test_must_agree_whose_figures_change_is_a_warning_again(year: Path) -> None:
    edit(
        year / "assessment" / "assessment.yaml",
        'values: ["2,945", "2,943"]',
        'values: ["2,945", "2,944"]',
    )
    (warning,) = [p for p in check(year) if p.is_warning]
    assert (
        "acknowledges them as 2,945, 2,944, but the figures have changed: check them, then "
        "give values: ['2,945', '2,943'] there, or remove it."
    ) in warning.message


def test_must_agree_figures_that_agree_need_no_known_difference(year: Path) -> None:
    edit(year / "data" / "sa-3-violent-crime-by-district.csv", "Maidstone,2943,", "Maidstone,2945,")
    (warning,) = [p for p in check(year) if p.is_warning]
    assert warning.field == "must_agree[1].known_difference"
    assert "these figures agree now (all 2,945)" in warning.message


def test_a_known_difference_needs_a_value_per_figure(year: Path) -> None:
    edit(
        year / "assessment" / "assessment.yaml",
        'values: ["2,945", "2,943"]',
        'values: ["2,945", "2,943", "1"]',
    )
    (error,) = [p for p in check(year) if p.is_error]
    assert "known_difference gives 3 values for 2 figures" in error.message


def test_still_named_by_what_no_longer_names_the_priority_is_a_warning(year: Path) -> None:
    edit(
        year / "priorities.yaml",
        "by: [lead, action plan, indicators]",
        "by: [lead, matrix, action plan, indicators]",
    )
    (warning,) = [p for p in check(year) if p.is_warning]
    assert warning.field == "removed[1].still_named.by[2]"
    assert (
        "'Anti-Social Behaviour (ASB)' has no matrix column now, so there is nothing to "
        "acknowledge; remove 'matrix' from still_named."
    ) in warning.message


def test_still_named_acknowledges_only_what_it_lists(year: Path) -> None:
    edit(
        year / "priorities.yaml",
        "by: [lead, action plan, indicators]",
        "by: [action plan, indicators]",
    )
    (warning,) = [p for p in check(year) if p.is_warning]
    assert warning.field == "leads[1].priority"
    assert "'Anti-Social Behaviour (ASB)' has a lead but was removed" in warning.message


def test_check_counts_the_acknowledged_apart_and_lists_them_with_all() -> None:
    result = CliRunner().invoke(cli, ["check", str(SAMPLE)])
    assert result.exit_code == 0
    assert (
        f"{SAMPLE}: no errors, 0 warning(s), 16 acknowledged (--all lists them)." in result.output
    )
    assert "acknowledged:" not in result.output
    listed = CliRunner().invoke(cli, ["check", "--all", str(SAMPLE)])
    lines = [line for line in listed.output.splitlines() if " acknowledged: " in line]
    assert len(lines) == 16
    assert any(
        "row 'Tonbridge⁴'" in line
        and "Acknowledged in violent-crime.yaml, line " in line
        and "the increase is 587.5%" in line
        for line in lines
    )
    assert f"{SAMPLE}: no errors, 0 warning(s), 16 acknowledged." in listed.output


@pytest.mark.parametrize("year", SAMPLE_YEARS)
def test_check_reports_no_warnings_on_the_samples(year: str) -> None:
    result = CliRunner().invoke(cli, ["check", "--strict", str(SAMPLE_CONTENT / year)])
    assert result.exit_code == 0, result.output
    assert f"{SAMPLE_CONTENT / year}: no errors, 0 warning(s)" in result.output
    assert ": warning: " not in result.output
