"""Figures cited in the narrative: ``[[table | row | column]]`` is replaced by the figure
as the table prints it, so text and tables cannot disagree; ``[[chapter | NAME]]`` by the
chapter's number; ``[[priorities | recommended | count]]`` ("five"), ``[[priorities |
recommended | list]]`` and ``[[priority | NAME | objective]]`` by what priorities.yaml
says. Resolved by reportgen itself, never by a template engine."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportgen.compute import figures
from reportgen.model.assessment import RESERVED_TABLE_NAMES
from reportgen.model.priorities import WORDINGS, Priorities, Wording
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
    def is_priorities(self) -> bool:
        """Whether it names priorities.yaml: ``priorities | LIST | count`` or ``list``, or
        ``priority | NAME | WORDING``."""
        return self.parts[0] in PRIORITY_REFERENCES

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


def resolve(
    text: str,
    tables: dict[str, ComputedTable],
    chapters: Chapters | None = None,
    priorities: Priorities | None = None,
) -> str:
    """Replace every ``[[table | row | column]]`` with the printed figure, every
    ``[[chapter | NAME]]`` with the chapter's number ("section 7", "Appendix 1"), and every
    ``[[priorities | …]]`` or ``[[priority | …]]`` with what priorities.yaml says."""
    return REFERENCE.sub(lambda match: cite(match.group(1), tables, chapters, priorities), text)


def cite(
    reference: str | Reference,
    tables: dict[str, ComputedTable],
    chapters: Chapters | None = None,
    priorities: Priorities | None = None,
) -> str:
    """The printed figure (or chapter number, or priorities) a reference names. Raises
    LookupError saying what is wrong."""
    parsed = Reference.parse(reference) if isinstance(reference, str) else reference
    if parsed.is_chapter:
        return _chapter(parsed.chapter, chapters)
    if parsed.is_priorities:
        return cite_priorities(parsed, priorities)
    if not parsed.is_figure:
        raise LookupError(
            "a reference is [[table | row | column]], optionally followed by "
            "| abs, | ordinal or | 0dp (decimal places); or [[chapter | NAME]]; or "
            "[[priorities | recommended | count]]"
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


PRIORITY_REFERENCES = RESERVED_TABLE_NAMES
"""A reference's first part naming priorities.yaml rather than a table."""
PRIORITY_LISTS = ("recommended", "last_year", "emerging_themes", "removed", "themes")
_IN_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def cite_priorities(reference: Reference, priorities: Priorities | None) -> str:
    """``priorities | LIST | count`` ("five": one to nine in words, then figures),
    ``priorities | LIST | list`` ("A, B and C"; recommended ones in a wording if a fourth
    part names one), or ``priority | NAME | WORDING``."""
    if priorities is None:
        raise LookupError("this year has no priorities.yaml to take the priorities from")
    if reference.table == "priority":
        return _priority_wording(reference, priorities)
    usage = "[[priorities | LIST | count]] or [[priorities | LIST | list]]"
    if len(reference.parts) not in (3, 4) or reference.parts[2] not in ("count", "list"):
        raise LookupError(f"a reference to the priorities is {usage}")
    which, what = reference.parts[1], reference.parts[2]
    if which not in PRIORITY_LISTS:
        raise LookupError(
            f"priorities.yaml has no list {which!r}; {suggest(which, PRIORITY_LISTS, 'lists')}"
        )
    wording = _wording(reference.parts[3]) if len(reference.parts) == 4 else "name"
    if wording != "name" and (what != "list" or which != "recommended"):
        raise LookupError("a wording can be chosen only for [[priorities | recommended | list]]")
    if wording != "name":
        _require_wording(priorities, wording)
    names = priorities.printed(which, wording)
    if what == "count":
        return _IN_WORDS[len(names)] if len(names) < len(_IN_WORDS) else str(len(names))
    if not names:
        raise LookupError(f"the list {which!r} in priorities.yaml is empty")
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _priority_wording(reference: Reference, priorities: Priorities) -> str:
    if len(reference.parts) != 3:
        raise LookupError("a reference to one priority is [[priority | NAME | WORDING]]")
    name, wording = reference.parts[1], _wording(reference.parts[2])
    priority = priorities.find(name)
    if priority is None:
        raise LookupError(
            f"{name!r} is not one of this year's recommended priorities; "
            f"{suggest(name, priorities.names)}"
        )
    text = priority.wording(wording)
    if text is None:
        raise LookupError(f"the priority {name!r} has no {wording}: in priorities.yaml")
    return text


def _wording(name: str) -> Wording:
    for wording in WORDINGS:
        if wording == name:
            return wording
    raise LookupError(f"a priority has no wording {name!r}; {suggest(name, WORDINGS, 'wordings')}")


def _require_wording(priorities: Priorities, wording: Wording) -> None:
    lacking = [p.priority for p in priorities.recommended if p.wording(wording) is None]
    if lacking:
        raise LookupError(
            f"{', '.join(repr(name) for name in lacking)} in priorities.yaml "
            f"{'has' if len(lacking) == 1 else 'have'} no {wording}:"
        )
