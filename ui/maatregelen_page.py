"""The measures overview: what exists per theme and sector, what a school can do, and the money."""
from __future__ import annotations

import streamlit as st

from ingest.registers.measures import THEMES

from ui import render
from ui.toezeggingen_page import registers

SECTORS = ["vve", "po", "vo", "mbo", "ho"]
# Every expander's content is sent to the browser even when closed: a page of them keeps opening the page quick.
PAGE_SIZE = 20


def euro(value: float) -> str:
    if value >= 1e9:
        return f"€ {value / 1e9:g} miljard"
    if value >= 1e6:
        return f"€ {value / 1e6:g} miljoen".replace(".", ",")
    return f"€ {value:,.0f}".replace(",", ".")


def page() -> None:
    st.title("Maatregelen en ondersteuning")
    st.caption("Maatregelen, programma's en ondersteuning uit de documenten, per thema en sector, met de bedragen en de bronnen.")
    measures = registers().maatregelen()
    themes = ["alle thema's"] + list(THEMES) + ["algemeen"]
    wanted = st.query_params.get("thema")
    left, middle, right = st.columns([2, 2, 3])
    theme = left.selectbox("Thema", themes, index=themes.index(wanted) if wanted in themes else 0)
    sectors = middle.multiselect("Sector", SECTORS, placeholder="alle sectoren")
    words = right.text_input("Zoeken", placeholder="bijv. leerplusarrangement")
    shown = [
        m for m in measures
        if (theme == "alle thema's" or theme in m.themes) and (not sectors or set(sectors) & set(m.sectors))
        and (not words or all(w in (m.name + " " + " ".join(s.quote for s in m.sources)).lower() for w in words.lower().split()))
    ]
    st.caption(f"{len(shown)} van {len(measures)} maatregelen")
    limit = st.session_state.get("maatregelen_limit", PAGE_SIZE)
    for i, m in enumerate(shown[:limit]):
        money = ", ".join(euro(a.euros) for a in m.amounts)
        with st.expander(f"{m.name}" + (f" — {money}" if money else "")):
            st.caption(f"thema: {', '.join(m.themes)} · sector: {', '.join(m.sectors) or 'alle'}")
            if m.audience:
                st.markdown(f"**Voor wie:** {render.escape(m.audience)}")
            if m.school_action:
                st.markdown(f"**Wat een school kan doen:** {render.escape(m.school_action)}")
            for a in m.amounts:
                st.markdown(f"- **{render.escape(a.text)}** ({render.escape(a.period)}): {render.escape(a.quote)}")
            st.markdown("**Bronnen**")
            for j, s in enumerate(m.sources[:8]):
                st.markdown(f"{render.escape(s.title)} ({render.escape(s.date or 'ongedateerd')}): “{render.escape(s.quote)}”")
                if st.button("Bekijk in document", key=f"measure-{i}-{j}", icon=":material/description:"):
                    render.show_source({"source": s.source, "start": s.start, "end": s.end, "title": s.title})
            if len(m.sources) > 8:
                st.caption(f"… en nog {len(m.sources) - 8} passages")
    if len(shown) > limit:
        st.button(f"Toon meer ({len(shown) - limit} verborgen)", on_click=st.session_state.__setitem__,
                  args=("maatregelen_limit", limit + PAGE_SIZE))
