"""Priorities are written once, in priorities.yaml: leads, cross-cutting themes and the
plan's action plans and indicators that name one again must name this year's recommended
priorities, and a list or table of them must not be empty. Blocks that belong to the plan
alone are refused elsewhere."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from reportgen.load.yaml import named_values
from reportgen.model import Priorities, PriorityList
from reportgen.model.base import Content
from reportgen.model.plan_blocks import ActionPlan, ContactList, Indicators
from reportgen.model.priorities import Restatement
from reportgen.model.text import Glossary, PriorityTable
from reportgen.problems import WARNING, Problem, suggest
from reportgen.types import FieldPath, PlanContent, YamlFile


def priorities_restated(
    file: YamlFile, priorities: Priorities | None, plan: PlanContent | None
) -> list[Problem]:
    """Leads, cross-cutting themes and action plans must name this year's recommended
    priorities. A restatement that contradicts the source is reported (as a warning: the
    published plans carry some) naming both places; one of a removed priority that its
    ``still_named`` acknowledges is a note, with the reason."""
    if priorities is None:
        return []
    named: list[tuple[YamlFile, FieldPath, str, Restatement]] = [
        (file, ("leads", i, "priority"), lead.priority, "lead")
        for i, lead in enumerate(priorities.leads)
    ]
    named += [
        (file, ("themes", i, "priorities", j), name, "matrix")
        for i, theme in enumerate(priorities.themes)
        for j, name in enumerate(theme.priorities or [])
    ]
    named += [
        (part.file, path, name, RESTATED_IN[path[-2]])
        for part in (plan.parts if plan else [])
        for path, name in named_values(part.file.data, "priority")
        if len(path) >= 2 and path[-2] in RESTATED_IN
    ]
    restated = [item for item in named if item[2] not in priorities.names]
    problems = [
        _acknowledged(
            where.problem(path, not_a_priority(name, WHAT[kind], priorities, file), WARNING),
            file,
            priorities,
            name,
            kind,
        )
        for where, path, name, kind in restated
    ]
    return problems + _no_longer_named(file, priorities, {(n, k) for _, _, n, k in restated})


RESTATED_IN: dict[str, Restatement] = {
    "grid": "action plan",
    "action_plan": "action plan",
    "indicators": "indicators",
}
"""The plan's blocks that name a priority again, and what they are."""

WHAT: dict[Restatement, str] = {
    "lead": "has a lead",
    "matrix": "is a matrix column",
    "action plan": "has an action plan",
    "indicators": "has indicators",
}
"""How a report of a restatement reads."""


def _acknowledged(
    problem: Problem, file: YamlFile, priorities: Priorities, name: str, kind: Restatement
) -> Problem:
    """The warning as a note if the removed priority's ``still_named`` lists ``kind``."""
    for index, removed in enumerate(priorities.removed):
        if removed.priority == name and removed.still_named and kind in removed.still_named.by:
            where = file.place(("removed", index, "still_named"))
            return problem.acknowledged(where, removed.still_named.reason)
    return problem


def _no_longer_named(
    file: YamlFile, priorities: Priorities, restated: set[tuple[str, Restatement]]
) -> list[Problem]:
    """A warning for each ``still_named`` entry that nothing names the priority by now."""
    return [
        file.problem(
            ("removed", index, "still_named", "by", at),
            f"{removed.priority!r} has no {kind.replace('matrix', 'matrix column')} now, so "
            f"there is nothing to acknowledge; remove {kind!r} from still_named.",
            WARNING,
        )
        for index, removed in enumerate(priorities.removed)
        if removed.still_named
        for at, kind in enumerate(removed.still_named.by)
        if (removed.priority, kind) not in restated
    ]


def not_a_priority(name: str, what: str, priorities: Priorities, file: YamlFile) -> str:
    removed = next((i for i, r in enumerate(priorities.removed) if r.priority == name), None)
    if removed is not None:
        where = file.place(("removed", removed))
        return f"{name!r} {what} but was removed as a priority ({where}, removed)"
    return (
        f"{name!r} {what} but is not one of this year's recommended priorities "
        f"({file.place(('recommended',))}, recommended); "
        f"{suggest(name, priorities.names)}"
    )


def empty_priority_lists(
    texts: Sequence[tuple[YamlFile, Content | None]], priorities: Priorities | None
) -> list[Problem]:
    """``- priorities: NAME`` must not print a list priorities.yaml leaves out or leaves
    empty, nor ``- priority_table:`` an empty table (a list nothing prints may be left out);
    blocks that belong to the plan must be in the plan."""
    if priorities is None:
        return []
    problems = []
    for file, content in texts:
        problems += [
            file.problem((*path, "priorities"), _list_missing(file, block.priorities, priorities))
            for path, block in _blocks_of(content, PriorityList)
            if not getattr(priorities, block.priorities)
        ]
        problems += [
            file.problem((*path, "wording"), _wording_missing(file, block, priorities))
            for path, block in _blocks_of(content, PriorityList)
            if _lacking(block, priorities)
        ]
        for path, block in _blocks_of(content, PriorityTable):
            field_name = "leads" if block.priority_table == "leads" else "themes"
            if not getattr(priorities, field_name):
                problems.append(
                    file.problem(
                        (*path, "priority_table"),
                        f"{document_of(file)} shows a table of the priorities' {field_name} "
                        f"here, but {priorities_file(file)} has no {field_name}, so this "
                        f"table would be empty; add {field_name}: to "
                        f"{priorities_file(file)} or remove this item.",
                    )
                )
        if file.path.parent.name != "plan":
            problems += [
                file.problem(
                    (*path, kind),
                    f"{what} can only be in the Community Safety Plan (plan/).",
                )
                for block_type, kind, what in PLAN_ONLY
                for path, _ in _blocks_of(content, block_type)
            ]
    return problems


def _lacking(block: PriorityList, priorities: Priorities) -> list[str]:
    """The recommended priorities without the wording a list asks for."""
    if block.priorities != "recommended" or block.wording == "name":
        return []
    return [p.priority for p in priorities.recommended if p.wording(block.wording) is None]


def _wording_missing(file: YamlFile, block: PriorityList, priorities: Priorities) -> str:
    lacking = _lacking(block, priorities)
    names = ", ".join(repr(name) for name in lacking)
    return (
        f"this list prints each recommended priority's {block.wording}, but {names} in "
        f"{priorities_file(file)} {'has' if len(lacking) == 1 else 'have'} no "
        f"{block.wording}:; add one, or remove wording: to print the names."
    )


def _list_missing(file: YamlFile, name: str, priorities: Priorities) -> str:
    """Why ``- priorities: NAME`` has nothing to show: the list is left out of
    priorities.yaml, or is there but empty."""
    source = priorities_file(file)
    shown = f"{document_of(file)} shows the list {name!r} here, but the list {name!r} in "
    if name not in priorities.model_fields_set:
        return (
            f"{shown}priorities.yaml is empty ({source} has no {name}:), so there is nothing "
            f"to show; add {name}: to {source} with the priorities to show, or remove this item."
        )
    return (
        f"{shown}priorities.yaml is empty, so there is nothing to show; add priorities to it "
        f"in {source} or remove this item."
    )


def document_of(file: YamlFile) -> str:
    """The document a content file belongs to, and the file, as a message names them."""
    if file.path.name == "library.yaml":
        return "A shared text in library.yaml"
    return f"{document_name(file)} ({file.path.name})"


def document_name(file: YamlFile) -> str:
    """The document a content file belongs to, e.g. "The Community Safety Plan"."""
    folder = file.path.parent.name
    if folder == "plan":
        return "The Community Safety Plan"
    if folder == "assessment":
        return "The Strategic Assessment"
    return "The committee report"


def priorities_file(file: YamlFile) -> str:
    """The year's priorities.yaml as a message names it, e.g. 2018-19/priorities.yaml (not
    the plan's chapter of the same name)."""
    year = file.path.parent
    if year.name in ("plan", "assessment"):
        year = year.parent
    return f"{year.name}/priorities.yaml"


PLAN_ONLY = (
    (Glossary, "glossary", "a glossary of the acronyms used"),
    (ActionPlan, "action_plan", "an action plan"),
    (Indicators, "indicators", "an indicators table"),
    (ContactList, "contacts", "a list of contacts"),
)
"""Blocks that belong to the plan alone (their figures are checked with the plan's)."""


def _blocks_of(value: object, kind: type, path: FieldPath = ()) -> list[tuple[FieldPath, Any]]:
    """Every block of ``kind`` inside a validated model, with its path in the file."""
    if isinstance(value, kind):
        return [(path, value)]
    if isinstance(value, list | tuple):
        return [
            found for i, item in enumerate(value) for found in _blocks_of(item, kind, (*path, i))
        ]
    if isinstance(value, BaseModel):
        return [
            found
            for name in type(value).model_fields
            for found in _blocks_of(getattr(value, name), kind, (*path, name))
        ]
    return []
