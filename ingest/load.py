"""Read a file from disk into raw text pages: txt, md, pdf, docx, html."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from .pdf import read_pdf
from .settings import Settings
from .types import LoadedDocument, LoadError, Page

SUPPORTED = {".txt": "text", ".md": "markdown", ".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html"}


def relative_source(path: Path, settings: Settings) -> str:
    """The path as stored in the index: relative to the project root where possible."""
    path = path.resolve()
    try:
        return path.relative_to(settings.root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def decode_text(data: bytes) -> str:
    """Decode text bytes: UTF-8 (with or without BOM), else cp1252, else latin-1; never raises."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # latin-1 maps every byte, so this is the last resort that cannot fail.
        return data.decode("latin-1")


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


def read_docx(data: bytes) -> str:
    """Paragraphs of a Word file, headings marked as Markdown so the splitter sees them."""
    try:
        import docx
    except ImportError as e:
        raise ImportError("install python-docx to read Word files") from e
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise LoadError("geen geldig Word-bestand (.docx)")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises many kinds for broken packages
        raise LoadError("geen geldig Word-bestand (.docx)") from e
    lines: list[str] = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
        if style.startswith(("heading", "kop", "title", "titel")):
            lines.append("## " + text)
        elif "list" in style or "lijst" in style:
            lines.append("- " + text)
        else:
            lines.append(text)
    for table in document.tables:
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells if c.text.strip()]
            if cells:
                lines.append(" | ".join(dict.fromkeys(cells)))
    return "\n\n".join(lines)


def read_html(data: bytes) -> str:
    """Visible text of an HTML page, one block per paragraph, headings marked."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(decode_text(data), "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "footer", "header", "form", "template", "svg"]):
        tag.decompose()
    lines: list[str] = []
    for element in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "blockquote", "pre", "dt", "dd"]):
        if element.find(["p", "li", "h1", "h2", "h3", "h4", "td"]):
            continue  # a container: its children are visited themselves
        text = " ".join(element.get_text(" ", strip=True).split())
        if not text:
            continue
        if element.name.startswith("h"):
            lines.append("## " + text)
        elif element.name == "li":
            lines.append("- " + text)
        else:
            lines.append(text)
    if not lines:
        body = soup.body or soup
        lines = [line.strip() for line in body.get_text("\n").splitlines() if line.strip()]
    return "\n\n".join(lines)
