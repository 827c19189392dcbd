"""Identical passages are embedded once: boilerplate across documents, a document under two names."""
from __future__ import annotations

from ingest.index.embed import FakeEmbeddings
from ingest.index.store import open_index
from ingest.pipeline import ingest


class CountingEmbeddings(FakeEmbeddings):
    """The fake embedder, counting the passages it was asked to embed."""

    def __init__(self):
        super().__init__()
        self.embedded = 0

    def embed_documents(self, texts):
        self.embedded += len(texts)
        return super().embed_documents(texts)


BOILERPLATE = "## Contact\n\nDeze brief is verstuurd namens de minister van Onderwijs, Cultuur en Wetenschap. Reageren kan via het contactformulier."


def test_identical_passages_reuse_their_vector(make_settings, tmp_path):
    settings = make_settings(chunk_size=120, chunk_max=150)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(f"Eerste brief over ouderbijdragen op scholen.\n\n{BOILERPLATE}", encoding="utf-8")
    embedder = CountingEmbeddings()
    ingest([corpus], settings, embeddings=embedder)
    first = embedder.embedded
    (corpus / "b.txt").write_text(f"Tweede brief over leraren in het vo.\n\n{BOILERPLATE}", encoding="utf-8")
    (corpus / "kopie-van-a.txt").write_text((corpus / "a.txt").read_text(encoding="utf-8"), encoding="utf-8")
    summary = ingest([corpus], settings, embeddings=embedder)
    assert sorted(summary.added) == ["corpus/b.txt", "corpus/kopie-van-a.txt"]
    assert embedder.embedded - first == 1  # only b's own paragraph; its boilerplate and the whole copy reuse vectors
    got = open_index(settings, embedder.name, embedder.dim).chunks.get(include=["metadatas", "embeddings"])
    by_source = {}
    for meta, vector in zip(got["metadatas"], got["embeddings"]):
        by_source.setdefault(meta["source"], []).append(list(vector))
    assert sorted(by_source["corpus/a.txt"]) == sorted(by_source["corpus/kopie-van-a.txt"])
    assert sum(len(v) for v in by_source.values()) == 6  # every document keeps all its own passages
