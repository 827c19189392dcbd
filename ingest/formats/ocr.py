"""Scanned PDF pages: Tesseract's Dutch model reads pages without a text layer, in a child process with the parse limits."""
from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
from pathlib import Path

from ingest.settings import Settings
from ingest.types import LoadError, Page

HOW_TO_ENABLE = ("geen tekst gevonden — gescand document? Tekstherkenning (OCR) is niet geïnstalleerd: "
                 "installeer tesseract-ocr en tesseract-ocr-nld (sudo apt-get install tesseract-ocr tesseract-ocr-nld) en lees het bestand opnieuw in")
DPI = 300  # Tesseract's own advice for body text; lower loses diacritics, higher only costs time


def available(settings: Settings) -> bool:
    """Whether Tesseract and the configured language model are installed."""
    if not settings.ocr_languages or not shutil.which("tesseract"):
        return False
    listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30).stdout.split()
    return all(lang in listed for lang in settings.ocr_languages.split("+"))


def recognise(path: Path, pages: list[Page], settings: Settings) -> list[Page]:
    """Fill in the pages without a text layer from OCR (marked as such); the other pages stay as they are."""
    empty = [p.number for p in pages if not p.text.strip()]
    if not empty:
        return pages
    if not available(settings):
        if not any(p.text.strip() for p in pages):
            raise LoadError(HOW_TO_ENABLE)
        return pages
    memory = settings.parse_memory_mb * 1024 * 1024

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    args = [sys.executable, "-m", "ingest.formats.ocr", str(path), settings.ocr_languages, json.dumps(empty)]
    try:
        proc = subprocess.run(args, capture_output=True, timeout=settings.parse_timeout, preexec_fn=limit_memory,
                              cwd=str(Path(__file__).resolve().parents[2]))
    except subprocess.TimeoutExpired as e:
        raise LoadError(f"tekstherkenning (OCR) duurde te lang (meer dan {settings.parse_timeout:.0f} s)") from e
    if proc.returncode != 0:
        raise LoadError("tekstherkenning (OCR) van de gescande pagina's mislukte")
    found = {int(n): text for n, text in json.loads(proc.stdout).items()}
    result = [Page(p.number, found.get(p.number, p.text), ocr=p.number in found and bool(found[p.number].strip())) for p in pages]
    if not any(p.text.strip() for p in result):
        raise LoadError("geen tekst gevonden — gescand document? Ook tekstherkenning (OCR) vond er geen tekst in")
    return result


def _ocr(path: str, languages: str, numbers: list[int]) -> dict[int, str]:
    """Run inside the child: render each page at DPI and let Tesseract read it."""
    import io

    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    texts = {}
    for n in numbers:
        image = pdf[n - 1].render(scale=DPI / 72).to_pil()
        png = io.BytesIO()
        image.save(png, format="PNG")
        out = subprocess.run(["tesseract", "stdin", "stdout", "-l", languages], input=png.getvalue(), capture_output=True, check=True)
        texts[n] = out.stdout.decode("utf-8", "replace")
    return texts


if __name__ == "__main__":
    json.dump(_ocr(sys.argv[1], sys.argv[2], json.loads(sys.argv[3])), sys.stdout)
