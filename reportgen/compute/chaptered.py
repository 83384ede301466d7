"""What the Strategic Assessment and the Community Safety Plan share: numbered chapters
(or lettered appendices) with their sections, a contents list, and the document's
properties."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from reportgen.compute.blocks import LANGUAGE, BlockExpander, Bookmark, SectionView, TextBlock
from reportgen.types import ChapteredContent, Part


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
class ChapteredWording:
    """The fixed wording of a document of chapters, the same in every format."""

    contents: str = "Contents"


@dataclass(frozen=True)
class ChapteredDocument:
    """A document of numbered chapters, as laid out in every format."""

    title: str
    organisation: str
    contents: tuple[ContentsEntry, ...]
    chapters: tuple[ChapterView, ...]
    appendices: tuple[ChapterView, ...]
    properties: dict[str, str]
    wording: ChapteredWording = ChapteredWording()
    subtitle: str = ""
    """Printed under the title (the plan's, e.g. 'Delivering Safer Communities')."""
    edition: str = ""
    """Printed under the subtitle (the plan's, e.g. 'Refreshed March 2018')."""


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
            label=f"{number}.{n}" if number else "",
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


def contents_of(
    chapters: tuple[ChapterView, ...], appendices: tuple[ChapterView, ...]
) -> tuple[ContentsEntry, ...]:
    """The contents list: each chapter and appendix, and their sections."""
    entries = []
    for chapter in (*chapters, *appendices):
        entries.append(
            ContentsEntry(chapter.label, chapter.title, chapter.anchor, 1, chapter.bookmark)
        )
        entries += [
            ContentsEntry(section.label, section.title, section.anchor, 2, _bookmark(section))
            for section in chapter.sections
        ]
    return tuple(entries)


def chapters_of(
    content: ChapteredContent, expand: BlockExpander, numbered: bool = True
) -> tuple[tuple[ChapterView, ...], tuple[ChapterView, ...]]:
    """The chapters (numbered 1, 2 … or, with ``numbered`` off, sections unnumbered) and
    the appendices (Appendix 1 …), laid out."""
    bookmarks = itertools.count(1)
    chapters = tuple(
        _chapter(part, str(n) if numbered else "", f"{n}.", expand, bookmarks)
        for n, part in enumerate(content.chapters, start=1)
    )
    appendices = tuple(
        _chapter(part, "", f"Appendix {n}", expand, bookmarks)
        for n, part in enumerate(content.appendices, start=1)
    )
    return chapters, appendices


def _bookmark(section: SectionView) -> Bookmark:
    assert section.bookmark is not None  # every chapter's section has one
    return section.bookmark


def properties_of(content: ChapteredContent) -> dict[str, str]:
    """Title, subject, author and language, for the DOCX and PDF metadata."""
    spec = content.spec
    return {
        "title": spec.title,
        "subject": f"{spec.organisation}: {spec.title}",
        "author": spec.organisation,
        "language": LANGUAGE,
    }
