"""Data tables: raw counts read from CSV, every derived column computed (via
:mod:`reportgen.figures`), published figures checked, and ``[[table | row | column]]``
references in the narrative resolved to the same printed figures.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportgen import figures
from reportgen.load import read_yaml
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
    try:
        records = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as error:
        return None, [
            Problem(path, f"this data file cannot be read as CSV ({error}).", reader.line_num)
        ]
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


def read_yaml_rows(path: Path) -> tuple[CsvTable | None, list[Problem]]:
    """Counts written in YAML instead of CSV: ``rows:``, a list of rows, each a set of
    ``column: value`` fields. Read like a CSV file (columns from the first row)."""
    file, problems = read_yaml(path)
    if problems or file.data is None:
        return None, problems or [Problem(path, "this data file is empty.")]
    rows = file.data.get("rows") if isinstance(file.data, dict) else None
    if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
        return None, [
            file.problem((), "expected rows: then one item per row, each with column: value lines.")
        ]
    headers = tuple(rows[0])
    problems = [
        file.problem(
            ("rows", i),
            f"this row's columns ({', '.join(row)}) differ from "
            f"the first row's ({', '.join(headers)}).",
        )
        for i, row in enumerate(rows)
        if tuple(row) != headers
    ]
    lines = tuple((file.locate(("rows", i)) or (None, None))[0] for i in range(len(rows)))
    texts = tuple(
        {key: "" if value is None else str(value) for key, value in row.items()} for row in rows
    )
    return CsvTable(path, headers, texts, lines), problems


def read_data(path: Path) -> tuple[CsvTable | None, list[Problem]]:
    """A table's counts from a CSV file or, if it ends in .yaml, a YAML file."""
    if path.suffix in (".yaml", ".yml"):
        return read_yaml_rows(path)
    return read_csv(path)


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
    span: int = 1
    """How many rows the first cell covers: 1, or more for the first row of a group (an
    aim and its actions); 0 for the rows below it that it covers."""


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
    return column_kind(column)


def column_kind(column: Column) -> str:
    """The kind of a column, which is also the name of its defining field: show, change …"""
    return type(column).__name__.removesuffix("Column").lower()


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
    first: dict[str, int] = {}
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
    named = [(("aggregates", i), row) for i, row in enumerate(spec.aggregates)]
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
            value = figures.parse_number(text)
            if value is None and text not in figures.NOT_A_NUMBER:
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


class _Calculator:
    """Computes one table's columns from its CSV rows (already checked)."""

    def __init__(self, name: str, spec: DataTable, data: CsvTable) -> None:
        self.name, self.spec, self.data = name, spec, data
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
        self.problems: list[Problem] = []
        self._apply_totals()

    def warn(self, key: str, message: str) -> None:
        line = self.data.lines[self.keys.index(key)]
        self.problems.append(
            Problem(
                self.data.path,
                f"table {self.name!r}, row {key!r}: " + message,
                line,
                severity=WARNING,
            )
        )

    def _apply_totals(self) -> None:
        for row, parts in self.spec.totals.items():
            for header in self.spec.counts:
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

    def decimals(self, name: str) -> int:
        """Decimal places a column (by name or CSV column) is printed with."""
        for column in self.spec.columns:
            if column_name(column) == name:
                return column_decimals(column, self._raw_column(column))
        return _raw_decimals([self.raw[key, name] for key in self.keys])

    def _raw_column(self, column: Column) -> list[str]:
        if isinstance(column, ShowColumn):
            return [self.raw[key, column.show] for key in self.keys]
        return []

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


_OPERATIONS = {
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


def compute_table(
    name: str, spec: DataTable, data: CsvTable, place: Place
) -> tuple[ComputedTable | None, list[Problem]]:
    """Compute every column of a table and check the published figures it carries.
    Returns no table when its definition and data do not fit together (the errors say why)."""
    problems = definition_problems(spec, data, place)
    if problems:
        return None, problems
    calculator = _Calculator(name, spec, data)
    computed: dict[str, dict[str, float | None]] = {}
    for column in sorted(spec.columns, key=lambda c: isinstance(c, RankColumn)):
        computed[column_name(column)] = calculator.compute(column)
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


def _check_published(calculator: _Calculator, spec: DataTable, table: ComputedTable) -> None:
    for column in spec.columns:
        if not column.published or isinstance(column, ShowColumn):
            continue
        for key in calculator.keys:
            published = calculator.raw[key, column.published].strip()
            if not published:
                continue  # nothing was published for this row
            cell = table.figures[key, column_name(column)]
            if not figures.agrees(cell.value, published):
                calculator.warn(
                    key,
                    f"column {column.heading!r} is published as {published} "
                    f"but the figures give {_why(calculator, column, key, cell)}.",
                )


def _why(calculator: _Calculator, column: Column, key: str, cell: Cell) -> str:
    """The computed figure, and for a ranking the value it ranks by."""
    if isinstance(column, RankColumn) and cell.value is not None:
        basis = calculator.values[column.rank][key]
        shown = figures.format_number(basis, calculator.decimals(column.rank))
        return f"{figures.ordinal(int(cell.value))} (by {column.rank}: {shown})"
    return cell.text or "no figure"
