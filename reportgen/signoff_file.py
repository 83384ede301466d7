"""signoffs.yaml, the year's record of sign-offs: read entry by entry (an entry that does
not read as one is kept, to be shown as invalid, rather than stopping everything), and
rewritten one entry at a time keeping the comments people add, atomically and under a
lock so two officers signing at once cannot lose each other's entry."""

from __future__ import annotations

import fcntl
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from reportgen.load import YamlFile, read_yaml
from reportgen.model.report import Record
from reportgen.problems import Problem
from reportgen.validate import validate_file
from reportgen.write import atomic_write

SIGNOFF_FILE = "signoffs.yaml"
HEADER = """\
# Sign-offs recorded by `reportgen signoff`: who cleared which part of the report, when,
# and the SHA-256 of exactly the text they cleared (kept below it, so a later change can
# be shown word by word). Do not edit entries by hand: an entry whose hash does not match
# its text is reported as invalid. Comments you add are kept.
"""


@dataclass(frozen=True)
class Entry:
    """One entry of the file: the row it names (if it can be read), the record (if it
    reads as one) and, if not, why."""

    row: str | None
    record: Record | None
    fault: str = ""


def read_signoff_file(folder: Path) -> tuple[list[Entry], list[Problem]]:
    """The entries of ``folder``'s signoffs.yaml, and the problems that stop the file
    being read at all (bad YAML, not a list of sign-offs). No file, an empty file or
    ``signoffs:`` with nothing under it: no entries."""
    path = folder / SIGNOFF_FILE
    if not path.is_file():
        return [], []
    file, problems = read_yaml(path)
    if problems or file.data is None:
        return [], problems
    data = file.data
    if not isinstance(data, dict) or set(data) != {"signoffs"}:
        shape = (
            "expected signoffs: and under it the recorded sign-offs, as reportgen signoff "
            "writes them"
        )
        return [], [file.problem((), shape)]
    listed = data["signoffs"]
    if listed is None:
        return [], []
    if not isinstance(listed, list):
        return [], [file.problem(("signoffs",), "expected a list of sign-offs, each starting '- '")]
    return [_entry(file, index, raw) for index, raw in enumerate(listed)], []


def _entry(file: YamlFile, index: int, raw: object) -> Entry:
    prefix = ("signoffs", index)
    positions = {p[2:]: pos for p, pos in file.positions.items() if p[:2] == prefix}
    record, problems = validate_file(YamlFile(file.path, raw, positions), Record)
    row = raw.get("row") if isinstance(raw, dict) else None
    fault = "; ".join(f"line {p.line}: {p.message}" if p.line else p.message for p in problems)
    return Entry(row if isinstance(row, str) else None, record, fault)


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the year folder's lock while its sign-off file is read and rewritten."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def write_record(path: Path, record: Record) -> None:
    """Put ``record`` in the file: the row's entry is updated in place (so comments
    around it stay where they were) and any repeat of it removed, or a new entry is added
    at the end. Written atomically."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import FoldedScalarString

    yaml = YAML()
    yaml.width = 88
    yaml.indent(mapping=2, sequence=4, offset=2)
    text = path.read_text(encoding="utf-8") if path.is_file() else HEADER
    document = yaml.load(text)
    if not isinstance(document, CommentedMap):
        document = CommentedMap()
    if not isinstance(document.get("signoffs"), CommentedSeq):
        document["signoffs"] = CommentedSeq()
    entries = document["signoffs"]
    values = {**record.model_dump(), "text": FoldedScalarString(record.text)}
    matching = [
        i for i, e in enumerate(entries) if isinstance(e, dict) and e.get("row") == record.row
    ]
    if matching:
        entry = entries[matching[0]]
        for key in [key for key in entry if key not in values]:
            del entry[key]
        entry.update(values)
        for index in reversed(matching[1:]):
            del entries[index]
    else:
        entries.append(CommentedMap(values))
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    atomic_write(path, buffer.getvalue().encode("utf-8"))
