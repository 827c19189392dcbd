"""The registers: toezeggingen with their status and users' notes, and the maatregelen overview — built from the index."""
from __future__ import annotations

import hashlib
import json
import re
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path

from ingest.index.lexical import analyze, words
from ingest.lock import writer_lock
from ingest.text.metadata import date_number

from ingest.registers.commitments import Commitment, extract_commitments, latest_year
from ingest.registers.measures import Measure, measures_in, merge_measures
from ingest.registers.stored import LETTERS, per_document, per_revision

from assistant.answer.retrieve import Retriever

STATUSES = ("open", "termijn verstreken", "mogelijk nagekomen", "nagekomen", "vervallen")
# Words every commitment shares; they say nothing about its subject.
GENERIC = set("informeer informeren geinformeerd kamer uw brief minister kabinet voorstel zomer voorjaar najaar binnenkort jaar "
              "daarnaast ook verder samen collega staatssecretaris onderwijs cultuur wetenschap szw sociale zaken werkgelegenheid "
              "delen deel kom terug po vo mbo hbo havo vwo vmbo wo ho basisschool".split())


@lru_cache(maxsize=1)
def rules() -> str:
    """A digest of this module: how later mentions and statuses are found shapes the finished registers too."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


class Registers:
    """Toezeggingen and maatregelen of one index, recomputed when the index changes; edits kept in Chroma."""

    def __init__(self, retriever: Retriever, today: date | None = None):
        self.retriever = retriever
        self.today = today
        self._cache: dict[str, object] = {}
        self._years: dict[str, int] = {}
        self._memo: dict = {}  # later documents by revision and date
        self._mask: tuple = (None, None)

    @property
    def edits(self):
        """The collection that holds users' status changes and notes (Chroma, so a shared server keeps them too)."""
        index = self.retriever.index
        return index.client.get_or_create_collection(f"{self.retriever.settings.collection}_register", embedding_function=None)

    def _commitments(self) -> list[Commitment]:
        """Every commitment with its later mentions: kept per revision on disk, each letter's extraction per document."""
        snap = self.retriever.snapshot()
        key = "toezeggingen:" + snap.revision
        if key not in self._cache:
            settings = self.retriever.settings

            def compute() -> list[Commitment]:
                items: list[Commitment] = []
                for source, record in snap.documents.items():
                    if record.get("kind") in LETTERS:  # extracted at ingest; here only after a user's edit or new rules
                        text = lambda: extract_commitments(self.retriever.index.document_text(source), source, record)
                        items.extend(per_document(settings, "toezeggingen", record, text))
                ordered = sorted(items, key=lambda c: (date_number(c.date), c.source))
                found = [(c, self._candidates(c)) for c in ordered]
                for start in range(0, len(found), 1000):  # one read from Chroma per thousand commitments, not one each
                    group = found[start:start + 1000]
                    self.retriever.snapshot().passages.fetch([pid for _, (_, hits) in group for pid in hits])
                    for c, (salient, hits) in group:
                        c.fulfilled_by = self._judge(salient, hits)
                self._memo, self._mask = {}, (None, None)
                return items

            self._cache = {key: per_revision(settings, "toezeggingen", snap.revision, compute, rules())}
        return self._cache[key]

    def toezeggingen(self) -> list[Commitment]:
        """Every commitment in the letters, sorted by deadline, with its status."""
        items = [Commitment(**{**c.__dict__, "fulfilled_by": list(c.fulfilled_by), "also_at": list(c.also_at)}) for c in self._commitments()]
        edits = self._edits()
        today = self.today or date.today()
        for c in items:
            c.status = status_of(c, today)
            if c.id in edits:
                c.status, c.note = edits[c.id]["status"], edits[c.id].get("note", "")
        return sorted(items, key=lambda c: (c.due_to or "9999", c.due_from or "9999", c.source, c.start))

    def maatregelen(self) -> list[Measure]:
        """The measures overview: each document's measures as stored at ingest, merged."""
        snap = self.retriever.snapshot()
        key = "maatregelen:" + snap.revision
        if key not in self._cache:
            settings = self.retriever.settings

            def compute() -> list[Measure]:
                found = []
                for source, record in snap.documents.items():
                    text = lambda: measures_in(source, self.retriever.index.document_text(source), record)
                    found.append(per_document(settings, "maatregelen", record, text))
                return merge_measures(found)

            self._cache[key] = per_revision(settings, "maatregelen", snap.revision, compute, rules())
        return self._cache[key]

    def mark(self, commitment_id: str, status: str, note: str = "", wait: float = 30.0) -> None:
        """A user's judgement ('nagekomen', with a note); it survives re-ingesting the letter.

        Written under the index's writer lock (waiting up to `wait` seconds, then IndexBusy): the embedded store is not
        process-safe, and two people saving at once must both keep their edit.
        """
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        with writer_lock(self.retriever.settings, wait=wait):
            self._write_edit(commitment_id, status, note)

    def _write_edit(self, commitment_id: str, status: str, note: str) -> None:
        self.edits.upsert(ids=[commitment_id], documents=[note or status], embeddings=[[1.0]], metadatas=[{
            "status": status, "note": note, "updated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }])

    def _edits(self) -> dict[str, dict]:
        got = self.edits.get(include=["metadatas"])
        return dict(zip(got["ids"], got["metadatas"]))

    def effective_date(self, source: str, record: dict) -> int:
        """The document's date as a number; for an undated one, 1 January of the latest year it mentions."""
        if record.get("date"):
            return date_number(record["date"])
        key = "year:" + source + ":" + record.get("hash", "")
        if key not in self._years:
            year = per_document(self.retriever.settings, "latest_year", record, lambda: latest_year(self.retriever.index.document_text(source)))
            self._years[key] = year * 10000 + 101
        return self._years[key]

    def later_mentions(self, c: Commitment) -> list[dict]:
        """Passages of later documents on the same subject: a sign the commitment may have been kept."""
        return self._judge(*self._candidates(c))

    def _candidates(self, c: Commitment) -> tuple[list[str], list[str]]:
        """The commitment's salient terms, and the passages of later documents that match them best."""
        snap = self.retriever.snapshot()
        lexical = snap.lexical
        later = self._later(snap, date_number(c.date)) - {c.source}
        if not later:
            return [], []
        generic = {t for w in GENERIC for t in analyze(w, lexical.analyzer)}
        common = max(3, len(snap.passages) // 12)  # a term in more than ~8% of passages names no particular subject
        terms = {t for t in analyze(" ".join(words(c.subject)), lexical.analyzer)
                 if t not in generic and len(t) >= 3 and lexical.df.get(t, 0) <= common}
        salient = sorted(terms, key=lambda t: (-lexical.idf(t), t))[:6]  # ties by name: the same in every process
        if len(salient) < 2:
            return [], []
        # Commitments are taken in date order and many share a date: one mask of later passages serves them all (one
        # at a time, as a mask per date would hold gigabytes on a large index).
        mask_key = (snap.revision, date_number(c.date), c.source if c.source in self._later(snap, date_number(c.date)) else "")
        if self._mask[0] != mask_key:
            self._mask = (mask_key, snap.passages.catalog.mask(later))
        return salient, [pid for pid, _ in lexical.search(" ".join(salient), 3, mask=self._mask[1])]

    def _judge(self, salient: list[str], hits: list[str]) -> list[dict]:
        """The first hit that shares enough of the salient terms (by weight), as the register shows it."""
        if not hits:
            return []
        snap = self.retriever.snapshot()
        lexical = snap.lexical
        total = sum(lexical.idf(t) for t in salient)
        snap.passages.fetch(hits)
        result = []
        for pid in hits:
            p = snap.passages[pid]
            shared = set(salient) & set(analyze(p.text, lexical.analyzer))
            if len(shared) >= 2 and sum(lexical.idf(t) for t in shared) / total >= 0.4:
                result.append({"source": p.source, "title": p.title, "date": p.date, "passage": pid, "start": p.start, "end": p.end,
                               "text": p.text[:300], "shared": sorted(shared)})
        return result[:1]

    def _later(self, snap, day: int) -> set[str]:
        """Documents dated after a day (undated ones by the latest year they mention)."""
        key = ("later", snap.revision, day)
        if key not in self._memo:
            self._memo[key] = {s for s, rec in snap.documents.items() if self.effective_date(s, rec) > day}
        return self._memo[key]


def status_of(c: Commitment, today: date) -> str:
    """'mogelijk nagekomen' when a later document takes the subject up; else 'termijn verstreken' or 'open'."""
    if c.fulfilled_by:
        return "mogelijk nagekomen"
    if c.due_to and date.fromisoformat(c.due_to) < today:
        return "termijn verstreken"
    return "open"


def to_json_line(c: Commitment) -> str:
    return json.dumps(c.to_dict(), ensure_ascii=False)
