"""HTML: the accessible web version, and the source of the PDF."""

from __future__ import annotations

from pathlib import Path

import jinja2

from reportgen.exceptions import TemplateError
from reportgen.templates import jinja_environment


def render_html(
    document: object, template_name: str, folders: list[Path], draft: bool = False
) -> str:
    """Render ``<template_name>.html.j2`` with the computed document as ``doc`` (and
    ``draft``: whether to mark it as a draft)."""
    environment = jinja_environment(folders, "html")
    try:
        template = environment.get_template(f"{template_name}.html.j2")
        return template.render(doc=document, draft=draft)
    except jinja2.TemplateNotFound as error:
        raise TemplateError(f"no HTML template named {error.name}.") from error
    except jinja2.TemplateError as error:
        where = f" (line {error.lineno})" if getattr(error, "lineno", None) else ""
        raise TemplateError(f"the HTML template {template_name} failed{where}: {error}") from error
