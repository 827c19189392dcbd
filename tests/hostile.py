"""Inputs of the shapes that once stalled or broke the ingest, generated on demand (never committed)."""
from __future__ import annotations

import zipfile
from pathlib import Path

WORDS = "kansengelijkheid onderwijs leerling school ouders leraar overstap schooladvies".split()


def one_line_text(path: Path, size: int) -> Path:
    """A .txt of `size` bytes on one line, without sentence punctuation: words with numbers, single spaces."""
    with open(path, "w", encoding="utf-8") as f:
        written, i = 0, 0
        while written < size:
            word = f"{WORDS[i % len(WORDS)]}{i % 97} "
            f.write(word)
            written += len(word)
            i += 1
    return path


def footnoted_chapters(chapters: int, paragraphs: int = 3) -> str:
    """Markdown-like text whose footnote numbering restarts in every chapter; each note names its chapter."""
    parts = []
    for c in range(1, chapters + 1):
        parts.append(f"## Hoofdstuk {c}")
        for p in range(1, paragraphs + 1):
            parts.append(f"In hoofdstuk {c} staat alinea {p} over ouders en scholen, met een bron.{superscript(p)} Daarna volgt nog een zin.")
        parts.extend(f"{superscript(p)} Bron bij hoofdstuk {c}, noot {p}." for p in range(1, paragraphs + 1))
    return "\n\n".join(parts)


def superscript(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


def nested_html(depth: int, tag: str = "li", core: str = "<p>De kern van de pagina.</p>") -> str:
    """A page whose blocks nest `depth` deep, each level with its own words, around a core."""
    opening = "".join(f"<{tag}>niveau{i} " for i in range(depth))
    closing = f"</{tag}>" * depth
    return f"<html><body><ul>{opening}{core}{closing}</ul></body></html>"


def docx_bomb(path: Path, unpacked_mb: int) -> Path:
    """A .docx whose document.xml unpacks to `unpacked_mb` MB of whitespace inside one paragraph: small on disk."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
            block = b" " * (1024 * 1024)
            for _ in range(unpacked_mb):
                f.write(block)
            f.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return path
