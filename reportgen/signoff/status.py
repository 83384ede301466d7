"""Where each sign-off stands: **signed** while the text is unchanged, **stale** once it
changes (with what changed, word by word), **missing** if never given, and **invalid** when
the entry cannot be trusted: its hash does not match the text it records (it was edited by
hand), or the wrong officer signed."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from enum import StrEnum

from reportgen.model.files import SIGNOFF_FILE
from reportgen.problems import suggest
from reportgen.signoff.required import Required, required_signoffs, text_hash
from reportgen.types import SignOffEntry, Year


class SignOffState(StrEnum):
    """The states a sign-off can be in."""

    SIGNED = "signed"
    MISSING = "missing"
    STALE = "stale"
    INVALID = "invalid"


@dataclass(frozen=True)
class Status:
    """Where one required sign-off stands."""

    item: str
    what: str
    state: SignOffState
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
            "row": self.item,
            "what": self.what,
            "state": str(self.state),
            "signer": self.signer,
            "role": self.role,
            "signed_at": self.signed_at or None,
            "reason": self.reason or None,
            "changes": self.changes,
            "required": self.required,
        }


def statuses(year: Year) -> list[Status]:
    """Every required sign-off's state, then any recorded entry for nothing required."""
    required = required_signoffs(year)
    latest = {entry.item: entry for entry in year.signoffs}
    found = [_status(item, latest.pop(item.id, None)) for item in required]
    known = [item.id for item in required]
    for item, entry in latest.items():
        found.append(_orphan(item, entry, known))
    return found


def _orphan(name: str | None, entry: SignOffEntry, known: list[str]) -> Status:
    """An entry for nothing the report needs signed off (renamed, removed, or mistyped):
    shown as invalid, but not holding up a final build or publication."""
    record = entry.record
    reason = (
        f"no part of the report is called {name!r} ({suggest(name, known)}); if it was renamed "
        f"or removed, delete this entry from {SIGNOFF_FILE}"
        if name
        else f"this entry names no row: {entry.fault}"
    )
    return Status(
        name or "(unreadable entry)",
        "(nothing of that name needs signing off)",
        SignOffState.INVALID,
        record.by if record else "",
        record.role if record else "",
        record.signed_at if record else "",
        reason,
        required=False,
    )


def _status(required: Required, entry: SignOffEntry | None) -> Status:
    officer = required.officer
    if entry is None:
        return Status(required.id, required.what, SignOffState.MISSING, officer.name, officer.role)
    record = entry.record
    if record is None:
        reason = f"the entry cannot be read as a sign-off ({entry.fault})"
        return Status(
            required.id,
            required.what,
            SignOffState.INVALID,
            officer.name,
            officer.role,
            reason=reason,
        )
    signed = Status(
        required.id, required.what, SignOffState.SIGNED, record.by, record.role, record.signed_at
    )
    if text_hash(record.text) != record.sha256:
        reason = "its hash does not match the text it records: the entry was edited by hand"
        return replace(signed, state=SignOffState.INVALID, reason=reason)
    if record.by != officer.name:
        reason = f"signed by {record.by}, but {required.what} must be signed off by {officer.name}"
        return replace(signed, state=SignOffState.INVALID, reason=reason)
    if record.sha256 != required.sha256:
        changes = word_changes(record.text, required.text)
        return replace(signed, state=SignOffState.STALE, changes=changes)
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
    return all(s.state is SignOffState.SIGNED for s in statuses if s.required)


def summary(statuses: list[Status]) -> str:
    """One line: how many sign-offs are current, and what that means for the documents."""
    required = [s for s in statuses if s.required]
    current = sum(s.state is SignOffState.SIGNED for s in required)
    if current == len(required):
        return f"Sign-off: all {current} current; documents build as final."
    return (
        f"Sign-off: {current} of {len(required)} current; documents build as drafts until "
        "all are (reportgen status lists them)."
    )


def outstanding(statuses: list[Status]) -> list[str]:
    """One line per sign-off that is not current, for refusals."""
    return [describe(s) for s in statuses if s.state is not SignOffState.SIGNED and s.required]


def describe(status_: Status) -> str:
    """One line: the row, its state, and who signed (or must sign) it."""
    s = status_
    who = (
        f"to be signed off by {s.signer}, {s.role}"
        if s.state is SignOffState.MISSING
        else f"signed off by {s.signer}, {s.role}, at {s.signed_at}"
    )
    return f"{s.item}: {s.state} - {s.what}, {who}" + (f"; {s.reason}" if s.reason else "")
