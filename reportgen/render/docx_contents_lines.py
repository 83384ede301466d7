"""Each entry of the Word contents page kept to its lines, the page number on the last
line of its title: an entry is its label ("1.", "2.3", "Appendix 1"), a tab, its title, a
tab and its page number, which a right-aligned tab stop with a dot leader puts at the
right edge of the text; the title starts at the style's hanging indent and wraps under
itself (see tools/make_word_templates.py).

Two things could still push a page number onto a line of its own, and are put right on
the entry itself, as direct formatting, only where its style does not already prevent
them (a council's own template included):

- a label wider than the room the hanging indent leaves it ("Appendix 1"): its tab would
  go to the page number's tab stop. The title then starts just after the label, its
  lines lined up under it;
- a title whose last line reaches the right edge: the entry's right indent keeps its
  lines clear of a three-figure page number and a few dots of the leader.
"""

from __future__ import annotations

import math
import re

from docx.document import Document
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Twips
from docx.text.parfmt import ParagraphFormat
from lxml import etree  # type: ignore[import-untyped]

from reportgen.render.docx_measure import Piece, WordFormats, text_width

CONTENTS_STYLE = re.compile(r"(?i)(contents|toc) \d$")
"""The names of the styles of a contents page's entries ("Contents 1", Word's "toc 2")."""
LABEL_GAP = 113
"""Twips between the end of a long label and its title (0.2 cm)."""
WIDEST_PAGE_NUMBER = "999"
LEADER_ROOM = 170
"""Twips kept between the end of a title and its page number, for the leader's dots."""
_STEP = 57
"""Indents made here are rounded up to a whole millimetre (in twips)."""


def fit_contents_entries(document: Document) -> None:
    """Keep each contents entry's page number on the last line of its title."""
    formats = WordFormats(document)
    names = {
        style_id: style.find(qn("w:name")).get(qn("w:val"), "")
        for style_id, style in formats.styles.items()
        if style.find(qn("w:name")) is not None
    }
    width = text_width(document.element.body.find(qn("w:sectPr")))
    for paragraph in document.element.body.iter(qn("w:p")):
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        name = "" if style is None else names.get(style.get(qn("w:val")), "")
        if CONTENTS_STYLE.match(name):
            _fit(paragraph, formats, width)


def label_and_title(pieces: list[Piece]) -> tuple[list[Piece], list[Piece]]:
    """An entry's label (what comes before its first tab) and title (between that tab
    and the next), each as pieces of text with their fonts."""
    text = "".join(piece for piece, _ in pieces)
    if "\t" not in text:
        return [], pieces
    parts: list[list[Piece]] = [[]]
    for piece, font in pieces:
        for index, part in enumerate(piece.split("\t")):
            if index:
                parts.append([])
            if part:
                parts[-1].append((part, font))
    return parts[0], parts[1] if len(parts) > 1 else []


def _fit(paragraph: etree._Element, formats: WordFormats, width: int) -> None:
    pieces = formats.pieces(paragraph)
    label, title = label_and_title(pieces)
    stops = formats.tab_stops(paragraph)
    number_stop = next((s for s in reversed(stops) if s.alignment == "right"), None)
    if not pieces or number_stop is None:
        return
    indent = formats.indent(paragraph)
    entry = ParagraphFormat(paragraph)
    start = indent.left + indent.first_line
    label_end = start + sum(font.twips(text) for text, font in label)
    if label and label_end + LABEL_GAP > indent.left:
        left = _rounded_up(label_end + LABEL_GAP)
        entry.left_indent = Twips(left)
        entry.first_line_indent = Twips(start - left)
        entry.tab_stops.add_tab_stop(Twips(left), WD_TAB_ALIGNMENT.LEFT)
    font = (title or label or pieces)[-1][1]
    least_right = width - number_stop.position + font.twips(WIDEST_PAGE_NUMBER) + LEADER_ROOM
    if indent.right < least_right:
        entry.right_indent = Twips(_rounded_up(least_right))


def _rounded_up(twips: int) -> int:
    return math.ceil(twips / _STEP) * _STEP
