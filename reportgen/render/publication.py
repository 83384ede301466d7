"""A publication's web pages: the committee report linked to its appendices' HTML, and
``index.html``, the page for the agenda item that links to every file published with it
(its format, size and, for the pack, its pages), so a reader of the council's website
finds each document from one page and the report's list of appendices leads to them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from reportgen.model.house_style import HouseStyle
from reportgen.render.html import as_web_page, breakable_long_words
from reportgen.render.style_sheet import with_house_style
from reportgen.render.template_folders import render_html_template

INDEX = "index.html"
"""The agenda item's page, in each published version's folder."""
FORMAT_NAMES = {".pdf": "PDF", ".html": "HTML", ".docx": "Word document (DOCX)"}
"""Each published format as the index names it."""


@dataclass(frozen=True)
class PublishedFile:
    """A file of the publication as the index lists it: its title, file name, format,
    size in words, and its pages (0 for a web page)."""

    title: str
    name: str
    format: str
    size: str
    pages: int = 0


@dataclass(frozen=True)
class Meeting:
    """The agenda item a publication is for, as its index page heads it."""

    title: str
    committee: str
    date: str
    item: int
    language: str


def published_file(title: str, name: str, payload: bytes, pages: int = 0) -> PublishedFile:
    """``payload``, published as ``name``, as the index lists it."""
    file_format = FORMAT_NAMES[Path(name).suffix]
    return PublishedFile(title, name, file_format, size_in_words(payload), pages)


def size_in_words(payload: bytes) -> str:
    """A file's size as people read it: "24 KB", "1.2 MB" (1 KB is 1,024 bytes)."""
    kilobytes = max(1, round(len(payload) / 1024))
    if kilobytes < 1024:
        return f"{kilobytes} KB"
    return f"{len(payload) / 1024**2:.1f} MB"


def published_pages(
    printed: dict[str, str], titles: dict[str, str], folders: list[Path]
) -> dict[str, str]:
    """Each document's HTML as published: as read on screen (see :func:`as_web_page`;
    ``printed`` is the HTML the pack is laid out from), and in the report's (the first
    document's) list of appendices, each appendix linked to its HTML. ``printed`` and
    ``titles`` (each document's title as the report lists it) are by document name."""
    pages = {name: as_web_page(html, folders) for name, html in printed.items()}
    report, *appendices = titles
    pages[report] = linked_appendices(pages[report], {name: titles[name] for name in appendices})
    return pages


def linked_appendices(report_html: str, appendices: dict[str, str]) -> str:
    """The report's HTML with each appendix in its list linked to the appendix's page
    (``<name>.html``): ``appendices`` maps each document's name to its title as the
    report lists it. The item is found by the document it names (``data-document``, as
    reportgen's template writes it), else, in a council's older template, by its text
    being the title; an appendix found neither way is left as it is."""
    for name, title in appendices.items():
        report_html = _linked(report_html, name, title)
    return report_html


def _linked(report_html: str, name: str, title: str) -> str:
    """The report with the item of the appendix ``name`` linked to ``<name>.html``."""
    link = f'<a href="{escape(name)}.html">'
    item = re.compile(rf'(<li\b[^>]*\sdata-document="{re.escape(name)}"[^>]*>)(.*?)</li>', re.S)
    if item.search(report_html):
        return item.sub(lambda found: f"{found[1]}{link}{found[2]}</a></li>", report_html, 1)
    plain = f"<li>{escape(title)}</li>"
    return report_html.replace(plain, f"<li>{link}{escape(title)}</a></li>", 1)


def publication_index(
    meeting: Meeting,
    titles: dict[str, str],
    files: dict[str, bytes],
    pack_pages: int,
    folders: list[Path],
    house_style: HouseStyle,
) -> bytes:
    """``index.html`` for a publication's ``files`` (by name): a link to each of them in a
    format people read, with its format and size: each document's HTML (or DOCX or PDF),
    named by its title in ``titles`` (by document name), and the agenda pack, the PDF
    named after no document, of ``pack_pages`` pages."""
    listed = []
    for name, payload in files.items():
        stem, suffix = Path(name).stem, Path(name).suffix
        if suffix not in FORMAT_NAMES:
            continue
        if stem in titles:
            listed.append(published_file(titles[stem], name, payload))
        elif suffix == ".pdf":
            title = f"Agenda pack: {meeting.title}, with its appendices"
            listed.append(published_file(title, name, payload, pack_pages))
    return render_publication_index(meeting, listed, folders, house_style)


def render_publication_index(
    meeting: Meeting,
    files: list[PublishedFile],
    folders: list[Path],
    house_style: HouseStyle,
) -> bytes:
    """``index.html``: the agenda item's title, meeting and date, and a link to each of
    ``files`` with its format and size, in the house style."""
    html = render_html_template(
        folders,
        "publication-index",
        meeting=meeting,
        heading=f"Agenda Item {meeting.item}: {meeting.title}",
        files=files,
    )
    return with_house_style(breakable_long_words(html), house_style).encode("utf-8")
