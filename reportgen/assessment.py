"""The Strategic Assessment's content: assessment/ files loaded and validated, their data
tables computed from the CSV files, and every reference between them checked.

A year without an ``assessment/assessment.yaml`` simply has no Strategic Assessment.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reportgen import figures
from reportgen.charts import chart_problems
from reportgen.load import FieldPath, YamlFile, named_values
from reportgen.model.assessment import Assessment, Chapter, Chart, DataTable, Plan
from reportgen.model.plan_blocks import MEASURES
from reportgen.problems import WARNING, Problem, suggest
from reportgen.references import Chapters, citation_problems, cite, figure_at
from reportgen.tables import ComputedTable, compute_table, read_data
from reportgen.validate import read_and_validate

ASSESSMENT_FOLDER = "assessment"
ASSESSMENT_FILE = "assessment.yaml"
PLAN_FOLDER = "plan"
PLAN_FILE = "plan.yaml"


@dataclass(frozen=True)
class Part:
    """A chapter or appendix and the file it was written in."""

    name: str
    chapter: Chapter
    file: YamlFile


@dataclass
class AssessmentContent:
    """Everything the Strategic Assessment is built from."""

    spec: Assessment
    chapters: list[Part]
    appendices: list[Part]
    tables: dict[str, ComputedTable] = field(default_factory=dict)
    charts: dict[str, Chart] = field(default_factory=dict)
    failed_tables: set[str] = field(default_factory=set)
    """Tables whose definition or data has errors (reported once, not at every use)."""

    @property
    def chapter_labels(self) -> Chapters:
        """How text refers to each chapter and appendix: "section 7", "Appendix 1"."""
        # From the list in the spec, so a chapter with errors of its own is still known.
        labels = {name: f"section {n}" for n, name in enumerate(self.spec.chapters, start=1)}
        labels |= {name: f"Appendix {n}" for n, name in enumerate(self.spec.appendices, start=1)}
        return labels


def read_assessment(year: Path) -> tuple[AssessmentContent | None, list[Problem]]:
    """The year's Strategic Assessment (None if it has none) and every problem in it."""
    return read_chaptered(year, ASSESSMENT_FOLDER, ASSESSMENT_FILE, Assessment)


def read_plan(
    year: Path, assessment: AssessmentContent | None
) -> tuple[AssessmentContent | None, list[Problem]]:
    """The year's Community Safety Plan (None if it has none). Its narrative may cite the
    assessment's figures as well as its own tables'."""
    cited = assessment.tables if assessment else {}
    failed = assessment.failed_tables if assessment else set()
    return read_chaptered(year, PLAN_FOLDER, PLAN_FILE, Plan, cited, failed)


def read_chaptered(
    year: Path,
    folder_name: str,
    spec_name: str,
    spec_model: type,
    cited: dict[str, ComputedTable] | None = None,
    cited_failed: set[str] | None = None,
) -> tuple[AssessmentContent | None, list[Problem]]:
    """A document of chapters in ``year/folder_name/``, listed by its ``spec_name`` file:
    chapters read and validated, tables computed, charts and references checked."""
    folder = year / folder_name
    if not (folder / spec_name).is_file():
        return None, []
    spec_file, spec, problems = read_and_validate(folder / spec_name, spec_model)
    if spec is None:
        return None, problems
    chapters, more = _read_parts(folder, spec_file, "chapters", spec.chapters)
    appendices, most = _read_parts(folder, spec_file, "appendices", spec.appendices)
    problems += more + most
    content = AssessmentContent(spec, chapters, appendices)
    parts = chapters + appendices
    problems += _compute_tables(year, parts, content)
    problems += _collect_charts(parts, content)
    problems += _broken_block_references(parts, content)
    # tables whose own errors are reported already (here, or in the assessment)
    failed = frozenset(content.failed_tables | (cited_failed or set()))
    tables = {**(cited or {}), **content.tables}
    problems += _broken_figure_references(parts, content, tables, failed)
    problems += _supplied_values(parts, tables, failed)
    problems += _computed_figures(parts, tables, failed)
    problems += _disagreements(spec_file, spec, content)
    return content, problems


def _read_parts(
    folder: Path, spec_file: YamlFile, field_name: str, names: list[str]
) -> tuple[list[Part], list[Problem]]:
    parts, problems, listed = [], [], set()
    for index, name in enumerate(names):
        if name in listed:
            problems.append(
                spec_file.problem(
                    (field_name, index), f"{name} is listed twice; a chapter can appear only once."
                )
            )
            continue
        listed.add(name)
        path = folder / f"{name}.yaml"
        if not path.is_file():
            known = sorted(
                p.stem for p in folder.glob("*.yaml") if p.name not in (ASSESSMENT_FILE, PLAN_FILE)
            )
            problems.append(
                spec_file.problem(
                    (field_name, index),
                    f"there is no file {name}.yaml in {folder}; {suggest(name, known, 'files')}",
                )
            )
            continue
        file, chapter, file_problems = read_and_validate(path, Chapter)
        problems += file_problems
        if chapter is not None:
            parts.append(Part(name, chapter, file))
    return parts, problems


def _compute_tables(year: Path, parts: list[Part], content: AssessmentContent) -> list[Problem]:
    problems = []
    for part in parts:
        for name, spec in part.chapter.tables.items():
            where = ("tables", name)
            if name in content.tables or name in content.failed_tables:
                problems.append(
                    part.file.problem(
                        where,
                        f"another chapter already has a table named {name!r}; rename one of them.",
                    )
                )
                continue
            data_path = _data_path(year, spec)
            if data_path is None:
                problems.append(
                    part.file.problem(
                        (*where, "data"),
                        "the data file must be inside the year's folder, e.g. data/x.csv.",
                    )
                )
                continue
            place = _placer(part.file, where)
            table, table_problems = _computed(name, spec, data_path, place)
            problems += table_problems
            if table is None:
                content.failed_tables.add(name)
            else:
                content.tables[name] = table
    return problems


def _placer(file: YamlFile, where: tuple) -> Callable[[tuple, str], Problem]:
    return lambda path, message: file.problem((*where, *path), message)


def _data_path(year: Path, spec: DataTable) -> Path | None:
    path = (year / spec.data).resolve()
    return path if path.is_relative_to(year.resolve()) else None


def _computed(
    name: str, spec: DataTable, path: Path, place: Callable[[tuple, str], Problem]
) -> tuple[ComputedTable | None, list[Problem]]:
    data, problems = read_data(path)
    if data is None or problems:
        return None, problems
    return compute_table(name, spec, data, place)


def _collect_charts(parts: list[Part], content: AssessmentContent) -> list[Problem]:
    """Charts by name, each checked against its table: series, rows, enough figures."""
    problems = []
    for part in parts:
        for name, chart in part.chapter.charts.items():
            where = ("charts", name)
            if name in content.charts:
                problems.append(
                    part.file.problem(
                        where,
                        f"another chapter already has a chart named {name!r}; rename one of them.",
                    )
                )
                continue
            content.charts[name] = chart
            if chart.table in content.failed_tables:
                continue
            table = content.tables.get(chart.table)
            if table is None:
                problems.append(
                    part.file.problem(
                        (*where, "table"),
                        f"there is no table named "
                        f"{chart.table!r}; {suggest(chart.table, content.tables)}",
                    )
                )
                continue
            problems += [
                part.file.problem((*where, *path), message)
                for path, message in chart_problems(chart, table)
            ]
    return problems


def _broken_block_references(parts: list[Part], content: AssessmentContent) -> list[Problem]:
    """``- table: NAME`` and ``- chart: NAME`` must name a table or chart that exists."""
    problems = []
    for part in parts:
        for kind, known in (("table", content.tables), ("chart", content.charts)):
            for path, name in named_values(part.file.data, kind):
                if path[0] in ("tables", "charts") or name in content.failed_tables:
                    continue  # a chart's own "table:" is checked with the chart
                if name not in known:
                    problems.append(
                        part.file.problem(
                            path, f"there is no {kind} named {name!r}; {suggest(name, known)}"
                        )
                    )
    return problems


def _broken_figure_references(
    parts: list[Part],
    content: AssessmentContent,
    tables: dict[str, ComputedTable],
    failed: frozenset[str],
) -> list[Problem]:
    """Every ``[[table | row | column]]`` in the narrative must name a figure."""
    chapters = content.chapter_labels
    return [
        problem
        for part in parts
        for problem in citation_problems(part.file, tables, failed, chapters=chapters)
    ]


def _figure_references(
    parts: list[Part], field_name: str, failed: frozenset[str]
) -> Iterator[tuple[Part, FieldPath, str]]:
    """Every ``field_name: table | row | column`` in the parts, except references to
    tables whose own errors are reported already."""
    for part in parts:
        for path, reference in named_values(part.file.data, field_name):
            if reference.split("|")[0].strip() not in failed:
                yield part, path, reference


def _supplied_values(
    parts: list[Part], tables: dict[str, ComputedTable], failed: frozenset[str]
) -> list[Problem]:
    """Figures typed into a table with ``agrees_with:`` are compared with the data: a
    warning where they disagree beyond rounding, an error where the reference is wrong."""
    problems = []
    for part, path, reference in _figure_references(parts, "agrees_with", failed):
        typed = _value_beside(part.file.data, path)
        try:
            printed = cite(reference, tables)
            figure = figure_at(reference, tables)
        except LookupError as error:
            problems.append(part.file.problem(path, str(error.args[0])))
            continue
        where = (*path[:-1], "value")
        if typed is not None and figures.parse_number(typed) is None:
            message = (
                f"no figure can be read from {typed!r} to check against "
                f"{reference.strip()} ({printed}); type the figure alone, e.g. "
                f"{printed}, and put words in the indicator or a note."
            )
            problems.append(part.file.problem(where, message, severity=WARNING))
        elif typed is not None and not figures.agrees(figure.value, typed):
            message = f"the table says {typed} but {reference.strip()} is {printed}."
            problems.append(part.file.problem(where, message, severity=WARNING))
    return problems


def _computed_figures(
    parts: list[Part], tables: dict[str, ComputedTable], failed: frozenset[str]
) -> list[Problem]:
    """An indicator's figure computed with ``from: table | row | column`` must name a
    figure of the data."""
    problems = []
    for part, path, reference in _figure_references(parts, "from", failed):
        if len(path) < 2 or path[-2] not in MEASURES:
            continue
        try:
            if len(reference.split("|")) < 3:  # not a chapter reference, which cite allows
                raise LookupError("from: names a figure: table | row | column.")
            cite(reference, tables)
        except LookupError as error:
            problems.append(part.file.problem(path, str(error.args[0])))
    return problems


def _value_beside(data: object, path: tuple) -> str | None:
    for step in path[:-1]:
        data = data[step]
    value = data.get("value") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def _disagreements(
    spec_file: YamlFile, spec: Assessment, content: AssessmentContent
) -> list[Problem]:
    """Figures that must agree across tables (e.g. the same count in two tables)."""
    problems = []
    for index, agreement in enumerate(spec.must_agree):
        where = ("must_agree", index, "figures")
        if any(ref.split("|")[0].strip() in content.failed_tables for ref in agreement.figures):
            continue
        try:
            printed = [cite(reference, content.tables) for reference in agreement.figures]
        except LookupError as error:
            problems.append(spec_file.problem(where, str(error.args[0])))
            continue
        if len(set(printed)) > 1:
            listing = "; ".join(
                f"{ref.strip()} is {value}"
                for ref, value in zip(agreement.figures, printed, strict=True)
            )
            problems.append(
                spec_file.problem(
                    where,
                    f"these figures should agree ({agreement.why}) but {listing}.",
                    severity=WARNING,
                )
            )
    return problems
