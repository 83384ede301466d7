"""Table definitions checked against their CSV files: every mistake an error on its line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reportgen import check
from tests.conftest import edit


def _errors(year: Path) -> list[str]:
    return [p.describe() for p in check(year) if p.is_error]


@pytest.fixture
def crime(with_assessment: Path) -> Path:
    return with_assessment / "assessment" / "crime.yaml"


@pytest.fixture
def csv(with_assessment: Path) -> Path:
    return with_assessment / "data" / "crime.csv"


def test_misspelt_column_is_placed_on_the_yaml_field(with_assessment: Path, crime: Path) -> None:
    edit(crime, "show: last_year}", "show: last_yaer}")
    (error,) = _errors(with_assessment)
    assert "crime.yaml, line 23, column 30: [tables.crime-by-district.columns[3].show]" in error
    assert "'last_yaer' is not in crime.csv; did you mean 'last_year'?" in error


def test_every_unknown_name_is_reported_at_once(with_assessment: Path, crime: Path) -> None:
    edit(crime, "aggregates: [County]", "aggregates: [Countyy]")
    edit(crime, "published: published_rank", "published: publshed_rank")
    edit(
        crime,
        "County: [Testborough, Otherham, Zeroton]",
        "County: [Testborough, Otherham, Zerotown]",
    )
    errors = _errors(with_assessment)
    assert any("[tables.crime-by-district.aggregates[1]]" in e and "'Countyy'" in e for e in errors)
    assert any("columns[6].published" in e and "did you mean 'published_rank'" in e for e in errors)
    assert any("totals.County[3]" in e and "did you mean 'Zeroton'" in e for e in errors)


def test_repeated_row_or_column_is_an_error(with_assessment: Path, csv: Path) -> None:
    edit(csv, "Otherham,500", "Testborough,500")
    edit(csv, "published_rank", "this_year")
    errors = _errors(with_assessment)
    assert any("crime.csv, line 1" in e and "'this_year' appears twice" in e for e in errors)
    assert any(
        "crime.csv, line 3" in e and "'Testborough' appears twice (first on line 2)" in e
        for e in errors
    )


@pytest.mark.parametrize("bad", ["5OO", "NaN", "inf", "1e400", "5_00"])
def test_a_count_that_is_not_a_number_is_an_error(
    with_assessment: Path, csv: Path, bad: str
) -> None:
    edit(csv, "Otherham,500,500", f"Otherham,{bad},500")
    (error,) = _errors(with_assessment)
    assert "crime.csv, line 3" in error
    assert f"row 'Otherham', column 'this_year': {bad!r} is not a number" in error


def test_population_must_be_positive(with_assessment: Path, csv: Path) -> None:
    edit(csv, "Otherham,500,500,8000", "Otherham,500,500,-8000")
    (error,) = _errors(with_assessment)
    assert "a population must be more than 0, not -8000" in error


def test_totals_need_their_count_columns(with_assessment: Path, crime: Path) -> None:
    edit(crime, "    counts: [this_year, last_year, population]\n", "")
    (error,) = _errors(with_assessment)
    assert "[tables.crime-by-district.totals]" in error and "counts: [column" in error


def test_totals_add_up_only_the_count_columns(with_assessment: Path, csv: Path) -> None:
    """A whole-number column that is not a count (here a published rate) is not summed."""
    edit(csv, "published_rank\n", "published_rank,rate_pub\n")
    for row, rate in (
        ("Testborough,900,1000,10000,-10.0,1", 90),
        ("Otherham,500,500,8000,0.0,2", 63),
        ("Zeroton,7,0,100,n/a,3", 70),
        ("County,1407,1500,18100,,", 78),
    ):
        edit(csv, row, f"{row},{rate}")
    assert _errors(with_assessment) == []
    from reportgen import read_year

    table = read_year(with_assessment).assessment.tables["crime-by-district"]
    assert table.find("County", "rate_pub").value == 78


def test_ragged_csv_row(with_assessment: Path, csv: Path) -> None:
    edit(csv, "Zeroton,7,0,100,n/a,3", "Zeroton,7,0,100,n/a")
    (error,) = _errors(with_assessment)
    assert "crime.csv, line 4" in error and "has 5 values but the first line names 6" in error


def test_a_failed_table_is_reported_once(with_assessment: Path, crime: Path) -> None:
    """References to a table whose definition is wrong do not add errors of their own."""
    edit(crime, "key: area", "key: aera")
    (error,) = _errors(with_assessment)
    assert "[tables.crime-by-district.key]" in error and "did you mean 'area'" in error


def test_chart_series_and_rows_must_exist(with_assessment: Path) -> None:
    trends = with_assessment / "assessment" / "trends.yaml"
    edit(trends, "series: [incidents]", "series: [incidnets]")
    (error,) = _errors(with_assessment)
    assert "[charts.asb-spc.series[1]]" in error and "did you mean 'incidents'" in error


def test_spc_needs_two_months(with_assessment: Path) -> None:
    data = with_assessment / "data" / "monthly-asb.csv"
    data.write_text("month,incidents\nApr 2016,310\n")
    (error,) = _errors(with_assessment)
    assert "an SPC chart needs at least two months" in error


def test_figures_are_cited_only_in_narrative(with_assessment: Path, crime: Path) -> None:
    edit(
        crime,
        "title: Crime by district & <area>",
        "title: Crime by district ([[crime-by-district | County | this_year]])",
    )
    (error,) = _errors(with_assessment)
    assert "[tables.crime-by-district.title]" in error
    assert "only in paragraphs, headings, lists and table cells" in error


def test_library_references_are_checked_only_where_used(minimal: Path) -> None:
    library = minimal.parent / "library" / "shared.yaml"
    library.write_text(library.read_text() + "unused:\n  about: x\n  text: '[[nowhere | a | b]]'\n")
    assert _errors(minimal) == []


def test_counts_can_be_written_in_yaml(with_assessment: Path, crime: Path) -> None:
    data = with_assessment / "data" / "types.yaml"
    data.write_text(
        "rows:\n  - {type: Violence, this_year: 880}\n  - {type: Theft, "
        "this_year: 27}\n  - {type: All crime, this_year: 907}\n"
    )
    edit(crime, "data: data/types.csv", "data: data/types.yaml")
    from reportgen import read_year

    table = read_year(with_assessment).assessment.tables["crime-types"]
    assert [row.cells for row in table.rows] == [
        ("Violence", "880"),
        ("Theft", "27"),
        ("All crime", "907"),
    ]


def test_a_yaml_row_with_other_columns_is_an_error(with_assessment: Path, crime: Path) -> None:
    data = with_assessment / "data" / "types.yaml"
    data.write_text(
        "rows:\n  - {type: Violence, this_year: 880}\n  - {type: Theft, thisyear: 27}\n"
    )
    edit(crime, "data: data/types.csv", "data: data/types.yaml")
    (error,) = _errors(with_assessment)
    assert "types.yaml, line 3" in error and "differ from the first row's" in error


def test_a_large_table_reads_each_column_once(
    with_assessment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Computing a table, and finding figures in it, is linear in its rows: each column's
    decimal places are worked out once (not again for every cell, which made 10,000 rows
    take minutes), and rows are found by name without a search."""
    from reportgen import read_year, types
    from reportgen.compute import figures

    count = 3000
    data = with_assessment / "data" / "types.csv"
    extra = "".join(f"Type {n},{n}.5\n" for n in range(count))
    data.write_text(data.read_text() + extra)
    calls = {"decimals_in": 0, "same_row_name": 0}

    def counted(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any) -> Any:
            calls[name] += 1
            return function(*args)

        return wrapper

    monkeypatch.setattr(figures, "decimals_in", counted("decimals_in", figures.decimals_in))
    table = read_year(with_assessment).assessment.tables["crime-types"]
    assert table.find("type 2999", "this_year").value == 2999.5
    assert table.find("  TYPE  17 ", "this_year").text == "17.5"
    assert calls["decimals_in"] <= 4 * count  # a few per cell at most, never per cell squared
    monkeypatch.setattr(types, "same_row_name", counted("same_row_name", types.same_row_name))
    for n in range(200):
        assert table.find(f"Type {n}", "this_year").value == n + 0.5
    assert calls["same_row_name"] <= count + 3 + 200  # each row's name once, then one a find
