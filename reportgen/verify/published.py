"""A data table's figures once computed: each must be small enough to print (a total of
huge counts, or a rate over a tiny population, may not be) — an error — and the figures a
data file says were published — a ``published:`` column, or the figure typed in a total
row — must agree with the computed ones, allowing for rounding — a warning. Each names the
file, the line, the table, the row and the column."""

from __future__ import annotations

import math

from reportgen.compute import figures
from reportgen.compute.tables import printed_decimals
from reportgen.load.data import shown
from reportgen.model.assessment import Column, RankColumn, ShowColumn, column_name
from reportgen.problems import ERROR, WARNING, Problem
from reportgen.types import Cell, ComputedTable, TableSource


def published_problems(source: TableSource, table: ComputedTable) -> list[Problem]:
    """Every figure of a table too large to print (an error), and every published figure
    and total row that disagrees with the data (a warning)."""
    rows = _Rows(source)
    problems = _too_large(table, rows) + _totals(source, table, rows)
    return problems + _published_columns(source, table, rows)


class _Rows:
    """A table's data rows by name, with their lines, looked up without a search."""

    def __init__(self, source: TableSource) -> None:
        self.source = source
        key = source.spec.key
        self.cells = {row[key]: row for row in source.data.rows}
        self.lines = dict(zip(self.cells, source.data.lines, strict=True))
        self._decimals: dict[str, int] = {}

    def decimals(self, name: str) -> int:
        """Decimal places the column ``name`` is printed with (worked out once)."""
        if name not in self._decimals:
            self._decimals[name] = printed_decimals(self.source.spec, self.source.data, name)
        return self._decimals[name]

    def raw(self, key: str, header: str) -> str:
        return self.cells.get(key, {}).get(header, "")

    def problem(self, key: str, message: str, severity: str = WARNING) -> Problem:
        return Problem(
            self.source.data.path,
            f"table {self.source.name!r}, row {shown(key)}: " + message,
            self.lines.get(key),
            severity=severity,
        )


def _too_large(table: ComputedTable, rows: _Rows) -> list[Problem]:
    """Figures (computed ones and totals: a figure as typed is never so large) that are not
    finite or too large to print exactly."""
    return [
        rows.problem(key, _why_too_large(name, cell.value), ERROR)
        for (key, name), cell in table.figures.items()
        if cell.value is not None and not -figures.LARGEST < cell.value < figures.LARGEST
    ]


def _why_too_large(name: str, value: float) -> str:
    size = "cannot be computed" if not math.isfinite(value) else f"comes to {value:.3g}"
    return (
        f"the figure in column {name!r} {size}; every figure must be smaller than "
        f"{figures.LARGEST:,.0f} to be printed exactly. Check the figures it is computed "
        "from (for a rate, the population)."
    )


def _totals(source: TableSource, table: ComputedTable, rows: _Rows) -> list[Problem]:
    problems = []
    for row, parts in source.spec.totals.items():
        for header in source.spec.counts:
            summed = table.figures[row, header].value
            given = rows.raw(row, header)
            if given and not figures.agrees(summed, given):
                problems.append(
                    rows.problem(
                        row,
                        f"{header} is published as {given} but its rows "
                        f"({', '.join(parts)}) add up to {figures.format_number(summed)}.",
                    )
                )
    return problems


def _published_columns(source: TableSource, table: ComputedTable, rows: _Rows) -> list[Problem]:
    problems = []
    for column in source.spec.columns:
        if not column.published or isinstance(column, ShowColumn):
            continue
        label = column_name(column)
        for key, row in rows.cells.items():
            published = row.get(column.published, "").strip()
            if not published:
                continue  # nothing was published for this row
            cell = table.figures[key, label]
            if not figures.agrees(cell.value, published):
                why = _why(table, column, key, cell, rows)
                problems.append(
                    rows.problem(
                        key,
                        f"column {column.heading!r} is published as {published} "
                        f"but the figures give {why}.",
                    )
                )
    return problems


def _why(table: ComputedTable, column: Column, key: str, cell: Cell, rows: _Rows) -> str:
    """The computed figure, and for a ranking the value it ranks by."""
    if isinstance(column, RankColumn) and cell.value is not None:
        basis = table.figures[key, column.rank].value
        shown_basis = figures.format_number(basis, rows.decimals(column.rank))
        return f"{figures.ordinal(int(cell.value))} (by {column.rank}: {shown_basis})"
    return cell.text or "no figure"
