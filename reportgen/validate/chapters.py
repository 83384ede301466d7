"""The Strategic Assessment's and the plan's folders read and validated: the top file
(assessment.yaml, plan.yaml) listing the chapters, each chapter, its data tables' definitions
against their data files, and its charts and blocks naming tables and charts that exist.

A year without an ``assessment/assessment.yaml`` simply has no Strategic Assessment; one
without ``plan/plan.yaml``, no plan.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportgen.load.data import read_data
from reportgen.load.paths import content_folder, is_link_out, stays_inside
from reportgen.load.yaml import named_values
from reportgen.model.assessment import Assessment, Chapter, ChapteredSpec, DataTable, Plan
from reportgen.model.files import ASSESSMENT_FILE, ASSESSMENT_FOLDER, PLAN_FILE, PLAN_FOLDER
from reportgen.problems import Problem, suggest
from reportgen.types import (
    AssessmentContent,
    ChapteredContent,
    FieldPath,
    Part,
    PlanContent,
    TableSource,
    YamlFile,
)
from reportgen.validate.fields import read_and_validate
from reportgen.validate.tables import definition_problems


def read_assessment(year: Path) -> tuple[AssessmentContent | None, list[Problem]]:
    """The year's Strategic Assessment (None if it has none) and every problem in it."""
    folder = year / ASSESSMENT_FOLDER
    if not (folder / ASSESSMENT_FILE).is_file():
        return None, []
    spec_file, spec, problems = read_and_validate(
        folder / ASSESSMENT_FILE, Assessment, inside=content_folder(year)
    )
    if spec is None:
        return None, problems
    content = AssessmentContent(
        *_read_both(folder, spec_file, spec, problems), spec=spec, spec_file=spec_file
    )
    problems += _chapter_problems(year, content)
    return content, problems


def read_plan(year: Path) -> tuple[PlanContent | None, list[Problem]]:
    """The year's Community Safety Plan (None if it has none) and every problem in it."""
    folder = year / PLAN_FOLDER
    if not (folder / PLAN_FILE).is_file():
        return None, []
    spec_file, spec, problems = read_and_validate(
        folder / PLAN_FILE, Plan, inside=content_folder(year)
    )
    if spec is None:
        return None, problems
    content = PlanContent(
        *_read_both(folder, spec_file, spec, problems), spec=spec, spec_file=spec_file
    )
    problems += _chapter_problems(year, content)
    return content, problems


def _read_both(
    folder: Path, spec_file: YamlFile, spec: ChapteredSpec, problems: list[Problem]
) -> tuple[list[Part], list[Part]]:
    """The chapters and the appendices the spec lists (their problems added to
    ``problems``)."""
    chapters, more = _read_parts(folder, spec_file, "chapters", spec.chapters)
    appendices, most = _read_parts(folder, spec_file, "appendices", spec.appendices)
    problems += more + most
    return chapters, appendices


def _chapter_problems(year: Path, content: ChapteredContent) -> list[Problem]:
    """The tables' definitions against their data, the charts and block references."""
    problems = _read_tables(year, content)
    problems += _collect_charts(content)
    problems += _broken_block_references(content)
    return problems


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
        file, chapter, file_problems = read_and_validate(
            path, Chapter, inside=content_folder(folder.parent)
        )
        problems += file_problems
        if chapter is not None:
            parts.append(Part(name, chapter, file))
    return parts, problems


def _read_tables(year: Path, content: ChapteredContent) -> list[Problem]:
    """Each data table's definition checked against its data file; those that fit are kept
    to be computed, the others marked failed (their errors are reported once)."""
    problems = []
    for part in content.parts:
        for name, spec in part.chapter.tables.items():
            where = ("tables", name)
            if name in content.sources or name in content.failed_tables:
                problems.append(
                    part.file.problem(
                        where,
                        f"another chapter already has a table named {name!r}; rename one of them.",
                    )
                )
                continue
            data_path = year / spec.data
            if not stays_inside(data_path, year):
                problems.append(part.file.problem((*where, "data"), _outside_year(data_path, year)))
                continue
            source, table_problems = _table_source(name, spec, data_path, part.file)
            problems += table_problems
            if source is None:
                content.failed_tables.add(name)
            else:
                content.sources[name] = source
    return problems


def _placer(file: YamlFile, where: FieldPath) -> Callable[[FieldPath, str], Problem]:
    return lambda path, message: file.problem((*where, *path), message)


def _outside_year(path: Path, year: Path) -> str:
    """Why a data file outside the year's folder is not read (it is never opened)."""
    inside = "the data file must be inside the year's folder, e.g. data/x.csv"
    if is_link_out(path, year):
        return (
            f"{path.name} is a link to a file outside the year's folder, so it was not read; "
            f"{inside} (put a copy there instead of a link)."
        )
    return f"{inside}."


def _table_source(
    name: str, spec: DataTable, path: Path, file: YamlFile
) -> tuple[TableSource | None, list[Problem]]:
    data, problems = read_data(path.resolve())
    if data is None or problems:
        return None, problems
    problems = definition_problems(spec, data, _placer(file, ("tables", name)))
    return (None if problems else TableSource(name, spec, data, file)), problems


def _collect_charts(content: ChapteredContent) -> list[Problem]:
    """Charts by name, each naming a table that exists (its series and rows are checked
    against the computed table, in verify)."""
    problems = []
    for part in content.parts:
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
            if chart.table in content.failed_tables or chart.table in content.sources:
                continue
            problems.append(
                part.file.problem(
                    (*where, "table"),
                    f"there is no table named "
                    f"{chart.table!r}; {suggest(chart.table, content.sources)}",
                )
            )
    return problems


def _broken_block_references(content: ChapteredContent) -> list[Problem]:
    """``- table: NAME`` and ``- chart: NAME`` must name a table or chart that exists."""
    problems = []
    known: dict[str, dict] = {"table": content.sources, "chart": content.charts}
    for part in content.parts:
        for kind in ("table", "chart"):
            for path, name in named_values(part.file.data, kind):
                if path[0] in ("tables", "charts") or name in content.failed_tables:
                    continue  # a chart's own "table:" is checked with the chart
                if name not in known[kind]:
                    problems.append(
                        part.file.problem(
                            path, f"there is no {kind} named {name!r}; {suggest(name, known[kind])}"
                        )
                    )
    return problems
