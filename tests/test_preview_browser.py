"""The preview in a real browser (Chromium, see tests/browser.py): the open page follows
the saves by itself — new text, then an error placed in the page, then the document again
once the error is fixed — without the test ever reloading it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from reportgen.commands.preview import Preview
from reportgen.commands.preview_server import PreviewServer
from tests.conftest import edit

if TYPE_CHECKING:
    from playwright.sync_api import Browser

SAVED = 15_000
"""Milliseconds to wait for a save to show in the page (it takes well under one)."""


@pytest.fixture
def server(minimal: Path) -> Iterator[PreviewServer]:
    with PreviewServer(Preview(minimal), port=0).start() as running:
        yield running


def test_the_open_page_follows_each_save(
    browser: Browser, server: PreviewServer, minimal: Path
) -> None:
    from playwright.sync_api import expect

    page = browser.new_page()
    page.goto(f"{server.url}committee-report")
    main = page.locator("main")
    expect(page.locator("#section-1")).to_contain_text("Introduction")

    edit(minimal / "sections.yaml", "First para.", "First para, rewritten in the browser test.")
    expect(main).to_contain_text("rewritten in the browser test", timeout=SAVED)

    edit(minimal / "sections.yaml", "- paragraph: First para", "- paragrap: First para")
    expect(main).to_contain_text("2020-21/sections.yaml, line 4, column 9", timeout=SAVED)
    expect(main).to_contain_text("sections[1].content[1]")
    expect(main).to_contain_text("unknown kind of text 'paragrap'")
    expect(main).not_to_contain_text("rewritten in the browser test")  # no stale document

    page.get_by_role("link", name="See “1. Introduction”").click()
    expect(page).to_have_url(f"{server.url}committee-report/last-good#section-1")
    expect(page.get_by_role("navigation", name="Preview")).to_contain_text("Out of date")

    edit(minimal / "sections.yaml", "- paragrap: First para", "- paragraph: First para")
    expect(page).to_have_url(f"{server.url}committee-report#section-1", timeout=SAVED)
    expect(main).to_contain_text("rewritten in the browser test")
    expect(page.get_by_role("navigation", name="Preview")).not_to_contain_text("Out of date")
    page.close()


def test_the_page_links_to_its_pdf(browser: Browser, server: PreviewServer) -> None:
    page = browser.new_page()
    page.goto(f"{server.url}committee-report")
    link = page.get_by_role("navigation", name="Preview").get_by_role("link", name="PDF")
    response = page.request.get(server.url.rstrip("/") + str(link.get_attribute("href")))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    page.close()
