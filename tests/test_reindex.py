"""`ingest --reindex`: the lock first, the new index built beside the old one, the old one answering until the switch."""
from __future__ import annotations

import subprocess
import sys

from ingest.index.embed import FakeEmbeddings
from ingest.index.reindex import reindex
from ingest.index.store import open_index
from ingest.pipeline import ingest

from .conftest import ROOT, another_writer, env_for


def test_reindex_waits_for_the_lock_before_it_touches_the_index(make_settings, tmp_path):
    settings = make_settings()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Tekst over de ouderbijdrage op scholen.", encoding="utf-8")
    ingest([corpus], settings)
    with another_writer(settings):
        proc = subprocess.run([sys.executable, "-m", "ingest", "--reindex", str(corpus)], cwd=ROOT, env=env_for(settings),
                              capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "another process" in proc.stderr and "Traceback" not in proc.stderr
    assert set(open_index(settings, "fake/hashed-64", 64).complete_documents()) == {"corpus/a.txt"}  # nothing dropped


def test_the_old_index_answers_until_the_new_one_is_complete(make_settings, tmp_path):
    from assistant.answer.retrieve import Retriever

    settings = make_settings()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("De eerste tekst gaat over ouderbijdragen op scholen.", encoding="utf-8")
    ingest([corpus], settings)
    reader = Retriever(settings, embeddings=FakeEmbeddings())
    assert reader.retrieve("ouderbijdragen")[0].source == "corpus/a.txt"
    (corpus / "b.txt").write_text("Het zwembad van de school heeft een octopus als mascotte.", encoding="utf-8")
    seen_during = []

    def during(event: str, info: dict) -> None:
        if event == "chunks":  # the new index is half built
            fresh = Retriever(settings, embeddings=FakeEmbeddings())
            seen_during.append(({p.source for p in reader.refresh() and reader.retrieve("ouderbijdragen")},
                                set(fresh.snapshot().documents)))

    summary = reindex([corpus], settings, ingest, progress=during)
    assert sorted(summary.added) == ["corpus/a.txt", "corpus/b.txt"]
    assert seen_during and all(old == {"corpus/a.txt"} and docs == {"corpus/a.txt"} for old, docs in seen_during)
    reader.refresh()  # the same reader follows the switch
    assert reader.retrieve("octopus zwembad")[0].source == "corpus/b.txt"
    assert set(reader.snapshot().documents) == {"corpus/a.txt", "corpus/b.txt"}
    again = reindex([corpus], settings, ingest)  # a second reindex clears the generation before last
    assert sorted(again.added) == ["corpus/a.txt", "corpus/b.txt"]
    names = sorted(c.name for c in open_index(settings, "fake/hashed-64", 64).client.list_collections())
    assert not any("__next" in n for n in names) and sum("__old" in n for n in names) == 3


def test_reindex_recovers_a_corrupt_index_file(make_settings, tmp_path):
    settings = make_settings()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Tekst over de ouderbijdrage op scholen.", encoding="utf-8")
    ingest([corpus], settings)
    sqlite = settings.data_dir / "chroma" / "chroma.sqlite3"
    sqlite.write_bytes(b"dit is geen database" * 1000)
    proc = subprocess.run([sys.executable, "-m", "ingest", str(corpus)], cwd=ROOT, env=env_for(settings), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "--reindex" in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "ingest", "--reindex", "--json", str(corpus)], cwd=ROOT, env=env_for(settings),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "moved to" in proc.stderr and list(settings.data_dir.glob("chroma.corrupt-*"))  # kept, not deleted
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()  # this process still holds the damaged file open
    assert set(open_index(settings, "fake/hashed-64", 64).complete_documents()) == {"corpus/a.txt"}
