"""Find where a table starts: title and blank rows above the header, merged or missing header names, empty tails."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.tables.grid import Grid

NOTES_NAMES = re.compile(r"toelichting|notities|notes?\b|uitleg|leeswijzer|bronnen|over deze|info|readme|colofon", re.I)
NUMBER = re.compile(r"^[-+−]?[€$£]?\s?\d[\d.,]*\s?%?$")
HEADER_SCAN = 20  # rows searched for a header: title blocks are short


@dataclass
class Table:
    """A sheet's table: column names and its data rows as (source row number, values) pairs."""

    sheet: str
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    header_row: int = 1
    title: str = ""


def _is_header(cells: list[str], width: int) -> bool:
    filled = [c for c in cells if c]
    return len(filled) >= 2 and len(filled) >= 0.5 * width and not any(NUMBER.match(c) for c in filled) and all(len(c) <= 80 for c in filled)


def is_subheader(top: list[str], below: list[str]) -> bool:
    """A second header row under merged group cells: it fills the gaps the top row leaves and leaves empty what the top row names."""
    filled = [c for c in below if c]
    # A data row names its row in the first column; a sub-header leaves it to the (vertically merged) name above.
    if not filled or below[0] or not top[0] or any(NUMBER.match(c) or len(c) > 80 for c in filled):
        return False
    pairs = list(zip(top, below + [""] * (len(top) - len(below))))
    return any(not t and b for t, b in pairs) and any(t and not b for t, b in pairs)


def with_groups(raw: list[str], above: list[str]) -> list[str]:
    """A two-row header: a group name merged over several columns ('Kosten' over 'per leerling', 'per school') prefixes each."""
    group, names = "", []
    for i, name in enumerate(raw):
        group = above[i] if i < len(above) and above[i] else group
        names.append(f"{group} {name}".strip() if group and name and group != name else (name or group))
    return names


def name_columns(raw: list[str]) -> list[str]:
    """Header names made usable: an empty name becomes 'kolom N'; duplicates are numbered ('Kosten (2)')."""
    names: list[str] = []
    seen: dict[str, int] = {}
    for i, name in enumerate(raw):
        name = name.strip() or f"kolom {i + 1}"
        key = name.lower()
        seen[key] = seen.get(key, 0) + 1
        names.append(name if seen[key] == 1 else f"{name} ({seen[key]})")
    return names


def notes_text(grid: Grid) -> str:
    """A sheet of notes as text: each row's cells joined, one paragraph a row."""
    return "\n\n".join(" ".join(c for c in cells if c) for _, cells in grid.rows if any(cells))


def find_table(grid: Grid) -> Table | str | None:
    """The sheet's table, or its text when it is a notes sheet, or None when it has neither a header nor notes."""
    rows = grid.rows
    if not rows:
        return ""
    wide = sum(1 for _, cells in rows if sum(1 for c in cells if c) >= 2)
    if NOTES_NAMES.search(grid.name) or wide <= max(1, len(rows) // 5):
        return notes_text(grid)
    width = max(len([c for c in cells if c]) for _, cells in rows[:200])
    for i, (n, cells) in enumerate(rows[:HEADER_SCAN]):
        if _is_header(cells, width) and i + 1 < len(rows):
            # A merged header cell leaves empty cells to its right; a merged title above is a single-cell row.
            raw = list(cells)
            used = max(len(c) for _, c in rows[i + 1:i + 200]) if rows[i + 1:] else len(raw)
            raw += [""] * max(0, used - len(raw))
            start = i + 1
            if start < len(rows) and rows[start][0] == n + 1 and is_subheader(raw, rows[start][1]):
                raw, start = with_groups(rows[start][1] + [""] * (len(raw) - len(rows[start][1])), raw), start + 1
            header = name_columns(raw)
            data = []
            for m, values in rows[start:]:
                values = (values + [""] * len(header))[:len(header)]
                if any(values):
                    data.append((m, values))
            keep = [j for j, name in enumerate(raw) if name.strip() or any(v[j] for _, v in data)]
            header = [header[j] for j in keep]
            data = [(m, [v[j] for j in keep]) for m, v in data]
            title = " ".join(c for _, cs in rows[:i] for c in cs if c)
            return Table(grid.name, header, data, n, title)
    return None
