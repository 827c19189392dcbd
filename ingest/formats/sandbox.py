"""Run every format reader in a child process under a time and memory limit, so no file can hang or exhaust the ingest."""
from __future__ import annotations

import json
import os
import resource
import select
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from ingest.types import LoadError, Page

TOO_BIG = "te groot: het lezen vraagt meer geheugen dan toegestaan (KANSENWIJZER_PARSE_MEMORY_MB)"
# How a child out of memory dies: Python's MemoryError, or a library that cannot be mapped into the limited address space.
OUT_OF_MEMORY = ("MemoryError", "failed to map segment", "Cannot allocate memory")
DAMAGED = {"pdf": "PDF kon niet worden gelezen (beschadigd bestand?)", "docx": "geen geldig Word-bestand (.docx)"}
FAILED = "bestand kon niet worden gelezen (beschadigd bestand?)"
ROOT = str(Path(__file__).resolve().parents[2])


def run_limited(module: str, args: list[str], settings, *, timeout: float | None = None, what: str = "verwerken",
                too_big: str = TOO_BIG, failed: str = FAILED) -> dict:
    """Run `python -m module args` in a child under settings' memory limit and a time limit (parse_timeout unless given);
    return the JSON it prints, or raise LoadError: `what` took too long, `too_big` when out of memory, `failed` on any other
    crash, or the child's own {"error": ...}."""
    timeout = settings.parse_timeout if timeout is None else timeout
    try:
        proc = subprocess.run([sys.executable, "-m", module, *args], capture_output=True, timeout=timeout,
                              preexec_fn=memory_limit(settings), cwd=ROOT)
    except subprocess.TimeoutExpired as e:
        raise LoadError(f"{what} duurde te lang (meer dan {timeout:.0f} s)") from e
    if proc.returncode != 0:
        raise crashed(proc.returncode, proc.stderr.decode("utf-8", "replace"), too_big, failed)
    result = json.loads(proc.stdout)
    if isinstance(result, dict) and "error" in result:
        raise LoadError(result["error"])
    return result



def memory_limit(settings):
    """What a child runs before it starts: settings' parse_memory_mb as its address-space limit."""
    memory = settings.parse_memory_mb * 1024 * 1024

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return limit


def crashed(returncode: int, stderr: str, too_big: str, failed: str) -> LoadError:
    """Why a child died: out of memory (killed, or its error says so), or any other failure."""
    if returncode in (-9, 137) or any(sign in stderr for sign in OUT_OF_MEMORY):
        return LoadError(too_big)
    return LoadError(failed)


class Reader:
    """One child that reads file after file, under the same limits as a child per file: each file gets parse_timeout
    (the first also the child's start), the child's memory is limited to parse_memory_mb, and a child that took too long,
    died, or grew past a quarter of its limit is replaced by a new one for the next file. Starting Python once per file
    was most of the cost of reading a plain-text letter (60 ms of 65)."""

    def __init__(self, settings):
        self.settings = settings
        self.proc: subprocess.Popen | None = None
        self.stderr = None

    def __enter__(self) -> "Reader":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def pages(self, path: Path, fmt: str) -> list[Page]:
        """The pages of one file, or LoadError with the reason in Dutch."""
        settings = self.settings
        deadline = time.monotonic() + settings.parse_timeout
        if self.proc is None:
            self.stderr = tempfile.TemporaryFile()  # read only when the child dies: a pipe nobody drains could block it
            self.proc = subprocess.Popen([sys.executable, "-m", "ingest.formats.sandbox", "--serve"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=self.stderr, preexec_fn=memory_limit(settings), cwd=ROOT)
        request = json.dumps([fmt, str(path), settings.max_text_mb, settings.max_unzipped_mb]) + "\n"
        try:
            self.proc.stdin.write(request.encode())
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            raise self._died(fmt) from None
        answer = bytearray()
        fd = self.proc.stdout.fileno()
        ready = select.poll()  # not select.select(): it fails for a descriptor numbered 1024 or more, which a long-lived app reaches
        ready.register(fd, select.POLLIN)
        while not answer.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not ready.poll(remaining * 1000):
                self.close()
                raise LoadError(f"verwerken duurde te lang (meer dan {settings.parse_timeout:.0f} s)")
            data = os.read(fd, 1 << 20)
            if not data:
                raise self._died(fmt)
            answer += data
        result = json.loads(answer)
        if result.get("rss_mb", 0) > settings.parse_memory_mb / 4:  # what a large file left behind is not the next file's
            self.close()
        if "error" in result:
            raise LoadError(result["error"])
        return [Page(number, text) for number, text in result["pages"]]

    def _died(self, fmt: str) -> LoadError:
        code = self.proc.wait()
        self.stderr.seek(0)
        error = crashed(code, self.stderr.read().decode("utf-8", "replace"), TOO_BIG, DAMAGED.get(fmt, FAILED))
        self.close()
        return error

    def close(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
            for stream in (self.proc.stdin, self.proc.stdout, self.stderr):
                try:
                    stream.close()
                except OSError:
                    pass  # a request the dead child never read
            self.proc = None


def read_in_child(path: Path, fmt: str, settings, reader: Reader | None = None) -> list[Page]:
    """Pages of a file, read by its format's reader in a child with settings' parse_timeout and parse_memory_mb: in
    `reader`'s child when given (a run of many files), else in a child of its own."""
    if reader is not None:
        return reader.pages(path, fmt)
    with Reader(settings) as own:
        return own.pages(path, fmt)


def check_unzipped_size(path: Path, max_mb: int) -> None:
    """Refuse a zip-based file (docx, xlsx, odt) whose members add up to more than max_mb, before anything is unpacked."""
    try:
        with zipfile.ZipFile(path) as z:
            total = sum(info.file_size for info in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise LoadError("beschadigd zip-bestand") from e
    if total > max_mb * 1024 * 1024:
        raise LoadError(f"te groot: pakt uit tot {total // (1024 * 1024)} MB, de grens is {max_mb} MB")


def extract(fmt: str, path: Path, max_text_mb: int, max_unzipped_mb: int) -> dict:
    """Run inside the child: the pages of one file as [number, text] pairs, or a Dutch error."""
    try:
        if fmt != "pdf" and zipfile.is_zipfile(path):
            check_unzipped_size(path, max_unzipped_mb)
        match fmt:
            case "pdf":
                from ingest.formats.pdf import extract_pages

                pages = extract_pages(path, max_text_mb)
            case "docx":
                from ingest.formats.word import read_docx

                pages = [(None, read_docx(path.read_bytes()))]
            case "html":
                from ingest.formats.html import read_html

                pages = [(None, read_html(path.read_bytes()))]
            case _:
                from ingest.formats.text import read_text

                pages = [(None, read_text(path.read_bytes()))]
    except LoadError as e:
        return {"error": str(e)}
    except MemoryError:
        return {"error": TOO_BIG}
    except RecursionError:
        return {"error": "te diep geneste opmaak (beschadigd of kwaadaardig bestand?)"}
    if sum(len(text) for _, text in pages) > max_text_mb * 1024 * 1024:
        return {"error": f"te groot: meer dan {max_text_mb} MB tekst"}
    return {"pages": pages}


def serve() -> None:
    """Run inside the child: one JSON request per line on stdin, one answer per line on stdout, with the child's size."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the reading process's to handle: it stops this child
    answers = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # whatever a reader library prints goes to stderr, not between the answers
    sys.stdout = sys.stderr
    for line in sys.stdin:
        fmt, path, text_mb, zip_mb = json.loads(line)
        answer = extract(fmt, Path(path), int(text_mb), int(zip_mb))
        with open("/proc/self/statm") as statm:
            answer["rss_mb"] = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
        answers.write(json.dumps(answer) + "\n")
        answers.flush()


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve"]:
        serve()
    else:
        fmt_, path_, text_mb, zip_mb = sys.argv[1:5]
        json.dump(extract(fmt_, Path(path_), int(text_mb), int(zip_mb)), sys.stdout)
