"""A Word draft: a DRAFT watermark across every page (Word's own kind, a WordArt shape in
the page header, which Word and LibreOffice both show), a red notice at the top of every
page, and Status "Draft" in File > Info."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.section import _Header
from docx.shared import Pt, RGBColor
from docxtpl import DocxTemplate

WATERMARK = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
    "<w:rPr><w:noProof/></w:rPr><w:pict>"
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e">'
    '<v:path textpathok="t" o:connecttype="custom"/><v:textpath on="t" fitshape="t"/>'
    '<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
    '<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" type="#_x0000_t136" '
    'alt="Watermark: DRAFT (the notice at the top of the page says so in words)" '
    'style="position:absolute;margin-left:0;margin-top:0;width:468pt;height:140pt;'
    "rotation:315;z-index:-251654144;mso-position-horizontal:center;"
    "mso-position-horizontal-relative:margin;mso-position-vertical:center;"
    'mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="#e6b3bd" '
    'stroked="f"><v:fill opacity=".5"/>'
    '<v:textpath style="font-family:&quot;Liberation Sans&quot;;font-size:1pt" string="DRAFT"/>'
    "</v:shape></w:pict></w:r>"
)
"""Word's text watermark (Design > Watermark), as Word itself writes it."""

DRAFT_NOTICE = "DRAFT: not yet signed off, not for publication"


def mark_draft(template: DocxTemplate) -> None:
    """The DRAFT watermark and notice on every page, and Status "Draft" in File > Info."""
    set_core_property(template, "contentStatus", "Draft")
    set_core_property(template, "keywords", "Draft")
    odd_and_even = template.docx.settings.odd_and_even_pages_header_footer
    for number, section in enumerate(template.docx.sections):
        headers = [section.header]
        if odd_and_even:
            headers.append(section.even_page_header)
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        for header in headers:
            # A later section's header linked to the one before shows its notice already;
            # unlinking it would drop what it inherits.
            if number == 0 or not header.is_linked_to_previous:
                _add_notice(header)


def _add_notice(header: _Header) -> None:
    header.is_linked_to_previous = False
    first = header.paragraphs[0]
    notice = first.insert_paragraph_before() if first.text else first
    notice.alignment = WD_ALIGN_PARAGRAPH.CENTER
    notice._p.append(parse_xml(WATERMARK))
    run = notice.add_run(DRAFT_NOTICE)
    run.bold = True
    run.font.size = Pt(14)
    run.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)


CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"


def set_core_property(template: DocxTemplate, name: str, value: str) -> None:
    """Set a ``cp:`` core property directly: docxcompose (used for sub-documents) remaps
    python-docx's ``cp`` prefix, so python-docx's own setters write it in the wrong
    namespace, which Word rejects."""
    element = template.core_properties._element
    tag = f"{{{CORE_PROPERTIES}}}{name}"
    child = element.find(tag)
    if child is None:
        child = element.makeelement(tag, {})
        element.append(child)
    child.text = value
