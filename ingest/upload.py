"""Uploaded files: checked by content (not by name), stored under a name the uploader does not control."""
from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ingest.formats.text import decode_text
from ingest.load import SUPPORTED
from ingest.settings import Settings


class UploadRejected(Exception):
    """An upload that will not be stored; the message is the Dutch reason."""


@dataclass
class StoredUpload:
    path: Path
    name: str
    existed: bool


def safe_name(name: str) -> str:
    """A plain file name from whatever the browser sent: no folders, no odd characters, a sane length."""
    name = unicodedata.normalize("NFKC", name).replace("\\", "/").split("/")[-1]
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    stem = re.sub(r"[^\w\-. ]+", "_", stem).strip(" ._") or "document"
    ext = re.sub(r"[^a-z0-9]", "", ext.lower())
    return f"{stem[:80]}.{ext}" if ext else stem[:80]


def sniff(name: str, data: bytes, settings: Settings) -> str:
    """The file's format judged by its content; raises UploadRejected with a Dutch reason."""
    limit = settings.upload_max_mb * 1024 * 1024
    if len(data) > limit:
        raise UploadRejected(f"te groot: {len(data) / 1024 / 1024:.1f} MB, de grens is {settings.upload_max_mb} MB")
    if not data:
        raise UploadRejected("leeg bestand")
    ext = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    fmt = SUPPORTED.get(ext)
    if fmt is None:
        raise UploadRejected(f"bestandstype {ext or '(geen extensie)'} wordt niet ondersteund (wel: PDF, Word, HTML, tekst, Markdown, Excel, CSV, ODS, JSON)")
    if data[:2] == b"MZ" or data[:4] == b"\x7fELF":
        raise UploadRejected("dit is een programma, geen document")
    match fmt:
        case "pdf":
            if not data.lstrip()[:5] == b"%PDF-":
                raise UploadRejected("dit is geen PDF-bestand (de inhoud begint niet met %PDF-)")
        case "docx":
            try:
                with zipfile.ZipFile(io.BytesIO(data)) as z:
                    if "word/document.xml" not in z.namelist():
                        raise UploadRejected("dit is geen Word-document (.docx)")
            except zipfile.BadZipFile as e:
                raise UploadRejected("dit is geen Word-document (.docx)") from e
        case "text" | "markdown" | "html":
            if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
                raise UploadRejected("dit is geen tekstbestand (binaire inhoud)")
            text = decode_text(data[:65536])
            if fmt == "html" and not re.search(r"<\s*(html|body|p|div|h\d|!doctype)", text, re.I):
                raise UploadRejected("dit is geen HTML-pagina")
        case "table":
            if ext in (".xlsx", ".xlsm", ".ods") and not data.startswith(b"PK"):
                raise UploadRejected("dit is geen spreadsheet (.xlsx/.ods)")
    return fmt


def store_upload(name: str, data: bytes, settings: Settings) -> StoredUpload:
    """Check an upload and write it under data_dir/uploads; the same content twice is stored once."""
    clean_name = safe_name(name)
    sniff(clean_name, data, settings)
    folder = (settings.data_dir / "uploads").resolve()
    folder.mkdir(parents=True, exist_ok=True)
    path = (folder / clean_name).resolve()
    if path.parent != folder:  # belt and braces: safe_name already removed every separator
        raise UploadRejected("ongeldige bestandsnaam")
    if path.exists():
        if path.read_bytes() == data:
            return StoredUpload(path, clean_name, existed=True)
        digest = hashlib.sha1(data).hexdigest()[:8]
        stem, _, ext = clean_name.rpartition(".")
        path = folder / f"{stem}-{digest}.{ext}"
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)  # never a half-written upload under its real name
    return StoredUpload(path, path.name, existed=False)
