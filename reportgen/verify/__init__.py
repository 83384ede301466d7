"""Step 3b — verify: the checks that need computed figures, run once the year's tables are
computed and before anything is laid out.

- :mod:`~reportgen.verify.published`: figures a data file says were published, and its
  total rows, against the computed ones;
- :mod:`~reportgen.verify.citations`: every ``[[table | row | column]]`` names a figure;
- :mod:`~reportgen.verify.figures`: figures typed in the plan (``agrees_with:``),
  computed for it (``from:``), that must agree across tables (``must_agree``), and the
  charts' series and rows.

:func:`figure_problems` runs them all on a year whose figures are computed.
"""

from __future__ import annotations

from reportgen.model.priorities import Priorities
from reportgen.problems import Problem
from reportgen.types import (
    AssessmentContent,
    ChapteredContent,
    ComputedTable,
    PlanContent,
)
from reportgen.validate.year import Validation
from reportgen.verify.citations import citation_problems
from reportgen.verify.figures import (
    charts_problems,
    computed_figures,
    disagreements,
    supplied_values,
)
from reportgen.verify.published import published_problems


def figure_problems(
    validation: Validation, assessment: AssessmentContent | None, plan: PlanContent | None
) -> list[Problem]:
    """Every problem with the year's figures, its documents' tables computed. The plan may
    cite the assessment's figures as well as its own."""
    problems: list[Problem] = []
    cited: dict[str, ComputedTable] = {}
    failed: frozenset[str] = frozenset()
    for content in (assessment, plan):
        if content is None:
            continue
        cited |= content.tables
        failed |= content.failed_tables
        problems += _document_problems(content, cited, failed, validation.priorities)
    problems += _year_citations(validation, cited, failed)
    return problems


def _document_problems(
    content: ChapteredContent,
    tables: dict[str, ComputedTable],
    failed: frozenset[str],
    priorities: Priorities | None,
) -> list[Problem]:
    problems = [
        problem
        for name, source in content.sources.items()
        for problem in published_problems(source, content.tables[name])
    ]
    problems += charts_problems(content)
    chapters = content.chapter_labels
    for part in content.parts:
        problems += citation_problems(
            part.file, tables, failed, chapters=chapters, priorities=priorities
        )
    problems += supplied_values(content.parts, tables, failed)
    problems += computed_figures(content.parts, tables, failed)
    problems += disagreements(content)
    return problems


def _year_citations(
    validation: Validation, tables: dict[str, ComputedTable], failed: frozenset[str]
) -> list[Problem]:
    """``[[table | row | column]]`` in the report, and in the library texts this year uses,
    must name a figure of the year's tables (the chapters' own are checked with them)."""
    priorities = validation.priorities
    problems = [
        problem
        for file in validation.year_files
        for problem in citation_problems(file, tables, failed, priorities=priorities)
    ]
    for item in validation.library_used:
        problems += citation_problems(
            item.file, tables, failed, within=(item.name,), priorities=priorities
        )
    return problems
