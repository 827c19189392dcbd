"""Chunking: sentences never cut, headings start chunks, lists stay whole, offsets exact, ids stable."""
from __future__ import annotations

from ingest.text.clean import clean
from ingest.load import load
from ingest.text.split import detect_sectors, split
from ingest.types import LoadedDocument, Page

from .conftest import ROOT


def corpus_chunks(settings):
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        doc = clean(load(path, settings))
        yield doc, split(doc, {"title": path.stem}, "hash", settings)


def test_offsets_point_at_the_chunk_text_and_ids_are_positional(make_settings):
    settings = make_settings(root=ROOT)
    for doc, chunks in corpus_chunks(settings):
        for i, chunk in enumerate(chunks):
            assert doc.text[chunk.metadata["start"]:chunk.metadata["end"]] == chunk.text
            assert chunk.id == f"{doc.path}::{i:05d}"


def test_chunks_end_at_sentence_or_block_ends(make_settings):
    settings = make_settings(root=ROOT)
    for doc, chunks in corpus_chunks(settings):
        for chunk in chunks:
            end = chunk.metadata["end"]
            assert end == len(doc.text) or doc.text[end:end + 1] in ("\n", " ") and (
                chunk.text.rstrip()[-1] in ".!?:;,)’'”\"" or chunk.text.rstrip()[-1].isdigit() or "\n" in doc.text[end:end + 2]
                or chunk.text.rstrip()[-1] in "⁰¹²³⁴⁵⁶⁷⁸⁹" or chunk.text.rstrip()[-1].isalpha()
            ), chunk.text[-80:]
            # No chunk starts inside a sentence: the character before it is a block or sentence boundary.
            start = chunk.metadata["start"]
            assert start == 0 or doc.text[start - 1] in "\n " and doc.text[start - 2] in "\n.!?:;)’'”\"⁰¹²³⁴⁵⁶⁷⁸⁹0123456789", chunk.text[:80]


def test_sizes_stay_near_the_target(make_settings):
    settings = make_settings(root=ROOT)
    lengths = [len(c.text) for _, chunks in corpus_chunks(settings) for c in chunks]
    assert max(lengths) <= 2 * settings.chunk_max
    assert sum(lengths) / len(lengths) < settings.chunk_size * 1.2


def test_a_list_stays_with_the_sentence_that_announces_it(make_settings):
    settings = make_settings(root=ROOT)
    for doc, chunks in corpus_chunks(settings):
        for chunk in chunks:
            if "Ik neem maatregelen op vijf terreinen:" in chunk.text:
                assert "5. Vergroten van flexibiliteit" in chunk.text
                return
    raise AssertionError("the five areas were not found")


def test_heading_starts_a_chunk_and_names_the_section(make_settings):
    settings = make_settings()
    text = "Armoede\n\n" + " ".join(["Scholen helpen gezinnen met weinig geld."] * 30) + "\n\nOuders\n\nOuders praten mee over de school."
    doc = clean(LoadedDocument("n.txt", "text", [Page(None, text)]))
    chunks = split(doc, {}, "h", settings)
    assert chunks[0].text.startswith("Armoede")
    assert chunks[-1].text.startswith("Ouders") and chunks[-1].metadata["section"] == "Ouders"
    assert all(c.metadata["section"] == "Armoede" for c in chunks[:-1])
    assert all(c.embed_text.startswith(c.metadata["section"]) for c in chunks)


def test_sectors_are_detected_from_the_text():
    assert detect_sectors("Voor het mbo en het hoger onderwijs") == ["mbo", "ho"]
    assert detect_sectors("peuters in de voorschoolse educatie") == ["vve"]
    assert detect_sectors("de overstap van de basisschool naar havo") == ["po", "vo"]
