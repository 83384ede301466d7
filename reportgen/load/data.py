"""A data table's counts as exported: a CSV file, or YAML with ``rows:``. Read as text,
cell by cell, with each row's line number; what the cells mean is decided later."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from reportgen.load.yaml import read_yaml
from reportgen.problems import Problem
from reportgen.types import CsvTable


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
