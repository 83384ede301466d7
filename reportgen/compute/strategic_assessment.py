"""The Strategic Assessment appendix: numbered chapters and sections, a contents list,
data tables and charts, appendices."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from reportgen.assessment import AssessmentContent, Part
from reportgen.compute.blocks import (
    LANGUAGE,
    BlockExpander,
    Bookmark,
    SectionView,
    TextBlock,
    used_terms,
)
from reportgen.year import Year


@dataclass(frozen=True)
class ChapterView:
    """A numbered chapter (or lettered appendix) with its sections."""

    number: str
    label: str
    title: str
    anchor: str
    blocks: tuple[TextBlock, ...]
    sections: tuple[SectionView, ...]
    bookmark: Bookmark


@dataclass(frozen=True)
class ContentsEntry:
    """A line of the contents page: level 1 for chapters, 2 for their sections."""

    label: str
    title: str
    anchor: str
    level: int
    bookmark: Bookmark


@dataclass(frozen=True)
class StrategicAssessment:
    """A document of numbered chapters — the Strategic Assessment, or the Community Safety
    Plan — as laid out in every format."""

    title: str
    organisation: str
    contents: tuple[ContentsEntry, ...]
    chapters: tuple[ChapterView, ...]
    appendices: tuple[ChapterView, ...]
    properties: dict[str, str]
    subtitle: str = ""
    edition: str = ""


def _chapter(
    part: Part, number: str, label: str, expand: BlockExpander, bookmarks: Iterator[int]
) -> ChapterView:
    chapter, anchor = part.chapter, f"part-{part.name}"
    bookmark = Bookmark(next(bookmarks))
    sections = tuple(
        SectionView(
            f"{number}.{n}" if number else "",
            section.title,
            expand.blocks(section.content),
            anchor=f"{anchor}-{n}",
            bookmark=Bookmark(next(bookmarks)),
        )
        for n, section in enumerate(chapter.sections, start=1)
    )
    return ChapterView(
        number,
        label,
        chapter.title,
        anchor,
        expand.blocks(chapter.content or []),
        sections,
        bookmark,
    )


def _contents(
    chapters: tuple[ChapterView, ...], appendices: tuple[ChapterView, ...]
) -> tuple[ContentsEntry, ...]:
    entries = []
    for chapter in (*chapters, *appendices):
        entries.append(
            ContentsEntry(chapter.label, chapter.title, chapter.anchor, 1, chapter.bookmark)
        )
        entries += [
            ContentsEntry(section.number, section.title, section.anchor, 2, section.bookmark)
            for section in chapter.sections
        ]
    return tuple(entries)


def strategic_assessment(year: Year) -> StrategicAssessment:
    """Compute the Strategic Assessment from a validated year that has one."""
    assert year.assessment is not None
    expand = BlockExpander(year, chapters=year.assessment.chapter_labels)
    return _chaptered(year, year.assessment, expand, contents=True)


def community_safety_plan(year: Year) -> StrategicAssessment:
    """Compute the Community Safety Plan. Its glossary lists only the acronyms it uses, so
    the plan is laid out once to find them, then again with the glossary filled in."""
    assert year.plan is not None
    contents = year.plan.spec.contents
    chapters = year.plan.chapter_labels
    draft = _chaptered(year, year.plan, BlockExpander(year, chapters=chapters), contents)
    used = used_terms(document_texts(draft), year.glossary)
    return _chaptered(year, year.plan, BlockExpander(year, used, chapters), contents)


def document_texts(document: StrategicAssessment) -> list[str]:
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


def _chaptered(
    year: Year, content: AssessmentContent, expand: BlockExpander, contents: bool
) -> StrategicAssessment:
    bookmarks = itertools.count(1)
    numbered = getattr(content.spec, "numbered_sections", True)
    chapters = tuple(
        _chapter(part, str(n) if numbered else "", f"{n}.", expand, bookmarks)
        for n, part in enumerate(content.chapters, start=1)
    )
    appendices = tuple(
        _chapter(part, "", f"Appendix {n}", expand, bookmarks)
        for n, part in enumerate(content.appendices, start=1)
    )
    spec = content.spec
    return StrategicAssessment(
        title=spec.title,
        organisation=spec.organisation,
        contents=_contents(chapters, appendices) if contents else (),
        chapters=chapters,
        appendices=appendices,
        properties={
            "title": spec.title,
            "subject": f"{spec.organisation}: {spec.title}",
            "author": spec.organisation,
            "language": LANGUAGE,
        },
        subtitle=getattr(spec, "subtitle", None) or "",
        edition=getattr(spec, "edition", None) or "",
    )
