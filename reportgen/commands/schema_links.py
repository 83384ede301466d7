"""The first line of a content file, ``# yaml-language-server: $schema=…``, which tells an
editor (VS Code's YAML extension) the JSON Schema of the file, by a path from the file to
the schema. To reportgen it is a comment like any other.

``reportgen schema --link FOLDER`` gives every content file in FOLDER its line (and puts a
stale one right); ``reportgen new`` writes it into a new year's files when the content
beside it has its schemas (see :func:`schemas_near`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.commands.file_kinds import FILE_KINDS, kind_of, kind_of_path
from reportgen.model.files import LIBRARY_FOLDER
from reportgen.write.files import atomic_write

LINE_START = "# yaml-language-server: $schema="
BOM = "\ufeff"


def schema_line(file: Path, schemas: Path, kind: str) -> str:
    """The line for ``file``, of the kind ``kind``, whose schemas are in ``schemas``."""
    schema = schemas / FILE_KINDS[kind].schema_file
    return LINE_START + Path(os.path.relpath(schema, file.parent)).as_posix()


def with_line(text: str, line: str | None) -> str:
    """``text`` starting with ``line`` (in place of the line it had, if any; with None,
    without one). Nothing else in the text changes."""
    bom = BOM if text.startswith(BOM) else ""
    text = text.removeprefix(BOM)
    newline = "\r\n" if "\r\n" in text.split("\n", 1)[0] + "\n" else "\n"
    if text.startswith(LINE_START):
        text = text.split("\n", 1)[1] if "\n" in text else ""
    return bom + (line + newline if line else "") + text


def linked_schema(file: Path, text: str | None = None) -> Path | None:
    """The schema the line of ``file`` points at (whether or not it exists), or None."""
    if text is None:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
    first = text.removeprefix(BOM).split("\n", 1)[0].rstrip("\r")
    if not first.startswith(LINE_START):
        return None
    where = first.removeprefix(LINE_START).strip()
    if not where or "://" in where:
        return None
    return Path(os.path.normpath(file.parent / where))


def relinked(data: bytes, source: Path, target: Path) -> bytes:
    """A content file ``source`` copied to ``target`` (in another folder): its line
    pointing at the same schema from there, if the schema is found; else as it was."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    schema = linked_schema(source, text)
    if schema is None or not schema.is_file():
        return data
    line = LINE_START + Path(os.path.relpath(schema, target.parent)).as_posix()
    return with_line(text, line).encode("utf-8")


def schemas_near(year: Path) -> Path | None:
    """The folder of schemas the content beside the year folder ``year`` uses: the one a
    file of the shared library beside it points at, else ``docs/schemas`` in a folder
    above it (a checkout of reportgen's repository); None if there is none."""
    for file in sorted((year.parent / LIBRARY_FOLDER).glob("*.yaml")):
        schema = linked_schema(file)
        if schema is not None and schema.is_file():
            return schema.parent
    for above in Path(os.path.abspath(year)).parents:
        schemas = above / "docs" / "schemas"
        if (schemas / FILE_KINDS["report"].schema_file).is_file():
            return schemas
    return None


def line_for(file: Path, schemas: Path | None, kind: str | None) -> str | None:
    """The line a new file should start with (None without schemas or a kind)."""
    if schemas is None or kind is None:
        return None
    return schema_line(file, schemas, kind)


@dataclass
class Linked:
    """What ``link`` did: the files it changed, those already right, and those it could
    not read as text (UTF-8), left as they were."""

    changed: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    unreadable: list[Path] = field(default_factory=list)


def link(folder: Path, schemas: Path) -> Linked:
    """Give every content file in ``folder`` (a year, the shared library, or a folder of
    them) the line pointing at its schema in ``schemas``."""
    done = Linked()
    for file, kind in content_files(folder):
        try:
            text = file.read_bytes().decode("utf-8")  # line ends kept as they are
        except UnicodeDecodeError:
            done.unreadable.append(file)
            continue
        new = with_line(text, schema_line(file, schemas, kind))
        if new == text:
            done.unchanged.append(file)
        else:
            atomic_write(file, new.encode("utf-8"))
            done.changed.append(file)
    return done


def content_files(folder: Path) -> list[tuple[Path, str]]:
    """Every content file in ``folder`` and its kind (not signoffs.yaml, data files,
    hidden files or links)."""
    found = []
    for file in sorted(folder.rglob("*.yaml")):
        kind = kind_of_path(file)
        if kind is not None and not file.name.startswith(".") and not file.is_symlink():
            found.append((file, kind))
    return found


def with_schema(text: str, name: str, file: Path, schemas: Path | None) -> str:
    """The text of a new file ``file`` starting with its line, if there are ``schemas``;
    ``name`` is its name from the year folder (``library/…`` for the shared library's)."""
    folder, _, base = name.rpartition("/")
    return with_line(text, line_for(file, schemas, kind_of(folder, base)))
