"""A year of content: the year folder's files and the shared library, loaded and validated.

This is the front of the pipeline (load → validate); :func:`read_year` returns a
:class:`Year` only when there are no errors, with any warnings beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from reportgen.assessment import AssessmentContent, read_assessment, read_plan
from reportgen.compliance import compliance_problems, unknown_parts
from reportgen.contacts import CONTACTS_FILE, read_contacts, unknown_contacts
from reportgen.exceptions import ContentError, NotAYearFolderError
from reportgen.load import YamlFile, named_values, read_yaml, text_values
from reportgen.model import (
    YEAR_FILES,
    GlossaryTerms,
    Implications,
    LibraryEntry,
    LibraryText,
    Priorities,
    PriorityList,
    Report,
    Sections,
    Timetable,
)
from reportgen.model.plan_blocks import ActionPlan, Contact, ContactList, Indicators
from reportgen.model.report import Officers
from reportgen.model.text import Glossary, PriorityTable
from reportgen.problems import WARNING, Problem, in_reading_order, suggest
from reportgen.references import citation_problems
from reportgen.signoff_file import SIGNOFF_FILE, Entry, read_signoff_file
from reportgen.validate import read_and_validate, validate_file

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
    assessment: AssessmentContent | None = None
    plan: AssessmentContent | None = None
    glossary: dict[str, str] = field(default_factory=dict)
    contacts: dict[str, Contact] = field(default_factory=dict)
    officers: Officers | None = None
    signoffs: list[Entry] = field(default_factory=list)
    """The sign-offs recorded in signoffs.yaml (see reportgen.signoff)."""
    warnings: list[Problem] = field(default_factory=list)
    chart_cache: Path | None = None
    """Where drawn charts are kept between builds (set by the build; None: not kept)."""

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
        if (folder / name).is_file():
            files[name], parts[name], file_problems = read_and_validate(folder / name, model)
            problems += file_problems
    library, library_problems = read_library(folder)
    problems += library_problems
    assessment, assessment_problems = read_assessment(folder)
    problems += assessment_problems
    plan, plan_problems = read_plan(folder, assessment)
    problems += plan_problems
    # Every file whose text is printed, with its validated content (None if invalid).
    texts = [(file, parts.get(name)) for name, file in files.items()]
    texts += [(part.file, part.chapter) for part in [*_parts(assessment), *_parts(plan)]]
    problems += _broken_library_references(texts, library)
    problems += _empty_priority_lists(texts, files, parts)
    glossary, not_acronyms, glossary_problems = read_glossary(folder, _any_field(texts, "glossary"))
    problems += glossary_problems
    listed = _any_field(texts, "contacts", kind=list)
    contacts, contact_problems = read_contacts(contact_files(folder)) if listed else ({}, [])
    problems += contact_problems or unknown_contacts(texts, contacts)
    problems += _priorities_restated(files, parts, plan)
    if not glossary_problems:
        problems += _undefined_acronyms(plan, library, glossary, not_acronyms)
    problems += _broken_figure_references(texts, library, assessment, plan)
    problems += _compliance(files, parts, library, assessment, plan)
    signoffs, signoff_problems = read_signoff_file(folder)
    problems += signoff_problems
    problems = in_reading_order(problems)
    if any(p.is_error for p in problems):
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
        assessment,
        plan,
        glossary,
        contacts,
        parts["officers.yaml"],
        signoffs,
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
    known = [*YEAR_FILES, YEAR_LIBRARY_FILE, CONTACTS_FILE, SIGNOFF_FILE]
    problems = []
    for path in sorted(folder.glob("*.y*ml")):
        if path.name not in known:
            problems.append(
                Problem(path, "reportgen does not read this file; " + suggest(path.name, known))
            )
    for name in YEAR_FILES:
        if not (folder / name).is_file():
            problems.append(Problem(folder / name, "this file is missing from the year folder."))
    return problems


GLOSSARY_FILE = "glossary.yaml"


def read_glossary(
    folder: Path, needed: bool = False
) -> tuple[dict[str, str], list[str], list[Problem]]:
    """The shared glossary (library/glossary.yaml): its terms and the words in capitals
    that are not acronyms. It is an error for it to be missing when a document lists the
    acronyms it uses (``- glossary: used``)."""
    path = folder.parent / LIBRARY_FOLDER / GLOSSARY_FILE
    if not path.is_file():
        missing = Problem(
            path,
            "a document lists the acronyms it uses (- glossary: used) "
            "but this glossary file is missing.",
        )
        return {}, [], [missing] if needed else []
    _, glossary, problems = read_and_validate(path, GlossaryTerms)
    if glossary is None:
        return {}, [], problems
    return glossary.terms, glossary.not_acronyms, problems


def check_library(folder: Path) -> list[Problem]:
    """Every problem in the shared library folder itself (its texts and its glossary)."""
    year = folder.parent / "_"  # the library as a year in this content folder sees it
    _, problems = read_library(year)
    problems += read_glossary(year)[2]
    problems += read_contacts(contact_files(year))[1]
    return in_reading_order(problems)


def contact_files(folder: Path) -> list[Path]:
    """The shared contacts file, then the year's own (whose entries win)."""
    return [folder.parent / LIBRARY_FOLDER / CONTACTS_FILE, folder / CONTACTS_FILE]


def library_files(folder: Path) -> list[Path]:
    """The shared library's files, then the year's own library.yaml (which overrides)."""
    shared = sorted(
        path
        for path in (folder.parent / LIBRARY_FOLDER).glob("*.y*ml")
        if path.name not in (GLOSSARY_FILE, CONTACTS_FILE)
    )
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
    problems = [replace(p, field=f"{name}.{p.field}".rstrip(".")) for p in problems]
    if entry and any(isinstance(block, LibraryText) for block in entry.text):
        problems.append(file.problem((name, "text"), "a library text cannot include another one."))
    return entry, problems


def _broken_library_references(
    texts: list[tuple[YamlFile, object]], library: dict[str, LibraryItem]
) -> list[Problem]:
    """Every ``- library: NAME`` must name a text that exists."""
    problems = []
    for file, _ in texts:
        for path, name in named_values(file.data, "library"):
            if name not in library:
                hint = suggest(name, sorted(library), "library texts")
                problems.append(file.problem(path, f"no library text is named {name!r}; {hint}"))
    return problems


def _broken_figure_references(
    texts: list[tuple[YamlFile, object]],
    library: dict[str, LibraryItem],
    assessment: AssessmentContent | None,
    plan: AssessmentContent | None,
) -> list[Problem]:
    """``[[table | row | column]]`` in the report, and in the library texts this year uses,
    must name a figure of the year's tables (the chapters' own are checked with them)."""
    documents = [d for d in (assessment, plan) if d]
    tables = {name: table for d in documents for name, table in d.tables.items()}
    failed = frozenset(name for d in documents for name in d.failed_tables)
    used = {name for file, _ in texts for _, name in named_values(file.data, "library")}
    year_files = [file for file, _ in texts if file.path.parent.name not in ("assessment", "plan")]
    problems = [p for file in year_files for p in citation_problems(file, tables, failed)]
    for name in sorted(used & set(library)):
        problems += citation_problems(library[name].file, tables, failed, within=(name,))
    return problems


def _parts(assessment: AssessmentContent | None) -> list:
    return [*assessment.chapters, *assessment.appendices] if assessment else []


def _priorities_restated(
    files: dict[str, YamlFile], parts: dict[str, object], plan: AssessmentContent | None
) -> list[Problem]:
    """Leads, cross-cutting themes and action plans must name this year's recommended
    priorities. A restatement that contradicts the source is reported (as a warning: the
    published plans carry some) naming both places."""
    priorities = parts.get("priorities.yaml")
    if priorities is None:
        return []
    file = files["priorities.yaml"]
    named = [
        (file, ("leads", i, "priority"), lead.priority, "has a lead")
        for i, lead in enumerate(priorities.leads)
    ]
    named += [
        (file, ("themes", i, "priorities", j), name, "is a matrix column")
        for i, theme in enumerate(priorities.themes)
        for j, name in enumerate(theme.priorities or [])
    ]
    named += [
        (part.file, path, name, RESTATED_IN[path[-2]])
        for part in _parts(plan)
        for path, name in named_values(part.file.data, "priority")
        if path[-2] in RESTATED_IN
    ]
    return [
        where.problem(path, _not_a_priority(name, what, priorities, file), severity=WARNING)
        for where, path, name, what in named
        if name not in priorities.recommended
    ]


RESTATED_IN = {
    "grid": "has an action plan",
    "action_plan": "has an action plan",
    "indicators": "has indicators",
}
"""The plan's blocks that name a priority again, and how a report of it reads."""


def _not_a_priority(name: str, what: str, priorities: object, file: YamlFile) -> str:
    removed = next((i for i, r in enumerate(priorities.removed) if r.priority == name), None)
    if removed is not None:
        line, _ = file.locate(("removed", removed)) or (None, None)
        return (
            f"{name!r} {what} but was removed as a priority ({file.path.name}, line "
            f"{line}, removed)"
        )
    line, _ = file.locate(("recommended",)) or (None, None)
    return (
        f"{name!r} {what} but is not one of this year's recommended priorities "
        f"({file.path.name}, line {line}, recommended); "
        f"{suggest(name, priorities.recommended)}"
    )


_ACRONYM = re.compile(r"\b([A-Z][A-Z&]+)(?:s|'s)?\b")
_ROMAN = re.compile(r"[IVXLC]+")


def _undefined_acronyms(
    plan: AssessmentContent | None,
    library: dict[str, LibraryItem],
    glossary: dict[str, str],
    not_acronyms: list[str],
) -> list[Problem]:
    """A warning for each acronym the plan (or a library text it uses) uses that its
    glossary does not define (only for a plan with a glossary), at its first use."""
    parts = _parts(plan)
    if not any(named_values(part.file.data, "glossary") for part in parts):
        return []
    used = {name for part in parts for _, name in named_values(part.file.data, "library")}
    texts = [(part.file, text_values(part.file.data)) for part in parts]
    texts += [
        (library[name].file, text_values(library[name].file.data[name]["text"], (name, "text")))
        for name in sorted(used & set(library))
    ]
    problems, seen = [], set(glossary) | set(not_acronyms)
    for file, values in texts:
        for path, text in values:
            if text.upper() == text:
                continue  # a heading in capitals is not a string of acronyms
            for acronym in _ACRONYM.findall(text):
                if _ROMAN.fullmatch(acronym):
                    continue
                if acronym not in seen:
                    seen.add(acronym)
                    problems.append(
                        file.problem(
                            path,
                            (
                                f"the acronym {acronym!r} is used but the glossary "
                                "(library/glossary.yaml) does not define it."
                            ),
                            severity=WARNING,
                        )
                    )
    return problems


def _empty_priority_lists(
    texts: list[tuple[YamlFile, object]], files: dict[str, YamlFile], parts: dict[str, object]
) -> list[Problem]:
    """``- priorities: NAME`` must not print an empty list, nor ``- priority_table:`` an
    empty table."""
    priorities = parts.get("priorities.yaml")
    if priorities is None:
        return []
    problems = []
    for file, content in texts:
        for path, block in _blocks_of(content, PriorityList):
            if not getattr(priorities, block.priorities):
                problems.append(
                    file.problem(
                        (*path, "priorities"),
                        (
                            f"the list {block.priorities!r} in priorities.yaml is empty, so "
                            "there is "
                            "nothing to show here; add priorities to it or remove this item."
                        ),
                    )
                )
        for path, block in _blocks_of(content, PriorityTable):
            listed = priorities.leads if block.priority_table == "leads" else priorities.themes
            if not listed:
                field_name = "leads" if block.priority_table == "leads" else "themes"
                problems.append(
                    file.problem(
                        (*path, "priority_table"),
                        (
                            f"priorities.yaml has no {field_name}, so this table would be "
                            "empty; add "
                            f"{field_name}: to priorities.yaml or remove this item."
                        ),
                    )
                )
        if file.path.parent.name != "plan":
            problems += [
                file.problem(
                    (*path, kind),
                    f"{what} can only be in the Community Safety Plan (plan/).",
                )
                for block_type, kind, what in PLAN_ONLY
                for path, _ in _blocks_of(content, block_type)
            ]
    return problems


PLAN_ONLY = (
    (Glossary, "glossary", "a glossary of the acronyms used"),
    (ActionPlan, "action_plan", "an action plan"),
    (Indicators, "indicators", "an indicators table"),
    (ContactList, "contacts", "a list of contacts"),
)
"""Blocks that belong to the plan alone (their figures are checked with the plan's)."""


def _any_field(texts: list[tuple[YamlFile, object]], name: str, kind: type = str) -> bool:
    """Whether any of the files has a field ``name`` (e.g. ``- glossary: used``)."""
    return any(named_values(file.data, name, kind=kind) for file, _ in texts)


def _compliance(
    files: dict[str, YamlFile],
    parts: dict[str, object],
    library: dict[str, LibraryItem],
    assessment: AssessmentContent | None,
    plan: AssessmentContent | None,
) -> list[Problem]:
    documents = {"strategic-assessment"} if assessment else set()
    documents |= {"community-safety-plan"} if plan else set()
    problems = compliance_problems(files, parts, documents)
    officers, sections = parts.get("officers.yaml"), parts.get("sections.yaml")
    if officers is not None and sections is not None:
        tables = {name for d in (assessment, plan) if d for name in d.tables}
        titles = [section.title for section in sections.sections]
        problems += unknown_parts(files["officers.yaml"], officers, titles, set(library), tables)
    return problems


def _blocks_of(value: object, kind: type, path: tuple = ()) -> list[tuple[tuple, Any]]:
    """Every block of ``kind`` inside a validated model, with its path in the file."""
    if isinstance(value, kind):
        return [(path, value)]
    if isinstance(value, list | tuple):
        return [
            found for i, item in enumerate(value) for found in _blocks_of(item, kind, (*path, i))
        ]
    if isinstance(value, BaseModel):
        return [
            found
            for name in type(value).model_fields
            for found in _blocks_of(getattr(value, name), kind, (*path, name))
        ]
    return []
