"""Figures cited in the narrative: ``[[table | row | column]]`` is replaced by the figure
as the table prints it, so text and tables cannot disagree; ``[[chapter | NAME]]`` by the
chapter's number. Resolved by reportgen itself, never by a template engine."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportgen.compute import figures
from reportgen.problems import suggest
from reportgen.types import Cell, Chapters, ComputedTable, same_row_name

REFERENCE = re.compile(r"\[\[([^\[\]]*)\]\]")
"""A reference in text: ``[[`` and ``]]`` around its parts."""
ENDINGS = ("abs", "ordinal", "0dp", "1dp", "2dp")
"""What may follow a figure's column: without its sign, as 1st 2nd …, decimal places."""


@dataclass(frozen=True)
class Reference:
    """A reference as typed: ``table | row | column`` with optional endings (``| abs``),
    or ``chapter | NAME``, split into its parts (the one place a reference is split)."""

    parts: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> Reference:
        return cls(tuple(part.strip() for part in text.split("|")))

    @property
    def table(self) -> str:
        """The first part: a table's name (or ``chapter``)."""
        return self.parts[0]

    @property
    def is_chapter(self) -> bool:
        return len(self.parts) == 2 and self.parts[0] == "chapter"

    @property
    def is_figure(self) -> bool:
        """Whether it has the three parts a figure needs."""
        return len(self.parts) >= 3

    @property
    def chapter(self) -> str:
        """The chapter a ``chapter | NAME`` reference names."""
        return self.parts[1]

    @property
    def row(self) -> str:
        return self.parts[1]

    @property
    def column(self) -> str:
        return self.parts[2]

    @property
    def endings(self) -> tuple[str, ...]:
        """What follows the column: ``abs``, ``ordinal``, ``0dp`` …"""
        return self.parts[3:]

    def __str__(self) -> str:
        return " | ".join(self.parts)


def resolve(text: str, tables: dict[str, ComputedTable], chapters: Chapters | None = None) -> str:
    """Replace every ``[[table | row | column]]`` with the printed figure, and every
    ``[[chapter | NAME]]`` with the chapter's number ("section 7", "Appendix 1")."""
    return REFERENCE.sub(lambda match: cite(match.group(1), tables, chapters), text)


def cite(
    reference: str | Reference,
    tables: dict[str, ComputedTable],
    chapters: Chapters | None = None,
) -> str:
    """The printed figure (or chapter number) a reference names. Raises LookupError saying
    what is wrong."""
    parsed = Reference.parse(reference) if isinstance(reference, str) else reference
    if parsed.is_chapter:
        return _chapter(parsed.chapter, chapters)
    if not parsed.is_figure:
        raise LookupError(
            "a reference is [[table | row | column]], optionally followed by "
            "| abs, | ordinal or | 0dp (decimal places); or [[chapter | NAME]]"
        )
    cell = figure_at(parsed, tables)
    text = cell.text
    for ending in [e for e in parsed.endings if e != "abs"]:
        text = _with_ending(cell, text, ending)
    return text.lstrip("+-") if "abs" in parsed.endings else text


def figure_at(reference: str | Reference, tables: dict[str, ComputedTable]) -> Cell:
    """The figure ``table | row | column`` names. Raises LookupError saying what is wrong."""
    parsed = Reference.parse(reference) if isinstance(reference, str) else reference
    if parsed.table not in tables:
        raise LookupError(
            f"there is no table {parsed.table!r}; {suggest(parsed.table, tables, 'tables')}"
        )
    table = tables[parsed.table]
    cell = table.find(parsed.row, parsed.column)
    if cell is None:
        if same_row_name(parsed.row) not in {same_row_name(k) for k in table.row_keys()}:
            raise LookupError(
                f"table {parsed.table!r} has no row {parsed.row!r}; "
                f"{suggest(parsed.row, table.row_keys())}"
            )
        raise LookupError(
            f"table {parsed.table!r} has no column {parsed.column!r}; "
            f"{suggest(parsed.column, table.column_names())}"
        )
    return cell


def _chapter(name: str, chapters: Chapters | None) -> str:
    if chapters is None:
        raise LookupError(
            "[[chapter | NAME]] refers to a chapter of the same document, so it can be used "
            "only in the Strategic Assessment's and the plan's chapters"
        )
    if name not in chapters:
        raise LookupError(
            f"this document has no chapter or appendix {name!r}; "
            f"{suggest(name, chapters, 'chapters (file names without .yaml)')}"
        )
    return chapters[name]


def _with_ending(cell: Cell, text: str, ending: str) -> str:
    """``ordinal``: 6th; ``0dp``: rounded to 0 decimal places (``abs`` is applied last)."""
    if ending == "ordinal":
        if cell.value is None or not float(cell.value).is_integer() or cell.value < 1:
            raise LookupError("only a whole number such as a ranking can be given as 1st, 2nd …")
        return figures.ordinal(int(cell.value))
    if ending in ("0dp", "1dp", "2dp"):
        if cell.value is None:
            return text
        signed, suffix = text.startswith("+"), "%" if text.endswith("%") else ""
        prefix = re.match(r"[+-]?(\D*)", text)
        number = figures.format_number(cell.value, int(ending[0]), signed, suffix)
        sign = number[0] if number[0] in "+-" else ""
        return f"{sign}{prefix.group(1) if prefix else ''}{number.lstrip('+-')}"
    raise LookupError(f"unknown ending {ending!r}; {suggest(ending, ENDINGS)}")
