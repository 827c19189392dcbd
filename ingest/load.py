"""Read a file from disk into raw text pages: txt, md, pdf, docx, html."""
from __future__ import annotations

from pathlib import Path

from ingest.formats.html import read_html
from ingest.formats.pdf import read_pdf
from ingest.formats.text import decode_text
from ingest.formats.word import read_docx
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


def load(path: Path, settings: Settings) -> LoadedDocument:
    """Read one file; raise LoadError with a Dutch reason when it cannot be used."""
    fmt = SUPPORTED.get(path.suffix.lower())
    if fmt is None:
        raise LoadError(f"bestandstype {path.suffix or '(geen extensie)'} wordt niet ondersteund")
    size = path.stat().st_size
    if size == 0:
        raise LoadError("leeg bestand")
    limit = settings.max_text_mb * 1024 * 1024
    source = relative_source(path, settings)
    if fmt == "table":
        raise LoadError("een tabel wordt per rij gelezen (ingest.tables), niet als tekst")
    if fmt == "pdf":
        pages = read_pdf(path, settings)
        return LoadedDocument(source, fmt, pages)
    if size > limit and fmt in ("text", "markdown", "html"):
        raise LoadError(f"te groot: {size // (1024 * 1024)} MB tekst, de grens is {settings.max_text_mb} MB")
    data = path.read_bytes()
    match fmt:
        case "text" | "markdown":
            text = decode_text(data)
            if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
                raise LoadError("geen tekstbestand (binaire inhoud)")
        case "docx":
            text = read_docx(data)
        case "html":
            text = read_html(data)
    if not text.strip():
        raise LoadError("geen tekst gevonden")
    if len(text) > limit:
        raise LoadError(f"te groot: meer dan {settings.max_text_mb} MB tekst")
    return LoadedDocument(source, fmt, [Page(None, text)])
