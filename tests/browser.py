"""A real browser for the tests: Debian's Chromium driven by Playwright for Python (no
browser download: `scripts/system-packages test` installs the `chromium` package), one
for the whole test session, and axe-core (bundled in the axe-playwright-python package)
to check pages for accessibility."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NoReturn

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
"""The axe-core rules the pages must pass: WCAG 2.0 and 2.1, levels A and AA."""
INSTALL = "sudo apt-get install -y chromium (scripts/system-packages test installs it)"


def chromium_path() -> str | None:
    """Debian's Chromium, if it is installed."""
    return shutil.which("chromium")


def _unavailable(reason: str) -> NoReturn:
    """Skip the browser tests where Chromium cannot be had; on CI (as root, with apt,
    where `make test` installs it) its absence is a failure instead."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; on CI `make test` installs it (scripts/system-packages test)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Chromium, started once for every browser test."""
    executable = chromium_path()
    if executable is None:
        _unavailable(f"Chromium is not installed: {INSTALL}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed: pip install -e '.[test]'")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable)
        yield chromium
        chromium.close()


def axe_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.1 A and AA violations on the page as loaded, one line each:
    the rule, what it wants, and the elements that break it."""
    from axe_playwright_python.sync_playwright import Axe

    options: dict[str, Any] = {
        "runOnly": {"type": "tag", "values": WCAG_A_AA},
        "resultTypes": ["violations"],
    }
    results = Axe().run(page, options=options)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']}: "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
    ]
