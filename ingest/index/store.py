"""The Chroma index: an embedded PersistentClient in the data dir, or an HttpClient to a shared server."""
from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from dataclasses import dataclass

from ingest.settings import Settings

EDITABLE = ("title", "kind", "date", "reference")
TEXT_PART = 200_000  # characters of cleaned text per stored part: well inside what one record should hold


class IndexError_(Exception):
    """The index cannot be used as configured; the message says what to do."""


class EmbedderMismatch(IndexError_):
    """The index was built with another embedder than the one configured."""


class IndexUnavailable(IndexError_):
    """The Chroma server cannot be reached, or the local index cannot be opened."""


class StorageFailed(IndexError_):
    """The data folder cannot be written or read: disk full, read-only, damaged or gone."""

    def __init__(self, message: str, kind: str):
        super().__init__(message)
        self.kind = kind  # full, read-only, damaged


# What the storage layers (SQLite via Chroma, the OS) say, and what a person can do about it.
STORAGE_FAULTS = (
    ("full", ("database or disk is full", "no space left", "errno 28", "file too large", "errno 27", "disk i/o error"),
     "the disk holding {where} is full or cannot be written: free space and run the ingest again (what was indexed before is intact)"),
    ("read-only", ("readonly database", "read-only file system", "errno 30", "permission denied", "errno 13"),
     "{where} cannot be written (read-only or no permission): make it writable or set KANSENWIJZER_DATA_DIR to another folder"),
    ("damaged", ("file is not a database", "database disk image is malformed", "no such table"),
     "the index in {where} is damaged: rebuild it with `python -m ingest --reindex` (the damaged copy is kept aside)"),
)


def storage_failure(error: BaseException, settings: Settings) -> StorageFailed | None:
    """A clear StorageFailed for a disk-full, read-only or damaged data folder; None for any other error."""
    text = f"{type(error).__name__}: {error}".lower()
    for kind, signs, message in STORAGE_FAULTS:
        if any(sign in text for sign in signs):
            return StorageFailed(message.format(where=settings.data_dir), kind)
    return None


@contextmanager
def reachable(settings: Settings):
    """Turn a lost connection to the Chroma server into IndexUnavailable, with a message a person can act on."""
    import httpx

    try:
        yield
    except (httpx.TransportError, ConnectionError) as e:
        where = f"{settings.chroma_host}:{settings.chroma_port}" if settings.chroma_host else str(settings.data_dir)
        raise IndexUnavailable(f"Chroma server {where} is not reachable ({type(e).__name__}); try again when it is back") from e


CLIENTS = threading.RLock()  # the app's sessions and its upload jobs open, and reopen, clients from several threads


def open_client(settings: Settings):
    """A Chroma client: embedded in data_dir, or to the server in settings."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_host:
        try:
            client = chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
            session = getattr(getattr(client, "_server", None), "_session", None)
            if session is not None:
                import httpx

                # Chroma's client waits forever by default; a dead server must be reported within seconds.
                session.timeout = httpx.Timeout(60.0, connect=settings.chroma_timeout)
            client.heartbeat()
        except Exception as e:
            raise IndexUnavailable(
                f"Chroma server {settings.chroma_host}:{settings.chroma_port} is not reachable ({type(e).__name__})"
            ) from e
        return client
    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        with CLIENTS:  # Chroma's per-process client cache is a plain dict: creating and clearing it must take turns
            return chromadb.PersistentClient(path=str(settings.data_dir / "chroma"), settings=chroma_settings)
    except Exception as e:
        raise storage_failure(e, settings) or IndexUnavailable(
            f"the index in {settings.data_dir} cannot be opened ({type(e).__name__}): rebuild it with `python -m ingest --reindex`"
        ) from e


@dataclass
class Index:
    """The three collections: chunks (with vectors), documents (one record per file), texts (cleaned text)."""

    client: object
    chunks: object
    documents: object
    texts: object
    embedder: str
    dim: int

    def document_records(self) -> dict[str, dict]:
        """Every document's stored metadata by source path."""
        got = self.documents.get(include=["metadatas"])
        return {i: m for i, m in zip(got["ids"], got["metadatas"])}

    def complete_documents(self, records: dict[str, dict] | None = None) -> dict[str, dict]:
        """Documents whose chunks were all written (of `records` when given, else read now)."""
        return {s: m for s, m in (records if records is not None else self.document_records()).items() if m.get("status") == "complete"}

    def document_text(self, source: str) -> str:
        """The cleaned text of one document, as its chunk offsets index it."""
        got = self.texts.get(where={"source": source}, include=["documents", "metadatas"])
        parts = sorted(zip(got["metadatas"], got["documents"]), key=lambda p: p[0]["part"])
        return "".join(text for _, text in parts)

    def write_texts(self, texts: dict[str, str]) -> None:
        """Store documents' cleaned texts in parts, in as few writes as Chroma allows; drop parts a shorter text no longer has."""
        ids, parts, metadatas = [], [], []
        for source, text in texts.items():
            for i, start in enumerate(range(0, max(len(text), 1), TEXT_PART)):
                ids.append(f"{source}::text::{i:05d}")
                parts.append(text[start:start + TEXT_PART])
                metadatas.append({"source": source, "part": i})
        step = self.client.get_max_batch_size()
        for start in range(0, len(ids), step):
            self.texts.upsert(ids=ids[start:start + step], documents=parts[start:start + step],
                              embeddings=[[1.0]] * len(ids[start:start + step]), metadatas=metadatas[start:start + step])
        new = set(ids)
        sources = sorted(texts)
        old = [i for start in range(0, len(sources), 500)
               for i in self.texts.get(where={"source": {"$in": sources[start:start + 500]}}, include=[])["ids"]]
        stale = [i for i in old if i not in new]
        for start in range(0, len(stale), step):
            self.texts.delete(ids=stale[start:start + step])

    def remove_document(self, source: str) -> int:
        """Delete a document, its chunks and its text; return how many chunks left the index."""
        ids = self.chunks.get(where={"source": source}, include=[])["ids"]
        for start in range(0, len(ids), 1000):
            self.chunks.delete(ids=ids[start:start + 1000])
        self.texts.delete(where={"source": source})
        self.documents.delete(ids=[source])
        return len(ids)

    def edit_document(self, source: str, changes: dict) -> None:
        """A user's correction of title, kind, date or reference: stored with the document, copied to its chunks."""
        from ingest.text.metadata import date_number

        allowed = {k: ("" if v is None else str(v)) for k, v in changes.items() if k in EDITABLE}
        record = self.documents.get(ids=[source], include=["metadatas"])["metadatas"]
        if not record:
            raise KeyError(source)
        edited = {**json.loads(record[0].get("edited") or "{}"), **allowed}
        self.documents.update(ids=[source], metadatas=[{**allowed, "edited": json.dumps(edited, sort_keys=True)}])
        chunk_changes = dict(allowed)
        if "date" in allowed:
            chunk_changes["date_num"] = date_number(allowed["date"])
        ids = self.chunks.get(where={"source": source}, include=[])["ids"]
        for start in range(0, len(ids), 1000):
            part = ids[start:start + 1000]
            self.chunks.update(ids=part, metadatas=[chunk_changes] * len(part))

    def exclude_document(self, source: str) -> None:
        """Take a document out of the index but remember it, so re-indexing its unchanged file does not bring it back."""
        record = self.documents.get(ids=[source], include=["metadatas"])["metadatas"]
        self.remove_document(source)
        if record:
            self.documents.upsert(ids=[source], documents=[source], embeddings=[[1.0]],
                                  metadatas=[{**record[0], "status": "deleted", "chunks": 0}])

    def follow_switch(self) -> None:
        """After `ingest --reindex` put a new index in place, read that one (the old stays readable until the next)."""
        try:
            current = self.client.get_collection(self.chunks.name)
            if current.id == self.chunks.id:
                return
            self.chunks = current
            self.documents = self.client.get_collection(self.documents.name)
            self.texts = self.client.get_collection(self.texts.name)
        except Exception:
            return  # mid-switch: the old collections answer until the next look

    def revision(self) -> str:
        """Changes whenever a document is added, changed, completed or removed."""
        return self.state()[0]

    def state(self) -> tuple[str, dict[str, dict]]:
        """The revision and the document records it was computed from, in one read."""
        self.follow_switch()
        records = self.document_records()
        return json.dumps(sorted((s, m.get("hash"), m.get("status"), m.get("edited", "")) for s, m in records.items())), records


# How many graph nodes a dense query visits (Chroma's default is 100). Chroma rebuilds a collection's HNSW graph on load, and
# not the same graph each time: with a narrow search the tail of the nearest 60 differed from one process to the next, and
# with it the fused scores and `make train`'s model. A search at least as wide as the collection is exact; larger ones stay fast.
SEARCH_EF = 400


def open_index(settings: Settings, embedder_name: str, dim: int, client=None) -> Index:
    """Open (or create) the index; refuse one built with another embedder."""
    client = client or open_client(settings)
    prefix = settings.collection
    try:
        chunks = client.get_or_create_collection(
            f"{prefix}_chunks",
            metadata={"embedder": embedder_name, "dim": dim},
            configuration={"hnsw": {"space": "cosine", "ef_search": SEARCH_EF}},
            embedding_function=None,
        )
        if (chunks.configuration_json.get("hnsw") or {}).get("ef_search", SEARCH_EF) < SEARCH_EF:
            chunks.modify(configuration={"hnsw": {"ef_search": SEARCH_EF}})  # an index built before the wider search
        documents = client.get_or_create_collection(f"{prefix}_documents", embedding_function=None)
        texts = client.get_or_create_collection(f"{prefix}_texts", embedding_function=None)
    except Exception as e:
        raise storage_failure(e, settings) or IndexUnavailable(
            f"the index cannot be opened ({e}): rebuild it with `python -m ingest --reindex`"
        ) from e
    built_with = (chunks.metadata or {}).get("embedder")
    built_dim = (chunks.metadata or {}).get("dim")
    if built_with != embedder_name or built_dim != dim:
        raise EmbedderMismatch(
            f"the index was built with {built_with} ({built_dim} dimensions), but {embedder_name} ({dim}) is configured: "
            "re-index with `python -m ingest --reindex` (or set KANSENWIJZER_EMBEDDING_BACKEND back)"
        )
    return Index(client, chunks, documents, texts, embedder_name, dim)


def data_folder_gone(settings: Settings) -> bool:
    """Whether the embedded index's files are gone (the data folder deleted under a running app); False with a server."""
    return not settings.chroma_host and not (settings.data_dir / "chroma" / "chroma.sqlite3").exists()


def forget_clients() -> None:
    """Drop Chroma's per-process clients, so the next open starts from the files as they are now."""
    from chromadb.api.shared_system_client import SharedSystemClient

    with CLIENTS:
        SharedSystemClient.clear_system_cache()


def drop_index(settings: Settings) -> None:
    """Delete the three collections, for a re-index with another embedder."""
    client = open_client(settings)
    for suffix in ("chunks", "documents", "texts"):
        try:
            client.delete_collection(f"{settings.collection}_{suffix}")
        except Exception:
            pass  # absent already


def reopen_index(settings: Settings, embedder_name: str, dim: int) -> Index:
    """Open the embedded index afresh, dropping Chroma's per-process cache of it (after another process wrote).

    Not while a thread of this process writes (an upload in the app): its client would be swapped under it, and a
    second client on the same files in one process is what Chroma does not support. What this process wrote, its own
    client already sees."""
    from chromadb.api.shared_system_client import SharedSystemClient

    from ingest.lock import writing_here

    with CLIENTS:
        if not writing_here():
            SharedSystemClient.clear_system_cache()
        return open_index(settings, embedder_name, dim)


def open_for_reading(settings: Settings) -> Index:
    """The index with the embedder it records, for what reads documents and registers and never embeds a query."""
    client = open_client(settings)
    try:
        chunks = client.get_collection(f"{settings.collection}_chunks")
    except Exception as e:
        raise IndexUnavailable(f"there is no index yet in {settings.data_dir}: build it with `python -m ingest`") from e
    recorded = chunks.metadata or {}
    return open_index(settings, recorded.get("embedder"), recorded.get("dim"), client)
