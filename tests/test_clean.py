"""Cleaning: page headers and markup go, hyphenation and interrupted paragraphs are rejoined, footnotes stay with their text."""
from __future__ import annotations

from pathlib import Path

from ingest.text.clean import clean
from ingest.load import load
from ingest.text.sentences import sentence_spans
from ingest.types import LoadedDocument, Page

from .conftest import ROOT, norm

KAMERBRIEF = ROOT / "corpus" / "kamerbrief-visie-kansengelijkheid-funderend-onderwijs-2023-03-10.txt"
SER = ROOT / "corpus" / "ser-gelijke-kansen-in-het-onderwijs.txt"


def cleaned(path: Path, settings):
    return clean(load(path, settings))


def test_page_headers_and_markup_are_removed(make_settings):
    doc = cleaned(KAMERBRIEF, make_settings(root=ROOT))
    body = doc.text[doc.blocks[1].start:]
    assert "Onze referentie" not in body
    assert "3 5 735585" not in body and "35735585" not in body
    assert "**" not in doc.text and "](#)" not in doc.text
    assert doc.blocks[0].kind == "letterhead"


def test_paragraph_cut_by_a_page_header_is_rejoined(make_settings):
    doc = cleaned(KAMERBRIEF, make_settings(root=ROOT))
    assert "Alle kinderen doen mee. Er zijn echter signalen" in doc.text


def test_footnotes_follow_the_paragraph_that_cites_them(make_settings):
    doc = cleaned(KAMERBRIEF, make_settings(root=ROOT))
    text = doc.text
    marker = text.index("de kwaliteit voor alle leerlingen.²")
    note = text.index("² Kamerstukken II, vergaderjaar 2022/2023, 27 923, nr. 449.")
    between = text[marker:note]
    assert 0 < note - marker < 600 and "\n\n" in between
    # Every footnote of the letter is kept.
    assert sum(1 for b in doc.blocks if b.kind == "footnote") == 44


def test_plain_digit_footnotes_in_a_wrapped_pdf_extraction(make_settings):
    doc = cleaned(SER, make_settings(root=ROOT))
    assert "in staat worden gesteld – en worden gemotiveerd" in doc.text
    footnotes = [doc.text[b.start:b.end] for b in doc.blocks if b.kind == "footnote"]
    assert footnotes[0].startswith("1 SER Jongerenplatform (2019)")
    assert "Kindvoorzieningen kunnen een belangrijke rol vervullen in de ontwikkeling en kansen van kinderen." in doc.text


def test_hyphenation_at_line_ends_is_joined_but_real_hyphens_stay():
    raw = "De ministers besloten dat het onder-\nwijs beter moet voor mbo-\ninstellingen en voor leer- en\nwerkplekken in de komende jaren.\n" * 3
    doc = clean(LoadedDocument("x.pdf", "pdf", [Page(1, raw)]))
    assert "onderwijs beter" in doc.text
    assert "mbo-instellingen" in doc.text
    assert "leer- en werkplekken" in doc.text


def test_repeated_pdf_page_headers_go(tmp_path):
    pages = [Page(i, f"Ministerie van OCW | Notitie kansen\nTekst van pagina {i} gaat over ouders en scholen.\nPagina {i} van 4") for i in range(1, 5)]
    doc = clean(LoadedDocument("n.pdf", "pdf", pages))
    assert "Ministerie van OCW" not in doc.text and "Pagina 2 van 4" not in doc.text
    assert doc.page_at(doc.text.index("pagina 3")) == 3


def test_every_sentence_off_a_seam_stands_in_the_raw_file(make_settings):
    """The guarantee citations rest on: cleaned sentences are verbatim in the source, except where a seam is."""
    settings = make_settings(root=ROOT)
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        doc = cleaned(path, settings)
        raw = norm(path.read_text(encoding="utf-8"))
        for a, b in sentence_spans(doc.text):
            if any(a < s < b for s in doc.seams) or b - a < 20:
                continue
            assert norm(doc.text[a:b]) in raw, (path.name, doc.text[a:b])
