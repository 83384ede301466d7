"""The Strategic Assessment's files, in a year's assessment/ folder:

- ``assessment.yaml`` — title, organisation, the order of chapters and appendices;
- one file per chapter or appendix (``total-recorded-crime.yaml`` …);
- in each chapter file, ``tables:`` — which CSV file holds a table's raw counts, and which
  columns to show or compute (difference, % change, rate per 1,000, ranking, share) — and
  ``charts:`` drawn from those tables.

The raw counts live in CSV files in the year's ``data/`` folder, as exported.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Discriminator, Field, Tag, field_validator, model_validator
from pydantic_core import PydanticCustomError

from reportgen.model.base import Content, text_field
from reportgen.model.charts import Chart
from reportgen.model.priorities import Wording
from reportgen.model.text import Blocks, first_key

# --- chapters -------------------------------------------------------------------------------


class AboutPriority(Content):
    """A chapter or section with a title of its own, or about one of the year's
    recommended priorities, whose wording in priorities.yaml is its title."""

    title: str | None = Field(None, min_length=1, description="the heading as printed")
    priority: str | None = Field(
        None,
        min_length=1,
        description="instead of a title: the recommended priority (in priorities.yaml) this "
        "part is about; its title is the priority's wording",
        examples=["Domestic Abuse"],
    )
    wording: Wording | None = Field(
        None,
        description="with priority: which of its wordings is the title: name, title or "
        "objective (default: its title if it has one, else its name)",
    )

    @model_validator(mode="after")
    def _title_or_priority(self) -> AboutPriority:
        if (self.title is None) == (self.priority is None):
            raise PydanticCustomError(
                "content_rule",
                "give either title: (the heading as printed) or priority: (a recommended "
                "priority, whose wording in priorities.yaml becomes the heading)"
                + (", not both" if self.title else ""),
            )
        if self.wording and not self.priority:
            raise PydanticCustomError(
                "content_rule", "wording: chooses a priority's wording; give priority: too"
            )
        return self


class ChapterSection(AboutPriority):
    """A numbered section of a chapter (1.1, 1.2 …)."""

    content: Blocks = Field(description="the section's paragraphs, lists, tables and charts")


class Chapter(AboutPriority):
    """A chapter (or appendix) of the Strategic Assessment or the plan: its title (or the
    priority it is about), any text before its first section, and its sections."""

    title: str | None = Field(
        None, min_length=1, description="the chapter's title, e.g. Total Recorded Crime"
    )
    content: Blocks | None = Field(None, description="text before the first section")
    sections: list[ChapterSection] = Field(
        default_factory=list, description="the chapter's numbered sections (1.1, 1.2 …)"
    )
    tables: dict[str, DataTable] = Field(
        default_factory=dict, description="the data tables this chapter shows, by name"
    )
    charts: dict[str, Chart] = Field(
        default_factory=dict, description="the charts this chapter shows, by name"
    )

    @field_validator("tables")
    @classmethod
    def _no_reserved_table_names(cls, tables: dict[str, DataTable]) -> dict[str, DataTable]:
        reserved = [name for name in tables if name in RESERVED_TABLE_NAMES]
        if reserved:
            raise PydanticCustomError(
                "content_rule",
                "a table cannot be called {name}: [[{name} | …]] in text means "
                "priorities.yaml; choose another name",
                {"name": reserved[0]},
            )
        return tables


RESERVED_TABLE_NAMES = ("priorities", "priority")
"""Names [[…]] references give to priorities.yaml, so no table may have them."""


class KnownDisagreement(Content):
    """Figures that must agree but, as published, do not: the author knows, and says why.
    ``check`` then notes it (``check --all``) instead of warning, until a figure changes."""

    values: list[str] = Field(
        min_length=2,
        description="the figures as check prints them, in the order of figures:",
        examples=[["2,945", "2,943"]],
    )
    reason: str = text_field(
        "why they differ and what the documents print, e.g. which figure is right",
        "The published Assessment gives both and does not say which is right.",
    )


class Agreement(Content):
    """Two figures that must be the same wherever they are published."""

    figures: list[str] = Field(
        min_length=2,
        description="references to the figures that must agree, e.g. "
        "'crime-by-type | Violent Crime | this_year'",
        examples=[
            [
                "crime-by-type | Violent Crime | this_year",
                "violent-crime-by-district | Maidstone | offences_2015",
            ]
        ],
    )
    why: str = text_field(
        "why they must agree, e.g. both are Maidstone's violent crime",
        "both are violent crime in Maidstone, October 2014 to September 2015",
    )
    known_difference: KnownDisagreement | None = Field(
        None,
        description="where the published figures are known not to agree: their values "
        "and the reason (check warns again if either figure changes)",
        examples=[{"values": ["2,945", "2,943"], "reason": "Published so; which is right?"}],
    )


class ChapteredSpec(Content):
    """What the Strategic Assessment's and the plan's top files share: a title, who
    publishes it, the order of its parts and the figures that must agree."""

    title: str = text_field("the document's title")
    organisation: str | None = Field(
        None,
        min_length=1,
        description="who publishes it, e.g. Maidstone Borough Council (may be left out "
        "when library/house-style.yaml gives the council's organisation:)",
    )
    chapters: list[str] = Field(min_length=1, description="the chapter files, in order")
    appendices: list[str] = Field(default_factory=list, description="the appendix files")
    must_agree: list[Agreement] = Field(
        default_factory=list, description="figures in different tables that must be equal"
    )


class Assessment(ChapteredSpec):
    """assessment.yaml: the Strategic Assessment's title and the order of its parts."""

    title: str = text_field("the document's title, e.g. Strategic Assessment 2016-17")
    chapters: list[str] = Field(
        min_length=1, description="the chapter files in assessment/, in order (without .yaml)"
    )
    appendices: list[str] = Field(
        default_factory=list, description="the appendix files in assessment/, in order"
    )


class Plan(ChapteredSpec):
    """plan.yaml: the Community Safety Plan's title page and the order of its parts."""

    title: str = text_field("the plan's title, e.g. Community Safety Partnership Plan 2013-2018")
    subtitle: str | None = Field(None, description="e.g. 'Delivering Safer Communities'")
    edition: str | None = Field(None, description="e.g. Refreshed March 2018")
    chapters: list[str] = Field(
        min_length=1, description="the chapter files in plan/, in order (without .yaml)"
    )
    appendices: list[str] = Field(
        default_factory=list, description="the appendix files in plan/, in order"
    )
    contents: bool = Field(False, description="whether the plan has a contents page (yes/no)")
    numbered_sections: bool = Field(
        True,
        description="whether sections are numbered 5.1, 5.2 … (yes/no), under chapters "
        "numbered as the house style's numbered_chapters says (with numbered_chapters: no, "
        "nothing is numbered)",
    )


# --- tables ---------------------------------------------------------------------------------


class _Column(Content):
    heading: str = text_field("the column heading as printed")
    name: str | None = Field(
        None, description="a short name for the column, used in [[table | row | name]] references"
    )
    decimals: int | None = Field(None, ge=0, le=4, description="decimal places shown")
    prefix: str | None = Field(
        None, description="printed before each figure, e.g. £", examples=["£"]
    )
    published: str | None = Field(
        None,
        description="a CSV column holding the figure as published, which check compares "
        "with the computed one",
        examples=["published_rank"],
    )


class ShowColumn(_Column):
    """A column shown as it is in the CSV file."""

    show: str = text_field("the CSV column to show")


class DifferenceColumn(_Column):
    """Difference between two columns: first minus second."""

    difference: list[str] = Field(
        min_length=2,
        max_length=2,
        description="two CSV columns: [this period, last period]",
        examples=[["this_year", "last_year"]],
    )


class ChangeColumn(_Column):
    """Percentage change from the second column to the first ("n/a" when it was 0)."""

    change: list[str] = Field(
        min_length=2, max_length=2, description="two CSV columns: [this period, last period]"
    )


class RateColumn(_Column):
    """A rate per 1,000 (or other) population."""

    rate: str = text_field("the CSV column of counts")
    population: str = text_field("the CSV column of population figures")
    per: int = Field(1000, gt=0, description="per how many people, e.g. 1000 or 10000")


class RankColumn(_Column):
    """County ranking: 1 for the lowest value; ties share a rank; aggregate rows unranked."""

    rank: str = text_field("the column (CSV column or column name) to rank by")
    highest_first: bool = Field(False, description="rank the highest value 1 (yes or no)")


class ShareColumn(_Column):
    """One column as a percentage of another."""

    share: list[str] = Field(
        min_length=2,
        max_length=2,
        description="[part, whole] columns",
        examples=[["violent_crime", "all_crime"]],
    )


COLUMN_KINDS = ("show", "difference", "change", "rate", "rank", "share")
COLUMN_TAG = "column:"


_column_kind = first_key(COLUMN_KINDS, COLUMN_TAG)


Column = Annotated[
    Annotated[ShowColumn, Tag(COLUMN_TAG + "show")]
    | Annotated[DifferenceColumn, Tag(COLUMN_TAG + "difference")]
    | Annotated[ChangeColumn, Tag(COLUMN_TAG + "change")]
    | Annotated[RateColumn, Tag(COLUMN_TAG + "rate")]
    | Annotated[RankColumn, Tag(COLUMN_TAG + "rank")]
    | Annotated[ShareColumn, Tag(COLUMN_TAG + "share")],
    Discriminator(
        _column_kind,
        custom_error_type="column_kind",
        custom_error_message="expected a column starting with one of: " + ", ".join(COLUMN_KINDS),
    ),
]


def column_name(column: Column) -> str:
    """The name a column is cited by: its ``name``, else its CSV column or its kind."""
    if column.name:
        return column.name
    if isinstance(column, ShowColumn):
        return column.show
    return column_kind(column)


def column_kind(column: Column) -> str:
    """The kind of a column, which is also the name of its defining field: show, change …"""
    return type(column).__name__.removesuffix("Column").lower()


class KnownDifference(Content):
    """A figure as published that is known to disagree with the one computed from the
    data, and why: ``check`` then notes it (``check --all``) instead of warning, until
    either figure changes. The document prints the computed figure."""

    row: str = text_field("the row, as the data file names it", "Sevenoaks")
    column: str = text_field(
        "the column with published: (its name or heading), or for a total row the "
        "column of counts that does not add up",
        "change",
    )
    published: str = text_field("the figure as the data file gives it", "46.0")
    computed: str = text_field(
        "the figure as check computes and the document prints it (a ranking as 7th)", "-36.0%"
    )
    reason: str = text_field(
        "why the published figure was wrong, in a sentence or two",
        "Visitors fell from 25 to 16; the published 46.0 has neither the figure nor the sign.",
    )


class DataTable(Content):
    """A table of figures: raw counts from a CSV file, derived columns computed."""

    title: str = text_field("the table's caption")
    data: str = text_field(
        "the file with the counts: CSV as exported (data/all-crime.csv), or YAML with "
        "rows: (data/all-crime.yaml)"
    )
    key: str = text_field("the CSV column that names each row, e.g. area")
    columns: list[Column] = Field(min_length=1, description="the columns, left to right")
    aggregates: list[str] = Field(
        default_factory=list,
        description="rows that are totals of others (e.g. Kent): shown, never ranked",
    )
    totals: dict[str, list[str]] = Field(
        default_factory=dict,
        description="rows computed as the sum of other rows: 'All crime: [A, B]' "
        "(shown, never ranked)",
    )
    counts: list[str] = Field(
        default_factory=list,
        description="the CSV columns of counts that totals add up (not rates or rankings)",
    )
    indented: list[str] = Field(
        default_factory=list,
        description="rows shown indented, as parts of the row above",
        examples=[["Violence Against The Person", "Sexual Offences"]],
    )
    note: str | None = Field(None, description="a note printed under the table (e.g. source)")
    known_differences: list[KnownDifference] = Field(
        default_factory=list,
        description="published figures known to be wrong, each with its row, column, "
        "published and computed figures and the reason; check notes them instead of "
        "warning",
        examples=[
            [
                {
                    "row": "Sevenoaks",
                    "column": "change",
                    "published": "46.0",
                    "computed": "-36.0%",
                    "reason": "Visitors fell from 25 to 16, not by 46%.",
                }
            ]
        ],
    )


Chapter.model_rebuild()
