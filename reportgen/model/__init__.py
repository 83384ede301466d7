"""The content model: what each YAML file of a year may hold, one description per field.

The descriptions are what ``reportgen check`` quotes when a value is missing or wrong, so
they are written for the legal and finance officers who edit the files.
"""

from reportgen.model.base import Content, IsoDate
from reportgen.model.files import YEAR_FILES
from reportgen.model.priorities import Priorities, Priority, Wording
from reportgen.model.report import (
    GlossaryTerms,
    Implication,
    Implications,
    LibraryEntry,
    Meeting,
    Officer,
    Report,
    Section,
    Sections,
    Timetable,
)
from reportgen.model.text import (
    BLOCK_KINDS,
    BLOCK_TAG,
    Block,
    Blocks,
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

__all__ = [
    "BLOCK_KINDS",
    "BLOCK_TAG",
    "YEAR_FILES",
    "Block",
    "Blocks",
    "Bullets",
    "ChartRef",
    "Content",
    "GlossaryTerms",
    "Heading",
    "Implication",
    "Implications",
    "IsoDate",
    "Lettered",
    "LibraryEntry",
    "LibraryText",
    "Meeting",
    "Numbered",
    "Officer",
    "Paragraph",
    "PlainText",
    "Priorities",
    "Priority",
    "PriorityList",
    "Report",
    "Section",
    "Sections",
    "TableRef",
    "Timetable",
    "Wording",
]
