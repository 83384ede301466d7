"""Step 3 — compute: turn a validated year into what the templates lay out.

Everything a test would want to check is decided here — paragraph numbers, section
numbers, dates as printed, library texts expanded, priority lists filled in, figures
cited — so the Word and HTML templates only place values on the page.
"""

from reportgen.compute.committee_report import CommitteeReport, committee_report
from reportgen.compute.strategic_assessment import (
    StrategicAssessment,
    community_safety_plan,
    strategic_assessment,
)

__all__ = [
    "CommitteeReport",
    "StrategicAssessment",
    "committee_report",
    "community_safety_plan",
    "strategic_assessment",
]
