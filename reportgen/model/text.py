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
from reportgen.model.plan_blocks import ActionPlan, ContactList, Indicators


class Paragraph(Content):
    """A numbered paragraph (2.1, 2.2 …)."""

    paragraph: str = text_field("the text of a numbered paragraph")


class PlainText(Content):
    """A paragraph without a number (a continuation, or text in a table cell)."""

    text: str = text_field("the text of a paragraph without a number")


class Bullets(Content):
    """A bulleted list."""

    bullets: list[str] = Field(min_length=1, description="the items of a bulleted list")


class Lettered(Content):
    """A list lettered a), b), c)."""

    lettered: list[str] = Field(min_length=1, description="the items of a list lettered a), b) …")


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


class Numbered(Content):
    """A list numbered 1., 2., 3."""

    numbered: list[str] = Field(min_length=1, description="the items of a numbered list")


class Heading(Content):
    """A small heading without a number, inside a section."""

    heading: str = text_field("the text of a sub-heading")


class TableRef(Content):
    """A data table (defined under ``tables:`` in a chapter), placed here by its name."""

    table: str = text_field("the name of a table defined under tables: in a chapter")


class ChartRef(Content):
    """A chart (defined under ``charts:`` in a chapter), placed here by its name."""

    chart: str = text_field("the name of a chart defined under charts: in a chapter")


class CheckedValue(Content):
    """A figure typed into a table and checked against the data, e.g. a baseline:
    ``{value: "1.74", agrees_with: "drugs | Maidstone | per_thousand"}``."""

    value: str = text_field("the figure as printed")
    agrees_with: str = text_field(
        "the figure it must agree with: table | row | column (as in [[…]] references)"
    )


class Grid(Content):
    """A table of text typed in place (an action plan, a list of contacts …)."""

    class Body(Content):
        title: str = text_field("the table's caption")
        priority: str | None = Field(
            None,
            description="the priority this table is for (an action plan's), as in priorities.yaml",
        )
        headings: list[str] = Field(min_length=1, description="the column headings")
        rows: list[list[str | CheckedValue]] = Field(
            min_length=1,
            description="the rows, one list each; a cell may be a checked "
            "figure ({value: …, agrees_with: table | row | column})",
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


class Glossary(Content):
    """The acronyms the document uses, with their meanings (from the library glossary)."""

    glossary: Literal["used"] = Field(description="write: used")


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


Blocks = Annotated[list[Block], BeforeValidator(_text_shorthand), Field(min_length=1)]
