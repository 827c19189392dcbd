"""Load: 20 simulated users at once against `streamlit run`, the index in a local Chroma server, all on loopback."""
from __future__ import annotations

import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT, free_port
from .test_browser import CHROMIUM, wait_healthy

USERS = 20
# Each question has an answer fragment no other question's answer holds: a mixed-up answer shows.
QUESTIONS = [
    ("Hoeveel geld ging er in 2022 naar het leerplusarrangement?", "52 mln"),
    ("Hoeveel investeert het kabinet in het programma School en Omgeving?", "56,7"),
    ("Hoeveel coalities krijgen dit schooljaar subsidie om school en omgeving te verrijken?", "128 coalities"),
    ("Vanaf welk schooljaar is er één vaste aanmeldweek voor middelbare scholen?", "2023-2024"),
    ("Hoe groot is het budget van het mbo-studentenfonds?", "10 miljoen"),
    ("Welke campagne in het mbo noemt de SER als goed voorbeeld tegen stagediscriminatie?", "KIESMIJ"),
    ("Hoeveel leerlingen ervaren thuis moeite met rondkomen?", "twintig"),
    ("Sinds wanneer is de Wet gelijke kans op doorstroom naar havo en vwo van kracht?", "1 augustus 2020"),
]
pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="no chromium")]


async def user(browser, url: str, n: int, results: list) -> None:
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    await asyncio.sleep(0.5 * n)  # users arrive over ten seconds, as a class logging in would
    context = await browser.new_context(viewport={"width": 1200, "height": 900})
    page = await context.new_page()
    try:
        await page.goto(url, timeout=120_000)
        await page.get_by_text("Zoeken in", exact=True).first.wait_for(timeout=90_000)
        for turn in range(2):
            question, expected = QUESTIONS[(n + 3 * turn) % len(QUESTIONS)]
            box = page.get_by_placeholder("Stel een vraag over kansengelijkheid…")
            start = time.monotonic()
            await box.fill(question)
            await box.press("Enter")
            await page.get_by_text("gezocht in:").nth(turn).wait_for(timeout=120_000)
            await page.get_by_role("button", name="Nieuw gesprek").wait_for(timeout=120_000)
            seconds = time.monotonic() - start
            answer = await page.get_by_test_id("stChatMessage").nth(2 * turn + 1).inner_text()
            others = [e for q, e in QUESTIONS if e != expected]
            results.append({"user": n, "turn": turn, "seconds": seconds, "ok": expected in answer,
                            "mixed": any(e in answer for e in others)})
    except PlaywrightTimeout as e:
        results.append({"user": n, "turn": -1, "seconds": None, "ok": False, "mixed": False, "error": str(e)[:200]})
    finally:
        await context.close()


async def run_users(url: str) -> list[dict]:
    from playwright.async_api import async_playwright

    results: list[dict] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                                                           "--disable-component-update", "--disable-sync", "--no-first-run"])
        await asyncio.gather(*(user(browser, url, n, results) for n in range(USERS)))
        await browser.close()
    return results


def test_twenty_users_at_once_get_their_own_answers(corpus_settings, tmp_path):
    # `chroma run` reads the same on-disk format as the embedded client: serve a copy of the test index.
    store = tmp_path / "chroma"
    shutil.copytree(corpus_settings.data_dir / "chroma", store)
    chroma_port, app_port = free_port(), free_port()
    chroma = subprocess.Popen([str(Path(sys.executable).parent / "chroma"), "run", "--path", str(store), "--port", str(chroma_port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = {**os.environ, "KANSENWIJZER_CHROMA_HOST": "127.0.0.1", "KANSENWIJZER_CHROMA_PORT": str(chroma_port),
           "KANSENWIJZER_DATA_DIR": str(tmp_path / "data")}
    time.sleep(3)
    app = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "ui" / "app.py"), "--server.port", str(app_port),
                            "--server.headless", "true"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_healthy(app_port, app, 30)
        started = time.monotonic()
        results = asyncio.run(run_users(f"http://127.0.0.1:{app_port}"))
        wall = time.monotonic() - started
    finally:
        app.terminate()
        chroma.terminate()
        app.wait(timeout=20)
        chroma.wait(timeout=20)
    times = sorted(r["seconds"] for r in results if r["seconds"] is not None)
    report = {
        "users": USERS, "questions": len(results), "errors": sum(1 for r in results if not r["ok"]),
        "mixed_up": sum(1 for r in results if r["mixed"]), "p50_seconds": round(statistics.median(times), 2) if times else None,
        "p95_seconds": round(times[min(len(times) - 1, int(0.95 * (len(times) - 1)))], 2) if times else None,
        "wall_seconds": round(wall, 1),
    }
    (ROOT / "bench-results").mkdir(exist_ok=True)
    (ROOT / "bench-results" / "load.json").write_text(json.dumps({"report": report, "results": results}, indent=2), encoding="utf-8")
    print("load:", json.dumps(report))
    assert report["questions"] == 2 * USERS and report["errors"] == 0 and report["mixed_up"] == 0, report
