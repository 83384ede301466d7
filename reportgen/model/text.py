"""Text blocks: the paragraphs, lists, headings, tables and charts content is written in.

A block is one YAML list item whose first key says what it is: ``- paragraph: …``,
``- bullets: [...]``, ``- table: NAME`` …
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Discriminator,
    Field,
    Tag,
    model_validator,
)
from pydantic_core import PydanticCustomError

from reportgen.model.base import Content, text_field
from reportgen.model.pictures import Image
from reportgen.model.plan_blocks import ActionPlan, ContactList, Indicators
from reportgen.model.priorities import Wording


class Paragraph(Content):
    """A numbered paragraph (2.1, 2.2 …)."""

    paragraph: str = text_field("the text of a numbered paragraph")


class PlainText(Content):
    """A paragraph without a number (a continuation, or text in a table cell)."""

    text: str = text_field("the text of a paragraph without a number")


class Bullets(Content):
    """A bulleted list."""

    bullets: list[str] = Field(
        min_length=1,
        description="the items of a bulleted list",
        examples=[["Domestic abuse", "Substance misuse"]],
    )


class Lettered(Content):
    """A list lettered a), b), c)."""

    lettered: list[str] = Field(
        min_length=1,
        description="the items of a list lettered a), b) …",
        examples=[
            ["conduct that has caused harassment, alarm or distress", "conduct causing nuisance"]
        ],
    )


class LibraryText(Content):
    """A text from the shared library, inserted here by its name."""

    library: str = text_field("the name of a text in the shared library (content/library/)")


PriorityListName = Literal["last_year", "emerging_themes", "recommended", "removed"]


class PriorityList(Content):
    """The year's priorities (from priorities.yaml) as a bulleted list."""

    priorities: PriorityListName = Field(
        description="which list from priorities.yaml: last_year, emerging_themes, recommended, "
        "or removed (each with the reason it was removed)"
    )
    wording: Wording = Field(
        "name",
        description="for the recommended list, which wording of each priority to print: "
        "name, title or objective (as given in priorities.yaml)",
    )

    @model_validator(mode="after")
    def _wording_of_recommended(self) -> PriorityList:
        if self.wording != "name" and self.priorities != "recommended":
            raise PydanticCustomError(
                "content_rule",
                "wording: applies to the recommended list only (its priorities may carry a "
                "title and an objective); remove it here",
            )
        return self


class Numbered(Content):
    """A list numbered 1., 2., 3."""

    numbered: list[str] = Field(
        min_length=1,
        description="the items of a numbered list",
        examples=[["Map local gangs", "Share what partners know"]],
    )


class Heading(Content):
    """A small heading without a number, inside a section."""

    heading: str = text_field(
        "the text of a sub-heading", "Legal definition of vehicle interference"
    )


class TableRef(Content):
    """A data table (defined under ``tables:`` in a chapter), placed here by its name."""

    table: str = text_field("the name of a table defined under tables: in a chapter")


class ChartRef(Content):
    """A chart (defined under ``charts:`` in a chapter), placed here by its name."""

    chart: str = text_field("the name of a chart defined under charts: in a chapter")


class CheckedValue(Content):
    """A figure typed into a table and checked against the data, e.g. a baseline:
    ``{value: "1.74", agrees_with: "drugs | Maidstone | per_thousand"}``."""

    value: str = text_field("the figure as printed", "1.74")
    agrees_with: str = text_field(
        "the figure it must agree with: table | row | column (as in [[…]] references)",
        "drugs | Maidstone | per_thousand",
    )


class NumberedCell(Content):
    """A numbered list in a table cell: ``{numbered: [first, second]}``."""

    numbered: list[str] = Field(
        min_length=1,
        description="the items of a numbered list",
        examples=[["Map local gangs", "Share what partners know"]],
    )


_CELL_TAG = "block:cell-"
"""Tags of a cell's kinds; they start like BLOCK_TAG (below), so errors leave them out."""
_CELL_HELP = (
    "a cell holds text, a list of texts (printed as bullets), {numbered: [ … ]} "
    "(a numbered list) or a checked figure {value: …, agrees_with: …}"
)


def _cell_shape(value: Any) -> Any:
    """One plain error for a cell of the wrong shape, rather than one per kind of cell."""
    items = value.get("numbered") if isinstance(value, dict) else value
    if isinstance(items, list):
        if not items:
            raise PydanticCustomError(
                "content_rule",
                "this cell's list is empty; give it at least one item, or "
                'write "" for an empty cell',
            )
        if any(isinstance(item, list | dict) for item in items):
            raise PydanticCustomError(
                "content_rule",
                "a list in a cell holds only text items (one level: a list "
                "cannot hold another list or fields); " + _CELL_HELP,
            )
    if isinstance(value, dict) and not ({"numbered", "value"} & value.keys()):
        fields = ", ".join(f"'{key}'" for key in value) or "none"
        raise PydanticCustomError("content_rule", f"found fields {fields} in a cell; " + _CELL_HELP)
    return value


def _cell_kind(value: Any) -> str:
    if isinstance(value, list):
        return _CELL_TAG + "bullets"
    if isinstance(value, dict):
        return _CELL_TAG + ("numbered" if "numbered" in value else "checked")
    return _CELL_TAG + "text"


GridCell = Annotated[
    Annotated[
        Annotated[str, Tag(_CELL_TAG + "text")]
        | Annotated[list[str], Tag(_CELL_TAG + "bullets")]
        | Annotated[NumberedCell, Tag(_CELL_TAG + "numbered")]
        | Annotated[CheckedValue, Tag(_CELL_TAG + "checked")],
        Discriminator(_cell_kind),
    ],
    BeforeValidator(_cell_shape),
]
"""A cell of a grid: text, a bulleted list, a numbered list, or a checked figure."""


class Grid(Content):
    """A table of text typed in place (an action plan, a list of contacts …)."""

    class Body(Content):
        title: str = text_field("the table's caption", "Signs of gang activity")
        priority: str | None = Field(
            None,
            description="the priority this table is for (an action plan's), as in priorities.yaml",
            examples=["Domestic Abuse"],
        )
        headings: list[str] = Field(
            min_length=1,
            description="the column headings",
            examples=[["Indicator", "Kent-wide average"]],
        )
        rows: list[list[GridCell]] = Field(
            min_length=1,
            description="the rows, one list each; a cell is text, a list of texts (bullets), "
            "{numbered: [ … ]}, or a checked figure "
            "({value: …, agrees_with: table | row | column})",
            examples=[
                [["Repeat victims", "28%"], ["Cases reviewed", ["Monthly", "By the task group"]]]
            ],
        )

        @model_validator(mode="after")
        def _rows_fit_the_headings(self) -> Grid.Body:
            for number, row in enumerate(self.rows, start=1):
                if len(row) != len(self.headings):
                    raise PydanticCustomError(
                        "content_rule",
                        (
                            f"row {number} has {len(row)} cells but there are "
                            f"{len(self.headings)} headings; a comma inside [ … ] starts a new "
                            "cell, so put text containing commas in quotes"
                        ),
                    )
            return self

    grid: Body = Field(description="a table: title, headings and rows")


class PriorityTable(Content):
    """A table made from priorities.yaml: the priority leads, or the matrix of priorities
    and cross-cutting themes."""

    priority_table: Literal["leads", "matrix"] = Field(description="which table: leads or matrix")


class GlossaryChoice(Content):
    """Which entries a glossary lists: the terms the document uses, and named extras."""

    used: bool = Field(default=True, description="list the terms the document uses (yes/no)")
    also: list[str] = Field(
        default_factory=list,
        description="glossary entries to list even if unused, e.g. [Community Trigger]",
        examples=[["Community Trigger"]],
    )

    @model_validator(mode="after")
    def _lists_something(self) -> GlossaryChoice:
        if not self.used and not self.also:
            raise PydanticCustomError(
                "empty_glossary", "this glossary would list nothing: give used: yes or also: […]"
            )
        return self


def _glossary_shorthand(value: Any) -> Any:
    """``glossary: used`` is ``{used: yes}``; any other text is a mistake."""
    if value == "used":
        return {"used": True}
    if isinstance(value, str):
        raise PydanticCustomError(
            "glossary_choice",
            "'used', or the fields used and also",
        )
    return value


class Glossary(Content):
    """The terms and acronyms the document uses, with their meanings (from the shared
    glossary and the year's own), plus any extras named in ``also``."""

    glossary: Annotated[
        GlossaryChoice,
        BeforeValidator(
            _glossary_shorthand, json_schema_input_type=Literal["used"] | GlossaryChoice
        ),
    ] = Field(description="write: used; or {used: yes, also: [Community Trigger]} to add entries")


BLOCK_KINDS = (
    "paragraph",
    "text",
    "bullets",
    "lettered",
    "numbered",
    "heading",
    "library",
    "priorities",
    "table",
    "chart",
    "image",
    "grid",
    "priority_table",
    "glossary",
    "action_plan",
    "indicators",
    "contacts",
)
BLOCK_TAG = "block:"
"""Prefix of the union tags, so they are never mistaken for field names in errors."""


def first_key(kinds: tuple[str, ...], prefix: str) -> Any:
    """A pydantic discriminator: an item is the kind named by the first of ``kinds`` among
    its keys (``- paragraph: …`` is a paragraph), tagged ``prefix + kind``."""

    def kind_of(value: Any) -> str | None:
        if isinstance(value, dict):
            return next((prefix + kind for kind in kinds if kind in value), None)
        return None

    return kind_of


_block_kind = first_key(BLOCK_KINDS, BLOCK_TAG)


Block = Annotated[
    Annotated[Paragraph, Tag(BLOCK_TAG + "paragraph")]
    | Annotated[PlainText, Tag(BLOCK_TAG + "text")]
    | Annotated[Bullets, Tag(BLOCK_TAG + "bullets")]
    | Annotated[Lettered, Tag(BLOCK_TAG + "lettered")]
    | Annotated[Numbered, Tag(BLOCK_TAG + "numbered")]
    | Annotated[Heading, Tag(BLOCK_TAG + "heading")]
    | Annotated[TableRef, Tag(BLOCK_TAG + "table")]
    | Annotated[ChartRef, Tag(BLOCK_TAG + "chart")]
    | Annotated[Image, Tag(BLOCK_TAG + "image")]
    | Annotated[Grid, Tag(BLOCK_TAG + "grid")]
    | Annotated[PriorityTable, Tag(BLOCK_TAG + "priority_table")]
    | Annotated[Glossary, Tag(BLOCK_TAG + "glossary")]
    | Annotated[ActionPlan, Tag(BLOCK_TAG + "action_plan")]
    | Annotated[Indicators, Tag(BLOCK_TAG + "indicators")]
    | Annotated[ContactList, Tag(BLOCK_TAG + "contacts")]
    | Annotated[LibraryText, Tag(BLOCK_TAG + "library")]
    | Annotated[PriorityList, Tag(BLOCK_TAG + "priorities")],
    Discriminator(
        _block_kind,
        custom_error_type="block_kind",
        custom_error_message="expected a block starting with one of: " + ", ".join(BLOCK_KINDS),
    ),
]


def _text_shorthand(value: Any) -> Any:
    """Plain text where blocks are expected is one unnumbered paragraph."""
    return [{"text": value}] if isinstance(value, str) else value


Blocks = Annotated[
    list[Block],
    BeforeValidator(
        _text_shorthand, json_schema_input_type=Annotated[str, Field(min_length=1)] | list[Block]
    ),
    Field(min_length=1),
]
