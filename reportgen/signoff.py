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
import io
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportgen.compute.blocks import BlockExpander, TextBlock
from reportgen.exceptions import ContentError, RefusedError
from reportgen.model.report import Record, SigningOfficer
from reportgen.problems import suggest
from reportgen.write import atomic_write
from reportgen.year import SIGNOFF_FILE, Year, read_signoff_file, read_year

STATES = ("signed", "missing", "stale", "invalid")
_HEADER = """\
# Sign-offs recorded by `reportgen signoff`: who cleared which part of the report, when,
# and the SHA-256 of exactly the text they cleared (kept below it, so a later change can
# be shown word by word). Do not edit entries by hand: an entry whose hash does not match
# its text is reported as invalid. Comments you add are kept.
"""


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


def read_records(folder: Path) -> list[Record]:
    """The recorded sign-offs. Raises ContentError if the file cannot be read."""
    records, problems = read_signoff_file(folder)
    if problems:
        raise ContentError(problems)
    return records


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
    redline: str = ""
    changes: list[dict[str, str]] = field(default_factory=list)

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
        }


def status(folder: Path) -> list[Status]:
    """Every required sign-off's state, then any recorded entry for nothing required."""
    return statuses(read_year(folder))


def statuses(year: Year) -> list[Status]:
    """:func:`status` for a year already read."""
    required = required_signoffs(year)
    records = read_records(year.folder)
    latest = {record.row: record for record in records}
    statuses = [_status(item, latest.get(item.id)) for item in required]
    known = {item.id for item in required}
    statuses += [
        Status(
            record.row,
            "(nothing of that name needs signing off)",
            "invalid",
            record.by,
            record.role,
            record.signed_at,
            f"no part of the report is called {record.row!r}; {suggest(record.row, known)}",
        )
        for record in latest.values()
        if record.row not in known
    ]
    return statuses


def _status(item: Required, record: Record | None) -> Status:
    officer = item.officer
    if record is None:
        return Status(item.id, item.what, "missing", officer.name, officer.role)
    signed = Status(item.id, item.what, "signed", record.by, record.role, record.signed_at)
    if fingerprint(record.text) != record.sha256:
        reason = "its hash does not match the text it records: the entry was edited by hand"
        return replace(signed, state="invalid", reason=reason)
    if record.by != officer.name:
        reason = f"signed by {record.by}, but {item.what} must be signed off by {officer.name}"
        return replace(signed, state="invalid", reason=reason)
    if record.sha256 != item.sha256:
        changes = word_changes(record.text, item.text)
        return replace(signed, state="stale", redline=redline(changes), changes=changes)
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


def redline(changes: list[dict[str, str]]) -> str:
    """Changes as ``[-removed-]{+added+}``, one per line."""
    return "\n".join(
        (f"[-{c['removed']}-]" if c["removed"] else "")
        + (f"{{+{c['added']}+}}" if c["added"] else "")
        for c in changes
    )


def all_current(statuses: list[Status]) -> bool:
    return all(s.state == "signed" for s in statuses)


def summary(statuses: list[Status]) -> str:
    """One line: how many sign-offs are current, and what that means for the documents."""
    current = sum(s.state == "signed" for s in statuses)
    if current == len(statuses):
        return f"Sign-off: all {current} current; documents build as final."
    return (
        f"Sign-off: {current} of {len(statuses)} current; documents build as drafts until "
        "all are (reportgen status lists them)."
    )


def outstanding(statuses: list[Status]) -> list[str]:
    """One line per sign-off that is not current, for refusals."""
    return [describe(s) for s in statuses if s.state != "signed"]


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
    year = read_year(folder)
    required = {item.id: item for item in required_signoffs(year)}
    if row not in required:
        raise RefusedError(f"nothing called {row!r} needs signing off; {suggest(row, required)}")
    item = required[row]
    if by != item.officer.name:
        raise RefusedError(
            f"{item.what} must be signed off by {item.officer.name} ({item.officer.role}), "
            f"not {by}."
        )
    read_records(year.folder)  # refuse to rewrite a sign-off file that is already broken
    moment = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    record = Record(
        row=row,
        by=by,
        role=item.officer.role,
        signed_at=moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        sha256=item.sha256,
        text=item.text,
    )
    _write_record(year.folder / SIGNOFF_FILE, record)
    return record


def _write_record(path: Path, record: Record) -> None:
    """Replace the row's entry (or add one), keeping the file's comments; atomically."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import FoldedScalarString

    yaml = YAML()
    yaml.width = 88
    yaml.indent(mapping=2, sequence=4, offset=2)
    text = path.read_text(encoding="utf-8") if path.is_file() else _HEADER + "signoffs: []\n"
    document = yaml.load(text) or CommentedMap()
    entries = document.get("signoffs")
    if not isinstance(entries, CommentedSeq):
        entries = CommentedSeq()
        document["signoffs"] = entries
    entry = CommentedMap(record.model_dump())
    entry["text"] = FoldedScalarString(record.text)
    for index, existing in enumerate(entries):
        if isinstance(existing, dict) and existing.get("row") == record.row:
            entries[index] = entry
            break
    else:
        entries.append(entry)
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    atomic_write(path, buffer.getvalue().encode("utf-8"))
