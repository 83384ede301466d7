"""Charts' figures and descriptions: what a chart shows, picked out of its table, and alt
text generated from it (what it is, and its highest and lowest figures or control limits).
The pictures are drawn by the render step (:mod:`reportgen.render.charts`)."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.compute import figures
from reportgen.model.assessment import Chart
from reportgen.types import ComputedTable


@dataclass(frozen=True)
class ChartData:
    """The figures a chart shows: a value per category (row) and series (column)."""

    kind: str
    title: str
    x_label: str
    """The label of the categories' axis: the horizontal one, or the vertical one of a
    horizontal bar chart (``hbar``), whose categories are listed down the side."""
    y_label: str
    """The label of the figures' axis: the vertical one, or the horizontal one of an
    ``hbar`` chart."""
    categories: tuple[str, ...]
    series: tuple[str, ...]
    values: tuple[tuple[float | None, ...], ...]  # one tuple per series


@dataclass(frozen=True)
class ChartView:
    """A chart as laid out: its title, its description for readers who cannot see it, and
    its figures (drawn as a picture by the render step)."""

    name: str
    title: str
    description: str
    data: ChartData
    figures_heading: str = "The figures in this chart"
    """What the table of its figures (in the HTML) is called."""

    @property
    def rows(self) -> list[tuple[str, list[str]]]:
        """The chart's figures as table rows: category, then a value per series."""
        return [
            (
                category,
                [
                    figures.format_number(values[i], _decimals(values))
                    for values in self.data.values
                ],
            )
            for i, category in enumerate(self.data.categories)
        ]


def _decimals(values: tuple[float | None, ...]) -> int:
    return 0 if all(v is None or float(v).is_integer() for v in values) else 1


def chart_data(chart: Chart, table: ComputedTable) -> ChartData:
    """Pick the chart's figures out of its table."""
    rows = chart.rows or [row.key for row in table.rows if not row.aggregate]
    headings = dict(zip(table.names, table.headings, strict=True))
    values = tuple(
        tuple((table.find(row, series) or _missing).value for row in rows)
        for series in chart.series
    )
    across = chart.kind == "hbar"  # its rows down the side, its figures along the bottom
    return ChartData(
        chart.kind,
        chart.title,
        chart.y_label if across else chart.x_label,
        chart.x_label if across else chart.y_label,
        tuple(rows),
        tuple(headings.get(series, series) for series in chart.series),
        values,
    )


class _Missing:
    value = None


_missing = _Missing()


KINDS = {
    "bar": "Bar chart",
    "grouped": "Grouped bar chart",
    "hbar": "Horizontal bar chart",
    "line": "Line chart",
    "spc": "SPC chart",
}
"""What each kind of chart is called in its description."""


def describe(data: ChartData) -> str:
    """Alt text: what the chart is and what it shows, in a sentence or three."""
    if data.kind == "hbar":
        axes = f"{data.y_label} (horizontal axis) by {data.x_label} (vertical axis)"
    else:
        axes = f"{data.y_label} (vertical axis) by {data.x_label} (horizontal axis)"
    text = f"{KINDS[data.kind]}: {data.title}. {axes}"
    if data.kind == "spc":
        return text + ". " + _describe_spc(data)
    if data.kind == "grouped":
        text += f", bars grouped by {data.x_label}, one in each group for each of: " + ", ".join(
            data.series
        )
    elif len(data.series) > 1:
        text += f", one {'line' if data.kind == 'line' else 'bar'} for each of: " + ", ".join(
            data.series
        )
    return text + ". " + _extremes(data)


def _extremes(data: ChartData) -> str:
    points = [
        (value, category, series)
        for series, values in zip(data.series, data.values, strict=True)
        for category, value in zip(data.categories, values, strict=True)
        if value is not None
    ]
    if not points:
        return "There are no figures to show."
    high, low = max(points), min(points)

    def where(point: tuple) -> str:
        return point[1] + (f" ({point[2]})" if len(data.series) > 1 else "")

    return (
        f"Highest: {where(high)}, {figures.format_number(high[0])}. "
        f"Lowest: {where(low)}, {figures.format_number(low[0])}."
    )


def _describe_spc(data: ChartData) -> str:
    counts = [v for v in data.values[0] if v is not None]
    centre, lower, upper = figures.control_limits(counts)
    above = [
        c
        for c, v in zip(data.categories, data.values[0], strict=True)
        if v is not None and v > upper
    ]
    below = [
        c
        for c, v in zip(data.categories, data.values[0], strict=True)
        if v is not None and v < lower
    ]
    text = (
        f"Centre line (average) {figures.format_number(centre, 1)}; upper control limit "
        f"{figures.format_number(upper, 1)}; lower control limit "
        f"{figures.format_number(lower, 1)}. "
    )
    if above:
        text += f"Above the upper limit: {', '.join(above)}. "
    if below:
        text += f"Below the lower limit: {', '.join(below)}. "
    if not above and not below:
        text += "Every month is within the control limits."
    return text.strip()


def chart_view(name: str, chart: Chart, table: ComputedTable) -> ChartView:
    """A chart's figures and description (its own, or generated)."""
    data = chart_data(chart, table)
    return ChartView(name, chart.title, chart.description or describe(data), data)
