"""Scanned letters: pages without a text layer are read by Tesseract (Dutch), marked, and quoted as OCR text."""
from __future__ import annotations

import json
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


TOPICS = ["zwemlessen", "schoolmaaltijden", "huiswerkbegeleiding", "leraren", "schoolkosten", "voorschoolse educatie"]


@needs_tesseract
def test_a_long_scan_is_read_page_by_page_with_progress(make_settings, tmp_path):
    settings = make_settings(parse_timeout=120)
    pages = [[f"Paragraaf {n}.", f"Het kabinet trekt {n}0 miljoen euro uit voor {topic}."] for n, topic in enumerate(TOPICS, 1)]
    path = scanned(tmp_path, "lange-scan.pdf", pages)
    events = []
    summary = ingest([path.parent], settings, progress=lambda event, info: events.append((event, info)))
    assert summary.added == ["docs/lange-scan.pdf"], summary.failed
    assert [info["message"] for event, info in events if event == "ocr"] == [f"OCR pagina {n} van 6" for n in range(1, 7)]
    embedder = FakeEmbeddings()
    index = open_index(settings, embedder.name, embedder.dim)
    text, record = index.document_text("docs/lange-scan.pdf"), index.document_records()["docs/lange-scan.pdf"]
    starts = dict((page, offset) for offset, page in json.loads(record["page_starts"]))
    assert record["pages"] == 6 and sorted(starts) == [1, 2, 3, 4, 5, 6]
    for n, topic in enumerate(TOPICS, 1):  # every page read, and its text found on its own page
        at = text.index(f"{n}0 miljoen euro uit voor {topic}")
        assert starts[n] <= at < starts.get(n + 1, len(text))


def test_the_ocr_budget_grows_with_the_pages_up_to_the_setting(make_settings):
    from ingest.formats.ocr import ocr_budget

    settings = make_settings(parse_timeout=60, ocr_max_seconds=1800)
    assert ocr_budget(1, settings) == 60 and ocr_budget(12, settings) == 720
    assert ocr_budget(500, settings) == 1800  # a 500-page scan is stopped with a clear reason, not left running for hours


@needs_tesseract
def test_a_page_that_takes_too_long_names_its_page_and_nothing_is_indexed(make_settings, tmp_path, monkeypatch):
    from ingest.formats import ocr

    path = scanned(tmp_path, "scan.pdf", [SWIMMING])
    # Half a second for the OCR, a limit no reading of a 300 dpi page can meet; parsing the PDF itself keeps its minute, so a
    # busy machine cannot make the parse (rather than the OCR) the step that runs out of time.
    monkeypatch.setattr(ocr, "ocr_budget", lambda pages, settings: 0.5)
    summary = ingest([path.parent], make_settings(parse_timeout=60))
    assert summary.failed["docs/scan.pdf"].startswith("tekstherkenning (OCR) van pagina 1 duurde te lang")
    assert summary.chunks_in_index == 0


def test_what_tesseract_misreads_in_letters_is_put_right():
    from ingest.formats.ocr import tidy

    # As Tesseract 5 (nld) read the scanned Kamerbrief: bullets as 'e', '*' and '»', 'mln.' as 'min.', 'Iedere' as 'ledere'.
    read = ("Daarnaast ga ik het budget (in 2022 bedroeg dat € 52 min.) verhogen tot €157 mIn. in 2024.\n"
            " e In samenwerking met DUO wordt onderzocht hoe\n* Scholen helpen leraren\n» Goede voorbeelden uit gemeenten\n"
            "ledere school doet mee; de leden van de raad; over 5 min. begint de les; een e-mail.")
    assert tidy(read) == (
        "Daarnaast ga ik het budget (in 2022 bedroeg dat € 52 mln.) verhogen tot €157 mln. in 2024.\n"
        "• In samenwerking met DUO wordt onderzocht hoe\n• Scholen helpen leraren\n• Goede voorbeelden uit gemeenten\n"
        "Iedere school doet mee; de leden van de raad; over 5 min. begint de les; een e-mail.")


@needs_tesseract
def test_a_scanned_list_stays_a_list_and_its_amount_is_found(make_settings, tmp_path):
    from assistant.answer.chain import Assistant

    settings = make_settings()
    page = ["Geachte voorzitter,", "Het kabinet neemt drie maatregelen:",
            "• Scholen krijgen extra geld voor de verrijkte schooldag.",
            "• Gemeenten organiseren zwemlessen voor nieuwkomers.",
            "• Het budget voor het leerplusarrangement (in 2022 bedroeg dat € 52 mln.) gaat omhoog."]
    path = scanned(tmp_path, "lijst-scan.pdf", [page])
    assert ingest([path.parent], settings).added
    text = Assistant(settings).document_text("docs/lijst-scan.pdf")
    assert "in 2022 bedroeg dat € 52 mln." in text
    assert "\n• Gemeenten organiseren zwemlessen" in text and "\n• Het budget" in text  # each item on its own line
