"""Many browser users at once against `streamlit run` over a `chroma run` server: shared by the test (correctness) and the benchmark (timings)."""
from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"]
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
# What the app shows when an answer failed: the user would see it at once, so the run need not wait for anything else.
FAILURE_TEXTS = ("Er ging iets mis", "niet bereikbaar")


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(port: int, proc: subprocess.Popen, hang_guard: float = 300) -> float:
    """Seconds until the app's health endpoint answers; fails if the app exits (or hangs past the guard)."""
    start = time.monotonic()
    while time.monotonic() - start < hang_guard:
        if proc.poll() is not None:
            raise AssertionError(f"the app exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=5) as r:
                if r.status == 200:
                    return time.monotonic() - start
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"the app did not answer its health check in {hang_guard:.0f} s")


def wait_chroma(port: int, proc: subprocess.Popen, hang_guard: float = 300) -> None:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    start = time.monotonic()
    while True:
        try:
            chromadb.HttpClient(host="127.0.0.1", port=port, settings=ChromaSettings(anonymized_telemetry=False)).heartbeat()
            return
        except Exception:
            if proc.poll() is not None or time.monotonic() - start > hang_guard:
                raise RuntimeError("the chroma server did not start")
            time.sleep(0.3)


@contextmanager
def served_app(index_dir: Path, work: Path):
    """`chroma run` over a copy of an index folder, and `streamlit run` pointed at it; yields the app's URL."""
    store = work / "chroma"
    shutil.copytree(index_dir / "chroma", store)
    chroma_port, app_port = free_port(), free_port()
    chroma = subprocess.Popen([str(Path(sys.executable).parent / "chroma"), "run", "--path", str(store), "--port", str(chroma_port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    app = None
    try:
        wait_chroma(chroma_port, chroma)
        env = {**os.environ, "KANSENWIJZER_CHROMA_HOST": "127.0.0.1", "KANSENWIJZER_CHROMA_PORT": str(chroma_port),
               "KANSENWIJZER_DATA_DIR": str(work / "data")}
        app = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "ui" / "app.py"), "--server.port", str(app_port),
                                "--server.headless", "true"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_healthy(app_port, app)
        yield f"http://127.0.0.1:{app_port}"
    finally:
        for proc in (app, chroma):
            if proc is not None:
                proc.terminate()
                proc.wait(timeout=60)


async def user(context, url: str, n: int, turns: int, results: list) -> None:
    """One user: open the app in a tab of its own (its own Streamlit session), ask `turns` questions in one conversation,
    record what came back."""
    await asyncio.sleep(0.2 * n)  # users arrive over four seconds, as a class logging in would
    page = await context.new_page()
    try:
        await page.goto(url)
        await page.get_by_text("Zoeken in", exact=True).first.wait_for()
        for turn in range(turns):
            question, expected = QUESTIONS[(n + 3 * turn) % len(QUESTIONS)]
            box = page.get_by_placeholder("Stel een vraag over kansengelijkheid…")
            start = time.monotonic()
            await box.fill(question)
            await box.press("Enter")
            messages = page.get_by_test_id("stChatMessage")
            # Done when this answer's 'gezocht in' and the conversation buttons (they come last in a run) show, or an error does.
            failure = page.get_by_text(FAILURE_TEXTS[0]).or_(page.get_by_text(FAILURE_TEXTS[1]))
            await messages.nth(2 * turn + 1).wait_for()
            await page.get_by_text("gezocht in:").nth(turn).or_(failure).first.wait_for()
            await page.get_by_role("button", name="Nieuw gesprek").or_(failure).first.wait_for()
            seconds = time.monotonic() - start
            answer = await messages.nth(2 * turn + 1).inner_text()
            asked = await messages.nth(2 * turn).inner_text()
            # Mixed up: this turn shows another question, or an answer without its own figure. (Another question's figure may
            # stand in a right answer of four sentences, so it proves nothing.)
            results.append({"user": n, "turn": turn, "seconds": round(seconds, 2), "ok": expected in answer,
                            "failed": any(t in answer for t in FAILURE_TEXTS), "mixed": question not in asked})
    except Exception as e:  # a crashed page or browser is a failed user, reported with the rest
        results.append({"user": n, "turn": -1, "seconds": None, "ok": False, "failed": True, "mixed": False, "error": repr(e)[:300]})
    finally:
        await page.close()


async def _run(url: str, users: int, turns: int) -> list[dict]:
    from playwright.async_api import async_playwright

    results: list[dict] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        # One browser profile, a tab per user: every tab is a session of its own on the server (its own websocket and
        # session state), and the tabs share the browser's cache, so the machine spends its two cores on the app rather
        # than on compiling Streamlit's scripts twenty times.
        context = await browser.new_context(viewport={"width": 1200, "height": 900})
        context.set_default_timeout(0)  # no time limits: on a busy machine an answer may take long, and that is no failure
        await asyncio.gather(*(user(context, url, n, turns, results) for n in range(users)))
        await context.close()
        await browser.close()
    return results


def run_users(url: str, users: int = 20, turns: int = 2) -> tuple[list[dict], dict]:
    """Every user's results and a summary: counts, mixed-up answers, and the timings a benchmark reports."""
    started = time.monotonic()
    results = asyncio.run(_run(url, users, turns))
    wall = time.monotonic() - started
    times = sorted(r["seconds"] for r in results if r["seconds"] is not None)
    report = {
        "users": users, "questions_asked": users * turns, "answers": sum(1 for r in results if r["turn"] >= 0),
        "right": sum(1 for r in results if r["ok"]), "failed": sum(1 for r in results if r["failed"]),
        "mixed_up": sum(1 for r in results if r["mixed"]), "wall_seconds": round(wall, 1),
        "answers_per_second": round(len(times) / wall, 2) if wall else None,
        "p50_seconds": round(statistics.median(times), 2) if times else None,
        "p95_seconds": round(times[min(len(times) - 1, int(0.95 * (len(times) - 1)))], 2) if times else None,
    }
    return results, report
