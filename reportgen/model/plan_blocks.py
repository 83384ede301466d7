"""The plan's structured blocks: action plans (aims, actions, outcomes, lead agencies),
indicator tables (baseline, comparison and target, each with its period) and contact lists
(from the shared library of contacts)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from reportgen.model.base import Content, text_field


class Action(Content):
    """One action towards an aim: what will be done, what it should achieve, who leads."""

    action: str = text_field("what will be done")
    outcomes: str = text_field("the anticipated outcomes")
    lead: str = text_field("the lead agency, e.g. Maidstone Community Safety Unit (CSU)")


class Aim(Content):
    """An aim of an action plan and the actions towards it."""

    aim: str = text_field("what the partnership aims to achieve")
    actions: list[Action] = Field(min_length=1, description="the actions towards this aim")


class ActionPlan(Content):
    """A priority's action plan: ``- action_plan: {priority: …, aims: […]}``."""

    class Body(Content):
        priority: str = text_field("the priority this plan is for, as in priorities.yaml")
        title: str | None = Field(
            None,
            description="the table's caption, if not '<priority>: action plan'",
            examples=["Priority 1: Anti-social behaviour \N{EN DASH} action plan"],
        )
        aims: list[Aim] = Field(min_length=1, description="the aims, each with its actions")

    action_plan: Body = Field(description="an action plan: priority, title and aims")


def _figure_shorthand(value: Any) -> Any:
    """A plain text where a figure is expected is the figure as printed."""
    return {"value": value} if isinstance(value, str) else value


class Figure(Content):
    """An indicator's baseline, comparison or target: typed as printed (``value``), or
    computed from the data (``from: table | row | column``)."""

    value: str | None = Field(None, description="the figure or text as printed", examples=["26.5"])
    from_data: str | None = Field(
        None,
        alias="from",
        description="the figure to compute it from: table | row | column "
        "(as in [[…]] references), instead of typing it",
    )
    agrees_with: str | None = Field(
        None,
        description="for a typed value, the figure it must agree with: table | row | column",
        examples=["asb-by-district | Kent | rate_2014_15"],
    )
    note: str | None = Field(
        None, description="text printed after the figure", examples=["(provisional)"]
    )

    @model_validator(mode="after")
    def _typed_or_computed(self) -> Figure:
        if self.value is None and self.from_data is None:
            raise PydanticCustomError(
                "content_rule",
                "give value: (the figure as printed) or from: (table | row | column to "
                "compute it from)",
            )
        if self.value is not None and self.from_data is not None:
            raise PydanticCustomError(
                "content_rule",
                "give either value: (the figure as printed) or from: (table | row | column "
                "to compute it from), not both",
            )
        if self.agrees_with and self.from_data:
            raise PydanticCustomError(
                "content_rule",
                "agrees_with: checks a typed value; a figure computed with from: needs no check",
            )
        return self


FigureField = Annotated[
    Figure, BeforeValidator(_figure_shorthand, json_schema_input_type=str | Figure)
]


class IndicatorColumn(Content):
    """What a column of an indicator table measures: ``{label: Kent-wide comparison,
    period: 2014/15}`` is headed "Kent-wide comparison 2014/15"."""

    label: str = text_field("what the column holds, e.g. Baseline, Kent-wide comparison")
    period: str | None = Field(None, description="the period, e.g. 2014/15 or Oct 2014-15")

    @property
    def heading(self) -> str:
        return f"{self.label} {self.period}" if self.period else self.label


class TargetColumn(Content):
    """The target column: ``{by: "2018"}`` is headed "Target (by 2018)"."""

    label: str = Field("Target", min_length=1, description="the column's label")
    by: str = text_field("when the target is to be met, e.g. 2018")

    @property
    def heading(self) -> str:
        return f"{self.label} (by {self.by})"


class Indicator(Content):
    """One indicator and its figures."""

    indicator: str = text_field("what is measured, e.g. ASB incidents per 1,000 population")
    baseline: FigureField | None = Field(None, description="the baseline figure")
    comparison: FigureField | None = Field(None, description="the comparison figure")
    target: FigureField | None = Field(None, description="the target")


MEASURES = ("baseline", "comparison", "target")


class Indicators(Content):
    """A priority's indicators: ``- indicators: {priority: …, baseline: {period: …},
    comparison: {…}, target: {by: …}, rows: […]}``."""

    class Body(Content):
        priority: str = text_field("the priority these indicators are for")
        title: str | None = Field(
            None,
            description="the table's caption, if not '<priority>: indicators'",
            examples=["Priority 1: Anti-social behaviour \N{EN DASH} indicators"],
        )
        baseline: IndicatorColumn | None = Field(
            None, description="the baseline column: label, period"
        )
        comparison: IndicatorColumn | None = Field(
            None,
            description="the comparison column: label (e.g. Kent-wide comparison), period",
            examples=[{"label": "Kent-wide comparison", "period": "2014/15"}],
        )
        target: TargetColumn | None = Field(None, description="the target column: by")
        rows: list[Indicator] = Field(min_length=1, description="the indicators")

        @model_validator(mode="after")
        def _rows_fill_the_columns(self) -> Indicators.Body:
            for number, row in enumerate(self.rows, start=1):
                for measure in MEASURES:
                    has_column = getattr(self, measure) is not None
                    has_figure = getattr(row, measure) is not None
                    if has_column != has_figure:
                        raise PydanticCustomError(
                            "content_rule",
                            f"indicator {number} "
                            + (
                                f"has no {measure}, but the table has a {measure} column; "
                                f"give one (e.g. {measure}: Not applicable)"
                                if has_column
                                else f"has a {measure}, but the table has no {measure} "
                                f"column; add {measure}: to the table"
                            ),
                        )
            return self

        @property
        def columns(self) -> list[tuple[str, str]]:
            """(measure, heading) for each of the table's figure columns."""
            return [
                (measure, getattr(self, measure).heading)
                for measure in MEASURES
                if getattr(self, measure) is not None
            ]

    indicators: Body = Field(description="an indicator table: priority, columns and rows")


class ContactList(Content):
    """Contacts from the shared library (library/contacts.yaml), in the order listed."""

    contacts: list[str] = Field(
        min_length=1,
        description="the names of contacts in library/contacts.yaml",
        examples=[["community-safety-unit", "police-station"]],
    )


class Contact(Content):
    """A service people can contact, printed in the plan's further information."""

    name: str = text_field(
        "the service, e.g. Maidstone Community Safety Unit", "Maidstone Community Safety Unit"
    )
    organisation: str | None = Field(
        None,
        description="who runs it, if not clear from the name",
        examples=["Maidstone Borough Council"],
    )
    address: str | None = Field(
        None,
        description="the postal address",
        examples=["Maidstone House, King Street, Maidstone, Kent ME15 6JQ"],
    )
    telephone: str | dict[str, str] | None = Field(
        None,
        description="the number, or numbers by label (e.g. Non-emergency: '101')",
        examples=["01622 602000"],
    )
    website: str | None = Field(
        None, description="the website, e.g. www.kmpt.nhs.uk", examples=["www.kmpt.nhs.uk"]
    )

    @property
    def details(self) -> str:
        """Organisation, address, telephone and website, as printed."""
        lines = [self.organisation, self.address]
        if isinstance(self.telephone, dict):
            lines += [f"{label} Tel: {number}" for label, number in self.telephone.items()]
        elif self.telephone:
            lines.append(f"Tel: {self.telephone}")
        lines.append(self.website)
        return "\n".join(line for line in lines if line)


class Contacts(Content):
    """library/contacts.yaml (or a year's own contacts.yaml, whose entries win)."""

    contacts: dict[str, Contact] = Field(
        description="each contact by the name a plan lists",
        examples=[
            {
                "community-safety-unit": {
                    "name": "Maidstone Community Safety Unit",
                    "telephone": "01622 602000",
                }
            }
        ],
    )
