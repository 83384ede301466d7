"""Figures cited in the narrative: ``[[table | row | column]]`` is replaced by the figure
as the table prints it, so text and tables cannot disagree. Resolved by reportgen itself,
never by a template engine."""

from __future__ import annotations

import re
from collections.abc import Callable

from reportgen import figures
from reportgen.load import YamlFile, text_values
from reportgen.problems import Problem, suggest
from reportgen.tables import Cell, ComputedTable, normal

REFERENCE = re.compile(r"\[\[([^\[\]]*)\]\]")
MODIFIERS = ("abs", "ordinal", "0dp", "1dp", "2dp")


Lookup = Callable[[str], str]


Chapters = dict[str, str]
"""A document's chapters and appendices by file name, as text refers to them: "section 7",
"Appendix 1"."""
CHAPTER = "chapter"


def resolve(text: str, tables: dict[str, ComputedTable], chapters: Chapters | None = None) -> str:
    """Replace every ``[[table | row | column]]`` with the printed figure, and every
    ``[[chapter | NAME]]`` with the chapter's number ("section 7", "Appendix 1")."""
    return REFERENCE.sub(lambda match: cite(match.group(1), tables, chapters), text)


def reference_problems(
    text: str,
    tables: dict[str, ComputedTable],
    failed: frozenset[str] = frozenset(),
    chapters: Chapters | None = None,
) -> list[str]:
    """What is wrong with each reference in ``text`` (empty if all resolve). References to
    tables in ``failed`` (whose own errors are reported already) are not checked."""
    problems = []
    for match in REFERENCE.finditer(text):
        if match.group(1).split("|")[0].strip() in failed:
            continue
        try:
            cite(match.group(1), tables, chapters)
        except LookupError as error:
            problems.append(f"[[{match.group(1)}]]: {error.args[0]}")
    return problems


TEXT_FIELDS = ("paragraph", "text", "heading")
PLAN_FIELDS = (
    "aim",
    "action",
    "outcomes",
    "lead",
    "indicator",
    "value",
    "note",
    "baseline",
    "comparison",
    "target",
)
"""Text of action plans and indicator tables, where figures can be cited too."""
LIST_FIELDS = ("bullets", "lettered", "numbered")


def is_narrative(path: tuple) -> bool:
    """Whether a value at ``path`` is paragraph, list or text-table text, where figures can
    be cited (an indicator's baseline in a plan's table, say)."""
    if path and path[-1] in TEXT_FIELDS:
        return True
    if len(path) >= 2 and path[-1] in PLAN_FIELDS and _in_plan_block(path):
        return True
    if len(path) >= 4 and path[-4:-2] == ("grid", "rows"):
        return True
    return len(path) >= 2 and isinstance(path[-1], int) and path[-2] in LIST_FIELDS


def _in_plan_block(path: tuple) -> bool:
    return "action_plan" in path or "indicators" in path


def citation_problems(
    file: YamlFile,
    tables: dict[str, ComputedTable],
    failed: frozenset[str] = frozenset(),
    within: tuple = (),
    chapters: Chapters | None = None,
) -> list[Problem]:
    """Every reference in ``file`` (or in its part at ``within``) must name a figure, and
    may appear only in paragraphs, lists and table cells."""
    problems = []
    for path, text in text_values(file.data):
        if path[: len(within)] != within or "[[" not in text:
            continue
        if not is_narrative(path):
            problems.append(
                file.problem(
                    path,
                    "figures can be cited with [[…]] only in "
                    "paragraphs, headings, lists and table cells; type it here.",
                )
            )
            continue
        problems += [
            file.problem(path, message)
            for message in reference_problems(text, tables, failed, chapters)
        ]
    return problems


def cite(reference: str, tables: dict[str, ComputedTable], chapters: Chapters | None = None) -> str:
    """The printed figure (or chapter number) a reference names. Raises LookupError saying
    what is wrong."""
    parts = [part.strip() for part in reference.split("|")]
    if len(parts) == 2 and parts[0] == CHAPTER:
        return _chapter(parts[1], chapters)
    if len(parts) < 3:
        raise LookupError(
            "a reference is [[table | row | column]], optionally followed by "
            "| abs, | ordinal or | 0dp (decimal places); or [[chapter | NAME]]"
        )
    cell = figure_at(reference, tables)
    modifiers = parts[3:]
    text = cell.text
    for modifier in [m for m in modifiers if m != "abs"]:
        text = _modified(cell, text, modifier)
    return text.lstrip("+-") if "abs" in modifiers else text


def figure_at(reference: str, tables: dict[str, ComputedTable]) -> Cell:
    """The figure ``table | row | column`` names. Raises LookupError saying what is wrong."""
    table_name, row, column = (part.strip() for part in reference.split("|")[:3])
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


def _modified(cell: Cell, text: str, modifier: str) -> str:
    """``abs``: without its sign; ``ordinal``: 6th; ``0dp``: rounded to 0 decimal places."""
    if modifier == "ordinal":
        if cell.value is None or not float(cell.value).is_integer() or cell.value < 1:
            raise LookupError("only a whole number such as a ranking can be given as 1st, 2nd …")
        return figures.ordinal(int(cell.value))
    if modifier in ("0dp", "1dp", "2dp"):
        if cell.value is None:
            return text
        signed, suffix = text.startswith("+"), "%" if text.endswith("%") else ""
        prefix = re.match(r"[+-]?(\D*)", text).group(1)  # e.g. £
        number = figures.format_number(cell.value, int(modifier[0]), signed, suffix)
        sign = number[0] if number[0] in "+-" else ""
        return f"{sign}{prefix}{number.lstrip('+-')}"
    raise LookupError(f"unknown ending {modifier!r}; {suggest(modifier, MODIFIERS)}")
