"""signoffs.yaml rewritten one entry at a time, keeping the comments people add,
atomically and under a lock so two officers signing at once cannot lose each other's
entry."""

from __future__ import annotations

import fcntl
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reportgen.model.report import Record
from reportgen.write.files import atomic_write

HEADER = """\
# Sign-offs recorded by `reportgen signoff`: who cleared which part of the report, for
# which report and meeting, when, and the SHA-256 of exactly the text they cleared (kept
# below it, so a later change can be shown word by word), signed with the officer's own
# key when they have one. Do not edit entries by hand: an entry whose hash or signature
# does not match is reported as invalid. Comments you add are kept.
"""


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
    values = {
        **record.model_dump(mode="json", exclude_none=True),
        "text": FoldedScalarString(record.text),
    }
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
