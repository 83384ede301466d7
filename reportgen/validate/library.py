"""The shared library (content/library/) a year draws on: texts reused by name, and the
year's own library.yaml overriding them; every ``- library: NAME`` naming one that exists."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reportgen.load.paths import content_folder
from reportgen.load.yaml import named_values, read_yaml
from reportgen.model import LibraryEntry, LibraryText
from reportgen.model.files import (
    CONTACTS_FILE,
    GLOSSARY_FILE,
    HOUSE_STYLE_FILE,
    LIBRARY_FOLDER,
    YEAR_LIBRARY_FILE,
)
from reportgen.problems import Problem, in_reading_order, suggest
from reportgen.types import LibraryItem, YamlFile
from reportgen.validate.contacts import read_contacts
from reportgen.validate.fields import validate_file
from reportgen.validate.glossary import read_glossary
from reportgen.validate.house_style import read_house_style
from reportgen.validate.pictures import read_pictures


def check_library(folder: Path) -> list[Problem]:
    """Every problem in the shared library folder itself (its texts, glossary, contacts
    and house style)."""
    year = folder.parent / "_"  # the library as a year in this content folder sees it
    texts, problems = read_library(year)
    problems += read_pictures(None, [text.file for text in texts.values()], folder.parent)[1]
    problems += read_glossary(year)[2]
    problems += read_contacts(contact_files(year), content_folder(year))[1]
    problems += read_house_style(year)[2]
    return in_reading_order(problems)


def contact_files(folder: Path) -> list[Path]:
    """The shared contacts file, then the year's own (whose entries win)."""
    return [folder.parent / LIBRARY_FOLDER / CONTACTS_FILE, folder / CONTACTS_FILE]


def library_files(folder: Path) -> list[Path]:
    """The shared library's files, then the year's own library.yaml (which overrides)."""
    shared = sorted(
        path
        for path in (folder.parent / LIBRARY_FOLDER).glob("*.y*ml")
        if path.name not in (GLOSSARY_FILE, CONTACTS_FILE, HOUSE_STYLE_FILE)
    )
    own = folder / YEAR_LIBRARY_FILE
    return [*shared, own] if own.is_file() else shared


def read_library(folder: Path) -> tuple[dict[str, LibraryItem], list[Problem]]:
    """Every library text a year can use, by name; a year's own entry wins."""
    library: dict[str, LibraryItem] = {}
    problems: list[Problem] = []
    for path in library_files(folder):
        file, file_problems = read_yaml(path, inside=content_folder(folder))
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
    entry, problems = validate_file(file.within((name,)), LibraryEntry)
    problems = [replace(p, field=f"{name}.{p.field}".rstrip(".")) for p in problems]
    if entry and any(isinstance(block, LibraryText) for block in entry.text):
        problems.append(file.problem((name, "text"), "a library text cannot include another one."))
    return entry, problems


def broken_library_references(
    texts: list[YamlFile], library: dict[str, LibraryItem]
) -> list[Problem]:
    """Every ``- library: NAME`` must name a text that exists."""
    problems = []
    for file in texts:
        for path, name in named_values(file.data, "library"):
            if name not in library:
                hint = suggest(name, sorted(library), "library texts")
                problems.append(file.problem(path, f"no library text is named {name!r}; {hint}"))
    return problems
