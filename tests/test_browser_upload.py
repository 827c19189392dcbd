"""Uploads in a real browser: progress per stage, a second writer told what runs, a full disk said in Dutch."""
from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from ingest.index.embed import FakeEmbeddings
from ingest.pipeline import ingest
from ingest.settings import Settings

from .conftest import ROOT, free_port
from .fake_embedder import FakeEmbeddingServer, Script
from .loadtest import CHROMIUM, wait_healthy
from .test_browser import PHONE, STEP_GUARD_MS, browser  # noqa: F401  (the real Chromium, one per module)

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.timeout(900), pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed (make browser)")]

# Every text a progress bar on the page shows, in order, as the user sees it change.
WATCH_PROGRESS = """() => { window.kwSeen = [];
  const note = () => document.querySelectorAll('[data-testid=stProgress]').forEach(p => {
    const t = p.innerText.trim(); if (t && window.kwSeen[window.kwSeen.length - 1] !== t) window.kwSeen.push(t); });
  new MutationObserver(note).observe(document.body, {subtree: true, childList: true, characterData: true}); }"""


def long_letter(paragraphs: int) -> bytes:
    """A letter long enough that indexing it takes a while, with different words in every paragraph."""
    return "\n\n".join(
        f"Alinea {i}: de school {i % 97} bespreekt met ouders van groep {i % 8 + 1} de overstap, de ouderbijdrage en de kosten "
        f"van schoolreis {i}, en de leraar legt vast wat leerling {i * 7 % 1013} nodig heeft." for i in range(paragraphs)
    ).encode()


def small_project(folder: Path, **settings) -> Settings:
    """A project with one letter already indexed (the fake embedder unless `settings` says otherwise)."""
    values = {"root": folder, "data_dir": folder / ".kw", "corpus_dir": folder / "corpus", "embedding_backend": "fake", **settings}
    project = Settings(**values)
    project.corpus_dir.mkdir(parents=True)
    shutil.copy(ROOT / "corpus" / "ocw-antwoord-eckartcollege-kansengelijkheid.txt", project.corpus_dir)
    assert ingest([project.corpus_dir], project).added
    return project


def serve(settings: Settings, env: dict | None = None, preexec=None):
    """`streamlit run` over this project; returns the process and its address."""
    port = free_port()
    env = {**os.environ, "KANSENWIJZER_ROOT": str(settings.root), "KANSENWIJZER_DATA_DIR": str(settings.data_dir),
           "KANSENWIJZER_CORPUS_DIR": str(settings.corpus_dir), "KANSENWIJZER_EMBEDDING_BACKEND": settings.embedding_backend, **(env or {})}
    log = open(settings.root / "app.log", "ab")  # the app's own log: what a red run prints (see app_log)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "ui" / "app.py"), "--server.port", str(port), "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, preexec_fn=preexec,
    )
    log.close()  # the app has its own copy of the file
    wait_healthy(port, proc)
    return proc, f"http://127.0.0.1:{port}"


def stop(proc) -> None:
    proc.terminate()
    proc.wait(timeout=20)


def documents_page(browser, url, viewport=None):
    page = browser.new_context(viewport=viewport or {"width": 1280, "height": 800}).new_page()
    page.set_default_timeout(STEP_GUARD_MS)
    page.goto(url + "/documenten")
    page.get_by_test_id("stFileUploaderDropzoneInput").wait_for(state="attached")
    page.evaluate(WATCH_PROGRESS)
    return page


def upload(page, name: str, data: bytes) -> None:
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(files=[{"name": name, "mimeType": "text/plain", "buffer": data}])
    page.get_by_role("button", name="Toevoegen aan de index").click()


@contextmanager
def held_embedding(folder: Path):
    """The app over a small project whose embedding server waits while the yielded gate is cleared: a test can hold an
    upload mid-way, however fast or busy the machine. Yields (gate, settings, url)."""
    gate = threading.Event()
    gate.set()
    with FakeEmbeddingServer(Script(gate=gate)) as server:
        remote = {"embedding_base_url": server.url + "/v1", "embedding_model": "fake"}
        settings = small_project(folder, embedding_backend="openai", **remote)
        proc, url = serve(settings, {"KANSENWIJZER_EMBEDDING_BASE_URL": remote["embedding_base_url"], "KANSENWIJZER_EMBEDDING_MODEL": "fake"})
        try:
            yield gate, settings, url
        finally:
            gate.set()
            stop(proc)


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_an_upload_shows_its_stages_then_the_document(browser, tmp_path, viewport):
    """The embedding server holds the upload mid-way, so the page certainly draws 'embedden (n van m)' however busy the
    machine is; the stages it drew come in the pipeline's order, then the document is listed. (Which of the quick stages
    before embedding a page draws depends on the machine: every stage's line is tested in test_ui.)"""
    with held_embedding(tmp_path) as (gate, _, url):
        page = documents_page(browser, url, viewport)
        gate.clear()
        upload(page, "lange-brief.txt", long_letter(600))
        page.wait_for_function("() => window.kwSeen.some(t => /lange-brief.txt: embedden \\(\\d+ van \\d+\\)/.test(t))")
        gate.set()
        page.get_by_text("lange-brief.txt: geïndexeerd").wait_for()
        page.get_by_text("In de index (2)").wait_for()
        seen = page.evaluate("window.kwSeen")
        order = ["controleren", "lezen", "opschonen", "in stukken delen", "embedden", "opslaan"]
        shown = [next(i for i, stage in enumerate(order) if stage in t) for t in seen if any(stage in t for stage in order)]
        assert shown == sorted(shown), seen  # never back to an earlier stage


def test_a_second_writer_sees_what_the_first_is_doing_and_a_click_loses_neither(browser, tmp_path):
    """The embedding server holds the first upload mid-way, so the second one certainly arrives while it runs; meanwhile the
    first user clicks elsewhere on the page. Any click reruns a Streamlit page: the upload it interrupts must finish and say
    so, not vanish without a word (it did, before writes ran as jobs: the cause of this test's red runs on 29 November)."""
    with held_embedding(tmp_path) as (gate, settings, url):
        first, second = documents_page(browser, url), documents_page(browser, url)
        gate.clear()
        upload(first, "lange-brief.txt", long_letter(600))
        first.wait_for_function("() => window.kwSeen.some(t => t.includes('embedden ('))")
        upload(second, "notitie.txt", "Notitie over armoede\n\nScholen helpen gezinnen met schoolkosten.".encode())
        second.wait_for_function("() => window.kwSeen.some(t => t.startsWith('Er wordt al een document verwerkt')"
                                 " && t.includes('lange-brief.txt: embedden ('))")
        first.get_by_text("Ja, verwijder dit document uit de index").click()  # a rerun while its upload waits for vectors
        first.get_by_role("checkbox", name="Ja, verwijder dit document uit de index").wait_for(state="attached")
        first.wait_for_timeout(1000)
        gate.set()
        try:
            for page, name in ((first, "lange-brief.txt"), (second, "notitie.txt")):
                page.get_by_text(f"{name}: geïndexeerd").wait_for()
        except Exception:
            # Say what each page shows: the next red run says what happened.
            for label, page in (("first", first), ("second", second)):
                print(f"{label} page:", page.get_by_test_id("stMain").inner_text()[-1500:], "\nstages:", page.evaluate("window.kwSeen")[-5:])
            print("app log:", (settings.root / "app.log").read_text(errors="replace")[-6000:])
            raise
        second.get_by_text("In de index (3)").wait_for()


def test_a_full_disk_during_an_upload_is_said_in_dutch_and_loses_nothing(browser, tmp_path):
    from assistant.answer.retrieve import Retriever

    settings = small_project(tmp_path)
    before = Retriever(settings, embeddings=FakeEmbeddings()).snapshot().documents
    passages = sum(int(m["chunks"]) for m in before.values())
    letter = long_letter(1200)
    limit = max(p.stat().st_size for p in settings.data_dir.rglob("*") if p.is_file()) + 50_000
    assert len(letter) < limit  # the upload itself is stored; indexing it is what needs the space

    def small_disk() -> None:  # no file may grow past `limit`: what a full disk looks like to the app
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    proc, url = serve(settings, preexec=small_disk)
    try:
        page = documents_page(browser, url)
        upload(page, "lange-brief.txt", letter)
        page.get_by_text("De schijf met de gegevensmap is vol.").wait_for()
        assert "Traceback" not in page.inner_text("body")
        page.reload()  # the app still runs: what it had is complete, the letter that did not fit is not searchable
        page.get_by_text(f"1 documenten · {passages} passages", exact=False).wait_for()
    finally:
        stop(proc)
    reader = Retriever(settings, embeddings=FakeEmbeddings())
    assert reader.retrieve("Eckartcollege kansengelijkheid")[0].source.endswith("eckartcollege-kansengelijkheid.txt")
    assert set(reader.snapshot().documents) == set(before)
