"""The interventions overview: every record of every indexed table, for a page to filter, sort and export."""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass

from assistant.answer.records import Row, rows_of

SOURCE_COLUMN = "bron in index"
# What Excel and LibreOffice evaluate when a cell starts with it; a number such as -3 is data, not a formula.
FORMULA_START = re.compile(r"^[=+\-@\t\r]")
NUMBER = re.compile(r"^[-+]?\d+([.,]\d+)?$")


@dataclass
class Column:
    """A column of the overview: its name, its type ('number', 'level', 'text') and its role (name, effect, cost, …)."""

    name: str
    kind: str
    role: str = ""


def interventions(passages) -> tuple[list[Column], list[Row]]:
    """The records in the index and the union of their columns, in the order the tables give them."""
    rows = rows_of(passages)
    rows.sort(key=lambda r: (r.passage.source, r.passage.record["sheet"], r.passage.record["row"]))
    columns: dict[str, Column] = {}
    for row in rows:
        kinds = json.loads(row.passage.record.get("columns") or "{}")
        roles = {column: role for role, column in row.roles.items()}
        for name, _ in row.fields:
            columns.setdefault(name, Column(name, kinds.get(name, "text").rstrip("."), roles.get(name, "")))
    return list(columns.values()), rows


def where(row: Row) -> str:
    """The row's place: 'interventie-index.xlsx, blad Index, rij 7'."""
    r = row.passage.record
    return f"{r['file_name']}, blad {r['sheet']}, rij {r['row']}"


def table_rows(columns: list[Column], rows: list[Row]) -> list[dict]:
    """One dict per record: every column's value as written, and where it comes from."""
    return [{**{c.name: dict(r.fields).get(c.name, "") for c in columns}, SOURCE_COLUMN: where(r)} for r in rows]


def inert(value: str) -> str:
    """A CSV cell a spreadsheet will show, not run: a leading apostrophe only where it would start a formula."""
    if isinstance(value, str) and FORMULA_START.match(value) and not NUMBER.match(value.strip()):
        return "'" + value
    return value


def interventions_csv(columns: list[Column], rows: list[Row]) -> bytes:
    """CSV with a BOM and semicolons, as Dutch Excel opens it directly."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[c.name for c in columns] + [SOURCE_COLUMN], delimiter=";")
    writer.writeheader()
    writer.writerows({k: inert(v) for k, v in row.items()} for row in table_rows(columns, rows))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def interventions_xlsx(columns: list[Column], rows: list[Row]) -> bytes:
    """An Excel workbook: text cells stored as text (never as formulas, so no apostrophe is needed), numbers as numbers."""
    from openpyxl import Workbook

    from ingest.tables.records import number_of

    book = Workbook()
    sheet = book.active
    sheet.title = "Interventies"
    sheet.append([c.name for c in columns] + [SOURCE_COLUMN])
    kinds = [c.kind for c in columns] + ["text"]
    for n, row in enumerate(table_rows(columns, rows), 2):
        for j, (value, kind) in enumerate(zip(row.values(), kinds), 1):
            number = number_of(value) if kind == "number" and value else None
            cell = sheet.cell(row=n, column=j, value=number if number is not None else value)
            if number is None:
                cell.data_type = "s"  # a string that starts with '=' stays a string
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
