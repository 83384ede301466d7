"""HTML: the accessible web version, and the source of the PDF."""

from __future__ import annotations

import re
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
    inside_other = False
    for index, piece in enumerate(pieces):
        if index % 2:  # a tag
            name = piece.lower()
            if name.startswith(_NOT_TEXT):
                inside_other = True
            elif name.startswith(("</style", "</script", "</title")):
                inside_other = False
        elif not inside_other and len(piece) >= 40:
            pieces[index] = _LONG_RUN.sub(_with_breaks, piece)
    return "".join(pieces)


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


def mark_draft(html: str, folders: list[Path]) -> str:
    """Mark a document as a draft in code, so no template can leave it out: the draft
    stylesheet (a watermark and header on every printed page), "Draft" in its keywords
    and a notice at the top of the page."""
    if not _BODY_START.search(html):
        raise TemplateError("an HTML template has no <body>, so a draft cannot be marked.")
    css = read_template(find_template(folders, "html", "draft.css"))
    head = f'<meta name="keywords" content="Draft">\n<style>\n{css}</style>\n'
    html = at_head_end(html, head, "a draft cannot be marked")
    return _BODY_START.sub(lambda match: match.group() + "\n" + DRAFT_NOTICE, html, count=1)
