"""Registers kept on disk: a new process shows the same register without extracting again; a changed letter is redone."""
from __future__ import annotations

from datetime import date

from ingest.index.embed import FakeEmbeddings
from ingest.pipeline import ingest

LETTER = """Ministerie van Onderwijs, Cultuur en Wetenschap

Datum {day} maart 2024
Betreft {subject}

Geachte voorzitter,

{body}

Hoogachtend,

de minister voor Primair en Voortgezet Onderwijs
"""


def write_letter(folder, name: str, day: int, subject: str, body: str) -> None:
    (folder / name).write_text(LETTER.format(day=day, subject=subject, body=body), encoding="utf-8")


def registers_for(settings):
    from assistant.answer.retrieve import Retriever
    from assistant.registers.register import Registers

    return Registers(Retriever(settings, embeddings=FakeEmbeddings()), today=date(2024, 6, 1))


def test_a_new_process_shows_the_stored_register_and_a_changed_letter_is_redone(make_settings, monkeypatch):
    settings = make_settings()
    corpus = settings.corpus_dir
    corpus.mkdir(parents=True)
    write_letter(corpus, "kamerbrief-schoolmaaltijden-2024.txt", 4, "Schoolmaaltijden",
                 "Voor de zomer van 2024 informeer ik uw Kamer over de evaluatie van de schoolmaaltijden.")
    write_letter(corpus, "kamerbrief-lerarentekort-2024.txt", 5, "Lerarentekort",
                 "Ik zal uw Kamer voor het einde van 2024 informeren over de aanpak van het lerarentekort.")
    ingest([corpus], settings)
    first = registers_for(settings)
    before = [(c.id, c.quote, c.due_to) for c in first.toezeggingen()]
    assert len(before) == 2
    first.mark(before[0][0], "nagekomen", "brief van 1 mei")
    measures = [m.name for m in first.maatregelen()]

    # Another process (the app after a restart) reads what was stored: it never needs a letter's text.
    from ingest.index import store

    def no_text(self, source):
        raise AssertionError(f"read the text of {source}")

    with monkeypatch.context() as patched:
        patched.setattr(store.Index, "document_text", no_text)
        again = registers_for(settings)
        assert [(c.id, c.quote, c.due_to) for c in again.toezeggingen()] == before
        assert [m.name for m in again.maatregelen()] == measures
        assert {c.id: c.status for c in again.toezeggingen()}[before[0][0]] == "nagekomen"  # users' marks still apply

    write_letter(corpus, "kamerbrief-lerarentekort-2024.txt", 5, "Lerarentekort",
                 "Ik zal uw Kamer voor het einde van 2025 informeren over de aanpak van het lerarentekort.")
    ingest([corpus], settings)
    read = []
    original = store.Index.document_text
    monkeypatch.setattr(store.Index, "document_text", lambda self, source: read.append(source) or original(self, source))
    after = registers_for(settings).toezeggingen()
    quotes = sorted(c.quote for c in after)
    assert len(quotes) == 2 and any("2025" in q for q in quotes) and not any("einde van 2024" in q for q in quotes)
    assert "corpus/kamerbrief-schoolmaaltijden-2024.txt" not in read  # the unchanged letter was not extracted again


def scanned(settings):
    """The registers as computed by reading every document's text from the index, as before they were stored at ingest."""
    from dataclasses import asdict

    from ingest.index.store import open_index
    from ingest.registers.commitments import extract_commitments
    from ingest.registers.measures import extract_measures

    index = open_index(settings, FakeEmbeddings().name, FakeEmbeddings().dim)
    documents = {s: (index.document_text(s), r) for s, r in index.complete_documents().items()}
    commitments = sorted((c.id, c.quote, c.due_to, c.subject) for s, (text, r) in documents.items()
                         if r["kind"] in ("kamerbrief", "brief") for c in extract_commitments(text, s, r))
    return commitments, [asdict(m) for m in extract_measures(documents)]


def shown(registers):
    from dataclasses import asdict

    return sorted((c.id, c.quote, c.due_to, c.subject) for c in registers.toezeggingen()), [asdict(m) for m in registers.maatregelen()]


def test_registers_stored_at_ingest_equal_a_scan_of_the_collection(make_settings, monkeypatch):
    from ingest.index import store
    from ingest.registers.stored import register_root

    from .conftest import ROOT

    settings = make_settings(root=ROOT, corpus_dir=ROOT / "corpus")
    ingest([ROOT / "corpus"], settings)
    assert list((register_root(settings) / "documents").glob("toezeggingen-*.pickle"))  # written by the ingest itself
    want = scanned(settings)
    assert len(want[0]) >= 60 and len(want[1]) >= 20

    def no_text(self, source):
        raise AssertionError(f"read the text of {source}")

    monkeypatch.setattr(store.Index, "document_text", no_text)
    assert shown(registers_for(settings)) == want  # the first opening after an ingest reads no document


def test_changed_and_removed_letters_update_the_stored_registers(make_settings, monkeypatch):
    from ingest.registers.stored import register_root

    settings = make_settings()
    corpus = settings.corpus_dir
    corpus.mkdir(parents=True)
    write_letter(corpus, "kamerbrief-a.txt", 4, "Schoolmaaltijden",
                 "Voor de zomer van 2024 informeer ik uw Kamer over de evaluatie van de schoolmaaltijden. "
                 "Met het programma Schoolmaaltijden investeert het kabinet structureel € 200 miljoen in gezonde lunches.")
    write_letter(corpus, "kamerbrief-b.txt", 5, "Lerarentekort",
                 "Ik zal uw Kamer voor het einde van 2024 informeren over de aanpak van het lerarentekort. "
                 "Voor de regeling Zij-instroom is in 2024 een bedrag van € 30 miljoen beschikbaar.")
    ingest([corpus], settings)
    assert shown(registers_for(settings)) == scanned(settings)

    write_letter(corpus, "kamerbrief-a.txt", 4, "Schoolmaaltijden",
                 "In het najaar van 2025 kom ik bij uw Kamer terug op de schoolmaaltijden. "
                 "Met het programma Schoolmaaltijden investeert het kabinet structureel € 250 miljoen in gezonde lunches.")
    (corpus / "kamerbrief-b.txt").unlink()
    ingest([corpus], settings)
    commitments, measures = shown(registers_for(settings))
    assert (commitments, measures) == scanned(settings)
    assert [c[1] for c in commitments] == ["In het najaar van 2025 kom ik bij uw Kamer terug op de schoolmaaltijden."]
    amounts = [a["euros"] for m in measures for a in m["amounts"]]
    assert 250e6 in amounts and 200e6 not in amounts and 30e6 not in amounts
    # What was stored for the old letter and the removed one is gone: one letter, its two extractions.
    assert len(list((register_root(settings) / "documents").glob("*.pickle"))) == 2
