"""axe-core, in the same Chromium as the browser tests, finds no WCAG 2.1 A or AA
violation in the preview's pages (the index, a document with the preview's links and
script, its errors, its last version without errors) or in any HTML document the
samples build or a publication holds (its documents and index.html), on a wide screen
and at 320 CSS pixels, where no page is wider than the window (WCAG 1.4.10, reflow)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from reportgen.commands.preview import Preview
from reportgen.commands.preview_server import PreviewServer
from tests.browser import axe_violations
from tests.conftest import SAMPLE_YEARS, edit

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page


@pytest.fixture(scope="module")
def page(browser: Browser) -> Iterator[Page]:
    """One tab for every page checked here."""
    tab = browser.new_page()
    yield tab
    tab.close()


WIDE, NARROW = 1280, 320
"""A desktop window, and the width WCAG 1.4.10 asks a page to reflow at (a phone, or a
1280-pixel window zoomed to 400%)."""


def passes_axe_wide_and_narrow(page: Page, document: Path) -> None:
    """``document`` has no axe violation at either width and, at 320 pixels, is no wider
    than the window (a wide table scrolls in its own box instead)."""
    page.set_viewport_size({"width": WIDE, "height": 900})
    page.goto(document.as_uri())
    for width in (WIDE, NARROW):
        page.set_viewport_size({"width": width, "height": 900})
        assert axe_violations(page) == [], f"{document.name} at {width} px"
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= NARROW, f"{document.name} is {scroll_width} px wide at {NARROW} px"


@pytest.mark.parametrize("year", SAMPLE_YEARS)
def test_every_built_html_document_passes_axe(
    page: Page, built_samples: dict[str, Path], year: str
) -> None:
    documents = sorted(built_samples[year].glob("*.html"))
    assert len(documents) >= 2
    for document in documents:
        passes_axe_wide_and_narrow(page, document)


def test_the_published_html_and_its_index_pass_axe(page: Page, published: dict[str, Path]) -> None:
    documents = sorted(published["version"].glob("*.html"))
    assert [d.name for d in documents] == [
        "committee-report.html",
        "community-safety-plan.html",
        "index.html",
    ]
    for document in documents:
        passes_axe_wide_and_narrow(page, document)


def test_the_preview_pages_pass_axe(page: Page, minimal: Path) -> None:
    from playwright.sync_api import expect

    page.set_viewport_size({"width": WIDE, "height": 900})
    preview = Preview(minimal)
    with PreviewServer(preview, port=0, watch=False).start() as server:
        for path in ["", "committee-report"]:
            page.goto(server.url + path)
            assert axe_violations(page) == [], path or "the index"
        page.goto("about:blank")  # so no open page reloads as the content changes
        edit(minimal / "sections.yaml", "- paragraph: First para", "- paragrap: First para")
        preview.refresh()
        shown = {"": "sections.yaml", "committee-report": "sections.yaml"}
        for path in ["", "committee-report", "committee-report/last-good"]:
            page.goto(server.url + path)
            expect(page.locator("body")).to_contain_text(shown.get(path, "Out of date"))
            assert axe_violations(page) == [], f"{path or 'the index'} with an error"
