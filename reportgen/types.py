"""The values one step of the pipeline hands the next, declared where every step may
import them:

- a file as **loaded**: :class:`YamlFile` (values with their positions), :class:`CsvTable`,
  :class:`PictureFile`;
- a year as **validated**: :class:`Year`, with its :class:`YearFiles`, library texts,
  Strategic Assessment (:class:`AssessmentContent`), plan (:class:`PlanContent`) and
  pictures (:class:`CheckedPicture`);
- figures as **computed**: :class:`ComputedTable` and its :class:`Cell` figures;

Only data and the small helpers that read it live here; the steps do the work.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

from reportgen.model.assessment import Assessment, Chapter, ChapteredSpec, Chart, DataTable, Plan
from reportgen.model.house_style import HouseStyle
from reportgen.model.plan_blocks import Contact
from reportgen.model.priorities import Priorities
from reportgen.model.report import (
    Implications,
    LibraryEntry,
    Officers,
    Record,
    Report,
    Sections,
    Timetable,
)
from reportgen.problems import ERROR, Problem

Location = tuple[int, int]
"""Line and column, counted from 1."""
FieldPath = tuple[str | int, ...]
"""Where a value is in a file: field names and list positions (from 0)."""


# --- loaded --------------------------------------------------------------------------------


@dataclass
class YamlFile:
    """A content file read into plain values, with the line and column of each value."""

    path: Path
    data: Any
    positions: dict[FieldPath, Location] = field(default_factory=dict)

    def locate(self, path: FieldPath) -> Location | None:
        """Line and column (1-based) of the value at ``path``, or of its nearest parent."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.positions:
                return self.positions[path[:end]]
        return None

    def place(self, path: FieldPath) -> str:
        """Where the value at ``path`` is written, as a message names it:
        "priorities.yaml, line 30"."""
        location = self.locate(path)
        return f"{self.path.name}, line {location[0]}" if location else self.path.name

    def problem(self, path: FieldPath, message: str, severity: str = ERROR) -> Problem:
        """A problem placed on the value at ``path`` in this file."""
        line, column = self.locate(path) or (None, None)
        return Problem(self.path, message, line, column, field_name(path), severity)

    def within(self, prefix: FieldPath) -> YamlFile:
        """The part of the file at ``prefix``, as a file of its own (same positions)."""
        data = self.data
        for step in prefix:
            data = data[step]
        size = len(prefix)
        positions = {p[size:]: pos for p, pos in self.positions.items() if p[:size] == prefix}
        return YamlFile(self.path, data, positions)


def field_name(path: FieldPath) -> str:
    """``("rows", 3, "sign_off")`` → ``rows[4].sign_off`` (items counted from 1)."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".")


@dataclass(frozen=True)
class CsvTable:
    """A data file as exported: headers, then rows of text, with each row's line number."""

    path: Path
    headers: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    lines: tuple[int | None, ...]


@dataclass(frozen=True)
class PictureFile:
    """A picture file the content names, as read: the name as written (``file:``), where
    it was found (the year folder, or the shared library), its bytes and, from its
    extension, what it claims to be (image/png, image/jpeg or image/svg+xml)."""

    written: str
    path: Path
    data: bytes
    media_type: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


# --- computed ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """A figure: its value (None if not a number) and how it is printed."""

    value: float | None
    text: str


@dataclass(frozen=True)
class CellList:
    """A list typed in a table cell: its items as printed, bulleted or numbered."""

    items: tuple[str, ...]
    numbered: bool = False

    @property
    def text(self) -> str:
        """The list as one line of plain text: "• one • two" or "1. one 2. two"."""
        labels = [f"{n}." if self.numbered else "•" for n in range(1, len(self.items) + 1)]
        return " ".join(f"{label} {item}" for label, item in zip(labels, self.items, strict=True))


@dataclass(frozen=True)
class TableRow:
    """A row as laid out: its name and its cells as printed."""

    key: str
    cells: tuple[str, ...]
    indented: bool = False
    aggregate: bool = False
    span: int = 1
    """How many rows the first cell covers: 1, or more for the first row of a group (an
    aim and its actions); 0 for the rows below it that it covers."""
    lists: tuple[CellList | None, ...] = ()
    """For a table of text with lists in its cells: each cell's list (None for a cell of
    text); empty for every other row. ``cells`` holds the lists as plain text too."""


def same_row_name(text: str) -> str:
    """A row name as references match it: case and spacing ignored."""
    return " ".join(text.lower().split())


@dataclass
class ComputedTable:
    """A table ready to lay out, and every figure in it by row and column name."""

    name: str
    title: str
    headings: tuple[str, ...]
    names: tuple[str, ...]
    numeric: tuple[bool, ...]
    rows: tuple[TableRow, ...]
    note: str | None
    figures: dict[tuple[str, str], Cell] = field(default_factory=dict)
    source: CsvTable | None = None
    """The data file it was computed from (None for a table of text)."""
    _rows: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    _indexed: int = field(default=-1, init=False, repr=False, compare=False)

    def find(self, row: str, column: str) -> Cell | None:
        """The figure at ``row`` (case and spacing ignored; of rows named alike, the first)
        and ``column`` (a column name or a CSV column), or None."""
        if self._indexed != len(self.figures):  # rows by name, (re)built once filled in
            self._rows = {}
            for key in dict.fromkeys(map(itemgetter(0), self.figures)):
                self._rows.setdefault(same_row_name(key), key)
            self._indexed = len(self.figures)
        key = self._rows.get(same_row_name(row))
        return None if key is None else self.figures.get((key, column))

    def row_keys(self) -> list[str]:
        return [row.key for row in self.rows]

    def column_names(self) -> list[str]:
        return sorted({name for _, name in self.figures})


# --- validated -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LibraryItem:
    """A shared text and where it was written (for errors and sign-off)."""

    name: str
    entry: LibraryEntry
    file: YamlFile


@dataclass(frozen=True)
class Part:
    """A chapter or appendix and the file it was written in."""

    name: str
    chapter: Chapter
    file: YamlFile


@dataclass(frozen=True)
class TableSource:
    """A data table as validated: its definition, its counts as loaded, and the chapter
    file that defines it."""

    name: str
    spec: DataTable
    data: CsvTable
    file: YamlFile


Chapters = dict[str, str]
"""A document's chapters and appendices by file name, as text refers to them: "section 7",
"Appendix 1"."""


@dataclass
class ChapteredContent:
    """What a document of chapters is built from: its parts, its data tables (as validated,
    and as computed by the compute step: empty until then) and its charts by name."""

    chapters: list[Part]
    appendices: list[Part]
    sources: dict[str, TableSource] = field(default_factory=dict)
    """The data tables that validated, by name, to be computed."""
    tables: dict[str, ComputedTable] = field(default_factory=dict)
    charts: dict[str, Chart] = field(default_factory=dict)
    failed_tables: set[str] = field(default_factory=set)
    """Tables whose definition or data has errors (reported once, not at every use)."""

    @property
    def parts(self) -> list[Part]:
        """Chapters, then appendices."""
        return [*self.chapters, *self.appendices]

    spec: ChapteredSpec = field(kw_only=True)
    spec_file: YamlFile = field(kw_only=True)
    """The top file (assessment.yaml or plan.yaml) as loaded."""

    @property
    def chapter_labels(self) -> Chapters:
        """How text refers to each chapter and appendix: "section 7", "Appendix 1"."""
        # From the list in the spec, so a chapter with errors of its own is still known.
        labels = {name: f"section {n}" for n, name in enumerate(self.spec.chapters, start=1)}
        labels |= {name: f"Appendix {n}" for n, name in enumerate(self.spec.appendices, start=1)}
        return labels


@dataclass
class AssessmentContent(ChapteredContent):
    """Everything the Strategic Assessment is built from."""

    spec: Assessment = field(kw_only=True)


@dataclass
class PlanContent(ChapteredContent):
    """Everything the Community Safety Plan is built from."""

    spec: Plan = field(kw_only=True)


@dataclass(frozen=True)
class YearFiles:
    """The year folder's own files as loaded, for placing problems on them."""

    report: YamlFile
    officers: YamlFile
    timetable: YamlFile
    priorities: YamlFile
    implications: YamlFile
    sections: YamlFile


@dataclass(frozen=True)
class CheckedPicture:
    """A picture file as checked: safe to place in every format (inside the content
    folder, within the size limits, what its extension says, an SVG referring to nothing
    outside itself), its size in pixels (an SVG's from its viewBox) and, for an SVG, the
    PNG drawn from it for Word (which shows SVG only from Word 2016 on)."""

    file: PictureFile
    width: int
    height: int
    word_png: bytes | None = None


@dataclass(frozen=True)
class SignOffEntry:
    """One entry of signoffs.yaml: the item it names (if it can be read), the record (if it
    reads as one) and, if not, why."""

    item: str | None
    record: Record | None
    fault: str = ""


@dataclass
class Year:
    """Everything one year's documents are built from, validated."""

    folder: Path
    report: Report
    timetable: Timetable
    priorities: Priorities
    implications: Implications
    sections: Sections
    officers: Officers
    files: YearFiles
    library: dict[str, LibraryItem]
    assessment: AssessmentContent | None = None
    plan: PlanContent | None = None
    glossary: dict[str, str] = field(default_factory=dict)
    contacts: dict[str, Contact] = field(default_factory=dict)
    signoffs: list[SignOffEntry] = field(default_factory=list)
    """The sign-offs recorded in signoffs.yaml (see reportgen.signoff)."""
    house_style: HouseStyle = field(default_factory=HouseStyle)
    """How the documents look (library/house-style.yaml, or the defaults)."""
    pictures: dict[str, CheckedPicture] = field(default_factory=dict)
    """Every picture the year's text places (``- image:``), checked and read once, by its
    ``file:`` as written."""
    logo: CheckedPicture | None = None
    """The house style's logo, checked (None without one)."""
    warnings: list[Problem] = field(default_factory=list)
    """The content's warnings (not those it acknowledges, e.g. known differences)."""

    @property
    def name(self) -> str:
        """The year folder's name, e.g. 2018-19."""
        return self.folder.name

    @property
    def tables(self) -> dict[str, ComputedTable]:
        """Every computed table of the assessment and the plan, by name."""
        return {
            name: table
            for content in (self.assessment, self.plan)
            if content
            for name, table in content.tables.items()
        }

    @property
    def charts(self) -> dict[str, Chart]:
        """Every chart of the assessment and the plan, by name."""
        return {
            name: chart
            for content in (self.assessment, self.plan)
            if content
            for name, chart in content.charts.items()
        }
