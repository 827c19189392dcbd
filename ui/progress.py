"""Ingest progress in the app: a bar with one Dutch line per stage, also shown to writers waiting their turn."""
from __future__ import annotations

import threading
from collections.abc import Callable

import streamlit as st

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
            case "chunks":
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


def progress_bar(text: str):
    """A progress bar and the callback that moves it: `shown(fraction, line)`."""
    bar = st.progress(0.0, text=text)
    return bar, lambda fraction, line: bar.progress(fraction, text=line)
