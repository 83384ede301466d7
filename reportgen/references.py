"""Figures cited in the narrative: ``[[table | row | column]]`` is replaced by the figure
as the table prints it, so text and tables cannot disagree. Resolved by reportgen itself,
never by a template engine."""

from __future__ import annotations

import re
from collections.abc import Callable

from reportgen import figures
from reportgen.problems import suggest
from reportgen.tables import Cell, ComputedTable, normal

REFERENCE = re.compile(r"\[\[([^\[\]]*)\]\]")
MODIFIERS = ("abs", "ordinal", "0dp", "1dp", "2dp")


Lookup = Callable[[str], str]


def resolve(text: str, tables: dict[str, ComputedTable]) -> str:
    """Replace every ``[[table | row | column]]`` with the printed figure."""
    return REFERENCE.sub(lambda match: cite(match.group(1), tables), text)


def reference_problems(text: str, tables: dict[str, ComputedTable]) -> list[str]:
    """What is wrong with each reference in ``text`` (empty if all resolve)."""
    problems = []
    for match in REFERENCE.finditer(text):
        try:
            cite(match.group(1), tables)
        except LookupError as error:
            problems.append(f"[[{match.group(1)}]]: {error.args[0]}")
    return problems


def cite(reference: str, tables: dict[str, ComputedTable]) -> str:
    """The printed figure a reference names. Raises LookupError saying what is wrong."""
    parts = [part.strip() for part in reference.split("|")]
    if len(parts) < 3:
        raise LookupError(
            "a reference is [[table | row | column]], optionally followed by "
            "| abs, | ordinal or | 0dp (decimal places)"
        )
    table_name, row, column = parts[:3]
    if table_name not in tables:
        raise LookupError(
            f"there is no table {table_name!r}; {suggest(table_name, tables, 'tables')}"
        )
    table = tables[table_name]
    cell = table.find(row, column)
    if cell is None:
        if normal(row) not in {normal(k) for k in table.row_keys()}:
            raise LookupError(
                f"table {table_name!r} has no row {row!r}; {suggest(row, table.row_keys())}"
            )
        raise LookupError(
            f"table {table_name!r} has no column {column!r}; "
            f"{suggest(column, table.column_names())}"
        )
    text = cell.text
    for modifier in parts[3:]:
        text = _modified(cell, text, modifier)
    return text


def _modified(cell: Cell, text: str, modifier: str) -> str:
    """``abs``: without its sign; ``ordinal``: 6th; ``0dp``: rounded to 0 decimal places."""
    if modifier == "abs":
        return text.lstrip("+-")
    if modifier == "ordinal":
        if cell.value is None:
            raise LookupError("this figure has no value to give as 1st, 2nd …")
        return figures.ordinal(int(cell.value))
    if modifier in ("0dp", "1dp", "2dp"):
        if cell.value is None:
            return text
        signed, suffix = text.startswith("+"), "%" if text.endswith("%") else ""
        return figures.format_number(cell.value, int(modifier[0]), signed, suffix)
    raise LookupError(f"unknown ending {modifier!r}; {suggest(modifier, MODIFIERS)}")
