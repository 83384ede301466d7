"""The Strategic Assessment appendix: numbered chapters and sections, a contents list,
data tables and charts, appendices."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.compute.blocks import BlockExpander
from reportgen.compute.chaptered import ChapteredDocument, chapters_of, contents_of, properties_of
from reportgen.types import Year


@dataclass(frozen=True)
class StrategicAssessment(ChapteredDocument):
    """The Strategic Assessment, as laid out in every format."""


def strategic_assessment(year: Year) -> StrategicAssessment:
    """Compute the Strategic Assessment from a year that has one."""
    assert year.assessment is not None
    content = year.assessment
    expand = BlockExpander(year, chapters=content.chapter_labels)
    chapters, appendices = chapters_of(content, expand)
    return StrategicAssessment(
        title=content.spec.title,
        organisation=content.spec.organisation,
        contents=contents_of(chapters, appendices),
        chapters=chapters,
        appendices=appendices,
        properties=properties_of(content),
    )
