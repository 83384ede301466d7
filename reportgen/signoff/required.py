"""What must be signed off, and its text as it reads now: every implications row, by the
officer its ``sign_off`` names, and the other parts officers.yaml names (a section, a
library text, a data table, the recommendations). The text is laid out as printed
(library texts expanded, figures cited), so a sign-off covers exactly what the committee
reads."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from reportgen.compute.blocks import BlockExpander, TextBlock
from reportgen.compute.charts import ChartView
from reportgen.compute.pictures import PictureView
from reportgen.model.report import SigningOfficer
from reportgen.types import CellList, ComputedTable, TableRow, Year


@dataclass(frozen=True)
class Required:
    """A part of the report an officer must clear, and its text as it reads now."""

    id: str
    what: str
    officer: SigningOfficer
    text: str

    @property
    def sha256(self) -> str:
        return text_hash(self.text)


def text_hash(text: str) -> str:
    """The SHA-256 of ``text`` with its spacing normalised (line breaks do not count)."""
    return hashlib.sha256(single_spaced(text).encode("utf-8")).hexdigest()


def single_spaced(text: str) -> str:
    """``text`` with every run of spaces and line breaks as one space."""
    return " ".join(text.split())


def required_signoffs(year: Year) -> list[Required]:
    """Every sign-off the year's report needs, in report order."""
    expand = BlockExpander(year)
    officers = year.officers.officers
    required = [
        Required(
            row.id,
            f"{row.issue} implications",
            next(o for o in officers if o.answers_to(row.sign_off)),
            single_spaced(f"{_words(row.issue)}: {blocks_text(expand.blocks(row.implications))}"),
        )
        for row in year.implications.rows
    ]
    for other in year.officers.also_signed_off:
        kind, name = other.what
        officer = next(o for o in officers if o.name == other.by)
        required.append(
            Required(other.id, _describe(kind, name), officer, _text_of(year, kind, name, expand))
        )
    return required


def _describe(kind: str, name: str) -> str:
    return "the recommendations" if kind == "recommendations" else f"{kind} {name!r}"


def _text_of(year: Year, kind: str, name: str, expand: BlockExpander) -> str:
    if kind == "recommendations":
        items = [
            f"{ITEM} {n}. {_words(text)}" for n, text in enumerate(year.report.recommendations, 1)
        ]
        return single_spaced(" ".join(items))
    if kind == "section":
        section = next(s for s in year.sections.sections if s.title == name)
        content = blocks_text(expand.blocks(section.content))
        return single_spaced(f"{_words(section.title)}: {content}")
    if kind == "library":
        return single_spaced(blocks_text(expand.blocks(year.library[name].entry.text)))
    return single_spaced(blocks_text((TextBlock("table", table=expand.tables[name]),)))


BLOCK, ITEM, CELL, PART = "¶", "•", "|", "/"
"""The marks that set out the signed text: ``¶`` starts each block (then what it is:
"Heading:", "Paragraph:", "Bullet list:" …), ``•`` each list item, ``|`` separates a
table's cells and ``/`` its title, columns, rows and note. Where the report's own words
hold one of these marks standing alone, it is written with a backslash (``\\|``), so the
signed text can only be read one way."""

_MARKS = frozenset((BLOCK, ITEM, CELL, PART))

_LABELS = {
    "heading": "Heading:",
    "text": "Paragraph:",
    "bullets": "Bullet list:",
    "lettered": "Lettered list:",
    "numbered": "Numbered list:",
    "table": "Table:",
    "chart": "Chart:",
    "image": "Picture:",
}


def blocks_text(blocks: tuple[TextBlock, ...]) -> str:
    """Every printed part of laid-out blocks, as a reader sees them, each block marked
    with what it is: ``¶ Heading: Risks ¶ Paragraph: The Council … ¶ Bullet list: • one
    • two ¶ Table: Risks / Columns: Risk | Owner / Row: Flooding | Head of Housing``."""
    return " ".join(_block_text(block) for block in blocks)


def _block_text(block: TextBlock) -> str:
    label = _LABELS.get(block.kind, f"{block.kind.capitalize()}:")
    if block.number:
        label = f"Paragraph {_words(block.number)}:"
    parts = [BLOCK, label, _words(block.text)]
    parts += [f"{ITEM} {_words(item.label)} {_words(item.text)}" for item in block.items]
    if block.table:
        parts.append(_table_text(block.table))
    if block.chart:
        parts.append(_chart_text(block.chart))
    if block.picture:
        parts.append(_picture_text(block.picture))
    return single_spaced(" ".join(parts))


def _table_text(table: ComputedTable) -> str:
    """``Title / Columns: a | b / Row: c | d / Note: …``: everything a table prints."""
    parts = [_words(table.title), _row("Columns:", table.headings)]
    parts += [_table_row(row) for row in table.rows]
    if table.note:
        parts.append(f"{PART} Note: {_words(table.note)}")
    return " ".join(parts)


def _table_row(row: TableRow) -> str:
    """``/ Row: a | • one • two``: a list in a cell as its items, each marked ``•``."""
    lists = row.lists or (None,) * len(row.cells)
    cells = [
        _list_words(cell_list) if cell_list else _words(text)
        for text, cell_list in zip(row.cells, lists, strict=True)
    ]
    return f"{PART} Row: " + f" {CELL} ".join(cells)


def _list_words(cell_list: CellList) -> str:
    labels = [f"{n}." if cell_list.numbered else "" for n in range(1, len(cell_list.items) + 1)]
    return " ".join(
        single_spaced(f"{ITEM} {label} {_words(item)}")
        for label, item in zip(labels, cell_list.items, strict=True)
    )


def _chart_text(chart: ChartView) -> str:
    """A chart's title, description, axes, and every figure it shows."""
    data = chart.data
    parts = [
        _words(chart.title),
        f"{PART} Description: {_words(chart.description)}",
        f"{PART} Type: {_words(data.kind)}",
        f"{PART} Axis of the rows: {_words(data.x_label)}",
        f"{PART} Axis of the figures: {_words(data.y_label)}",
        _row(f"{_words(chart.figures_heading)}:", (data.x_label, *data.series)),
    ]
    parts += [_row("Row:", (category, *values)) for category, values in chart.rows]
    return " ".join(parts)


def _picture_text(picture: PictureView) -> str:
    """A picture's caption, its alt text (or that it is decorative) and which file it is,
    by name and content (its SHA-256), so a picture swapped for another is noticed."""
    parts = [_words(picture.caption)] if picture.caption else []
    parts.append("Decorative" if picture.decorative else f"Description: {_words(picture.alt)}")
    parts.append(f"File: {_words(picture.file)} (SHA-256 {picture.sha256})")
    return f" {PART} ".join(parts)


def _row(label: str, cells: tuple[str, ...] | list[str]) -> str:
    return f"{PART} {label} " + f" {CELL} ".join(_words(cell) for cell in cells)


def _words(text: str) -> str:
    """The report's own words, single-spaced, any mark standing alone escaped."""
    return " ".join("\\" + word if word.lstrip("\\") in _MARKS else word for word in text.split())
