"""signoffs.yaml, the year's record of sign-offs, read entry by entry: an entry that does
not read as a sign-off is kept (to be shown as invalid) rather than stopping everything."""

from __future__ import annotations

from pathlib import Path

from reportgen.load.paths import content_folder, outside_content
from reportgen.load.yaml import read_yaml
from reportgen.model.files import SIGNOFF_FILE
from reportgen.model.report import Record
from reportgen.problems import Problem
from reportgen.types import SignOffEntry, YamlFile
from reportgen.validate.fields import validate_file


def read_signoff_file(folder: Path) -> tuple[list[SignOffEntry], list[Problem]]:
    """The entries of ``folder``'s signoffs.yaml, and the problems that stop the file
    being read at all (bad YAML, not a list of sign-offs). No file, an empty file or
    ``signoffs:`` with nothing under it: no entries."""
    path = folder / SIGNOFF_FILE
    if not path.exists() and not path.is_symlink():
        return [], []
    refused = _not_a_signoff_file(path, folder)
    if refused:
        return [], [refused]
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


def _entry(file: YamlFile, index: int, raw: object) -> SignOffEntry:
    record, problems = validate_file(file.within(("signoffs", index)), Record)
    item = raw.get("row") if isinstance(raw, dict) else None
    fault = "; ".join(f"line {p.line}: {p.message}" if p.line else p.message for p in problems)
    return SignOffEntry(item if isinstance(item, str) else None, record, fault)


def _not_a_signoff_file(path: Path, folder: Path) -> Problem | None:
    """Why ``path`` cannot be read or rewritten as the year's sign-off file: a folder or
    something else that is not a file, a link whose file is missing, or a link leading
    outside the content folder. None for an ordinary file."""
    outside = outside_content(path, content_folder(folder))
    if outside:
        return outside
    if path.is_file():
        return None
    kind = "a folder" if path.is_dir() else "not a file"
    if path.is_symlink() and not path.exists():
        kind = "a link to a file that does not exist"
    return Problem(
        path,
        f"{SIGNOFF_FILE} is {kind}, but reportgen keeps the year's sign-offs in a file of "
        "that name. Rename or move it out of the year folder, then run the command again.",
    )
