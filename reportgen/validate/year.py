"""Step 2 — validate a year folder: every file loaded and checked against the content model
and against each other (library texts, glossary, contacts, chapters, data tables'
definitions, priorities, compliance, the sign-off file).

:func:`validate_year` returns a :class:`Validation`: the :class:`Year`
when there are no errors, and every problem found. The checks that need the tables'
figures computed run after the compute step (:mod:`reportgen.verify`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from reportgen.exceptions import NotAYearFolderError
from reportgen.load.paths import content_folder
from reportgen.load.yaml import named_values
from reportgen.model.files import (
    CONTACTS_FILE,
    GLOSSARY_FILE,
    SIGNOFF_FILE,
    YEAR_FILES,
    YEAR_LIBRARY_FILE,
)
from reportgen.model.priorities import Priorities
from reportgen.problems import Problem, suggest
from reportgen.types import (
    AssessmentContent,
    LibraryItem,
    PlanContent,
    YamlFile,
    Year,
)
from reportgen.validate.chapters import read_assessment, read_plan
from reportgen.validate.compliance import compliance_problems, unknown_parts
from reportgen.validate.contacts import read_contacts, unknown_contacts
from reportgen.validate.files import YearFilesRead, read_year_files, validated
from reportgen.validate.glossary import (
    glossary_files,
    lists_glossary,
    read_glossary,
    undefined_acronyms,
    unknown_extras,
)
from reportgen.validate.glyphs import unprintable_in_year
from reportgen.validate.house_style import documents_against_style, read_house_style
from reportgen.validate.library import broken_library_references, contact_files, read_library
from reportgen.validate.pictures import read_pictures
from reportgen.validate.placeholders import placeholder_problems
from reportgen.validate.priorities import empty_priority_lists, priorities_restated
from reportgen.validate.priority_parts import parts_per_priority, typed_counts
from reportgen.validate.signoffs import read_signoff_file


@dataclass
class Validation:
    """A year folder as validated: the :class:`Year` when it has no errors; what the
    checks that need computed figures look at (whatever validated, so one run reports
    every problem); and every problem found so far."""

    year: Year | None
    assessment: AssessmentContent | None
    plan: PlanContent | None
    library: dict[str, LibraryItem]
    year_files: list[YamlFile]
    """The year's own files (report.yaml …)."""
    priorities: Priorities | None
    """priorities.yaml as validated (None if it has errors, which are reported)."""
    problems: list[Problem]

    @property
    def library_used(self) -> list[LibraryItem]:
        """The library texts the year's files and chapters use, by name."""
        files = [*self.year_files, *(part.file for part in _parts(self.assessment, self.plan))]
        used = {name for file in files for _, name in named_values(file.data, "library")}
        return [self.library[name] for name in sorted(used & set(self.library))]


def validate_year(folder: Path) -> Validation:
    """Load and validate a year folder: the year (None if it has errors) and every
    problem found. Raises :class:`NotAYearFolderError` for a folder that is not a year."""
    folder = Path(folder)
    require_year_folder(folder)
    problems: list[Problem] = _unexpected_files(folder)
    read, file_problems = read_year_files(folder)
    problems += file_problems
    library, library_problems = read_library(folder)
    problems += library_problems
    assessment, assessment_problems = read_assessment(folder)
    problems += assessment_problems
    plan, plan_problems = read_plan(folder)
    problems += plan_problems
    # Every file whose text is printed, with its validated content (None if invalid).
    texts = [(r.file, r.content) for r in read.all]
    texts += [(part.file, part.chapter) for part in _parts(assessment, plan)]
    files = [file for file, _ in texts]
    problems += broken_library_references(files, library)
    priorities = read.priorities.content if read.priorities else None
    problems += empty_priority_lists(texts, priorities)
    problems += typed_counts(files, priorities)
    needed = any(lists_glossary(file.data) for file in files)
    glossary, not_acronyms, glossary_problems = read_glossary(folder, needed)
    problems += glossary_problems
    listed = _any_field(files, "contacts", kind=list)
    contacts, contact_problems = (
        read_contacts(contact_files(folder), content_folder(folder)) if listed else ({}, [])
    )
    problems += contact_problems or unknown_contacts(files, contacts)
    if read.priorities:
        problems += priorities_restated(read.priorities.file, priorities, plan)
        problems += parts_per_priority(read.priorities.file, priorities, [assessment, plan])
    if not glossary_problems:
        where = glossary_files(folder)
        problems += unknown_extras(plan, glossary, where)
        problems += undefined_acronyms(plan, library, glossary, not_acronyms, where)
    house_style, logo, style_problems = read_house_style(folder)
    problems += style_problems + documents_against_style(house_style, assessment, plan)
    problems += _compliance(read, library, assessment, plan)
    problems += unprintable_in_year(files, library, [assessment, plan])
    library_files = [item.file for item in library.values()]  # may place pictures too
    pictures, picture_problems = read_pictures(folder, [*files, *library_files])
    problems += picture_problems
    signoffs, signoff_problems = read_signoff_file(folder)
    problems += signoff_problems
    problems += placeholder_problems(folder, problems)
    year = None
    if not any(problem.is_error for problem in problems):
        year = _year(folder, read, library, assessment, plan)
        year = replace(year, glossary=glossary, contacts=contacts, signoffs=signoffs)
        year = replace(year, house_style=house_style, logo=logo, pictures=pictures)
    year_files = [r.file for r in read.all]
    return Validation(year, assessment, plan, library, year_files, priorities, problems)


def _year(
    folder: Path,
    read: YearFilesRead,
    library: dict[str, LibraryItem],
    assessment: AssessmentContent | None,
    plan: PlanContent | None,
) -> Year:
    """The validated year (its files all read without errors)."""
    return Year(
        folder=folder,
        report=validated(read.report),
        timetable=validated(read.timetable),
        priorities=validated(read.priorities),
        implications=validated(read.implications),
        sections=validated(read.sections),
        officers=validated(read.officers),
        files=read.year_files(),
        library=library,
        assessment=assessment,
        plan=plan,
    )


def _parts(assessment: AssessmentContent | None, plan: PlanContent | None) -> list:
    return [*(assessment.parts if assessment else []), *(plan.parts if plan else [])]


def require_year_folder(folder: Path) -> None:
    """Raises NotAYearFolderError unless ``folder`` is a year of content."""
    if not folder.is_dir():
        raise NotAYearFolderError(f"{folder} is not a folder.")
    if not (folder / "report.yaml").is_file():
        raise NotAYearFolderError(
            f"{folder} is not a year of content: it has no report.yaml. "
            "Give the year's folder, e.g. content/2018-19."
        )


def _unexpected_files(folder: Path) -> list[Problem]:
    """YAML files reportgen would silently ignore — usually a misspelt file name."""
    known = [*YEAR_FILES, YEAR_LIBRARY_FILE, GLOSSARY_FILE, CONTACTS_FILE, SIGNOFF_FILE]
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


def _any_field(files: list[YamlFile], name: str, kind: type = str) -> bool:
    """Whether any of the files has a field ``name`` (e.g. ``- glossary: used``)."""
    return any(named_values(file.data, name, kind=kind) for file in files)


def _compliance(
    read: YearFilesRead,
    library: dict[str, LibraryItem],
    assessment: AssessmentContent | None,
    plan: PlanContent | None,
) -> list[Problem]:
    documents = {"strategic-assessment"} if assessment else set()
    documents |= {"community-safety-plan"} if plan else set()
    problems = compliance_problems(read, documents)
    officers, sections = read.officers, read.sections
    if officers and officers.content and sections and sections.content:
        tables = {name for d in (assessment, plan) if d for name in d.sources}
        titles = [section.title for section in sections.content.sections]
        problems += unknown_parts(officers.file, officers.content, titles, set(library), tables)
    return problems
