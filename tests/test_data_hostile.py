"""Hostile or unusual data files: what `check` passes, `build` builds. A cell with a
character no document can hold, or a figure that cannot be computed or printed, is an error
placed on its file and line in `check`, and `build` refuses with the same message, having
written nothing (not even a chart). Each case: the input, the exit code, the message, and
no output."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from reportgen.cli import cli
from reportgen.compute import figures
from reportgen.compute.charts import ChartData, ChartView
from reportgen.load import data as data_files
from reportgen.render.charts import draw_charts, picture_key
from reportgen.types import YamlFile
from tests.conftest import edit

FOUR_HUNDRED_DIGITS = "9" * 400


def _run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def _errors(result: Result) -> list[str]:
    """The placed error lines of a command's output."""
    return [line for line in result.output.splitlines() if " error: " in line]


def _refused_alike(year: Path, out: Path, *phrases: str) -> list[str]:
    """`check` and `build` both exit 1 with the same placed errors, containing
    ``phrases``, without a traceback; the build wrote nothing. Returns the errors."""
    checked = _run("check", year)
    assert checked.exit_code == 1, checked.output
    errors = _errors(checked)
    for phrase in phrases:
        assert any(phrase in error for error in errors), checked.output
    built = _run("build", year, "--out", out, "--format", "html,docx")
    assert built.exit_code == 1, built.output
    assert _errors(built) == errors
    for result in (checked, built):
        assert "failed unexpectedly" not in result.output
        assert "Traceback" not in result.output
    assert not out.exists() or not any(out.rglob("*")), sorted(out.rglob("*"))
    return errors


def _data(year: Path, name: str) -> Path:
    return year / "data" / name


@pytest.mark.parametrize(
    ("bad", "said"),
    [
        ("Jul\x00 2017", "holds a NUL character (U+0000)"),
        ("Jul\x0b 2017", "holds a vertical tab (U+000B"),
        ("Jul\x01 2017", "holds a control character (U+0001)"),
        ("Jul\x1b 2017", "holds a control character (U+001B)"),
        ("Jul\u0085 2017", "holds a control character (U+0085)"),
        ("Jul\ufffe 2017", "holds U+FFFE, which is not a character"),
    ],
)
def test_a_cell_that_cannot_be_printed(
    with_assessment: Path, tmp_path: Path, bad: str, said: str
) -> None:
    """The month names the chart's bars: before, the chart was drawn (and cached) and the
    Word document then failed with "failed unexpectedly"."""
    edit(_data(with_assessment, "monthly-asb.csv"), "Jul 2017", bad)
    (error,) = _refused_alike(with_assessment, tmp_path / "out", said)
    assert "monthly-asb.csv, line 17: error: column 'month': the value " in error
    assert repr(bad) in error and "delete it or type the value again" in error


def test_several_bad_characters_in_a_cell_are_counted(
    with_assessment: Path, tmp_path: Path
) -> None:
    edit(_data(with_assessment, "crime.csv"), "Otherham,500,500", "Otherham,5\x010\x0b0,500")
    (error,) = _refused_alike(with_assessment, tmp_path / "out", "crime.csv, line 3")
    assert "column 'this_year'" in error
    assert "a control character (U+0001) and 1 more like it" in error


def test_a_column_name_that_cannot_be_printed(with_assessment: Path, tmp_path: Path) -> None:
    edit(_data(with_assessment, "types.csv"), "type,this_year", "type,this\x7f_year")
    (error,) = _refused_alike(with_assessment, tmp_path / "out", "types.csv, line 1")
    assert "the column name 'this\\x7f_year' holds a delete character (U+007F)" in error


def test_a_csv_file_with_a_broken_character_is_not_read(
    with_assessment: Path, tmp_path: Path
) -> None:
    """A lone surrogate cannot be written in UTF-8: the file is refused as unreadable."""
    csv = _data(with_assessment, "types.csv")
    csv.write_bytes(csv.read_bytes().replace(b"Theft", b"The\xed\xb2\x80ft"))
    _refused_alike(with_assessment, tmp_path / "out", "types.csv: error: this data file cannot")


@pytest.mark.parametrize(
    ("cell", "said"),
    [
        (FOUR_HUNDRED_DIGITS, f"'{'9' * 39}…' has 400 digits; a figure can have at most 15"),
        ("1234567890123456", "'1234567890123456' has 16 digits"),
        ("0.0000000000000001", "'0.0000000000000001' has 16 digits"),
        ("1e400", "'1e400' is not a number"),
        ("inf", "'inf' is not a number"),
        ("NaN", "'NaN' is not a number"),
    ],
)
def test_a_count_that_cannot_be_computed(
    with_assessment: Path, tmp_path: Path, cell: str, said: str
) -> None:
    """A 400-digit count crashed `check` itself with an OverflowError."""
    edit(_data(with_assessment, "crime.csv"), "Otherham,500,500", f"Otherham,{cell},500")
    (error,) = _refused_alike(with_assessment, tmp_path / "out", said)
    assert "crime.csv, line 3: error: row 'Otherham', column 'this_year': " in error


def test_a_figure_with_too_many_digits_in_a_shown_column(
    with_assessment: Path, tmp_path: Path
) -> None:
    """The column is only shown (and charted), not computed from: it is still printed."""
    edit(_data(with_assessment, "monthly-asb.csv"), "Jul 2017,455", f"Jul 2017,{'4' * 400}")
    (error,) = _refused_alike(with_assessment, tmp_path / "out", "has 400 digits")
    assert "monthly-asb.csv, line 17: error: row 'Jul 2017', column 'incidents'" in error


@pytest.mark.parametrize("cell", ["1e400", "inf", "NaN", "lots"])
def test_a_charted_cell_that_is_not_a_number(
    with_assessment: Path, tmp_path: Path, cell: str
) -> None:
    """A shown column may hold text, but the chart of it cannot show that month."""
    edit(_data(with_assessment, "monthly-asb.csv"), "Jul 2017,455", f"Jul 2017,{cell}")
    (error,) = _refused_alike(with_assessment, tmp_path / "out", "[charts.asb-spc.series[1]]")
    assert "trends.yaml, line" in error
    assert (
        "the chart cannot show column 'incidents' of monthly-asb.csv where it is not a "
        f"number: row 'Jul 2017' holds {cell!r}."
    ) in error


def test_a_rate_over_a_tiny_population_is_too_large_to_print(
    with_assessment: Path, tmp_path: Path
) -> None:
    edit(
        _data(with_assessment, "crime.csv"),
        "Otherham,500,500,8000",
        "Otherham,500,500,0.00000000001",
    )
    (error,) = _refused_alike(with_assessment, tmp_path / "out", "crime.csv, line 3")
    assert "table 'crime-by-district', row 'Otherham': the figure in column 'rate'" in error
    assert "comes to 5e+16; every figure must be smaller than 1,000,000,000,000,000" in error


def test_a_total_too_large_to_print(with_assessment: Path, tmp_path: Path) -> None:
    csv = _data(with_assessment, "crime.csv")
    edit(csv, "Testborough,900,", "Testborough,999999999999999,")
    edit(csv, "Otherham,500,", "Otherham,999999999999999,")
    (error,) = _refused_alike(with_assessment, tmp_path / "out", "crime.csv, line 5")
    assert "row 'County': the figure in column 'this_year' comes to 2e+15" in error


def test_a_rate_per_too_many_people(with_assessment: Path, tmp_path: Path) -> None:
    edit(
        with_assessment / "assessment" / "crime.yaml",
        "population: population}",
        f"population: population, per: 1{'0' * 400}}}",
    )
    (error,) = _refused_alike(
        with_assessment, tmp_path / "out", "[tables.crime-by-district.columns[5].per]"
    )
    assert "a rate can be per at most 1,000,000,000 people" in error


def test_yaml_rows_holding_a_list(with_assessment: Path, tmp_path: Path) -> None:
    (with_assessment / "data" / "types.yaml").write_text(
        "rows:\n  - {type: Violence, this_year: 880}\n  - {type: Theft, this_year: [27]}\n"
        "  - {type: All crime, this_year: 907}\n"
    )
    edit(with_assessment / "assessment" / "crime.yaml", "data/types.csv", "data/types.yaml")
    (error,) = _refused_alike(with_assessment, tmp_path / "out", "[rows[2].this_year]")
    assert "types.yaml, line 3" in error and "expected one value here, not a list" in error


@pytest.mark.parametrize("escape", ["\\x01", "\\udc80", "\\uffff"])
def test_yaml_rows_with_an_escaped_character_that_cannot_be_printed(
    with_assessment: Path, tmp_path: Path, escape: str
) -> None:
    """Typed as an escape in double quotes (the only way into a UTF-8 file): refused,
    whichever step finds it first."""
    (with_assessment / "data" / "types.yaml").write_text(
        f'rows:\n  - {{type: Violence, this_year: 880}}\n  - {{type: "The{escape}ft", '
        "this_year: 27}\n  - {type: All crime, this_year: 907}\n"
    )
    edit(with_assessment / "assessment" / "crime.yaml", "data/types.csv", "data/types.yaml")
    _refused_alike(with_assessment, tmp_path / "out", "types.yaml, line 3")


def test_a_bad_yaml_value_reaching_the_data_code_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should the YAML reader ever let a lone surrogate or a control character through,
    reading the rows still refuses it, placed on its line and column."""
    path = tmp_path / "types.yaml"
    bad_name = "this\x01year"
    rows = [{"type": "Violence", bad_name: "880"}, {"type": "The\udc80ft", bad_name: "2"}]
    positions = {("rows", 0, bad_name): (2, 30), ("rows", 1, "type"): (3, 13)}
    loaded = YamlFile(path, {"rows": rows}, positions)
    monkeypatch.setattr(data_files, "read_yaml", lambda _: (loaded, []))
    _, problems = data_files.read_yaml_rows(path)
    assert [(p.line, p.column, p.message) for p in problems] == [
        (
            2,
            30,
            "the column name 'this\\x01year' holds a control character (U+0001), which "
            "cannot be printed.",
        ),
        (
            3,
            13,
            "column 'type': the value 'The\\udc80ft' holds half of a character (U+DC80, a "
            "lone surrogate), which cannot be printed; delete it or type the value again.",
        ),
    ]


def test_a_chart_never_draws_what_cannot_be_printed() -> None:
    """Whatever reaches the drawing (matplotlib raised TypeError on a lone surrogate, and
    read "$…$" as a formula), the chart is drawn."""
    chart = ChartData(
        "bar",
        "Title",
        "Month \x00",
        "Incidents \udc80",
        ("Jul\udc80 2017", "a $\\foo$ b"),
        ("Cost $5 to $10\x0b",),
        ((1.0, 2.0),),
    )
    pictures = draw_charts([ChartView("c", chart.title, "A chart.", chart)])
    picture = pictures[picture_key(chart)]
    assert picture.svg.startswith(b"<?xml") and picture.png.startswith(b"\x89PNG")


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan"), 1e300, 1e20, -1e16])
def test_figures_that_cannot_be_printed_never_crash_printing(value: float) -> None:
    printed = figures.format_number(value, 1, signed=True, suffix="%")
    assert isinstance(printed, str) and printed
    if not math.isfinite(value):
        assert printed == "n/a"
    else:
        assert printed.replace(",", "").startswith(("+", "-"))


def test_a_rate_that_overflows_is_infinite_for_verify_to_report() -> None:
    assert figures.rate(5, 1e-300, 10**400) == math.inf


def test_parse_number_refuses_what_cannot_be_computed() -> None:
    assert figures.parse_number(FOUR_HUNDRED_DIGITS) is None
    assert figures.parse_number("1" * 16) is None
    assert figures.parse_number("999,999,999,999,999") == 999_999_999_999_999
    assert figures.parse_number("0.00000000000001") == 1e-14
