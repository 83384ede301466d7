"""A data table's counts as exported: a CSV file, or YAML with ``rows:``. Read as text,
cell by cell, with each row's line number; what the cells mean is decided later, but a
cell holding a character that cannot be printed (a control character such as NUL, a
broken character) is refused here, on its line and column."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.load.yaml import read_yaml
from reportgen.problems import Problem
from reportgen.types import CsvTable, YamlFile

if TYPE_CHECKING:
    from _csv import Reader as CsvReader

_NONCHARACTERS = r"\ufdd0-\ufdef" + "".join(
    rf"\U{plane:04x}fffe\U{plane:04x}ffff" for plane in range(17)
)
_UNPRINTABLE = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")
"""Characters no document can hold: control characters (tab and line breaks are allowed),
halves of a character (lone surrogates) and Unicode's noncharacters."""
_ASCII_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""The same, for text that is all ASCII (twenty times quicker to search)."""
_NAMED = {
    "\x00": "a NUL character (U+0000)",
    "\x0b": "a vertical tab (U+000B, how spreadsheets export a line break inside a cell)",
    "\x0c": "a page break (U+000C)",
    "\x7f": "a delete character (U+007F)",
}


def can_be_printed(text: str) -> bool:
    """Whether every character of ``text`` can be printed."""
    return (_ASCII_UNPRINTABLE if text.isascii() else _UNPRINTABLE).search(text) is None


def unprintable(text: str) -> str | None:
    """What in ``text`` cannot be printed, in words, or None if every character can be."""
    found = _UNPRINTABLE.findall(text)
    if not found:
        return None
    char, code = found[0], f"U+{ord(found[0]):04X}"
    if char in _NAMED:
        what = _NAMED[char]
    elif unicodedata.category(char) == "Cc":
        what = f"a control character ({code})"
    elif unicodedata.category(char) == "Cs":
        what = f"half of a character ({code}, a lone surrogate)"
    else:
        what = f"{code}, which is not a character"
    more = f" and {len(found) - 1} more like it" if len(found) > 1 else ""
    return f"{what}{more}"


def printable(text: str) -> str:
    """``text`` with every character that cannot be printed replaced by U+FFFD (�): for
    the steps that draw text, which ``check`` has already refused such text to."""
    return _UNPRINTABLE.sub("\ufffd", text)


def shown(text: str, most: int = 40) -> str:
    """``text`` quoted for a message, escapes for what cannot be printed, cut to ``most``
    characters."""
    return repr(text if len(text) <= most else text[: most - 1] + "\u2026")


def _cell_problem(header: str, cell: str) -> str | None:
    what = unprintable(cell)
    if what is None:
        return None
    return (
        f"column {shown(header)}: the value {shown(cell)} holds {what}, which cannot be "
        "printed; delete it or type the value again."
    )


def _header_problem(header: str) -> str | None:
    what = unprintable(header)
    if what is None:
        return None
    return f"the column name {shown(header)} holds {what}, which cannot be printed."


def _cell_problems(path: Path, row: dict[str, str], line: int) -> list[Problem]:
    """A problem for each cell of a row that holds a character that cannot be printed."""
    found = (_cell_problem(header, cell) for header, cell in row.items())
    return [Problem(path, message, line) for message in found if message]


def read_csv(path: Path) -> tuple[CsvTable | None, list[Problem]]:
    """Read a CSV file; every row must have as many fields as the header line, and every
    cell be printable."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return None, [Problem(path, "this data file does not exist.")]
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(path, f"this data file cannot be read ({error}).")]
    # one search of the whole file; cell by cell only if something is found
    return _read_rows(path, text, check_cells=not can_be_printed(text))


def _read_rows(path: Path, text: str, check_cells: bool) -> tuple[CsvTable | None, list[Problem]]:
    """The column names (the first line that is not blank), then each row as column: cell,
    spaces trimmed, in one pass over the file."""
    reader = csv.reader(io.StringIO(text))
    try:
        return _rows(path, reader, check_cells)
    except csv.Error as error:
        return None, [
            Problem(path, f"this data file cannot be read as CSV ({error}).", reader.line_num)
        ]


def _rows(
    path: Path, reader: CsvReader, check_cells: bool
) -> tuple[CsvTable | None, list[Problem]]:
    headers: list[str] = []
    rows, lines, problems = [], [], []
    for cells in reader:
        if not "".join(cells).strip():
            continue  # a blank line
        line = reader.line_num
        if not headers:
            headers = [header.strip() for header in cells]
            if check_cells:
                problems += [Problem(path, m, line) for m in map(_header_problem, headers) if m]
            continue
        if len(cells) != len(headers):
            problems.append(
                Problem(
                    path,
                    f"this row has {len(cells)} values but the first line names "
                    f"{len(headers)} columns.",
                    line,
                )
            )
        row = dict(zip(headers, map(str.strip, cells), strict=False))
        if check_cells:
            problems += _cell_problems(path, row, line)
        rows.append(row)
        lines.append(line)
    if not headers:
        return None, [
            Problem(path, "this data file is empty; its first line should name the columns.")
        ]
    return CsvTable(path, tuple(headers), tuple(rows), tuple(lines)), problems


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
            f"this row's columns ({', '.join(map(str, row))}) differ from "
            f"the first row's ({', '.join(map(str, headers))}).",
        )
        for i, row in enumerate(rows)
        if tuple(row) != headers
    ]
    lines = tuple((file.locate(("rows", i)) or (None, None))[0] for i in range(len(rows)))
    texts = tuple(
        {str(key): "" if value is None else str(value) for key, value in row.items()}
        for row in rows
    )
    problems += _yaml_characters(file, texts)
    problems += [
        file.problem(
            ("rows", index, key), "expected one value here, not a list or a set of fields."
        )
        for index, row in enumerate(rows)
        for key, value in row.items()
        if isinstance(value, list | dict)
    ]
    return CsvTable(path, tuple(map(str, headers)), texts, lines), problems


def _yaml_characters(file: YamlFile, rows: tuple[dict[str, str], ...]) -> list[Problem]:
    """Every cell (and column name) of YAML ``rows:`` holding a character that cannot be
    printed, placed on its line and column."""
    problems = []
    for index, row in enumerate(rows):
        for key, cell in row.items():
            named = _header_problem(key) if index == 0 else None  # once, not on every row
            message = named or _cell_problem(key, cell)
            if message:
                problems.append(file.problem(("rows", index, key), message))
    return problems


def read_data(path: Path) -> tuple[CsvTable | None, list[Problem]]:
    """A table's counts from a CSV file or, if it ends in .yaml, a YAML file."""
    if path.suffix in (".yaml", ".yml"):
        return read_yaml_rows(path)
    return read_csv(path)
