"""Kansenwijzer's Streamlit app: `streamlit run ui/app.py` (or `python -m ui`)."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import streamlit as st

# Streamlit runs this file as a script; the project root makes `ui`, `assistant` and `ingest` importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.index.store import EmbedderMismatch, IndexError_, data_folder_gone, forget_clients  # noqa: E402
from ui import render  # noqa: E402
from ui.dutch import dutch_interface  # noqa: E402
from ui.style import readable_contrast  # noqa: E402
from ui.progress import Job  # noqa: E402
from ui.services import get_assistant, get_settings, run_ingest  # noqa: E402
from ui.sidebar import sidebar  # noqa: E402

log = logging.getLogger("kansenwijzer.ui")
VIEWS = Path(__file__).resolve().parent / "views"


@st.cache_resource(show_spinner=False)
def first_build() -> Job:
    """The first indexing of the corpus folder: one job for the process, followed by every session that opens meanwhile."""
    assistant = get_assistant()
    return Job(lambda shown, waiting: run_ingest([assistant.settings.corpus_dir], shown, waiting, assistant), "Documenten lezen…")


def build_missing_index() -> None:
    """First start: index the corpus folder with a visible progress bar (a click or a reload meanwhile does not stop it)."""
    st.info("De index wordt voor het eerst opgebouwd uit de documentenmap. Dit duurt even.")
    job = first_build()
    bar = st.progress(job.state[0], text=job.state[1])
    try:
        job.follow(bar)
    finally:
        if job.done:
            first_build.clear()  # done or failed: a later need starts a new one
    bar.progress(1.0, text="Klaar: de index is opgebouwd.")


def data_folder_missing() -> None:
    """Say that the data folder was deleted while the app ran, and offer to rebuild; stop this run."""
    log.error("data folder %s disappeared while the app was running", get_settings().data_dir)
    st.error(f"De gegevensmap ({render.escape(str(get_settings().data_dir))}) is verdwenen terwijl de app draaide: de index "
             "en de toegevoegde bestanden zijn weg. Zet de map terug, of bouw de index opnieuw op uit de documentenmap.")
    if st.button("Index opnieuw opbouwen"):
        forget_clients()
        st.cache_resource.clear()
        st.rerun()
    st.stop()


def main() -> None:
    st.set_page_config(page_title="Kansenwijzer", page_icon=":material/school:", layout="wide")
    dutch_interface()
    readable_contrast()
    try:
        assistant = get_assistant()
        if data_folder_gone(get_settings()):  # it existed when the assistant opened it: deleted since
            data_folder_missing()
        documents = assistant.retriever.snapshot().documents
    except EmbedderMismatch:
        log.exception("embedder mismatch")
        st.error("De index is gemaakt met een ander taalmodel voor zoeken dan nu is ingesteld. Bouw de index opnieuw op "
                 "(python -m ingest --reindex) of zet de instelling terug.")
        st.stop()
    except IndexError_:
        log.exception("index unavailable")
        st.error("De index is nu niet bereikbaar. Probeer het over een paar minuten opnieuw.")
        if st.button("Opnieuw proberen"):
            st.cache_resource.clear()
            st.rerun()
        st.stop()
    if not documents and any(get_settings().corpus_dir.glob("*")):
        build_missing_index()
        documents = assistant.retriever.snapshot().documents
    sidebar(documents)
    pages = [
        st.Page(str(VIEWS / "chat.py"), title="Chat", icon=":material/chat:", url_path="chat", default=True),
        st.Page(str(VIEWS / "toezeggingen.py"), title="Toezeggingen", icon=":material/checklist:", url_path="toezeggingen"),
        st.Page(str(VIEWS / "maatregelen.py"), title="Maatregelen", icon=":material/category:", url_path="maatregelen"),
        st.Page(str(VIEWS / "interventies.py"), title="Interventies", icon=":material/table_view:", url_path="interventies"),
        st.Page(str(VIEWS / "documents.py"), title="Documenten", icon=":material/folder:", url_path="documenten"),
        st.Page(str(VIEWS / "feedback.py"), title="Feedback", icon=":material/thumbs_up_down:", url_path="feedback"),
    ]
    st.navigation(pages).run()


main()
