"""Ingest progress in the app: a bar with one Dutch line per stage, also shown to writers waiting their turn.

An index write runs as a `Job` on its own thread: any click reruns a Streamlit page and stops the run at its next
`st.` call, which must not abort an upload half-way or lose its result. The page follows the job instead."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import streamlit as st

from ingest.paths import shown

# (fraction done, Dutch line): what the pages' progress bars are moved with.
Shown = Callable[[float, str], None]

_lock = threading.Lock()
_running: str | None = None  # the line of the write this process runs now, for sessions waiting their turn


class Stages:
    """The pipeline's events as a fraction and a line ('Bestand 1 van 2, notitie.pdf: embedden (40 van 120)')."""

    def __init__(self) -> None:
        self.file, self.n, self.files, self.fraction = "", 0, 0, 0.0

    def line(self, event: str, info: dict) -> str | None:
        """The line for this event, or None when it changes nothing the user sees."""
        match event:
            case "file":
                self.file, self.n, self.files = info["file"].rsplit("/", 1)[-1], info["n"], info["files"]
                self.fraction = (self.n - 1) / max(self.files, 1)
                return f"{self._prefix()}: controleren"
            case "stage" if "file" in info:
                return f"{self._prefix()}: {info['stage']}"
            case "stage":
                return "De index opslaan"
            case "ocr":  # a scan: every page is read by OCR before its passages exist ('OCR pagina 3 van 12')
                return f"{self._prefix()}: {info['message']}"
            case "chunks":  # the file being embedded: reading runs a few files ahead of it
                self.file, self.n = shown(info["file"]).rsplit("/", 1)[-1], info.get("n", self.n)
                self.fraction = (self.n - 1 + info["done"] / max(info["total"], 1)) / max(self.files, 1)
                return f"{self._prefix()}: embedden ({info['done']} van {info['total']})"
        return None

    def _prefix(self) -> str:
        return f"Bestand {self.n} van {self.files}, {self.file}"


def tracking(shown: Shown | None) -> Callable[[str, dict], None]:
    """A pipeline progress callback that moves `shown` and tells waiting writers what runs now."""
    stages = Stages()

    def report(event: str, info: dict) -> None:
        line = stages.line(event, info)
        if line is None:
            return
        publish(line)
        if shown:
            shown(min(stages.fraction, 1.0), line)

    return report


def publish(line: str | None) -> None:
    """Set (or with None clear) the line that writers waiting in this process see."""
    global _running
    with _lock:
        _running = line


def running() -> str | None:
    """What the write that holds the lock in this process is doing now, if it said so."""
    with _lock:
        return _running


class Job:
    """`action(shown, waiting)` on its own thread; `follow(bar)` moves a progress bar with it from any page run.

    `shown(fraction, line)` and `waiting(line)` are what the action reports; they only record, so the action must not
    call Streamlit itself (it has no page run to draw in, and the page run that started it may be gone)."""

    def __init__(self, action: Callable[[Shown, Callable[[str], None]], Any], line: str):
        self.state = (0.0, line)  # one tuple: read and written whole from two threads
        self.result: Any = None
        self.error: BaseException | None = None
        self._done = threading.Event()
        threading.Thread(target=self._run, args=(action,), name="kansenwijzer-write", daemon=True).start()

    def _run(self, action) -> None:
        try:
            self.result = action(self._shown, self._waiting)
        except Exception as e:
            self.error = e
        finally:
            self._done.set()

    def _shown(self, fraction: float, line: str) -> None:
        self.state = (fraction, line)

    def _waiting(self, line: str) -> None:
        self.state = (0.0, line)

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def follow(self, bar) -> Any:
        """Move `bar` (an st.progress) until the job ends; its result, or its error raised here.

        A rerun of the page stops this loop at `bar.progress`, never the job: the next run follows it again."""
        drawn, at = None, 0.0
        while not self._done.wait(0.2):
            if self.state != drawn or time.monotonic() - at > 1.0:  # at least once a second: where a click is noticed
                drawn, at = self.state, time.monotonic()
                bar.progress(min(max(drawn[0], 0.0), 1.0), text=drawn[1])
        if self.error is not None:
            raise self.error
        return self.result
