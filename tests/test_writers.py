"""Writers in the app wait their turn with a word and a time-out; readers are never held up."""
from __future__ import annotations

import threading

import pytest

from ingest.lock import IndexBusy

from .conftest import another_writer
from .test_ui import make_small_project, start_app


def test_a_waiting_writer_is_told_and_gives_up_while_readers_answer(monkeypatch, tmp_path, make_settings):
    from ui import services

    settings = make_small_project(tmp_path, make_settings)
    start_app(monkeypatch, settings)
    monkeypatch.setattr(services, "WRITE_WAIT", 1.0)
    told: list[str] = []
    upload = [("notitie.txt", "Notitie over armoede\n\nScholen helpen gezinnen met schoolkosten.".encode())]
    held, release = threading.Event(), threading.Event()

    def long_upload() -> None:  # another session's upload, in this app
        with services.writing(settings):
            held.set()
            release.wait(30)

    other = threading.Thread(target=long_upload)
    other.start()
    held.wait(10)
    try:
        with pytest.raises(IndexBusy):
            services.add_uploads(upload, waiting=told.append)
        assert told == [services.BUSY] and told[0].startswith("Er wordt al een document verwerkt")
        assert services.get_assistant().retriever.retrieve("schoolkosten")  # a reader meanwhile: answered
    finally:
        release.set()
        other.join()
    # Another process (a CLI ingest) holding the index: told, then a time-out, not a wait without end.
    with another_writer(settings):
        told.clear()
        with pytest.raises(IndexBusy):
            services.add_uploads(upload, waiting=told.append)
        assert told == [services.BUSY]
    results = services.add_uploads(upload, waiting=told.append)  # free again: it goes through
    assert results == [{"bestand": "notitie.txt", "resultaat": "geïndexeerd"}]


def test_a_data_folder_deleted_under_the_running_app_is_said_and_rebuilt(monkeypatch, tmp_path, make_settings):
    import shutil

    settings = make_small_project(tmp_path, make_settings)
    at = start_app(monkeypatch, settings)
    assert (settings.data_dir / "chroma").is_dir()
    shutil.rmtree(settings.data_dir)
    at.run()
    assert not at.exception
    assert any("is verdwenen terwijl de app draaide" in e.value for e in at.error)
    next(b for b in at.button if b.label == "Index opnieuw opbouwen").click().run()
    assert not at.exception and not any("verdwenen" in e.value for e in at.error)
    assert any("voor het eerst" in i.value for i in at.info)  # rebuilt from the corpus folder
    assert (settings.data_dir / "chroma" / "chroma.sqlite3").exists()


def test_a_reader_does_not_swap_the_chroma_client_under_a_writer_of_this_process(make_settings, tmp_path):
    """The app's upload runs as a job in the same process as every session's reader. A reader that saw the revision change
    used to clear Chroma's per-process client cache, and an upload opening its client at that moment failed with a
    KeyError ('Het indexeren is mislukt' in a fresh-clone CI run)."""
    from chromadb.api.shared_system_client import SharedSystemClient

    from ingest.index.store import open_index, reopen_index
    from ingest.lock import writer_lock

    settings = make_settings()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Brief over de ouderbijdrage\n\nDe vrijwillige ouderbijdrage mag geen drempel zijn.", encoding="utf-8")
    from ingest.pipeline import ingest

    assert ingest([corpus], settings).added
    index = open_index(settings, "fake/hashed-64", 64)
    systems = dict(SharedSystemClient._identifier_to_system)
    with writer_lock(settings):  # a write in this process: the cache stays
        reopen_index(settings, "fake/hashed-64", 64)
        assert SharedSystemClient._identifier_to_system == systems
    reopen_index(settings, "fake/hashed-64", 64)  # no write here now: another process may have written, start afresh
    assert SharedSystemClient._identifier_to_system != systems
    errors = []

    def opener():
        for _ in range(200):
            try:
                open_index(settings, "fake/hashed-64", 64).documents.count()
            except Exception as e:  # the KeyError of the race
                errors.append(repr(e))

    def reopener():
        for _ in range(200):
            reopen_index(settings, "fake/hashed-64", 64)

    threads = [threading.Thread(target=opener), threading.Thread(target=reopener)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[:3]
    assert index.documents.count() == 1
