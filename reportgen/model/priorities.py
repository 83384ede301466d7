"""priorities.yaml: the year's priorities, written once and used wherever they appear.

A recommended priority is its name (``- Domestic Abuse``) or its name with fuller wordings
(``- {priority: Domestic Abuse, title: …, objective: …}``); a document picks a wording by
name: a plan chapter's ``wording: title``, a list's ``- priorities: recommended`` with
``wording: objective``, or ``[[priority | Domestic Abuse | objective]]`` in text.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from reportgen.model.base import Content, text_field

Wording = Literal["name", "title", "objective"]
WORDINGS: tuple[Wording, ...] = ("name", "title", "objective")
"""The wordings a priority can carry: its short name, a fuller title, its objective."""


class Priority(Content):
    """A recommended priority: its name, and the fuller wordings documents may print."""

    priority: str = text_field(
        "the priority's name, as lists, leads and action plans give it, e.g. Domestic Abuse"
    )
    title: str | None = Field(
        None,
        min_length=1,
        description="a fuller wording, e.g. for a chapter about it: 'Reducing domestic abuse "
        "and its harm to families'",
    )
    objective: str | None = Field(
        None,
        min_length=1,
        description="what the partnership aims to achieve on it, in a sentence",
    )

    def wording(self, which: Wording) -> str | None:
        """The wording chosen by name (None if this priority has none of that name)."""
        return self.priority if which == "name" else getattr(self, which)


def _name_only(value: Any) -> Any:
    """``- Domestic Abuse`` is a priority with its name only."""
    return {"priority": value} if isinstance(value, str) else value


PriorityEntry = Annotated[
    Priority,
    BeforeValidator(
        _name_only, json_schema_input_type=Annotated[str, Field(min_length=1)] | Priority
    ),
]


Restatement = Literal["lead", "matrix", "action plan", "indicators"]
RESTATEMENTS: tuple[Restatement, ...] = ("lead", "matrix", "action plan", "indicators")
"""What may still name a removed priority: a lead, a matrix column (themes' priorities),
the plan's action plan and its indicators."""


class StillNamed(Content):
    """A removed priority the published documents still name, on purpose: ``check`` notes
    it (``check --all``) instead of warning."""

    by: list[Restatement] = Field(
        min_length=1,
        description="what still names it: lead, matrix, action plan, indicators",
        examples=[["lead", "action plan", "indicators"]],
    )
    reason: str = text_field(
        "why they still name it",
        "The work goes on without it being a priority, and its sub-group remains.",
    )


class RemovedPriority(Content):
    """A priority dropped this year, and why."""

    priority: str = text_field("the priority's name as it was")
    reason: str = text_field("why it was removed")
    still_named: StillNamed | None = Field(
        None,
        description="where a lead, matrix column, action plan or indicators still name it on "
        "purpose: what (by:) and why (reason:); check warns again if that changes",
        examples=[{"by": ["action plan"], "reason": "The work goes on without a priority."}],
    )


class Theme(Content):
    """A cross-cutting theme and the priorities it runs through."""

    theme: str = text_field("the theme, e.g. Identifying Vulnerabilities")
    priorities: list[str] | None = Field(
        None,
        description="the recommended priorities it runs through (default: all of them)",
        examples=[["Domestic Abuse", "Substance Misuse"]],
    )


class Lead(Content):
    """Who leads a priority's sub-group."""

    priority: str = text_field("the priority, exactly as in recommended")
    sub_group: str | None = Field(None, description="the sub-group's name, if not the priority's")
    lead: str = text_field("the lead officer(s) and agency")


class Priorities(Content):
    """priorities.yaml: the priorities, written once and used wherever they appear."""

    last_year: list[str] = Field(
        default_factory=list,
        description="the priorities last year's assessment raised (needed only where a "
        "document shows them with - priorities: last_year)",
    )
    emerging_themes: list[str] = Field(
        default_factory=list, description="themes that emerged during the year"
    )
    recommended: list[PriorityEntry] = Field(
        min_length=1,
        description="this year's recommended priorities: each a name (- Domestic Abuse), or "
        "a name with fuller wordings (- {priority: Domestic Abuse, title: …, objective: …})",
    )
    removed: list[RemovedPriority] = Field(
        default_factory=list, description="last year's priorities dropped, with the reason"
    )
    themes: list[Theme] = Field(default_factory=list, description="the cross-cutting themes")
    leads: list[Lead] = Field(default_factory=list, description="who leads each priority")

    @model_validator(mode="after")
    def _each_priority_once(self) -> Priorities:
        names = self.names
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            raise PydanticCustomError(
                "content_rule",
                "recommended lists {twice} more than once; list each priority once",
                {"twice": ", ".join(repr(name) for name in twice)},
            )
        return self

    @property
    def names(self) -> list[str]:
        """The recommended priorities' names, in order."""
        return [entry.priority for entry in self.recommended]

    def find(self, name: str) -> Priority | None:
        """The recommended priority of that name, if there is one."""
        return next((entry for entry in self.recommended if entry.priority == name), None)

    def printed(self, which: str, wording: Wording = "name") -> list[str]:
        """A list as printed: a recommended priority in the wording chosen (the name where
        it has none: ``check`` reports that), the others as typed."""
        if which == "recommended":
            return [entry.wording(wording) or entry.priority for entry in self.recommended]
        if which == "removed":
            return [entry.priority for entry in self.removed]
        if which == "themes":
            return [theme.theme for theme in self.themes]
        return list(getattr(self, which))
