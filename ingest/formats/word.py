"""Word (.docx) files: paragraphs with their headings and lists, then tables."""
from __future__ import annotations

import io
import zipfile

from ingest.types import LoadError


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
    except MemoryError:
        raise  # the sandbox reports it as too big
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
