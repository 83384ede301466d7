"""What ``reportgen new`` did, and what it leaves an officer to do, file by file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Change:
    """One thing done, or left to do, in a file of the new year: ``file`` from the year
    folder (``plan/plan.yaml``), the field (``meetings[2].date``; empty for the whole
    file) and what was done or is to do."""

    file: str
    field: str
    what: str

    def describe(self) -> str:
        """``report.yaml: meeting_date — …``."""
        where = f"{self.file}: {self.field}" if self.field else self.file
        return f"{where} — {self.what}"


@dataclass
class NewYear:
    """A new year folder as ``reportgen new`` made it."""

    folder: Path
    source: Path | None = None
    """The year it was rolled forward from (None for a starter year)."""
    written: list[str] = field(default_factory=list)
    """The files written, from the year folder (``report.yaml``, ``data/crime.csv`` …)."""
    not_copied: list[Change] = field(default_factory=list)
    """The source's files left behind, and why (signoffs.yaml …)."""
    changed: list[Change] = field(default_factory=list)
    to_fill: list[Change] = field(default_factory=list)
    """The ``TODO:`` placeholders written, which ``reportgen check`` reports until filled."""
    to_do: list[Change] = field(default_factory=list)
    """What else an officer should do or review."""
    library: Path | None = None
    """The shared library folder written beside it, if there was none."""

    def did(self, file: str, at: str, what: str) -> None:
        """Note a change made."""
        self.changed.append(Change(file, at, what))

    def left(self, file: str, at: str, what: str) -> None:
        """Note something left for an officer to do."""
        self.to_do.append(Change(file, at, what))

    def marked(self, file: str, at: str, what: str) -> None:
        """Note a ``TODO:`` placeholder written."""
        self.to_fill.append(Change(file, at, what))

    def summary(self) -> list[str]:
        """What was done and what is left, as ``reportgen new`` prints it."""
        made = f"Made {self.folder}"
        if self.source is not None:
            made += f" from {self.source}: {len(self.written)} file(s) copied."
        else:
            made += f": a starter year of {len(self.written)} file(s), each field explained."
        lines = [made]
        if self.library is not None:
            lines.append(f"Made {self.library} beside it: the shared texts and glossary.")
        lines += _listed("Not copied:", self.not_copied)
        lines += _listed("Changed:", self.changed)
        lines += _listed(
            f"To fill: `reportgen check {self.folder}` reports each TODO: placeholder as an "
            "error until it is filled:",
            self.to_fill,
        )
        lines += _listed("Left to do:", self.to_do)
        if self.source is None:
            lines.append(f"It checks and builds as it is: reportgen build {self.folder}")
        return lines


def _listed(heading: str, changes: list[Change]) -> list[str]:
    return [heading, *(f"  {change.describe()}" for change in changes)] if changes else []
