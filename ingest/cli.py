"""`python -m ingest [PATH ...] [--json]`: index documents, print what changed."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from ingest.lock import IndexBusy
from ingest.paths import shown
from ingest.pipeline import Summary, ingest
from ingest.settings import Settings
from ingest.index.reindex import reindex
from ingest.index.store import IndexError_, storage_failure


class ProgressBar:
    """Files and chunks on stderr: one redrawn line on a terminal, a line per file otherwise."""

    def __init__(self, stream=sys.stderr):
        self.stream = stream
        self.tty = stream.isatty()
        self.file = ""
        self.files = (0, 0)

    def __call__(self, event: str, info: dict) -> None:
        if event == "file":
            self.file, self.files = info["file"], (info["n"], info["files"])
            self._draw(f"[{info['n']}/{info['files']}] {self.file}", final=not self.tty)
        elif event == "chunks":  # the file being embedded: reading runs a few files ahead of it
            self.file, self.files = shown(info["file"]), (info.get("n", self.files[0]), self.files[1])
            width = 24
            filled = int(width * info["done"] / max(info["total"], 1))
            bar = "#" * filled + "-" * (width - filled)
            final = not self.tty and info["done"] == info["total"]
            self._draw(f"[{self.files[0]}/{self.files[1]}] {self.file} [{bar}] {info['done']}/{info['total']} chunks", final)
        elif event == "ocr":
            final = not self.tty
            self._draw(f"[{self.files[0]}/{self.files[1]}] {self.file} OCR page {info['page']} of {info['pages']}", final)
        elif event == "done" and self.tty:
            self.stream.write("\n")

    def _draw(self, line: str, final: bool) -> None:
        if self.tty:
            self.stream.write("\r\033[K" + line[:160])
        elif final:
            self.stream.write(line + "\n")
        self.stream.flush()


def print_summary(summary: Summary) -> None:
    """A human-readable summary on stdout."""
    print(
        f"added {len(summary.added)}, updated {len(summary.updated)}, unchanged {len(summary.unchanged)}, "
        f"removed {len(summary.removed)}, failed {len(summary.failed)}; "
        f"{summary.chunks_written} chunks written, {summary.chunks_in_index} in the index, {summary.seconds:.1f} s"
    )
    for source, reason in summary.failed.items():
        print(f"  failed: {shown(source)}: {reason}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest", description="Index documents for Kansenwijzer.")
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders (default: the corpus folder)")
    parser.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    parser.add_argument("--reindex", action="store_true", help="build the index again beside the old one and switch when complete (after changing the embedder, or to repair it)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    settings = Settings()
    paths = args.paths or [settings.corpus_dir]
    try:
        progress = None if args.quiet else ProgressBar()
        summary = reindex(paths, settings, ingest, progress=progress) if args.reindex else ingest(paths, settings, progress=progress)
    except (IndexError_, IndexBusy) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except Exception as e:
        failure = storage_failure(e, settings)
        if failure is None:
            raise
        print(f"error: {failure}", file=sys.stderr)
        return 2
    if getattr(summary, "set_aside", ""):
        print(f"the old index could not be opened; it was moved to {summary.set_aside}", file=sys.stderr)
    if args.json:
        print(json.dumps(summary.to_dict(), ensure_ascii=False))
    else:
        print_summary(summary)
    return 0
