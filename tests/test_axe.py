"""axe-core, in the same Chromium as the browser tests, finds no WCAG 2.1 A or AA
violation in the preview's pages (the index, a document with the preview's links and
script, its errors, its last version without errors) or in any HTML document the
samples build."""

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


@pytest.mark.parametrize("year", SAMPLE_YEARS)
def test_every_built_html_document_passes_axe(
    page: Page, built_samples: dict[str, Path], year: str
) -> None:
    documents = sorted(built_samples[year].glob("*.html"))
    assert len(documents) >= 2
    for document in documents:
        page.goto(document.as_uri())
        assert axe_violations(page) == [], document.name


def test_the_preview_pages_pass_axe(page: Page, minimal: Path) -> None:
    from playwright.sync_api import expect

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
