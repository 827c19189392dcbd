"""From files to an index that stays correct as they change: hash, load, clean, split, embed, write."""
from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ingest.text.clean import clean
from ingest.index.embed import IndexEmbeddings, get_embeddings
from ingest.load import SUPPORTED, load, relative_source
from ingest.lock import writer_lock
from ingest.paths import decodable, leaves, shown
from ingest.text.metadata import load_manifest, resolve_metadata
from ingest.settings import Settings
from ingest.text.split import split
from ingest.index.store import Index, open_index, reachable
from ingest.tables.document import is_table_file, table_document
from ingest.index.lexical_store import saved_lexical as save_lexical
from ingest.registers.stored import extract_document, prune_documents
from ingest.types import LoadError

# Bump when cleaning or chunking changes, so every document is rebuilt once.
PIPELINE_VERSION = "12"

# Events: start, file (n of files), stage (lezen, opschonen, in stukken delen, opslaan), chunks (done of total embedded), done.
Progress = Callable[[str, dict], None]


@dataclass
class Summary:
    """What one ingest run did."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    chunks_written: int = 0
    chunks_in_index: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


def find_files(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Supported files under the given paths, and the folders among them (for removal of deleted files)."""
    files: list[Path] = []
    folders: list[Path] = []
    for path in paths:
        if path.is_dir():
            folders.append(path)
            files.extend(
                p for p in sorted(path.rglob("*"))
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and p.name not in ("manifest.yaml", "manifest.yml", "README.md") and not p.name.endswith(".part")
            )
        else:
            files.append(path)
    return files, folders


def file_hash(path: Path, manifest_entry: dict, settings: Settings) -> str:
    """Content hash plus everything else that shapes the chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    digest.update(json.dumps([PIPELINE_VERSION, settings.chunk_size, settings.chunk_max, manifest_entry], sort_keys=True, default=str).encode())
    return digest.hexdigest()


def ingest(
    paths: list[Path],
    settings: Settings,
    progress: Progress | None = None,
    embeddings: IndexEmbeddings | None = None,
    lock_wait: float = 0.0,
    remove_missing: bool = True,
) -> Summary:
    """Bring the index in line with the files under `paths`."""
    started = time.perf_counter()
    report = progress or (lambda event, info: None)
    embeddings = embeddings or get_embeddings(settings)
    summary = Summary()
    files, folders = find_files(paths)
    with writer_lock(settings, wait=lock_wait), reachable(settings):
        index = open_index(settings, embeddings.name, embeddings.dim)
        records = index.document_records()
        manifests: dict[Path, dict] = {}
        report("start", {"files": len(files)})
        for n, path in enumerate(files, 1):
            source = relative_source(path, settings)
            report("file", {"file": shown(source), "n": n, "files": len(files)})
            if not decodable(source):
                summary.failed[shown(source)] = "bestandsnaam is geen geldige UTF-8: overgeslagen (geef het bestand een andere naam)"
                continue
            if not settings.follow_links and leaves(path, folders):  # `source` names the link's target: report the link
                summary.failed[shown(path.as_posix())] = "link naar een bestand buiten de map: niet gevolgd (KANSENWIJZER_FOLLOW_LINKS)"
                continue
            if not path.is_file():
                summary.failed[source] = "bestand niet gevonden"
                continue
            if path.suffix.lower() not in SUPPORTED:
                summary.failed[source] = f"bestandstype {path.suffix or '(geen extensie)'} wordt niet ondersteund"
                continue
            manifest = manifests.setdefault(path.parent, load_manifest(path.parent))
            entry = manifest.get(path.name, {})
            digest = file_hash(path, entry, settings)
            record = records.get(source)
            if record and record.get("hash") == digest and record.get("status") in ("complete", "deleted"):
                summary.unchanged.append(source)  # a user-deleted document stays deleted until its file changes
                continue
            edits = json.loads(record.get("edited") or "{}") if record else {}
            try:
                written = index_file(index, path, source, digest, {**entry, **edits}, embeddings, settings, report, edits)
            except LoadError as e:
                summary.failed[source] = str(e)
                continue
            summary.chunks_written += written
            (summary.updated if record else summary.added).append(source)
        if remove_missing:
            for folder in folders:
                prefix = relative_source(folder, settings).rstrip("/") + "/"
                for source in records:
                    if source.startswith(prefix) and not (settings.root / source).exists() and not Path(source).exists():
                        index.remove_document(source)
                        summary.removed.append(source)
        summary.chunks_in_index = index.chunks.count()
        report("stage", {"stage": "opslaan"})
        # Saved now, so that no process has to read every passage from Chroma to search them.
        revision, records = index.state()
        complete = index.complete_documents(records)
        save_lexical(index, complete, revision, settings)
        prune_documents(settings, complete.values())
    summary.seconds = round(time.perf_counter() - started, 2)
    report("done", summary.to_dict())
    return summary


def known_vectors(index: Index, hashes: set[str]) -> dict:
    """Vectors already in the index for these passage texts, from any document: boilerplate is embedded once."""
    if not hashes:
        return {}
    got = index.chunks.get(where={"embed_hash": {"$in": sorted(hashes)}}, include=["metadatas", "embeddings"])
    vectors = got["embeddings"] if got["embeddings"] is not None else []
    return {m["embed_hash"]: v for m, v in zip(got["metadatas"], vectors)}


def index_file(
    index: Index, path: Path, source: str, digest: str, entry: dict,
    embeddings: IndexEmbeddings, settings: Settings, report: Progress, edits: dict | None = None,
) -> int:
    """Replace one document's chunks; it counts as indexed only once every chunk is written."""
    report("stage", {"file": source, "stage": "lezen"})
    if is_table_file(path):  # a table becomes records, one chunk per row (ingest/tables/)
        loaded, cleaned, meta, chunks = table_document(path, source, digest, entry, settings)
    else:
        loaded = load(path, settings, lambda info: report("ocr", {"file": source, **info}))  # raises LoadError before anything is written
        report("stage", {"file": source, "stage": "opschonen"})
        cleaned = clean(loaded)
        if len(cleaned.text) > settings.max_chunks * settings.chunk_max:  # certainly too many passages: refuse before splitting
            raise LoadError(f"te groot: {len(cleaned.text) // 1_000_000} MB tekst geeft meer dan {settings.max_chunks} passages (KANSENWIJZER_MAX_CHUNKS)")
        raw = "\n".join(p.text for p in loaded.pages)
        first_heading = next((cleaned.text[b.start:b.end] for b in cleaned.blocks if b.kind == "heading"), None)
        meta = resolve_metadata(path, raw, first_heading, {path.name: entry})
        report("stage", {"file": source, "stage": "in stukken delen"})
        chunks = split(cleaned, meta, digest, settings)
        scanned = {p.number for p in loaded.pages if p.ocr}
        for chunk in chunks:  # OCR'd text can differ from the paper: its quotes say so
            chunk.metadata["ocr"] = chunk.metadata["page"] in scanned
        if len(chunks) > settings.max_chunks:  # a table's rows are bounded by table_max_rows instead
            raise LoadError(f"te groot: {len(chunks)} passages, de grens is {settings.max_chunks} (KANSENWIJZER_MAX_CHUNKS)")
    if not chunks:
        raise LoadError("geen tekst gevonden")
    record = {
        "status": "incomplete", "hash": digest, "format": loaded.format, "chunks": len(chunks),
        "title": meta["title"], "kind": meta["kind"], "date": meta.get("date") or "",
        "reference": str(meta.get("reference") or ""), "publisher": meta.get("publisher") or "",
        "signer": meta.get("signer") or "", "subject": meta.get("subject") or "",
        "pages": len(loaded.pages) if loaded.format == "pdf" else 0,
        "page_starts": json.dumps([[o, pg] for o, pg in cleaned.pages if pg is not None]),
        "seams": json.dumps(cleaned.seams), "chars": len(cleaned.text),
        "body_start": next((b.start for b in cleaned.blocks if b.kind != "letterhead"), 0),
        "headings": json.dumps([[b.start, cleaned.text[b.start:b.end]] for b in cleaned.blocks if b.kind == "heading"]),
        "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "edited": json.dumps(edits or {}, sort_keys=True),
    }
    index.documents.upsert(ids=[source], documents=[meta["title"]], embeddings=[[1.0]], metadatas=[record])
    existing = index.chunks.get(where={"source": source}, include=["metadatas", "embeddings"])
    reusable = {
        m.get("embed_hash"): e for m, e in zip(existing["metadatas"], existing["embeddings"] if existing["embeddings"] is not None else [])
    }
    batch = max(1, min(settings.write_batch_size, index.client.get_max_batch_size()))
    written = 0
    report("chunks", {"file": source, "done": 0, "total": len(chunks)})
    for start in range(0, len(chunks), batch):
        part = chunks[start:start + batch]
        reusable.update(known_vectors(index, {c.metadata["embed_hash"] for c in part} - reusable.keys()))
        todo = list({c.metadata["embed_hash"]: c for c in part if c.metadata["embed_hash"] not in reusable}.values())
        fresh = {}
        step = getattr(embeddings, "texts_per_call", settings.embedding_batch_size)  # a server takes several batches at once
        for e_start in range(0, len(todo), step):
            group = todo[e_start:e_start + step]
            for chunk, vector in zip(group, embeddings.embed_documents([c.embed_text for c in group])):
                fresh[chunk.metadata["embed_hash"]] = vector
        vectors = [fresh.get(c.metadata["embed_hash"]) or list(reusable[c.metadata["embed_hash"]]) for c in part]
        index.chunks.upsert(ids=[c.id for c in part], documents=[c.text for c in part], embeddings=vectors, metadatas=[c.metadata for c in part])
        written += len(part)
        report("chunks", {"file": source, "done": written, "total": len(chunks)})
    report("stage", {"file": source, "stage": "opslaan"})
    keep = {c.id for c in chunks}
    stale = [i for i in existing["ids"] if i not in keep]
    for start in range(0, len(stale), batch):
        index.chunks.delete(ids=stale[start:start + batch])
    index.write_text(source, cleaned.text)
    extract_document(settings, source, cleaned.text, record)  # the registers open without reading every letter again
    record["status"] = "complete"
    index.documents.upsert(ids=[source], documents=[meta["title"]], embeddings=[[1.0]], metadatas=[record])
    return written
