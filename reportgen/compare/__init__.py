"""Step 3c — compare: what changed between two versions of a year's documents, computed
from the documents as laid out (after verify, before render: the redlines are rendered
from what is decided here).

- :mod:`~reportgen.compare.words`: the word-level differ, shared with ``status``;
- :mod:`~reportgen.compare.text`: a computed document's text, section by section;
- :mod:`~reportgen.compare.documents`: two years compared (:func:`compare_years`);
- :mod:`~reportgen.compare.summary`: the summary ``diff`` prints.
"""

from reportgen.compare.documents import (
    Comparison,
    DocumentChange,
    PassageChange,
    SectionChange,
    compare_years,
)
from reportgen.compare.summary import Counts, counts, headline, summary
from reportgen.compare.text import YearText, as_json, from_json, year_text
from reportgen.compare.words import Piece, format_redline, redline, similarity, word_changes

__all__ = [
    "Comparison",
    "Counts",
    "DocumentChange",
    "PassageChange",
    "Piece",
    "SectionChange",
    "YearText",
    "as_json",
    "compare_years",
    "counts",
    "format_redline",
    "from_json",
    "headline",
    "redline",
    "similarity",
    "summary",
    "word_changes",
    "year_text",
]
