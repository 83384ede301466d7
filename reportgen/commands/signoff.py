"""``signoff`` and ``status``: recording a sign-off, and where every sign-off stands."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportgen.commands.gate import read_year_for_signoff
from reportgen.model.report import Record
from reportgen.signoff import Status, record_signoff, statuses


def sign_off(folder: Path | str, row: str, by: str, now: dt.datetime | None = None) -> Record:
    """Record that ``by`` cleared ``row`` as its text reads now. Refuses if the content has
    errors, the row is unknown, or ``by`` is not the officer who must sign it."""
    return record_signoff(read_year_for_signoff(folder), row, by, now)


def status(folder: Path | str) -> list[Status]:
    """Every required sign-off's state, then any recorded entry for nothing required."""
    return statuses(read_year_for_signoff(folder))
