"""The kinds of file a content folder holds, each with the part of the content model it
holds: what the JSON Schemas (:mod:`~reportgen.commands.schema`) and the reference
(:mod:`~reportgen.commands.reference`) are written for, and which kind a file is by its
place in a year folder or the shared library."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen.model import YEAR_FILES, GlossaryTerms, LibraryEntry
from reportgen.model.assessment import Assessment, Chapter, Plan
from reportgen.model.files import (
    ASSESSMENT_FILE,
    ASSESSMENT_FOLDER,
    CONTACTS_FILE,
    GLOSSARY_FILE,
    HOUSE_STYLE_FILE,
    LIBRARY_FOLDER,
    PLAN_FILE,
    PLAN_FOLDER,
    YEAR_LIBRARY_FILE,
)
from reportgen.model.house_style import HouseStyle
from reportgen.model.plan_blocks import Contacts


@dataclass(frozen=True)
class FileKind:
    """A kind of content file: its name (``report``), what it is called in the reference,
    where it lives, and the part of the model it holds."""

    name: str
    title: str
    where: str
    annotation: Any

    @property
    def schema_file(self) -> str:
        """The file name of its JSON Schema: ``report.schema.json``."""
        return f"{self.name}.schema.json"


_KINDS = [
    *(
        FileKind(file.removesuffix(".yaml"), file, "in the year folder", model)
        for file, model in YEAR_FILES.items()
    ),
    FileKind(
        "assessment",
        f"{ASSESSMENT_FOLDER}/{ASSESSMENT_FILE}",
        "the Strategic Assessment, in the year folder",
        Assessment,
    ),
    FileKind(
        "plan", f"{PLAN_FOLDER}/{PLAN_FILE}", "the Community Safety Plan, in the year folder", Plan
    ),
    FileKind(
        "chapter",
        "A chapter file",
        f"{ASSESSMENT_FOLDER}/NAME.yaml or {PLAN_FOLDER}/NAME.yaml, one per chapter",
        Chapter,
    ),
    FileKind(
        "glossary",
        GLOSSARY_FILE,
        f"in content/{LIBRARY_FOLDER}/, or a year's own in the year folder",
        GlossaryTerms,
    ),
    FileKind(
        "contacts",
        CONTACTS_FILE,
        f"in content/{LIBRARY_FOLDER}/, or a year's own in the year folder",
        Contacts,
    ),
    FileKind("house-style", HOUSE_STYLE_FILE, f"in content/{LIBRARY_FOLDER}/", HouseStyle),
    FileKind(
        "library",
        "Library texts",
        f"content/{LIBRARY_FOLDER}/*.yaml, or a year's own {YEAR_LIBRARY_FILE}",
        dict[str, LibraryEntry],
    ),
]
FILE_KINDS: dict[str, FileKind] = {kind.name: kind for kind in _KINDS}
"""Every kind of file a content folder holds, by name, in the reference's order.
signoffs.yaml is not one: reportgen writes it, and nobody edits it by hand."""

_SHARED = {GLOSSARY_FILE: "glossary", CONTACTS_FILE: "contacts"}


def kind_of(folder: str, file: str) -> str | None:
    """The kind of the file ``file`` in ``folder`` (from the year folder: "" for the year
    itself, ``plan``, ``assessment``; ``library`` for the shared library); None for a file
    that is not content (signoffs.yaml, a data file)."""
    if not file.endswith(".yaml"):
        return None
    if folder == LIBRARY_FOLDER:
        return {**_SHARED, HOUSE_STYLE_FILE: "house-style"}.get(file, "library")
    if folder == "":
        year = {name: name.removesuffix(".yaml") for name in YEAR_FILES}
        return {**year, **_SHARED, YEAR_LIBRARY_FILE: "library"}.get(file)
    if folder in (ASSESSMENT_FOLDER, PLAN_FOLDER):
        top = ASSESSMENT_FILE if folder == ASSESSMENT_FOLDER else PLAN_FILE
        return folder if file == top else "chapter"
    return None


def kind_of_path(path: Path) -> str | None:
    """The kind of a content file on disc, from its place: in the shared library, a year
    folder (one with a report.yaml) or a year's assessment/ or plan/."""
    folder = path.parent
    if folder.name == LIBRARY_FOLDER:
        return kind_of(LIBRARY_FOLDER, path.name)
    if is_year(folder):
        return kind_of("", path.name)
    if folder.name in (ASSESSMENT_FOLDER, PLAN_FOLDER) and is_year(folder.parent):
        return kind_of(folder.name, path.name)
    return None


def is_year(folder: Path) -> bool:
    """Whether ``folder`` is a year of content (it has a report.yaml)."""
    return (folder / "report.yaml").is_file()
