"""``signoff`` and ``status``: recording a sign-off, and where every sign-off stands."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportgen.commands.gate import read_year_for_signoff
from reportgen.model.report import Record
from reportgen.signoff import Status, record_signoff, statuses


def sign_off(
    folder: Path | str,
    item: str,
    by: str,
    now: dt.datetime | None = None,
    config: Path | str | None = None,
) -> Record:
    """Record that ``by`` cleared ``item`` (an implications row such as ``legal``, or
    another part officers.yaml names) as its text reads now, for this report and
    meeting, signed with their key from ``config`` (their configuration folder; default
    $REPORTGEN_CONFIG or ~/.config/reportgen) if they have one. Refuses if the content has
    errors, the item is unknown, ``by`` is not the officer who must sign it, or
    officers.yaml requires signatures and ``by`` has no matching key."""
    year = read_year_for_signoff(folder)
    return record_signoff(year, item, by, now, Path(config) if config else None)


def status(folder: Path | str) -> list[Status]:
    """Every required sign-off's state, then any recorded entry for nothing required."""
    return statuses(read_year_for_signoff(folder))
