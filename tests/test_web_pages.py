"""The HTML as read on screen, read back with lxml: every table scrolls in a box of its
own that can be focused and is named after the table (so the page reflows at 320 px:
tests/test_axe.py measures it in Chromium), the draft notice is inside a landmark and
read first, the PDF is laid out from the HTML without the boxes, and a publication's
report links to its appendices and its index.html to every file published with it."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
from lxml.html import HtmlElement

import reportgen.render.document as rendering
from reportgen.commands.gate import read_year
from reportgen.compute import DOCUMENTS
from reportgen.render.document import render_document
from reportgen.render.html import DRAFT_NOTICE, mark_draft, with_scrolling_tables
from reportgen.render.publication import linked_appendices, size_in_words
from reportgen.render.tools import search_path
from tests.conftest import SAMPLE_YEARS


def _page(path: Path) -> HtmlElement:
    return lxml.html.fromstring(path.read_bytes())


def _outer_tables(page: HtmlElement) -> list[HtmlElement]:
    return [table for table in page.iter("table") if not table.xpath("ancestor::table")]


def _problems_with_boxes(page: HtmlElement) -> list[str]:
    """What is wrong with each table's scrolling box: none, not focusable, not a region, or
    not named after the table (by its caption, else as the table itself is named)."""
    ids = page.xpath("//@id")
    problems = [f"the id {i!r} is used twice" for i in set(ids) if ids.count(i) > 1]
    for table in _outer_tables(page):
        box, name = table.getparent(), table.findtext("caption") or table.get("aria-label")
        if box.get("class") != "table-scroll":
            problems.append(f"{name}: not in a scrolling box")
            continue
        if (box.get("role"), box.get("tabindex")) != ("region", "0"):
            problems.append(f"{name}: its box is not a focusable region")
        caption = table.find("caption")
        if caption is not None:
            named_by_caption = caption.get("id") and box.get("aria-labelledby") == caption.get("id")
            if not named_by_caption:
                problems.append(f"{name}: its box is not named by its caption")
        elif not (table.get("aria-label") and box.get("aria-label") == table.get("aria-label")):
            problems.append(f"{name}: its box is not named as the table is")
    boxes = page.find_class("table-scroll")
    problems += ["a scrolling box holds no table" for box in boxes if len(box) != 1]
    return problems


@pytest.mark.parametrize("year", SAMPLE_YEARS)
def test_every_table_scrolls_in_a_focusable_box_named_after_it(
    built_samples: dict[str, Path], year: str
) -> None:
    documents = sorted(built_samples[year].glob("*.html"))
    tables = 0
    for document in documents:
        page = _page(document)
        assert _problems_with_boxes(page) == [], document.name
        tables += len(_outer_tables(page))
    assert tables >= 8


@pytest.mark.parametrize("year", SAMPLE_YEARS)
def test_the_draft_notice_is_read_first_inside_main(
    built_samples: dict[str, Path], year: str
) -> None:
    for document in sorted(built_samples[year].glob("*.html")):
        page = _page(document)
        (notice,) = page.find_class("draft-notice")
        (main,) = page.iter("main")
        assert main[0] is notice, document.name
        assert notice.text_content() == "DRAFT: not yet signed off, not for publication."


def test_a_page_without_main_has_the_draft_notice_first_in_an_aside() -> None:
    html = '<html><head></head><body class="x"><p>Text</p></body></html>'
    page = lxml.html.fromstring(mark_draft(html, search_path()))
    body = page.find("body")
    aside = body[0]
    assert (aside.tag, aside.get("aria-label")) == ("aside", "Draft")
    assert lxml.html.tostring(aside[0], encoding="unicode") == DRAFT_NOTICE


def test_each_table_is_named_by_its_caption_or_as_it_is_named() -> None:
    html = (
        '<p id="table-caption-1">Taken</p>'
        "<table><caption>Crimes by ward</caption><tr><td>"
        "<table><caption>Inner</caption><tr><td>1</td></tr></table></td></tr></table>"
        '<table><caption id="own">Own id</caption><tr><td>2</td></tr></table>'
        '<table aria-labelledby="heading"><tr><td>3</td></tr></table>'
        '<table aria-label="Timetable &amp; dates"><tr><td>4</td></tr></table>'
        "<TABLE><tr><td>5</td></tr></TABLE>"
    )
    page = lxml.html.fromstring(f"<div>{with_scrolling_tables(html)}</div>")
    boxes = page.find_class("table-scroll")
    names = [(box.get("aria-labelledby"), box.get("aria-label")) for box in boxes]
    assert names == [
        ("table-caption-1-2", None),
        ("own", None),
        ("heading", None),
        (None, "Timetable & dates"),
        (None, "Table 5"),
    ]
    assert page.get_element_by_id("table-caption-1-2").text == "Crimes by ward"
    assert [len(box.xpath(".//table")) for box in boxes] == [2, 1, 1, 1, 1]


def test_tables_written_in_a_stylesheet_or_script_are_not_tables() -> None:
    """A council's template may mention <table> in a style or script: only the page's
    own tables get boxes, and a caption's id in single quotes is used as it is."""
    html = (
        "<style>/* <table> styles */ table { width: 100% }</style>"
        "<script>const row = '<table>';</script>"
        "<table><caption id='single'>Quoted</caption><tr><td>1</td></tr></table>"
        "<table><caption>Second</caption><tr><td>2</td></tr></table>"
    )
    page = lxml.html.fromstring(f"<div>{with_scrolling_tables(html)}</div>")
    boxes = page.find_class("table-scroll")
    assert [box.get("aria-labelledby") for box in boxes] == ["single", "table-caption-2"]
    assert page.xpath("//caption[@id='single']/@id") == ["single"]  # no second id added


def test_the_pdf_is_laid_out_from_the_html_without_the_boxes(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The boxes and their stylesheet are the screen's: the PDF (its layout and its tags)
    is laid out from the same HTML without them."""
    document = DOCUMENTS["committee-report"].compute(read_year(minimal))
    folders = search_path()
    printed: list[str] = []

    def laid_out(html: str, *args: object, **kwargs: object) -> bytes:
        printed.append(html)
        return b""

    monkeypatch.setattr(rendering, "render_pdf", laid_out)
    render_document(document, "committee-report", "pdf", folders, draft=True)
    web = str(render_document(document, "committee-report", "html", folders, draft=True))
    assert web.count('class="table-scroll"') == 4 and '<style class="web">' in web
    unboxed = _BOX.sub(r"\1", _WEB_STYLE.sub("", web))
    assert _CAPTION_ID.sub("", unboxed) == printed[0]


_BOX = re.compile(r'<div class="table-scroll"[^>]*>(<table.*?</table>)</div>', re.DOTALL)
_WEB_STYLE = re.compile(r'<style class="web">.*?</style>\n', re.DOTALL)
_CAPTION_ID = re.compile(r' id="table-caption-\d+"')


# --- a publication -------------------------------------------------------------------------


def test_the_published_report_links_to_its_appendices(published: dict[str, Path]) -> None:
    folder = published["version"]
    report = _page(folder / "committee-report.html")
    links = {a.get("href"): a.text_content() for a in report.iter("a")}
    assert links == {
        "community-safety-plan.html": (
            "Appendix 1: Community Safety Partnership Plan 2013-2018, Refreshed March 2018"
        )
    }
    assert all((folder / href).is_file() for href in links)
    (item,) = [li for li in report.iter("li") if li.find("a") is not None]
    assert item.xpath("ancestor::section/h2")[0].text_content() == "8. Report appendices"


def test_an_appendix_is_linked_by_the_document_it_names_or_else_by_its_title() -> None:
    """reportgen's template marks each appendix with its document, so the item is found
    however its text is written (a long title gets break points); a council's older
    template, without the mark, is matched by the title as listed."""
    marked = (
        '<ul><li data-document="strategic-assessment">Appendix 1: A very<wbr>long title</li>'
        "<li>Appendix 2: Plan</li></ul>"
    )
    linked = linked_appendices(
        marked,
        {
            "strategic-assessment": "Appendix 1: A very long title",
            "community-safety-plan": "Appendix 2: Plan",
        },
    )
    page = lxml.html.fromstring(linked)
    links = {a.get("href"): a.text_content() for a in page.iter("a")}
    assert links == {
        "strategic-assessment.html": "Appendix 1: A verylong title",
        "community-safety-plan.html": "Appendix 2: Plan",
    }
    elsewhere = "<p>Appendix 2: Plan</p><ul><li>Appendix 3: Other</li></ul>"
    assert linked_appendices(elsewhere, {"community-safety-plan": "Appendix 2: Plan"}) == elsewhere


def test_the_index_links_to_every_published_file(published: dict[str, Path]) -> None:
    folder = published["version"]
    index = _page(folder / "index.html")
    assert index.get("lang") == "en-GB"
    assert [h1.text_content() for h1 in index.iter("h1")] == [
        "Agenda Item 8: 2018-19 Safer Maidstone Partnership Strategic Assessment"
    ]
    text = index.text_content()
    assert "Communities, Housing and Environment Committee" in text
    assert "February 13th 2018" in text
    listed = {a.get("href"): a.getparent().text_content() for a in index.iter("a")}
    readable = {p.name for p in folder.iterdir() if p.suffix in (".pdf", ".html", ".docx")}
    assert set(listed) == readable - {"index.html"}
    for name, entry in listed.items():
        size = size_in_words((folder / name).read_bytes())
        assert re.search(r"KB|MB", size)
        if name.endswith(".pdf"):
            assert entry.endswith(f"(PDF, {_pages(folder / name)} pages, {size})"), entry
        else:
            assert entry.endswith(f"(HTML, {size})"), entry
    assert listed["committee-report.html"].startswith("2018-19 Safer Maidstone Partnership")
    assert listed["community-safety-plan.html"].startswith("Appendix 1: Community Safety")


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def test_the_index_is_published_read_only_with_the_rest(published: dict[str, Path]) -> None:
    folder = published["version"]
    assert (folder / "index.html").stat().st_mode & 0o777 == 0o444
    manifest = (folder / "manifest.json").read_text()
    assert '"name": "index.html"' in manifest


@pytest.mark.parametrize(
    ("size", "words"),
    [(10, "1 KB"), (25_000, "24 KB"), (1_048_300, "1.0 MB"), (1_258_291, "1.2 MB")],
)
def test_sizes_are_given_as_people_read_them(size: int, words: str) -> None:
    assert size_in_words(b"x" * size) == words
