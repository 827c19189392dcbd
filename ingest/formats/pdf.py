"""Read PDF pages in a child process with a time and memory limit, so no PDF can hang or exhaust the ingest."""
from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

from ingest.settings import Settings
from ingest.types import LoadError, Page

ENCRYPTED = "beveiligd met een wachtwoord"
NO_TEXT = "geen tekst gevonden — gescand document?"
TOO_BIG = "te groot: het PDF-bestand pakt uit tot meer dan de toegestane omvang"


def read_pdf(path: Path, settings: Settings) -> list[Page]:
    """Text per page of a PDF, numbered from 1; raise LoadError with a Dutch reason."""
    with open(path, "rb") as f:
        head = f.read(1024)
    if b"%PDF-" not in head:
        raise LoadError("geen geldig PDF-bestand (geen PDF-kop)")
    memory = settings.parse_memory_mb * 1024 * 1024

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    try:
        proc = subprocess.run(
            [sys.executable, "-m", "ingest.formats.pdf", str(path), str(settings.max_text_mb)],
            capture_output=True,
            timeout=settings.parse_timeout,
            preexec_fn=limit_memory,
            cwd=str(Path(__file__).resolve().parents[2]),
        )
    except subprocess.TimeoutExpired as e:
        raise LoadError(f"verwerken duurde te lang (meer dan {settings.parse_timeout:.0f} s)") from e
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace")
        if "MemoryError" in err or proc.returncode in (-9, 137):
            raise LoadError(TOO_BIG)
        raise LoadError("PDF kon niet worden gelezen (beschadigd bestand?)")
    result = json.loads(proc.stdout)
    if "error" in result:
        raise LoadError(result["error"])
    pages = [Page(i + 1, text) for i, text in enumerate(result["pages"])]
    from ingest.formats.ocr import recognise

    return recognise(path, pages, settings)  # pages without a text layer: OCR when Tesseract is installed


def _extract(path: str, max_mb: int) -> dict:
    """Run inside the child: open, decrypt with the empty password if needed, extract every page."""
    import logging

    logging.disable(logging.WARNING)  # pypdf warns on every odd font; the parent has no use for it
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, LimitReachedError, PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception:
                opened = 0
            if not opened:
                return {"error": ENCRYPTED}
        pages, total = [], 0
        for page in reader.pages:
            text = page.extract_text() or ""
            total += len(text)
            if total > max_mb * 1024 * 1024:
                return {"error": f"te groot: meer dan {max_mb} MB tekst"}
            pages.append(text)
    except FileNotDecryptedError:
        return {"error": ENCRYPTED}
    except (LimitReachedError, MemoryError):
        return {"error": TOO_BIG}
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, AssertionError, OSError):
        return {"error": "PDF kon niet worden gelezen (beschadigd bestand?)"}
    if not pages:
        return {"error": "PDF zonder pagina's"}
    return {"pages": pages}


if __name__ == "__main__":
    json.dump(_extract(sys.argv[1], int(sys.argv[2])), sys.stdout)
