"""DOCX: the editable Word version, from a real Word template via docxtpl."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import jinja2
from docx.oxml.ns import qn
from docxtpl import DocxTemplate

from reportgen.exceptions import TemplateError
from reportgen.templates import find_template, jinja_environment


def render_docx(document: object, template_name: str, folders: list[Path]) -> bytes:
    """Fill ``<template_name>.docx`` with the computed document as ``doc``."""
    path = find_template(folders, "docx", f"{template_name}.docx")
    template = _open(path)
    environment = jinja_environment(folders, "docx")
    try:
        template.render({"doc": document}, jinja_env=environment, autoescape=True)
    except jinja2.TemplateError as error:
        nearby = getattr(error, "docx_context", None)
        context = f"\nNear: {' '.join(nearby)[:300]}" if nearby else ""
        raise TemplateError(f"the Word template {path.name} failed: {error}{context}") from error
    _set_properties(template, document.properties)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def _open(path: Path) -> DocxTemplate:
    template = DocxTemplate(path)
    try:
        template.init_docx()
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise TemplateError(f"the Word template {path} is not a Word (.docx) file.") from error
    return template


def _set_properties(template: DocxTemplate, properties: dict[str, str]) -> None:
    """Title, subject, author and language, as Word's File > Info shows them."""
    core = template.core_properties
    core.title = properties["title"]
    core.subject = properties["subject"]
    core.author = properties["author"]
    core.language = properties["language"]
    _set_default_language(template, properties["language"])


def _set_default_language(template: DocxTemplate, language: str) -> None:
    """Proofing language of the document's default text (screen readers use it too)."""
    styles = template.docx.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = run_properties.makeelement(qn("w:lang"), {})
        run_properties.append(lang)
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)
