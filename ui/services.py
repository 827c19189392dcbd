"""What the pages share: settings, the assistant, index status and writes — created once per server process."""
from __future__ import annotations

import logging
import threading
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from assistant.answer.chain import Assistant
from ingest.load import relative_source
from ingest.lock import IndexBusy, writer_lock
from ingest.paths import shown
from ingest.pipeline import Summary, ingest
from ingest.settings import Settings
from ingest.index.store import Index
from ingest.upload import UploadRejected, store_upload
from ui.progress import Shown, publish, running, tracking

log = logging.getLogger("kansenwijzer.ui")
WRITE_WAIT = 120.0  # seconds an upload waits for another writer (a CLI ingest) to finish
BUSY = "Er wordt al een document verwerkt… uw bestanden volgen zodra dat klaar is."
# One Streamlit process serves many sessions: their writes take turns here, other processes through the file lock.
_write_guard = threading.Lock()


@st.cache_resource(show_spinner=False)
def get_settings() -> Settings:
    return Settings()


@st.cache_resource(show_spinner="Kansenwijzer wordt gestart…")
def get_assistant() -> Assistant:
    return Assistant(get_settings())


def index() -> Index:
    return get_assistant().retriever.index


@dataclass
class IndexStatus:
    documents: int
    passages: int
    embedder: str
    last_ingest: str
    incomplete: list[str]


def index_status() -> IndexStatus:
    """Documents, passages, embedder and the time of the last ingest."""
    records = index().document_records()
    complete = [m for m in records.values() if m.get("status") == "complete"]
    last = max((m.get("ingested_at", "") for m in complete), default="")
    return IndexStatus(
        documents=len(complete),
        passages=sum(int(m.get("chunks", 0)) for m in complete),
        embedder=index().embedder,
        last_ingest=last.replace("T", " ")[:16] if last else "nog nooit",
        incomplete=[s for s, m in records.items() if m.get("status") == "incomplete"],
    )


@contextmanager
def writing(settings: Settings, waiting=None):
    """Both write locks (this app's sessions, other processes); `waiting(message)` hears when another write goes first.

    Gives up with IndexBusy after WRITE_WAIT seconds. Readers never take these locks."""
    if not _write_guard.acquire(blocking=False):
        wait_for_guard(waiting or log.info)
    try:
        with ExitStack() as stack:
            try:
                stack.enter_context(writer_lock(settings, lend=True))
            except IndexBusy:
                (waiting or log.info)(BUSY)
                stack.enter_context(writer_lock(settings, wait=WRITE_WAIT, lend=True))
            yield
    finally:
        publish(None)
        _write_guard.release()


def wait_for_guard(waiting) -> None:
    """Take this app's write guard, telling `waiting` what the write before it is doing each time that changes."""
    deadline = time.monotonic() + WRITE_WAIT
    told = None
    while True:
        now = running()
        message = f"{BUSY} Nu: {now}" if now else BUSY
        if message != told:
            waiting(message)
            told = message
        if _write_guard.acquire(timeout=0.25):
            return
        if time.monotonic() > deadline:
            raise IndexBusy(f"another write in this app took longer than {WRITE_WAIT:.0f} s")


# The writes below take the assistant as an argument when they run as a Job (ui/progress.py): a thread of its own has
# no page run, so it must not call the cached get_assistant(); the page resolves it and hands it over.

def run_ingest(paths: list[Path], progress: Shown | None = None, waiting=None, assistant: Assistant | None = None) -> Summary:
    """Ingest from the app: one writer at a time, in this process and across processes; `progress(fraction, line)` per stage."""
    assistant = assistant or get_assistant()
    with writing(assistant.settings, waiting):
        summary = ingest(paths, assistant.settings, progress=tracking(progress), embeddings=assistant.retriever.embeddings,
                         remove_missing=False)
    assistant.retriever.refresh()
    return summary


def add_uploads(files: list[tuple[str, bytes]], progress=None, waiting=None, assistant: Assistant | None = None) -> list[dict]:
    """Check, store and index uploaded files; one Dutch result line per file."""
    assistant = assistant or get_assistant()
    settings = assistant.settings
    results: list[dict] = []
    stored = []
    for name, data in files:
        try:
            stored.append((name, store_upload(name, data, settings)))
        except UploadRejected as e:
            results.append({"bestand": shown(name), "resultaat": f"geweigerd: {e}"})
        except OSError:
            log.exception("storing an upload failed")
            results.append({"bestand": shown(name), "resultaat": "mislukt: het bestand kon niet worden opgeslagen"})
    if not stored:
        return results
    summary = run_ingest([u.path for _, u in stored], progress, waiting, assistant)
    for name, upload in stored:
        source = relative_source(upload.path, settings)
        if source in summary.failed:
            results.append({"bestand": shown(name), "resultaat": f"mislukt: {summary.failed[source]}"})
            if not upload.existed:
                upload.path.unlink(missing_ok=True)  # nothing of a bad file stays behind
        elif source in summary.unchanged:
            results.append({"bestand": shown(name), "resultaat": "overgeslagen: al in de index en ongewijzigd"})
        else:
            results.append({"bestand": shown(name), "resultaat": "geïndexeerd"})
    return results


def write(action, waiting=None, assistant: Assistant | None = None) -> None:
    """Run another index write (edit, delete) under the same locks."""
    assistant = assistant or get_assistant()
    with writing(assistant.settings, waiting):
        action(assistant.retriever.index)
    assistant.retriever.refresh()


@st.cache_data(ttl=30, show_spinner=False)
def llm_reachable(mode: str, base_url: str | None) -> bool:
    """Whether the configured LLM server answers at all (checked at most every 30 s)."""
    url = (base_url or "http://localhost:11434").rstrip("/")
    url += "/api/tags" if mode == "ollama" else "/models"
    try:
        with urllib.request.urlopen(url, timeout=1.5) as response:
            return response.status < 500
    except urllib.error.HTTPError as e:
        return e.code < 500
    except Exception:
        return False
