"""Figures as typed, read: ``"1,171"``, ``"-6.8%"``, ``"£40,814"``, and the marks
statistical tables use where there is no figure."""

from __future__ import annotations

import re

NOT_A_NUMBER = {"", "-", "\u2013", "n/a", "N/A", "na", "*", "..", "x"}
"""Marks statistical tables use where there is no figure: blank, nil, not applicable,
suppressed (a small number withheld), not available."""
NIL = {"-", "\u2013"}
"""How statistical tables print a nil figure."""
_PLAIN_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)")
_DECORATION = re.compile(r"[,£%\s]")


def parse_number(text: str | None) -> float | None:
    """``"1,171"`` → 1171.0, ``"-6.8%"`` → -6.8, ``"£40,814"`` → 40814.0; blank, ``n/a``,
    ``-`` and the suppression mark ``*`` → None."""
    if text is None or text.strip() in NOT_A_NUMBER:
        return None
    cleaned = _DECORATION.sub("", text)
    if not _PLAIN_NUMBER.fullmatch(cleaned):
        return None
    return float(cleaned)
