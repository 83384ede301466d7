"""A data table's definition checked against its data file: the names it uses are in the
file, rows and headers are not repeated, and the cells it computes from are numbers."""

from __future__ import annotations

from collections.abc import Callable

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


def _unknown_rows(spec: DataTable, keys: list[str], place: Place) -> list[Problem]:
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
        if row not in keys
    ]


def _numeric_columns(spec: DataTable) -> set[str]:
    """CSV columns whose cells must be numbers (or blank, '*', '-', 'n/a')."""
    numeric = set(spec.counts)
    for column in spec.columns:
        if not isinstance(column, ShowColumn | RankColumn):
            numeric.update(v for k, v in _column_inputs(column).items() if k != "published")
    return numeric


def _not_numbers(spec: DataTable, data: CsvTable) -> list[Problem]:
    problems = []
    populations = {c.population for c in spec.columns if isinstance(c, RateColumn)}
    for row, line in zip(data.rows, data.lines, strict=True):
        for header in sorted(_numeric_columns(spec)):
            text = row.get(header, "").strip()
            value = numbers.parse_number(text)
            if value is None and text not in numbers.NOT_A_NUMBER:
                problems.append(
                    Problem(
                        data.path,
                        f"row {row[spec.key]!r}, column {header!r}: {text!r} is not a number.",
                        line,
                    )
                )
            elif header in populations and value is not None and value <= 0:
                problems.append(
                    Problem(
                        data.path,
                        f"row {row[spec.key]!r}: a population must be more than 0, not {text}.",
                        line,
                    )
                )
    return problems
