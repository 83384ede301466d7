"""A chart in a chapter file (``charts:``), drawn from one of the chapter's tables and
placed in the text with ``- chart: NAME``."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from reportgen.model.base import Content, text_field


class Chart(Content):
    """A chart drawn from one of the tables: bars or lines per row, one series per column,
    or a statistical process control (SPC) chart of one column of monthly counts."""

    kind: Literal["bar", "grouped", "hbar", "line", "spc"] = Field(
        description=(
            "bar: a bar for each row, standing up (several series stand side by side); "
            "grouped: two or more series compared row by row, their bars side by side in "
            "a group for each row, with a key; "
            "hbar: bars lying across the page, the rows listed down the side, which suits "
            "long labels such as survey answers (several series are grouped); "
            "line: a line for each series; "
            "spc: a statistical process control chart of one column of monthly counts"
        )
    )
    title: str = text_field("the chart's title, as printed above it")
    table: str = text_field("the table the figures come from")
    series: list[str] = Field(
        min_length=1, description="the table's columns to plot (their names), one per series"
    )
    rows: list[str] | None = Field(
        None,
        description="the rows to plot, in order (default: every row but aggregates)",
        examples=[["Maidstone", "Tonbridge and Malling", "Tunbridge Wells"]],
    )
    x_label: str = text_field(
        "the label of the horizontal axis, along the bottom (for hbar, the figures' axis)"
    )
    y_label: str = text_field(
        "the label of the vertical axis, up the side (for hbar, the rows' axis)"
    )
    description: str | None = Field(
        None,
        description="alt text for readers who cannot see the chart (default: generated)",
        examples=["Recorded crime fell in every district but Maidstone, where it rose by 4%"],
    )
