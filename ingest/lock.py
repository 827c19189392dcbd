"""One writer per local index: Chroma's embedded store is thread-safe, not process-safe."""
from __future__ import annotations

import fcntl
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from ingest.settings import Settings


class IndexBusy(Exception):
    """Another process is writing to this index."""


_lent = threading.local()  # data dirs whose lock this thread holds and lends to the calls it makes (a reindex to its ingest)
_writers_here = 0  # writer locks held by any thread of this process (the app's upload jobs)
_here_lock = threading.Lock()


def writing_here() -> bool:
    """Whether a thread of this process holds a writer lock now: its Chroma client must not be swapped under it."""
    with _here_lock:
        return _writers_here > 0


@contextmanager
def writer_lock(settings: Settings, wait: float = 0.0, lend: bool = False):
    """Hold the data dir's writer lock; with a Chroma server the server serialises writes and no lock is taken.

    With `lend`, a writer_lock taken further down in this thread (an ingest inside a reindex) passes straight through."""
    global _writers_here
    if settings.chroma_host:
        yield
        return
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    path: Path = settings.data_dir / "writer.lock"
    lent: set = _lent.__dict__.setdefault("dirs", set())
    key = str(path.resolve())
    if key in lent:
        yield
        return
    handle = open(path, "a+")
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "?"
                    raise IndexBusy(f"another process (pid {holder}) is writing to the index in {settings.data_dir}; try again when it is done")
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        if lend:
            lent.add(key)
        with _here_lock:
            _writers_here += 1
        try:
            yield
        finally:
            lent.discard(key)
            with _here_lock:
                _writers_here -= 1
    finally:
        try:
            fcntl.flock(handle, fcntl.LOCK_UN)
        finally:
            handle.close()
