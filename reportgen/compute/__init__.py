"""Step 3 — compute: turn a validated year into what the templates lay out.

Everything a test would want to check is decided here — the tables' derived figures,
paragraph numbers, section numbers, dates as printed, library texts expanded, priority
lists filled in, figures cited, charts' figures and descriptions — so the Word and HTML
templates only place values on the page.

- :mod:`~reportgen.compute.figures`, :mod:`~reportgen.compute.tables`,
  :mod:`~reportgen.compute.references`, :mod:`~reportgen.compute.charts`: the figures;
- :mod:`~reportgen.compute.blocks`: text as laid out;
- one module per document: :mod:`~reportgen.compute.committee_report`,
  :mod:`~reportgen.compute.strategic_assessment`,
  :mod:`~reportgen.compute.community_safety_plan`; :data:`DOCUMENTS` lists them.
"""

from reportgen.compute.committee_report import CommitteeReport, committee_report
from reportgen.compute.community_safety_plan import CommunitySafetyPlan, community_safety_plan
from reportgen.compute.documents import DOCUMENTS, ComputedDocument, DocumentKind
from reportgen.compute.strategic_assessment import StrategicAssessment, strategic_assessment

__all__ = [
    "DOCUMENTS",
    "CommitteeReport",
    "CommunitySafetyPlan",
    "ComputedDocument",
    "DocumentKind",
    "StrategicAssessment",
    "committee_report",
    "community_safety_plan",
    "strategic_assessment",
]
