"""What must be signed off, and its text as it reads now: every implications row, by the
officer its ``sign_off`` names, and the other parts officers.yaml names (a section, a
library text, a data table, the recommendations). The text is laid out as printed
(library texts expanded, figures cited), so a sign-off covers exactly what the committee
reads."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from reportgen.compute.blocks import BlockExpander, TextBlock
from reportgen.model.report import SigningOfficer
from reportgen.types import Year


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
            single_spaced(f"{row.issue}: {blocks_text(expand.blocks(row.implications))}"),
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
        lines = [f"{n}. {text}" for n, text in enumerate(year.report.recommendations, start=1)]
        return single_spaced(" ".join(lines))
    if kind == "section":
        section = next(s for s in year.sections.sections if s.title == name)
        return single_spaced(f"{section.title}: {blocks_text(expand.blocks(section.content))}")
    if kind == "library":
        return single_spaced(blocks_text(expand.blocks(year.library[name].entry.text)))
    table = expand.tables[name]
    rows = [" | ".join(table.headings)] + [" | ".join(row.cells) for row in table.rows]
    return single_spaced(f"{table.title}: " + " / ".join(rows))


def blocks_text(blocks: tuple[TextBlock, ...]) -> str:
    """The words of laid-out blocks, as a reader sees them."""
    words = []
    for block in blocks:
        words += [block.number, block.text]
        words += [f"{item.label} {item.text}" for item in block.items]
        if block.table:
            words.append(" | ".join(block.table.headings))
            words += [" | ".join(row.cells) for row in block.table.rows]
    return " ".join(part for part in words if part)
