"""Plain text and Markdown files: bytes to text in whatever encoding they came."""
from __future__ import annotations


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


def read_text(data: bytes) -> str:
    """The text of a .txt or .md file; raise LoadError for binary content."""
    from ingest.types import LoadError

    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError("geen tekstbestand (binaire inhoud)")
    return decode_text(data)
