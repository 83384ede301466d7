"""The documents reportgen produces: each one's name, how it is computed, and whether a
year's content defines it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reportgen.compute.committee_report import CommitteeReport, committee_report
from reportgen.compute.community_safety_plan import CommunitySafetyPlan, community_safety_plan
from reportgen.compute.strategic_assessment import StrategicAssessment, strategic_assessment
from reportgen.types import Year

ComputedDocument = CommitteeReport | StrategicAssessment | CommunitySafetyPlan
"""A document as computed, ready for its templates."""


def _always(year: Year) -> bool:
    return True


@dataclass(frozen=True)
class DocumentKind:
    """A document reportgen can produce: its name (also its templates' name:
    ``<name>.html.j2``, ``<name>.docx``), how it is computed, and whether a year's content
    defines it."""

    name: str
    compute: Callable[[Year], ComputedDocument]
    defined: Callable[[Year], bool] = _always
    cost: dict[str, float] = field(default_factory=dict)
    """Rough seconds to render each format, so the slowest jobs start first."""

    @property
    def template(self) -> str:
        """Its templates' name: its own."""
        return self.name


DOCUMENTS: dict[str, DocumentKind] = {
    "committee-report": DocumentKind(
        "committee-report",
        committee_report,
        cost={"pdf": 0.6, "docx": 0.2, "html": 0.1},
    ),
    "strategic-assessment": DocumentKind(
        "strategic-assessment",
        strategic_assessment,
        defined=lambda year: year.assessment is not None,
        # (LibreOffice's layout of the Word file, to number its contents page, runs
        # beside the other jobs: see render.document)
        cost={"pdf": 3.0, "docx": 1.0, "html": 0.6},
    ),
    "community-safety-plan": DocumentKind(
        "community-safety-plan",
        community_safety_plan,
        defined=lambda year: year.plan is not None,
        cost={"pdf": 2.0, "docx": 0.5, "html": 0.3},
    ),
}
