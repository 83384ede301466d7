"""Derived figures — the one place they are computed: differences, % change, rates per
1,000 population, rankings, shares and totals — and how they are printed.

Everything here is a pure function of numbers, so each can be tested on its own.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from itertools import pairwise

# Figures as typed are read by the validate step; they are part of this module's API too.
from reportgen.validate.numbers import LARGEST as LARGEST
from reportgen.validate.numbers import MOST_DIGITS
from reportgen.validate.numbers import NIL as NIL
from reportgen.validate.numbers import NOT_A_NUMBER as NOT_A_NUMBER
from reportgen.validate.numbers import parse_number as parse_number

MISSING = None
_DECIMAL_PLACES = re.compile(r"\.(\d+)")


def difference(current: float | None, previous: float | None) -> float | None:
    """``current - previous``."""
    if current is None or previous is None:
        return MISSING
    return current - previous


def percent_change(current: float | None, previous: float | None) -> float | None:
    """% change from ``previous`` to ``current``; None when there is no base (0 or missing)."""
    if current is None or previous is None or previous == 0:
        return MISSING
    return (current - previous) / previous * 100


def rate(count: float | None, population: float | None, per: int = 1000) -> float | None:
    """``count`` per ``per`` people."""
    if count is None or population is None or population <= 0:
        return MISSING
    try:
        return count / population * per
    except OverflowError:  # a ``per`` too large to compute with: reported by verify
        return math.inf


def share(part: float | None, whole: float | None) -> float | None:
    """``part`` as a percentage of ``whole``."""
    if part is None or whole is None or whole == 0:
        return MISSING
    return part / whole * 100


def total(values: Iterable[float | None]) -> float | None:
    """The sum, or None if any value is missing (a total of unknowns is unknown)."""
    values = list(values)
    if not values or any(value is None for value in values):
        return MISSING
    return sum(values)  # type: ignore[arg-type]


def ranking(
    values: Mapping[str, float | None], highest_first: bool = False, decimals: int | None = None
) -> dict[str, int]:
    """Rank rows by value: 1 for the lowest (or highest), ties share the better rank and
    the next rank is skipped ("1, 2, 2, 4"). Rows with no value are not ranked. With
    ``decimals``, values are compared as printed, so two rates shown as 56.6 tie."""
    present = {row: value for row, value in values.items() if value is not None}
    if decimals is not None:
        present = {row: round_half_up(value, decimals) for row, value in present.items()}
    ordered = sorted(present.values(), reverse=highest_first)
    first_place: dict[float, int] = {}
    for place, value in enumerate(ordered, start=1):
        first_place.setdefault(value, place)
    return {row: first_place[value] for row, value in present.items()}


def round_half_up(value: float, decimals: int) -> float:
    """Round as people do (2.25 → 2.3), not as floats do (banker's rounding). A figure too
    large to round (or not finite) is left as it is: verify reports it before it is shown."""
    if not -LARGEST < value < LARGEST or decimals > MOST_DIGITS:  # also inf and NaN
        return value
    scale = 10**decimals
    return math.floor(abs(value) * scale + 0.5 + 1e-9) / scale * (1 if value >= 0 else -1)


def format_number(
    value: float | None,
    decimals: int = 0,
    signed: bool = False,
    suffix: str = "",
    missing: str = "n/a",
) -> str:
    """``9178`` → ``9,178``; ``-2.468, 1, signed, "%"`` → ``-2.5%``; None → ``n/a``
    (and so is a figure that cannot be computed, which verify reports as an error)."""
    if value is None or not math.isfinite(value):
        return missing
    rounded = value if value % 1 == 0 else round_half_up(value, decimals)  # whole: as it is
    if rounded == 0:
        rounded = 0.0  # no "-0.0"
    text = f"{abs(rounded):,.{decimals}f}"
    sign = "-" if rounded < 0 else ("+" if signed and rounded > 0 else "")
    return f"{sign}{text}{suffix}"


def ordinal(number: int) -> str:
    """6 → ``6th``, 1 → ``1st``, 12 → ``12th``, 22 → ``22nd``."""
    if 11 <= number % 100 <= 13:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def decimals_in(text: str | None) -> int:
    """The decimal places a published figure was rounded to: ``"12.7"`` → 1, ``"30%"`` → 0.
    Spreadsheets often show a one-decimal figure with two places (``"12.70%"``): a final
    zero after two or more places is not counted."""
    if not text or "." not in text:
        return 0
    match = _DECIMAL_PLACES.search(text)
    if not match:
        return 0
    digits = match.group(1)
    return len(digits) - 1 if len(digits) >= 2 and digits.endswith("0") else len(digits)


def agrees(computed: float | None, published_text: str | None) -> bool:
    """Whether a published figure matches the computed one, allowing for its rounding."""
    published = parse_number(published_text)
    if published_text is not None and published_text.strip() in NIL and computed == 0:
        return True
    if published is None or computed is None:
        return (published is None and computed is None) or published_text is None
    tolerance = 0.5 * 10 ** -decimals_in(published_text) + 1e-9
    return abs(computed - published) <= tolerance


def control_limits(counts: list[float]) -> tuple[float, float, float]:
    """Statistical process control (XmR chart) for monthly counts: the centre line (the
    average) and the lower and upper control limits, average plus or minus 2.66 times the average
    month-to-month change. The lower limit is never below 0 (counts cannot be)."""
    if len(counts) < 2:
        raise ValueError("an SPC chart needs at least two months of counts")
    centre = sum(counts) / len(counts)
    moving_ranges = [abs(b - a) for a, b in pairwise(counts)]
    spread = 2.66 * sum(moving_ranges) / len(moving_ranges)
    return centre, max(0.0, centre - spread), centre + spread
