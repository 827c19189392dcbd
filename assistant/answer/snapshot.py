"""One revision of the index as retrieval sees it: the saved BM25 index, and passages read from Chroma only when needed."""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from functools import cached_property
from typing import NamedTuple

from ingest.index.lexical import LexicalIndex
from ingest.index.lexical_store import Catalog, saved_lexical
from ingest.settings import Settings

from assistant.types import Passage

CACHED_PASSAGES = 4096  # passages kept in memory per process: a few hundred answers' worth


class PassageInfo(NamedTuple):
    """What filters need of a passage, without its text."""

    source: str
    kind: str
    date: str
    sectors: list[str]


class Passages(Mapping):
    """Every passage of a snapshot by id; texts are read from Chroma by id when first asked for, and a few thousand kept."""

    def __init__(self, catalog: Catalog, fetch: Callable[[list[str]], dict]):
        self.catalog = catalog
        self._fetch = fetch
        self._row = {pid: i for i, pid in enumerate(catalog.ids)}
        self._cache: OrderedDict[str, Passage] = OrderedDict()
        self._lock = threading.Lock()  # the app's sessions share one snapshot
        self._records: list[Passage] | None = None

    def __len__(self) -> int:
        return len(self.catalog.ids)

    def __iter__(self) -> Iterator[str]:
        return iter(self.catalog.ids)

    def __contains__(self, pid: object) -> bool:
        return pid in self._row

    def __getitem__(self, pid: str) -> Passage:
        if pid not in self._cache:
            self.fetch([pid])
        with self._lock:
            if pid not in self._cache:
                raise KeyError(pid)
            self._cache.move_to_end(pid)
            return self._cache[pid]

    def fetch(self, ids: list[str]) -> None:
        """Read the passages not yet in memory in one request."""
        missing = [pid for pid in dict.fromkeys(ids) if pid in self._row and pid not in self._cache]
        got = self._fetch(missing) if missing else {"ids": [], "documents": [], "metadatas": []}
        with self._lock:
            for pid, text, meta in zip(got["ids"], got["documents"], got["metadatas"]):
                self._cache[pid] = Passage.from_record(pid, text, meta)
            while len(self._cache) > max(CACHED_PASSAGES, len(ids)):
                self._cache.popitem(last=False)

    def items(self):
        """(id, Passage) for every passage: reads them all, in batches; prefer info() or of_sources() on a large index."""
        for start in range(0, len(self), 1000):
            ids = self.catalog.ids[start:start + 1000]
            self.fetch(ids)
            with self._lock:
                batch = [(pid, self._cache[pid]) for pid in ids if pid in self._cache]
            yield from batch

    def values(self):
        """Every passage: reads them all, in batches; prefer records() or infos() on a large index."""
        return [p for _, p in self.items()]

    def records(self) -> list[Passage]:
        """The passages that are table rows (an intervention index), read once per snapshot."""
        if self._records is None:
            ids = [pid for pid, is_record in zip(self.catalog.ids, self.catalog.record) if is_record]
            got = self._fetch(ids) if ids else {"ids": [], "documents": [], "metadatas": []}
            rows = {pid: Passage.from_record(pid, text, meta) for pid, text, meta in zip(got["ids"], got["documents"], got["metadatas"])}
            self._records = [rows[pid] for pid in ids if pid in rows]
        return self._records

    def info(self, pid: str) -> PassageInfo:
        """Source, kind, date and sectors of a passage, from the catalog."""
        row, c = self._row[pid], self.catalog
        return PassageInfo(c.source[row], c.kind[row], c.date[row], c.sectors[row])

    def infos(self) -> Iterator[tuple[str, PassageInfo]]:
        """(id, info) for every passage, without reading texts."""
        c = self.catalog
        for row, pid in enumerate(c.ids):
            yield pid, PassageInfo(c.source[row], c.kind[row], c.date[row], c.sectors[row])

    def of_sources(self, sources: set[str]) -> set[str]:
        """Ids of the passages of these documents."""
        return {pid for pid, source in zip(self.catalog.ids, self.catalog.source) if source in sources}


class Snapshot:
    """The searchable chunks of complete documents, and the BM25 index over them (loaded when first searched)."""

    def __init__(self, revision: str, documents: dict[str, dict], folder, fetch: Callable[[list[str]], dict]):
        self.revision, self.documents, self.folder, self._fetch = revision, documents, folder, fetch
        self.hashes = sorted({m["hash"] for m in documents.values()})

    @cached_property
    def lexical(self) -> LexicalIndex:
        """The saved BM25 index, memory-mapped."""
        return LexicalIndex.load(self.folder)

    @cached_property
    def passages(self) -> Passages:
        """Every passage by id; texts read from Chroma when asked for."""
        return Passages(Catalog(self.folder, self.lexical.ids), self._fetch)


def open_snapshot(settings: Settings, index, revision: str, documents: dict[str, dict], fetch: Callable[[list[str]], dict]) -> Snapshot:
    """The snapshot of one revision: its lexical index saved (built first if this machine has none yet), loaded on first use."""
    return Snapshot(revision, documents, saved_lexical(index, documents, revision, settings), fetch)
