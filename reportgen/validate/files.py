"""The year folder's own six files, each loaded and validated against its part of the
model, kept in a typed record for the checks that look across them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from reportgen.load.paths import content_folder
from reportgen.model import Implications, Priorities, Report, Sections, Timetable
from reportgen.model.base import Content
from reportgen.model.report import Officers
from reportgen.problems import Problem
from reportgen.types import YamlFile, YearFiles
from reportgen.validate.fields import read_and_validate

C = TypeVar("C", bound=Content)


@dataclass(frozen=True)
class Read(Generic[C]):
    """A file as loaded, and its content if it validated (None if it has errors)."""

    file: YamlFile
    content: C | None


@dataclass(frozen=True)
class YearFilesRead:
    """The year's own files as read; None for a file that is missing."""

    report: Read[Report] | None
    officers: Read[Officers] | None
    timetable: Read[Timetable] | None
    priorities: Read[Priorities] | None
    implications: Read[Implications] | None
    sections: Read[Sections] | None

    @property
    def all(self) -> list[Read[Content]]:
        """Every file that exists, in the order reportgen reads them."""
        return [read for read in self._reads if read is not None]

    @property
    def _reads(self) -> tuple[Read[Any] | None, ...]:
        return (
            self.report,
            self.officers,
            self.timetable,
            self.priorities,
            self.implications,
            self.sections,
        )

    def year_files(self) -> YearFiles:
        """The files as the year keeps them (every one must be present)."""
        return YearFiles(
            report=present(self.report).file,
            officers=present(self.officers).file,
            timetable=present(self.timetable).file,
            priorities=present(self.priorities).file,
            implications=present(self.implications).file,
            sections=present(self.sections).file,
        )


def present(read: Read[C] | None) -> Read[C]:
    """A file that must have been read (the year has no errors)."""
    assert read is not None
    return read


def validated(read: Read[C] | None) -> C:
    """A file's content that must have validated (the year has no errors)."""
    content = present(read).content
    assert content is not None
    return content


def _read(path: Path, model: type[C], problems: list[Problem]) -> Read[C] | None:
    """The file as read (a file leading outside the content folder is refused unread), or
    None if it is missing."""
    if not path.is_file():
        return None
    file, content, file_problems = read_and_validate(
        path, model, inside=content_folder(path.parent)
    )
    problems += file_problems
    return Read(file, content)


def read_year_files(folder: Path) -> tuple[YearFilesRead, list[Problem]]:
    """The year's six files, loaded and validated (a missing one is reported elsewhere)."""
    problems: list[Problem] = []
    read = YearFilesRead(
        report=_read(folder / "report.yaml", Report, problems),
        officers=_read(folder / "officers.yaml", Officers, problems),
        timetable=_read(folder / "timetable.yaml", Timetable, problems),
        priorities=_read(folder / "priorities.yaml", Priorities, problems),
        implications=_read(folder / "implications.yaml", Implications, problems),
        sections=_read(folder / "sections.yaml", Sections, problems),
    )
    return read, problems
