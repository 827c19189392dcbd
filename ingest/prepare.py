"""A file up to the moment its chunks can be written: read, cleaned, split, its registers and search terms kept.

The pipeline prepares the next files in a second process while it embeds and writes the previous ones
(ingest/pipeline.py), so that reading, cleaning and extracting on one core overlap with Chroma's writes on the other.
"""
from __future__ import annotations

import json
import os
import pickle
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ingest.formats.sandbox import ROOT, Reader
from ingest.index.lexical_store import document_entry, keep_entry
from ingest.load import load
from ingest.paths import shown
from ingest.registers.stored import extract_document
from ingest.settings import Settings
from ingest.tables.document import is_table_file, table_document
from ingest.text.clean import clean
from ingest.text.metadata import resolve_metadata
from ingest.text.split import split
from ingest.types import Chunk, LoadError

Progress = Callable[[str, dict], None]
IN_PROCESS = 4  # this many files or fewer are prepared in this process: starting the second one costs about 0.4 s


@dataclass
class Job:
    """A file the run must (re)index."""

    n: int  # its place among the run's `files`, for progress
    files: int
    path: Path
    source: str
    digest: str
    entry: dict  # its manifest entry with the user's edits over it
    edits: dict
    updating: bool  # the index holds an earlier version


@dataclass
class Prepared:
    """A file ready to be written, or the Dutch reason it cannot be."""

    job: Job
    record: dict = field(default_factory=dict)  # the document's record, without its status
    chunks: list[Chunk] = field(default_factory=list)
    text: str = ""  # the cleaned text the chunks' offsets index
    error: str | None = None


def prepare(job: Job, settings: Settings, report: Progress, reader: Reader | None = None) -> Prepared:
    """Read, clean and split one file; keep its registers and search terms (both keyed by its content)."""
    source, path = job.source, job.path
    report("stage", {"file": source, "stage": "lezen"})
    try:
        if is_table_file(path):  # a table becomes records, one chunk per row (ingest/tables/)
            loaded, cleaned, meta, chunks = table_document(path, source, job.digest, job.entry, settings)
        else:
            loaded = load(path, settings, lambda info: report("ocr", {"file": source, **info}), reader)
            report("stage", {"file": source, "stage": "opschonen"})
            cleaned = clean(loaded)
            if len(cleaned.text) > settings.max_chunks * settings.chunk_max:  # certainly too many passages: refuse before splitting
                raise LoadError(f"te groot: {len(cleaned.text) // 1_000_000} MB tekst geeft meer dan {settings.max_chunks} passages (KANSENWIJZER_MAX_CHUNKS)")
            raw = "\n".join(p.text for p in loaded.pages)
            first_heading = next((cleaned.text[b.start:b.end] for b in cleaned.blocks if b.kind == "heading"), None)
            meta = resolve_metadata(path, raw, first_heading, {path.name: job.entry})
            report("stage", {"file": source, "stage": "in stukken delen"})
            chunks = split(cleaned, meta, job.digest, settings)
            scanned = {p.number for p in loaded.pages if p.ocr}
            for chunk in chunks:  # OCR'd text can differ from the paper: its quotes say so
                chunk.metadata["ocr"] = chunk.metadata["page"] in scanned
            if len(chunks) > settings.max_chunks:  # a table's rows are bounded by table_max_rows instead
                raise LoadError(f"te groot: {len(chunks)} passages, de grens is {settings.max_chunks} (KANSENWIJZER_MAX_CHUNKS)")
        if not chunks:
            raise LoadError("geen tekst gevonden")
    except LoadError as e:
        return Prepared(job, error=str(e))
    record = {
        "hash": job.digest, "format": loaded.format, "chunks": len(chunks),
        "title": meta["title"], "kind": meta["kind"], "date": meta.get("date") or "",
        "reference": str(meta.get("reference") or ""), "publisher": meta.get("publisher") or "",
        "signer": meta.get("signer") or "", "subject": meta.get("subject") or "",
        "pages": len(loaded.pages) if loaded.format == "pdf" else 0,
        "page_starts": json.dumps([[o, pg] for o, pg in cleaned.pages if pg is not None]),
        "seams": json.dumps(cleaned.seams), "chars": len(cleaned.text),
        "body_start": next((b.start for b in cleaned.blocks if b.kind != "letterhead"), 0),
        "headings": json.dumps([[b.start, cleaned.text[b.start:b.end]] for b in cleaned.blocks if b.kind == "heading"]),
        "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "edited": json.dumps(job.edits or {}, sort_keys=True),
    }
    # Both are keyed by the document's content and edits, so keeping them before its chunks are written is harmless.
    extract_document(settings, source, cleaned.text, record)  # the registers open without reading every letter again
    keep_entry(settings, record, document_entry(((c.id, c.text, c.metadata) for c in chunks), record, settings.lexical_analyzer))
    return Prepared(job, record, chunks, cleaned.text)


def prepared_in_order(jobs: Iterable[Job], settings: Settings, report: Progress) -> Iterator[Prepared]:
    """The jobs prepared in a second process, in order, while the caller writes the ones before (both cores work); a
    few jobs are prepared here.

    The process leaves each prepared file in a spool folder and says so on its pipe: Chroma's writes hold the GIL, so a
    thread of ours could not empty a pipe of whole files while one runs, and the process would wait. It runs at most about
    two write batches of chunks ahead. An error other than an unreadable file ends the iteration with that error; when
    the caller stops early, the process is stopped with it."""
    jobs = list(jobs)
    if len(jobs) <= IN_PROCESS:  # an upload, a changed file: not worth starting a process for
        yield from prepared_here(jobs, settings, report)
        return
    spool = settings.data_dir / "spool"
    shutil.rmtree(spool, ignore_errors=True)  # what a killed run left; the caller holds the writer lock
    spool.mkdir(parents=True)
    proc = subprocess.Popen([sys.executable, "-m", "ingest.prepare"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT)
    try:
        pickle.dump((settings, jobs, str(spool), 2 * settings.write_batch_size), proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        proc.stdin.close()
        while True:
            try:
                kind, value = pickle.load(proc.stdout)
            except Exception as e:  # the process died (EOFError) or sent what cannot be read: the run cannot go on
                raise RuntimeError(f"the process preparing the files stopped (exit code {proc.wait()})") from e
            match kind:
                case "report":
                    report(*value)
                case "prepared":
                    path = Path(value)
                    with open(path, "rb") as f:
                        doc = pickle.load(f)
                    path.unlink()
                    yield doc
                case "done":
                    return
                case "error":
                    raise value
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        for stream in (proc.stdin, proc.stdout):
            stream.close()
        shutil.rmtree(spool, ignore_errors=True)


def prepared_here(jobs: Iterable[Job], settings: Settings, report: Progress) -> Iterator[Prepared]:
    """The jobs prepared one after the other in this process, with one reading child for them all."""
    with Reader(settings) as reader:
        for job in jobs:
            report("file", {"file": shown(job.source), "n": job.n, "files": job.files})
            yield prepare(job, settings, report, reader)


def held(spool: Path) -> int:
    """Chunks prepared and not yet taken: the spool's files are named '<n>-<chunks>.pickle'."""
    return sum(int(name.rsplit("-", 1)[1].split(".")[0]) for name in os.listdir(spool) if name.endswith(".pickle"))


def serve() -> None:
    """Run in the preparing process: read the run from stdin, spool each file's result and send its progress in order."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the caller's to handle: it stops this process
    settings, jobs, spool, most = pickle.load(sys.stdin.buffer)
    spool, parent = Path(spool), os.getppid()
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # whatever a library prints goes to stderr, not between the messages
    sys.stdout = sys.stderr

    def send(kind: str, value) -> None:
        pickle.dump((kind, value), out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()

    report = lambda event, info: send("report", (event, info))
    try:
        for doc in prepared_here(jobs, settings, report):
            path = spool / f"{doc.job.n:09d}-{len(doc.chunks)}.pickle"
            with open(spool / f".{path.name}.tmp", "wb") as f:
                pickle.dump(doc, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(spool / f".{path.name}.tmp", path)
            send("prepared", str(path))
            while held(spool) >= most:  # the caller is behind: wait before preparing the next
                if os.getppid() != parent:
                    return  # and gone
                time.sleep(0.02)
        send("done", None)
    except BrokenPipeError:
        return  # the caller stopped
    except Exception as e:
        if not spool.exists():
            return  # the caller stopped, and took the spool with it
        try:
            pickle.dumps(e)
        except Exception:
            e = RuntimeError(f"{type(e).__name__}: {e}")
        send("error", e)


if __name__ == "__main__":
    from ingest.prepare import serve as serve_imported  # the classes it sends must be ingest.prepare's, not __main__'s

    serve_imported()
