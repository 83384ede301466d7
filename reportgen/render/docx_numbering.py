"""Word numbering for the lists the templates write with typed labels: recommendations
(1. 2.), numbered paragraphs (2.1 2.2), lettered lists (a) b) c)) and numbered lists in
table cells. The templates (and a council's own) write the label, a tab, then the text;
here each run of such paragraphs becomes a Word list (numbering.xml) whose printed label
is the same, so Word and screen readers expose it as a list and it looks as before.

A list is a run of paragraphs in the same place (the body or one cell) and style, whose
labels share a form ("2." + number, letter + ")") and count on by one; a label that does
not count on starts a new list. The level sets no indentation: the paragraph's style (or
its own indentation) and its tab stop place the label and text as they were.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass, field
from string import ascii_lowercase

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped]

_LABEL = re.compile(r"^(?P<prefix>(?:\d+\.)*)(?P<counter>\d+|[a-z])(?P<suffix>[.)]?)\t")
"""A typed label and its tab: "1.\t", "2.3\t", "a)\t"."""
_NO_LISTS = re.compile(r"(?i)(heading|contents|toc|title)")
"""Styles whose numbers are part of a name (headings, contents entries), not lists."""


@dataclass
class _List:
    """One list found: its parent, style and label form, and its paragraphs."""

    parent: etree._Element
    style: str
    prefix: str
    letters: bool
    suffix: str
    start: int
    last: int
    paragraphs: list[etree._Element] = field(default_factory=list)

    def continues(self, other: _List) -> bool:
        same = (self.parent, self.style, self.prefix, self.letters, self.suffix)
        return same == (other.parent, other.style, other.prefix, other.letters, other.suffix) and (
            other.start == self.last + 1
        )


def number_lists(document: Document) -> None:
    """Turn each typed-label list of ``document`` into a Word list labelled the same."""
    lists: list[_List] = []
    open_lists: dict[tuple[int, str], _List] = {}
    for paragraph in document.element.body.iter(qn("w:p")):
        found = _list_item(paragraph)
        if found is None:
            continue
        key = (id(found.parent), found.style)
        current = open_lists.get(key)
        if current is not None and current.continues(found):
            current.last = found.start
            current.paragraphs.append(paragraph)
        else:
            found.paragraphs.append(paragraph)
            open_lists[key] = found
            lists.append(found)
    if lists:
        numbering = document.part.numbering_part.element
        for found in lists:
            number = _define(numbering, found, _indentation(document, found.paragraphs[0]))
            for paragraph in found.paragraphs:
                _number(paragraph, number)


def _text(paragraph: etree._Element) -> str:
    nodes = paragraph.iterchildren(qn("w:r"))
    parts = []
    for run in nodes:
        for node in run.iterchildren(qn("w:t"), qn("w:tab")):
            parts.append("\t" if node.tag == qn("w:tab") else node.text or "")
            if len(parts) > 8:
                return "".join(parts)
    return "".join(parts)


def _list_item(paragraph: etree._Element) -> _List | None:
    properties = paragraph.find(qn("w:pPr"))
    if properties is not None and properties.find(qn("w:numPr")) is not None:
        return None
    style_element = None if properties is None else properties.find(qn("w:pStyle"))
    style = "" if style_element is None else style_element.get(qn("w:val"), "")
    if _NO_LISTS.search(style):
        return None
    match = _LABEL.match(_text(paragraph))
    if match is None:
        return None
    counter = match.group("counter")
    letters = not counter.isdigit()
    if letters and not match.group("suffix"):
        return None  # "a\t" is a word, not a label
    value = ascii_lowercase.index(counter) + 1 if letters else int(counter)
    parent = paragraph.getparent()
    return _List(parent, style, match.group("prefix"), letters, match.group("suffix"), value, value)


def _indentation(document: Document, paragraph: etree._Element) -> etree._Element | None:
    """The paragraph's own indentation, else its style's (or the style it is based on):
    the list level repeats it, as LibreOffice otherwise lays a list out from the margin."""
    own = paragraph.find(f"{qn('w:pPr')}/{qn('w:ind')}")
    if own is not None:
        return own
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    styles = {s.get(qn("w:styleId")): s for s in document.styles.element.iter(qn("w:style"))}
    style_id = None if style is None else style.get(qn("w:val"))
    for _ in range(5):
        found = styles.get(style_id)
        if found is None:
            return None
        indentation = found.find(f"{qn('w:pPr')}/{qn('w:ind')}")
        if indentation is not None:
            return indentation
        based = found.find(qn("w:basedOn"))
        style_id = None if based is None else based.get(qn("w:val"))
    return None


def _define(numbering: etree._Element, found: _List, indentation: etree._Element | None) -> str:
    """An abstract numbering and a numbering for the list; returns the numbering's id."""
    abstracts = numbering.findall(qn("w:abstractNum"))
    numbers = numbering.findall(qn("w:num"))
    abstract_id = str(1 + max((int(a.get(qn("w:abstractNumId"))) for a in abstracts), default=0))
    number_id = str(1 + max((int(n.get(qn("w:numId"))) for n in numbers), default=0))
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), abstract_id)
    kind = OxmlElement("w:multiLevelType")
    kind.set(qn("w:val"), "singleLevel")
    abstract.append(kind)
    level = OxmlElement("w:lvl")
    level.set(qn("w:ilvl"), "0")
    for tag, value in (
        ("w:start", str(found.start)),
        ("w:numFmt", "lowerLetter" if found.letters else "decimal"),
        ("w:lvlText", f"{found.prefix}%1{found.suffix}"),
        ("w:lvlJc", "left"),
    ):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        level.append(element)
    if indentation is not None:
        properties = OxmlElement("w:pPr")
        properties.append(deepcopy(indentation))
        level.append(properties)
    abstract.append(level)
    # abstract numberings come before every numbering
    place = numbering.index(numbers[0]) if numbers else len(numbering)
    numbering.insert(place, abstract)
    number = OxmlElement("w:num")
    number.set(qn("w:numId"), number_id)
    reference = OxmlElement("w:abstractNumId")
    reference.set(qn("w:val"), abstract_id)
    number.append(reference)
    numbering.append(number)
    return number_id


def _number(paragraph: etree._Element, number_id: str) -> None:
    """The paragraph in list ``number_id``, its typed label and tab taken out."""
    properties = paragraph.find(qn("w:pPr"))
    if properties is None:
        properties = OxmlElement("w:pPr")
        paragraph.insert(0, properties)
    numbered = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", "0"), ("w:numId", number_id)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        numbered.append(element)
    # numPr follows pStyle, keepNext, keepLines, pageBreakBefore, framePr, widowControl
    after = [
        properties.find(qn(tag))
        for tag in ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr")
    ]
    after += [properties.find(qn("w:widowControl"))]
    place = max((properties.index(e) + 1 for e in after if e is not None), default=0)
    properties.insert(place, numbered)
    _drop_label(paragraph)


def _drop_label(paragraph: etree._Element) -> None:
    """Remove the typed label and the tab after it from the paragraph's first runs."""
    for run in list(paragraph.iterchildren(qn("w:r"))):
        for node in list(run.iterchildren(qn("w:t"), qn("w:tab"))):
            if node.tag == qn("w:tab"):
                run.remove(node)
                return
            node.text = ""
