"""A document's text as ``diff`` compares it: its sections (a chapter's sections beneath
it), each a list of passages — a paragraph, a list item, a table's title, columns and each
row, a chart's title and description, a picture's caption and alt text — taken from the
computed document, so figures cited with ``[[…]]`` compare as printed.

Numbers that only say where a passage stands (paragraph 2.3, list item b)) are left out:
adding a paragraph would otherwise renumber, and so change, every one after it. The text
is kept as plain data (:func:`as_json`, :func:`from_json`), so ``publish`` can store it
with a published version and ``diff`` can compare a year against what was published."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from reportgen.compute import CommitteeReport, ComputedDocument
from reportgen.compute.blocks import SectionView, TextBlock
from reportgen.compute.chaptered import ChapteredDocument, ChapterView
from reportgen.types import ComputedTable

PREFIXES = {
    "title": "Title: ",
    "subtitle": "Subtitle: ",
    "edition": "Edition: ",
    "organisation": "Organisation: ",
    "committee": "Committee: ",
    "meeting date": "Meeting date: ",
    "detail": "",
    "list item": "• ",
    "table": "Table: ",
    "table columns": "Columns: ",
    "table row": "Row: ",
    "table note": "Note: ",
    "chart": "Chart: ",
    "chart description": "Chart description: ",
    "picture caption": "Picture caption: ",
    "picture description": "Picture description: ",
    "picture file": "Picture file: ",
    "sign-off": "Sign-off: ",
}
"""What the redlines print before a passage of each kind, so a row reads as a row."""


@dataclass(frozen=True)
class Passage:
    """A piece of text as compared, and what it is (paragraph, heading, list item, table
    row …)."""

    kind: str
    text: str

    def __post_init__(self) -> None:
        # Compared word by word: how a text was wrapped over lines does not count.
        object.__setattr__(self, "text", " ".join(self.text.split()))

    @property
    def prefix(self) -> str:
        """What the redlines print before it ("Row: ", "Chart description: ")."""
        return PREFIXES.get(self.kind, "")


@dataclass(frozen=True)
class SectionText:
    """A section (or chapter) as compared: its title, its number as printed, its own
    passages and the sections beneath it."""

    title: str
    label: str = ""
    passages: tuple[Passage, ...] = ()
    sections: tuple[SectionText, ...] = ()

    @property
    def heading(self) -> str:
        """Its heading as printed: "2. Introduction", "Appendix 1 Methodology"."""
        return f"{self.label} {self.title}".strip()

    def every_passage(self) -> list[Passage]:
        """Its passages, then those of the sections beneath it."""
        return [*self.passages, *(p for s in self.sections for p in s.every_passage())]

    @property
    def body(self) -> str:
        """All its words (and those of the sections beneath it), for matching a renamed
        section to its earlier self."""
        return " ".join(passage.text for passage in self.every_passage())


@dataclass(frozen=True)
class DocumentText:
    """A document as compared: its name (committee-report …), its title and sections."""

    name: str
    title: str
    sections: tuple[SectionText, ...]


@dataclass(frozen=True)
class YearText:
    """What ``diff`` compares of a year: how to call it ("2018-19", "2018-19 as published
    in v2"), its recommended priorities by name and its documents by name."""

    label: str
    priorities: tuple[str, ...]
    documents: dict[str, DocumentText] = field(default_factory=dict)


def year_text(
    label: str, priorities: Iterable[str], documents: Mapping[str, ComputedDocument]
) -> YearText:
    """The comparable text of a year's computed documents."""
    return YearText(
        label,
        tuple(priorities),
        {name: document_text(name, document) for name, document in documents.items()},
    )


def document_text(name: str, document: ComputedDocument) -> DocumentText:
    """The comparable text of one computed document."""
    if isinstance(document, CommitteeReport):
        return DocumentText(name, document.title, _report_sections(document))
    return DocumentText(name, document.title, _chaptered_sections(document))


def _report_sections(report: CommitteeReport) -> tuple[SectionText, ...]:
    wording = report.wording
    cover = [
        Passage("title", report.title),
        Passage("committee", report.committee),
        Passage("meeting date", report.meeting_date),
        Passage(
            "detail", f"{wording.final_decision_question} {report.final_decision_at_this_meeting}"
        ),
        *(Passage("detail", f"{label}: {value}") for label, value in report.cover),
    ]
    sections = [
        SectionText("Cover", passages=tuple(cover)),
        SectionText(wording.executive_summary, passages=_blocks(report.executive_summary)),
        SectionText(
            wording.recommendations,
            passages=(
                Passage("paragraph", report.recommendations_intro),
                *(Passage("list item", item.text) for item in report.recommendations),
            ),
        ),
    ]
    if report.corporate_priorities:
        priorities = (Passage("list item", text) for text in report.corporate_priorities)
        intro = Passage("paragraph", wording.corporate_priorities_intro)
        sections.append(SectionText(wording.corporate_priorities, passages=(intro, *priorities)))
    timetable = (Passage("table row", f"{meeting} | {date}") for meeting, date in report.timetable)
    sections.append(SectionText(wording.timetable, passages=tuple(timetable)))
    sections += [_section(section) for section in report.sections]
    implications = tuple(
        SectionText(row.issue, passages=(*_blocks(row.blocks), Passage("sign-off", row.sign_off)))
        for row in report.implication_rows
    )
    sections.append(_section(report.implications, implications))
    sections += [_section(s) for s in (report.appendices, report.background_papers) if s]
    return tuple(sections)


def _section(view: SectionView, beneath: tuple[SectionText, ...] = ()) -> SectionText:
    items = tuple(Passage("list item", item.text) for item in view.items)
    return SectionText(view.title, view.label, (*_blocks(view.blocks), *items), beneath)


def _chaptered_sections(document: ChapteredDocument) -> tuple[SectionText, ...]:
    title_page = [Passage("title", document.title)]
    title_page += [
        Passage(kind, text)
        for kind, text in (
            ("subtitle", document.subtitle),
            ("edition", document.edition),
            ("organisation", document.organisation),
        )
        if text
    ]
    chapters = (*document.chapters, *document.appendices)
    return (SectionText("Title page", passages=tuple(title_page)), *map(_chapter, chapters))


def _chapter(chapter: ChapterView) -> SectionText:
    return SectionText(
        chapter.title,
        chapter.label,
        _blocks(chapter.blocks),
        tuple(_section(section) for section in chapter.sections),
    )


def _blocks(blocks: Iterable[TextBlock]) -> tuple[Passage, ...]:
    return tuple(passage for block in blocks for passage in block_passages(block))


def block_passages(block: TextBlock) -> list[Passage]:
    """A laid-out block's passages: its text, each list item, a table's title, columns,
    rows and note, a chart's title and description, a picture's caption and alt text."""
    passages = []
    if block.text:
        passages.append(Passage("heading" if block.kind == "heading" else "paragraph", block.text))
    passages += [Passage("list item", item.text) for item in block.items]
    if block.table:
        passages += _table(block.table)
    if block.chart:
        passages += [
            Passage("chart", block.chart.title),
            Passage("chart description", block.chart.description),
        ]
    if block.picture:
        picture = block.picture
        if picture.caption:
            passages.append(Passage("picture caption", picture.caption))
        alt = "decorative (no description)" if picture.decorative else picture.alt
        # The file's contents too, as sign-off signs them: a picture replaced under the
        # same name is a change.
        drawn = f"{picture.file} (contents {picture.sha256[:12]})"
        passages += [Passage("picture description", alt), Passage("picture file", drawn)]
    return passages


def _table(table: ComputedTable) -> list[Passage]:
    passages = [Passage("table", table.title), Passage("table columns", " | ".join(table.headings))]
    passages += [Passage("table row", " | ".join(row.cells)) for row in table.rows]
    if table.note:
        passages.append(Passage("table note", table.note))
    return passages


# --- kept with a published version ----------------------------------------------------------

TEXT_FORMAT = 1
"""The version of the stored text's layout; :func:`from_json` refuses others."""


def as_json(text: YearText) -> dict[str, Any]:
    """The year's comparable text as plain JSON data."""
    return {
        "format": TEXT_FORMAT,
        "year": text.label,
        "priorities": list(text.priorities),
        "documents": {
            name: {
                "title": document.title,
                "sections": [_section_json(s) for s in document.sections],
            }
            for name, document in text.documents.items()
        },
    }


def _section_json(section: SectionText) -> dict[str, Any]:
    return {
        "title": section.title,
        "label": section.label,
        "passages": [[passage.kind, passage.text] for passage in section.passages],
        "sections": [_section_json(s) for s in section.sections],
    }


def from_json(data: Any, label: str) -> YearText:
    """The comparable text stored by :func:`as_json`, called ``label``. Raises ValueError
    (or KeyError, TypeError) if ``data`` is not what :func:`as_json` writes."""
    if not isinstance(data, dict) or data.get("format") != TEXT_FORMAT:
        raise ValueError(f"not reportgen's stored text (format {TEXT_FORMAT})")
    documents = {
        str(name): DocumentText(
            str(name),
            str(document["title"]),
            tuple(_section_from(s) for s in document["sections"]),
        )
        for name, document in data["documents"].items()
    }
    return YearText(label, tuple(str(p) for p in data["priorities"]), documents)


def _section_from(data: dict[str, Any]) -> SectionText:
    return SectionText(
        str(data["title"]),
        str(data["label"]),
        tuple(Passage(str(kind), str(text)) for kind, text in data["passages"]),
        tuple(_section_from(s) for s in data["sections"]),
    )
