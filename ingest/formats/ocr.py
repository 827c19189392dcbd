"""Scanned PDF pages: Tesseract's Dutch model reads pages without a text layer, one page per limited child process."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ingest.formats.sandbox import run_limited
from ingest.settings import Settings
from ingest.types import LoadError, Page

HOW_TO_ENABLE = ("geen tekst gevonden — gescand document? Tekstherkenning (OCR) is niet geïnstalleerd: "
                 "installeer tesseract-ocr en tesseract-ocr-nld (sudo apt-get install tesseract-ocr tesseract-ocr-nld) en lees het bestand opnieuw in")
DPI = 300  # Tesseract's own advice for body text; lower loses diacritics, higher only costs time
# Tesseract reads a printed round bullet as 'e', '*', '»', '©', '°' …; a lone 'e' or 'c' never starts a Dutch line, so these
# are bullets, and the list stays a list instead of running its items into one paragraph.
BULLET_READ_AS = re.compile(r"^[ \t]*(?:[e*»«°©¢•·+]|[oc](?=[ \t]+[A-Z0-9€(]))[ \t]+(?=\S)", re.MULTILINE)

PageProgress = Callable[[dict], None]


def available(settings: Settings) -> bool:
    """Whether Tesseract and the configured language model are installed."""
    if not settings.ocr_languages or not shutil.which("tesseract"):
        return False
    listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30).stdout.split()
    return all(lang in listed for lang in settings.ocr_languages.split("+"))


def ocr_budget(pages: int, settings: Settings) -> float:
    """Seconds OCR of a scan may take in all: the parse limit per page, up to ocr_max_seconds."""
    return min(pages * settings.parse_timeout, max(settings.ocr_max_seconds, settings.parse_timeout))


def recognise(path: Path, pages: list[Page], settings: Settings, progress: PageProgress | None = None) -> list[Page]:
    """Fill in the pages without a text layer from OCR (marked as such), each page in its own child under the parse
    limits and all of them within ocr_budget; the other pages stay as they are. `progress` hears of every page."""
    empty = [p.number for p in pages if not p.text.strip()]
    if not empty:
        return pages
    if not available(settings):
        if not any(p.text.strip() for p in pages):
            raise LoadError(HOW_TO_ENABLE)
        return pages
    budget = ocr_budget(len(empty), settings)
    deadline = time.monotonic() + budget
    found: dict[int, str] = {}
    for done, number in enumerate(empty):
        if progress:
            progress({"page": done + 1, "pages": len(empty), "message": f"OCR pagina {done + 1} van {len(empty)}"})
        left = deadline - time.monotonic()
        if left <= 0:
            raise LoadError(f"tekstherkenning (OCR) duurde te lang: {done} van {len(empty)} gescande pagina's gelezen "
                            f"in {budget:.0f} s (KANSENWIJZER_OCR_MAX_SECONDS)")
        result = run_limited("ingest.formats.ocr", [str(path), settings.ocr_languages, str(number)], settings,
                             timeout=min(settings.parse_timeout, left), what=f"tekstherkenning (OCR) van pagina {number}",
                             too_big=f"te groot: tekstherkenning (OCR) van pagina {number} vraagt meer geheugen dan toegestaan (KANSENWIJZER_PARSE_MEMORY_MB)",
                             failed=f"tekstherkenning (OCR) van gescande pagina {number} mislukte")
        found[number] = tidy(result["text"])
    result = [Page(p.number, found.get(p.number, p.text), ocr=bool(found.get(p.number, "").strip())) for p in pages]
    if not any(p.text.strip() for p in result):
        raise LoadError("geen tekst gevonden — gescand document? Ook tekstherkenning (OCR) vond er geen tekst in")
    return result


# 'l' read as 'i' or 'I' in amounts: '€ 52 min.' is '€ 52 mln.', which the question and the register look for.
MILLIONS_READ_AS = re.compile(r"(€ ?\d[\d.,]*\s?)(?:m[iIl1|]n|rnln)(?=\b)")
BILLIONS_READ_AS = re.compile(r"(€ ?\d[\d.,]*\s?)(?:m[iIl1|]d|rnld)(?=\b)")
# A capital I read as l where no Dutch word starts so: 'ledere' is 'Iedere' ('leden' is a word and stays).
CAPITAL_I_READ_AS = re.compile(r"\bl(?=edere(?:en)?\b|eder\s+[a-z])")


def tidy(text: str) -> str:
    """Undo what Tesseract gets wrong in a way the text layer of a PDF never does: bullets read as letters, 'mln.' as 'min.'."""
    text = BULLET_READ_AS.sub("• ", text)
    text = MILLIONS_READ_AS.sub(r"\1mln", text)
    text = BILLIONS_READ_AS.sub(r"\1mld", text)
    return CAPITAL_I_READ_AS.sub("I", text)


def read_page(path: str, languages: str, number: int) -> str:
    """Run inside the child: render one page at DPI and let Tesseract read it."""
    import io

    import pypdfium2

    image = pypdfium2.PdfDocument(path)[number - 1].render(scale=DPI / 72).to_pil()
    png = io.BytesIO()
    image.save(png, format="PNG")
    out = subprocess.run(["tesseract", "stdin", "stdout", "-l", languages], input=png.getvalue(), capture_output=True, check=True)
    return out.stdout.decode("utf-8", "replace")


if __name__ == "__main__":
    json.dump({"text": read_page(sys.argv[1], sys.argv[2], int(sys.argv[3]))}, sys.stdout)
