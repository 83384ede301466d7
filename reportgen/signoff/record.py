"""Signing off: recording that the named officer cleared a part of the report as its text
reads now, in the year's signoffs.yaml."""

from __future__ import annotations

import datetime as dt

from reportgen.exceptions import ContentError, RefusedError
from reportgen.model.files import SIGNOFF_FILE
from reportgen.model.report import Record
from reportgen.problems import suggest
from reportgen.signoff.required import required_signoffs
from reportgen.types import Year
from reportgen.validate.signoffs import read_signoff_file
from reportgen.write.signoffs import locked, write_record


def record_signoff(year: Year, row: str, by: str, now: dt.datetime | None = None) -> Record:
    """Record that ``by`` cleared ``row`` of a year without errors, as its text reads now.
    Refuses if the row is unknown or ``by`` is not the officer who must sign it."""
    required = {item.id: item for item in required_signoffs(year)}
    if row not in required:
        raise RefusedError(f"nothing called {row!r} needs signing off; {suggest(row, required)}")
    item = required[row]
    if by != item.officer.name:
        raise RefusedError(
            f"{item.what} must be signed off by {item.officer.name} ({item.officer.role}), "
            f"not {by}."
        )
    moment = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    record = Record(
        row=row,
        by=by,
        role=item.officer.role,
        signed_at=moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        sha256=item.sha256,
        text=item.text,
    )
    with locked(year.folder):
        _, problems = read_signoff_file(year.folder)
        if problems:  # never rewrite a file that cannot be read
            raise ContentError(problems)
        write_record(year.folder / SIGNOFF_FILE, record)
    return record
