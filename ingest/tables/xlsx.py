"""Excel workbooks: the cached values of every sheet (formulas are never evaluated), read only."""
from __future__ import annotations

from pathlib import Path

from ingest.tables.grid import Grid, TableError, cell_text, check_unpacked, count_rows


def read_xlsx(path: Path, max_rows: int, max_unpacked_mb: int) -> list[Grid]:
    """Every sheet of an .xlsx/.xlsm as rows of cell text; formulas give the value Excel stored with them."""
    check_unpacked(path, max_unpacked_mb)
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a broken workbook
        raise TableError("Excel-bestand kon niet worden gelezen (beschadigd of geen .xlsx?)") from e
    grids = []
    try:
        for ws in wb.worksheets:
            grid = Grid(ws.title)
            for n, row in enumerate(ws.iter_rows(values_only=True), 1):
                count_rows(max_rows, n, ws.title)
                cells = [cell_text(v) for v in row]
                if any(cells):
                    grid.rows.append((n, cells))
            grids.append(grid)
    finally:
        wb.close()
    return grids
