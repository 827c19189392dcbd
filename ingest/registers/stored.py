"""Registers kept on disk: each document's toezeggingen and maatregelen, extracted when it is ingested, and finished registers.

Keys include a digest of the extraction code, so improved rules recompute everything once instead of showing stale rows.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import threading
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from ingest.index.lexical_store import store_root
from ingest.settings import Settings

log = logging.getLogger(__name__)
# The modules whose rules shape what is stored per document; a change to any of them is a new key.
RULES = ("commitments.py", "measures.py", "deadlines.py")
KEEP_REVISIONS = 2
LETTERS = ("kamerbrief", "brief")  # the kinds of document that make toezeggingen


@lru_cache(maxsize=1)
def rules_digest() -> str:
    """A digest of the extraction code."""
    digest = hashlib.sha256()
    for name in RULES:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()[:16]


def _key(*parts: str) -> str:
    return hashlib.sha256("\x00".join((rules_digest(), *parts)).encode()).hexdigest()[:24]


def register_root(settings: Settings) -> Path:
    """Where this instance keeps its registers (beside its lexical index; per server when Chroma is shared)."""
    return settings.data_dir / "registers" / store_root(settings).name


def _read(path: Path):
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
        return None  # absent, half-written by a crashed process, or from other code: computed again


def _write(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    with open(tmp, "wb") as f:
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def document_path(settings: Settings, what: str, record: dict) -> Path:
    """The file of one document's extraction, by its content hash and its users' edits."""
    return register_root(settings) / "documents" / f"{what}-{_key(what, record.get('hash', ''), record.get('edited', ''))}.pickle"


def per_document(settings: Settings, what: str, record: dict, compute: Callable[[], object]):
    """What was extracted from one document: stored at ingest, computed here only when it is missing (or the rules changed)."""
    path = document_path(settings, what, record)
    value = _read(path)
    if value is None:
        value = compute()
        _write(path, value)
    return value


def extract_document(settings: Settings, source: str, text: str, record: dict) -> None:
    """Extract and store one document's toezeggingen and maatregelen, as it is ingested."""
    from ingest.registers.commitments import extract_commitments, latest_year
    from ingest.registers.measures import measures_in

    if record.get("kind") in LETTERS:
        _write(document_path(settings, "toezeggingen", record), extract_commitments(text, source, record))
    _write(document_path(settings, "maatregelen", record), measures_in(source, text, record))
    if not record.get("date"):  # an undated document counts from the latest year it mentions
        _write(document_path(settings, "latest_year", record), latest_year(text))


def per_revision(settings: Settings, what: str, revision: str, compute: Callable[[], object], rules: str = ""):
    """A finished register for one revision of the collection, computed the first time only; older revisions pruned."""
    folder = register_root(settings) / what
    path = folder / f"{_key(what, rules, revision)}.pickle"
    value = _read(path)
    if value is None:
        value = compute()
        _write(path, value)
        older = sorted((p for p in folder.glob("*.pickle") if p != path), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in older[KEEP_REVISIONS - 1:]:
            old.unlink(missing_ok=True)
    return value


def prune_documents(settings: Settings, records: Iterable[dict]) -> None:
    """Drop the stored extractions of documents that are gone or changed."""
    folder = register_root(settings) / "documents"
    if not folder.is_dir():
        return
    keep = {document_path(settings, what, r).name for r in records for what in ("toezeggingen", "maatregelen", "latest_year")}
    for path in folder.glob("*.pickle"):
        if path.name not in keep:
            path.unlink(missing_ok=True)
