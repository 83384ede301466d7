"""What the Strategic Assessment and the Community Safety Plan share: chapters and
appendices with their sections, numbered and headed as the house style says, a contents
list, and the document's properties."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from reportgen.compute.blocks import LANGUAGE, BlockExpander, Bookmark, SectionView, TextBlock
from reportgen.compute.pictures import PictureView
from reportgen.model.assessment import Chapter
from reportgen.model.house_style import NUMBER, TITLE, HouseStyle
from reportgen.types import ChapteredContent, Chapters, Part


@dataclass(frozen=True)
class ChapterView:
    """A chapter or appendix with its sections."""

    number: str
    """What its sections' numbers start with ("5" for 5.1, 5.2 …); empty when they have none."""
    label: str
    """Printed before the title, set apart from it: "5." or "Appendix 1"; empty when the
    house style numbers no chapters or runs an appendix's label into its title."""
    title: str
    """The heading's text after the label (the whole heading when the label is empty, e.g.
    "Appendix 1", an en dash, "Methodology")."""
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
    house_style: HouseStyle = field(default_factory=HouseStyle)
    """How it looks: the fonts, colours, heading capitals and chapters' new pages the
    formats apply."""
    logo: PictureView | None = None
    """The house style's logo, at the top of the title page."""


def _chapter(
    part: Part, number: str, label: str, expand: BlockExpander, bookmarks: Iterator[int]
) -> ChapterView:
    chapter, anchor = part.chapter, f"part-{part.name}"
    bookmark = Bookmark(next(bookmarks))
    sections = tuple(
        SectionView(
            f"{number}.{n}" if number else "",
            expand.heading(section),
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
        expand.heading(chapter),
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
    content: ChapteredContent,
    expand: BlockExpander,
    style: HouseStyle,
    numbered_sections: bool = True,
) -> tuple[tuple[ChapterView, ...], tuple[ChapterView, ...]]:
    """The chapters, numbered 1., 2. … when the house style numbers chapters (their
    sections 1.1 … too, unless ``numbered_sections`` is off), and the appendices, headed
    as the house style's ``appendix_heading`` says, laid out."""
    bookmarks = itertools.count(1)
    numbered = style.numbered_chapters
    chapters = tuple(
        _chapter(
            part,
            str(n) if numbered and numbered_sections else "",
            f"{n}." if numbered else "",
            expand,
            bookmarks,
        )
        for n, part in enumerate(content.chapters, start=1)
    )
    heading = AppendixHeading.of(style.appendix_heading)
    appendices = tuple(
        heading.applied(_chapter(part, "", "", expand, bookmarks), n)
        for n, part in enumerate(content.appendices, start=1)
    )
    return chapters, appendices


@dataclass(frozen=True)
class AppendixHeading:
    """The house style's appendix heading (e.g. "Appendix {number}", an en dash,
    "{title}"), split at the places of the number and the title."""

    before: str
    between: str
    after: str

    @classmethod
    def of(cls, pattern: str) -> AppendixHeading:
        """Split a heading as validated (each place once, the number first). It is never
        used as a format string: nothing in it can reach anything but the two places."""
        before, _, rest = pattern.partition(NUMBER)
        between, _, after = rest.partition(TITLE)
        return cls(before, between, after)

    def reference(self, number: int) -> str:
        """How text refers to the appendix: "Appendix 3"."""
        return f"{self.before}{number}".strip()

    def applied(self, view: ChapterView, number: int) -> ChapterView:
        """The appendix headed: "Appendix 3" set apart from its title when only a space
        comes between them (as a numbered chapter's "3." is), else one run of text:
        "Appendix 3", an en dash, "Organisational chart"."""
        if not self.between.strip() and not self.after.strip():
            return replace(view, label=self.reference(number))
        title = f"{self.before}{number}{self.between}{view.title}{self.after}".strip()
        return replace(view, label="", title=title)


def chapter_references(
    content: ChapteredContent, style: HouseStyle, heading: Callable[[Chapter], str]
) -> Chapters:
    """How ``[[chapter | NAME]]`` prints each chapter and appendix: "section 7" (its
    title, given by ``heading``, when chapters have no numbers) and "Appendix 1"."""
    if style.numbered_chapters:
        names = enumerate(content.spec.chapters, start=1)
        references = {name: f"section {n}" for n, name in names}
    else:
        references = {part.name: heading(part.chapter) for part in content.chapters}
    appendix = AppendixHeading.of(style.appendix_heading)
    references |= {
        name: appendix.reference(n) for n, name in enumerate(content.spec.appendices, start=1)
    }
    return references


def _bookmark(section: SectionView) -> Bookmark:
    assert section.bookmark is not None  # every chapter's section has one
    return section.bookmark


def organisation_of(content: ChapteredContent, style: HouseStyle) -> str:
    """Who publishes the document: its own organisation:, else the house style's (check
    makes sure one of them is given)."""
    return content.spec.organisation or style.organisation or ""


def properties_of(content: ChapteredContent, style: HouseStyle) -> dict[str, str]:
    """Title, subject, author and language, for the DOCX and PDF metadata: the author is
    the council that publishes it (the house style's organisation), even where the
    document is its partnership's (the subject names that), else its own organisation."""
    spec, organisation = content.spec, organisation_of(content, style)
    return {
        "title": spec.title,
        "subject": f"{organisation}: {spec.title}",
        "author": style.organisation or organisation,
        "language": LANGUAGE,
    }
