"""File names as the ingest meets them: undecodable names, names that hide characters, links that leave the folder."""
from __future__ import annotations

import re
from pathlib import Path

# Control characters, and the bidirectional controls that make 'gpj.exe' display as 'exe.jpg'.
HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def shown(name: str) -> str:
    """A name safe to show anywhere: control and bidi characters, and undecodable bytes, escaped (\\u202e, \\xff)."""
    def escape(m: re.Match) -> str:
        c = m.group()
        if "\udc80" <= c <= "\udcff":  # a byte that was not UTF-8, kept by Python's surrogateescape
            return f"\\x{ord(c) - 0xdc00:02x}"
        return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"

    return HIDDEN.sub(escape, name)


def decodable(name: str) -> bool:
    """Whether a file name is valid UTF-8 (else it holds surrogate escapes and cannot be stored)."""
    try:
        name.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def leaves(path: Path, folders: list[Path]) -> bool:
    """Whether a file found under one of `folders` is a link that resolves to somewhere outside it."""
    for folder in folders:
        try:
            path.relative_to(folder)
        except ValueError:
            continue
        return not path.resolve().is_relative_to(folder.resolve())
    return False
