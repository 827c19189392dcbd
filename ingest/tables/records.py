"""The one place where a table row becomes a record: text that reads naturally, every column kept as typed metadata."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from ingest.tables.grid import slug
from ingest.tables.header import Table

# Ordered levels as Dutch (and English) indexes write them; the number keeps the order, the label what the source says.
LEVELS = {
    "zeer laag": 1, "heel laag": 1, "zeer beperkt": 1, "zeer zwak": 1, "very low": 1, "geen": 1,
    "laag": 2, "beperkt": 2, "zwak": 2, "low": 2, "limited": 2,
    "gemiddeld": 3, "matig": 3, "middel": 3, "redelijk": 3, "moderate": 3, "medium": 3,
    "hoog": 4, "sterk": 4, "groot": 4, "high": 4, "strong": 4, "extensive": 4,
    "zeer hoog": 5, "heel hoog": 5, "zeer sterk": 5, "zeer groot": 5, "very high": 5, "very strong": 5,
}
SYMBOLS = re.compile(r"^([€£$]{1,5}|[*★]{1,5})$")
DUTCH_NUMBER = re.compile(r"^[-+−]?\d{1,3}(\.\d{3})*(,\d+)?$|^[-+−]?\d+(,\d+)?$")
PLAIN_NUMBER = re.compile(r"^[-+−]?\d+(\.\d+)?$")
SECTOR_WORDS = {"vve": "vve", "vroegschools": "vve", "voorschools": "vve", "po": "po", "primair": "po", "basisonderwijs": "po",
                "vo": "vo", "voortgezet": "vo", "mbo": "mbo", "ho": "ho", "hbo": "ho", "wo": "ho"}
ROLE_WORDS = {
    "name": r"naam|interventie|aanpak|maatregel|programma|titel|name|intervention",
    "description": r"omschrijving|beschrijving|toelichting|wat is|description|inhoud",
    "effect": r"effect|impact|opbrengst|maanden|effect ?size|progress",
    "cost": r"kosten|prijs|cost",
    "evidence": r"bewijs|evidence|onderbouwing|zekerheid",
    "sector": r"sector|onderwijstype|schoolsoort|phase",
    "target": r"doelgroep|voor wie|target|leerlingen",
    "source": r"bron|link|url|source|referentie",
}


def level_of(value: str) -> int | None:
    """The place of a level on its ordered scale (1 = zeer laag … 5 = zeer hoog), or None."""
    v = " ".join(value.lower().replace("-", " ").split())
    if v in LEVELS:
        return LEVELS[v]
    return len(v) if SYMBOLS.match(v) else None


def number_of(value: str, decimal_comma: bool = True) -> float | None:
    """A cell's number: '0,35', '1.234,5', '-3', '+2 maanden' → float; None when it is not one number."""
    v = value.strip().replace("−", "-").replace("\u00a0", " ")
    v = re.sub(r"\s*(maanden|maand|months?|%|mnd\.?)$", "", v, flags=re.I).lstrip("+€ ").strip()
    if decimal_comma and DUTCH_NUMBER.match(v):
        return float(v.replace(".", "").replace(",", "."))
    if PLAIN_NUMBER.match(v):
        return float(v)
    return None


def column_types(table: Table) -> dict[str, str]:
    """Each column's type from its values: 'number', 'level' or 'text' (four in five filled cells must agree)."""
    types = {}
    commas = sum(1 for _, values in table.rows for v in values if re.search(r"\d,\d", v))
    points = sum(1 for _, values in table.rows for v in values if re.search(r"\d\.\d", v) and not re.search(r"\d,\d", v))
    decimal_comma = commas >= points
    for j, name in enumerate(table.header):
        values = [v[j] for _, v in table.rows if v[j]]
        if not values:
            types[name] = "text"
        elif sum(number_of(v, decimal_comma) is not None for v in values) >= 0.8 * len(values):
            types[name] = "number" if decimal_comma else "number."
        elif sum(level_of(v) is not None for v in values) >= 0.8 * len(values):
            types[name] = "level"
        else:
            types[name] = "text"
    return types


def roles(header: list[str]) -> dict[str, str]:
    """Which column plays which part (name, effect, cost, evidence, sector, target, description, source), by its name."""
    found: dict[str, str] = {}
    for role, pattern in ROLE_WORDS.items():
        for name in header:
            if name not in found.values() and re.search(pattern, name, re.I):
                found[role] = name
                break
    if "name" not in found and header:
        found["name"] = header[0]
    return found


def sectors_of(value: str) -> list[str]:
    """Sector codes named in a sector cell ('po, vo' → ['po', 'vo'])."""
    words = re.findall(r"[a-zà-ÿ]+", value.lower())
    return list(dict.fromkeys(SECTOR_WORDS[w] for w in words if w in SECTOR_WORDS))


@dataclass
class Record:
    """One row: where it stands, its text, and its fields typed."""

    sheet: str
    row: int
    text: str
    fields: list[tuple[str, str]]  # (column, value as written), in column order, empty cells left out
    typed: dict  # metadata keys f_<column> (numbers, levels as numbers) and f_<column>_label (level as written)
    sectors: list[str]


def row_records(table: Table) -> list[Record]:
    """Every data row of a table as a record whose text quotes each cell verbatim."""
    types = column_types(table)
    role = roles(table.header)
    records = []
    for row, values in table.rows:
        fields = [(name, v) for name, v in zip(table.header, values) if v]
        if not fields:
            continue
        text = " — ".join(f"{name}: {v}" for name, v in fields)
        typed: dict = {}
        for name, v in fields:
            key = "f_" + slug(name)
            match types[name]:
                case "number" | "number.":
                    number = number_of(v, types[name] == "number")
                    typed[key] = number if number is not None else v
                case "level":
                    level = level_of(v)
                    if level is not None:
                        typed[key], typed[key + "_label"] = level, v
                case _:
                    typed[key] = v[:2000]
        sector_cell = dict(fields).get(role.get("sector", ""), "")
        records.append(Record(table.sheet, row, text, fields, typed, sectors_of(sector_cell)))
    return records


def record_metadata(record: Record, table_info: dict, file_name: str) -> dict:
    """What a record chunk carries besides the usual chunk metadata; `table_info` holds the table's roles and column types as JSON."""
    return {
        "record": True, "sheet": record.sheet, "row": record.row, "file_name": file_name,
        "fields": json.dumps(record.fields, ensure_ascii=False), **table_info, **record.typed,
    }


def table_info(table: Table) -> dict:
    """The table-wide part of every record's metadata, computed once."""
    return {"roles": json.dumps(roles(table.header), ensure_ascii=False),
            "columns": json.dumps(column_types(table), ensure_ascii=False)}


def embed_hash(text: str) -> str:
    """The hash the pipeline reuses vectors by: an unchanged row keeps its vector."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()
