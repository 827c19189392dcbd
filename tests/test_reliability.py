"""Faults and attacks: bad files, interrupted and concurrent writers, a server that goes away, hostile text."""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import textwrap
import time
import zlib
from pathlib import Path

import pytest

from ingest.index.embed import FakeEmbeddings
from ingest.load import load
from ingest.pipeline import ingest
from ingest.types import LoadError
from ingest.upload import UploadRejected, safe_name, sniff, store_upload

from .conftest import PDFS, ROOT, another_writer, env_for, free_port
from .pdfgen import one_page_with_content, write_pdf, write_raw_pdf


# 1. Malformed PDFs ----------------------------------------------------------------------------------

def malformed_pdfs(folder: Path) -> dict[str, str]:
    """Each bad PDF and the reason it must give."""
    good = (PDFS / "pdflatex-4-pages.pdf").read_bytes()
    (folder / "afgebroken.pdf").write_bytes(good[: len(good) // 3])
    (folder / "ruis.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(20_000))
    (folder / "webpagina.pdf").write_bytes(b"<!DOCTYPE html><html><body><p>Geen PDF</p></body></html>")
    pointer = write_pdf(folder / "startxref.pdf", [["Tekst die nooit gelezen wordt."]]).read_bytes()
    head, _, _ = pointer.rpartition(b"startxref\n")
    (folder / "startxref.pdf").write_bytes(head + b"startxref\n987654321\n%%EOF\n")
    return {
        "afgebroken.pdf": "PDF kon niet worden gelezen", "ruis.pdf": "PDF kon niet worden gelezen",
        "webpagina.pdf": "geen geldig PDF-bestand", "startxref.pdf": "",
    }


def test_malformed_pdfs_give_a_one_line_reason_and_the_batch_goes_on(make_settings, tmp_path):
    settings = make_settings()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    expected = malformed_pdfs(corpus)
    (corpus / "goed.txt").write_text("Een goede tekst over kansengelijkheid op school.", encoding="utf-8")
    summary = ingest([corpus], settings)
    assert summary.added == ["corpus/goed.txt"] or "corpus/startxref.pdf" in summary.added
    for name, reason in expected.items():
        source = f"corpus/{name}"
        if source in summary.failed:
            assert reason in summary.failed[source] and "\n" not in summary.failed[source] and "Traceback" not in summary.failed[source]
    # pypdf repairs a wrong startxref by scanning the file; every other bad file is refused and nothing of it is stored.
    assert {s for s in summary.failed} == {f"corpus/{n}" for n in expected if n != "startxref.pdf"}
    from ingest.index.store import open_index

    index = open_index(settings, "fake/hashed-64", 64)
    stored = {m["source"] for m in index.chunks.get(include=["metadatas"])["metadatas"]}
    assert not stored & set(summary.failed)


# 2. Parser hangs and bombs ------------------------------------------------------------------------------

def test_a_decompression_bomb_is_too_large_and_the_ingest_stays_responsive(make_settings, tmp_path):
    bomb = zlib.compress(b"BT /F1 12 Tf (x) Tj ET\n" + b" " * (400 * 1024 * 1024), 9)
    nested = zlib.compress(bomb, 9)  # two layers of compression
    path = one_page_with_content(tmp_path / "bom.pdf", nested, "[/FlateDecode /FlateDecode]")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(LoadError, match="te groot"):
        load(path, make_settings(parse_memory_mb=1024))
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200 * 1024  # the bomb burst in the child, not here


def test_a_parser_that_runs_too_long_is_stopped(make_settings, tmp_path):
    ops = b"BT /F1 1 Tf " + b"(a) Tj " * 3_000_000 + b"ET"
    path = one_page_with_content(tmp_path / "traag.pdf", zlib.compress(ops), "/FlateDecode")
    with pytest.raises(LoadError, match="duurde te lang"):  # stopped by the time limit, not left to finish
        load(path, make_settings(parse_timeout=1.0))


def test_an_object_loop_does_not_hang(make_settings, tmp_path):
    path = write_raw_pdf(tmp_path / "lus.pdf", [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",  # the page tree contains itself
        b"<< /Type /Pages /Kids [2 0 R] /Parent 2 0 R /Count 1 >>",
    ])
    with pytest.raises(LoadError):
        load(path, make_settings(parse_timeout=10))


# 3. Encrypted PDFs ------------------------------------------------------------------------------------------

def test_aes_encrypted_pdf_with_an_empty_password_opens(make_settings, tmp_path):
    from pypdf import PdfReader, PdfWriter

    source = write_pdf(tmp_path / "open.pdf", [["Kansen voor iedere leerling in het vo."]])
    writer = PdfWriter()
    for page in PdfReader(source).pages:
        writer.add_page(page)
    writer.encrypt(user_password="", owner_password="eigenaar", algorithm="AES-256")
    with open(tmp_path / "aes.pdf", "wb") as f:
        writer.write(f)
    assert "Kansen voor iedere leerling" in load(tmp_path / "aes.pdf", make_settings()).pages[0].text
    with pytest.raises(LoadError, match="beveiligd met een wachtwoord"):
        load(PDFS / "libreoffice-writer-password.pdf", make_settings())


# 4. Uploads ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("../../x.pdf", "x.pdf"), ("/etc/passwd", "passwd"), ("..\\..\\boot.ini", "boot.ini"), ("C:\\Windows\\x.docx", "x.docx"),
    ("rapport <script>.pdf", "rapport _script.pdf"), ("ﬁnanciën ＼ overzicht.txt", "overzicht.txt"),
    ("financiën\u202egpj.pdf", "financiën_gpj.pdf"),
    ("...", "document"), ("a" * 300 + ".md", "a" * 80 + ".md"), ("naam\x00.pdf", "naam.pdf"),
])
def test_upload_names_never_choose_the_path(name, expected):
    assert safe_name(name) == expected


def test_uploads_are_sniffed_sized_and_stored_inside_the_uploads_folder(make_settings, tmp_path):
    settings = make_settings(upload_max_mb=1)
    exe = b"MZ\x90\x00" + bytes(500)
    with pytest.raises(UploadRejected, match="programma"):
        sniff("factuur.pdf", exe, settings)
    with pytest.raises(UploadRejected, match="geen PDF"):
        sniff("brief.pdf", b"<html>nee</html>", settings)
    with pytest.raises(UploadRejected, match="geen Word"):
        sniff("brief.docx", b"PK\x03\x04 nep", settings)
    with pytest.raises(UploadRejected, match="binaire"):
        sniff("notitie.txt", b"\x00\x01\x02" * 100, settings)
    with pytest.raises(UploadRejected, match="te groot"):
        sniff("groot.txt", b"a" * (2 * 1024 * 1024), settings)
    stored = store_upload("../../../../tmp/kw-escape.txt", "Gewone tekst over ouders.".encode(), settings)
    assert stored.path.parent == (settings.data_dir / "uploads").resolve()
    assert not Path("/tmp/kw-escape.txt").exists()
    other = store_upload("../../../../tmp/kw-escape.txt", "Andere tekst over leraren.".encode(), settings)
    assert other.path != stored.path and stored.path.read_text(encoding="utf-8") == "Gewone tekst over ouders."


# 5. Big and odd text files -----------------------------------------------------------------------------------

def test_a_50_mb_single_line_text_file_is_refused_with_bounded_memory(make_settings, tmp_path):
    path = tmp_path / "groot.txt"
    with open(path, "wb") as f:
        for _ in range(50):
            f.write(b"kansen " * (1024 * 1024 // 7))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(LoadError, match="te groot"):
        load(path, make_settings())
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 20 * 1024


# 7. Killed inside a write ---------------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.2, 0.6, 1.0])
def test_sigkill_at_any_moment_leaves_a_consistent_index(make_settings, tmp_path, delay):
    settings = make_settings(chunk_size=120, chunk_max=160, write_batch_size=400, embedding_batch_size=400)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "groot.txt").write_text("\n\n".join(f"Alinea {i} over ouders, leraren en de overstap naar het vo." for i in range(3000)), encoding="utf-8")
    script = tmp_path / "writer.py"
    script.write_text(textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from ingest.pipeline import ingest
        from ingest.settings import Settings
        settings = Settings(root=Path({str(tmp_path)!r}), data_dir=Path({str(settings.data_dir)!r}), embedding_backend="fake",
                            chunk_size=120, chunk_max=160, write_batch_size=400, embedding_batch_size=400)
        ingest([Path({str(corpus)!r})], settings)
    """))
    proc = subprocess.Popen([sys.executable, str(script)])
    time.sleep(delay + 1.5)  # imports take about a second; then the writes are under way
    proc.kill()
    proc.wait()
    from assistant.answer.retrieve import Retriever
    from ingest.index.store import open_index

    index = open_index(settings, "fake/hashed-64", 64)
    record = index.document_records().get("corpus/groot.txt")
    retriever = Retriever(settings, embeddings=FakeEmbeddings(), index=index)
    if record is None or record["status"] != "complete":
        assert retriever.retrieve("overstap naar het vo") == []  # nothing half-written is searchable
    summary = ingest([corpus], settings)
    assert index.document_records()["corpus/groot.txt"]["status"] == "complete"
    assert summary.chunks_in_index == len(index.chunks.get(include=[])["ids"]) == index.document_records()["corpus/groot.txt"]["chunks"]
    retriever.refresh()
    assert retriever.retrieve("overstap naar het vo")


# 8. One writer, and readers that see other processes' writes ------------------------------------------------

@pytest.mark.slow
def test_a_second_writer_process_is_refused_with_a_clear_message(make_settings, tmp_path):
    settings = make_settings()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Tekst over scholen.", encoding="utf-8")
    env = env_for(settings)
    with another_writer(settings):
        proc = subprocess.run([sys.executable, "-m", "ingest", str(corpus)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "another process" in proc.stderr and "Traceback" not in proc.stderr
    # The app's writes wait their turn instead.
    from ingest.lock import writer_lock

    with writer_lock(settings, wait=5):
        pass


def test_a_reader_sees_what_another_process_wrote(make_settings, tmp_path):
    from assistant.answer.retrieve import Retriever

    settings = make_settings()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("De eerste tekst gaat over ouderbijdragen op scholen.", encoding="utf-8")
    ingest([corpus], settings)
    reader = Retriever(settings, embeddings=FakeEmbeddings())
    assert {p.source for p in reader.retrieve("octopus zwembad")} == {"corpus/a.txt"}
    (corpus / "b.txt").write_text("Het zwembad van de school heeft een octopus als mascotte.", encoding="utf-8")
    env = env_for(settings)
    subprocess.run([sys.executable, "-m", "ingest", str(corpus), "--quiet"], cwd=ROOT, env=env, check=True, capture_output=True)
    reader.refresh()
    assert reader.retrieve("octopus zwembad")[0].source == "corpus/b.txt"


# 10. A Chroma server that goes away and comes back ---------------------------------------------------------

@pytest.mark.slow
def test_server_down_gives_a_clear_message_and_the_app_recovers(make_settings, tmp_path):
    import chromadb

    from assistant.answer.retrieve import Retriever
    from ingest.index.store import IndexUnavailable

    port = free_port()
    data = tmp_path / "server"
    exe = str(Path(sys.executable).parent / "chroma")

    def start():
        proc = subprocess.Popen([exe, "run", "--path", str(data), "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(150):
            try:
                chromadb.HttpClient(host="127.0.0.1", port=port).heartbeat()
                return proc
            except Exception:
                time.sleep(0.2)
        raise RuntimeError("no server")

    server = start()
    settings = make_settings(chroma_host="127.0.0.1", chroma_port=port, chroma_timeout=2)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Tekst over de vrijwillige ouderbijdrage op scholen.", encoding="utf-8")
    ingest([corpus], settings)
    reader = Retriever(settings, embeddings=FakeEmbeddings())
    assert reader.retrieve("ouderbijdrage")
    server.terminate()
    server.wait()
    with pytest.raises(IndexUnavailable, match="not reachable"):  # reported, not waited on (the pytest timeout guards a hang)
        reader.refresh()
        reader.retrieve("ouderbijdrage")
    (corpus / "b.txt").write_text("Nog een tekst over leraren.", encoding="utf-8")
    with pytest.raises(IndexUnavailable):
        ingest([corpus], settings)
    server = start()
    try:
        reader.refresh()
        assert reader.retrieve("ouderbijdrage")  # the same reader works again
        assert set(reader.snapshot().documents) == {"corpus/a.txt"}  # nothing half-written from the failed ingest
    finally:
        server.terminate()
        server.wait()
