"""The Word redline of ``reportgen diff``: each document's text by section as Word tracked
changes, so a reviewer steps through them in Word (Review > Next) or LibreOffice
(Edit > Track Changes > Manage) as they would after Word's own Compare.

Removed words are a ``w:del`` holding runs of ``w:delText``, added ones a ``w:ins``, each
with its own ``w:id``, the author "reportgen" and the time of the comparison (UTC). A
passage or section added or removed whole has its paragraph mark tracked too, so
accepting every change leaves the new text and rejecting every change the old, with no
empty paragraphs. Headings use Word's heading styles; the file's title and language
(en-GB) are set."""

from __future__ import annotations

import datetime as dt
import io
import itertools
from collections.abc import Iterator, Sequence
from typing import Any

import docx
from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from reportgen.compare import Comparison, DocumentChange, Piece, SectionChange, headline
from reportgen.compare.words import PieceKind
from reportgen.render.docx import set_default_language

AUTHOR = "reportgen"
LANGUAGE = "en-GB"
HOW_TO_READ = (
    "Every change is a tracked change by reportgen: removed words are struck through, added "
    "words underlined. In Word, Review > Next steps through them; accepting them all gives "
    "the new text, rejecting them all the old."
)
_TRACKED = {"removed": "w:del", "added": "w:ins"}


class _Revisions:
    """Numbers each tracked change and gives it the author and the time."""

    def __init__(self, now: dt.datetime) -> None:
        self.date = now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.ids: Iterator[int] = itertools.count(1)

    def mark(self, tag: str) -> Any:
        element = OxmlElement(tag)
        element.set(qn("w:id"), str(next(self.ids)))
        element.set(qn("w:author"), AUTHOR)
        element.set(qn("w:date"), self.date)
        return element


def render_redline_docx(comparison: Comparison, now: dt.datetime | None = None) -> bytes:
    """The comparison as a Word document of tracked changes, dated ``now`` (default: the
    present moment)."""
    document = docx.Document()
    _properties(document, comparison.title)
    revisions = _Revisions(now or dt.datetime.now(dt.UTC))
    document.add_paragraph(comparison.title, style="Title")
    document.add_paragraph(headline(comparison))
    document.add_paragraph(HOW_TO_READ)
    _priorities(document, comparison, revisions)
    for change in comparison.documents:
        _document(document, change, comparison, revisions)
    saved = io.BytesIO()
    document.save(saved)
    return saved.getvalue()


def _properties(document: Document, title: str) -> None:
    core = document.core_properties
    core.title = title[:255]
    core.author = AUTHOR
    core.language = LANGUAGE
    set_default_language(document, LANGUAGE)


def _priorities(document: Document, comparison: Comparison, revisions: _Revisions) -> None:
    document.add_heading("Priorities", level=1)
    names = [("added", name) for name in comparison.priorities_added]
    names += [("removed", name) for name in comparison.priorities_removed]
    if not names:
        document.add_paragraph("The same recommended priorities.")
    for state, name in names:
        paragraph = document.add_paragraph(style="List Bullet")
        _plain(paragraph, f"{state.capitalize()}: ")
        _tracked(paragraph, state, name, revisions)


def _document(
    document: Document, change: DocumentChange, comparison: Comparison, revisions: _Revisions
) -> None:
    document.add_heading(f"{change.title} ({change.name})", level=1)
    if not (change.in_old and change.in_new):
        only = comparison.old if change.in_old else comparison.new
        document.add_paragraph(f"In {only} only; not compared.")
    for section in change.sections:
        _section(document, section, 2, revisions)


def _section(document: Document, section: SectionChange, level: int, revisions: _Revisions) -> None:
    whole = section.state if section.state in ("added", "removed") else None
    heading = _paragraph(document, f"Heading {min(level, 9)}", whole, revisions)
    if section.label:
        _piece(heading, Piece(whole or "same", section.label + " "), revisions)
    _pieces(heading, section.heading, revisions)
    for passage in section.passages:
        changed = passage.state if passage.state in ("added", "removed") else None
        style = f"Heading {min(level + 1, 9)}" if passage.kind == "heading" else "Normal"
        paragraph = _paragraph(document, style, changed, revisions)
        if passage.prefix:
            _piece(paragraph, Piece(changed or "same", passage.prefix), revisions)
        _pieces(paragraph, passage.pieces, revisions)
    for beneath in section.sections:
        _section(document, beneath, level + 1, revisions)


def _paragraph(
    document: Document, style: str, whole: PieceKind | None, revisions: _Revisions
) -> Paragraph:
    """A new paragraph; one added or removed whole has its paragraph mark tracked too."""
    paragraph = document.add_paragraph(style=style)
    if whole is not None:
        marks = OxmlElement("w:rPr")
        marks.append(revisions.mark(_TRACKED[whole]))
        paragraph._p.get_or_add_pPr().append(marks)
    return paragraph


def _pieces(paragraph: Paragraph, pieces: Sequence[Piece], revisions: _Revisions) -> None:
    """The words, a space after each piece but the last."""
    for index, piece in enumerate(pieces):
        space = " " if index < len(pieces) - 1 else ""
        _piece(paragraph, Piece(piece.kind, piece.text + space), revisions)


def _piece(paragraph: Paragraph, piece: Piece, revisions: _Revisions) -> None:
    if piece.kind == "same":
        _plain(paragraph, piece.text)
    else:
        _tracked(paragraph, piece.kind, piece.text, revisions)


def _plain(paragraph: Paragraph, text: str) -> None:
    paragraph._p.append(_run("w:t", text))


def _tracked(paragraph: Paragraph, kind: str, text: str, revisions: _Revisions) -> None:
    change = revisions.mark(_TRACKED[kind])
    change.append(_run("w:delText" if kind == "removed" else "w:t", text))
    paragraph._p.append(change)


def _run(tag: str, text: str) -> Any:
    run, words = OxmlElement("w:r"), OxmlElement(tag)
    words.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    words.text = text
    run.append(words)
    return run
