"""The BM25 index saved on this machine's disk beside the vector index, one folder per revision of the collection.

Each document's analysed chunks are kept under the hash of its content (and its user edits). A new revision copies the
term counts of unchanged documents from the previous revision and analyses only the documents that changed
(ingest/index/segments.py); the scores are then recomputed in numpy and saved, and every process loads them
memory-mapped instead of reading every passage from Chroma. With a shared Chroma server each app instance keeps its own
copy for the server's current revision and builds the next one when the revision changes.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import threading
import time
from pathlib import Path

from ingest.index import segments
from ingest.index.lexical import LexicalIndex, analyze
from ingest.index.segments import Catalog
from ingest.settings import Settings

log = logging.getLogger(__name__)
FORMAT = "4"  # bump when what is saved changes, so old folders are rebuilt rather than misread
_building = threading.Lock()
FETCH_DOCUMENTS = 64  # documents whose chunks are read from Chroma per request when their tokens are not kept yet


def store_root(settings: Settings) -> Path:
    """Where this instance keeps the lexical index of its collection (per server, when Chroma is shared)."""
    name = settings.collection if not settings.chroma_host else f"{settings.chroma_host}-{settings.chroma_port}-{settings.collection}"
    return settings.data_dir / "lexical" / name


def _key(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:24]


def document_key(record: dict, analyzer: str) -> str:
    """A document's tokens change with its content hash, its edits (the title is searched) and the analyzer."""
    return _key(FORMAT, analyzer, record.get("hash", ""), record.get("edited", ""), record.get("title", ""))


def revision_folder(settings: Settings, revision: str) -> Path:
    """The folder of the saved index for one revision of the collection."""
    return store_root(settings) / f"rev-{_key(FORMAT, settings.lexical_analyzer, revision)}"


def document_entry(chunks, record: dict, analyzer: str) -> dict:
    """One document's analysed chunks, from (id, text, metadata) triples, in the document's order; and its metadata's words."""
    entry = {"ids": [], "tokens": [], "kind": [], "date": [], "sectors": [], "record": []}
    for chunk_id, text, meta in sorted(chunks, key=lambda c: c[2].get("chunk_index", 0)):
        entry["ids"].append(chunk_id)
        entry["tokens"].append(" ".join(analyze(f"{meta.get('title', '')}\n{meta.get('section', '')}\n{text}", analyzer) or ["_"]))
        entry["kind"].append(meta.get("kind", "document"))
        entry["date"].append(meta.get("date", ""))
        entry["sectors"].append(list(meta.get("sectors") or []))
        entry["record"].append(bool(meta.get("record")))
    metadata = " ".join(str(record.get(k, "")) for k in ("title", "subject", "signer", "publisher"))
    entry["extra"] = sorted(set(analyze(metadata, analyzer)))
    return entry


def keep_entry(settings: Settings, record: dict, entry: dict) -> None:
    """Keep a document's analysed chunks, so that the next revision's index does not read them from Chroma."""
    folder = store_root(settings) / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / f"{document_key(record, settings.lexical_analyzer)}.json", json.dumps(entry, ensure_ascii=False))


def _document_entries(index, documents: dict[str, dict], settings: Settings) -> dict[str, dict]:
    """Each document's analysed chunks: kept ones read from disk (the ingest keeps them), the others analysed from Chroma."""
    folder = store_root(settings) / "documents"
    entries: dict[str, dict] = {}
    missing = []
    for source, record in documents.items():
        path = folder / f"{document_key(record, settings.lexical_analyzer)}.json"
        try:
            entries[source] = json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            # Not kept yet, or pruned a moment ago by a builder that saw an older revision (another session's reader,
            # another process): analysed again from Chroma. A failed read here failed whole uploads in the app.
            missing.append(source)
    for start in range(0, len(missing), FETCH_DOCUMENTS):
        part = missing[start:start + FETCH_DOCUMENTS]
        hashes = sorted({documents[s]["hash"] for s in part})
        got = index.chunks.get(where={"doc_hash": {"$in": hashes}}, include=["documents", "metadatas"])
        found: dict[str, list] = {s: [] for s in part}
        for chunk_id, text, meta in zip(got["ids"], got["documents"], got["metadatas"]):
            if meta["source"] in found and documents[meta["source"]]["hash"] == meta["doc_hash"]:
                found[meta["source"]].append((chunk_id, text, meta))
        for source, chunks in found.items():
            record = documents[source]
            entries[source] = document_entry(chunks, record, settings.lexical_analyzer)
            keep_entry(settings, record, entries[source])
    return entries


def _write(path: Path, text: str) -> None:
    """Write through a temporary file, so a reader never sees half a file."""
    tmp = path.with_name(f".{path.name}.{_writer()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def build(index, documents: dict[str, dict], revision: str, settings: Settings) -> Path:
    """Save the lexical index of the collection's complete documents for this revision; return its folder."""
    target = revision_folder(settings, revision)
    if (target / "catalog.json").exists():
        return target
    started = time.perf_counter()
    keys = {source: document_key(record, settings.lexical_analyzer) for source, record in documents.items()}
    entries = lambda missing: _document_entries(index, {s: documents[s] for s in missing}, settings)
    counts = segments.assemble(_previous(target), keys, entries)
    extra = {t for _, _, _, terms in counts.documents.values() for t in terms}
    lexical = LexicalIndex.from_counts(counts.ids, counts, settings.lexical_analyzer, extra)
    tmp = target.with_name(f".{target.name}.{_writer()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    lexical.save(tmp)
    segments.save(counts, tmp)  # catalog.json last: a folder with it is complete
    try:
        os.rename(tmp, target)
    except OSError:  # another process saved the same revision first: its copy is as good as ours
        shutil.rmtree(tmp, ignore_errors=True)
    _prune(target, documents, settings)
    log.info("lexical index of %d passages saved in %.1f s", len(counts.ids), time.perf_counter() - started)
    return target


def _previous(target: Path) -> segments.Counts | None:
    """The counts of the newest other saved revision, to copy unchanged documents from; None when there is none."""
    saved = sorted((p for p in target.parent.glob("rev-*") if p != target and (p / "terms.json").exists()),
                   key=lambda p: p.stat().st_mtime, reverse=True)
    for folder in saved[:1]:
        try:
            ids = json.loads((folder / "lexical.json").read_text(encoding="utf-8"))["ids"]
            return segments.load(folder, ids)
        except (OSError, ValueError, KeyError):
            log.warning("saved lexical index %s unreadable: analysing every document again", folder.name)
    return None


def load(folder: Path) -> tuple[LexicalIndex, Catalog]:
    """A saved revision: the BM25 index memory-mapped, and the catalog of its passages (read when first needed)."""
    lexical = LexicalIndex.load(folder)
    return lexical, Catalog(folder, lexical.ids)


def saved_lexical(index, documents: dict[str, dict], revision: str, settings: Settings) -> Path:
    """The folder of this revision's lexical index, built (once) and saved when this machine does not have it yet."""
    with _building:  # the app's sessions share a process: one of them builds, the others then load
        return build(index, documents, revision, settings)


def open_lexical(index, documents: dict[str, dict], revision: str, settings: Settings) -> tuple[LexicalIndex, Catalog]:
    """The lexical index for this revision and its catalog: loaded when this machine has it, else built (once) and saved."""
    return load(saved_lexical(index, documents, revision, settings))


def _writer() -> str:
    """A temporary-file suffix no other process or thread uses."""
    return f"{os.getpid()}-{threading.get_ident()}"


def _prune(current: Path, documents: dict[str, dict], settings: Settings) -> None:
    """Keep the current and the previous revision (a running process may still read it), and the current documents' tokens."""
    revisions = sorted((p for p in current.parent.glob("rev-*") if p != current), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in revisions[1:]:
        shutil.rmtree(old, ignore_errors=True)
    keep = {f"{document_key(r, settings.lexical_analyzer)}.json" for r in documents.values()}
    for path in (current.parent / "documents").glob("*.json"):
        if path.name not in keep:
            path.unlink(missing_ok=True)
