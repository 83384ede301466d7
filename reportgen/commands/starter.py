"""``reportgen new TARGET``: a starter year for a council starting from nothing — one of
each file, for the example "Example Borough Council", every field explained by a comment
taken from the content model — which checks clean and builds as it is.

The starter's files are in the package (``reportgen/starter-files/``): ``year/`` for the year
folder and ``library/`` for the shared library, written beside the year where there is no
library yet (else its texts go in the year's own library.yaml and glossary.yaml, so the
council's library is never changed). Dates and years come from the folder's name:
2020-21 meets in February 2021."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from string import Template
from typing import Any

from reportgen.commands.file_kinds import FILE_KINDS, kind_of
from reportgen.commands.new_report import Change, NewYear
from reportgen.commands.schema_links import schemas_near, with_schema
from reportgen.commands.starter_comments import commented
from reportgen.commands.years import committee_date, folder_name, partnership_date, year_of
from reportgen.model.files import (
    GLOSSARY_FILE,
    LIBRARY_FOLDER,
    YEAR_LIBRARY_FILE,
)
from reportgen.write.new_folder import new_folder

STARTER_FILES = "starter-files"
"""The starter's folder in the package (not a Python name, so it is data, not a package)."""
PUBLISHED_BEFORE = dt.timedelta(days=8)
"""The agenda is published 8 days before the meeting: 7 clear days (the law asks 5)."""


def write_starter(target: Path) -> NewYear:
    """Write the starter year ``target`` (and the shared library beside it if there is
    none)."""
    first = year_of(target.name)
    assert first is not None, "the folder's name is checked first"
    values = _values(first, target)
    report = NewYear(folder=target)
    library = target.parent / LIBRARY_FOLDER
    year_files = _templates(_starter() / "year")
    library_files = _templates(_starter() / LIBRARY_FOLDER)
    if library.exists():  # the council's own: the starter's texts go in the year instead
        year_files[YEAR_LIBRARY_FILE] = library_files.pop("report-text.yaml")
        year_files[GLOSSARY_FILE] = library_files.pop(GLOSSARY_FILE)
        library_files = {}
    schemas = schemas_near(target)  # for an editor's help: see `reportgen schema`
    if library_files:
        with new_folder(library) as folder:
            for name, text in library_files.items():
                text = _filled(f"{LIBRARY_FOLDER}/{name}", text, values)
                folder.write(
                    name, with_schema(text, f"{LIBRARY_FOLDER}/{name}", library / name, schemas)
                )
        report.library = library
    with new_folder(target) as folder:
        for name, text in year_files.items():
            folder.write(
                name, with_schema(_filled(name, text, values), name, target / name, schemas)
            )
        report.written = list(folder.written)
    report.to_do = _to_do(report)
    return report


def starter_texts(first: int) -> dict[str, str]:
    """The starter's files for the year starting ``first``, filled in but not commented,
    by name from the year folder (``library/…`` for the shared library's)."""
    values = _values(first, Path(folder_name(first)))
    texts = _templates(_starter() / "year")
    texts |= {
        f"{LIBRARY_FOLDER}/{name}": text
        for name, text in _templates(_starter() / LIBRARY_FOLDER).items()
    }
    return {name: Template(text).substitute(values) for name, text in texts.items()}


def _starter() -> Traversable:
    return resources.files("reportgen") / STARTER_FILES


def _templates(folder: Traversable, under: str = "") -> dict[str, str]:
    """Every file below ``folder`` by its name from there (``plan/plan.yaml``)."""
    found: dict[str, str] = {}
    for item in sorted(folder.iterdir(), key=lambda item: item.name):
        name = f"{under}{item.name}"
        if item.is_dir():
            found |= _templates(item, f"{name}/")
        elif not item.name.startswith(".") and item.name.endswith((".yaml", ".csv")):
            found[name] = item.read_text(encoding="utf-8")
    return found


def _values(first: int, target: Path) -> dict[str, str]:
    """What the starter's ``${…}`` stand for, from the year folder's name."""
    meeting = committee_date(first)
    return {
        "year": folder_name(first),
        "folder": str(target),
        "second": str(first + 1),
        "meeting_date": meeting.isoformat(),
        "partnership_date": partnership_date(first).isoformat(),
        "publication_date": (meeting - PUBLISHED_BEFORE).isoformat(),
        "period": f"Oct {first - 1}-Sep {first}",
        "last_period": f"Oct {first - 2}-Sep {first - 1}",
    }


def _filled(name: str, text: str, values: dict[str, str]) -> str:
    """A starter file with its values filled in and (YAML) each field explained."""
    text = Template(text).substitute(values)
    model = model_of(name)
    return commented(text, model) if model is not None else text


def model_of(name: str) -> Any:
    """The part of the content model a file holds, by its name from the year folder
    (``library/…`` for the shared library's); None for a data file."""
    folder, _, file = name.rpartition("/")
    kind = kind_of(folder, file)
    return FILE_KINDS[kind].annotation if kind else None


def _to_do(report: NewYear) -> list[Change]:
    """What a council does next with its starter year."""
    to_do = [
        Change("report.yaml", "", "your council's committee, officers, dates and text"),
        Change("officers.yaml", "", "your officers; each runs `reportgen keys new` once"),
        Change("priorities.yaml", "", "your priorities, their leads and themes"),
        Change("data/", "", "your own figures, one CSV file per table"),
        Change("assessment/, plan/", "", "your Strategic Assessment's and plan's chapters"),
    ]
    if report.library is not None:
        to_do.append(Change(f"../{LIBRARY_FOLDER}/", "", "your own shared texts and glossary"))
    return to_do
