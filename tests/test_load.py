"""Reading files: formats, encodings, page numbers, and the reasons bad files give."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.formats.text import decode_text
from ingest.load import load
from ingest.types import LoadError

from .conftest import PDFS
from .pdfgen import write_pdf


def test_text_encodings_are_detected(make_settings, tmp_path):
    settings = make_settings()
    text = "Kansengelijkheid: één café, €52 mln en financiële drempels."
    for encoding in ("utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"):
        path = tmp_path / f"doc-{encoding}.txt"
        data = text.encode(encoding) if encoding != "latin-1" else text.replace("€", "EUR").encode("latin-1")
        path.write_bytes(data)
        loaded = load(path, settings)
        expected = text if encoding != "latin-1" else text.replace("€", "EUR")
        assert loaded.pages[0].text == expected, encoding


def test_undecodable_bytes_never_crash():
    assert decode_text(bytes(range(128, 256)))  # cp1252 has holes; latin-1 takes the rest


def test_shared_pdfs_read_with_page_numbers(make_settings):
    settings = make_settings()
    four = load(PDFS / "pdflatex-4-pages.pdf", settings)
    assert [p.number for p in four.pages] == [1, 2, 3, 4]
    assert all(p.text.strip() for p in four.pages)
    for name in ("002-trivial-libre-office-writer.pdf", "google-doc-document.pdf", "multicolumn.pdf", "crazyones-pdfa.pdf", "minimal-document.pdf"):
        assert load(PDFS / name, settings).pages[0].text.strip(), name


def test_password_protected_pdf_is_reported(make_settings):
    with pytest.raises(LoadError, match="beveiligd met een wachtwoord"):
        load(PDFS / "libreoffice-writer-password.pdf", make_settings())


def test_own_pdf_keeps_known_text_on_known_pages(make_settings, tmp_path):
    path = write_pdf(tmp_path / "brief.pdf", [["Inleiding over kansen."], ["Het leerplusarrangement krijgt geld."], ["Slot: de ouderbijdrage."]])
    pages = load(path, make_settings()).pages
    assert [(p.number, "leerplusarrangement" in p.text) for p in pages] == [(1, False), (2, True), (3, False)]


def test_pdf_without_text_layer_says_scanned(make_settings, tmp_path):
    path = write_pdf(tmp_path / "scan.pdf", [["x"], ["y"]], text_layer=False)
    with pytest.raises(LoadError, match="gescand document"):
        load(path, make_settings())


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("leeg.txt", b"", "leeg bestand"),
        ("kapot.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", "PDF kon niet worden gelezen"),
        ("nep.pdf", b"MZ\x90\x00" + bytes(200), "geen geldig PDF"),
        ("pagina.pdf", b"<html><body>geen pdf</body></html>", "geen geldig PDF"),
        ("dia.pptx", b"PK\x03\x04", "niet ondersteund"),  # .xlsx is a table now (tests/test_tables.py)
        ("nep.docx", b"dit is geen zip", "geen geldig Word"),
    ],
)
def test_bad_files_give_a_reason(make_settings, tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(LoadError, match=reason):
        load(path, make_settings())


def test_docx_headings_and_paragraphs(make_settings, tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Ouderbetrokkenheid", level=1)
    document.add_paragraph("Scholen betrekken ouders bij de overstap naar het vo.")
    document.add_paragraph("Een tweede alinea over armoede.", style="List Bullet")
    path = tmp_path / "notitie.docx"
    document.save(path)
    text = load(path, make_settings()).pages[0].text
    assert "## Ouderbetrokkenheid" in text and "Scholen betrekken ouders" in text and "- Een tweede alinea" in text


def test_html_with_unclosed_paragraphs_and_items_keeps_every_text_once(make_settings, tmp_path):
    # html.parser nests everything after an unclosed <p> or <li> inside it; no text may be lost or read twice.
    path = tmp_path / "slordig.html"
    path.write_text(
        "<html><body><h1>Titel</h1><p>Eerste alinea zonder einde\n<div>Tekst in een blok.</div><p>Tweede alinea."
        "<ul><li>punt een<li>punt twee</ul><table><tr><td>cel a<td>cel b</table>Losse tekst na de tabel.</body></html>",
        encoding="utf-8",
    )
    lines = load(path, make_settings()).pages[0].text.split("\n\n")
    assert lines == ["## Titel", "Eerste alinea zonder einde", "Tekst in een blok.", "Tweede alinea.", "- punt een",
                     "- punt twee", "cel a", "cel b", "Losse tekst na de tabel."]


def test_html_visible_text_only(make_settings, tmp_path):
    path = tmp_path / "pagina.html"
    path.write_text(
        "<html><head><script>alert(1)</script><style>p{}</style></head><body><nav>menu</nav>"
        "<h1>Gelijke kansen</h1><p>Scholen krijgen <b>extra</b> geld.</p><ul><li>Een punt</li></ul></body></html>",
        encoding="utf-8",
    )
    text = load(path, make_settings()).pages[0].text
    assert "## Gelijke kansen" in text and "Scholen krijgen extra geld." in text and "- Een punt" in text
    assert "alert" not in text and "menu" not in text
