"""The ingest stage's own types: what a file becomes on its way into the index."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field


def at_offset(marks, offset: int, default=None):
    """The value of the last (start, value) mark at or before `offset`; marks are in text order."""
    i = bisect.bisect_right(marks, offset, key=lambda mark: mark[0])  # not a scan: called once per chunk
    return marks[i - 1][1] if i else default


class LoadError(Exception):
    """A file that cannot be read; the message is the reason shown to users (Dutch)."""


@dataclass
class Page:
    """Raw text of one page (PDF) or of the whole file (other formats)."""

    number: int | None
    text: str
    ocr: bool = False  # read from a scan by OCR: a quote may differ from the paper


@dataclass
class LoadedDocument:
    """A file as read from disk, before cleaning."""

    path: str  # relative to the project root
    format: str
    pages: list[Page]
    title_hint: str | None = None


@dataclass
class Block:
    """A structural unit of a cleaned document: heading, paragraph, bullet or footnote."""

    kind: str
    start: int
    end: int
    page: int | None = None


@dataclass
class CleanDocument:
    """Cleaned text with its structure; offsets index into `text`."""

    path: str
    format: str
    text: str
    blocks: list[Block]
    seams: list[int] = field(default_factory=list)  # offsets where non-adjacent source text was joined
    pages: list[tuple[int, int | None]] = field(default_factory=list)  # (offset, page) in text order

    def page_at(self, offset: int) -> int | None:
        """Page number of the text at `offset` (None for formats without pages)."""
        return at_offset(self.pages, offset)


@dataclass
class Chunk:
    """A passage as stored in the index, with everything a citation needs."""

    id: str
    text: str
    metadata: dict
    embed_text: str
