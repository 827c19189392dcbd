"""The sidebar: filters for the next question, the answer mode, and the index's status."""
from __future__ import annotations

from datetime import date

import streamlit as st

from assistant.types import KIND_LABELS, Filters
from ingest.text.metadata import date_number

from ui import render
from ui.services import get_settings, index_status, llm_reachable

SECTORS = {"vve": "vve (voor- en vroegschools)", "po": "po (primair)", "vo": "vo (voortgezet)", "mbo": "mbo", "ho": "ho (hoger)"}


def filters_from_sidebar(documents: dict[str, dict]) -> Filters | None:
    """The filters the user set; None when nothing restricts the search."""
    st.subheader("Zoeken in")
    kinds = sorted({m.get("kind", "document") for m in documents.values()})
    chosen_kinds = st.multiselect("Soort document", kinds, format_func=lambda k: KIND_LABELS.get(k, k), placeholder="alle soorten")
    titles = {s: m.get("title") or s for s, m in documents.items()}
    chosen_docs = st.multiselect("Documenten", sorted(titles, key=titles.get), format_func=titles.get, placeholder="alle documenten")
    chosen_sectors = st.multiselect("Sector", list(SECTORS), format_func=SECTORS.get, placeholder="alle sectoren")
    years = sorted({date_number(m.get("date")) // 10000 for m in documents.values() if m.get("date")})
    low_year, high_year = (years[0], max(years[-1], date.today().year)) if years else (2000, date.today().year)
    period = st.slider("Periode", low_year, high_year, (low_year, high_year), help="Documenten zonder datum vallen buiten een ingestelde periode.")
    restricted = period != (low_year, high_year)
    filters = Filters(
        kinds=chosen_kinds, sources=chosen_docs, sectors=chosen_sectors,
        date_from=str(period[0]) if restricted else None, date_to=str(period[1]) if restricted else None,
    )
    return None if filters.is_empty() else filters


def sidebar(documents: dict[str, dict]) -> None:
    """Draw the sidebar and keep its choices in the session."""
    settings = get_settings()
    with st.sidebar:
        st.session_state["filters"] = filters_from_sidebar(documents)
        st.subheader("Antwoorden")
        if settings.answer_mode == "extractive":
            st.session_state["use_llm"] = False
            st.caption("Extractief: het antwoord bestaat uit zinnen uit de bronnen zelf. Er is geen taalmodel ingesteld.")
        else:
            reachable = llm_reachable(settings.answer_mode, settings.llm_base_url)
            label = f"Taalmodel {settings.llm_model} ({settings.answer_mode})"
            choice = st.radio("Antwoordwijze", ["Extractief (zonder taalmodel)", label], index=1 if reachable else 0)
            st.session_state["use_llm"] = choice == label
            if reachable:
                st.caption(f"{render.escape(label)}: bereikbaar")
            else:
                st.caption(f"{render.escape(label)}: **niet bereikbaar** — antwoorden komen uit de bronnen zelf.")
        st.subheader("Index")
        status = index_status()
        st.caption(
            f"{status.documents} documenten · {status.passages} passages  \n"
            f"embedder: {render.escape(status.embedder)}  \nlaatst bijgewerkt: {render.escape(status.last_ingest)} (UTC)"
        )
        if status.incomplete:
            st.warning(f"{len(status.incomplete)} document(en) half geïndexeerd; kies Documenten → Opnieuw indexeren.")
