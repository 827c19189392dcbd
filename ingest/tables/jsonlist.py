"""JSON from a website: a list of objects (or an object holding one such list) becomes one sheet."""
from __future__ import annotations

import json
from pathlib import Path

from ingest.tables.grid import Grid, TableError, cell_text, count_rows


def read_json(path: Path, max_rows: int) -> list[Grid]:
    """A list of flat objects as a sheet: the keys in first-seen order are the header, row 1 is the header."""
    from ingest.tables.delimited import decode

    try:
        data = json.loads(decode(path.read_bytes()))
    except json.JSONDecodeError as e:
        raise TableError(f"geen geldige JSON (regel {e.lineno})") from e
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
        data = lists[0] if len(lists) == 1 else data
    if not isinstance(data, list) or not data or not all(isinstance(x, dict) for x in data):
        raise TableError("JSON is geen lijst van objecten (één object per rij)")
    count_rows(max_rows, len(data), path.stem)
    keys: list[str] = []
    for item in data:
        keys.extend(k for k in item if k not in keys)
    grid = Grid(path.stem, [(1, list(keys))])
    for n, item in enumerate(data, 2):
        grid.rows.append((n, [_value(item.get(k)) for k in keys]))
    return [grid]


def _value(value) -> str:
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return cell_text(value)
