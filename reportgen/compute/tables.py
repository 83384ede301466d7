"""Step 3 — compute a data table: every derived column (via
:mod:`reportgen.compute.figures`) from counts whose definition has been validated, each
figure kept with how it is printed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from reportgen.compute import figures
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
from reportgen.types import (
    Cell,
    ChapteredContent,
    ComputedTable,
    CsvTable,
    TableRow,
    TableSource,
)

C = TypeVar("C", bound=ChapteredContent)


def with_tables(content: C) -> C:
    """A document's content with every validated data table computed."""
    return replace(content, tables={name: compute_table(s) for name, s in content.sources.items()})


class _Calculator:
    """Computes one table's columns from its CSV rows (already checked)."""

    def __init__(self, spec: DataTable, data: CsvTable) -> None:
        self.spec, self.data = spec, data
        self.keys = [row[spec.key] for row in data.rows]
        self.raw = {
            (key, header): row.get(header, "")
            for key, row in zip(self.keys, data.rows, strict=True)
            for header in data.headers
        }
        self.values: dict[str, dict[str, float | None]] = {
            header: {key: figures.parse_number(self.raw[key, header]) for key in self.keys}
            for header in data.headers
        }
        self.unranked = {*spec.aggregates, *spec.totals}
        self._apply_totals()

    def _apply_totals(self) -> None:
        """Total rows are the sum of their rows (what the file says is checked later)."""
        for row, summed_rows in self.spec.totals.items():
            for header in self.spec.counts:
                summed = figures.total(self.values[header].get(part) for part in summed_rows)
                self.values[header][row] = summed

    def decimals(self, name: str) -> int:
        """Decimal places a column (by name or CSV column) is printed with."""
        return printed_decimals(self.spec, self.data, name)

    def compute(self, column: Column) -> dict[str, float | None]:
        if isinstance(column, ShowColumn):
            return self.values[column.show]
        if isinstance(column, DifferenceColumn | ChangeColumn | ShareColumn):
            operation = _OPERATIONS[type(column)]
            first, second = getattr(column, column_kind(column))
            first_values, second_values = self.values[first], self.values[second]
            return {key: operation(first_values[key], second_values[key]) for key in self.keys}
        if isinstance(column, RateColumn):
            counts, people = self.values[column.rate], self.values[column.population]
            return {key: figures.rate(counts[key], people[key], column.per) for key in self.keys}
        assert isinstance(column, RankColumn)
        basis = {
            key: value
            for key, value in self.values[column.rank].items()
            if key not in self.unranked
        }
        ranks = figures.ranking(basis, column.highest_first, self.decimals(column.rank))
        return {key: ranks.get(key) for key in self.keys}


_OPERATIONS: dict[type[Column], Callable[[float | None, float | None], float | None]] = {
    DifferenceColumn: figures.difference,
    ChangeColumn: figures.percent_change,
    ShareColumn: figures.share,
}


def column_decimals(column: Column, raw: list[str]) -> int:
    """How many decimal places a column is printed with — the one rule for the table, the
    ranking and the charts: as set, else 1 for % change, rates and shares, 0 for
    differences and ranks, and as many as the data has for shown columns."""
    if column.decimals is not None:
        return column.decimals
    if isinstance(column, ChangeColumn | RateColumn | ShareColumn):
        return 1
    if isinstance(column, ShowColumn):
        return _raw_decimals(raw)
    return 0


def printed_decimals(spec: DataTable, data: CsvTable, name: str) -> int:
    """Decimal places the column ``name`` (a column's name or a CSV column) is printed with."""
    for column in spec.columns:
        if column_name(column) == name:
            shown = (
                [row.get(column.show, "") for row in data.rows]
                if isinstance(column, ShowColumn)
                else []
            )
            return column_decimals(column, shown)
    return _raw_decimals([row.get(name, "") for row in data.rows])


def _raw_decimals(raw: list[str]) -> int:
    return max((figures.decimals_in(text) for text in raw), default=0)


def _printed(column: Column, value: float | None, decimals: int, raw: str) -> str:
    if isinstance(column, RankColumn):
        return "" if value is None else str(int(value))
    if value is None:
        return raw if isinstance(column, ShowColumn) else figures.format_number(None)
    signed = isinstance(column, ChangeColumn | DifferenceColumn)
    suffix = "%" if isinstance(column, ChangeColumn | ShareColumn) else ""
    text = figures.format_number(value, decimals, signed, suffix)
    if column.prefix:
        sign = text[0] if text[0] in "+-" else ""
        text = f"{sign}{column.prefix}{text.lstrip('+-')}"
    return text


def compute_table(source: TableSource) -> ComputedTable:
    """Every column of a validated table, computed, each figure with how it is printed."""
    name, spec = source.name, source.spec
    calculator = _Calculator(spec, source.data)
    computed: dict[str, dict[str, float | None]] = {}
    for column in sorted(spec.columns, key=lambda c: isinstance(c, RankColumn)):
        computed[column_name(column)] = calculator.compute(column)
        calculator.values.setdefault(column_name(column), computed[column_name(column)])
    return _assemble(name, spec, calculator, computed)


def _empty_table(name: str, spec: DataTable, data: CsvTable) -> ComputedTable:
    return ComputedTable(
        name,
        spec.title,
        tuple(c.heading for c in spec.columns),
        tuple(column_name(c) for c in spec.columns),
        tuple(False for _ in spec.columns),
        (),
        spec.note,
        source=data,
    )


def _assemble(
    name: str,
    spec: DataTable,
    calculator: _Calculator,
    computed: dict[str, dict[str, float | None]],
) -> ComputedTable:
    table = _empty_table(name, spec, calculator.data)
    decimals = {column_name(c): calculator.decimals(column_name(c)) for c in spec.columns}
    rows = []
    for key in calculator.keys:
        cells = []
        for column in spec.columns:
            label = column_name(column)
            raw = calculator.raw[key, column.show] if isinstance(column, ShowColumn) else ""
            cell = Cell(
                computed[label][key], _printed(column, computed[label][key], decimals[label], raw)
            )
            table.figures[key, label] = cell
            cells.append(cell.text)
        for header in calculator.data.headers:
            value = calculator.values[header].get(key)
            text = (
                calculator.raw[key, header]
                if value is None
                else figures.format_number(value, calculator.decimals(header))
            )
            table.figures.setdefault((key, header), Cell(value, text))
        rows.append(TableRow(key, tuple(cells), key in spec.indented, key in calculator.unranked))
    table.rows = tuple(rows)
    table.numeric = tuple(not isinstance(c, ShowColumn) or c.show != spec.key for c in spec.columns)
    return table
