"""A table file as an indexed document: the stored text is built from the record texts, one chunk per row."""
from __future__ import annotations

from pathlib import Path

from ingest.settings import Settings
from ingest.tables.header import Table, find_table
from ingest.tables.read import TABLE_SUFFIXES, read_grids
from ingest.tables.records import embed_hash, record_metadata, row_records, table_info
from ingest.text.metadata import date_number
from ingest.text.split import chunk_id, detect_sectors, split
from ingest.types import Block, Chunk, CleanDocument, LoadedDocument, LoadError, Page


def is_table_file(path: Path) -> bool:
    """Spreadsheets, CSV/TSV and JSON always; an HTML page when it holds a table with a header and rows."""
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        return True
    if suffix in (".html", ".htm"):
        head = path.read_bytes()[:5_000_000].lower()
        return head.count(b"<tr") >= 3 and (b"<th" in head or b"<thead" in head)
    return False


def table_document(path: Path, source: str, digest: str, entry: dict, settings: Settings) -> tuple[LoadedDocument, CleanDocument, dict, list]:
    """Read, find the tables, build records and chunks; raise LoadError (Dutch) before anything is written."""
    grids, page_text = read_grids(path, settings)
    parts: list[str] = []
    blocks: list[Block] = []
    offset = 0

    def add(kind: str, text: str) -> tuple[int, int]:
        nonlocal offset
        if parts:
            parts.append("\n\n")
            offset += 2
        start = offset
        parts.append(text)
        offset += len(text)
        blocks.append(Block(kind, start, offset))
        return start, offset

    tables: list[tuple[Table, list, list[tuple[int, int]]]] = []
    notes: list[Block] = []
    refused: list[str] = []
    if page_text.strip():
        for para in page_text.split("\n\n"):
            add("paragraph", para)
            notes.append(blocks[-1])
    for grid in grids:
        found = find_table(grid)
        if found is None:
            refused.append(grid.name)
        elif isinstance(found, str):
            if found.strip():
                add("heading", f"Blad {grid.name}")
                notes.append(blocks[-1])
                for para in found.split("\n\n"):
                    add("paragraph", para)
                    notes.append(blocks[-1])
        else:
            records = row_records(found)
            if records:
                add("heading", f"Blad {grid.name}")
                tables.append((found, records, [add("record", r.text) for r in records]))
    if not tables:
        if refused:
            raise LoadError(f"geen tabel met een herkenbare kopregel gevonden (blad {', '.join(refused)}): zet de kolomnamen in één rij boven de gegevens")
        raise LoadError("geen tabel gevonden")
    text = "".join(parts)
    if len(text) > settings.max_text_mb * 1024 * 1024:
        raise LoadError(f"te groot: meer dan {settings.max_text_mb} MB tekst")
    title_row = next((t.title for t, _, _ in tables if t.title), "")
    meta = {"title": entry.get("title") or title_row or path.stem.replace("-", " ").replace("_", " "),
            "kind": entry.get("kind") or "index", "date": str(entry["date"]) if entry.get("date") else None,
            "reference": entry.get("reference") or "", "publisher": entry.get("publisher") or ""}
    fmt = TABLE_SUFFIXES.get(path.suffix.lower(), "html")
    cleaned = CleanDocument(source, fmt, text, blocks)
    chunks = split(CleanDocument(source, fmt, text, notes), meta, digest, settings) if notes else []
    base = {"source": source, "title": meta["title"], "kind": meta["kind"], "date": meta["date"] or "",
            "date_num": date_number(meta["date"]), "reference": str(meta["reference"]), "publisher": meta["publisher"],
            "page": -1, "doc_hash": digest, "seams": "[]", "footnotes": "[]"}
    for table, records, spans in tables:
        info = table_info(table)
        for record, (start, end) in zip(records, spans):
            n = len(chunks)
            metadata = {**base, "section": f"blad {record.sheet}, rij {record.row}", "start": start, "end": end,
                        "chunk_index": n, "embed_hash": embed_hash(record.text),
                        "sectors": record.sectors or detect_sectors(record.text) or ["algemeen"],
                        **record_metadata(record, info, path.name)}
            chunks.append(Chunk(chunk_id(source, n), record.text, metadata, record.text))
    loaded = LoadedDocument(source, fmt, [Page(None, text)])
    return loaded, cleaned, meta, chunks
