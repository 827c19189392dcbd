"""Hybrid retrieval: dense (the index's embedder) and Dutch BM25, fused by reciprocal rank."""
from __future__ import annotations

import logging
import re
import time
from typing import TYPE_CHECKING

from ingest.text.metadata import date_number
from ingest.settings import Settings
from ingest.index.store import Index, open_index, reachable, reopen_index

from assistant.answer.question import is_english, is_practical, memo_claim, search_text
from assistant.answer.sources import PRACTICE, named_sources
from assistant.answer.snapshot import Snapshot, open_snapshot
from assistant.types import Filters, Passage

if TYPE_CHECKING:
    from ingest.index.embed import IndexEmbeddings

log = logging.getLogger(__name__)
REFRESH_SECONDS = 2.0  # how stale the BM25 view of a shared index may get before it is checked


class Retriever:
    """Searches one index; the BM25 side is loaded from disk for the index's current revision."""

    def __init__(self, settings: Settings, embeddings: IndexEmbeddings | None = None, index: Index | None = None):
        self.settings = settings
        self._embeddings = embeddings
        self.index = index or open_index(settings, self.embeddings.name, self.embeddings.dim)
        self._snapshot: Snapshot | None = None
        self._checked = 0.0
        self._reranker = None

    @property
    def embeddings(self) -> IndexEmbeddings:
        """The index's embedder, loaded on first use (the registers, given an index, never need it)."""
        if self._embeddings is None:
            from ingest.index.embed import get_embeddings

            self._embeddings = get_embeddings(self.settings)
        return self._embeddings

    def snapshot(self) -> Snapshot:
        """The current view of the index, refreshed when another writer changed it."""
        now = time.monotonic()
        if self._snapshot is not None and now - self._checked < REFRESH_SECONDS:
            return self._snapshot
        with reachable(self.settings):
            revision, records = self.index.state()
            if self._snapshot is None or revision != self._snapshot.revision:
                if self._snapshot is not None and not self.settings.chroma_host:
                    # Another process wrote to the embedded index: this process's cached segments are stale, reopen them.
                    self.index = reopen_index(self.settings, self.index.embedder, self.index.dim)
                    revision, records = self.index.state()
                self._snapshot = self._build(revision, records)
        self._checked = now
        return self._snapshot

    def refresh(self) -> Snapshot:
        """Re-read the index now, not after the refresh interval."""
        self._checked = 0.0
        return self.snapshot()

    def _build(self, revision: str, records: dict[str, dict]) -> Snapshot:
        # The BM25 side is saved on disk per revision (at ingest, or here once); passages are read by id when needed.
        documents = self.index.complete_documents(records)
        fetch = lambda ids: self.index.chunks.get(ids=ids, include=["documents", "metadatas"])
        return open_snapshot(self.settings, self.index, revision, documents, fetch)

    def allowed(self, snap: Snapshot, filters: Filters | None) -> set[str] | None:
        """Passage ids that pass the filters (None: all)."""
        if filters is None or filters.is_empty():
            return None
        low = date_number(filters.date_from) if filters.date_from else None
        high = date_number(filters.date_to) if filters.date_to else None
        if high is not None and high % 100 == 0:
            high += 99  # '2023-11' includes every day of November
        if high is not None and high % 10000 < 100:
            high += 9999
        result = set()
        for pid, p in snap.passages.infos():
            if filters.kinds and p.kind not in filters.kinds:
                continue
            if filters.sources and p.source not in filters.sources:
                continue
            if filters.sectors and not set(filters.sectors) & set(p.sectors):
                continue
            number = date_number(p.date)
            if (low is not None or high is not None) and not number:
                continue
            if low is not None and number < low or high is not None and number > high:
                continue
            result.add(pid)
        return result

    def dense(self, question: str, n: int, allowed: set[str] | None, snap: Snapshot) -> list[tuple[str, float]]:
        """Nearest passages by the embedder, with cosine similarity."""
        if not snap.hashes or allowed is not None and not allowed:
            return []
        # No metadata filter unless the user set one: a filtered HNSW query scans, an unfiltered one does not.
        # Chunks of incomplete or replaced documents are dropped below, as they are not in the snapshot.
        where = None
        if allowed is not None:
            where = {"source": {"$in": sorted({snap.passages.info(i).source for i in allowed})}}
            n = 4 * n
        vector = self.embeddings.embed_query(question)
        with reachable(self.settings):
            got = self.index.chunks.query(query_embeddings=[vector], n_results=n + 20, where=where, include=["distances"])
        pairs = [(i, 1.0 - d) for i, d in zip(got["ids"][0], got["distances"][0]) if i in snap.passages]
        return [(i, s) for i, s in pairs if allowed is None or i in allowed]

    def retrieve(self, question: str, k: int | None = None, filters: Filters | None = None) -> list[Passage]:
        """The k best passages for the question, ranked by fused dense and BM25 evidence."""
        k = k or self.settings.retrieval_k
        snap = self.snapshot()
        allowed = self.allowed(snap, filters)
        n = self.settings.candidates
        dense = self.dense(question, n, allowed, snap)
        last = final_sentence(question)
        if last:  # a long question's situation sketch should not drown its actual question
            dense = merge_dense(dense, self.dense(last, n, allowed, snap))
        claim = memo_claim(question)
        if claim:  # 'Geef een citaat waaruit blijkt dat …': the claim is what the sentence must say, not 'citaat'
            dense = merge_dense(dense, self.dense(claim, n, allowed, snap))
        lexical = snap.lexical.search(search_text(claim or question, is_english(question)), n, allowed)
        named = named_sources(question)
        fused = prefer_named(fuse(dense, lexical, self.settings), named, snap, self.settings.source_boost)
        if len(named) > 1:  # 'Wat zeggen de SER en de minister …': each source's own best passages are read, not only the overall best
            fused = with_each_source(fused, [self.best_of_source(question, src, n, allowed, snap) for src in named[:3]])
        elif not named and is_practical(question):  # 'Wat kunnen wij doen …': what the overview for schools says is read too
            fused = with_each_source(fused, [self.best_of_source(question, PRACTICE, n, allowed, snap)])
        ranked = []
        dense_scores, lexical_scores = dict(dense), dict(lexical)
        top = fused[: max(k, self.settings.candidates if self.settings.reranker_model else k)]
        snap.passages.fetch([pid for pid, _ in top])
        for pid, score in top:
            p = snap.passages[pid]
            ranked.append(Passage(**{**p.__dict__, "score": score, "dense": dense_scores.get(pid, 0.0), "lexical": lexical_scores.get(pid, 0.0)}))
        if self.settings.reranker_model and ranked:
            ranked = self.rerank(question, ranked)
        for rank, p in enumerate(ranked[:k], 1):
            p.rank = rank
        return ranked[:k]

    def best_of_source(self, question: str, source, n: int, allowed: set[str] | None, snap: Snapshot) -> list[str]:
        """The best passages of the documents of one named source for the question, by the same fused search."""
        documents = [name for name, meta in snap.documents.items() if source.wrote(meta.get("publisher"), meta.get("kind"), meta.get("title"))]
        own = snap.passages.of_sources(set(documents))
        if allowed is not None:
            own &= allowed
        if not own:
            return []
        found = fuse(self.dense(question, n, own, snap), snap.lexical.search(search_text(question), n, own), self.settings)
        return [pid for pid, _ in found[:SOURCE_BEST]]

    def rerank(self, question: str, passages: list[Passage]) -> list[Passage]:
        """Reorder with a CrossEncoder, when one is configured."""
        if self._reranker is None:
            try:
                from sentence_transformers import CrossEncoder
            except ImportError as e:
                raise ImportError("install sentence-transformers to use a reranker") from e
            self._reranker = CrossEncoder(self.settings.reranker_model, device="cpu")
        scores = self._reranker.predict([(question, p.text) for p in passages])
        for p, s in zip(passages, scores):
            p.score = float(s)
        return sorted(passages, key=lambda p: -p.score)


def final_sentence(question: str) -> str:
    """The last sentence of a question of several sentences ('' for a one-sentence question)."""
    parts = [p.strip() for p in re.split(r"(?<=[.!?:])\s+(?=[A-Z])", question.strip()) if p.strip()]
    return parts[-1] if len(parts) > 1 and len(parts[-1].split()) >= 3 else ""


def merge_dense(full: list[tuple[str, float]], last: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Dense hits for the whole question and for its final sentence: each passage keeps its better similarity."""
    best = dict(full)
    for pid, score in last:
        best[pid] = max(score, best.get(pid, -1.0))
    return sorted(best.items(), key=lambda item: -item[1])


def prefer_named(fused: list[tuple[str, float]], sources: list, snap: Snapshot, boost: float) -> list[tuple[str, float]]:
    """Passages of the sources a question names ('Wat vindt de SER …') move up; the others stay, for 'and what do others say'."""
    if not sources or not fused:
        return fused
    top = fused[0][1] or 1.0
    snap.passages.fetch([pid for pid, _ in fused])  # one read from Chroma for all candidates, not one each
    scored = [(pid, s + boost * top * any(src.holds(snap.passages[pid]) for src in sources)) for pid, s in fused]
    return sorted(scored, key=lambda item: -item[1])


SOURCE_BEST = 2  # passages of each named source kept within the passages the answer reads, for a question naming several
SOURCE_KEEP = 5  # the first passages stay where the fused search put them (what recall@5 counts) …
SOURCE_DEPTH = 8  # … and each source's best are moved up to within the passages the answer reads its sentences from


def with_each_source(fused: list[tuple[str, float]], best: list[list[str]]) -> list[tuple[str, float]]:
    """The fused ranking with every named source's best passages within the first SOURCE_DEPTH, placed after the first
    SOURCE_KEEP; the scores stay with the positions, so a moved passage takes the score of the place it takes."""
    ids = [pid for pid, _ in fused]
    scores = [score for _, score in fused]
    firsts_first = [pids[i] for i in range(SOURCE_BEST) for pids in best if i < len(pids)]  # every source's best before any second
    moved = list(dict.fromkeys(pid for pid in firsts_first if pid not in ids[:SOURCE_DEPTH]))
    if not moved:
        return fused
    order = ids[:SOURCE_KEEP] + moved + [pid for pid in ids[SOURCE_KEEP:] if pid not in moved]
    scores += [scores[-1] if scores else 0.0] * (len(order) - len(scores))
    return list(zip(order, scores))


def fuse(dense: list[tuple[str, float]], lexical: list[tuple[str, float]], settings: Settings) -> list[tuple[str, float]]:
    """Reciprocal rank fusion (default) or a weighted sum of normalised scores."""
    scores: dict[str, float] = {}
    if settings.fusion == "rrf":
        for rank, (pid, _) in enumerate(dense):
            scores[pid] = scores.get(pid, 0.0) + settings.dense_weight / (settings.rrf_k + rank + 1)
        for rank, (pid, _) in enumerate(lexical):
            scores[pid] = scores.get(pid, 0.0) + 1.0 / (settings.rrf_k + rank + 1)
    else:
        for pairs, weight in ((dense, settings.dense_weight), (lexical, 1.0)):
            if not pairs:
                continue
            values = [s for _, s in pairs]
            low, high = min(values), max(values)
            span = (high - low) or 1.0
            for pid, s in pairs:
                scores[pid] = scores.get(pid, 0.0) + weight * (s - low) / span
    return sorted(scores.items(), key=lambda item: -item[1])

