"""Where a problem in the content shows in a document: the preview lists a year's errors in
place of its documents, each with a link to the heading of the section it is about in
the last version of the document that had no errors (when there is one, and the
section is still there)."""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from pathlib import Path

from reportgen.problems import Problem

CHAPTER_FOLDERS = {"assessment": "strategic-assessment", "plan": "community-safety-plan"}
"""A chapter file's folder in the year, and the document its chapters are in."""
_SECTION = re.compile(r"^sections\[(\d+)\]")


@dataclass(frozen=True)
class Place:
    """A heading in a document: the document's name and the heading's ``id``."""

    document: str
    anchor: str


@dataclass(frozen=True)
class ProblemView:
    """A problem as the preview lists it: the file as named from the content folder, its
    line and field, what is wrong, and a link to where it shows (or "")."""

    file: str
    line: int | None
    column: int | None
    field: str
    message: str
    severity: str
    link: str = ""
    link_text: str = ""
    excerpt: str = ""
    """The lines of the file the message shows under it (a YAML mistake's), if any."""


def places(problem: Problem, year_folder: Path) -> list[Place]:
    """The headings a problem may be placed at, the nearest first: a section of the
    report (``sections.yaml``, ``sections[2]`` → section 2), its executive summary or
    timetable; a chapter file's section, else the chapter. Empty for anything else (the
    implications, priorities, library texts, which several documents print)."""
    try:
        file = Path(os.path.abspath(problem.file)).relative_to(os.path.abspath(year_folder))
    except ValueError:
        return []
    section = _SECTION.match(problem.field)
    if file.parts == ("sections.yaml",) and section:
        return [Place("committee-report", f"section-{section.group(1)}")]
    if file.parts == ("report.yaml",) and problem.field.startswith("executive_summary"):
        return [Place("committee-report", "executive-summary")]
    if file.parts == ("timetable.yaml",):
        return [Place("committee-report", "timetable")]
    if len(file.parts) == 2 and file.parts[0] in CHAPTER_FOLDERS:
        document, chapter = CHAPTER_FOLDERS[file.parts[0]], f"part-{file.stem}"
        nearest = [Place(document, f"{chapter}-{section.group(1)}")] if section else []
        return [*nearest, Place(document, chapter)]
    return []


def heading_text(page: str, anchor: str) -> str | None:
    """The text of the heading with ``id`` ``anchor`` in an HTML page, or None if the page
    has no such heading."""
    found = re.search(
        rf'<h[1-6][^>]*\bid="{re.escape(anchor)}"[^>]*>(.*?)</h[1-6]>', page, re.DOTALL
    )
    if found is None:
        return None
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).split())


def problem_view(
    problem: Problem, content_folder: Path, link: str = "", text: str = ""
) -> ProblemView:
    """A problem for the page, its file named from the content folder (2018-19/report.yaml),
    the lines of the file its message quotes apart (set in a fixed-width font)."""
    message, _, excerpt = problem.message.partition("\n")
    return ProblemView(
        file=_from(content_folder, problem.file),
        line=problem.line,
        column=problem.column,
        field=problem.field,
        message=message,
        severity=problem.severity,
        link=link,
        link_text=text,
        excerpt=excerpt,
    )


def _from(folder: Path, file: Path) -> str:
    try:
        return Path(os.path.abspath(file)).relative_to(os.path.abspath(folder)).as_posix()
    except ValueError:
        return str(file)
