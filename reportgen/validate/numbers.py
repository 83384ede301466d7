"""Figures as typed, read: ``"1,171"``, ``"-6.8%"``, ``"£40,814"``, and the marks
statistical tables use where there is no figure."""

from __future__ import annotations

import math
import re

NOT_A_NUMBER = {"", "-", "\u2013", "n/a", "N/A", "na", "*", "..", "x"}
"""Marks statistical tables use where there is no figure: blank, nil, not applicable,
suppressed (a small number withheld), not available."""
NIL = {"-", "\u2013"}
"""How statistical tables print a nil figure."""
MOST_DIGITS = 15
"""The most digits a figure may have, before and after the decimal point together: a
computer's arithmetic is exact to 15 digits, so a longer figure could print differently
from the way it was typed (and a 400-digit one cannot be computed with at all)."""
LARGEST = 10.0**MOST_DIGITS
"""Every figure, typed or computed, is smaller than this (a thousand million million)."""
_PLAIN_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)", re.ASCII)
_DECORATION = re.compile(r"[,£%\s]")
_SIMPLE_NUMBER = re.compile(r"-?\d+(\.\d+)?", re.ASCII)


def parse_number(text: str | None) -> float | None:
    """``"1,171"`` → 1171.0, ``"-6.8%"`` → -6.8, ``"£40,814"`` → 40814.0; blank, ``n/a``,
    ``-`` and the suppression mark ``*`` → None, and so is a figure with more than
    :data:`MOST_DIGITS` digits (see :func:`digits_in`)."""
    if text is None:
        return None
    if len(text) <= MOST_DIGITS and _SIMPLE_NUMBER.fullmatch(text):
        return float(text)  # "1171", "-6.8": most cells, read at once (ASCII digits only:
        # Python would read other scripts' digits too, and print them as different text)
    if text.strip() in NOT_A_NUMBER:
        return None
    cleaned = _DECORATION.sub("", text)
    if not _PLAIN_NUMBER.fullmatch(cleaned):
        return None
    if len(cleaned) > MOST_DIGITS and _digit_count(cleaned) > MOST_DIGITS:
        return None
    value = float(cleaned)
    return value if math.isfinite(value) else None


def digits_in(text: str) -> int:
    """How many digits a figure as typed has (leading zeros not counted): ``"1,171"`` → 4,
    ``"0.25"`` → 2, ``"12.50%"`` → 4; 0 for text that is not written as a figure."""
    cleaned = _DECORATION.sub("", text)
    return _digit_count(cleaned) if _PLAIN_NUMBER.fullmatch(cleaned) else 0


def _digit_count(cleaned: str) -> int:
    whole, _, fraction = cleaned.lstrip("+-").partition(".")
    return len(whole.lstrip("0")) + len(fraction)
