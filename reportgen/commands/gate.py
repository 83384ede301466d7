"""The one way into a year: load → validate → compute the figures → verify them, then the
checks a command asks for (``--strict``, sign-offs current). ``check``, ``build``,
``publish``, ``signoff`` and ``status`` all come through here."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from reportgen.compute.tables import with_tables
from reportgen.exceptions import ContentError, RefusedError
from reportgen.model.files import LIBRARY_FOLDER
from reportgen.problems import Problem, in_reading_order
from reportgen.signoff import Status, all_current, outstanding, statuses
from reportgen.types import Year
from reportgen.validate.library import check_library
from reportgen.validate.year import validate_year
from reportgen.verify import figure_problems


def read_year(folder: Path | str) -> Year:
    """Load and validate a year folder, its figures computed and checked. Raises
    :class:`ContentError` listing every problem if there is an error."""
    problems, year = _read(Path(folder))
    if year is None:
        raise ContentError([problem for problem in problems if not problem.is_acknowledged])
    return year


def _read(folder: Path) -> tuple[list[Problem], Year | None]:
    validation = validate_year(folder)
    assessment = with_tables(validation.assessment) if validation.assessment else None
    plan = with_tables(validation.plan) if validation.plan else None
    problems = validation.problems + figure_problems(validation, assessment, plan)
    problems = in_reading_order(problems)
    if validation.year is None or any(problem.is_error for problem in problems):
        return problems, None
    warnings = [problem for problem in problems if problem.is_warning]
    return problems, replace(validation.year, assessment=assessment, plan=plan, warnings=warnings)


def check(folder: Path | str) -> list[Problem]:
    """Every problem in a year folder, or in the shared library folder (errors and
    warnings), and the warnings the content acknowledges (``is_acknowledged``, each with
    its reason); empty when all is well."""
    return check_year(folder)[0]


def check_year(folder: Path | str) -> tuple[list[Problem], Year | None]:
    """:func:`check`, with the year it read (None for the library folder, or for content
    with errors)."""
    folder = Path(folder)
    if folder.name == LIBRARY_FOLDER and not (folder / "report.yaml").is_file():
        return check_library(folder), None
    return _read(folder)


@dataclass(frozen=True)
class Passed:
    """A year through the gate, and where its sign-offs stand."""

    year: Year
    statuses: list[Status]

    @property
    def draft(self) -> bool:
        """Whether its documents are drafts: some required sign-off is not current."""
        return not all_current(self.statuses)


def gate(
    folder: Path | str,
    strict: bool = False,
    signed_off_for: str | None = None,
    warnings_in_refusal: bool = True,
) -> Passed:
    """The year and where its sign-offs stand. Refused if the content has errors (the
    refusal lists the warnings too unless ``warnings_in_refusal`` is off), if it has
    warnings and ``strict`` is on, or if a required sign-off is not current and
    ``signed_off_for`` names what needs them all ("publishing", "a final build")."""
    year = read_year(folder) if warnings_in_refusal else read_year_for_signoff(folder)
    if strict and year.warnings:
        raise ContentError(year.warnings)
    current = statuses(year)
    if signed_off_for and not all_current(current):
        raise RefusedError(
            f"{signed_off_for} needs every sign-off to be current; not yet:\n  "
            + "\n  ".join(outstanding(current))
        )
    return Passed(year, current)


def read_year_for_signoff(folder: Path | str) -> Year:
    """The year, or a refusal listing only its errors (warnings do not stop signing)."""
    try:
        return read_year(folder)
    except ContentError as error:
        raise ContentError([p for p in error.problems if p.is_error]) from error
