"""CSV and TSV as Dutch Excel saves them: semicolons, Windows-1252, CRLF, decimal commas — detected, not assumed."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from ingest.tables.grid import Grid, TableError, count_rows

DELIMITERS = ";,\t|"


def decode(data: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252 when that reads as text; otherwise refuse."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise TableError("onbekende tekenset: het bestand bevat binaire tekens; sla het op als CSV UTF-8 of CSV (puntkomma)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as e:
        raise TableError("onbekende tekenset: sla het bestand op als CSV UTF-8 of CSV (puntkomma)") from e
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t")
    if control > len(text) / 100:
        raise TableError("onbekende tekenset: sla het bestand op als CSV UTF-8 of CSV (puntkomma)")
    return text


def sniff_delimiter(text: str, suffix: str) -> str:
    """The delimiter that splits the first lines into the most consistent number of columns."""
    if suffix == ".tsv":
        return "\t"
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    best, best_score = ";", -1.0
    for delim in DELIMITERS:
        counts = [len(next(csv.reader([line], delimiter=delim))) for line in lines]
        wide = [c for c in counts if c > 1]
        if not wide:
            continue
        mode = max(set(wide), key=wide.count)
        score = wide.count(mode) * mode
        if score > best_score:
            best, best_score = delim, score
    return best


def read_delimited(path: Path, max_rows: int) -> list[Grid]:
    """A .csv/.tsv as one sheet named after the file."""
    text = decode(path.read_bytes())
    delimiter = sniff_delimiter(text, path.suffix.lower())
    grid = Grid(path.stem)
    for n, cells in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1):
        count_rows(max_rows, n, grid.name)
        cells = [" ".join(c.split()) for c in cells]
        if any(cells):
            grid.rows.append((n, cells))
    return [grid]
