"""Pictures in the Word version: each a docxtpl Subdoc placed with
``{{p picture(block.picture) }}``, its alt text as the picture's description (Word: Alt
Text) and its caption as the title, the caption in the "Caption" style above or below it.

A decorative picture has an empty description and Word's "Mark as decorative" flag, so
screen readers pass over it. An SVG is placed as the PNG drawn from it when it was checked
(so every Word can show it), with the SVG itself alongside for Word 2016 and later, which
show it instead (as Word itself saves an SVG)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.part import Part
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from docx.shared import Cm
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate
from docxtpl.subdoc import Subdoc

from reportgen.compute.pictures import PictureView

TEXT_COLUMN = Cm(16)
"""The width of the text column, which a picture's width is a share of (as charts')."""
DECORATIVE = "http://schemas.microsoft.com/office/drawing/2017/decorative"
_DECORATIVE_EXTENSION = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
SVG_BLIP = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
_SVG_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"


def picture_maker(template: DocxTemplate) -> Callable[[PictureView], Subdoc]:
    """A function the template calls to place a picture (with its caption)."""

    def picture(view: PictureView) -> Subdoc:
        part = template.new_subdoc()
        if view.caption and view.caption_above:
            caption = part.add_paragraph(view.caption, style="Caption")
            caption.paragraph_format.keep_with_next = True
        paragraph = part.add_paragraph()
        width = int(TEXT_COLUMN * view.width_percent / 100)
        paragraph.add_run().add_picture(io.BytesIO(view.word_picture), width=width)
        if view.caption and not view.caption_above:
            paragraph.paragraph_format.keep_with_next = True
            part.add_paragraph(view.caption, style="Caption")
        _describe(paragraph, view)
        if view.media_type == "image/svg+xml":
            _with_svg(paragraph, view.data)
        return part

    return picture


def _describe(paragraph: Paragraph, view: PictureView) -> None:
    """The picture's description (alt text) and title; a decorative one marked so."""
    for properties in paragraph._p.iter(qn("wp:docPr")):
        properties.set("descr", view.alt)
        if view.caption:
            properties.set("title", view.caption)
        if view.decorative:
            properties.append(_decorative_mark())


def _decorative_mark() -> Any:
    """``<a:extLst>`` with Word's "Mark as decorative" (``adec:decorative val="1"``)."""
    return parse_xml(
        f'<a:extLst {nsdecls("a")}><a:ext uri="{_DECORATIVE_EXTENSION}">'
        f'<adec:decorative xmlns:adec="{DECORATIVE}" val="1"/></a:ext></a:extLst>'
    )


def _with_svg(paragraph: Paragraph, svg: bytes) -> None:
    """The SVG beside the PNG (``asvg:svgBlip`` in the picture's ``a:blip``): Word 2016
    and later show the SVG, earlier ones and other programs the PNG."""
    document = paragraph.part
    package = document.package
    name = package.next_partname("/word/media/image%d.svg")
    svg_part = Part(name, "image/svg+xml", svg, package)
    relationship = document.relate_to(svg_part, RELATIONSHIP_TYPE.IMAGE)
    for blip in paragraph._p.iter(qn("a:blip")):
        extension = parse_xml(
            f'<a:extLst {nsdecls("a", "r")}><a:ext uri="{_SVG_EXTENSION}">'
            f'<asvg:svgBlip xmlns:asvg="{SVG_BLIP}" r:embed="{relationship}"/>'
            "</a:ext></a:extLst>"
        )
        blip.append(extension)
