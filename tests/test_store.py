"""The same ingest against a real Chroma server (`chroma run`), as shared by several app instances."""
from __future__ import annotations

import pytest

from ingest.index.embed import FakeEmbeddings
from ingest.pipeline import ingest
from ingest.index.store import IndexUnavailable, open_index

from .conftest import ROOT, free_port


@pytest.mark.slow
def test_ingest_into_a_chroma_server_is_idempotent_and_searchable(chroma_server, make_settings, tmp_path):
    settings = make_settings(chroma_host=chroma_server["host"], chroma_port=chroma_server["port"], collection="servertest", root=ROOT)
    first = ingest([ROOT / "corpus"], settings)
    assert len(first.added) == 5 and not first.failed
    second = ingest([ROOT / "corpus"], settings)
    assert second.chunks_written == 0 and len(second.unchanged) == 5
    # Nothing was written locally: the server holds the index.
    assert not (settings.data_dir / "chroma").exists()

    from assistant.answer.retrieve import Retriever

    retriever = Retriever(settings, embeddings=FakeEmbeddings())
    passages = retriever.retrieve("leerplusarrangement 52 mln")
    assert any("€ 52 mln" in p.text for p in passages[:3])
    # A second app instance sees the same index.
    other = Retriever(settings, embeddings=FakeEmbeddings())
    assert len(other.snapshot().passages) == first.chunks_in_index


def test_an_unreachable_server_fails_fast_with_a_clear_message(make_settings):
    import time

    settings = make_settings(chroma_host="127.0.0.1", chroma_port=free_port(), chroma_timeout=2)
    with pytest.raises(IndexUnavailable, match="not reachable"):  # Chroma's client alone would wait forever
        open_index(settings, "fake/hashed-64", 64)
