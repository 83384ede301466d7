"""The Strategic Assessment appendix: numbered chapters and sections, a contents list,
data tables and charts, appendices."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from reportgen.assessment import Part
from reportgen.compute.blocks import (
    LANGUAGE,
    BlockExpander,
    Bookmark,
    SectionView,
    TextBlock,
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
    """The Strategic Assessment, as laid out in every format."""

    title: str
    organisation: str
    contents: tuple[ContentsEntry, ...]
    chapters: tuple[ChapterView, ...]
    appendices: tuple[ChapterView, ...]
    properties: dict[str, str]


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
    content, expand = year.assessment, BlockExpander(year)
    bookmarks = itertools.count(1)
    chapters = tuple(
        _chapter(part, str(n), f"{n}.", expand, bookmarks)
        for n, part in enumerate(content.chapters, start=1)
    )
    appendices = tuple(
        _chapter(part, "", f"Appendix {n}", expand, bookmarks)
        for n, part in enumerate(content.appendices, start=1)
    )
    return StrategicAssessment(
        title=content.spec.title,
        organisation=content.spec.organisation,
        contents=_contents(chapters, appendices),
        chapters=chapters,
        appendices=appendices,
        properties={
            "title": content.spec.title,
            "subject": f"{content.spec.organisation}: {content.spec.title}",
            "author": content.spec.organisation,
            "language": LANGUAGE,
        },
    )
