"""Registers kept on disk: commitments per document, and each revision's finished registers, so pages open without a scan.

Keys include a digest of the extraction code, so improved rules recompute everything once instead of showing stale rows.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from ingest.index.lexical_store import store_root
from ingest.settings import Settings

# The modules whose rules shape what is stored; a change to any of them is a new key.
RULES = ("commitments.py", "measures.py", "deadlines.py", "register.py")
KEEP_REVISIONS = 2


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
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return None  # absent, half-written by a crashed process, or from other code: computed again


def _write(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    with open(tmp, "wb") as f:
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def per_document(settings: Settings, what: str, record: dict, compute: Callable[[], object]):
    """What was extracted from one document (by its content hash and edits), computed the first time only."""
    path = register_root(settings) / "documents" / f"{what}-{_key(what, record.get('hash', ''), record.get('edited', ''))}.pickle"
    value = _read(path)
    if value is None:
        value = compute()
        _write(path, value)
    return value


def per_revision(settings: Settings, what: str, revision: str, compute: Callable[[], object]):
    """A finished register for one revision of the collection, computed the first time only; older revisions pruned."""
    folder = register_root(settings) / what
    path = folder / f"{_key(what, revision)}.pickle"
    value = _read(path)
    if value is None:
        value = compute()
        _write(path, value)
        older = sorted((p for p in folder.glob("*.pickle") if p != path), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in older[KEEP_REVISIONS - 1:]:
            old.unlink(missing_ok=True)
    return value
