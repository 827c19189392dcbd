"""PDF pages with pypdf; run inside the sandbox child (ingest/formats/sandbox.py), never in the ingest process itself."""
from __future__ import annotations

from pathlib import Path

from ingest.types import LoadError

ENCRYPTED = "beveiligd met een wachtwoord"
NO_TEXT = "geen tekst gevonden — gescand document?"
TOO_BIG = "te groot: het PDF-bestand pakt uit tot meer dan de toegestane omvang"
DAMAGED = "PDF kon niet worden gelezen (beschadigd bestand?)"


def extract_pages(path: Path, max_mb: int) -> list[tuple[int, str]]:
    """Text per page, numbered from 1: decrypt with the empty password if needed; raise LoadError with a Dutch reason."""
    import logging

    logging.disable(logging.WARNING)  # pypdf warns on every odd font; the parent has no use for it
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, LimitReachedError, PdfReadError

    with open(path, "rb") as f:
        if b"%PDF-" not in f.read(1024):
            raise LoadError("geen geldig PDF-bestand (geen PDF-kop)")
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception:
                opened = 0
            if not opened:
                raise LoadError(ENCRYPTED)
        pages, total = [], 0
        for page in reader.pages:
            text = page.extract_text() or ""
            total += len(text)
            if total > max_mb * 1024 * 1024:
                raise LoadError(f"te groot: meer dan {max_mb} MB tekst")
            pages.append(text)
    except FileNotDecryptedError as e:
        raise LoadError(ENCRYPTED) from e
    except (LimitReachedError, MemoryError) as e:
        raise LoadError(TOO_BIG) from e
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, AssertionError, OSError) as e:
        raise LoadError(DAMAGED) from e
    if not pages:
        raise LoadError("PDF zonder pagina's")
    return [(i + 1, text) for i, text in enumerate(pages)]
