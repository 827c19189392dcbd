"""From files to an index that stays correct as they change: hash, then read, clean and split (ingest/prepare.py) while
the files before are embedded and written (ingest/index/writer.py)."""
from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ingest.index.embed import IndexEmbeddings, get_embeddings
from ingest.index.lexical_store import saved_lexical as save_lexical
from ingest.index.store import open_index, reachable
from ingest.index.writer import Writer
from ingest.load import SUPPORTED, relative_source
from ingest.lock import writer_lock
from ingest.paths import decodable, leaves, shown
from ingest.prepare import Job, Prepared, prepared_in_order
from ingest.registers.stored import prune_documents
from ingest.settings import Settings
from ingest.text.metadata import load_manifest

# Bump when cleaning or chunking changes, so every document is rebuilt once.
PIPELINE_VERSION = "13"

# Events: start, file (n of files), stage (lezen, opschonen, in stukken delen, opslaan), chunks (done of total embedded), done.
Progress = Callable[[str, dict], None]


@dataclass
class Summary:
    """What one ingest run did."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    chunks_written: int = 0
    chunks_in_index: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


def find_files(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Supported files under the given paths, and the folders among them (for removal of deleted files)."""
    files: list[Path] = []
    folders: list[Path] = []
    for path in paths:
        if path.is_dir():
            folders.append(path)
            files.extend(
                p for p in sorted(path.rglob("*"))
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and p.name not in ("manifest.yaml", "manifest.yml", "README.md") and not p.name.endswith(".part")
            )
        else:
            files.append(path)
    return files, folders


def file_hash(path: Path, manifest_entry: dict, settings: Settings) -> str:
    """Content hash plus everything else that shapes the chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    digest.update(json.dumps([PIPELINE_VERSION, settings.chunk_size, settings.chunk_max, manifest_entry], sort_keys=True, default=str).encode())
    return digest.hexdigest()


def ingest(
    paths: list[Path],
    settings: Settings,
    progress: Progress | None = None,
    embeddings: IndexEmbeddings | None = None,
    lock_wait: float = 0.0,
    remove_missing: bool = True,
) -> Summary:
    """Bring the index in line with the files under `paths`."""
    started = time.perf_counter()
    report = progress or (lambda event, info: None)
    embeddings = embeddings or get_embeddings(settings)
    summary = Summary()
    files, folders = find_files(paths)
    with writer_lock(settings, wait=lock_wait), reachable(settings):
        index = open_index(settings, embeddings.name, embeddings.dim)
        records = index.document_records()
        report("start", {"files": len(files)})
        jobs = list(changed_files(files, folders, records, settings, summary))
        writer = Writer(index, embeddings, settings, report)

        def written(docs: list[Prepared]) -> None:
            for doc in docs:
                summary.chunks_written += len(doc.chunks)
                (summary.updated if doc.job.updating else summary.added).append(doc.job.source)

        for doc in prepared_in_order(jobs, settings, report):  # the next files are read while these are written
            if doc.error is not None:
                summary.failed[doc.job.source] = doc.error
                continue
            written(writer.add(doc))
        written(writer.finish())  # files complete in the order they came
        if remove_missing:
            for folder in folders:
                prefix = relative_source(folder, settings).rstrip("/") + "/"
                for source in records:
                    if source.startswith(prefix) and not (settings.root / source).exists() and not Path(source).exists():
                        index.remove_document(source)
                        summary.removed.append(source)
        summary.chunks_in_index = index.chunks.count()
        report("stage", {"stage": "opslaan"})
        # Saved now, so that no process has to read every passage from Chroma to search them.
        revision, records = index.state()
        complete = index.complete_documents(records)
        save_lexical(index, complete, revision, settings)
        prune_documents(settings, complete.values())
    summary.seconds = round(time.perf_counter() - started, 2)
    report("done", summary.to_dict())
    return summary


def changed_files(files: list[Path], folders: list[Path], records: dict[str, dict], settings: Settings, summary: Summary) -> Iterator[Job]:
    """The files the index does not hold as they are now; the others are noted in `summary` as unchanged or failed."""
    manifests: dict[Path, dict] = {}
    scheduled: set[str] = set()
    for n, path in enumerate(files, 1):
        source = relative_source(path, settings)
        if not decodable(source):
            summary.failed[shown(source)] = "bestandsnaam is geen geldige UTF-8: overgeslagen (geef het bestand een andere naam)"
            continue
        if not settings.follow_links and leaves(path, folders):  # `source` names the link's target: report the link
            summary.failed[shown(path.as_posix())] = "link naar een bestand buiten de map: niet gevolgd (KANSENWIJZER_FOLLOW_LINKS)"
            continue
        if not path.is_file():
            summary.failed[source] = "bestand niet gevonden"
            continue
        if path.suffix.lower() not in SUPPORTED:
            summary.failed[source] = f"bestandstype {path.suffix or '(geen extensie)'} wordt niet ondersteund"
            continue
        manifest = manifests.setdefault(path.parent, load_manifest(path.parent))
        entry = manifest.get(path.name, {})
        digest = file_hash(path, entry, settings)
        record = records.get(source)
        if source in scheduled or record and record.get("hash") == digest and record.get("status") in ("complete", "deleted"):
            summary.unchanged.append(source)  # a user-deleted document stays deleted until its file changes
            continue
        edits = json.loads(record.get("edited") or "{}") if record else {}
        scheduled.add(source)  # a link to a file of the run is that file
        yield Job(n, len(files), path, source, digest, {**entry, **edits}, edits, record is not None)
