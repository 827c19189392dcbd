"""Run every format reader in a child process under a time and memory limit, so no file can hang or exhaust the ingest."""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

from ingest.types import LoadError, Page

TOO_BIG = "te groot: het lezen vraagt meer geheugen dan toegestaan (KANSENWIJZER_PARSE_MEMORY_MB)"
# How a child out of memory dies: Python's MemoryError, or a library that cannot be mapped into the limited address space.
OUT_OF_MEMORY = ("MemoryError", "failed to map segment", "Cannot allocate memory")
DAMAGED = {"pdf": "PDF kon niet worden gelezen (beschadigd bestand?)", "docx": "geen geldig Word-bestand (.docx)"}


def run_limited(module: str, args: list[str], settings, *, timeout: float | None = None, what: str = "verwerken",
                too_big: str = TOO_BIG, failed: str = "bestand kon niet worden gelezen (beschadigd bestand?)") -> dict:
    """Run `python -m module args` in a child under settings' memory limit and a time limit (parse_timeout unless given);
    return the JSON it prints, or raise LoadError: `what` took too long, `too_big` when out of memory, `failed` on any other
    crash, or the child's own {"error": ...}."""
    memory = settings.parse_memory_mb * 1024 * 1024
    timeout = settings.parse_timeout if timeout is None else timeout

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    try:
        proc = subprocess.run([sys.executable, "-m", module, *args], capture_output=True, timeout=timeout,
                              preexec_fn=limit_memory, cwd=str(Path(__file__).resolve().parents[2]))
    except subprocess.TimeoutExpired as e:
        raise LoadError(f"{what} duurde te lang (meer dan {timeout:.0f} s)") from e
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace")
        if proc.returncode in (-9, 137) or any(sign in err for sign in OUT_OF_MEMORY):
            raise LoadError(too_big)
        raise LoadError(failed)
    result = json.loads(proc.stdout)
    if isinstance(result, dict) and "error" in result:
        raise LoadError(result["error"])
    return result


def read_in_child(path: Path, fmt: str, settings) -> list[Page]:
    """Pages of a file, read by its format's reader in a child with settings' parse_timeout and parse_memory_mb."""
    args = [fmt, str(path), str(settings.max_text_mb), str(settings.max_unzipped_mb)]
    failed = DAMAGED.get(fmt, "bestand kon niet worden gelezen (beschadigd bestand?)")
    result = run_limited("ingest.formats.sandbox", args, settings, failed=failed)
    return [Page(number, text) for number, text in result["pages"]]


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


if __name__ == "__main__":
    fmt_, path_, text_mb, zip_mb = sys.argv[1:5]
    json.dump(extract(fmt_, Path(path_), int(text_mb), int(zip_mb)), sys.stdout)
