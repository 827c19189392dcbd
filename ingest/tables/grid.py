"""What every table loader returns: sheets of rows of cell text, as the source shows them."""
from __future__ import annotations

import re
from dataclasses import dataclass, field


class TableError(Exception):
    """A table that cannot be used; the message is the reason shown to users (Dutch)."""


@dataclass
class Grid:
    """One sheet as read: (row number in the source, cell texts) pairs; row numbers are what a user sees in Excel."""

    name: str
    rows: list[tuple[int, list[str]]] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"name": self.name, "rows": self.rows}

    @classmethod
    def from_json(cls, data: dict) -> "Grid":
        return cls(data["name"], [(int(n), list(cells)) for n, cells in data["rows"]])


def cell_text(value) -> str:
    """A cell value as a Dutch spreadsheet shows it: whole numbers without decimals, a decimal comma, dates as dd-mm-jjjj."""
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(round(value, 10)).replace(".", ",")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%d-%m-%Y") if value.time() == dt.time(0) else value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    return " ".join(str(value).split())


def count_rows(limit: int, n: int, name: str) -> None:
    """Stop a sheet that passes the row limit, with a message that names the setting."""
    if n > limit:
        raise TableError(
            f"te groot: blad '{name}' heeft meer dan {limit:,} rijen (grens KANSENWIJZER_TABLE_MAX_ROWS)".replace(",", ".")
        )


def check_unpacked(path, max_mb: int) -> None:
    """Refuse a zip (xlsx, ods) whose contents unpack to more than max_mb: a zip bomb is stopped before it is opened."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            total = sum(info.file_size for info in z.infolist())
    except (zipfile.BadZipFile, OSError) as e:
        raise TableError("bestand kon niet worden gelezen (geen geldig zip-bestand; beschadigd?)") from e
    if total > max_mb * 1024 * 1024:
        raise TableError(f"te groot: het bestand pakt uit tot {total // (1024 * 1024)} MB, de grens is {max_mb} MB")


SLUG = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """A column name as a metadata key: lower case ASCII words joined by '_'."""
    import unicodedata

    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return SLUG.sub("_", ascii_).strip("_") or "kolom"
