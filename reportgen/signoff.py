"""Sign-off bound to the text: who cleared which part of the report, when, and a hash of
exactly the words they cleared.

Every implications row must be cleared by the officer its ``sign_off`` names, and
officers.yaml may name other parts (a section, a library text, a data table, the
recommendations). ``reportgen signoff`` records a sign-off in the year's signoffs.yaml:
the officer, their role, the time, the SHA-256 of the text and the text itself (so a later
change can be shown word by word). The file is rewritten keeping its comments, atomically.

A sign-off is **signed** while the text is unchanged, **stale** once it changes,
**missing** if never given, and **invalid** when the entry cannot be trusted: its hash
does not match the text it records (it was edited by hand), or the wrong officer signed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportgen.compute.blocks import BlockExpander, TextBlock
from reportgen.exceptions import ContentError, RefusedError
from reportgen.model.report import Record, SigningOfficer
from reportgen.problems import suggest
from reportgen.signoff_file import SIGNOFF_FILE, Entry, locked, read_signoff_file, write_record
from reportgen.year import Year, read_year

STATES = ("signed", "missing", "stale", "invalid")
"""The states a sign-off can be in (``Status.state``)."""


# --- what must be signed -------------------------------------------------------------------


@dataclass(frozen=True)
class Required:
    """A part of the report an officer must clear, and its text as it reads now."""

    id: str
    what: str
    officer: SigningOfficer
    text: str

    @property
    def sha256(self) -> str:
        return fingerprint(self.text)


def fingerprint(text: str) -> str:
    """The SHA-256 of ``text`` with its spacing normalised (line breaks do not count)."""
    return hashlib.sha256(normal(text).encode("utf-8")).hexdigest()


def normal(text: str) -> str:
    return " ".join(text.split())


def required_signoffs(year: Year) -> list[Required]:
    """Every sign-off the year's report needs, in report order."""
    expand = BlockExpander(year)
    officers = year.officers.officers
    required = [
        Required(
            row.id,
            f"{row.issue} implications",
            next(o for o in officers if o.answers_to(row.sign_off)),
            normal(f"{row.issue}: {blocks_text(expand.blocks(row.implications))}"),
        )
        for row in year.implications.rows
    ]
    for other in year.officers.also_signed_off:
        kind, name = other.what
        officer = next(o for o in officers if o.name == other.by)
        required.append(
            Required(other.id, _describe(kind, name), officer, _text_of(year, kind, name, expand))
        )
    return required


def _describe(kind: str, name: str) -> str:
    return "the recommendations" if kind == "recommendations" else f"{kind} {name!r}"


def _text_of(year: Year, kind: str, name: str, expand: BlockExpander) -> str:
    if kind == "recommendations":
        lines = [f"{n}. {text}" for n, text in enumerate(year.report.recommendations, start=1)]
        return normal(" ".join(lines))
    if kind == "section":
        section = next(s for s in year.sections.sections if s.title == name)
        return normal(f"{section.title}: {blocks_text(expand.blocks(section.content))}")
    if kind == "library":
        return normal(blocks_text(expand.blocks(year.library[name].entry.text)))
    table = expand.tables[name]
    rows = [" | ".join(table.headings)] + [" | ".join(row.cells) for row in table.rows]
    return normal(f"{table.title}: " + " / ".join(rows))


def blocks_text(blocks: tuple[TextBlock, ...]) -> str:
    """The words of laid-out blocks, as a reader sees them."""
    parts = []
    for block in blocks:
        parts += [block.number, block.text]
        parts += [f"{item.label} {item.text}" for item in block.items]
        if block.table:
            parts.append(" | ".join(block.table.headings))
            parts += [" | ".join(row.cells) for row in block.table.rows]
    return " ".join(part for part in parts if part)


# --- the sign-off file -----------------------------------------------------------------------


def read_entries(folder: Path) -> list[Entry]:
    """The recorded sign-offs. Raises ContentError if the file cannot be read at all."""
    entries, problems = read_signoff_file(folder)
    if problems:
        raise ContentError(problems)
    return entries


# --- status ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Status:
    """Where one required sign-off stands."""

    row: str
    what: str
    state: str
    signer: str
    role: str
    signed_at: str = ""
    reason: str = ""
    changes: list[dict[str, str]] = field(default_factory=list)
    required: bool = True
    """False for an entry naming nothing that needs signing off."""

    @property
    def redline(self) -> str:
        """What changed since it was signed, as ``[-removed-]{+added+}``, one per line."""
        return format_redline(self.changes)

    def as_json(self) -> dict[str, object]:
        return {
            "row": self.row,
            "what": self.what,
            "state": self.state,
            "signer": self.signer,
            "role": self.role,
            "signed_at": self.signed_at or None,
            "reason": self.reason or None,
            "changes": self.changes,
            "required": self.required,
        }


def status(folder: Path) -> list[Status]:
    """Every required sign-off's state, then any recorded entry for nothing required."""
    return statuses(read_year_for_signoff(Path(folder)))


def statuses(year: Year) -> list[Status]:
    """:func:`status` for a year already read."""
    required = required_signoffs(year)
    latest = {entry.row: entry for entry in year.signoffs}
    found = [_status(item, latest.pop(item.id, None)) for item in required]
    known = [item.id for item in required]
    for row, entry in latest.items():
        found.append(_orphan(row, entry, known))
    return found


def _orphan(row: str | None, entry: Entry, known: list[str]) -> Status:
    """An entry for nothing the report needs signed off (renamed, removed, or mistyped):
    shown as invalid, but not holding up a final build or publication."""
    record = entry.record
    reason = (
        f"no part of the report is called {row!r} ({suggest(row, known)}); if it was renamed "
        f"or removed, delete this entry from {SIGNOFF_FILE}"
        if row
        else f"this entry names no row: {entry.fault}"
    )
    return Status(
        row or "(unreadable entry)",
        "(nothing of that name needs signing off)",
        "invalid",
        record.by if record else "",
        record.role if record else "",
        record.signed_at if record else "",
        reason,
        required=False,
    )


def _status(item: Required, entry: Entry | None) -> Status:
    officer = item.officer
    if entry is None:
        return Status(item.id, item.what, "missing", officer.name, officer.role)
    record = entry.record
    if record is None:
        reason = f"the entry cannot be read as a sign-off ({entry.fault})"
        return Status(item.id, item.what, "invalid", officer.name, officer.role, reason=reason)
    signed = Status(item.id, item.what, "signed", record.by, record.role, record.signed_at)
    if fingerprint(record.text) != record.sha256:
        reason = "its hash does not match the text it records: the entry was edited by hand"
        return replace(signed, state="invalid", reason=reason)
    if record.by != officer.name:
        reason = f"signed by {record.by}, but {item.what} must be signed off by {officer.name}"
        return replace(signed, state="invalid", reason=reason)
    if record.sha256 != item.sha256:
        changes = word_changes(record.text, item.text)
        return replace(signed, state="stale", changes=changes)
    return signed


def word_changes(before: str, after: str) -> list[dict[str, str]]:
    """What changed, word by word: each change's removed and added words."""
    old, new = before.split(), after.split()
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return [
        {"removed": " ".join(old[i1:i2]), "added": " ".join(new[j1:j2])}
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def format_redline(changes: list[dict[str, str]]) -> str:
    """Changes as ``[-removed-]{+added+}``, one per line."""
    return "\n".join(
        (f"[-{c['removed']}-]" if c["removed"] else "")
        + (f"{{+{c['added']}+}}" if c["added"] else "")
        for c in changes
    )


def all_current(statuses: list[Status]) -> bool:
    """Whether every required sign-off is signed (entries for nothing required aside)."""
    return all(s.state == "signed" for s in statuses if s.required)


def summary(statuses: list[Status]) -> str:
    """One line: how many sign-offs are current, and what that means for the documents."""
    required = [s for s in statuses if s.required]
    current = sum(s.state == "signed" for s in required)
    if current == len(required):
        return f"Sign-off: all {current} current; documents build as final."
    return (
        f"Sign-off: {current} of {len(required)} current; documents build as drafts until "
        "all are (reportgen status lists them)."
    )


def outstanding(statuses: list[Status]) -> list[str]:
    """One line per sign-off that is not current, for refusals."""
    return [describe(s) for s in statuses if s.state != "signed" and s.required]


def describe(status_: Status) -> str:
    """One line: the row, its state, and who signed (or must sign) it."""
    s = status_
    who = (
        f"to be signed off by {s.signer}, {s.role}"
        if s.state == "missing"
        else f"signed off by {s.signer}, {s.role}, at {s.signed_at}"
    )
    return f"{s.row}: {s.state} - {s.what}, {who}" + (f"; {s.reason}" if s.reason else "")


# --- signing ---------------------------------------------------------------------------------


def sign_off(folder: Path, row: str, by: str, now: dt.datetime | None = None) -> Record:
    """Record that ``by`` cleared ``row`` as its text reads now. Refuses if the content has
    errors, the row is unknown, or ``by`` is not the officer who must sign it."""
    year = read_year_for_signoff(Path(folder))
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
        read_entries(year.folder)  # never rewrite a file that cannot be read
        write_record(year.folder / SIGNOFF_FILE, record)
    return record


def read_year_for_signoff(folder: Path) -> Year:
    """The year, or a refusal listing only its errors (warnings do not stop signing)."""
    try:
        return read_year(folder)
    except ContentError as error:
        raise ContentError([p for p in error.problems if p.is_error]) from error
