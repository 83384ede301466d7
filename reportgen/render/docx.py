"""DOCX: the editable Word version, from a real Word template via docxtpl."""

from __future__ import annotations

import io
import logging
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from docx.document import Document
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from lxml import etree  # type: ignore[import-untyped]

from reportgen.compute import ComputedDocument
from reportgen.compute.chaptered import ChapteredDocument
from reportgen.exceptions import TemplateError
from reportgen.render.charts import Pictures, with_pictures
from reportgen.render.docx_contents import fill_contents_page_numbers
from reportgen.render.docx_contents_lines import fit_contents_entries
from reportgen.render.docx_draft import mark_draft, set_core_property
from reportgen.render.docx_numbering import number_lists
from reportgen.render.docx_parts import chart_maker, data_table_maker
from reportgen.render.docx_pictures import picture_maker
from reportgen.render.docx_style import apply_house_style, start_chapters
from reportgen.render.docx_tables import lay_out_tables
from reportgen.render.template_folders import (
    TEMPLATE_FAULTS,
    explain_fault,
    find_template,
    jinja_environment,
)
from reportgen.render.tools import soffice

LOGGER = logging.getLogger("reportgen")


def render_docx(
    document: ComputedDocument,
    template_name: str,
    folders: list[Path],
    number_contents: bool = True,
    draft: bool = False,
    pictures: Pictures | None = None,
) -> bytes:
    """Fill ``<template_name>.docx`` with the computed document as ``doc``; with
    ``number_contents``, its contents page gets page numbers (see docx_contents); a
    ``draft`` says DRAFT at the top of every page and in its properties."""
    path = find_template(folders, "docx", f"{template_name}.docx")
    template = _open(path)
    environment = jinja_environment(folders, "docx")
    drawn = {} if pictures is None else pictures
    try:
        context: dict[str, object] = {
            "doc": with_pictures(document, drawn),
            "data_table": data_table_maker(template),
            "chart": chart_maker(template, drawn),
            "picture": picture_maker(template),
        }
        template.render(context, jinja_env=environment, autoescape=True)
    except TEMPLATE_FAULTS as error:
        nearby = getattr(error, "docx_context", None)
        near = f"\nNear: {' '.join(nearby)[:300]}" if nearby else ""
        raise TemplateError(
            f"the Word template {path} failed: {explain_fault(error)}{near}"
        ) from error
    _set_properties(template, document.properties)
    _apply_house_style(template, document)
    number_lists(template.docx)
    lay_out_tables(template.docx)
    fit_contents_entries(template.docx)
    if draft:
        mark_draft(template)
    buffer = io.BytesIO()
    template.save(buffer)
    if not number_contents:
        return buffer.getvalue()
    return _with_contents_page_numbers(buffer.getvalue(), document)


def _with_contents_page_numbers(docx_bytes: bytes, document: ComputedDocument) -> bytes:
    entries = contents_entries(document)
    return docx_bytes if entries is None else fill_contents_page_numbers(docx_bytes, entries)


def contents_entries(document: ComputedDocument) -> list[tuple[str, str]] | None:
    """The Word contents page's entries to number, (bookmark name, line text) in order;
    None for a document without a contents page, or, with a warning, without
    LibreOffice to number them (see :class:`~reportgen.render.docx_contents.ContentsLayout`)."""
    entries = getattr(document, "contents", ())
    if not entries:
        return None
    if soffice() is None:
        LOGGER.warning(
            "LibreOffice (soffice) is not installed, so the Word contents page has "
            "no page numbers until the reader updates it (F9). To add them: "
            "sudo apt-get install -y libreoffice-writer-nogui"
        )
        return None
    return [(entry.bookmark.name, f"{entry.label} {entry.title}") for entry in entries]


def _apply_house_style(template: DocxTemplate, document: ComputedDocument) -> None:
    """The house style on the rendered document's styles. The main headings are the
    report's sections (Heading 2) or, in a document of chapters, the chapters (Heading 1)."""
    chaptered = isinstance(document, ChapteredDocument)
    style = document.house_style
    apply_house_style(template.docx, style, "Heading 1" if chaptered else "Heading 2")
    if chaptered:
        start_chapters(template.docx, style.chapters_start_new_page)


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
    # Word keeps at most 255 characters in each (the printed title is not shortened).
    core.title = properties["title"][:255]
    core.subject = properties["subject"][:255]
    core.author = properties["author"][:255]
    core.language = properties["language"]
    # python-docx's own template says it made the file, in 2013: the file is the
    # author's, made now.
    core.comments = ""
    set_core_property(template, "lastModifiedBy", properties["author"][:255])
    core.created = core.modified = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    set_default_language(template.docx, properties["language"])


def set_default_language(document: Document, language: str) -> None:
    """Proofing language of the document's default text (screen readers use it too), and
    of its theme's fonts. A user's template may lack any of the elements on the way; they
    are created."""
    element = document.styles.element
    for tag in ("w:docDefaults", "w:rPrDefault", "w:rPr", "w:lang"):
        child = element.find(qn(tag))
        if child is None:
            child = element.makeelement(qn(tag), {})
            element.insert(0 if tag == "w:docDefaults" else len(element), child)
        element = child
    element.set(qn("w:val"), language)
    element.set(qn("w:eastAsia"), language)
    _set_theme_font_language(document, language)


def _set_theme_font_language(document: Document, language: str) -> None:
    """The language Word gives the theme's fonts (settings.xml), and any copy of the
    default language in Word 2010's stylesWithEffects.xml, as the document's."""
    settings = document.settings.element
    theme = settings.find(qn("w:themeFontLang"))
    if theme is not None:
        for attribute in ("w:val", "w:eastAsia"):
            if theme.get(qn(attribute)) is not None or attribute == "w:val":
                theme.set(qn(attribute), language)
    for part in document.part.package.iter_parts():
        if str(part.partname).endswith("/stylesWithEffects.xml"):
            part._blob = _with_language(part.blob, language)


def _with_language(xml: bytes, language: str) -> bytes:
    """``xml`` with every ``w:lang``'s val and eastAsia set to ``language``."""
    root = etree.fromstring(xml)
    for lang in root.iter(qn("w:lang")):
        for attribute in ("w:val", "w:eastAsia"):
            if lang.get(qn(attribute)) is not None:
                lang.set(qn(attribute), language)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
