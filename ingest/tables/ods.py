"""OpenDocument spreadsheets (LibreOffice .ods), read from content.xml with the standard library."""
from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

from ingest.tables.grid import Grid, TableError, check_unpacked, count_rows

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
# A repeat count this large is a formatting artefact (a styled empty tail), never data.
MAX_REPEAT = 1000


def _cell_text(cell) -> str:
    paragraphs = []
    for p in cell.iter(f"{{{TEXT}}}p"):
        paragraphs.append("".join(p.itertext()))
    if paragraphs:
        return " ".join(" ".join(paragraphs).split())
    value = cell.get(f"{{{OFFICE}}}value")
    return value.replace(".", ",") if value else ""


def read_ods(path: Path, max_rows: int, max_unpacked_mb: int) -> list[Grid]:
    """Every sheet of an .ods as rows of cell text (the text LibreOffice shows, not the formula)."""
    check_unpacked(path, max_unpacked_mb)
    try:
        with zipfile.ZipFile(path) as z:
            root = ElementTree.fromstring(z.read("content.xml"))
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError) as e:
        raise TableError("ODS-bestand kon niet worden gelezen (beschadigd?)") from e
    grids = []
    for table in root.iter(f"{{{TABLE}}}table"):
        grid = Grid(table.get(f"{{{TABLE}}}name") or f"blad {len(grids) + 1}")
        n = 0
        for row in table.iter(f"{{{TABLE}}}table-row"):
            repeat_rows = min(int(row.get(f"{{{TABLE}}}number-rows-repeated", "1")), MAX_REPEAT)
            cells: list[str] = []
            for cell in row:
                if cell.tag not in (f"{{{TABLE}}}table-cell", f"{{{TABLE}}}covered-table-cell"):
                    continue
                repeat = min(int(cell.get(f"{{{TABLE}}}number-columns-repeated", "1")), MAX_REPEAT)
                cells.extend([_cell_text(cell)] * repeat)
            while cells and not cells[-1]:
                cells.pop()
            for _ in range(repeat_rows):
                n += 1
                count_rows(max_rows, n, grid.name)
                if cells:
                    grid.rows.append((n, list(cells)))
        grids.append(grid)
    return grids
