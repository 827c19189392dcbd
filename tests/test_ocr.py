"""Scanned letters: pages without a text layer are read by Tesseract (Dutch), marked, and quoted as OCR text."""
from __future__ import annotations

import shutil

import pytest

from ingest.index.embed import FakeEmbeddings
from ingest.index.store import open_index
from ingest.pipeline import ingest

from .pdfgen import write_pdf

LETTER = [
    "Geachte voorzitter,",
    "Met deze brief informeer ik uw Kamer over de aanpak van kansengelijkheid.",
    "Scholen met veel leerlingen uit gezinnen met weinig geld krijgen extra middelen.",
    "Het kabinet trekt hiervoor structureel 150 miljoen euro uit voor het leerplusarrangement.",
    "Hoogachtend, de minister van Onderwijs",
]
SWIMMING = [
    "Geachte voorzitter,",
    "Veel kinderen die net in Nederland zijn, kunnen niet zwemmen.",
    "Het kabinet trekt daarom 37 miljoen euro uit voor zwemlessen voor nieuwkomers in het basisonderwijs.",
    "Gemeenten organiseren de lessen samen met de scholen.",
]
needs_tesseract = pytest.mark.skipif(not shutil.which("tesseract"), reason="make test installs tesseract-ocr and tesseract-ocr-nld")


def scanned(tmp_path, name: str, pages: list[list[str]]):
    """A real scan as a copier makes it: each page rendered to an image, the images wrapped back into a PDF without text."""
    import pypdfium2

    text_pdf = write_pdf(tmp_path / f"tekst-{name}", pages)
    images = [page.render(scale=200 / 72).to_pil().convert("L") for page in pypdfium2.PdfDocument(text_pdf)]
    path = tmp_path / "docs" / name
    path.parent.mkdir(exist_ok=True)
    images[0].save(path, save_all=True, append_images=images[1:], resolution=200)
    return path


@needs_tesseract
def test_a_scanned_letter_is_read_by_ocr_and_its_chunks_are_marked(make_settings, tmp_path):
    settings = make_settings()
    path = scanned(tmp_path, "brief-scan.pdf", [LETTER, ["Bijlage: een tweede pagina over voorschoolse educatie."]])
    summary = ingest([path.parent], settings)
    assert summary.added == ["docs/brief-scan.pdf"], summary.failed
    embedder = FakeEmbeddings()
    got = open_index(settings, embedder.name, embedder.dim).chunks.get(include=["documents", "metadatas"])
    text = " ".join(got["documents"])
    assert "150 miljoen euro" in text and "leerplusarrangement" in text and "voorschoolse educatie" in text
    assert all(m["ocr"] for m in got["metadatas"]) and got["metadatas"][0]["page"] == 1


@needs_tesseract
def test_an_ocr_quote_says_it_was_read_from_a_scan(make_settings, tmp_path):
    from assistant.answer.chain import Assistant
    from assistant.types import Citation

    settings = make_settings()
    path = scanned(tmp_path, "brief-scan.pdf", [SWIMMING])
    assert ingest([path.parent], settings).added
    assistant = Assistant(settings)
    passage = assistant.search("zwemlessen voor nieuwkomers", k=1)[0]
    at = passage.text.index("37 miljoen euro")
    citation = Citation(1, passage, passage.text[at:at + 40], passage.start + at, passage.start + at + 40)
    assert citation.label.endswith("(tekst herkend uit scan)")  # memo, terminal and source card all show the label
    assert citation.quote in assistant.document_text(passage.source)


def test_without_ocr_a_scan_gets_the_clear_message_and_how_to_enable_it(make_settings, tmp_path):
    path = write_pdf(tmp_path / "docs" / "scan.pdf", [LETTER], text_layer=False) if (tmp_path / "docs").mkdir() is None else None
    summary = ingest([path], make_settings(ocr_languages=""))
    reason = summary.failed["docs/scan.pdf"]
    assert reason.startswith("geen tekst gevonden — gescand document?") and "apt-get install tesseract-ocr tesseract-ocr-nld" in reason
