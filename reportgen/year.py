"""A year of content: the year folder's files and the shared library, loaded and validated.

This is the front of the pipeline (load → validate); :func:`read_year` returns a
:class:`Year` only when there are no errors, with any warnings beside it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from reportgen.exceptions import ContentError, NotAYearFolderError
from reportgen.load import YamlFile, read_yaml
from reportgen.model import (
    YEAR_FILES,
    Implications,
    LibraryEntry,
    LibraryText,
    Priorities,
    Report,
    Sections,
    Timetable,
)
from reportgen.problems import Problem
from reportgen.validate import validate_file

LIBRARY_FOLDER = "library"
YEAR_LIBRARY_FILE = "library.yaml"


@dataclass(frozen=True)
class LibraryItem:
    """A shared text and where it was written (for errors and sign-off)."""

    name: str
    entry: LibraryEntry
    file: YamlFile


@dataclass
class Year:
    """Everything one year's documents are built from."""

    folder: Path
    report: Report
    timetable: Timetable
    priorities: Priorities
    implications: Implications
    sections: Sections
    library: dict[str, LibraryItem]
    files: dict[str, YamlFile]
    warnings: list[Problem] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The year folder's name, e.g. 2018-19."""
        return self.folder.name


def read_year(folder: Path) -> Year:
    """Load and validate a year folder. Raises :class:`ContentError` listing every error."""
    folder = Path(folder)
    _require_year_folder(folder)
    problems: list[Problem] = _unexpected_files(folder)
    files, parts = {}, {}
    for name, model in YEAR_FILES.items():
        if not (folder / name).is_file():
            continue  # reported by _unexpected_files
        file, file_problems = read_yaml(folder / name)
        files[name] = file
        problems += file_problems
        if not file_problems:
            parts[name], file_problems = validate_file(file, model)
            problems += file_problems
    library, library_problems = read_library(folder)
    problems += library_problems
    if not problems:
        problems += _broken_library_references(files, parts, library)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise ContentError(problems)
    return Year(
        folder,
        parts["report.yaml"],
        parts["timetable.yaml"],
        parts["priorities.yaml"],
        parts["implications.yaml"],
        parts["sections.yaml"],
        library,
        files,
        warnings=problems,
    )


def _require_year_folder(folder: Path) -> None:
    if not folder.is_dir():
        raise NotAYearFolderError(f"{folder} is not a folder.")
    if not (folder / "report.yaml").is_file():
        raise NotAYearFolderError(
            f"{folder} is not a year of content: it has no report.yaml. "
            "Give the year's folder, e.g. content/2018-19."
        )


def _unexpected_files(folder: Path) -> list[Problem]:
    """YAML files reportgen would silently ignore — usually a misspelt file name."""
    known = [*YEAR_FILES, YEAR_LIBRARY_FILE]
    problems = []
    for path in sorted(folder.glob("*.y*ml")):
        if path.name in known:
            continue
        close = difflib.get_close_matches(path.name, known, n=1)
        hint = f"did you mean {close[0]}?" if close else "expected: " + ", ".join(known)
        problems.append(Problem(path, f"reportgen does not read this file; {hint}"))
    for name in YEAR_FILES:
        if not (folder / name).is_file():
            problems.append(Problem(folder / name, "this file is missing from the year folder."))
    return problems


def library_files(folder: Path) -> list[Path]:
    """The shared library's files, then the year's own library.yaml (which overrides)."""
    shared = sorted((folder.parent / LIBRARY_FOLDER).glob("*.yaml"))
    own = folder / YEAR_LIBRARY_FILE
    return [*shared, own] if own.is_file() else shared


def read_library(folder: Path) -> tuple[dict[str, LibraryItem], list[Problem]]:
    """Every library text a year can use, by name; a year's own entry wins."""
    library: dict[str, LibraryItem] = {}
    problems: list[Problem] = []
    for path in library_files(folder):
        file, file_problems = read_yaml(path)
        problems += file_problems
        if file_problems or file.data is None:
            continue
        if not isinstance(file.data, dict):
            problems.append(file.problem((), "expected named texts (name: then about: and text:)."))
            continue
        for name in file.data:
            entry, entry_problems = _library_entry(file, name)
            problems += entry_problems
            if entry:
                library[name] = LibraryItem(name, entry, file)
    return library, problems


def _library_entry(file: YamlFile, name: str) -> tuple[LibraryEntry | None, list[Problem]]:
    sub = YamlFile(
        file.path,
        file.data[name],
        {path[1:]: pos for path, pos in file.positions.items() if path[:1] == (name,)},
    )
    entry, problems = validate_file(sub, LibraryEntry)
    problems = [_prefix_field(p, name) for p in problems]
    if entry and any(isinstance(block, LibraryText) for block in entry.text):
        problems.append(file.problem((name, "text"), "a library text cannot include another one."))
    return entry, problems


def _prefix_field(problem: Problem, name: str) -> Problem:
    field_name = f"{name}.{problem.field}" if problem.field else name
    return Problem(
        problem.file, problem.message, problem.line, problem.column, field_name, problem.severity
    )


def _broken_library_references(
    files: dict[str, YamlFile], parts: dict[str, object], library: dict[str, LibraryItem]
) -> list[Problem]:
    """Every ``- library: NAME`` must name a text that exists."""
    problems = []
    for file_name, file in files.items():
        for path, block in _library_blocks(parts[file_name]):
            if block.library in library:
                continue
            close = difflib.get_close_matches(block.library, list(library), n=1)
            hint = (
                f"did you mean {close[0]!r}?"
                if close
                else ("the library has: " + ", ".join(sorted(library)))
            )
            problems.append(
                file.problem(
                    (*path, "library"), f"no library text is named {block.library!r}; {hint}"
                )
            )
    return problems


def _library_blocks(value: object, path: tuple = ()) -> list[tuple[tuple, LibraryText]]:
    """Every library reference inside a validated model, with its path in the file."""
    if isinstance(value, LibraryText):
        return [(path, value)]
    if isinstance(value, list | tuple):
        return [
            found for i, item in enumerate(value) for found in _library_blocks(item, (*path, i))
        ]
    if isinstance(value, BaseModel):
        return [
            found
            for name in type(value).model_fields
            for found in _library_blocks(getattr(value, name), (*path, name))
        ]
    return []
