"""Figures checked once computed: a plan's typed figures against the data
(``agrees_with:``), its computed ones naming a figure (``from:``), figures that must agree
across tables (``must_agree``), and each chart's series and rows against its table."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from reportgen.compute import figures
from reportgen.compute.charts import chart_data
from reportgen.compute.references import Reference, cite, figure_at
from reportgen.load.data import shown
from reportgen.load.yaml import named_values
from reportgen.model.assessment import Agreement, Chart
from reportgen.model.plan_blocks import MEASURES
from reportgen.problems import WARNING, Problem, suggest
from reportgen.types import ChapteredContent, ComputedTable, FieldPath, Part


def chart_problems(chart: Chart, table: ComputedTable) -> list[tuple[FieldPath, str]]:
    """What is wrong between a chart and its table, as (field path, message) pairs."""
    names = table.column_names()
    problems: list[tuple[FieldPath, str]] = [
        (("series", i), f"table {table.name!r} has no column {series!r}; {suggest(series, names)}")
        for i, series in enumerate(chart.series)
        if series not in names
    ]
    keys = table.row_keys()
    problems += [
        (("rows", i), f"table {table.name!r} has no row {row!r}; {suggest(row, keys)}")
        for i, row in enumerate(chart.rows or [])
        if row not in keys
    ]
    if not problems:
        problems += _not_figures(chart, table)
    if not problems and chart.kind == "grouped" and len(chart.series) < 2:
        problems.append(
            (
                ("series",),
                "a grouped bar chart compares two or more columns side by side; name them "
                "under series, or use kind: bar (or hbar) for one column.",
            )
        )
    if not problems and chart.kind == "spc":
        data = chart_data(chart, table)
        if len(data.series) != 1:
            problems.append((("series",), "an SPC chart shows one column of monthly counts."))
        elif sum(value is not None for value in data.values[0]) < 2:
            problems.append((("series", 0), "an SPC chart needs at least two months of figures."))
    return problems


def _not_figures(chart: Chart, table: ComputedTable) -> list[tuple[FieldPath, str]]:
    """Cells a chart would have to leave out because they are not numbers (``inf``,
    ``1e400``, text), column by column; blank, ``n/a``, ``*`` and the like are gaps."""
    rows = chart.rows or [row.key for row in table.rows if not row.aggregate]
    problems: list[tuple[FieldPath, str]] = []
    for index, series in enumerate(chart.series):
        cells = [(row, table.find(row, series)) for row in rows]
        found = [
            f"row {shown(row)} holds {shown(cell.text)}"
            for row, cell in cells
            if cell and cell.value is None and cell.text.strip() not in figures.NOT_A_NUMBER
        ]
        if found:
            source = table.source.path.name if table.source else f"table {table.name!r}"
            problems.append(
                (
                    ("series", index),
                    f"the chart cannot show column {series!r} of {source} where it is not a "
                    f"number: {'; '.join(found[:3])}{' …' if len(found) > 3 else ''}.",
                )
            )
    return problems


def charts_problems(content: ChapteredContent) -> list[Problem]:
    """Each chart of a document checked against its computed table."""
    problems = []
    for part in content.parts:
        for name, chart in part.chapter.charts.items():
            table = content.tables.get(chart.table)
            if table is None or content.charts.get(name) is not chart:
                continue  # no such table, or a repeated name: reported when validated
            problems += [
                part.file.problem(("charts", name, *path), message)
                for path, message in chart_problems(chart, table)
            ]
    return problems


def _figure_references(
    parts: list[Part], field_name: str, failed: frozenset[str]
) -> Iterator[tuple[Part, FieldPath, str]]:
    """Every ``field_name: table | row | column`` in the parts, except references to
    tables whose own errors are reported already."""
    for part in parts:
        for path, reference in named_values(part.file.data, field_name):
            if Reference.parse(reference).table not in failed:
                yield part, path, reference


def supplied_values(
    parts: list[Part], tables: dict[str, ComputedTable], failed: frozenset[str]
) -> list[Problem]:
    """Figures typed into a table with ``agrees_with:`` are compared with the data: a
    warning where they disagree beyond rounding, an error where the reference is wrong."""
    problems = []
    for part, path, reference in _figure_references(parts, "agrees_with", failed):
        typed = _value_beside(part.file.data, path)
        try:
            figure = figure_at(reference, tables)
            printed = cite(reference, tables)
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


def computed_figures(
    parts: list[Part], tables: dict[str, ComputedTable], failed: frozenset[str]
) -> list[Problem]:
    """An indicator's figure computed with ``from: table | row | column`` must name a
    figure of the data."""
    problems = []
    for part, path, reference in _figure_references(parts, "from", failed):
        if len(path) < 2 or path[-2] not in MEASURES:
            continue
        try:
            if not Reference.parse(reference).is_figure:  # cite allows a chapter reference
                raise LookupError("from: names a figure: table | row | column.")
            cite(reference, tables)
        except LookupError as error:
            problems.append(part.file.problem(path, str(error.args[0])))
    return problems


def _value_beside(data: Any, path: FieldPath) -> str | None:
    for step in path[:-1]:
        data = data[step]
    value = data.get("value") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def disagreements(content: ChapteredContent) -> list[Problem]:
    """Figures that must agree across tables (e.g. the same count in two tables)."""
    problems = []
    for index, agreement in enumerate(content.spec.must_agree):
        where = ("must_agree", index, "figures")
        references = [Reference.parse(text) for text in agreement.figures]
        if any(reference.table in content.failed_tables for reference in references):
            continue
        try:
            printed = [_cite_figure(reference, content.tables) for reference in references]
        except LookupError as error:
            problems.append(content.spec_file.problem(where, str(error.args[0])))
            continue
        problems += _disagreement(content, index, agreement, printed)
    return problems


def _cite_figure(reference: Reference, tables: dict[str, ComputedTable]) -> str:
    """A figure as printed: only a table's figure (figure_at says what is wrong with a
    reference to anything else, such as the priorities, which have no figures to agree)."""
    figure_at(reference, tables)
    return cite(reference, tables)


def _disagreement(
    content: ChapteredContent, index: int, agreement: Agreement, printed: list[str]
) -> list[Problem]:
    """Figures that should agree and do not: a warning, or a note where ``known_difference``
    gives the same figures; a ``known_difference`` for figures that agree is a warning."""
    file, known = content.spec_file, agreement.known_difference
    if known is not None and len(known.values) != len(printed):
        message = (
            f"known_difference gives {len(known.values)} values for {len(printed)} figures; "
            "give one value per figure, in the same order."
        )
        return [file.problem(("must_agree", index, "known_difference", "values"), message)]
    if len(set(printed)) == 1:
        if known is None:
            return []
        message = (
            f"these figures agree now (all {printed[0]}), so there is no difference to "
            "acknowledge; remove known_difference."
        )
        return [file.problem(("must_agree", index, "known_difference"), message, WARNING)]
    listing = "; ".join(
        f"{ref.strip()} is {value}" for ref, value in zip(agreement.figures, printed, strict=True)
    )
    message = f"these figures should agree ({agreement.why}) but {listing}."
    problem = file.problem(("must_agree", index, "figures"), message, severity=WARNING)
    if known is None:
        return [problem]
    where = file.place(("must_agree", index, "known_difference"))
    if known.values == printed:
        return [problem.acknowledged(where, known.reason)]
    changed = (
        f" {where} acknowledges them as {', '.join(known.values)}, but the figures have "
        f"changed: check them, then give values: [{', '.join(map(repr, printed))}] there, "
        "or remove it."
    )
    return [replace(problem, message=problem.message + changed)]
