"""The saved BM25 index's raw material: term counts and filter columns per passage, grouped by document.

A new revision of the collection copies the rows of every unchanged document from the previous revision (numpy slices)
and analyses only the documents that changed, so updating the index after one changed file costs a few array copies
and a recomputation of the scores, not a pass over every passage. Rows are in the order of the sorted document paths,
as a full rebuild orders them, so both give the same matrix and the same rankings, ties included.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

COLUMNS = ("kind", "date", "sectors")  # what filters read of every passage, coded per row


@dataclass
class Counts:
    """Term counts per passage (CSR rows), the filter columns per row, and which rows belong to which document."""

    ids: list[str]
    terms: list[str]  # term id -> term
    indptr: np.ndarray  # int64, rows + 1
    term_ids: np.ndarray  # int32, one per (row, term)
    tf: np.ndarray  # uint16, how often the term occurs in the row
    lengths: np.ndarray  # int64, tokens per row
    record: np.ndarray  # bool per row: a table row
    codes: dict[str, np.ndarray]  # column -> int32 code per row
    values: dict[str, list[str]]  # column -> code -> value
    documents: dict[str, list]  # source -> [document key, first row, end row, extra vocabulary]


def entry_rows(entry: dict, vocab: dict[str, int]) -> tuple[list[int], list[int], list[int], list[int]]:
    """One document's kept tokens as (row lengths in pairs, term ids, counts, token counts); new terms join `vocab`."""
    sizes, term_ids, tf, lengths = [], [], [], []
    for text in entry["tokens"]:
        tokens = text.split(" ")
        counted = Counter(tokens)
        sizes.append(len(counted))
        term_ids += [vocab.setdefault(t, len(vocab)) for t in counted]
        tf += counted.values()
        lengths.append(len(tokens))
    return sizes, term_ids, tf, lengths


def assemble(previous: Counts | None, keys: dict[str, str], entries_for) -> Counts:
    """The counts of these documents (source -> document key): unchanged ones copied from `previous`, the rest analysed.

    `entries_for(sources)` returns the kept analysis of documents that `previous` does not hold under the same key.
    """
    order = sorted(keys)
    held = previous.documents if previous is not None else {}
    missing = [s for s in order if held.get(s, [None])[0] != keys[s]]
    entries = entries_for(missing) if missing else {}
    terms = list(previous.terms) if previous is not None else []
    vocab = {t: i for i, t in enumerate(terms)}
    sizes, term_ids, tf, lengths, record, ids = [], [], [], [], [], []
    columns: dict[str, list] = {c: [] for c in COLUMNS}
    documents, row = {}, 0
    for source in order:
        if source in entries:
            entry = entries[source]
            s, t, f, n = entry_rows(entry, vocab)
            sizes.append(np.asarray(s, dtype=np.int64))
            term_ids.append(np.asarray(t, dtype=np.int32))
            tf.append(np.asarray(f, dtype=np.uint16))
            lengths.append(np.asarray(n, dtype=np.int64))
            record.append(np.asarray(entry["record"], dtype=bool))
            ids += entry["ids"]
            for c in COLUMNS:
                columns[c].append([",".join(v) if c == "sectors" else v for v in entry[c]])
            extra = entry["extra"]
        else:
            _, start, end, extra = held[source]
            a, b = previous.indptr[start], previous.indptr[end]
            sizes.append(np.diff(previous.indptr[start:end + 1]))
            term_ids.append(previous.term_ids[a:b])
            tf.append(previous.tf[a:b])
            lengths.append(previous.lengths[start:end])
            record.append(previous.record[start:end])
            ids += previous.ids[start:end]
            for c in COLUMNS:
                columns[c].append(np.asarray(previous.values[c], dtype=object)[previous.codes[c][start:end]])
        count = len(ids) - row
        documents[source] = [keys[source], row, row + count, extra]
        row += count
    flat = np.concatenate(term_ids) if term_ids else np.zeros(0, dtype=np.int32)
    # Terms only removed documents had are dropped, so the vocabulary is what a full rebuild would find.
    used = np.bincount(flat, minlength=len(vocab)) > 0
    remap = np.cumsum(used) - 1
    codes, values = {}, {}
    for c in COLUMNS:
        parts = [np.asarray(p, dtype=object) for p in columns[c] if len(p)]
        column = np.concatenate(parts) if parts else np.zeros(0, dtype=object)
        unique, inverse = np.unique(column, return_inverse=True) if len(column) else ([], np.zeros(0, dtype=np.int32))
        values[c], codes[c] = [str(v) for v in unique], inverse.astype(np.int32)
    indptr = np.zeros(len(ids) + 1, dtype=np.int64)
    if sizes:
        np.cumsum(np.concatenate(sizes), out=indptr[1:])
    cat = lambda parts, dtype: np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype=dtype)
    return Counts(ids, [t for t, u in zip(vocab, used) if u], indptr, remap[flat].astype(np.int32), cat(tf, np.uint16),
                  cat(lengths, np.int64), cat(record, bool), codes, values, documents)


ARRAYS = ("indptr", "term_ids", "tf", "lengths", "record")


def save(counts: Counts, folder: Path) -> None:
    """Write the counts into a revision's folder (arrays as .npy, the rest as JSON)."""
    for name in ARRAYS:
        np.save(folder / f"{name}.npy", getattr(counts, name))
    for c in COLUMNS:
        np.save(folder / f"{c}.npy", counts.codes[c])
    (folder / "terms.json").write_text(json.dumps(counts.terms, ensure_ascii=False), encoding="utf-8")
    (folder / "catalog.json").write_text(json.dumps({"values": counts.values, "documents": counts.documents}, ensure_ascii=False),
                                         encoding="utf-8")


def load(folder: Path, ids: list[str]) -> Counts:
    """The counts of a saved revision, memory-mapped."""
    saved = json.loads((folder / "catalog.json").read_text(encoding="utf-8"))
    terms = json.loads((folder / "terms.json").read_text(encoding="utf-8"))
    arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in ARRAYS}
    codes = {c: np.load(folder / f"{c}.npy", mmap_mode="r") for c in COLUMNS}
    return Counts(ids, terms, codes=codes, values=saved["values"], documents=saved["documents"], **arrays)


class Catalog:
    """What filters need of every passage, without its text: source, kind, date and sectors by row, read when first asked."""

    def __init__(self, folder: Path, ids: list[str]):
        self.folder, self.ids = folder, ids
        self._columns: dict[str, list] = {}

    @property
    def record(self) -> list[bool]:
        """Whether each row is a table row (a small array: every answer checks for them)."""
        if "record" not in self._columns:
            self._columns["record"] = np.load(self.folder / "record.npy").tolist()
        return self._columns["record"]

    def _load(self) -> None:
        saved = json.loads((self.folder / "catalog.json").read_text(encoding="utf-8"))
        source: list[str] = [""] * len(self.ids)
        for name, (_, start, end, _) in saved["documents"].items():
            source[start:end] = [name] * (end - start)
        self._columns["source"] = source
        for c in COLUMNS:
            values = saved["values"][c] if c != "sectors" else [v.split(",") if v else [] for v in saved["values"][c]]
            self._columns[c] = [values[i] for i in np.load(self.folder / f"{c}.npy").tolist()]

    def mask(self, sources: set[str]) -> np.ndarray:
        """A search mask (LexicalIndex.search) of the passages of these documents, from each document's rows."""
        if "ranges" not in self._columns:
            saved = json.loads((self.folder / "catalog.json").read_text(encoding="utf-8"))
            self._columns["ranges"] = {name: (start, end) for name, (_, start, end, _) in saved["documents"].items()}
        mask = np.zeros(len(self.ids), dtype=np.float32)
        for source in sources:
            start, end = self._columns["ranges"].get(source, (0, 0))
            mask[start:end] = 1.0
        return mask

    def column(self, name: str) -> list:
        """One column by row: source, kind, date or sectors."""
        if name not in self._columns:
            self._load()
        return self._columns[name]

    source = property(lambda self: self.column("source"))
    kind = property(lambda self: self.column("kind"))
    date = property(lambda self: self.column("date"))
    sectors = property(lambda self: self.column("sectors"))
