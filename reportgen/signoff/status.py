"""Where each sign-off stands: **signed** while the text and the meeting it was given for
are unchanged, **stale** once either changes (with what changed, word by word, or which
meeting it was signed for), **missing** if never given, and **invalid** when the entry
cannot be trusted: its hash does not match the text it records (it was edited by hand), the
wrong officer signed, or its signature is missing (where officers.yaml requires one),
made with another key, or no longer matches the entry (its time or text changed)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from reportgen.compare.words import format_redline, word_changes
from reportgen.model.files import SIGNOFF_FILE
from reportgen.model.report import Record
from reportgen.problems import suggest
from reportgen.signoff.context import Context, context_changes, year_context
from reportgen.signoff.required import Required, required_signoffs, text_hash
from reportgen.signoff.signature import KeyUse, check_signature
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
    key: KeyUse = KeyUse.NONE
    """Whether the entry was signed with the officer's key."""

    @property
    def redline(self) -> str:
        """What changed since it was signed, as ``… [-removed-]{+added+} …``, one per line."""
        return format_redline(self.changes)

    @property
    def signed_with_key(self) -> bool:
        """Whether the entry carries the officer's signature, checked against their public
        key in officers.yaml."""
        return self.key is KeyUse.VERIFIED

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
            "signed_with_key": self.signed_with_key,
        }


def statuses(year: Year) -> list[Status]:
    """Every required sign-off's state, then any recorded entry for nothing required."""
    required = required_signoffs(year)
    context = year_context(year)
    latest = {entry.item: entry for entry in year.signoffs}
    found = [_status(year, context, item, latest.pop(item.id, None)) for item in required]
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


def _status(year: Year, context: Context, required: Required, entry: SignOffEntry | None) -> Status:
    officer = required.officer
    if entry is None or entry.record is None:
        state = SignOffState.MISSING if entry is None else SignOffState.INVALID
        reason = (
            _no_key_yet(year, required)
            if entry is None
            else f"the entry cannot be read as a sign-off ({entry.fault})"
        )
        return Status(required.id, required.what, state, officer.name, officer.role, reason=reason)
    record = entry.record
    signed = Status(
        required.id, required.what, SignOffState.SIGNED, record.by, record.role, record.signed_at
    )
    key, distrust = _trusted(year, required, record)
    if distrust:
        return replace(signed, state=SignOffState.INVALID, reason=distrust, key=key)
    signed = replace(signed, key=key)
    moved = context_changes(record, required.what, context)
    changed = record.sha256 != required.sha256
    if moved or changed:
        changes = word_changes(record.text, required.text) if changed else []
        return replace(signed, state=SignOffState.STALE, reason=moved, changes=changes)
    return signed


def _trusted(year: Year, required: Required, record: Record) -> tuple[KeyUse, str]:
    """How the entry was signed, and why it cannot be trusted (empty if it can)."""
    officer = required.officer
    if text_hash(record.text) != record.sha256:
        return (
            KeyUse.NONE,
            "its hash does not match the text it records: the entry was edited by hand",
        )
    if record.by != officer.name:
        return (
            KeyUse.NONE,
            f"signed by {record.by}, but {required.what} must be signed off by {officer.name}",
        )
    signature = check_signature(record, officer, year.officers)
    return signature.key, signature.problem


def _no_key_yet(year: Year, required: Required) -> str:
    """Why a missing sign-off cannot be given yet: officers.yaml requires signatures and
    lists no public key for the officer."""
    officer = required.officer
    if year.officers.signatures != "required" or officer.public_key:
        return ""
    return (
        f"officers.yaml requires signatures and lists no public_key for {officer.name} yet "
        f'(they run reportgen keys new "{officer.name}" and send the line it prints)'
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
    """One line: the row, its state, who signed (or must sign) it and whether with their
    key, and why it is not current."""
    s = status_
    if s.state is SignOffState.MISSING:
        who = f"to be signed off by {s.signer}, {s.role}"
    else:
        who = f"signed off by {s.signer}, {s.role}, at {s.signed_at}"
        if s.state in (SignOffState.SIGNED, SignOffState.STALE) and s.required:
            who += f", {s.key}"
    return f"{s.item}: {s.state} - {s.what}, {who}" + (f"; {s.reason}" if s.reason else "")
