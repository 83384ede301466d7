"""Every error reportgen raises on purpose.

All derive from :class:`ReportgenError`, itself a :class:`click.ClickException`, so the
command line prints ``Error: …`` and exits 1 without a catch-list of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from reportgen.problems import Problem


class ReportgenError(click.ClickException):
    """Base class: a failure we can explain to the user in plain English."""

    exit_code = 1


class ContentError(ReportgenError):
    """Raised when the content folder has problems: bad YAML, unknown or missing fields,
    wrong values, broken references. Carries every problem found, not just the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        errors = sum(p.is_error for p in self.problems)
        warnings = sum(p.is_warning for p in self.problems)
        lines = [p.describe() for p in self.problems]
        summary = (
            f"{errors} error(s) and {warnings} warning(s) in the content; nothing was done. "
            "Fix the errors and run again."
        )
        super().__init__("\n".join([summary, *lines]))

    def __reduce__(self) -> tuple:
        # Rebuilt from its problems (not its message) when passed between processes.
        return (type(self), (self.problems,))


class NotAYearFolderError(ReportgenError):
    """Raised when the folder given is not a year of content (it has no report.yaml)."""


class TemplateError(ReportgenError):
    """Raised when a Word or HTML template cannot be found or fails to render."""


class RenderError(ReportgenError):
    """Raised when WeasyPrint or docxtpl fails, or WeasyPrint logs an error."""


class OutputError(ReportgenError):
    """Raised when an output file cannot be written where it was asked to be."""


class RefusedError(ReportgenError):
    """A command was refused: signing text for the wrong officer, a final build or a
    publication before every sign-off is current …"""
