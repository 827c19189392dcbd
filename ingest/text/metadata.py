"""Document metadata: detected from a letter's own text, overridden by the corpus manifest."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}
MONTH_NAMES = {v: k for k, v in MONTHS.items()}
KINDS = ("kamerbrief", "brief", "webpagina", "advies", "overzicht", "index", "document")
DUTCH_DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
MANIFEST_NAMES = ("manifest.yaml", "manifest.yml")


def parse_dutch_date(text: str) -> str | None:
    """'10 maart 2023' -> '2023-03-10'."""
    m = DUTCH_DATE.search(text)
    if not m:
        return None
    return f"{int(m.group(3)):04d}-{MONTHS[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"


def date_number(date: str | None) -> int:
    """A sortable number for an ISO date of any precision: '2023-03-10' -> 20230310, '2021' -> 20210000, none -> 0."""
    if not date:
        return 0
    parts = [int(p) for p in re.findall(r"\d+", str(date))[:3]]
    parts += [0] * (3 - len(parts))
    return parts[0] * 10000 + parts[1] * 100 + parts[2]


def display_date(date: str | None) -> str:
    """'2023-03-10' -> '10 maart 2023'; '2023-11' -> 'november 2023'; None -> 'ongedateerd'."""
    if not date:
        return "ongedateerd"
    parts = [int(p) for p in re.findall(r"\d+", str(date))[:3]]
    if len(parts) == 3:
        return f"{parts[2]} {MONTH_NAMES[parts[1]]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTH_NAMES[parts[1]]} {parts[0]}"
    return str(parts[0])


def detect_letter(raw: str) -> dict:
    """Datum, Onze referentie, Betreft and the signing minister from a letter's text."""
    head = raw[:4000]
    meta: dict = {}
    if not re.search(r"^\s*(Onze referentie|Ons kenmerk|Betreft)\b", head, re.MULTILINE):
        return meta
    m = re.search(r"^\s*Datum\b[ \t]*:?[ \t]*(.*)$", head, re.MULTILINE)
    if m:
        date = parse_dutch_date(m.group(1)) or parse_dutch_date(head[m.end():m.end() + 40].split("Betreft")[0])
        if date:
            meta["date"] = date
    m = re.search(r"^\s*(?:Onze referentie|Ons kenmerk)\b[ \t]*:?\s*([\d][\d \t]*\d)", head, re.MULTILINE)
    if m:
        meta["reference"] = re.sub(r"\s+", "", m.group(1))
    m = re.search(r"^\s*Betreft\b[ \t]*:?[ \t]*(.+)$", head, re.MULTILINE)
    if m and m.group(1).strip():
        meta["subject"] = m.group(1).strip()
        meta["title"] = meta["subject"]
    tail = raw[-1500:]
    m = re.search(r"(?:^|\n)\s*((?:De|de) (?:minister|staatssecretaris)[^\n]*?),?\s*\n\s*\n?\s*([A-Z][^\n,]{2,60})\s*$", tail)
    if m:
        meta["signer"] = f"{m.group(2).strip()}, {m.group(1).strip().rstrip(',')}"
    if re.search(r"Voorzitter van de (Tweede|Eerste) Kamer", head, re.IGNORECASE):
        meta["kind"] = "kamerbrief"
    else:
        meta["kind"] = "brief"
    meta["publisher"] = "Ministerie van Onderwijs, Cultuur en Wetenschap" if "Onderwijs, Cultuur en Wetenschap" in head + tail else None
    return {k: v for k, v in meta.items() if v}


def load_manifest(folder: Path) -> dict[str, dict]:
    """Manifest entries by file name, from manifest.yaml in the folder (empty when absent)."""
    for name in MANIFEST_NAMES:
        path = folder / name
        if path.is_file():
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            return {str(k): dict(v or {}) for k, v in (data.get("documents") or {}).items()}
    return {}


def resolve_metadata(path: Path, raw: str, first_heading: str | None, manifest: dict[str, dict]) -> dict:
    """Metadata for one document: detected values, then the manifest's, with defaults filled in."""
    meta = detect_letter(raw)
    meta.update({k: v for k, v in manifest.get(path.name, {}).items() if v is not None})
    meta.setdefault("title", first_heading or path.stem.replace("-", " ").replace("_", " "))
    meta.setdefault("kind", "document")
    if meta["kind"] not in KINDS:
        meta["kind"] = "document"
    meta["date"] = str(meta["date"]) if meta.get("date") else None
    return meta
