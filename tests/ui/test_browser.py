"""The web app in a real browser: Debian's headless Chromium driven by playwright (no browser
download: the system binary is launched directly). Types a question, sees the cited answer,
opens the citation and the case timeline, and takes screenshots: into a temporary folder, or
into the folder ``REFERAT_SCREENSHOTS`` names, so that a test run leaves the checkout clean.
Refresh the docs' screenshots with ``REFERAT_SCREENSHOTS=docs/screenshots pytest tests/ui/test_browser.py``.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.ui.conftest import FRED_QUESTION

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (apt-get install chromium; .ci/run does)"),
]


@pytest.fixture(scope="module")
def page(served):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="da-DK")
        page.set_default_timeout(60_000)
        expect.set_options(timeout=60_000)  # the first answer warms the chain up
        page.goto(served.url)
        yield page
        browser.close()


def test_question_citation_and_case_view(page, served, tmp_path):
    from playwright.sync_api import expect

    question = page.locator("#referat-question textarea")
    question.fill(FRED_QUESTION)
    question.press("Enter")

    # The streamed answer ends with its numbered sources.
    reply = page.locator("#referat-chat .message.bot, #referat-chat [data-testid='bot']").last
    expect(reply).to_contain_text("Kilder")
    expect(reply).to_contain_text("EMN-2024-00966")
    expect(reply).to_contain_text("afskaffes")

    # Clicking the citation shows the whole item, with the quoted sentence marked.
    citation = page.locator("#referat-citations label").filter(has_text=re.compile(r"^\s*\[1\] Punkt 5"))
    citation.click()
    card = page.locator("#referat-source .referat-item")
    expect(card).to_contain_text("Punkt 5: Beslutning om Frederikshavnerordningen")
    expect(card.locator(".referat-meta")).to_contain_text("EMN-2024-00966")
    expect(card.locator(".referat-meta")).to_contain_text("6. marts 2024")
    expect(card.locator(".referat-decision")).to_contain_text("Godkendt.")
    expect(card.locator(".referat-fulltext mark", has_text="afskaffes")).to_have_count(1)
    link = card.locator("a.referat-source-link")
    href = link.get_attribute("href")
    assert href and re.fullmatch(r"/kilde/[0-9a-f]{64}#page=10", href)
    source = page.request.get(served.url.rstrip("/") + href.split("#")[0])
    assert source.ok and "Frederikshavnerordningen" in source.text()
    shots = Path(os.environ.get("REFERAT_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "chat.png"), full_page=True)

    # The case button opens the case's timeline in its own tab.
    page.locator("#referat-to-case").click()
    timeline = page.locator("#referat-timeline")
    expect(timeline.locator("li")).to_have_count(1)
    expect(timeline).to_contain_text("6. marts 2024")
    expect(timeline).to_contain_text("Arbejdsmarkedsudvalget")
    expect(timeline).to_contain_text("Godkendt.")
    expect(page.locator("#referat-case-id textarea, #referat-case-id input").first).to_have_value("EMN-2024-00966")
    page.screenshot(path=str(shots / "case.png"), full_page=True)
    assert (shots / "chat.png").stat().st_size > 0 and (shots / "case.png").stat().st_size > 0
