"""The Strategic Assessment appendix: numbered chapters and sections, a contents list,
data tables and charts, appendices."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.assessment import Part
from reportgen.compute.blocks import LANGUAGE, BlockExpander, SectionView, TextBlock
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


@dataclass(frozen=True)
class ContentsEntry:
    """A line of the contents page: level 1 for chapters, 2 for their sections."""

    label: str
    title: str
    anchor: str
    level: int


@dataclass(frozen=True)
class StrategicAssessment:
    """The Strategic Assessment, as laid out in every format."""

    title: str
    organisation: str
    contents: tuple[ContentsEntry, ...]
    chapters: tuple[ChapterView, ...]
    appendices: tuple[ChapterView, ...]
    properties: dict[str, str]


def _chapter(part: Part, number: str, label: str, expand: BlockExpander) -> ChapterView:
    chapter = part.chapter
    sections = tuple(
        SectionView(
            f"{number}.{n}" if number else "", section.title, expand.blocks(section.content)
        )
        for n, section in enumerate(chapter.sections, start=1)
    )
    return ChapterView(
        number,
        label,
        chapter.title,
        f"part-{part.name}",
        expand.blocks(chapter.content or []),
        sections,
    )


def _contents(
    chapters: tuple[ChapterView, ...], appendices: tuple[ChapterView, ...]
) -> tuple[ContentsEntry, ...]:
    entries = []
    for chapter in (*chapters, *appendices):
        entries.append(ContentsEntry(chapter.label, chapter.title, chapter.anchor, 1))
        entries += [
            ContentsEntry(section.number, section.title, f"{chapter.anchor}-{i}", 2)
            for i, section in enumerate(chapter.sections, start=1)
        ]
    return tuple(entries)


def strategic_assessment(year: Year) -> StrategicAssessment:
    """Compute the Strategic Assessment from a validated year that has one."""
    assert year.assessment is not None
    content, expand = year.assessment, BlockExpander(year)
    chapters = tuple(
        _chapter(part, str(n), f"{n}.", expand) for n, part in enumerate(content.chapters, start=1)
    )
    appendices = tuple(
        _chapter(part, "", f"Appendix {n}", expand)
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
