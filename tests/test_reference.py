"""docs/reference.md, the field-by-field reference, is generated from the content model and
must be kept current (run `make reference` after changing a field or its description)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "reference.md"


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_reference", ROOT / "tools" / "make_reference.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _section(text: str, heading: str) -> str:
    """The lines under a ``## heading`` up to the next file's heading."""
    start = text.index(f"## {heading} (")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def test_reference_is_current() -> None:
    assert REFERENCE.read_text(encoding="utf-8") == _tool().reference(), (
        "docs/reference.md is out of date: run make reference"
    )


def test_reference_describes_report_and_plan_fields() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    report = _section(text, "report.yaml")
    assert (
        "- `meeting_date` (date YYYY-MM-DD; required): the date of the committee meeting" in report
    )
    assert re.search(
        r"- `recommendations_to` \(text; required\): who the recommendations are made to.*"
        r"the Communities, Housing and Environment Committee",
        report,
    )
    assert "- `lead_officer` (a set of fields described under Officer; required)" in report
    assert "### Officer" in report and "- `label` (text; optional)" in report
    plan = _section(text, "plan/plan.yaml")
    assert (
        "- `numbered_sections` (yes/no; optional): whether sections are numbered 5.1, 5.2" in plan
    )
    assert "`meeting_date`" not in plan


def test_every_year_file_has_a_section() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    for name in (
        "report.yaml",
        "timetable.yaml",
        "priorities.yaml",
        "implications.yaml",
        "sections.yaml",
        "officers.yaml",
        "assessment/assessment.yaml",
        "plan/plan.yaml",
        "A chapter file",
        "glossary.yaml",
        "Library texts",
    ):
        assert f"\n## {name} (" in text, name


def test_every_field_has_an_example() -> None:
    fields = [
        line
        for line in REFERENCE.read_text(encoding="utf-8").splitlines()
        if line.startswith("- `")
    ]
    assert len(fields) > 200
    without = [line for line in fields if ". Example: `" not in line]
    assert without == [], "give these fields examples= in the model (or use them in the starter)"


def test_the_examples_are_the_fields_own_or_the_starter_years() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    report = _section(text, "report.yaml")
    assert "the date of the committee meeting (YYYY-MM-DD). Example: `2019-02-12`" in report
    assert (
        "- `final_decision_at_this_meeting` (yes/no; required): whether the final decision "
        "is made at this meeting (yes or no). Example: `no`"
    ) in report
    assert "Example: `{name: Alex Example, role: Head of Housing and Community Services}`" in report
    assert "- `from` (text; optional): the figure to compute it from" in text  # as typed
    assert "Example: `[Domestic abuse, Substance misuse]`" in text  # `bullets:`, its own
