"""Charts drawn from the data tables with matplotlib: bar, line and SPC (statistical
process control) charts, each with a generated description for readers who cannot see
it. Drawn once per distinct chart: the images are cached by a hash of everything that
goes into them, so an unchanged chart is not redrawn."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from reportgen import figures
from reportgen.exceptions import OutputError
from reportgen.model.assessment import Chart
from reportgen.problems import suggest
from reportgen.tables import ComputedTable

DRAWING_CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
"""Part of every cached chart's key: a change to how charts are drawn redraws them."""
NAVY, ORANGE, GREY = "#1d3b6e", "#d9822b", "#6b6b6b"
PALETTE = (NAVY, ORANGE, "#2e8b57", "#8b3a62", "#4f81bd", "#9c9c9c")


@dataclass(frozen=True)
class ChartData:
    """The figures a chart shows: a value per category (row) and series (column)."""

    kind: str
    title: str
    x_label: str
    y_label: str
    categories: tuple[str, ...]
    series: tuple[str, ...]
    values: tuple[tuple[float | None, ...], ...]  # one tuple per series

    def digest(self) -> str:
        payload = json.dumps(
            [DRAWING_CODE, _matplotlib_version(), self.__dict__], default=list, sort_keys=True
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True)
class ChartView:
    """A drawn chart: SVG (for HTML and PDF), PNG (for Word), its description and data."""

    name: str
    title: str
    description: str
    svg: bytes
    png: bytes
    data: ChartData

    @property
    def svg_data_url(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg).decode("ascii")

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
    return ChartData(
        chart.kind,
        chart.title,
        chart.x_label,
        chart.y_label,
        tuple(rows),
        tuple(headings.get(series, series) for series in chart.series),
        values,
    )


class _Missing:
    value = None


_missing = _Missing()


def chart_problems(chart: Chart, table: ComputedTable) -> list[tuple[tuple, str]]:
    """What is wrong between a chart and its table, as (field path, message) pairs."""
    names = table.column_names()
    problems = [
        (("series", i), f"table {table.name!r} has no column {series!r}; {suggest(series, names)}")
        for i, series in enumerate(chart.series)
        if series not in names
    ]
    keys = table.row_keys()
    problems += [
        (("rows", i), f"table {table.name!r} has no row {row!r}; {suggest(row, keys)}")
        for i, row in enumerate(chart.rows or [])
        if row not in keys
    ]
    if not problems and chart.kind == "spc":
        data = chart_data(chart, table)
        if len(data.series) != 1:
            problems.append((("series",), "an SPC chart shows one column of monthly counts."))
        elif sum(value is not None for value in data.values[0]) < 2:
            problems.append((("series", 0), "an SPC chart needs at least two months of figures."))
    return problems


def describe(data: ChartData) -> str:
    """Alt text: what the chart is and what it shows, in a sentence or three."""
    kind = {"bar": "Bar chart", "line": "Line chart", "spc": "SPC chart"}[data.kind]
    text = (
        f"{kind}: {data.title}. {data.y_label} (vertical axis) by {data.x_label} (horizontal axis)"
    )
    if data.kind == "spc":
        return text + ". " + _describe_spc(data)
    if len(data.series) > 1:
        text += f", one {'bar' if data.kind == 'bar' else 'line'} for each of: " + ", ".join(
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


def draw(name: str, chart: Chart, table: ComputedTable, cache: Path | None) -> ChartView:
    """The chart as SVG and PNG, from the cache when an identical chart was drawn before."""
    data = chart_data(chart, table)
    description = chart.description or describe(data)
    svg, png = _cached(data, cache) if cache else _render(data)
    return ChartView(name, chart.title, description, svg, png, data)


def _cached(data: ChartData, cache: Path) -> tuple[bytes, bytes]:
    """Drawn images from the cache, or drawn now and kept there. The cache only saves
    time: if it cannot be written the chart is still drawn."""
    svg_path, png_path = (cache / f"{data.digest()}.{ext}" for ext in ("svg", "png"))
    if svg_path.is_file() and png_path.is_file():
        return svg_path.read_bytes(), png_path.read_bytes()
    svg, png = _render(data)
    from reportgen.write import atomic_write  # the write step's one helper

    with contextlib.suppress(OSError, OutputError):
        atomic_write(svg_path, svg)
        atomic_write(png_path, png)
    return svg, png


def _matplotlib_version() -> str:
    try:
        return metadata.version("matplotlib")
    except metadata.PackageNotFoundError:
        return "none"


def _render(data: ChartData) -> tuple[bytes, bytes]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    with matplotlib.rc_context(_STYLE):
        figure, axes = pyplot.subplots(figsize=(7.0, 3.6))
        {"bar": _bars, "line": _lines, "spc": _spc}[data.kind](axes, data)
        axes.set_xlabel(data.x_label)
        axes.set_ylabel(data.y_label)
        figure.tight_layout()
        outputs = []
        for fmt, options in (("svg", {"metadata": {"Date": None}}), ("png", {"dpi": 200})):
            buffer = io.BytesIO()
            figure.savefig(buffer, format=fmt, **options)
            outputs.append(buffer.getvalue())
        pyplot.close(figure)
    return outputs[0], outputs[1]


_STYLE = {
    "font.family": ["Liberation Sans", "DejaVu Sans"],
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#dddddd",
    "svg.hashsalt": "reportgen",
}


def _bars(axes: object, data: ChartData) -> None:
    count = len(data.series)
    width = 0.8 / count
    positions = range(len(data.categories))
    for index, (series, values) in enumerate(zip(data.series, data.values, strict=True)):
        offsets = [p - 0.4 + width * (index + 0.5) for p in positions]
        axes.bar(
            offsets,
            [v or 0 for v in values],
            width,
            label=series,
            color=PALETTE[index % len(PALETTE)],
        )
    axes.set_xticks(
        list(positions),
        data.categories,
        rotation=30 if len(data.categories) > 5 else 0,
        ha="right" if len(data.categories) > 5 else "center",
    )
    if count > 1:
        _legend_above(axes, count)


def _lines(axes: object, data: ChartData) -> None:
    for index, (series, values) in enumerate(zip(data.series, data.values, strict=True)):
        axes.plot(
            data.categories, values, marker="o", label=series, color=PALETTE[index % len(PALETTE)]
        )
    if len(data.series) > 1:
        _legend_above(axes, len(data.series))


def _spc(axes: object, data: ChartData) -> None:
    values = data.values[0]
    centre, lower, upper = figures.control_limits([v for v in values if v is not None])
    axes.plot(data.categories, values, marker="o", color=NAVY, label=data.series[0])
    for level, label, style in (
        (centre, "Centre line", "-"),
        (upper, "Upper control limit", "--"),
        (lower, "Lower control limit", "--"),
    ):
        axes.axhline(
            level,
            color=ORANGE if style == "--" else GREY,
            linestyle=style,
            linewidth=1,
            label=label,
        )
    axes.tick_params(axis="x", labelrotation=45)
    _legend_above(axes, 4)


def _legend_above(axes: object, entries: int) -> None:
    """The key above the plot, where it cannot cover a bar or a point."""
    axes.legend(
        frameon=False,
        ncols=min(entries, 4),
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        fontsize=8,
    )
