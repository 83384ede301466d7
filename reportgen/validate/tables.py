"""A data table's definition checked against its data file: the names it uses are in the
file, rows and headers are not repeated, and the cells it computes from are numbers."""

from __future__ import annotations

from collections.abc import Callable

from reportgen.load.data import shown
from reportgen.model.assessment import (
    ChangeColumn,
    Column,
    DataTable,
    DifferenceColumn,
    RankColumn,
    RateColumn,
    ShareColumn,
    ShowColumn,
    column_kind,
    column_name,
)
from reportgen.problems import Problem, suggest
from reportgen.types import CsvTable, FieldPath
from reportgen.validate import numbers

Place = Callable[[tuple, str], Problem]
"""Makes an error placed on a field of the table's definition in its chapter file."""


def definition_problems(spec: DataTable, data: CsvTable, place: Place) -> list[Problem]:
    """Everything wrong between a table's definition and its CSV file, all at once: names
    that are not in the file, repeated rows or columns, cells that should be numbers."""
    problems = _header_problems(data)
    if spec.key not in data.headers:
        return [
            *problems,
            place(
                ("key",),
                f"the column {spec.key!r} is not in {data.path.name}; "
                f"{suggest(spec.key, data.headers)}",
            ),
        ]
    keys = [row[spec.key] for row in data.rows]
    problems += _repeated_rows(data, keys)
    problems += _unknown_columns(spec, data, place)
    problems += _unknown_rows(spec, keys, place)
    problems += _unknown_known_differences(spec, keys, place)
    problems += _rates_per_too_many(spec, place)
    if spec.totals and not spec.counts:
        problems.append(
            place(("totals",), "say which columns the totals add up, with counts: [column, …]")
        )
    if not problems:
        problems += _not_numbers(spec, data)
    return problems


def _header_problems(data: CsvTable) -> list[Problem]:
    seen, problems = set(), []
    for header in data.headers:
        if header in seen:
            problems.append(
                Problem(
                    data.path,
                    f"the column {header!r} appears twice in the first line; rename one of them.",
                    1,
                )
            )
        seen.add(header)
    return problems


def _repeated_rows(data: CsvTable, keys: list[str]) -> list[Problem]:
    first: dict[str, int | None] = {}
    problems = []
    for key, line in zip(keys, data.lines, strict=True):
        if key in first:
            problems.append(
                Problem(
                    data.path,
                    f"the row {key!r} appears twice (first on line "
                    f"{first[key]}); each row needs its own name.",
                    line,
                )
            )
        first.setdefault(key, line)
    return problems


def _column_inputs(column: Column) -> dict[str, str]:
    """The CSV columns a column reads, by the field that names them."""
    if isinstance(column, ShowColumn):
        inputs = {"show": column.show}
    elif isinstance(column, DifferenceColumn | ChangeColumn | ShareColumn):
        field_name = column_kind(column)
        inputs = {
            f"{field_name}[{i + 1}]": name for i, name in enumerate(getattr(column, field_name))
        }
    elif isinstance(column, RateColumn):
        inputs = {"rate": column.rate, "population": column.population}
    else:
        inputs = {}
    if column.published:
        inputs["published"] = column.published
    return inputs


def _unknown_columns(spec: DataTable, data: CsvTable, place: Place) -> list[Problem]:
    problems = []
    names = {column_name(column) for column in spec.columns}
    for index, column in enumerate(spec.columns):
        wanted = dict(_column_inputs(column))
        for field_name, csv_column in wanted.items():
            if csv_column not in data.headers:
                problems.append(
                    place(
                        ("columns", index, field_name.split("[")[0]),
                        f"the column {csv_column!r} is not in {data.path.name}; "
                        f"{suggest(csv_column, data.headers)}",
                    )
                )
        if isinstance(column, RankColumn) and column.rank not in (*data.headers, *names):
            problems.append(
                place(
                    ("columns", index, "rank"),
                    f"there is no column {column.rank!r} to rank by; "
                    f"{suggest(column.rank, [*names, *data.headers])}",
                )
            )
    for index, count in enumerate(spec.counts):
        if count not in data.headers:
            problems.append(
                place(
                    ("counts", index),
                    f"the column {count!r} is not in "
                    f"{data.path.name}; "
                    f"{suggest(count, data.headers)}",
                )
            )
    return problems


MOST_PEOPLE_PER = 1_000_000_000
"""The largest ``per:`` a rate may have (a rate per a thousand million people)."""


def _rates_per_too_many(spec: DataTable, place: Place) -> list[Problem]:
    return [
        place(
            ("columns", index, "per"),
            f"a rate can be per at most {MOST_PEOPLE_PER:,} people (e.g. per: 1000 for a "
            "rate per 1,000 people); a larger figure cannot be computed with.",
        )
        for index, column in enumerate(spec.columns)
        if isinstance(column, RateColumn) and column.per > MOST_PEOPLE_PER
    ]


def _unknown_rows(spec: DataTable, keys: list[str], place: Place) -> list[Problem]:
    known = set(keys)
    named: list[tuple[FieldPath, str]] = [
        (("aggregates", i), row) for i, row in enumerate(spec.aggregates)
    ]
    named += [(("indented", i), row) for i, row in enumerate(spec.indented)]
    for total, parts in spec.totals.items():
        named.append((("totals", total), total))
        named += [(("totals", total, i), part) for i, part in enumerate(parts)]
    return [
        place(where, f"there is no row {row!r} in the data; {suggest(row, keys)}")
        for where, row in named
        if row not in known
    ]


def _unknown_known_differences(spec: DataTable, keys: list[str], place: Place) -> list[Problem]:
    """A known difference names a row of the data and a column with published figures (its
    name or heading), or for a total row a column of counts."""
    published = [
        name
        for column in spec.columns
        if column.published and not isinstance(column, ShowColumn)
        for name in (column_name(column), column.heading)
    ]
    problems = []
    for index, known in enumerate(spec.known_differences):
        where = ("known_differences", index)
        if known.row not in keys:
            message = f"there is no row {known.row!r} in the data; {suggest(known.row, keys)}"
            problems.append(place((*where, "row"), message))
            continue
        columns = [*published, *(spec.counts if known.row in spec.totals else [])]
        if known.column not in columns:
            what = "columns with published figures" + (
                " or counts" if known.row in spec.totals else ""
            )
            message = (
                f"there is no column {known.column!r} with published figures for row "
                f"{shown(known.row)}; {suggest(known.column, columns, what)}"
            )
            problems.append(place((*where, "column"), message))
    return problems


def _numeric_columns(spec: DataTable) -> set[str]:
    """CSV columns whose cells must be numbers (or blank, '*', '-', 'n/a')."""
    numeric = set(spec.counts)
    for column in spec.columns:
        if not isinstance(column, ShowColumn | RankColumn):
            numeric.update(v for k, v in _column_inputs(column).items() if k != "published")
    return numeric


def _not_numbers(spec: DataTable, data: CsvTable) -> list[Problem]:
    """Cells that cannot be computed with, each on its line: in a column of figures, text
    that is not a number, or a population that is not more than 0; in any column, a figure
    with more digits than can be computed exactly."""
    problems = []
    numeric = _numeric_columns(spec)
    populations = {c.population for c in spec.columns if isinstance(c, RateColumn)}
    for header in data.headers:
        texts = [row.get(header, "") for row in data.rows]
        if header in numeric:
            found = _column_figures(header, texts, header in populations)
        else:  # only a cell longer than the most digits can have too many
            found = [
                (index, message)
                for index, text in enumerate(texts)
                if len(text) > numbers.MOST_DIGITS and (message := _too_many_digits(header, text))
            ]
        problems += [
            Problem(data.path, f"row {shown(data.rows[i][spec.key])}{message}", data.lines[i])
            for i, message in found
        ]
    return problems


def _column_figures(header: str, texts: list[str], population: bool) -> list[tuple[int, str]]:
    """(row index, what is wrong) for each cell of a column of figures that is not one; what
    is wrong follows the row's name (``row 'Kent'``)."""
    wrong = {text: _figure_problem(header, text, population) for text in set(texts)}
    return [(index, wrong[text]) for index, text in enumerate(texts) if wrong[text]]


def _figure_problem(header: str, text: str, population: bool) -> str:
    """What is wrong with a cell of a column of figures ("" if nothing is)."""
    value = numbers.parse_number(text)
    if value is not None:
        return (
            f": a population must be more than 0, not {text}." if population and value <= 0 else ""
        )
    message = _too_many_digits(header, text)
    if message is None and text not in numbers.NOT_A_NUMBER:
        message = f", column {header!r}: {shown(text)} is not a number."
    return message or ""


def _too_many_digits(header: str, text: str) -> str | None:
    digits = numbers.digits_in(text)
    if digits <= numbers.MOST_DIGITS:
        return None
    return (
        f", column {header!r}: {shown(text)} has {digits} digits; a figure can have at most "
        f"{numbers.MOST_DIGITS} (counting those after the decimal point), as no more can be "
        "computed exactly."
    )
