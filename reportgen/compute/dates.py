"""Dates as the house style prints them (its ``dates:``, each style named by how it
writes 13 February 2018)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from reportgen.compute.figures import ordinal
from reportgen.model.house_style import DateStyle

DATE_STYLES: dict[DateStyle, Callable[[dt.date], str]] = {
    "13 February 2018": lambda day: f"{day.day} {day:%B} {day.year}",
    "February 13th 2018": lambda day: f"{day:%B} {ordinal(day.day)} {day.year}",
    "13th February 2018": lambda day: f"{ordinal(day.day)} {day:%B} {day.year}",
    "Tuesday 13 February 2018": lambda day: f"{day:%A} {day.day} {day:%B} {day.year}",
}
"""How each date style writes a date. (%B and %A are English whatever the computer's
locale: Python's are unless a program changes its locale, and reportgen does not.)"""


def printed_date(day: dt.date, style: DateStyle) -> str:
    """``day`` as the house style prints dates, e.g. 13 February 2018."""
    return DATE_STYLES[style](day)
