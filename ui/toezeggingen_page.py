"""The commitments register: what the government promised, by when, and whether it happened."""
from __future__ import annotations

import logging
from datetime import date

import streamlit as st

from assistant.export import file_name, register_csv, register_xlsx
from ingest.registers.commitments import Commitment
from assistant.registers.register import STATUSES, Registers
from ingest.lock import IndexBusy

from ui import render
from ui.services import get_assistant

log = logging.getLogger("kansenwijzer.ui")
PAGE_SIZE = 25


@st.cache_resource(show_spinner=False)
def registers() -> Registers:
    return Registers(get_assistant().retriever)


def filtered(items, documents, statuses, when, words):
    today = date.today().isoformat()
    result = []
    for c in items:
        if documents and c.title not in documents or statuses and c.status not in statuses:
            continue
        if when == "termijn verstreken" and not (c.due_to and c.due_to < today):
            continue
        if when == "termijn komt nog" and not (c.due_to is None or c.due_to >= today):
            continue
        text = f"{c.quote} {c.subject}".lower()
        if words and not all(w in text for w in words.lower().split()):
            continue
        result.append(c)
    return result


def page() -> None:
    st.title("Toezeggingen")
    st.caption("Wat de regering in de brieven heeft toegezegd, met de termijn zoals geschreven en als datum. "
               "Status ten opzichte van vandaag; 'mogelijk nagekomen' als een later document over hetzelfde gaat.")
    try:
        items = registers().toezeggingen()
    except Exception:
        log.exception("register failed")
        st.error("Het register kon niet worden opgebouwd.")
        return
    flash = st.session_state.pop("register_flash", None)
    if flash:
        st.success(flash)
    left, middle, right = st.columns(3)
    documents = left.multiselect("Document", sorted({c.title for c in items}), placeholder="alle brieven")
    statuses = middle.multiselect("Status", list(STATUSES), placeholder="alle")
    when = right.radio("Termijn", ["alle", "termijn verstreken", "termijn komt nog"], horizontal=True)
    words = st.text_input("Zoek in onderwerp", placeholder="bijv. ouderbijdrage")
    shown = filtered(items, documents, statuses, when, words)
    st.caption(f"{len(shown)} van {len(items)} toezeggingen")
    a, b, _ = st.columns([1, 1, 2])
    # Built on click, not on every rerun of the page.
    a.download_button("Download CSV", lambda: register_csv(shown), file_name=file_name("toezeggingen", "csv"), mime="text/csv",
                      icon=":material/download:")
    b.download_button("Download Excel", lambda: register_xlsx(shown), file_name=file_name("toezeggingen", "xlsx"),
                      mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon=":material/download:")
    limit = st.session_state.get("toezeggingen_limit", PAGE_SIZE)
    seen: set[str] = set()
    for c in shown[:limit]:
        card(c, seen)
    if len(shown) > limit:
        st.button(f"Toon meer ({len(shown) - limit} verborgen)", on_click=st.session_state.__setitem__,
                  args=("toezeggingen_limit", limit + PAGE_SIZE))
    chosen = st.session_state.pop("open_toezegging", None)
    by_id = {c.id: c for c in items}
    if chosen in by_id:
        detail(by_id[chosen])


def card(c: Commitment, seen: set[str]) -> None:
    """One toezegging as a card: the full sentence wraps, so it reads on a phone and at desktop width alike."""
    key = c.id if c.id not in seen else f"{c.id}-{c.start}"
    seen.add(key)
    with st.container(border=True, key=f"tz-{key}"):
        left, right = st.columns([1, 3])
        left.markdown(f"**{render.escape(c.deadline_text or 'geen termijn')}**  \ntot {render.escape(c.due_to or 'open')}")
        left.markdown(f"Status: **{render.escape(c.status)}**")
        right.markdown(render.escape(c.quote))
        right.caption(f"{render.escape(c.actor)} · {render.escape(c.title)} ({render.escape(c.date or 'ongedateerd')})"
                      + (f" · {render.escape(c.note[:80])}" if c.note else ""))
        # The button carries the commitment's id, never its place in the list: filtering or sorting cannot shift it.
        right.button("Bekijk en wijzig status", key=f"open-{key}", icon=":material/edit_note:",
                     on_click=st.session_state.__setitem__, args=("open_toezegging", c.id))


@st.dialog("Toezegging", width="large")
def detail(c: Commitment) -> None:
    """One commitment: its passage, the later document that may fulfil it, and the user's status and note."""
    st.markdown(f"**{render.escape(c.title)}** · {render.escape(c.date)}" + (f" · kenmerk {render.escape(c.reference)}" if c.reference else ""))
    if c.section:
        st.caption(f"onderdeel: {render.escape(c.section)}")
    text = get_assistant().document_text(c.source) or ""
    lo = text.rfind("\n\n", 0, c.start)
    hi = text.find("\n\n", c.end)
    st.markdown(render.highlighted(text[lo + 2 if lo >= 0 else 0:hi if hi >= 0 else len(text)], c.quote))
    st.caption(f"Termijn: {render.escape(c.deadline_text or 'geen')} · {c.due_from or '…'} tot {c.due_to or '…'} · wie: {render.escape(c.actor)}")
    for later in c.fulfilled_by:
        st.info(f"Mogelijk nagekomen — {render.escape(later['title'])} ({render.escape(later['date'] or 'ongedateerd')}): "
                f"{render.escape(later['text'][:200])}…")
    with st.form(f"mark-{c.id}"):
        status = st.selectbox("Status", list(STATUSES), index=list(STATUSES).index(c.status) if c.status in STATUSES else 0,
                              key=f"status-{c.id}")
        note = st.text_area("Notitie", c.note, key=f"note-{c.id}")
        if st.form_submit_button("Opslaan"):
            try:
                registers().mark(c.id, status, note)
            except IndexBusy:
                st.error("Er wordt nu een document verwerkt. Probeer het over een minuut opnieuw; uw keuze staat er nog.")
                return
            except Exception:
                log.exception("saving a register edit failed")
                st.error("Opslaan is niet gelukt.")
                return
            st.session_state["register_flash"] = f"De status is opgeslagen: {status}."
            st.rerun()
