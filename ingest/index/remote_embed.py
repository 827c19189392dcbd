"""Embedding servers a team can point at: OpenAI-compatible `/v1/embeddings` and Ollama's `/api/embed`.

text-embeddings-inference, vLLM, llama.cpp's server, LM Studio and hosted APIs speak the first; Ollama the second.
Batches go out a few at a time; 429 and 503 are retried with back-off (a server's Retry-After is honoured).
"""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

from ingest.index.embed import IndexEmbeddings
from ingest.index.store import IndexError_

RETRY_STATUSES = (429, 503)
OLLAMA_URL = "http://localhost:11434"


class EmbedderUnavailable(IndexError_):
    """The embedding server cannot be reached or keeps refusing; the message names it and says what to do."""


def endpoint(protocol: str, base_url: str) -> str:
    """The embeddings URL for a base URL given with or without its API path ('http://host:8080' or '…/v1')."""
    base = base_url.rstrip("/")
    if protocol == "openai":
        return base + "/embeddings" if base.endswith("/v1") else base + "/v1/embeddings"
    return base + "/api/embed"


class RemoteEmbeddings(IndexEmbeddings):
    """Embeddings from an HTTP server; the model's dimension is asked of the server once, at start."""

    def __init__(self, protocol: str, base_url: str | None, model: str, api_key: str = "", batch_size: int = 16,
                 concurrency: int = 4, timeout: float = 60.0, max_retries: int = 4, query_prefix: str = "",
                 passage_prefix: str = ""):
        import httpx

        if protocol == "openai" and not base_url:
            raise EmbedderUnavailable("set KANSENWIJZER_EMBEDDING_BASE_URL to the OpenAI-compatible embedding server")
        self.protocol, self.model = protocol, model
        self.url = endpoint(protocol, base_url or OLLAMA_URL)
        self.batch_size, self.concurrency, self.max_retries = max(1, batch_size), max(1, concurrency), max_retries
        self.query_prefix, self.passage_prefix = query_prefix, passage_prefix
        self.texts_per_call = self.batch_size * self.concurrency  # what the pipeline hands over at once, to keep requests in flight
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.client = httpx.Client(timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)), headers=headers)
        self.name = f"{protocol}/{model}"
        self.dim = len(self._post(["dimension"])[0])
        self._query = lru_cache(maxsize=512)(lambda text: tuple(self._post([self.query_prefix + text])[0]))

    def _post(self, texts: list[str]) -> list[list[float]]:
        import httpx

        body = {"model": self.model, "input": texts}
        for attempt in range(self.max_retries + 1):
            try:
                response = self.client.post(self.url, json=body)
            except httpx.TimeoutException as e:
                raise EmbedderUnavailable(f"embedding server {self.url} did not answer in time ({type(e).__name__})") from e
            except httpx.TransportError as e:
                raise EmbedderUnavailable(
                    f"embedding server {self.url} is not reachable ({type(e).__name__}): start it, or set "
                    "KANSENWIJZER_EMBEDDING_BASE_URL / KANSENWIJZER_EMBEDDING_BACKEND"
                ) from e
            if response.status_code in RETRY_STATUSES and attempt < self.max_retries:
                time.sleep(retry_delay(response.headers.get("Retry-After"), attempt))
                continue
            if response.status_code != 200:
                raise EmbedderUnavailable(f"embedding server {self.url} answered {response.status_code}: {response.text[:200]}")
            return self._vectors(response.json(), len(texts))
        raise AssertionError("unreachable")  # the last attempt returns or raises

    def _vectors(self, payload: dict, n: int) -> list[list[float]]:
        if self.protocol == "openai":
            vectors = [item["embedding"] for item in sorted(payload.get("data", []), key=lambda item: item.get("index", 0))]
        else:
            vectors = payload.get("embeddings", [])
        if len(vectors) != n:
            raise EmbedderUnavailable(f"embedding server {self.url} returned {len(vectors)} vectors for {n} texts")
        return vectors

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Vectors for passages, in order: batches sent a few at a time."""
        batches = [[self.passage_prefix + t for t in texts[i:i + self.batch_size]] for i in range(0, len(texts), self.batch_size)]
        if len(batches) <= 1:
            return [v for batch in batches for v in self._post(batch)]
        with ThreadPoolExecutor(max_workers=min(self.concurrency, len(batches))) as pool:
            return [v for vectors in pool.map(self._post, batches) for v in vectors]

    def embed_query(self, text: str) -> list[float]:
        return list(self._query(text))


def retry_delay(retry_after: str | None, attempt: int, cap: float = 30.0) -> float:
    """Seconds to wait before the next attempt: the server's Retry-After when it gives one, else 0.5, 1, 2, … (at most `cap`)."""
    try:
        return min(cap, max(0.0, float(retry_after)))
    except (TypeError, ValueError):
        return min(cap, 0.5 * 2 ** attempt)
