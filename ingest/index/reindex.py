"""`ingest --reindex`: build a new index beside the old one under the writer lock, switch when it is complete."""
from __future__ import annotations

import time
from pathlib import Path

from ingest.lock import writer_lock
from ingest.settings import Settings

NEXT, OLD = "__next", "__old"


def staging(settings: Settings) -> Settings:
    """The same settings, writing to the collections of the index being built."""
    return settings.model_copy(update={"collection": settings.collection + NEXT})


def generation(client, prefix: str) -> dict[str, object]:
    """The collections of one index by their suffix ('chunks', 'documents', ...)."""
    found = {}
    for collection in client.list_collections():
        name = collection if isinstance(collection, str) else collection.name
        if name.startswith(prefix + "_") and not name[len(prefix) + 1:].startswith("_"):
            found[name[len(prefix) + 1:]] = client.get_collection(name)
    return found


def set_corrupt_index_aside(settings: Settings) -> Path | None:
    """Move an embedded index that cannot be opened out of the way (kept, not deleted); return where it went."""
    from ingest.index.store import open_client

    if settings.chroma_host:
        return None
    try:
        open_client(settings).list_collections()
        return None
    except Exception:
        from chromadb.api.shared_system_client import SharedSystemClient

        SharedSystemClient.clear_system_cache()
        folder = settings.data_dir / "chroma"
        aside = folder.with_name(f"chroma.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        folder.rename(aside)
        return aside


def reindex(paths: list[Path], settings: Settings, ingest, **kwargs):
    """Rebuild the index from `paths`; readers keep the old index until the new one is complete. Returns ingest's summary."""
    from ingest.index.store import drop_index, open_client

    with writer_lock(settings, lend=True):  # first: a concurrent ingest must not see a half-dropped index
        aside = set_corrupt_index_aside(settings)
        build = staging(settings)
        drop_index(build)  # what an interrupted reindex left
        summary = ingest(paths, build, **kwargs)
        client = open_client(settings)
        for old in generation(client, settings.collection + OLD).values():
            client.delete_collection(old.name)  # the generation before last: no reader uses it any more
        current = generation(client, settings.collection)
        for suffix, collection in current.items():
            collection.modify(name=f"{settings.collection}{OLD}_{suffix}")  # by id: a reader holding it still reads it
        for suffix, collection in generation(client, build.collection).items():
            collection.modify(name=f"{settings.collection}_{suffix}")
    summary.set_aside = str(aside) if aside else ""
    return summary
