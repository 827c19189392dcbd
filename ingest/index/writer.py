"""Prepared files into the index: embedded, then written in writes that span files, each file complete only when all of it is.

Chroma pays a fixed cost per write, so the chunks of several files go into one write of up to `write_batch_size`. A
file is marked incomplete before the first of its chunks is written and complete once its last one, its text and its
old chunks' removal are written: an interrupted run leaves nothing half searchable, and the next run completes it. A
file stays pending at most until `write_every_seconds` of embedding have passed, so a slow embedder's files are written
one by one and an interruption loses little work.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable

import numpy as np

from ingest.index.embed import IndexEmbeddings
from ingest.index.store import Index
from ingest.prepare import Prepared
from ingest.settings import Settings
from ingest.types import Chunk

Progress = Callable[[str, dict], None]
LOOKUP = 500  # embed hashes per query for vectors the index already has


class Writer:
    """Takes prepared files in order; `add` and `finish` return the files whose writing they completed."""

    def __init__(self, index: Index, embeddings: IndexEmbeddings, settings: Settings, report: Progress):
        self.index, self.embeddings, self.settings, self.report = index, embeddings, settings, report
        self.limit = max(1, min(settings.write_batch_size, index.client.get_max_batch_size()))
        self.queued: list[Chunk] = []  # embedded, not yet written
        self.vectors: dict[str, np.ndarray] = {}  # embed hash -> vector, for the pending files' chunks
        self.pending: dict[str, Prepared] = {}  # by source: every file added and not yet complete
        self.current: str | None = None  # the file being embedded
        self.marked: set[str] = set()  # pending files already marked incomplete in the index
        self.stale: dict[str, list[str]] = {}  # by source: chunk ids a pending file's earlier version had and its new one does not
        self.embedding_seconds = 0.0  # since the last completion

    def add(self, doc: Prepared) -> list[Prepared]:
        """Embed one file's chunks (reusing vectors the index has) and queue them; write when a batch is full or due."""
        source = doc.job.source
        self.pending[source], self.current = doc, source
        wanted = {c.metadata["embed_hash"] for c in doc.chunks}
        # Only a file the index held has chunks in it: its records are written before its chunks (see _write).
        existing = (self.index.chunks.get(where={"source": source}, include=["metadatas", "embeddings"]) if doc.job.updating
                    else {"ids": [], "metadatas": [], "embeddings": None})
        self._reuse(existing, wanted)
        missing = sorted(wanted - self.vectors.keys())
        for start in range(0, len(missing), LOOKUP):  # boilerplate other files share is embedded once
            part = missing[start:start + LOOKUP]
            self._reuse(self.index.chunks.get(where={"embed_hash": {"$in": part}}, include=["metadatas", "embeddings"]), wanted)
        keep = {c.id for c in doc.chunks}
        self.stale[source] = [i for i in existing["ids"] if i not in keep]
        todo = list({c.metadata["embed_hash"]: c for c in doc.chunks if c.metadata["embed_hash"] not in self.vectors}.values())
        step = getattr(self.embeddings, "texts_per_call", self.settings.embedding_batch_size)  # a server takes several batches at once
        total, done, queued_to = len(doc.chunks), len(doc.chunks) - len(todo), 0
        completed: list[Prepared] = []
        self.report("chunks", {"file": source, "n": doc.job.n, "done": done, "total": total})
        for start in range(0, len(todo), step):
            group = todo[start:start + step]
            began = time.perf_counter()
            for chunk, vector in zip(group, self.embeddings.embed_documents([c.embed_text for c in group])):
                self.vectors[chunk.metadata["embed_hash"]] = np.asarray(vector, dtype=np.float32)
            self.embedding_seconds += time.perf_counter() - began
            done += len(group)
            self.report("chunks", {"file": source, "n": doc.job.n, "done": done, "total": total})
            # A large file is written as it is embedded: its chunks whose vectors are all there, in order.
            ready = queued_to
            while ready < total and doc.chunks[ready].metadata["embed_hash"] in self.vectors:
                ready += 1
            self.queued += doc.chunks[queued_to:ready]
            queued_to = ready
            if self._due():
                completed += self._complete()  # the files before this one are done with this write
        self.queued += doc.chunks[queued_to:]
        self.current = None
        if not self.queued or self._due():
            completed += self._complete()
        return completed

    def _due(self) -> bool:
        """A write is due: a batch is full, or the pending files have waited long enough."""
        return len(self.queued) >= self.limit or self.embedding_seconds >= self.settings.write_every_seconds

    def finish(self) -> list[Prepared]:
        """Write and complete whatever is still pending."""
        return self._complete()

    def _reuse(self, got: dict, wanted: set[str]) -> None:
        vectors = got["embeddings"] if got["embeddings"] is not None else []
        for meta, vector in zip(got["metadatas"], vectors):
            if meta.get("embed_hash") in wanted:
                self.vectors.setdefault(meta["embed_hash"], np.asarray(vector, dtype=np.float32))

    def _write(self) -> None:
        """Write the queued chunks, their files marked incomplete first."""
        if not self.queued:
            return
        unmarked = [s for s in dict.fromkeys(c.metadata["source"] for c in self.queued) if s not in self.marked]
        self._records((self.pending[s] for s in unmarked), "incomplete")
        self.marked.update(unmarked)
        for start in range(0, len(self.queued), self.limit):
            part = self.queued[start:start + self.limit]
            self.index.chunks.upsert(ids=[c.id for c in part], documents=[c.text for c in part],
                                     embeddings=[self.vectors[c.metadata["embed_hash"]] for c in part],
                                     metadatas=[c.metadata for c in part])
        self.queued = []

    def _complete(self) -> list[Prepared]:
        """Write what is queued, then complete every pending file but the one being embedded."""
        self._write()
        done = [d for s, d in self.pending.items() if s != self.current]
        if not done:
            return []
        stale = [i for d in done for i in self.stale.pop(d.job.source)]
        for start in range(0, len(stale), self.limit):
            self.index.chunks.delete(ids=stale[start:start + self.limit])
        self.index.write_texts({d.job.source: d.text for d in done})
        self._records(done, "complete")
        for d in done:
            del self.pending[d.job.source]
            self.marked.discard(d.job.source)
        current = self.pending.get(self.current)
        needed = {c.metadata["embed_hash"] for c in current.chunks} if current else set()
        self.vectors = {h: v for h, v in self.vectors.items() if h in needed}
        self.embedding_seconds = 0.0
        return done

    def _records(self, docs: Iterable[Prepared], status: str) -> None:
        docs = list(docs)
        if docs:
            self.index.documents.upsert(ids=[d.job.source for d in docs], documents=[d.record["title"] for d in docs],
                                        embeddings=[[1.0]] * len(docs), metadatas=[{**d.record, "status": status} for d in docs])
