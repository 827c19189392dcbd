"""Tables inside HTML pages: each <table> with a header becomes a sheet, the page's other text a notes section."""
from __future__ import annotations

from ingest.tables.grid import Grid, count_rows


def html_tables(data: bytes, max_rows: int) -> tuple[list[Grid], str]:
    """The page's tables (row numbers count the table's own rows from 1) and the text outside them."""
    from bs4 import BeautifulSoup

    from ingest.formats.text import decode_text

    soup = BeautifulSoup(decode_text(data), "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "svg"]):
        tag.decompose()
    grids = []
    for t, table in enumerate(soup.find_all("table"), 1):
        if table.find_parent("table"):
            continue
        caption = table.find("caption")
        heading = table.find_previous(["h1", "h2", "h3", "h4"])
        name = " ".join((caption or heading).get_text(" ").split()) if (caption or heading) else f"tabel {t}"
        grid = Grid(name)
        for n, tr in enumerate(table.find_all("tr"), 1):
            if tr.find_parent("table") is not table:
                continue
            count_rows(max_rows, n, name)
            cells: list[str] = []
            for cell in tr.find_all(["td", "th"], recursive=False):
                text = " ".join(cell.get_text(" ").split())
                span = min(int(cell.get("colspan", 1) or 1), 50) if str(cell.get("colspan", 1)).isdigit() else 1
                cells.extend([text] * span)
            if any(cells):
                grid.rows.append((n, cells))
        grids.append(grid)
        table.decompose()
    if caption_free := [g for g in grids if len(g.rows) >= 2]:
        grids = caption_free
    body = soup.body or soup
    text = "\n\n".join(line.strip() for line in body.get_text("\n").splitlines() if line.strip())
    return grids, text
