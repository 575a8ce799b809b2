"""The fixture every browser test module shares: one Debian Chromium per module (tests/browser/test_browser.py)."""

from __future__ import annotations

import pytest

from tests.browser.test_browser import launch_browser


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        chromium = launch_browser(playwright)
        yield chromium
        chromium.close()
