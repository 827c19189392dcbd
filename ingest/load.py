"""Read a file from disk into raw text pages: txt, md, pdf, docx, html, each parsed in a limited child process."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ingest.formats.sandbox import Reader, read_in_child
from ingest.settings import Settings
from ingest.types import LoadedDocument, LoadError, Page

SUPPORTED = {".txt": "text", ".md": "markdown", ".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html",
             ".xlsx": "table", ".xlsm": "table", ".csv": "table", ".tsv": "table", ".ods": "table", ".json": "table"}


def relative_source(path: Path, settings: Settings) -> str:
    """The path as stored in the index: relative to the project root where possible."""
    path = path.resolve()
    try:
        return path.relative_to(settings.root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def load(path: Path, settings: Settings, progress: Callable[[dict], None] | None = None, reader: Reader | None = None) -> LoadedDocument:
    """Read one file; raise LoadError with a Dutch reason when it cannot be used. `progress` hears of every OCR'd page;
    `reader` is the child that reads a run's files one after the other (else the file gets a child of its own)."""
    fmt = SUPPORTED.get(path.suffix.lower())
    if fmt is None:
        raise LoadError(f"bestandstype {path.suffix or '(geen extensie)'} wordt niet ondersteund")
    size = path.stat().st_size
    if size == 0:
        raise LoadError("leeg bestand")
    limit = settings.max_text_mb * 1024 * 1024
    if fmt == "table":
        raise LoadError("een tabel wordt per rij gelezen (ingest.tables), niet als tekst")
    if size > limit and fmt in ("text", "markdown", "html"):
        raise LoadError(f"te groot: {size // (1024 * 1024)} MB tekst, de grens is {settings.max_text_mb} MB")
    pages = read_in_child(path, fmt, settings, reader)
    if fmt == "pdf":
        from ingest.formats.ocr import recognise

        pages = recognise(path, pages, settings, progress)  # pages without a text layer: OCR when Tesseract is installed
    if not any(p.text.strip() for p in pages):
        raise LoadError("geen tekst gevonden")
    return LoadedDocument(relative_source(path, settings), fmt, pages)
