"""Embedding servers: OpenAI-compatible and Ollama protocols against a local server, batching, retries, failures."""
from __future__ import annotations

import pytest

from ingest.index.embed import FakeEmbeddings, load_embeddings
from ingest.index.remote_embed import EmbedderUnavailable
from ingest.index.store import EmbedderMismatch, open_index
from ingest.pipeline import ingest

from .conftest import free_port
from .fake_embedder import FakeEmbeddingServer, Script


def write_corpus(folder) -> None:
    folder.mkdir(parents=True)
    (folder / "armoede.txt").write_text("Schoolkosten\n\n" + "Veel ouders kunnen de schoolreis niet betalen. " * 40, encoding="utf-8")
    (folder / "sport.txt").write_text("Sport\n\n" + "De voetbalclub won zondag de wedstrijd met drie doelpunten. " * 40, encoding="utf-8")


def test_an_openai_compatible_server_indexes_in_concurrent_batches(make_settings):
    with FakeEmbeddingServer(Script(delay=0.05)) as server:
        settings = make_settings(embedding_backend="openai", embedding_base_url=server.url + "/v1", embedding_model="bge-m3",
                                 embedding_batch_size=2, embedding_concurrency=3)
        embeddings = load_embeddings(settings)
        assert embeddings.name == "openai/bge-m3" and embeddings.dim == 64
        write_corpus(settings.corpus_dir)
        summary = ingest([settings.corpus_dir], settings, embeddings=embeddings)
        assert len(summary.added) == 2 and summary.chunks_written > 4
        assert max(server.script.batches) <= 2 and server.script.most_in_flight > 1
        # Vectors come back in the order of the texts, whatever order the server lists them in.
        texts = ["schoolreis betalen", "voetbal doelpunten", "drie"]
        assert embeddings.embed_documents(texts) == FakeEmbeddings().embed_documents(texts)

        from assistant.answer.retrieve import Retriever

        assert Retriever(settings, embeddings=embeddings).retrieve("wie betaalt de schoolreis", k=1)[0].source == "corpus/armoede.txt"
    with pytest.raises(EmbedderMismatch):  # the index remembers what built it
        open_index(settings, "ollama/bge-m3", 64)


def test_ollama_is_retried_on_429_and_503_then_answers(make_settings):
    with FakeEmbeddingServer(Script(failures=3, status=429)) as server:
        settings = make_settings(embedding_backend="ollama", embedding_base_url=server.url, embedding_model="nomic-embed-text")
        embeddings = load_embeddings(settings)
        assert embeddings.name == "ollama/nomic-embed-text"
        server.script.failures, server.script.status = 2, 503
        assert embeddings.embed_query("ouderbijdrage") == FakeEmbeddings().embed_query("ouderbijdrage")


def test_a_server_that_keeps_refusing_or_is_down_gets_a_clear_message(make_settings, monkeypatch, capsys):
    with FakeEmbeddingServer(Script(failures=100, status=503)) as server:
        settings = make_settings(embedding_backend="ollama", embedding_base_url=server.url, embedding_max_retries=1)
        with pytest.raises(EmbedderUnavailable, match="answered 503"):
            load_embeddings(settings)
    with FakeEmbeddingServer(Script(delay=2)) as server:
        settings = make_settings(embedding_backend="ollama", embedding_base_url=server.url, embedding_timeout=0.3)
        with pytest.raises(EmbedderUnavailable, match="did not answer in time"):
            load_embeddings(settings)

    from ingest.cli import main

    down = f"http://127.0.0.1:{free_port()}"
    settings = make_settings()
    write_corpus(settings.corpus_dir)
    for key, value in {"DATA_DIR": settings.data_dir, "EMBEDDING_BACKEND": "openai", "EMBEDDING_BASE_URL": down}.items():
        monkeypatch.setenv(f"KANSENWIJZER_{key}", str(value))
    assert main([str(settings.corpus_dir), "--quiet"]) == 2
    assert "is not reachable" in capsys.readouterr().err and not (settings.data_dir / "chroma").exists()
