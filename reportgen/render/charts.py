"""Charts drawn with matplotlib: bar (standing, grouped or lying across the page), line
and SPC (statistical process control) charts, as SVG (for HTML and PDF) and PNG (for
Word). Each distinct chart is drawn once per build, before the documents are rendered;
with a cache (handed in by the build), an unchanged chart is not drawn again at all."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import io
import json
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from reportgen.compute import figures
from reportgen.compute.charts import ChartData, ChartView
from reportgen.load.data import printable
from reportgen.types import ComputedTable

if TYPE_CHECKING:
    from matplotlib.axes import Axes

DRAWING_CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
"""Part of every cached chart's key: a change to how charts are drawn redraws them."""
NAVY, ORANGE, GREY = "#1d3b6e", "#d9822b", "#6b6b6b"
PALETTE = (NAVY, ORANGE, "#2e8b57", "#8b3a62", "#4f81bd", "#9c9c9c")


class PictureCache(Protocol):
    """Where drawn charts are kept between builds (the write step provides one)."""

    def get(self, name: str) -> bytes | None:
        """The file ``name`` kept before, or None."""

    def put(self, name: str, payload: bytes) -> None:
        """Keep ``payload`` as ``name``; failing to keep it only costs time later."""


@dataclass(frozen=True)
class ChartPicture:
    """A drawn chart: SVG for HTML and PDF, PNG for Word."""

    svg: bytes
    png: bytes

    @property
    def svg_data_url(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg).decode("ascii")


Pictures = dict[str, ChartPicture]
"""Drawn charts by :func:`picture_key`."""


@dataclass(frozen=True)
class DrawnChart(ChartView):
    """A chart as the templates receive it: its title, description and figures, and its
    pictures (``svg``, ``png``, ``svg_data_url``)."""

    svg: bytes = b""
    png: bytes = b""

    @property
    def svg_data_url(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg).decode("ascii")


Document = TypeVar("Document")


def with_pictures(document: Document, pictures: Pictures) -> Document:
    """``document`` with each of its charts given its pictures (drawn now if they were
    not drawn before), so a template places ``view.svg_data_url`` or ``view.png``."""
    if isinstance(document, ChartView) and not isinstance(document, DrawnChart):
        picture = picture_of(pictures, document)
        fields = {item.name: getattr(document, item.name) for item in dataclasses.fields(document)}
        return cast(Document, DrawnChart(**fields, svg=picture.svg, png=picture.png))
    if isinstance(document, tuple) and not hasattr(document, "_fields"):
        items = tuple(with_pictures(item, pictures) for item in document)
        same = all(new is old for new, old in zip(items, document, strict=True))
        return document if same else cast(Document, items)
    if dataclasses.is_dataclass(document) and not isinstance(document, type | ComputedTable):
        changed = {
            item.name: new
            for item in dataclasses.fields(document)
            if (new := with_pictures(old := getattr(document, item.name), pictures)) is not old
        }
        return dataclasses.replace(document, **changed) if changed else document
    return document


def picture_key(data: ChartData) -> str:
    """What a chart's picture depends on: its figures, the drawing code, matplotlib."""
    payload = json.dumps(
        [DRAWING_CODE, _matplotlib_version(), data.__dict__], default=list, sort_keys=True
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:20]


def draw_charts(charts: Iterable[ChartView], cache: PictureCache | None = None) -> Pictures:
    """Every distinct chart drawn once (or taken from the cache)."""
    pictures: Pictures = {}
    for chart in charts:
        key = picture_key(chart.data)
        if key not in pictures:
            pictures[key] = (
                _cached(key, chart.data, cache) if cache else ChartPicture(*_drawn(chart.data))
            )
    return pictures


def draw_pictures(charts: dict[str, ChartData]) -> Pictures:
    """Each chart's figures (by :func:`picture_key`) drawn, with no cache."""
    return {key: ChartPicture(*_drawn(data)) for key, data in charts.items()}


def in_cache(cache: PictureCache, key: str) -> bool:
    """Whether the cache holds both pictures of the chart ``key``."""
    return cache.get(f"{key}.svg") is not None and cache.get(f"{key}.png") is not None


def picture_of(pictures: Pictures, chart: ChartView) -> ChartPicture:
    """The drawn picture of ``chart`` (drawn now if it was not drawn before)."""
    key = picture_key(chart.data)
    if key not in pictures:
        pictures[key] = ChartPicture(*_drawn(chart.data))
    return pictures[key]


def charts_in(value: Any) -> list[ChartView]:
    """Every chart in a computed document, in order."""
    if isinstance(value, ChartView):
        return [value]
    if isinstance(value, list | tuple):
        return [chart for item in value for chart in charts_in(item)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [
            chart
            for item in dataclasses.fields(value)
            for chart in charts_in(getattr(value, item.name))
        ]
    return []


def _cached(key: str, data: ChartData, cache: PictureCache) -> ChartPicture:
    svg, png = cache.get(f"{key}.svg"), cache.get(f"{key}.png")
    if svg is not None and png is not None:
        return ChartPicture(svg, png)
    picture = ChartPicture(*_drawn(data))
    cache.put(f"{key}.svg", picture.svg)
    cache.put(f"{key}.png", picture.png)
    return picture


def _matplotlib_version() -> str:
    try:
        return metadata.version("matplotlib")
    except metadata.PackageNotFoundError:
        return "none"


def _printable(data: ChartData) -> ChartData:
    """The chart's words with any character matplotlib cannot draw (a control character,
    half of a character) replaced by U+FFFD. ``check`` refuses such text, so this only
    guards a chart made some other way."""
    return dataclasses.replace(
        data,
        x_label=printable(data.x_label),
        y_label=printable(data.y_label),
        categories=tuple(map(printable, data.categories)),
        series=tuple(map(printable, data.series)),
    )


def _drawn(data: ChartData) -> tuple[bytes, bytes]:
    import matplotlib

    data = _printable(data)

    matplotlib.use("Agg")
    from matplotlib import pyplot

    with matplotlib.rc_context(cast(Any, _STYLE)):
        figure, axes = pyplot.subplots(figsize=(7.0, _height(data)))
        _DRAWERS[data.kind](axes, data)
        if data.kind == "hbar":  # its categories down the side, its figures along the bottom
            axes.set_xlabel(data.y_label)
            axes.set_ylabel(data.x_label)
        else:
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


_STYLE: dict[str, Any] = {
    "font.family": ["Liberation Sans", "DejaVu Sans"],
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#dddddd",
    "svg.hashsalt": "reportgen",
    "text.parse_math": False,  # a $ in a label is a dollar sign, never a formula
}


def _each_series(axes: Axes, data: ChartData, horizontal: bool = False) -> range:
    """One bar per series for each category, side by side (or one above the other, for
    bars lying across); returns the categories' positions."""
    count = len(data.series)
    thickness = 0.8 / count
    positions = range(len(data.categories))
    draw = axes.barh if horizontal else axes.bar
    for index, (series, values) in enumerate(zip(data.series, data.values, strict=True)):
        offsets = [p - 0.4 + thickness * (index + 0.5) for p in positions]
        draw(
            offsets,
            [v or 0 for v in values],
            thickness,
            label=series,
            color=PALETTE[index % len(PALETTE)],
        )
    return positions


def _bars(axes: Axes, data: ChartData) -> None:
    count = len(data.series)
    positions = _each_series(axes, data)
    axes.set_xticks(
        list(positions),
        data.categories,
        rotation=30 if len(data.categories) > 5 else 0,
        ha="right" if len(data.categories) > 5 else "center",
    )
    if count > 1:
        _legend_above(axes, count)


def _hbars(axes: Axes, data: ChartData) -> None:
    """Bars lying across the page, the first category at the top, its labels wrapped so a
    long survey answer fits beside its bar."""
    count = len(data.series)
    positions = _each_series(axes, data, horizontal=True)
    axes.set_yticks(list(positions), [textwrap.fill(c, HBAR_LABEL_WIDTH) for c in data.categories])
    axes.invert_yaxis()
    axes.grid(False, axis="y")
    axes.grid(True, axis="x")
    if count > 1:
        _legend_above(axes, count)


HBAR_LABEL_WIDTH = 34
"""The characters on each line of a horizontal bar chart's category label."""


def _height(data: ChartData) -> float:
    """The picture's height in inches: a horizontal bar chart grows with its bars."""
    if data.kind != "hbar":
        return 3.6
    lines = sum(len(textwrap.wrap(c, HBAR_LABEL_WIDTH)) or 1 for c in data.categories)
    per_category = 0.32 + 0.16 * (len(data.series) - 1)
    needed = 1.2 + max(per_category * len(data.categories), 0.17 * lines)
    return min(max(needed, 2.4), 9.0)


def _lines(axes: Axes, data: ChartData) -> None:
    for index, (series, values) in enumerate(zip(data.series, data.values, strict=True)):
        axes.plot(
            data.categories,
            cast(Any, values),
            marker="o",
            label=series,
            color=PALETTE[index % len(PALETTE)],
        )
    if len(data.series) > 1:
        _legend_above(axes, len(data.series))


def _spc(axes: Axes, data: ChartData) -> None:
    values = data.values[0]
    centre, lower, upper = figures.control_limits([v for v in values if v is not None])
    axes.plot(data.categories, cast(Any, values), marker="o", color=NAVY, label=data.series[0])
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


_DRAWERS = {"bar": _bars, "grouped": _bars, "hbar": _hbars, "line": _lines, "spc": _spc}
"""How each kind of chart is drawn (a grouped chart is a bar chart of several series)."""


def _legend_above(axes: Axes, entries: int) -> None:
    """The key above the plot, where it cannot cover a bar or a point."""
    axes.legend(
        frameon=False,
        ncols=min(entries, 4),
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        fontsize=8,
    )
