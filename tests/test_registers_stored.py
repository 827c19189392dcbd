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
