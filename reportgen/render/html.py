"""HTML: the accessible web version, and the source of the PDF."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from reportgen.compute import ComputedDocument
from reportgen.exceptions import TemplateError
from reportgen.render.charts import Pictures, with_pictures
from reportgen.render.style_sheet import at_head_end, with_house_style
from reportgen.render.template_folders import (
    find_template,
    read_template,
    render_html_template,
)


def render_html(
    document: ComputedDocument,
    template_name: str,
    folders: list[Path],
    draft: bool = False,
    pictures: Pictures | None = None,
) -> str:
    """Render ``<template_name>.html.j2`` with the computed document as ``doc``; a
    ``draft`` is marked as one whatever the template (see :func:`mark_draft`). Charts are
    given their pictures (``view.svg_data_url`` in the template), from ``pictures`` if drawn.
    The house style's fonts, colours and layout are added in code (see style_sheet)."""
    drawn = {} if pictures is None else pictures
    document = with_pictures(document, drawn)
    html = render_html_template(folders, template_name, doc=document, draft=draft)
    html = with_house_style(breakable_long_words(html), document.house_style)
    return mark_draft(html, folders) if draft else html


_TAG = re.compile(r"(<[^>]*>)")
_NOT_TEXT = ("<style", "<script", "<title")
"""Elements whose content is not text shown on the page."""
_UNIT = r"(?:&#?\w+;|[^\s<>&])"
"""A character of escaped text: one character, or one entity such as &amp;."""
_LONG_RUN = re.compile(f"{_UNIT}{{{40},}}")
_UNITS = re.compile(_UNIT)
BREAK_EVERY = 20
"""Characters between the places a long word may break."""


def breakable_long_words(html: str) -> str:
    """Every run of 40 or more characters without a space in the page's text gets a place
    to break (``<wbr>``) every 20 characters, so a long word (a web address, a pasted
    string) wraps in a table cell instead of pushing the table off the page. The text
    itself is unchanged."""
    pieces = _TAG.split(html)
    for index, in_page in enumerate(_in_page(pieces)):
        if in_page and index % 2 == 0 and len(pieces[index]) >= 40:
            pieces[index] = _LONG_RUN.sub(_with_breaks, pieces[index])
    return "".join(pieces)


def _in_page(pieces: list[str]) -> list[bool]:
    """For each piece of a page split at its tags (text, tag, text …), whether it is part
    of the page's body rather than inside a ``<style>``, ``<script>`` or ``<title>``."""
    inside_other, found = False, []
    for index, piece in enumerate(pieces):
        if index % 2:  # a tag
            name = piece.lower()
            if name.startswith(_NOT_TEXT):
                inside_other = True
            elif name.startswith(("</style", "</script", "</title")):
                inside_other = False
                found.append(False)
                continue
        found.append(not inside_other)
    return found


def _with_breaks(match: re.Match[str]) -> str:
    units = _UNITS.findall(match.group())
    return "<wbr>".join(
        "".join(units[start : start + BREAK_EVERY]) for start in range(0, len(units), BREAK_EVERY)
    )


DRAFT_NOTICE = (
    '<p class="draft-notice" role="note"><strong>DRAFT:</strong> '
    "not yet signed off, not for publication.</p>"
)
_BODY_START = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_MAIN_START = re.compile(r"<main\b[^>]*>", re.IGNORECASE)


def mark_draft(html: str, folders: list[Path]) -> str:
    """Mark a document as a draft in code, so no template can leave it out: the draft
    stylesheet (a watermark and header on every printed page), "Draft" in its keywords
    and a notice at the top of the page, inside a landmark (first in ``<main>``, or in an
    ``<aside>`` of its own first in a page without one), so a screen reader reads it first
    and finds it among the page's regions."""
    if not _BODY_START.search(html):
        raise TemplateError("an HTML template has no <body>, so a draft cannot be marked.")
    css = read_template(find_template(folders, "html", "draft.css"))
    head = f'<meta name="keywords" content="Draft">\n<style>\n{css}</style>\n'
    html = at_head_end(html, head, "a draft cannot be marked")
    if _MAIN_START.search(html):
        return _MAIN_START.sub(lambda match: match.group() + "\n" + DRAFT_NOTICE, html, count=1)
    notice = f'<aside class="draft-banner" aria-label="Draft">{DRAFT_NOTICE}</aside>'
    return _BODY_START.sub(lambda match: match.group() + "\n" + notice, html, count=1)


def as_web_page(html: str, folders: list[Path]) -> str:
    """A document's HTML as it is read on screen (built and published as the ``.html``
    file): the HTML the PDF is laid out from, with every table in a box of its own that
    scrolls sideways (see :func:`with_scrolling_tables`) and the stylesheet for the screen
    alone, ``web.css``. The PDF has neither, so its layout and tags are those of the
    HTML without them."""
    css = read_template(find_template(folders, "html", "web.css"))
    style = f'<style class="web">\n{css}</style>\n'
    html = at_head_end(html, style, "its stylesheet for the screen cannot be added")
    return with_scrolling_tables(html)


_TABLE_START = re.compile(r"<table[\s>]", re.IGNORECASE)
_TABLE_END = re.compile(r"</table\s*>", re.IGNORECASE)
_CAPTION_START = re.compile(r"<caption[\s>]", re.IGNORECASE)
_ID = re.compile(r"""\sid=(?:"([^"]*)"|'([^']*)')""")
_NAMED = re.compile(r'\s(aria-labelledby|aria-label)="([^"]*)"')
"""How a table without a caption is named (its value is copied as written: escaped)."""


def with_scrolling_tables(html: str) -> str:
    """Every table (outside any other) in a box that scrolls sideways when the table is
    wider than the screen, so the page itself reflows at 320 CSS pixels (WCAG 1.4.10):
    ``<div class="table-scroll" role="region" tabindex="0">``. The box can be focused, so
    it scrolls with the keyboard, and is named after its table: by the table's caption
    (given an id if it has none), else as the table is named (``aria-labelledby`` or
    ``aria-label``), else "Table N" (its place in the page)."""
    pieces = _TAG.split(html)
    taken = {quoted or plain for quoted, plain in _ID.findall(html)}
    in_page = _in_page(pieces)
    depth, start, caption, number = 0, 0, 0, 0
    for index in range(1, len(pieces), 2):
        tag = pieces[index]
        if not in_page[index]:
            continue
        if _TABLE_START.match(tag):
            depth += 1
            if depth == 1:
                start, caption = index, 0
        elif depth == 1 and not caption and _CAPTION_START.match(tag):
            caption = index
        elif depth and _TABLE_END.match(tag):
            depth -= 1
            if depth == 0:
                number += 1
                name = _region_name(pieces, start, caption, number, taken)
                region = f'<div class="table-scroll" role="region" tabindex="0"{name}>'
                pieces[start] = region + pieces[start]
                pieces[index] += "</div>"
    return "".join(pieces)


def _region_name(pieces: list[str], table: int, caption: int, number: int, taken: set[str]) -> str:
    """The attribute naming the scrolling box of the table at ``pieces[table]``, whose
    caption (0: none) is at ``pieces[caption]``."""
    if caption:
        found = _ID.search(pieces[caption])
        if found:
            written = next(value for value in found.groups() if value is not None)
            return f' aria-labelledby="{escape(written, quote=True)}"'
        identifier = _unused(f"table-caption-{number}", taken)
        pieces[caption] = f'<caption id="{identifier}"' + pieces[caption][len("<caption") :]
        return f' aria-labelledby="{identifier}"'
    named = _NAMED.search(pieces[table])
    if named:
        return f' {named.group(1)}="{named.group(2)}"'
    return f' aria-label="Table {number}"'


def _unused(identifier: str, taken: set[str]) -> str:
    """``identifier``, or with a number after it, so no other element has it."""
    candidate, suffix = identifier, 1
    while candidate in taken:
        suffix += 1
        candidate = f"{identifier}-{suffix}"
    taken.add(candidate)
    return candidate
