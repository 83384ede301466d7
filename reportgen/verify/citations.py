"""Every ``[[table | row | column]]`` and ``[[chapter | NAME]]`` in a file must name a
figure or chapter that exists, and may appear only in text that is printed as narrative
(paragraphs, headings, lists and table cells)."""

from __future__ import annotations

from reportgen.compute.references import REFERENCE, Reference, cite
from reportgen.load.yaml import text_values
from reportgen.model.priorities import Priorities
from reportgen.problems import Problem
from reportgen.types import Chapters, ComputedTable, FieldPath, YamlFile

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


def is_narrative(path: FieldPath) -> bool:
    """Whether a value at ``path`` is paragraph, list or text-table text, where figures can
    be cited (an indicator's baseline in a plan's table, say)."""
    if path and path[-1] in TEXT_FIELDS:
        return True
    if len(path) >= 2 and path[-1] in PLAN_FIELDS and _in_plan_block(path):
        return True
    if len(path) >= 4 and path[-4:-2] == ("grid", "rows"):
        return True
    return len(path) >= 2 and isinstance(path[-1], int) and path[-2] in LIST_FIELDS


def _in_plan_block(path: FieldPath) -> bool:
    return "action_plan" in path or "indicators" in path


def reference_problems(
    text: str,
    tables: dict[str, ComputedTable],
    failed: frozenset[str] = frozenset(),
    chapters: Chapters | None = None,
    priorities: Priorities | None = None,
) -> list[str]:
    """What is wrong with each reference in ``text`` (empty if all resolve). References to
    tables in ``failed``, or to the priorities when ``priorities`` is None (their own
    errors are reported already), are not checked."""
    problems = []
    for match in REFERENCE.finditer(text):
        parsed = Reference.parse(match.group(1))
        if parsed.table in failed or (parsed.is_priorities and priorities is None):
            continue
        try:
            cite(parsed, tables, chapters, priorities)
        except LookupError as error:
            problems.append(f"[[{match.group(1)}]]: {error.args[0]}")
    return problems


def citation_problems(
    file: YamlFile,
    tables: dict[str, ComputedTable],
    failed: frozenset[str] = frozenset(),
    within: FieldPath = (),
    chapters: Chapters | None = None,
    priorities: Priorities | None = None,
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
            for message in reference_problems(text, tables, failed, chapters, priorities)
        ]
    return problems
