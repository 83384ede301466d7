"""Figures a data file says were published — a ``published:`` column, or the figure typed
in a total row — compared with the computed ones, allowing for rounding. A disagreement is
a warning naming the file, the line, the table, the row and the column."""

from __future__ import annotations

from reportgen.compute import figures
from reportgen.compute.tables import printed_decimals
from reportgen.model.assessment import Column, RankColumn, ShowColumn, column_name
from reportgen.problems import WARNING, Problem
from reportgen.types import Cell, ComputedTable, TableSource


def published_problems(source: TableSource, table: ComputedTable) -> list[Problem]:
    """Every published figure and total row of a table that disagrees with the data."""
    return _totals(source, table) + _published_columns(source, table)


def _warning(source: TableSource, key: str, message: str) -> Problem:
    keys = [row[source.spec.key] for row in source.data.rows]
    line = source.data.lines[keys.index(key)]
    return Problem(
        source.data.path, f"table {source.name!r}, row {key!r}: " + message, line, severity=WARNING
    )


def _raw(source: TableSource, key: str, header: str) -> str:
    return next(
        (row.get(header, "") for row in source.data.rows if row[source.spec.key] == key), ""
    )


def _totals(source: TableSource, table: ComputedTable) -> list[Problem]:
    problems = []
    for row, parts in source.spec.totals.items():
        for header in source.spec.counts:
            summed = table.figures[row, header].value
            given = _raw(source, row, header)
            if given and not figures.agrees(summed, given):
                problems.append(
                    _warning(
                        source,
                        row,
                        f"{header} is published as {given} but its rows "
                        f"({', '.join(parts)}) add up to {figures.format_number(summed)}.",
                    )
                )
    return problems


def _published_columns(source: TableSource, table: ComputedTable) -> list[Problem]:
    problems = []
    for column in source.spec.columns:
        if not column.published or isinstance(column, ShowColumn):
            continue
        for row in source.data.rows:
            key = row[source.spec.key]
            published = row.get(column.published, "").strip()
            if not published:
                continue  # nothing was published for this row
            cell = table.figures[key, column_name(column)]
            if not figures.agrees(cell.value, published):
                problems.append(
                    _warning(
                        source,
                        key,
                        f"column {column.heading!r} is published as {published} "
                        f"but the figures give {_why(source, table, column, key, cell)}.",
                    )
                )
    return problems


def _why(source: TableSource, table: ComputedTable, column: Column, key: str, cell: Cell) -> str:
    """The computed figure, and for a ranking the value it ranks by."""
    if isinstance(column, RankColumn) and cell.value is not None:
        basis = table.figures[key, column.rank].value
        decimals = printed_decimals(source.spec, source.data, column.rank)
        shown = figures.format_number(basis, decimals)
        return f"{figures.ordinal(int(cell.value))} (by {column.rank}: {shown})"
    return cell.text or "no figure"
