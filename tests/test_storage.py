"""A data folder that fills up, cannot be written, or was damaged: a clear message, nothing indexed before lost."""
from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys

import pytest

from ingest.index.embed import FakeEmbeddings
from ingest.pipeline import ingest

from .conftest import ROOT, env_for


def run_ingest(settings, *args, preexec=None):
    env = env_for(settings)
    return subprocess.run([sys.executable, "-m", "ingest", "--quiet", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300, preexec_fn=preexec)


def test_a_full_disk_is_reported_and_loses_nothing(make_settings, tmp_path):
    from assistant.answer.retrieve import Retriever

    settings = make_settings()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("De eerste tekst gaat over ouderbijdragen op scholen.", encoding="utf-8")
    ingest([corpus], settings)
    (corpus / "b.txt").write_text("\n\n".join(f"Alinea {i} over ouders, leraren en de overstap naar het vo." for i in range(3000)), encoding="utf-8")
    limit = max(p.stat().st_size for p in settings.data_dir.rglob("*") if p.is_file()) + 50_000

    def small_disk() -> None:  # no file may grow past `limit`: what a full disk looks like to the writer
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    proc = run_ingest(settings, corpus, preexec=small_disk)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "is full" in proc.stderr
    reader = Retriever(settings, embeddings=FakeEmbeddings())
    assert reader.retrieve("ouderbijdragen")[0].source == "corpus/a.txt"  # what was indexed before answers
    assert "corpus/b.txt" not in reader.snapshot().documents  # nothing half-written is searchable
    proc = run_ingest(settings, corpus)  # space again: the next run completes it
    assert proc.returncode == 0, proc.stderr
    reader.refresh()
    assert set(reader.snapshot().documents) == {"corpus/a.txt", "corpus/b.txt"}


def test_a_read_only_data_folder_is_reported(make_settings, tmp_path):
    settings = make_settings()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Tekst over de ouderbijdrage op scholen.", encoding="utf-8")
    ingest([corpus], settings)
    (corpus / "b.txt").write_text("Nog een tekst over leraren.", encoding="utf-8")
    if os.geteuid() == 0:  # root writes through file modes: make the folder a read-only mount instead
        mounted = subprocess.run(["mount", "--bind", "-o", "ro", str(settings.data_dir), str(settings.data_dir)], capture_output=True)
        if mounted.returncode != 0:
            pytest.skip("root without permission to mount: cannot make a read-only folder here")
        subprocess.run(["mount", "-o", "remount,bind,ro", str(settings.data_dir)], check=True)
        undo = ["umount", str(settings.data_dir)]
    else:
        for path in [settings.data_dir, *settings.data_dir.rglob("*")]:
            path.chmod(0o555 if path.is_dir() else 0o444)
        undo = ["chmod", "-R", "u+w", str(settings.data_dir)]
    try:
        proc = run_ingest(settings, corpus)
    finally:
        subprocess.run(undo, check=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "cannot be written" in proc.stderr, proc.stderr
    proc = run_ingest(settings, corpus)
    assert proc.returncode == 0 and "added 1" in proc.stdout
