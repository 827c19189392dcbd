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
