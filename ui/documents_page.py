"""The documents page: upload, list, correct metadata, delete, re-index."""
from __future__ import annotations

import logging

import streamlit as st

from assistant.types import KIND_LABELS
from ingest.index.store import storage_failure
from ingest.lock import IndexBusy
from ingest.paths import shown
from ingest.text.metadata import KINDS, display_date

from ui import render
from ui.progress import Job
from ui.services import add_uploads, get_assistant, get_settings, run_ingest, write

log = logging.getLogger("kansenwijzer.ui")
STORAGE_DUTCH = {
    "full": "De schijf met de gegevensmap is vol. Wat al in de index stond, is onveranderd; maak ruimte en probeer het opnieuw.",
    "read-only": "De gegevensmap kan niet worden beschreven (alleen-lezen of geen rechten). Wat al in de index stond, is onveranderd.",
    "damaged": "De index is beschadigd. Bouw hem opnieuw op met: python -m ingest --reindex",
}
ACCEPTED = ["pdf", "docx", "html", "htm", "txt", "md", "xlsx", "xlsm", "csv", "tsv", "ods", "json"]


def upload_section(busy: bool) -> None:
    settings = get_settings()
    st.subheader("Documenten toevoegen")
    files = st.file_uploader(
        f"PDF, Word, HTML, tekst of Markdown, of een interventie-index als Excel, CSV, ODS of JSON (hoogstens {settings.upload_max_mb} MB per bestand)",
        type=ACCEPTED, accept_multiple_files=True, key=f"uploader-{st.session_state.get('upload_round', 0)}",
    )
    if not files or not st.button("Toevoegen aan de index", type="primary", icon=":material/upload:", disabled=busy):
        return
    uploads = [(f.name, f.getvalue()) for f in files]
    st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1  # an empty uploader for the next files
    start(lambda assistant, shown, waiting: add_uploads(uploads, shown, waiting, assistant), "Bestanden controleren…",
          "Het indexeren is mislukt. Wat al in de index stond, is onveranderd.", lambda results: ("upload_results", results))


# A write this session started, followed by every run of the page until it ends: (Job, Dutch failure message, and what
# its outcome becomes: a (session state key, value) the next run shows).
JOB = "documents_write"


def start(action, line: str, failure: str, shown_as) -> None:
    """Run `action(assistant, shown, waiting)` as a Job and rerun the page, which then follows it."""
    assistant = get_assistant()  # resolved here: the job's own thread has no page run to reach the cache from
    st.session_state[JOB] = (Job(lambda shown, waiting: action(assistant, shown, waiting), line), failure, shown_as)
    st.rerun()


def follow_write(slot) -> None:
    """Show this session's running write in `slot` until it ends; then its outcome, on a fresh run of the page."""
    job, failure, shown_as = st.session_state[JOB]
    with slot:
        bar = st.progress(job.state[0], text=job.state[1])
        outcome = attempt(lambda: job.follow(bar), failure)
    del st.session_state[JOB]  # only reached when the job ended; a rerun in between leaves it to the next run
    if outcome is None:
        return  # the error stands in the slot
    key, value = shown_as(outcome)
    st.session_state[key] = value
    st.rerun()


def document_list(busy: bool) -> None:
    assistant = get_assistant()
    records = assistant.retriever.index.document_records()
    visible = {s: m for s, m in records.items() if m.get("status") != "deleted"}
    st.subheader(f"In de index ({len(visible)})")
    rows = [
        {
            "titel": shown(m.get("title", "")), "soort": KIND_LABELS.get(m.get("kind", ""), m.get("kind", "")),
            "datum": display_date(m.get("date")), "kenmerk": m.get("reference", ""), "passages": int(m.get("chunks", 0)),
            "status": {"complete": "compleet", "incomplete": "onvolledig"}.get(m.get("status"), m.get("status")), "bestand": shown(s),
        }
        for s, m in sorted(visible.items(), key=lambda item: item[1].get("title", ""))
    ]
    st.dataframe(rows, hide_index=True, width="stretch")
    if not visible:
        return
    source = st.selectbox("Document", sorted(visible, key=lambda s: visible[s].get("title", "")),
                          format_func=lambda s: shown(visible[s].get("title") or s))
    record = visible[source]
    with st.form("edit"):
        st.markdown("**Gegevens aanpassen**")
        title = st.text_input("Titel", record.get("title", ""))
        kind = st.selectbox("Soort", KINDS, index=KINDS.index(record.get("kind")) if record.get("kind") in KINDS else len(KINDS) - 1,
                            format_func=lambda k: KIND_LABELS.get(k, k))
        when = st.text_input("Datum (JJJJ-MM-DD, of JJJJ-MM / JJJJ)", record.get("date", ""))
        reference = st.text_input("Kenmerk", record.get("reference", ""))
        if st.form_submit_button("Opslaan", disabled=busy):
            if when and not valid_date(when):
                st.error("De datum moet de vorm JJJJ-MM-DD, JJJJ-MM of JJJJ hebben.")
            else:
                safely(lambda index: index.edit_document(source, {"title": title, "kind": kind, "date": when, "reference": reference}),
                       "De gegevens zijn opgeslagen.")
    left, right = st.columns(2)
    with left:
        confirm = st.checkbox("Ja, verwijder dit document uit de index", key=f"confirm-{source}")
        if st.button("Verwijderen", disabled=busy or not confirm, icon=":material/delete:"):
            delete(source)
    with right:
        if st.button("Opnieuw indexeren", icon=":material/refresh:", disabled=busy,
                     help="Alle documenten opnieuw lezen; ongewijzigde worden overgeslagen."):
            reindex()


def valid_date(text: str) -> bool:
    import re

    return re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?", text.strip()) is not None


def attempt(action, failure: str):
    """Run an index write; on failure a Dutch message (details to the log) and None."""
    try:
        return action()
    except IndexBusy:
        st.error("Er wordt op dit moment al geïndexeerd (bijvoorbeeld vanaf de opdrachtregel). Probeer het zo opnieuw.")
    except Exception as e:
        log.exception("index write failed")
        storage = storage_failure(e, get_settings())
        st.error(STORAGE_DUTCH.get(storage.kind, failure) if storage else failure)
    return None


def safely(action, success: str) -> None:
    """An edit or a delete: quick, but it may wait its turn behind another session's upload, so it runs as a Job too."""
    start(lambda assistant, shown, waiting: write(action, waiting, assistant) or True, "Opslaan…",  # None means failed
          "Dat is niet gelukt; de index is onveranderd.", lambda _: ("flash", success))


def delete(source: str) -> None:
    """Uploads leave with their file; a corpus document is excluded until its file changes."""
    settings = get_settings()
    path = (settings.root / source).resolve()
    uploads = (settings.data_dir / "uploads").resolve()

    def action(index) -> None:
        if uploads in path.parents:
            index.remove_document(source)
            path.unlink(missing_ok=True)
        else:
            index.exclude_document(source)

    safely(action, "Het document is uit de index verwijderd.")


def reindex() -> None:
    settings = get_settings()
    folders = [settings.corpus_dir] + [p for p in [settings.data_dir / "uploads"] if p.is_dir()]
    start(lambda assistant, shown, waiting: run_ingest(folders, shown, waiting, assistant), "Opnieuw indexeren…",
          "Opnieuw indexeren is mislukt; wat al in de index stond, is onveranderd.",
          lambda summary: ("flash", f"Klaar: {len(summary.added)} nieuw, {len(summary.updated)} bijgewerkt, "
                                    f"{len(summary.unchanged)} ongewijzigd, {len(summary.failed)} mislukt."))


def page() -> None:
    st.title("Documenten")
    # One container per part, drawn in every run: a part that grows or shrinks (a result shown, the upload button gone)
    # must not shift the parts below it, or the previous run's copies of them stay on screen while a write is followed.
    notices, slot, uploads, listing = st.container(), st.container(), st.container(), st.container()
    with notices:
        flash = st.session_state.pop("flash", None)
        if flash:
            st.success(render.escape(flash))
        results = st.session_state.pop("upload_results", None)
        if results:
            st.markdown("**Resultaat van het toevoegen**")
            # A list, not a table: read on a phone without scrolling sideways, and by a screen reader as text.
            st.markdown("\n".join(f"- {render.escape(r['bestand'])}: {render.escape(r['resultaat'])}" for r in results))
    busy = JOB in st.session_state
    with uploads:
        upload_section(busy)
    with listing:
        document_list(busy)
    if busy:
        follow_write(slot)  # last: the page is drawn and usable while the write runs
