"""Data tables: raw counts read from CSV, every derived column computed (via
:mod:`reportgen.figures`), published figures checked, and ``[[table | row | column]]``
references in the narrative resolved to the same printed figures.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from reportgen import figures
from reportgen.model.assessment import (
    ChangeColumn,
    Column,
    DataTable,
    DifferenceColumn,
    RankColumn,
    RateColumn,
    ShareColumn,
    ShowColumn,
)
from reportgen.problems import WARNING, Problem, suggest


@dataclass(frozen=True)
class CsvTable:
    """A CSV file as exported: headers, then rows of text, with each row's line number."""

    path: Path
    headers: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    lines: tuple[int, ...]


def read_csv(path: Path) -> tuple[CsvTable | None, list[Problem]]:
    """Read a CSV file; every row must have as many fields as the header line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return None, [Problem(path, "this data file does not exist.")]
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(path, f"this data file cannot be read ({error}).")]
    reader = csv.reader(io.StringIO(text))
    records = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    if not records:
        return None, [
            Problem(path, "this data file is empty; its first line should name the columns.")
        ]
    (_, headers), body = records[0], records[1:]
    headers = [header.strip() for header in headers]
    problems = [
        Problem(
            path,
            f"this row has {len(row)} values but the first line names {len(headers)} columns.",
            line,
        )
        for line, row in body
        if len(row) != len(headers)
    ]
    rows = tuple(
        dict(zip(headers, (cell.strip() for cell in row), strict=False)) for _, row in body
    )
    return CsvTable(path, tuple(headers), rows, tuple(line for line, _ in body)), problems


@dataclass(frozen=True)
class Cell:
    """A figure: its value (None if not a number) and how it is printed."""

    value: float | None
    text: str


@dataclass(frozen=True)
class TableRow:
    key: str
    cells: tuple[str, ...]
    indented: bool = False
    aggregate: bool = False


@dataclass
class ComputedTable:
    """A table ready to lay out, and every figure in it by row and column name."""

    name: str
    title: str
    headings: tuple[str, ...]
    names: tuple[str, ...]
    numeric: tuple[bool, ...]
    rows: tuple[TableRow, ...]
    note: str | None
    figures: dict[tuple[str, str], Cell] = field(default_factory=dict)

    def find(self, row: str, column: str) -> Cell | None:
        """The figure at ``row`` (case and spacing ignored) and ``column`` (a column name
        or a CSV column), or None."""
        wanted = normal(row)
        for (key, name), cell in self.figures.items():
            if normal(key) == wanted and name == column:
                return cell
        return None

    def row_keys(self) -> list[str]:
        return [row.key for row in self.rows]

    def column_names(self) -> list[str]:
        return sorted({name for _, name in self.figures})


def normal(text: str) -> str:
    return " ".join(text.lower().split())


def column_name(column: Column) -> str:
    """The name a column is cited by: its ``name``, else its CSV column or its kind."""
    if column.name:
        return column.name
    if isinstance(column, ShowColumn):
        return column.show
    return type(column).__name__.removesuffix("Column").lower()


class _Calculator:
    """Computes one table's columns from its CSV rows."""

    def __init__(self, name: str, spec: DataTable, data: CsvTable) -> None:
        self.name, self.spec, self.data = name, spec, data
        self.keys = [row.get(spec.key, "") for row in data.rows]
        self.raw = {
            (key, header): row.get(header, "")
            for key, row in zip(self.keys, data.rows, strict=True)
            for header in data.headers
        }
        self.values: dict[str, dict[str, float | None]] = {
            header: {key: figures.parse_number(self.raw[key, header]) for key in self.keys}
            for header in data.headers
        }
        self.problems: list[Problem] = []
        self._apply_totals()

    def _line(self, key: str) -> int | None:
        return self.data.lines[self.keys.index(key)] if key in self.keys else None

    def warn(self, key: str, message: str) -> None:
        self.problems.append(
            Problem(
                self.data.path,
                f"table {self.name!r}, row {key!r}: " + message,
                self._line(key),
                severity=WARNING,
            )
        )

    def _count_columns(self) -> list[str]:
        """CSV columns of counts (whole numbers in every row), which totals add up."""
        published = {column.published for column in self.spec.columns}
        return [
            header
            for header in self.data.headers
            if header not in published
            and header != self.spec.key
            and all(v is None or float(v).is_integer() for v in self.values[header].values())
            and any(v is not None for v in self.values[header].values())
        ]

    def _apply_totals(self) -> None:
        for row, parts in self.spec.totals.items():
            for header in self._count_columns():
                summed = figures.total(self.values[header].get(part) for part in parts)
                given = self.raw.get((row, header))
                if given and not figures.agrees(summed, given):
                    self.warn(
                        row,
                        f"{header} is published as {given} but its rows "
                        f"({', '.join(parts)}) add up to "
                        f"{figures.format_number(summed)}.",
                    )
                self.values[header][row] = summed

    def series(self, name: str) -> dict[str, float | None]:
        if name not in self.values:
            raise KeyError(name)
        return self.values[name]

    def compute(self, column: Column) -> dict[str, float | None]:
        if isinstance(column, ShowColumn):
            return self.series(column.show)
        if isinstance(column, DifferenceColumn | ChangeColumn | ShareColumn):
            pair = (
                column.difference
                if isinstance(column, DifferenceColumn)
                else (column.change if isinstance(column, ChangeColumn) else column.share)
            )
            operation = {
                DifferenceColumn: figures.difference,
                ChangeColumn: figures.percent_change,
                ShareColumn: figures.share,
            }[type(column)]
            first, second = self.series(pair[0]), self.series(pair[1])
            return {key: operation(first[key], second[key]) for key in self.keys}
        if isinstance(column, RateColumn):
            counts, people = self.series(column.rate), self.series(column.population)
            return {key: figures.rate(counts[key], people[key], column.per) for key in self.keys}
        assert isinstance(column, RankColumn)
        ranked = {
            key: value
            for key, value in self.series(column.rank).items()
            if key not in self.spec.aggregates
        }
        decimals = self._printed_decimals(column.rank)
        ranks = figures.ranking(ranked, column.highest_first, decimals)
        return {key: ranks.get(key) for key in self.keys}

    def _printed_decimals(self, name: str) -> int | None:
        for column in self.spec.columns:
            if column_name(column) == name or (
                isinstance(column, ShowColumn) and column.show == name
            ):
                return _decimals(column, self.values[name]) if name in self.values else None
        return None


def _decimals(column: Column, values: dict[str, float | None]) -> int:
    if column.decimals is not None:
        return column.decimals
    if isinstance(column, ChangeColumn | RateColumn | ShareColumn):
        return 1
    if isinstance(column, ShowColumn):
        return 0 if all(v is None or float(v).is_integer() for v in values.values()) else 1
    return 0


def _printed(column: Column, value: float | None, raw: str) -> str:
    decimals = column.decimals if column.decimals is not None else None
    if isinstance(column, ChangeColumn):
        return figures.format_number(value, 1 if decimals is None else decimals, True, "%")
    if isinstance(column, ShareColumn):
        return figures.format_number(value, 1 if decimals is None else decimals, suffix="%")
    if isinstance(column, DifferenceColumn):
        return figures.format_number(value, decimals or 0, signed=True)
    if isinstance(column, RankColumn):
        return "" if value is None else str(int(value))
    if value is None:
        return raw  # text, a suppressed "*" or "n/a", shown as supplied
    if isinstance(column, ShowColumn) and decimals is None:
        decimals = figures.decimals_in(raw) if "." in raw else 0
    return figures.format_number(value, decimals or (1 if isinstance(column, RateColumn) else 0))


def compute_table(
    name: str, spec: DataTable, data: CsvTable
) -> tuple[ComputedTable, list[Problem]]:
    """Compute every column of a table and check the published figures it carries."""
    calculator = _Calculator(name, spec, data)
    computed: dict[str, dict[str, float | None]] = {}
    for column in sorted(spec.columns, key=lambda c: isinstance(c, RankColumn)):
        try:
            computed[column_name(column)] = calculator.compute(column)
        except KeyError as missing:
            calculator.problems.append(
                Problem(
                    data.path,
                    f"table {name!r}: the column {missing.args[0]!r} is not in this "
                    f"file; {suggest(missing.args[0], data.headers)}",
                )
            )
            return _empty_table(name, spec), calculator.problems
        calculator.values.setdefault(column_name(column), computed[column_name(column)])
    table = _assemble(name, spec, calculator, computed)
    _check_published(calculator, spec, table)
    return table, calculator.problems


def _empty_table(name: str, spec: DataTable) -> ComputedTable:
    return ComputedTable(
        name,
        spec.title,
        tuple(c.heading for c in spec.columns),
        tuple(column_name(c) for c in spec.columns),
        tuple(False for _ in spec.columns),
        (),
        spec.note,
    )


def _assemble(
    name: str,
    spec: DataTable,
    calculator: _Calculator,
    computed: dict[str, dict[str, float | None]],
) -> ComputedTable:
    table = _empty_table(name, spec)
    rows = []
    for key in calculator.keys:
        cells = []
        for column in spec.columns:
            label = column_name(column)
            raw = (
                calculator.raw.get((key, column.show), "") if isinstance(column, ShowColumn) else ""
            )
            cell = Cell(computed[label][key], _printed(column, computed[label][key], raw))
            table.figures[key, label] = cell
            cells.append(cell.text if column is not spec.columns[0] or cell.text else key)
        for header in calculator.data.headers:
            value = calculator.values[header].get(key)
            table.figures.setdefault(
                (key, header),
                Cell(
                    value,
                    calculator.raw[key, header]
                    if value is None
                    else figures.format_number(
                        value, figures.decimals_in(calculator.raw[key, header])
                    ),
                ),
            )
        rows.append(TableRow(key, tuple(cells), key in spec.indented, key in spec.aggregates))
    table.rows = tuple(rows)
    table.numeric = tuple(not isinstance(c, ShowColumn) or c.show != spec.key for c in spec.columns)
    return table


def _check_published(calculator: _Calculator, spec: DataTable, table: ComputedTable) -> None:
    for column in spec.columns:
        if not column.published or isinstance(column, ShowColumn):
            continue
        for key in calculator.keys:
            published = calculator.raw.get((key, column.published))
            cell = table.figures[key, column_name(column)]
            if published is None or (published == "" and cell.value is None):
                continue
            if not figures.agrees(cell.value, published):
                calculator.warn(
                    key,
                    f"column {column.heading!r} is published as "
                    f"{published or 'blank'} but the figures give "
                    f"{_why(calculator, column, key, cell)}.",
                )


def _why(calculator: _Calculator, column: Column, key: str, cell: Cell) -> str:
    """The computed figure, and for a ranking the value it ranks by."""
    if isinstance(column, RankColumn) and cell.value is not None:
        basis = calculator.values[column.rank][key]
        return (
            f"{figures.ordinal(int(cell.value))} (by {column.rank}: "
            f"{figures.format_number(basis, 0 if float(basis).is_integer() else 1)})"
        )
    return cell.text
