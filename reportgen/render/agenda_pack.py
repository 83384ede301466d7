"""The agenda pack laid out: the committee report then its appendices as one tagged PDF
document, ids made unique across the documents, page numbers running on (or as the
committee system numbers the agenda, see :mod:`~reportgen.render.page_numbers`),
"Agenda Item N" on every page and a bookmark per document."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from reportgen.exceptions import OutputError
from reportgen.model.house_style import HouseStyle
from reportgen.render.page_numbers import PageNumbers
from reportgen.render.pdf import render_pdf
from reportgen.render.style_sheet import at_head_end, with_house_style
from reportgen.render.template_folders import render_html_template

_MAIN = re.compile(r"<main>\s*(.*?)\s*</main>", re.DOTALL)
_ATTRIBUTE = re.compile(r'\s([\w:-]+)="([^"]*)"')
"""An attribute in the generated markup (text is escaped, so a raw quote is markup)."""
_ID_LISTS = ("aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "headers", "for")
"""Attributes whose value is one or more ids."""
_SVG_REFERENCES = (
    "clip-path",
    "fill",
    "stroke",
    "mask",
    "filter",
    "marker-start",
    "marker-mid",
    "marker-end",
    "style",
)
"""SVG attributes that can refer to an element by url(#id); text attributes (alt,
aria-label, title) are left alone."""


_APPENDIX = re.compile(r"Appendix\s+\w+")


@dataclass(frozen=True)
class PackPart:
    """One document of the pack: its name, title as listed, HTML body, and for an
    appendix the label its cover shows ("Appendix 1")."""

    name: str
    title: str
    body: str
    label: str = ""


def pack_part(name: str, title: str, html: str, number: int) -> PackPart:
    """Document ``name`` (the ``number``-th of the pack: the report, then its appendices)
    as the pack includes it."""
    return PackPart(name, title, _body(html, f"d{number}-"), _appendix_label(title, number))


def _appendix_label(title: str, number: int) -> str:
    """An appendix's label as its title gives it ("Appendix A: ..."), else by its place."""
    if number == 1:
        return ""
    typed = _APPENDIX.match(title)
    return typed.group() if typed else f"Appendix {number - 1}"


def render_pack(
    parts: list[PackPart],
    item: int,
    title: str,
    language: str,
    folders: list[Path],
    house_style: HouseStyle | None = None,
    page_numbers: PageNumbers | None = None,
) -> bytes:
    """The agenda pack as one PDF/UA-1 document, in the council's house style, its pages
    numbered as ``page_numbers`` says (default: Page 1 of N for the item)."""
    numbers = page_numbers or PageNumbers()
    html = _pack_html(parts, item, title, language, folders)
    html = with_house_style(html, house_style or HouseStyle())
    if numbers.css():
        block = f'<style class="page-numbers">\n{numbers.css()}</style>\n'
        html = at_head_end(html, block, "the pages cannot be numbered")
    return render_pdf(html, "agenda-pack", folders, first_page_label=numbers.first_label)


def _body(html: str, prefix: str) -> str:
    """A document's ``<main>`` content with its ids made unique within the pack."""
    match = _MAIN.search(html)
    if match is None:
        raise OutputError("a document's HTML has no <main> element to put in the pack.")
    return _ATTRIBUTE.sub(lambda m: _prefixed(m, prefix), match.group(1))


def _prefixed(match: re.Match, prefix: str) -> str:
    name, value = match.group(1), match.group(2)
    if name == "id":
        value = prefix + value
    elif name in ("href", "xlink:href") and value.startswith("#"):
        value = "#" + prefix + value[1:]
    elif name in _ID_LISTS:
        value = " ".join(prefix + ref for ref in value.split())
    elif name in _SVG_REFERENCES:
        value = value.replace("url(#", f"url(#{prefix}")
    return f' {name}="{value}"'


def _pack_html(
    parts: list[PackPart], item: int, title: str, language: str, folders: list[Path]
) -> str:
    return render_html_template(
        folders,
        "agenda-pack",
        title=title,
        item=item,
        language=language,
        parts=[(part, Markup(part.body)) for part in parts],
    )


def document_pages(pdf: bytes, titles: list[str]) -> tuple[list[tuple[int, int]], int]:
    """(first page, page count) of each document in the pack, from its top bookmarks, and
    the pack's page count."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    tops = [entry for entry in reader.outline if not isinstance(entry, list)]
    firsts = [(reader.get_destination_page_number(entry) or 0) + 1 for entry in tops]
    if [entry.title for entry in tops] != titles:
        raise OutputError(
            "the agenda pack's bookmarks do not match its documents: "
            f"{[entry.title for entry in tops]} against {titles}."
        )
    total = len(reader.pages)
    ends = [*firsts[1:], total + 1]
    return [(first, end - first) for first, end in zip(firsts, ends, strict=True)], total
