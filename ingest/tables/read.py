"""Read a table file in a child process with the same time and memory limits as parsing any other file."""
from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

from ingest.settings import Settings
from ingest.tables.grid import Grid, TableError
from ingest.types import LoadError

TABLE_SUFFIXES = {".xlsx": "xlsx", ".xlsm": "xlsx", ".csv": "csv", ".tsv": "csv", ".ods": "ods", ".json": "json"}


def read_grids(path: Path, settings: Settings) -> tuple[list[Grid], str]:
    """Sheets of a table file, plus any page text around them (HTML); raise LoadError with a Dutch reason."""
    memory = settings.parse_memory_mb * 1024 * 1024

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    args = [sys.executable, "-m", "ingest.tables.read", str(path), str(settings.table_max_rows), str(settings.table_max_unpacked_mb)]
    try:
        proc = subprocess.run(args, capture_output=True, timeout=settings.parse_timeout, preexec_fn=limit_memory,
                              cwd=str(Path(__file__).resolve().parents[2]))
    except subprocess.TimeoutExpired as e:
        raise LoadError(f"verwerken duurde te lang (meer dan {settings.parse_timeout:.0f} s)") from e
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace")
        if "MemoryError" in err or proc.returncode in (-9, 137):
            raise LoadError("te groot: de tabel past niet in het toegestane geheugen")
        raise LoadError("tabel kon niet worden gelezen (beschadigd bestand?)")
    result = json.loads(proc.stdout)
    if "error" in result:
        raise LoadError(result["error"])
    return [Grid.from_json(g) for g in result["grids"]], result.get("text", "")


def read_in_child(path: Path, max_rows: int, max_unpacked_mb: int) -> dict:
    """Run inside the child: one loader per format."""
    suffix = path.suffix.lower()
    text = ""
    try:
        match TABLE_SUFFIXES.get(suffix, "html"):
            case "xlsx":
                from ingest.tables.xlsx import read_xlsx
                grids = read_xlsx(path, max_rows, max_unpacked_mb)
            case "ods":
                from ingest.tables.ods import read_ods
                grids = read_ods(path, max_rows, max_unpacked_mb)
            case "csv":
                from ingest.tables.delimited import read_delimited
                grids = read_delimited(path, max_rows)
            case "json":
                from ingest.tables.jsonlist import read_json
                grids = read_json(path, max_rows)
            case _:
                from ingest.tables.html import html_tables
                grids, text = html_tables(path.read_bytes(), max_rows)
    except TableError as e:
        return {"error": str(e)}
    return {"grids": [g.to_json() for g in grids], "text": text}


if __name__ == "__main__":
    json.dump(read_in_child(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])), sys.stdout)
