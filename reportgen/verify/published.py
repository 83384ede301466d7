"""A data table's figures once computed: each must be small enough to print (a total of
huge counts, or a rate over a tiny population, may not be) — an error — and the figures a
data file says were published — a ``published:`` column, or the figure typed in a total
row — must agree with the computed ones, allowing for rounding — a warning, unless the
table's ``known_differences`` acknowledges that very difference (then a note, with its
reason). Each names the file, the line, the table, the row and the column."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from reportgen.compute import figures
from reportgen.compute.tables import printed_decimals
from reportgen.load.data import shown
from reportgen.model.assessment import (
    Column,
    KnownDifference,
    RankColumn,
    ShowColumn,
    column_name,
)
from reportgen.problems import ERROR, WARNING, Problem
from reportgen.types import Cell, ComputedTable, TableSource


def published_problems(source: TableSource, table: ComputedTable) -> list[Problem]:
    """Every figure of a table too large to print (an error), and every published figure
    and total row that disagrees with the data (a warning, or a note where acknowledged)."""
    rows = _Rows(source)
    found = _totals(source, table, rows) + _published_columns(source, table, rows)
    return _too_large(table, rows) + _acknowledged(source, found, rows)


@dataclass(frozen=True)
class _Difference:
    """A published figure that disagrees with the computed one."""

    row: str
    column: tuple[str, ...]
    """The names a known difference may give the column by: its name and heading, or
    for a total row the column of counts."""
    published: str
    computed: str
    message: str


def _acknowledged(source: TableSource, found: list[_Difference], rows: _Rows) -> list[Problem]:
    """Each difference as a warning, or as a note where a known difference gives the same
    row, column and figures; a known difference that matches nothing is a warning."""
    known = source.spec.known_differences
    problems, matched = [], set()
    for difference in found:
        problem = rows.problem(difference.row, difference.message)
        index = _known_index(known, difference)
        if index is None:
            problems.append(problem)
            continue
        matched.add(index)
        entry, where = known[index], _place(source, index)
        if (entry.published, entry.computed) == (difference.published, difference.computed):
            problems.append(problem.acknowledged(where, entry.reason))
        else:
            message = f"{problem.message} {where} {_changed(entry, difference)}"
            problems.append(replace(problem, message=message))
    problems += [
        source.file.problem(
            ("tables", source.name, "known_differences", index),
            f"row {shown(entry.row)}, column {entry.column!r}: the published figure now "
            "agrees with the computed one (or none is published), so there is no "
            "difference to acknowledge; remove this entry.",
            severity=WARNING,
        )
        for index, entry in enumerate(known)
        if index not in matched
    ]
    return problems


def _known_index(known: list[KnownDifference], difference: _Difference) -> int | None:
    """The known difference for the same row and column, if there is one."""
    for index, entry in enumerate(known):
        if entry.row == difference.row and entry.column in difference.column:
            return index
    return None


def _changed(entry: KnownDifference, difference: _Difference) -> str:
    return (
        f"acknowledges it as published {entry.published} and computed {entry.computed}, but the "
        "figures have changed: check them, then give published: "
        f"{difference.published} and computed: {difference.computed} there, or remove it."
    )


def _place(source: TableSource, index: int) -> str:
    """Where a known difference is written: "violent-crime.yaml, line 320"."""
    return source.file.place(("tables", source.name, "known_differences", index))


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


def _totals(source: TableSource, table: ComputedTable, rows: _Rows) -> list[_Difference]:
    found = []
    for row, parts in source.spec.totals.items():
        for header in source.spec.counts:
            summed = figures.format_number(table.figures[row, header].value)
            given = rows.raw(row, header).strip()
            if given and not figures.agrees(table.figures[row, header].value, given):
                message = (
                    f"{header} is published as {given} but its rows ({', '.join(parts)}) "
                    f"add up to {summed}."
                )
                found.append(_Difference(row, (header,), given, summed, message))
    return found


def _published_columns(source: TableSource, table: ComputedTable, rows: _Rows) -> list[_Difference]:
    found = []
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
                computed = _computed(column, cell)
                message = (
                    f"column {column.heading!r} is published as {published} but the figures "
                    f"give {computed}{_basis(table, column, key, cell, rows)}."
                )
                names = (label, column.heading)
                found.append(_Difference(key, names, published, computed, message))
    return found


def _computed(column: Column, cell: Cell) -> str:
    """The computed figure as printed; a ranking as an ordinal (7th)."""
    if isinstance(column, RankColumn) and cell.value is not None:
        return figures.ordinal(int(cell.value))
    return cell.text or "no figure"


def _basis(table: ComputedTable, column: Column, key: str, cell: Cell, rows: _Rows) -> str:
    """For a ranking, the value it ranks by: " (by rate_2015: 57.1)"."""
    if not isinstance(column, RankColumn) or cell.value is None:
        return ""
    basis = table.figures[key, column.rank].value
    return f" (by {column.rank}: {figures.format_number(basis, rows.decimals(column.rank))})"
