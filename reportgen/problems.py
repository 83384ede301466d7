"""A problem found in the content, placed on the file, line and field a reviewer edits."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

ERROR = "error"
WARNING = "warning"
ACKNOWLEDGED = "acknowledged"
"""A warning the content acknowledges, with its reason (a published figure known to be
wrong, a removed priority the plan still names on purpose): listed by ``check --all``,
never counted as a warning, and a warning again once it no longer matches."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong (an error) or doubtful (a warning) in a content file."""

    file: Path
    message: str
    line: int | None = None
    column: int | None = None
    field: str = ""
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def is_warning(self) -> bool:
        return self.severity == WARNING

    @property
    def is_acknowledged(self) -> bool:
        return self.severity == ACKNOWLEDGED

    def acknowledged(self, where: str, reason: str) -> Problem:
        """This warning as acknowledged by the content (``where``, e.g. "road-safety.yaml,
        line 190"), with the author's reason."""
        message = f"{self.message} Acknowledged in {where}: {reason}"
        return replace(self, message=message, severity=ACKNOWLEDGED)

    def describe(self) -> str:
        """One line a reviewer can act on: where, which field, what is wrong."""
        where = display_path(self.file)
        if self.line is not None:
            where += f", line {self.line}"
            if self.column is not None:
                where += f", column {self.column}"
        field = f" [{self.field}]" if self.field else ""
        return f"{where}:{field} {self.severity}: {self.message}"

    def sort_key(self) -> tuple[str, int, int, bool]:
        """File, line, column; at one place, errors before warnings."""
        return (str(self.file), self.line or 0, self.column or 0, not self.is_error)


def in_reading_order(problems: Iterable[Problem]) -> list[Problem]:
    """Problems file by file, top to bottom, as a reviewer would fix them."""
    return sorted(problems, key=Problem.sort_key)


def suggest(name: str, choices: Iterable[str], what: str = "") -> str:
    """``did you mean 'x'?`` for a near miss, else the list of what is allowed."""
    choices = list(choices)
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    if not choices:
        return f"there are no {what or 'choices'} yet."
    return f"expected one of: {', '.join(choices)}."


def display_path(path: Path) -> str:
    """The path as the reviewer knows it: relative to where they are, links not followed."""
    try:
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd()))
    except ValueError:
        return str(path)
