"""The Strategic Assessment appendix: numbered chapters and sections, a contents list,
data tables and charts, appendices."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.compute.blocks import BlockExpander
from reportgen.compute.chaptered import (
    ChapteredDocument,
    chapter_references,
    chapters_of,
    contents_of,
    organisation_of,
    properties_of,
)
from reportgen.compute.pictures import logo_view
from reportgen.types import Year


@dataclass(frozen=True)
class StrategicAssessment(ChapteredDocument):
    """The Strategic Assessment, as laid out in every format."""


def strategic_assessment(year: Year) -> StrategicAssessment:
    """Compute the Strategic Assessment from a year that has one."""
    assert year.assessment is not None
    content, style = year.assessment, year.house_style
    references = chapter_references(content, style, BlockExpander(year).heading)
    expand = BlockExpander(year, chapters=references)
    chapters, appendices = chapters_of(content, expand, style)
    return StrategicAssessment(
        title=content.spec.title,
        organisation=organisation_of(content, style),
        contents=contents_of(chapters, appendices),
        chapters=chapters,
        appendices=appendices,
        properties=properties_of(content, style),
        house_style=style,
        logo=logo_view(style.logo, year.logo),
    )
