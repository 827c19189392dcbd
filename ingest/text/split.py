"""Structure-aware chunking: headings start chunks, lists stay with their heading, sentences are never cut."""
from __future__ import annotations

import bisect
import hashlib
import json
import re
from dataclasses import dataclass

from ingest.text.metadata import date_number
from ingest.text.sentences import sentence_spans
from ingest.settings import Settings
from ingest.types import Chunk, CleanDocument

SECTOR_PATTERNS = {
    "vve": r"\bvve\b|voorschool|vroegschool|peuter|kinderopvang|kleuter|jonge kinderen",
    "po": r"\bpo\b|primair onderwijs|basisschol|basisschool|\bgroep 8\b|po-vo|po-scholen|schooladvies",
    "vo": r"\bvo\b|voortgezet onderwijs|middelbare school|\bhavo\b|\bvwo\b|vmbo|brugklas|praktijkonderwijs|po-vo|leerplusarrangement",
    "mbo": r"\bmbo\b|mbo-",
    "ho": r"\bho\b|hoger onderwijs|\bhbo\b|\bwo\b|hogeschol|universiteit|studiefinanciering|basisbeurs|collegegeld",
}


def detect_sectors(text: str) -> list[str]:
    """Education sectors a passage is clearly about (vve, po, vo, mbo, ho)."""
    lower = text.lower()
    return [sector for sector, pattern in SECTOR_PATTERNS.items() if re.search(pattern, lower)]


@dataclass
class Unit:
    kind: str  # heading, sentence, bullet, footnote
    start: int
    end: int


def cut(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """Cut text[start:end] into spans of at most `limit` characters: at the last whitespace that fits, else anywhere."""
    spans: list[tuple[int, int]] = []
    while end - start > limit:
        space = max(text.rfind(" ", start + 1, start + limit + 1), text.rfind("\n", start + 1, start + limit + 1))
        stop = space if space > start else start + limit
        piece_end = stop
        while piece_end > start + 1 and text[piece_end - 1].isspace():
            piece_end -= 1
        spans.append((start, piece_end))
        start = stop
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append((start, end))
    return spans


def units(doc: CleanDocument, settings: Settings) -> list[Unit]:
    """The pieces a chunk is built from, in document order; none longer than chunk_max."""
    result: list[Unit] = []
    limit = settings.chunk_max
    for block in doc.blocks:
        if block.kind == "letterhead":
            continue
        if block.kind in ("heading", "footnote") and block.end - block.start <= limit:
            result.append(Unit(block.kind, block.start, block.end))
        elif block.kind == "bullet" and block.end - block.start <= limit:
            result.append(Unit("bullet", block.start, block.end))
        else:
            for a, b in sentence_spans(doc.text, block.start, block.end):
                result.extend(Unit("sentence", x, y) for x, y in cut(doc.text, a, b, limit))
    return result


def within(run: list[Unit], limit: int) -> list[list[Unit]]:
    """Runs of whole units, each at most `limit` long (every unit is): what a group too big for one chunk becomes."""
    runs: list[list[Unit]] = []
    for unit in run:
        if runs and unit.end - runs[-1][0].start <= limit:
            runs[-1].append(unit)
        else:
            runs.append([unit])
    return runs


def groups(doc: CleanDocument, settings: Settings) -> list[list[Unit]]:
    """Units that must stay together: a sentence with its footnotes; a sentence ending in ':' with the list it announces."""
    result: list[list[Unit]] = []
    for unit in units(doc, settings):
        prev = result[-1] if result else None
        if prev and unit.kind == "footnote" and prev[-1].kind != "heading":
            prev.append(unit)
        elif prev and unit.kind == "bullet" and announces(doc, prev) and size(prev + [unit]) <= 2 * settings.chunk_max:
            prev.append(unit)
        else:
            result.append([unit])
    return result


def announces(doc: CleanDocument, group: list[Unit]) -> bool:
    """A group that opens a list: it ends with ':' or already holds the list's first items."""
    first_sentence = next((u for u in group if u.kind != "footnote"), group[0])
    opener = doc.text[first_sentence.start:first_sentence.end].rstrip().endswith(":")
    return opener and group[-1].kind in ("sentence", "bullet", "footnote")


def size(units_: list[Unit]) -> int:
    return units_[-1].end - units_[0].start if units_ else 0


def pack(doc: CleanDocument, settings: Settings) -> list[tuple[int, int, str]]:
    """Group units into (start, end, section heading) spans of about chunk_size characters."""
    spans: list[tuple[int, int, str]] = []
    current: list[Unit] = []
    section = chunk_section = ""

    def flush() -> None:
        nonlocal current
        for run in within(current, settings.chunk_max):
            if any(u.kind != "heading" for u in run):
                spans.append((run[0].start, run[-1].end, chunk_section))
        current = []

    for group in groups(doc, settings):
        if group[0].kind == "heading":
            if any(u.kind != "heading" for u in current):
                flush()
            section = doc.text[group[0].start:group[0].end]
            if not current:
                chunk_section = section
            current.extend(group)
            continue
        only_headings = all(u.kind == "heading" for u in current)
        in_list = group[0].kind == "bullet" and current and current[-1].kind in ("bullet", "footnote")
        limit = settings.chunk_max if in_list else settings.chunk_size
        if current and not only_headings and size(current + group) > limit:
            flush()
        if not current:
            chunk_section = section
        current.extend(group)
    flush()
    # A last scrap of the same section (a signature, a closing line) reads better with what precedes it.
    if len(spans) >= 2 and spans[-1][2] == spans[-2][2] and spans[-1][1] - spans[-1][0] < 150 and spans[-1][1] - spans[-2][0] <= settings.chunk_max:
        last = spans.pop()
        spans[-1] = (spans[-1][0], last[1], spans[-1][2])
    return spans


def between(ordered: list, low, high) -> list:
    """The items of a sorted list with low <= item < high: a bisection, since it runs once per chunk."""
    return ordered[bisect.bisect_left(ordered, low):bisect.bisect_left(ordered, high)]


def chunk_id(source: str, index: int) -> str:
    """Deterministic id from the source path and the chunk's position."""
    return f"{source}::{index:05d}"


def split(doc: CleanDocument, meta: dict, doc_hash: str, settings: Settings) -> list[Chunk]:
    """Chunks of one cleaned document, each with the metadata a citation needs."""
    chunks: list[Chunk] = []
    notes = [(b.start, b.end) for b in doc.blocks if b.kind == "footnote"]
    for index, (start, end, section) in enumerate(pack(doc, settings)):
        text = doc.text[start:end]
        heading_inside = text.startswith(section) if section else True
        embed_text = text if heading_inside else f"{section}\n{text}"
        page = doc.page_at(start)
        metadata = {
            "source": doc.path,
            "title": meta.get("title") or doc.path,
            "kind": meta.get("kind") or "document",
            "date": meta.get("date") or "",
            "date_num": date_number(meta.get("date")),
            "reference": str(meta.get("reference") or ""),
            "publisher": meta.get("publisher") or "",
            "page": page if page is not None else -1,
            "section": section,
            "start": start,
            "end": end,
            "chunk_index": index,
            "doc_hash": doc_hash,
            "embed_hash": hashlib.sha1(embed_text.encode("utf-8")).hexdigest(),
            "sectors": detect_sectors(section + " " + text) or ["algemeen"],
            "seams": json.dumps([s - start for s in between(doc.seams, start + 1, end)]),
            "footnotes": json.dumps([[a - start, b - start] for a, b in between(notes, (start,), (end,))]),
        }
        chunks.append(Chunk(chunk_id(doc.path, index), text, metadata, embed_text))
    return chunks
