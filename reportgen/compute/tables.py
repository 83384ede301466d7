"""Step 3 — compute a data table: every derived column (via
:mod:`reportgen.compute.figures`) from counts whose definition has been validated, each
figure kept with how it is printed."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from itertools import repeat
from operator import attrgetter
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


Figures = list[float | None]
"""A column's figures, one for each row in order (None where there is no figure)."""


class _Calculator:
    """Computes one table's columns from its CSV rows (already checked), column by column,
    each column a list of figures in row order."""

    def __init__(self, spec: DataTable, data: CsvTable) -> None:
        self.spec, self.data = spec, data
        self.keys = [row[spec.key] for row in data.rows]
        self.position = {key: index for index, key in enumerate(self.keys)}
        self.raw = {header: [row.get(header, "") for row in data.rows] for header in data.headers}
        """Each CSV column's cells as typed, in row order."""
        self.values: dict[str, Figures] = {
            header: _parsed(texts) for header, texts in self.raw.items()
        }
        self.unranked = {*spec.aggregates, *spec.totals}
        self._decimals: dict[str, int] = {}
        self._apply_totals()

    def _apply_totals(self) -> None:
        """Total rows are the sum of their rows (what the file says is checked later)."""
        position = self.position
        for row, summed_rows in self.spec.totals.items():
            for header in self.spec.counts:
                column = self.values[header]
                parts = (column[position[p]] if p in position else None for p in summed_rows)
                column[position[row]] = figures.total(parts)

    def decimals(self, name: str) -> int:
        """Decimal places a column (by name or CSV column) is printed with (worked out
        once per column: it reads the whole column)."""
        if name not in self._decimals:
            self._decimals[name] = _printed_decimals(self.spec, name, self.cells)
        return self._decimals[name]

    def cells(self, header: str) -> list[str]:
        """The cells of a CSV column as typed (none for a name that is not a CSV column)."""
        return self.raw.get(header, [])

    def compute(self, column: Column) -> Figures:
        if isinstance(column, ShowColumn):
            return self.values[column.show]
        if isinstance(column, DifferenceColumn | ChangeColumn | ShareColumn):
            first, second = getattr(column, column_kind(column))
            operation = _OPERATIONS[type(column)]
            return list(map(operation, self.values[first], self.values[second]))
        if isinstance(column, RateColumn):
            counts, people = self.values[column.rate], self.values[column.population]
            return [figures.rate(c, p, column.per) for c, p in zip(counts, people, strict=True)]
        assert isinstance(column, RankColumn)
        basis = {
            key: value
            for key, value in zip(self.keys, self.values[column.rank], strict=True)
            if key not in self.unranked
        }
        ranks = figures.ranking(basis, column.highest_first, self.decimals(column.rank))
        return list(map(ranks.get, self.keys))


def _parsed(texts: list[str]) -> list[float | None]:
    """Each cell's figure (None where it is not a number), each distinct text read once."""
    known = {text: figures.parse_number(text) for text in set(texts)}
    return [known[text] for text in texts]


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
    return _printed_decimals(spec, name, lambda header: [row.get(header, "") for row in data.rows])


def _printed_decimals(spec: DataTable, name: str, cells: Callable[[str], list[str]]) -> int:
    """:func:`printed_decimals`, with the cells of a CSV column given by ``cells``."""
    for column in spec.columns:
        if column_name(column) == name:
            shown = cells(column.show) if isinstance(column, ShowColumn) else []
            return column_decimals(column, shown)
    return _raw_decimals(cells(name))


def _raw_decimals(raw: list[str]) -> int:
    """The most decimal places in a column as typed (no more than a figure can have)."""
    most = max(map(figures.decimals_in, set(raw)), default=0)
    return min(most, figures.MOST_DIGITS)


Printer = Callable[[float | None, str], str]
"""How one column prints a figure (its value, and the cell as typed)."""


def _printer(column: Column, decimals: int) -> Printer:
    """How ``column`` prints each of its figures: a rank as a whole number, a missing
    figure as typed (shown columns) or ``n/a``, the others rounded, signed for changes and
    differences, with % for changes and shares, and the column's prefix (e.g. £)."""
    if isinstance(column, RankColumn):
        return lambda value, raw: "" if value is None else str(int(value))
    shows_raw = isinstance(column, ShowColumn)
    signed = isinstance(column, ChangeColumn | DifferenceColumn)
    suffix = "%" if isinstance(column, ChangeColumn | ShareColumn) else ""
    prefix = column.prefix

    def printed(value: float | None, raw: str) -> str:
        if value is None:
            return raw if shows_raw else figures.format_number(None)
        text = figures.format_number(value, decimals, signed, suffix)
        if prefix:
            sign = text[0] if text[0] in "+-" else ""
            text = f"{sign}{prefix}{text.lstrip('+-')}"
        return text

    return printed


def compute_table(source: TableSource) -> ComputedTable:
    """Every column of a validated table, computed, each figure with how it is printed."""
    name, spec = source.name, source.spec
    with _collector_paused():
        calculator = _Calculator(spec, source.data)
        computed: dict[str, Figures] = {}
        for column in sorted(spec.columns, key=lambda c: isinstance(c, RankColumn)):
            computed[column_name(column)] = calculator.compute(column)
            calculator.values.setdefault(column_name(column), computed[column_name(column)])
        return _assemble(name, spec, calculator, computed)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a table is computed. Every figure made then
    lives on and none refers back to another, so there is nothing for it to find; left
    running, for 100,000 rows it would go over every object in memory again and again (a
    third of the time taken)."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


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
    computed: dict[str, Figures],
) -> ComputedTable:
    """The table laid out, column by column, and every figure by row and column: each
    column's, then each CSV column's that no column is named after."""
    table = _empty_table(name, spec, calculator.data)
    keys, no_text = calculator.keys, [""] * len(calculator.keys)
    printed_columns = []
    for column in spec.columns:
        label = column_name(column)
        raws = calculator.raw[column.show] if isinstance(column, ShowColumn) else no_text
        printer = _printer(column, calculator.decimals(label))
        cells = _cells(computed[label], raws, printer)
        table.figures.update(zip(zip(keys, repeat(label)), cells, strict=False))
        printed_columns.append(list(map(_text, cells)))
    labels = {column_name(column) for column in spec.columns}
    for header in calculator.data.headers:
        if header not in labels:
            printer = _csv_printer(calculator.decimals(header))
            cells = _cells(calculator.values[header], calculator.raw[header], printer)
            table.figures.update(zip(zip(keys, repeat(header)), cells, strict=False))
    indented, unranked = set(spec.indented), calculator.unranked
    rows = list(zip(*printed_columns, strict=True)) if printed_columns else [()] * len(keys)
    table.rows = tuple(
        TableRow(key, row, key in indented, key in unranked)
        for key, row in zip(keys, rows, strict=True)
    )
    table.numeric = tuple(not isinstance(c, ShowColumn) or c.show != spec.key for c in spec.columns)
    return table


_text = attrgetter("text")


def _csv_printer(decimals: int) -> Printer:
    """How a CSV column's figures are printed when cited by the CSV column's name: as the
    column's figures are, or as typed where a cell is not a number."""
    return lambda value, raw: raw if value is None else figures.format_number(value, decimals)


def _cells(values: Figures, raws: list[str], printer: Printer) -> list[Cell]:
    """A column's figures, each with how it is printed. A figure is printed (and kept) once
    however many rows have it: a :class:`Cell` never changes, so rows may share one."""
    # Each row's figure, or the text typed where there is none (a figure and a text never
    # equal each other); then one Cell for each of them.
    found = [raw if value is None else value for value, raw in zip(values, raws, strict=True)]
    cells = {
        figure: Cell(None, printer(None, figure))
        if isinstance(figure, str)
        else Cell(figure, printer(figure, ""))
        for figure in dict.fromkeys(found)
    }
    return list(map(cells.__getitem__, found))
