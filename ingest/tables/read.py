"""Read a table file in a child process with the same time and memory limits as parsing any other file."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ingest.formats.sandbox import run_limited
from ingest.settings import Settings
from ingest.tables.grid import Grid, TableError

TABLE_SUFFIXES = {".xlsx": "xlsx", ".xlsm": "xlsx", ".csv": "csv", ".tsv": "csv", ".ods": "ods", ".json": "json"}


def read_grids(path: Path, settings: Settings) -> tuple[list[Grid], str]:
    """Sheets of a table file, plus any page text around them (HTML); raise LoadError with a Dutch reason."""
    args = [str(path), str(settings.table_max_rows), str(settings.table_max_unpacked_mb)]
    result = run_limited("ingest.tables.read", args, settings, too_big="te groot: de tabel past niet in het toegestane geheugen",
                         failed="tabel kon niet worden gelezen (beschadigd bestand?)")
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
