"""Write small real PDFs with known text on known pages (no PDF library needed)."""
from __future__ import annotations

from pathlib import Path


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def write_pdf(path: Path, pages: list[list[str]], text_layer: bool = True) -> Path:
    """One page per list of lines, Helvetica 11pt, WinAnsi text; text_layer=False gives pages with no text."""
    objects: list[bytes] = []
    n_pages = len(pages)
    font_id = 3 + 2 * n_pages
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    for i, lines in enumerate(pages):
        content_id = 4 + 2 * i
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {content_id} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        if text_layer:
            ops = ["BT", "/F1 11 Tf", "14 TL", "56 780 Td"]
            for line in lines:
                ops.append(f"({_escape(line)}) '")
            ops.append("ET")
            stream = "\n".join(ops).encode("cp1252")
        else:
            stream = b"0.5 g 56 700 300 50 re f"  # a grey box: a page, but no text
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    return write_raw_pdf(path, objects)


def write_raw_pdf(path: Path, objects: list[bytes], root: int = 1) -> Path:
    """A PDF from raw object bodies (numbered from 1), with a correct xref table."""
    out = bytearray(b"%PDF-1.5\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def stream(data: bytes, filters: str = "") -> bytes:
    return f"<< /Length {len(data)}{' /Filter ' + filters if filters else ''} >>\nstream\n".encode() + data + b"\nendstream"


def one_page_with_content(path: Path, content: bytes, filters: str = "") -> Path:
    """One page whose content stream is `content` (already encoded for `filters`)."""
    return write_raw_pdf(path, [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        stream(content, filters),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ])
