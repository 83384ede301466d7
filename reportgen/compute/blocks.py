"""Text blocks as laid out: library texts expanded, priorities filled in, paragraphs
numbered, figures cited from the tables, lists labelled."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reportgen.compute.charts import ChartView, chart_view
from reportgen.compute.pictures import PictureView, picture_view
from reportgen.compute.references import cite, resolve
from reportgen.model import (
    Block,
    Bullets,
    ChartRef,
    Heading,
    Lettered,
    LibraryText,
    Numbered,
    Paragraph,
    PlainText,
    PriorityList,
    TableRef,
)
from reportgen.model.assessment import AboutPriority
from reportgen.model.pictures import Image
from reportgen.model.plan_blocks import ActionPlan, ContactList, Figure, Indicators
from reportgen.model.text import CheckedValue, Glossary, Grid, NumberedCell, PriorityTable
from reportgen.types import CellList, Chapters, ComputedTable, TableRow, Year

LANGUAGE = "en-GB"


@dataclass(frozen=True)
class Item:
    """One item of a list, with its printed label (e.g. "1." or "a)") if it has one."""

    text: str
    label: str = ""
    document: str = ""
    """For an appendix the report lists: which of reportgen's documents it is (e.g.
    strategic-assessment), so a publication can link the item to that document's page."""


@dataclass(frozen=True)
class TextBlock:
    """A paragraph or a list, ready to lay out. ``kind`` is paragraph, text, bullets or
    lettered (or table, chart, image); ``number`` is a numbered paragraph's number (e.g.
    2.1)."""

    kind: str
    text: str = ""
    number: str = ""
    items: tuple[Item, ...] = ()
    table: ComputedTable | None = None
    chart: ChartView | None = None
    picture: PictureView | None = None


@dataclass(frozen=True)
class SectionView:
    """A numbered section: "2", "Introduction and background", and its blocks."""

    number: str
    title: str
    blocks: tuple[TextBlock, ...] = ()
    items: tuple[Item, ...] = ()
    anchor: str = ""
    bookmark: Bookmark | None = None
    label: str = ""
    """Its number as printed before the title ("2." in the report, "1.1" in a chapter)."""


@dataclass(frozen=True)
class Bookmark:
    """A Word bookmark on a heading, for the contents page's page numbers. Names starting
    "_Toc" are the ones Word itself uses for contents entries (hidden from the user)."""

    id: int

    @property
    def name(self) -> str:
        return f"_Toc{100000 + self.id}"


class BlockExpander:
    """Expands a year's blocks: library texts inlined, priority lists filled, paragraphs
    numbered, ``[[table | row | column]]`` figures cited."""

    def __init__(
        self,
        year: Year,
        glossary: dict[str, str] | None = None,
        chapters: Chapters | None = None,
    ) -> None:
        self.year = year
        self.glossary = glossary or {}
        self.chapters = chapters
        self.tables = year.tables
        self.charts = year.charts

    def blocks(self, blocks: list[Block], section: str = "") -> tuple[TextBlock, ...]:
        laid_out: list[TextBlock] = []
        for block in self._expanded(blocks):
            number = f"{section}.{sum(b.kind == 'paragraph' for b in laid_out) + 1}"
            laid_out.append(self._block(block, number if section else ""))
        return tuple(laid_out)

    def text(self, text: str) -> str:
        """Text with its figure references replaced by the figures."""
        return resolve(text, self.tables, self.chapters, self.year.priorities)

    def items(self, texts: list[str]) -> tuple[Item, ...]:
        return tuple(Item(self.text(text)) for text in texts)

    def _expanded(self, blocks: list[Block]) -> list[Block]:
        expanded: list[Block] = []
        for block in blocks:
            if isinstance(block, LibraryText):
                expanded += self.year.library[block.library].entry.text
            else:
                expanded.append(block)
        return expanded

    def _block(self, block: Block, number: str) -> TextBlock:
        if isinstance(block, Paragraph):
            kind = "paragraph" if number else "text"
            return TextBlock(kind, self.text(block.paragraph), number=number)
        return getattr(self, f"_{type(block).__name__.lower()}")(block)

    def _plaintext(self, block: PlainText) -> TextBlock:
        return TextBlock("text", self.text(block.text))

    def _heading(self, block: Heading) -> TextBlock:
        return TextBlock("heading", self.text(block.heading))

    def _bullets(self, block: Bullets) -> TextBlock:
        return TextBlock("bullets", items=self.items(block.bullets))

    def _lettered(self, block: Lettered) -> TextBlock:
        return TextBlock("lettered", items=lettered([self.text(t) for t in block.lettered]))

    def _numbered(self, block: Numbered) -> TextBlock:
        return TextBlock("numbered", items=numbered([self.text(t) for t in block.numbered]))

    def _tableref(self, block: TableRef) -> TextBlock:
        return TextBlock("table", table=self.tables[block.table])

    def _grid(self, block: Grid) -> TextBlock:
        rows = [[self._grid_cell(cell) for cell in row] for row in block.grid.rows]
        return TextBlock("table", table=text_table(block.grid.title, block.grid.headings, rows))

    def _grid_cell(self, cell: str | list[str] | NumberedCell | CheckedValue) -> str | CellList:
        """A grid's cell as printed: its text, or its list (bulleted or numbered)."""
        if isinstance(cell, list):
            return CellList(tuple(self.text(item) for item in cell))
        if isinstance(cell, NumberedCell):
            return CellList(tuple(self.text(item) for item in cell.numbered), numbered=True)
        return self.text(cell if isinstance(cell, str) else cell.value)

    def _actionplan(self, block: ActionPlan) -> TextBlock:
        """Each aim once, in a cell spanning its actions' rows."""
        plan = block.action_plan
        rows, spans = [], []
        for aim in plan.aims:
            for index, action in enumerate(aim.actions):
                first = self.text(aim.aim) if index == 0 else ""
                texts = (action.action, action.outcomes, action.lead)
                rows.append([first, *(self.text(text) for text in texts)])
                spans.append(len(aim.actions) if index == 0 else 0)
        title = plan.title or f"{plan.priority}: action plan"
        headings = ["Aim", "Action", "Anticipated Outcomes", "Lead Agency"]
        return TextBlock("table", table=text_table(title, headings, rows, spans))

    def _indicators(self, block: Indicators) -> TextBlock:
        table = block.indicators
        columns = table.columns
        rows = [
            [
                self.text(row.indicator),
                *(self.figure(getattr(row, measure)) for measure, _ in columns),
            ]
            for row in table.rows
        ]
        title = table.title or f"{table.priority}: indicators"
        headings = ["Indicator", *(heading for _, heading in columns)]
        return TextBlock("table", table=text_table(title, headings, rows))

    def figure(self, figure: Figure) -> str:
        """An indicator's figure: typed, or computed from the data; then its note."""
        printed = cite(figure.from_data, self.tables) if figure.from_data else figure.value
        return " ".join(self.text(part) for part in (printed, figure.note) if part)

    def _contactlist(self, block: ContactList) -> TextBlock:
        contacts = [self.year.contacts[name] for name in block.contacts]
        rows = [[contact.name, contact.details] for contact in contacts]
        return TextBlock("table", table=text_table("Contacts", ["Contact", "Details"], rows))

    def _prioritytable(self, block: PriorityTable) -> TextBlock:
        return TextBlock("table", table=priority_table(self.year, block.priority_table))

    def _glossary(self, block: Glossary) -> TextBlock:
        """The entries used (if asked) and the extras named, in the glossary's order; headed
        "Acronym" while every entry is an acronym, else "Term"."""
        listed = set(self.glossary if block.glossary.used else ()) | set(block.glossary.also)
        rows = [[term, meaning] for term, meaning in self.year.glossary.items() if term in listed]
        if all(_ACRONYM_ENTRY.fullmatch(term) for term, _ in rows):
            title, heading = "Acronym glossary", "Acronym"
        else:
            title, heading = "Glossary", "Term"
        return TextBlock("table", table=text_table(title, [heading, "Meaning"], rows))

    def _image(self, block: Image) -> TextBlock:
        return TextBlock("image", picture=picture_view(block, self.year.pictures[block.image.file]))

    def _chartref(self, block: ChartRef) -> TextBlock:
        chart = self.charts[block.chart]
        view = chart_view(block.chart, chart, self.tables[chart.table])
        return TextBlock("chart", chart=view)

    def _prioritylist(self, block: PriorityList) -> TextBlock:
        if block.priorities == "removed":
            items = [f"{r.priority}: {r.reason}" for r in self.year.priorities.removed]
        else:
            items = self.year.priorities.printed(block.priorities, block.wording)
        return TextBlock("bullets", items=tuple(Item(text) for text in items))

    def heading(self, part: AboutPriority) -> str:
        """A chapter's or section's heading: its title, or the wording of the priority it
        is about (by default its title where it has one, else its name)."""
        if part.priority is None:
            return part.title or ""
        priority = self.year.priorities.find(part.priority)
        if priority is None:  # check refuses this; the name is the best heading left
            return part.priority
        return priority.wording(part.wording or "title") or priority.priority


def text_table(
    title: str,
    headings: list[str],
    rows: Sequence[Sequence[str | CellList]],
    spans: list[int] | None = None,
) -> ComputedTable:
    """A table of text, laid out like a data table (first column as row headers, each
    covering ``spans[i]`` rows if given). A cell may hold a list."""
    width = len(headings)
    table_rows = []
    for index, row in enumerate(rows):
        cells = [*row, *[""] * width][:width]
        lists = tuple(cell if isinstance(cell, CellList) else None for cell in cells)
        texts = tuple(cell.text if isinstance(cell, CellList) else cell for cell in cells)
        table_rows.append(
            TableRow(
                texts[0] if row else "",
                texts,
                span=spans[index] if spans else 1,
                lists=lists if any(lists) else (),
            )
        )
    return ComputedTable(
        "",
        title,
        tuple(headings),
        tuple(headings),
        tuple(False for _ in headings),
        tuple(table_rows),
        None,
    )


def priority_table(year: Year, which: str) -> ComputedTable:
    """The priority leads, or the matrix of priorities and cross-cutting themes."""
    priorities = year.priorities
    if which == "leads":
        return text_table(
            "Priority leads",
            ["Priority sub-groups", "Lead Officer/Agency"],
            [[lead.sub_group or lead.priority, lead.lead] for lead in priorities.leads],
        )
    rows = [
        [
            theme.theme,
            *(
                "Yes" if theme.priorities is None or p in theme.priorities else ""
                for p in priorities.names
            ),
        ]
        for theme in priorities.themes
    ]
    return text_table(
        "Priorities and cross-cutting themes",
        ["Cross-cutting theme", *priorities.names],
        rows,
    )


_WORD = re.compile(r"[A-Za-z][A-Za-z&]*")
_ACRONYM_ENTRY = re.compile(r"[A-Za-z&]*[A-Z][A-Za-z&]*[A-Z][A-Za-z&]*")
"""An acronym: one word with at least two capitals (ASB, MoRiLE)."""


def used_terms(texts: list[str], glossary: dict[str, str]) -> dict[str, str]:
    """The glossary's terms that appear (as whole words, capitals as written, or with a
    plural "s") in ``texts``, in glossary order: acronyms and one-word terms, and terms of
    several words ("Community Trigger") however the text breaks the line between them."""
    text = " ".join(texts)
    words = set(_WORD.findall(text))
    plurals = {word[:-1] for word in words if word.endswith("s")}  # CCGs, OCGs
    return {
        term: meaning
        for term, meaning in glossary.items()
        if (term in words or term in plurals if _WORD.fullmatch(term) else _phrase(term, text))
    }


def _phrase(term: str, text: str) -> bool:
    """Whether a term of several words (or with other characters) is in the text, as whole
    words."""
    words = r"\s+".join(re.escape(word) for word in term.split())
    return re.search(rf"(?<![A-Za-z&]){words}s?(?![A-Za-z&])", text) is not None


def lettered(texts: list[str]) -> tuple[Item, ...]:
    """Items labelled a), b), c) …"""
    return tuple(Item(text, f"{chr(ord('a') + i)})") for i, text in enumerate(texts))


def numbered(texts: list[str]) -> tuple[Item, ...]:
    """Items labelled 1., 2., 3. …"""
    return tuple(Item(text, f"{i}.") for i, text in enumerate(texts, start=1))
