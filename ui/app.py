"""Kansenwijzer's Streamlit app: `streamlit run ui/app.py` (or `python -m ui`)."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import streamlit as st

# Streamlit runs this file as a script; the project root makes `ui`, `assistant` and `ingest` importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.store import EmbedderMismatch, IndexError_  # noqa: E402
from ui import chat_page, documents_page  # noqa: E402
from ui.services import get_assistant, get_settings, run_ingest  # noqa: E402
from ui.sidebar import sidebar  # noqa: E402

log = logging.getLogger("kansenwijzer.ui")


def build_missing_index() -> None:
    """First start: index the corpus folder with a visible progress bar."""
    settings = get_settings()
    st.info("De index wordt voor het eerst opgebouwd uit de documentenmap. Dit duurt even.")
    bar = st.progress(0.0, text="Documenten lezen…")

    def progress(event: str, info: dict) -> None:
        if event == "file":
            bar.progress((info["n"] - 1) / max(info["files"], 1), text=f"Document {info['n']} van {info['files']}")
        elif event == "chunks":
            bar.progress(min(1.0, info["done"] / max(info["total"], 1)), text=f"{info['done']} van {info['total']} passages")

    run_ingest([settings.corpus_dir], progress)
    bar.progress(1.0, text="Klaar")
    st.rerun()


def main() -> None:
    st.set_page_config(page_title="Kansenwijzer", page_icon=":material/school:", layout="wide")
    try:
        assistant = get_assistant()
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
    sidebar(documents)
    pages = [
        st.Page(chat_page.page, title="Chat", icon=":material/chat:", url_path="chat", default=True),
        st.Page(documents_page.page, title="Documenten", icon=":material/folder:", url_path="documenten"),
    ]
    st.navigation(pages).run()


main()
