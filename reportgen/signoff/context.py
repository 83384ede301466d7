"""What a sign-off is for, besides its text: the year folder, the report, the committee and
the meeting it goes to, and what the part is. A sign-off given for one meeting does not
carry over to another, so a year folder copied to start the next year starts with nothing
signed."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from reportgen.model.report import Record
from reportgen.types import Year

SIGNED_MESSAGE_VERSION = "reportgen sign-off 1"
"""Heads every signed message, so a signature made for anything else never passes."""


@dataclass(frozen=True)
class Context:
    """The year folder, report, committee and meeting a year's sign-offs are for."""

    year: str
    report: str
    committee: str
    meeting: dt.date


def year_context(year: Year) -> Context:
    """The context of ``year``'s sign-offs, from its report.yaml."""
    report = year.report
    return Context(year.name, report.title, report.committee, report.meeting_date)


def spoken_date(day: dt.date) -> str:
    """A date as people write it: 13 February 2018."""
    return f"{day.day} {day:%B %Y}"


def context_changes(record: Record, what: str, context: Context) -> str:
    """Why ``record`` was not given for this report, committee, meeting and part, in plain
    words; empty when it was."""
    if record.meeting is None or None in (
        record.what,
        record.year,
        record.report,
        record.committee,
    ):
        return (
            "it does not record the report and meeting it was signed for (an entry written "
            "by an earlier reportgen or by hand), so it cannot count for this meeting; sign "
            "it again"
        )
    changes = []
    if record.meeting != context.meeting:
        changes.append(
            f"signed for the meeting of {spoken_date(record.meeting)}, not this report's "
            f"meeting of {spoken_date(context.meeting)}"
        )
    if record.year != context.year:
        changes.append(
            f"signed in the year folder {record.year}, not {context.year} (a sign-off does not "
            "carry over to a copied folder)"
        )
    if record.committee != context.committee:
        changes.append(f"signed for {record.committee}, not {context.committee}")
    if record.report != context.report:
        changes.append(f"signed for the report {record.report!r}, not {context.report!r}")
    if record.what != what:
        changes.append(f"signed as {record.what!r}, which is now {what!r}")
    return "; ".join(changes)


def signed_message(record: Record) -> bytes:
    """The bytes an officer's key signs: every field of the entry but the signature itself
    (the text through its SHA-256), so changing any of them, the time included, breaks
    the signature."""
    fields = {
        "row": record.row,
        "what": record.what,
        "year": record.year,
        "report": record.report,
        "committee": record.committee,
        "meeting": record.meeting.isoformat() if record.meeting else None,
        "by": record.by,
        "role": record.role,
        "signed_at": record.signed_at,
        "sha256": record.sha256,
        "key": record.key,
    }
    body = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return f"{SIGNED_MESSAGE_VERSION}\n{body}".encode()
