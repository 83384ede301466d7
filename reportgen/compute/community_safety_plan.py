"""The Community Safety Plan: a title page with its subtitle and edition, chapters (numbered
or not), action plans, indicators, contacts and a glossary of the acronyms it uses."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.compute.blocks import BlockExpander, used_terms
from reportgen.compute.chaptered import (
    ChapteredDocument,
    chapter_references,
    chapters_of,
    contents_of,
    organisation_of,
    properties_of,
)
from reportgen.compute.pictures import PictureView, logo_view
from reportgen.model.house_style import HouseStyle
from reportgen.types import PlanContent, Year


@dataclass(frozen=True)
class CommunitySafetyPlan(ChapteredDocument):
    """The Community Safety Plan, as laid out in every format (with the subtitle and
    edition its plan.yaml gives)."""


def community_safety_plan(year: Year) -> CommunitySafetyPlan:
    """Compute the Community Safety Plan from a year that has one. Its glossary lists only
    the acronyms it uses, so the plan is laid out once to find them, then again with the
    glossary filled in."""
    assert year.plan is not None
    style = year.house_style
    chapters = chapter_references(year.plan, style, BlockExpander(year).heading)
    logo = logo_view(style.logo, year.logo)
    draft = _plan(year.plan, BlockExpander(year, chapters=chapters), style, logo)
    used = used_terms(document_texts(draft), year.glossary)
    return _plan(year.plan, BlockExpander(year, used, chapters), style, logo)


def _plan(
    content: PlanContent, expand: BlockExpander, style: HouseStyle, logo: PictureView | None
) -> CommunitySafetyPlan:
    spec = content.spec
    chapters, appendices = chapters_of(content, expand, style, spec.numbered_sections)
    return CommunitySafetyPlan(
        title=spec.title,
        organisation=organisation_of(content, style),
        contents=contents_of(chapters, appendices) if spec.contents else (),
        chapters=chapters,
        appendices=appendices,
        properties=properties_of(content, style),
        subtitle=spec.subtitle or "",
        edition=spec.edition or "",
        house_style=style,
        logo=logo,
    )


def document_texts(document: ChapteredDocument) -> list[str]:
    """Every text of a computed document (for finding the acronyms it uses)."""
    texts = [document.title, document.subtitle, document.edition]
    for chapter in (*document.chapters, *document.appendices):
        texts.append(chapter.title)
        for blocks in (chapter.blocks, *(section.blocks for section in chapter.sections)):
            for block in blocks:
                texts += [block.text, *(item.text for item in block.items)]
                if block.table:
                    texts += [block.table.title, *block.table.headings]
                    texts += [cell for row in block.table.rows for cell in row.cells]
        texts += [section.title for section in chapter.sections]
    return texts
