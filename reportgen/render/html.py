"""HTML: the accessible web version, and the source of the PDF."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2

from reportgen.compute import ComputedDocument
from reportgen.exceptions import TemplateError
from reportgen.render.charts import Pictures, with_pictures
from reportgen.render.template_folders import (
    TEMPLATE_FAULTS,
    explain_fault,
    find_template,
    jinja_environment,
    not_found,
    read_template,
    where_in_template,
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
    given their pictures (``view.svg_data_url`` in the template), from ``pictures`` if drawn."""
    environment = jinja_environment(folders, "html")
    drawn = {} if pictures is None else pictures
    document = with_pictures(document, drawn)
    try:
        template = environment.get_template(f"{template_name}.html.j2")
        html = template.render(doc=document, draft=draft)
    except jinja2.TemplateNotFound as error:
        raise not_found(error, folders, "html") from error
    except TEMPLATE_FAULTS as error:
        where = where_in_template(error, folders)
        raise TemplateError(
            f"the HTML template {template_name} failed{where}: {explain_fault(error)}"
        ) from error
    return mark_draft(html, folders) if draft else html


DRAFT_NOTICE = (
    '<p class="draft-notice" role="note"><strong>DRAFT:</strong> '
    "not yet signed off, not for publication.</p>"
)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_BODY_START = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


def mark_draft(html: str, folders: list[Path]) -> str:
    """Mark a document as a draft in code, so no template can leave it out: the draft
    stylesheet (a watermark and header on every printed page), "Draft" in its keywords
    and a notice at the top of the page."""
    if not (_HEAD_END.search(html) and _BODY_START.search(html)):
        raise TemplateError(
            "an HTML template has no <head> and <body>, so a draft cannot be marked."
        )
    css = read_template(find_template(folders, "html", "draft.css"))
    head = f'<meta name="keywords" content="Draft">\n<style>\n{css}</style>\n'
    html = _HEAD_END.sub(lambda match: head + match.group(), html, count=1)
    return _BODY_START.sub(lambda match: match.group() + "\n" + DRAFT_NOTICE, html, count=1)
