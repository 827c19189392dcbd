"""The ingest stage's own types: what a file becomes on its way into the index."""
from __future__ import annotations

from dataclasses import dataclass, field


class LoadError(Exception):
    """A file that cannot be read; the message is the reason shown to users (Dutch)."""


@dataclass
class Page:
    """Raw text of one page (PDF) or of the whole file (other formats)."""

    number: int | None
    text: str


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
    meta: dict = field(default_factory=dict)

    def page_at(self, offset: int) -> int | None:
        """Page number of the block that holds `offset`."""
        for block in self.blocks:
            if block.start <= offset < block.end:
                return block.page
        return self.blocks[-1].page if self.blocks else None


@dataclass
class Chunk:
    """A passage as stored in the index, with everything a citation needs."""

    id: str
    text: str
    metadata: dict
    embed_text: str
