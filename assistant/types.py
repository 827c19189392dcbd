"""What users see: passages, citations, answers — converted from index records at the edge."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from ingest.text.metadata import display_date

KIND_LABELS = {
    "kamerbrief": "Kamerbrief", "brief": "brief", "webpagina": "webpagina",
    "advies": "advies", "overzicht": "overzicht", "index": "interventie-index", "document": "document",
}


RECORD_KEYS = ("sheet", "row", "file_name", "fields", "roles", "columns")


def is_date(text: str) -> bool:
    """A real calendar date at any precision: '2023', '2023-03', '2023-03-10' (not '2023-13-45')."""
    from datetime import date

    parts = text.split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4 or any(len(p) != 2 for p in parts[1:]):
        return False
    try:
        date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


@dataclass
class Filters:
    """Restrictions on what is searched."""

    kinds: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    date_from: str | None = None  # ISO date, any precision
    date_to: str | None = None

    def is_empty(self) -> bool:
        return not (self.kinds or self.sources or self.sectors or self.date_from or self.date_to)

    def problems(self, documents: dict[str, dict]) -> list[str]:
        """What in these filters can match nothing, each with the values allowed (an empty list: all fine)."""
        from ingest.text.metadata import KINDS

        found = []
        if unknown := [s for s in self.sources if s not in documents]:
            found.append(f"unknown document {', '.join(unknown)}; known: {', '.join(sorted(documents)) or '(none indexed)'}")
        if unknown := [k for k in self.kinds if k not in KINDS]:
            found.append(f"unknown kind {', '.join(unknown)}; allowed: {', '.join(KINDS)}")
        for name, value in (("date-from", self.date_from), ("date-to", self.date_to)):
            if value and not is_date(value):
                found.append(f"{name} {value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2023-03-10)")
        if self.date_from and self.date_to and is_date(self.date_from) and is_date(self.date_to) and self.date_from > self.date_to:
            found.append(f"date-from {self.date_from} is after date-to {self.date_to}")
        return found

    def describe(self) -> str:
        """Dutch one-liner for 'gezocht in: …'."""
        parts = []
        if self.kinds:
            parts.append("soort: " + ", ".join(self.kinds))
        if self.sources:
            parts.append("documenten: " + ", ".join(s.rsplit("/", 1)[-1] for s in self.sources))
        if self.sectors:
            parts.append("sector: " + ", ".join(self.sectors))
        if self.date_from or self.date_to:
            parts.append(f"datum: {self.date_from or '…'} t/m {self.date_to or '…'}")
        return "; ".join(parts) if parts else "alle documenten"


@dataclass
class Passage:
    """A retrieved chunk with its place in the document."""

    id: str
    text: str
    source: str
    title: str
    kind: str
    date: str
    reference: str
    page: int | None
    section: str
    start: int
    end: int
    seams: list[int]
    sectors: list[str]
    footnotes: list[list[int]] = field(default_factory=list)  # [start, end] of footnote blocks within the text
    publisher: str = ""
    score: float = 0.0
    dense: float = 0.0
    lexical: float = 0.0
    rank: int = 0
    ocr: bool = False  # the text was read from a scan
    record: dict | None = None  # a table row: sheet, row, file_name, fields [[column, value]], roles, typed f_* values

    @classmethod
    def from_record(cls, chunk_id: str, text: str, meta: dict) -> "Passage":
        """Build from a Chroma record."""
        page = meta.get("page", -1)
        return cls(
            id=chunk_id, text=text, source=meta["source"], title=meta.get("title", ""), kind=meta.get("kind", "document"),
            date=meta.get("date", ""), reference=meta.get("reference", ""), page=page if page and page > 0 else None,
            section=meta.get("section", ""), start=int(meta.get("start", 0)), end=int(meta.get("end", 0)),
            seams=json.loads(meta.get("seams") or "[]"), sectors=list(meta.get("sectors") or []),
            footnotes=json.loads(meta.get("footnotes") or "[]"), publisher=meta.get("publisher", ""),
            ocr=bool(meta.get("ocr")),
            record={k: v for k, v in meta.items() if k.startswith("f_") or k in RECORD_KEYS} if meta.get("record") else None,
        )

    def in_footnote(self, offset: int) -> bool:
        """Whether a position in the passage lies in a footnote."""
        return any(a <= offset < b for a, b in self.footnotes)

    @property
    def date_label(self) -> str:
        return display_date(self.date)

    def where(self) -> list[str]:
        """Date, reference and page (or section): how a citation points into the document."""
        if self.record:
            return [f"{self.record['file_name']}, blad {self.record['sheet']}, rij {self.record['row']}"]
        parts = [self.date_label]
        if self.reference:
            parts.append(f"kenmerk {self.reference}")
        if self.page:
            parts.append(f"p. {self.page}")
        elif self.section:
            parts.append(f"onderdeel '{self.section}'")
        if self.ocr:
            parts.append("(tekst herkend uit scan)")
        return parts

    def to_source(self) -> dict:
        """The contract's `sources` entry."""
        return {
            "rank": self.rank, "source": self.source, "title": self.title, "kind": self.kind, "date": self.date or None,
            "reference": self.reference or None, "page": self.page, "section": self.section,
            "start": self.start, "end": self.end, "text": self.text, "score": round(self.score, 4),
        }


@dataclass
class Citation:
    """One [n] in an answer: a verbatim quote from a retrieved passage."""

    n: int
    passage: Passage
    quote: str
    start: int  # offsets of the quote in the document's cleaned text
    end: int

    @property
    def label(self) -> str:
        """The line a memo pastes: title, kind, date, reference, page."""
        p = self.passage
        return ", ".join([f"{KIND_LABELS.get(p.kind, p.kind)} '{p.title}'"] + p.where())

    def to_dict(self) -> dict:
        p = self.passage
        return {
            "n": self.n, "source": p.source, "title": p.title, "kind": p.kind, "date": p.date or None,
            "reference": p.reference or None, "page": p.page, "section": p.section, "quote": self.quote,
            "start": self.start, "end": self.end, "rank": p.rank, "label": self.label,
        }


@dataclass
class Answer:
    """What the assistant says to one question."""

    question: str
    text: str
    answered: bool
    citations: list[Citation]
    passages: list[Passage]
    mode: str = "extractive"
    standalone_question: str = ""
    notice: str | None = None  # e.g. the LLM was unreachable and the extractive answer is shown
    incomplete: bool = False
    filters: Filters | None = None

    def to_dict(self) -> dict:
        """The JSON contract of `python -m assistant ask --json`."""
        result = {
            "question": self.question,
            "answer": self.text,
            "answered": self.answered,
            "citations": [c.to_dict() for c in self.citations],
            "sources": [p.to_source() for p in self.passages],
            "mode": self.mode,
        }
        if self.standalone_question and self.standalone_question != self.question:
            result["standalone_question"] = self.standalone_question
        if self.notice:
            result["notice"] = self.notice
        if self.incomplete:
            result["incomplete"] = True
        if self.filters is not None and not self.filters.is_empty():
            result["filters"] = asdict(self.filters)
        return result
