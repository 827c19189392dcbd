"""Inputs that once stalled or broke the ingest: one long line, bombs and deep nesting in every format, restarting footnotes."""
from __future__ import annotations

import os
import re
import signal

import pytest

from ingest.load import load
from ingest.pipeline import ingest
from ingest.text.clean import clean
from ingest.text.split import split
from ingest.types import LoadedDocument, LoadError, Page

from .hostile import docx_bomb, footnoted_chapters, nested_html, one_line_text


def chunks_of(text: str, settings):
    return split(clean(LoadedDocument("x.txt", "text", [Page(None, text)])), {"title": "x"}, "h", settings)


# Item 1: one long line ----------------------------------------------------------------------------------------

@pytest.mark.slow
def test_a_long_line_without_punctuation_is_cut_within_chunk_max(make_settings, tmp_path):
    settings = make_settings()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    one_line_text(corpus / "regel.txt", 200_000)
    (corpus / "woord.txt").write_text("x" * 50_000, encoding="utf-8")  # no whitespace at all: cut anywhere
    summary = ingest([corpus], settings)
    assert sorted(summary.added) == ["corpus/regel.txt", "corpus/woord.txt"]
    from ingest.index.store import open_index

    got = open_index(settings, "fake/hashed-64", 64).chunks.get(include=["documents", "metadatas"])
    assert max(len(t) for t in got["documents"]) <= settings.chunk_max
    line = (corpus / "regel.txt").read_text(encoding="utf-8")
    pieces = sorted((m["start"], t) for m, t in zip(got["metadatas"], got["documents"]) if m["source"] == "corpus/regel.txt")
    assert " ".join(t for _, t in pieces) == line.strip()  # cut only at spaces: nothing lost, no word broken


def test_every_chunk_holds_chunk_max_whatever_the_structure(make_settings):
    settings = make_settings(chunk_size=300, chunk_max=400)
    long_heading = "## " + "kop " * 500
    footnoted = "Een zin met een noot.¹\n\n¹ " + "toelichting " * 200
    listed = "Dit zijn de punten:\n\n" + "\n".join(f"- punt {i} " + "woord " * 60 for i in range(6))
    for text in (long_heading + "\n\nTekst eronder.", footnoted, listed, "a" * 5000):
        chunks = chunks_of(text, settings)
        assert chunks and max(len(c.text) for c in chunks) <= settings.chunk_max, text[:30]


def test_the_bundled_embedder_gets_no_more_than_it_reads():
    from ingest.index.embed import MODEL_TOKENS, E5Embeddings, fit_to_model

    embedder = E5Embeddings(threads=2)
    long = "0123456789 " * 100_000  # 1.1 MB: numbers cost the most tokens per character
    fitted = fit_to_model(long, embedder.model.token_count)
    assert embedder.model.token_count(fitted) <= MODEL_TOKENS and long.startswith(fitted)
    assert embedder.embed_documents([long]) == embedder.embed_documents([fitted])
    assert fit_to_model("Een korte zin.", embedder.model.token_count) == "Een korte zin."


# Item 3: every format under the same limits -------------------------------------------------------------------

@pytest.mark.parametrize("name, data", [
    ("notitie.txt", "Gewone tekst.".encode()), ("notitie.md", b"# Kop\n\nTekst."),
    ("pagina.html", b"<html><body><p>Tekst.</p></body></html>"),
])
def test_every_format_is_parsed_under_the_time_limit(make_settings, tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(LoadError, match="duurde te lang"):  # a limit no child process can meet: the limit applies
        load(path, make_settings(parse_timeout=0.001))
    assert load(path, make_settings()).pages[0].text.strip()


def test_every_format_is_parsed_under_the_memory_limit(make_settings, tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Tekst over ouders.")
    document.save(tmp_path / "klein.docx")
    for path in (tmp_path / "klein.docx", one_line_text(tmp_path / "t.txt", 15_000_000)):
        with pytest.raises(LoadError, match="te groot"):  # too little memory for the reader: it stops, the ingest does not
            load(path, make_settings(parse_memory_mb=20))


def test_a_docx_bomb_is_refused_before_it_is_unpacked(make_settings, tmp_path):
    path = docx_bomb(tmp_path / "bom.docx", unpacked_mb=300)
    assert path.stat().st_size < 2 * 1024 * 1024  # it passes the upload limit
    with pytest.raises(LoadError, match="te groot: pakt uit tot 300 MB"):
        load(path, make_settings())


def test_deeply_nested_html_is_read_once_in_order(make_settings, tmp_path):
    path = tmp_path / "diep.html"
    path.write_text(nested_html(5000, tag="dd", core="De kern van de pagina."), encoding="utf-8")  # unclosed <dd>s nest
    text = load(path, make_settings()).pages[0].text
    levels = re.findall(r"niveau(\d+)\b", text)
    assert text.count("De kern van de pagina.") == 1  # was: every level again, 75 MB
    assert levels == [str(i) for i in range(5000)]  # every level once, in order
    path.write_text(nested_html(5000, tag="li"), encoding="utf-8")
    assert "De kern van de pagina." in load(path, make_settings()).pages[0].text


# Item 2: footnotes -----------------------------------------------------------------------------------------------

def test_footnotes_stay_in_their_chapter_when_numbering_restarts():
    doc = clean(LoadedDocument("x.txt", "text", [Page(None, footnoted_chapters(4))]))
    text = doc.text
    for c in range(1, 5):
        for p in range(1, 4):
            note = text.index(f"Bron bij hoofdstuk {c}, noot {p}.")
            chapter = text.rindex("Hoofdstuk", 0, note)
            assert text[chapter:chapter + 20].startswith(f"Hoofdstuk {c}")
            cited = text.rindex(f"alinea {p} over", 0, note)
            assert text.rindex("Hoofdstuk", 0, cited) == chapter  # after the paragraph that cites it, in that chapter


@pytest.mark.slow
def test_five_mb_of_footnoted_chapters_is_cleaned_whole():
    raw = footnoted_chapters(12_000)
    assert len(raw) > 5_000_000
    doc = clean(LoadedDocument("x.txt", "text", [Page(None, raw)]))
    assert sum(1 for b in doc.blocks if b.kind == "footnote") == 36_000
    last = doc.text.index("Bron bij hoofdstuk 12000, noot 3.")
    assert doc.text.rindex("Hoofdstuk", 0, last) == doc.text.index("Hoofdstuk 12000")


# The target: one batch of real PDFs, damaged files of every format and the 20 MB line --------------------------------

DAMAGED = {
    "afgebroken.pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pa",
    "kapot.docx": b"PK\x03\x04" + b"\x00" * 40 + b"geen zip",
    "kapot.xlsx": b"PK\x03\x04\x14\x00" + bytes(range(256)),
    "kapot.xlsm": b"dit is geen werkboek",
    "kapot.ods": b"PK\x05\x06" + b"\x00" * 18,
    "kapot.json": b'[{"naam": "Tutoring", "effect": ',
    "kapot.csv": bytes(range(256)) * 8,
    "kapot.tsv": b"\x00\x01\x02\x03" * 500,
    "kapot.html": b"\xff\xfe\x00<\x00h\x00" + bytes(range(128, 256)) * 20,
    "kapot.htm": b"<html><body><table><tr><td>" * 3000,
    "kapot.md": b"\x00" * 4096,
    "kapot.txt": b"\xff\xfe\xfd" * 2000,
}


@pytest.mark.slow
def test_real_pdfs_damaged_files_of_every_format_and_a_20_mb_line_in_one_batch(make_settings, tmp_path):
    import shutil

    from ingest.load import SUPPORTED

    from .conftest import PDFS

    settings = make_settings()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "eerder.txt").write_text("Eerder geïndexeerd: de vrijwillige ouderbijdrage mag geen drempel zijn.", encoding="utf-8")
    assert ingest([corpus], settings).added == ["corpus/eerder.txt"]

    batch = corpus / "batch"
    batch.mkdir()
    pdfs = sorted(PDFS.glob("*.pdf"))
    assert len(pdfs) >= 5
    for pdf in pdfs:
        shutil.copy(pdf, batch)
    for name, data in DAMAGED.items():
        (batch / name).write_bytes(data)
    assert {p.suffix for p in batch.iterdir()} >= set(SUPPORTED)  # every supported format has a damaged file here
    one_line_text(batch / "een-regel.txt", 20_000_000)

    summary = ingest([corpus], settings)
    names = {f"corpus/batch/{p.name}" for p in batch.iterdir()}
    assert set(summary.added) | set(summary.failed) == names  # every file either indexed or reported
    assert "corpus/eerder.txt" in summary.unchanged
    for source, reason in summary.failed.items():
        assert reason and "\n" not in reason and "Traceback" not in reason, (source, reason)
    assert summary.failed["corpus/batch/een-regel.txt"].startswith("te groot") and "passages" in summary.failed["corpus/batch/een-regel.txt"]
    assert "wachtwoord" in summary.failed["corpus/batch/libreoffice-writer-password.pdf"]
    readable_as_text = {"kapot.htm", "kapot.html", "kapot.txt"}  # odd bytes in a text format decode to (odd) text
    assert {f"corpus/batch/{n}" for n in set(DAMAGED) - readable_as_text} <= set(summary.failed)
    assert len([s for s in summary.added if s.endswith(".pdf")]) >= len(pdfs) - 2  # the producers' readable PDFs are read

    from ingest.index.store import open_index

    index = open_index(settings, "fake/hashed-64", 64)
    before = index.chunks.get(where={"source": "corpus/eerder.txt"}, include=["documents"])
    assert before["documents"] == ["Eerder geïndexeerd: de vrijwillige ouderbijdrage mag geen drempel zijn."]
    stored = set(index.chunks.get(include=["metadatas"])["metadatas"][i]["source"] for i in range(index.chunks.count()))
    assert not stored & set(summary.failed)  # nothing of a refused file is searchable


def test_a_run_reads_file_after_file_in_one_child_and_a_child_that_died_is_replaced(make_settings, tmp_path):
    from ingest.formats.sandbox import Reader

    pages = []
    for i in range(3):
        pages.append(tmp_path / f"pagina-{i}.html")
        pages[-1].write_text(f"<html><body><p>Pagina {i} over ouders.</p></body></html>", encoding="utf-8")
    with Reader(make_settings()) as reader:
        assert "Pagina 0" in reader.pages(pages[0], "html")[0].text
        first = reader.proc.pid
        assert "Pagina 1" in reader.pages(pages[1], "html")[0].text and reader.proc.pid == first  # no new Python per file
        os.kill(first, signal.SIGKILL)  # as the kernel stops a reader that ran out of memory
        reader.proc.wait()
        with pytest.raises(LoadError, match="te groot"):  # said of the file at hand ...
            reader.pages(pages[2], "html")
        assert "Pagina 2" in reader.pages(pages[2], "html")[0].text and reader.proc.pid != first  # ... and the next one is read
    assert reader.proc is None  # the child ends with the run


def test_a_file_is_read_when_the_process_already_holds_over_a_thousand_descriptors(make_settings, tmp_path):
    """A long-lived process (the app, the test suite) holds many open files; select() refuses a descriptor numbered 1024 or
    more, and the reading child's answer was waited for with it: the upload failed with 'filedescriptor out of range'."""
    settings = make_settings()
    path = tmp_path / "brief.txt"
    path.write_text("Een korte brief over kansengelijkheid.\n", encoding="utf-8")
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    try:
        loaded = load(path, settings)
    finally:
        for fd in held:
            os.close(fd)
    assert "Een korte brief over kansengelijkheid." in " ".join(p.text for p in loaded.pages)
