"""The Community Safety Plan: a title page with its subtitle and edition, chapters (numbered
or not), action plans, indicators, contacts and a glossary of the acronyms it uses."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.compute.blocks import BlockExpander, used_terms
from reportgen.compute.chaptered import ChapteredDocument, chapters_of, contents_of, properties_of
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
    chapters = year.plan.chapter_labels
    draft = _plan(year.plan, BlockExpander(year, chapters=chapters))
    used = used_terms(document_texts(draft), year.glossary)
    return _plan(year.plan, BlockExpander(year, used, chapters))


def _plan(content: PlanContent, expand: BlockExpander) -> CommunitySafetyPlan:
    spec = content.spec
    chapters, appendices = chapters_of(content, expand, numbered=spec.numbered_sections)
    return CommunitySafetyPlan(
        title=spec.title,
        organisation=spec.organisation,
        contents=contents_of(chapters, appendices) if spec.contents else (),
        chapters=chapters,
        appendices=appendices,
        properties=properties_of(content),
        subtitle=spec.subtitle or "",
        edition=spec.edition or "",
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
