"""Uploaded text (notes, narratives) is plain text in every viewer's page: no HTML, no Markdown, no fetched image."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from lib import config
from tests.browser.test_browser import ROOT, free_port, launch_browser, start_server, wait_done
from tests.conftest import write_data_dir

pytestmark = pytest.mark.browser

HOSTILE_NOTE = "## 标题 ![x](http://evil.invalid/x.png) <img src=http://evil.invalid/y.png> **粗**"
HOSTILE_NARRATIVE = "# 大标题 <script>window.hacked=1</script> ![i](http://evil.invalid/z.png)"


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    folder = write_data_dir(tmp_path_factory.mktemp("hostile") / "data")
    observations = pd.read_parquet(folder / config.OBSERVATIONS)
    observations.loc[observations["indicator_id"] == "A1-G01-1", "note"] = HOSTILE_NOTE
    observations.to_parquet(folder / config.OBSERVATIONS)
    assessments = pd.read_parquet(folder / config.ASSESSMENTS)
    assessments["narrative"] = HOSTILE_NARRATIVE
    assessments.to_parquet(folder / config.ASSESSMENTS)
    port = free_port()
    proc = start_server(ROOT / "app.py", port, {**os.environ, config.DATA_DIR_ENV: str(folder)})
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.mark.parametrize("indicator_id", ["A1-G01-1", "A1-G02-1"])
def test_uploaded_text_is_shown_as_plain_text(hostile_server, indicator_id):
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = launch_browser(playwright)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        fetched = []
        page.on("request", lambda request: fetched.append(request.url) if "evil.invalid" in request.url else None)
        page.goto(f"{hostile_server}/indicator?id={indicator_id}&year=2024")
        wait_done(page)
        page.wait_for_timeout(1500)
        shown = HOSTILE_NOTE if indicator_id == "A1-G01-1" else HOSTILE_NARRATIVE
        assert page.get_by_text(shown.split(" ")[1], exact=False).count() >= 1  # the text itself is on the page
        assert fetched == []
        assert page.eval_on_selector_all("td h1, td h2, td img, td strong", "els => els.length") == 0
        assert page.evaluate("() => window.hacked === undefined")
        browser.close()
