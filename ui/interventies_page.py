"""The interventions overview: every row of every indexed intervention index, filtered, sorted, searched and exported."""
from __future__ import annotations

import streamlit as st

from assistant.interventions import interventions, interventions_csv, interventions_xlsx, table_rows, where

from ui import render
from ui.services import get_assistant

SECTORS = ["vve", "po", "vo", "mbo", "ho"]


def level_options(column, rows) -> list[str]:
    """A level column's labels in their order (zeer laag … zeer hoog), as the table writes them."""
    from ingest.tables.grid import slug

    key = "f_" + slug(column.name)
    labels = {r.passage.record.get(key + "_label"): r.passage.record.get(key, 0) for r in rows if r.passage.record.get(key + "_label")}
    return sorted(labels, key=labels.get)


def sort_key(choice: str, columns):
    """The key for the chosen order: on the effect or cost column's typed value, empty values last."""
    role, descending = {"effect (hoog–laag)": ("effect", True), "effect (laag–hoog)": ("effect", False),
                        "kosten (laag–hoog)": ("cost", False), "kosten (hoog–laag)": ("cost", True)}.get(choice, ("", False))

    def key(row):
        value = row.value(role) if role else None
        return (value is None, -(value or 0) if descending else (value or 0))

    return key


def page() -> None:
    st.title("Interventies")
    st.caption("Alle rijen uit de ingelezen interventie-indexen, met hun bron (bestand, blad en rij).")
    columns, rows = interventions(get_assistant().retriever.snapshot().passages.values())
    if not rows:
        st.info("Er is nog geen interventie-index ingelezen. Voeg op de pagina Documenten een Excel-, CSV-, ODS- of JSON-bestand toe.")
        return
    levels = [c for c in columns if c.kind == "level"]
    filters = st.columns(max(1, len(levels) + 2))
    sectors = filters[0].multiselect("Sector", SECTORS, placeholder="alle sectoren")
    target = next((c for c in columns if c.role == "target"), None)
    targets = filters[1].multiselect("Doelgroep", sorted({dict(r.fields).get(target.name, "") for r in rows} - {""}),
                                     placeholder="alle doelgroepen") if target else []
    chosen = {c.name: filters[i + 2].multiselect(c.name, level_options(c, rows), placeholder="alle") for i, c in enumerate(levels)}
    left, right = st.columns([3, 2])
    words = left.text_input("Zoeken", placeholder="bijv. tutoring")
    order = right.selectbox("Sorteren op", ["volgorde in de index", "effect (hoog–laag)", "effect (laag–hoog)", "kosten (laag–hoog)", "kosten (hoog–laag)"])
    shown = [
        r for r in rows
        if (not sectors or set(sectors) & set(r.passage.sectors))
        and (not targets or dict(r.fields).get(target.name, "") in targets)
        and all(not labels or dict(r.fields).get(name) in labels for name, labels in chosen.items())
        and (not words or all(w in r.passage.text.lower() for w in words.lower().split()))
    ]
    if order != "volgorde in de index":
        shown.sort(key=sort_key(order, columns))
    st.caption(f"{len(shown)} van {len(rows)} interventies")
    st.dataframe(table_rows(columns, shown), hide_index=True, use_container_width=True)
    one, two = st.columns(2)
    one.download_button("Download CSV", interventions_csv(columns, shown), "interventies.csv", "text/csv")
    two.download_button("Download Excel", interventions_xlsx(columns, shown), "interventies.xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    if shown:
        row = st.selectbox("Details van", shown, format_func=lambda r: f"{r.name} ({where(r)})")
        with st.container(border=True):
            st.markdown(f"**{render.escape(row.name)}**")
            st.caption(render.escape(f"{row.passage.title} · {where(row)}"))
            st.markdown(render.record_table(row.fields))
            if st.button("Bekijk in document", icon=":material/description:"):
                p = row.passage
                render.show_source({"source": p.source, "start": p.start, "end": p.end, "title": p.title})
