"""The feedback users gave on answers, and its export as labelled questions."""
from __future__ import annotations

import streamlit as st

from assistant.export import file_name
from assistant.feedback import as_questions, load_feedback

from ui.services import get_settings


def page() -> None:
    st.title("Feedback")
    st.caption("Wat gebruikers van de antwoorden vonden. De export is een vragenset in het formaat van eval/questions.jsonl: "
               "goedgekeurde antwoorden leveren hun citaten als gouden antwoord, afgekeurde vragen wachten op een label.")
    entries = load_feedback(get_settings().data_dir)
    if not entries:
        st.info("Er is nog geen feedback gegeven. Onder elk antwoord in de chat staat een duim omhoog en omlaag.")
        return
    good = sum(e["verdict"] == "goed" for e in entries)
    st.caption(f"{len(entries)} beoordelingen: {good} goed, {len(entries) - good} niet goed")
    st.download_button("Download als vragenset (JSONL)", as_questions(entries), file_name=file_name("feedback-vragen", "jsonl"),
                       mime="application/jsonl", icon=":material/download:")
    rows = [{"tijd": e.get("time", "").replace("T", " ")[:16], "oordeel": "👍" if e["verdict"] == "goed" else "👎",
             "vraag": e["question"], "opmerking": e.get("remark", ""), "bronnen": len(e.get("citations", []))} for e in reversed(entries)]
    st.dataframe(rows, hide_index=True, width="stretch",
                 column_config={"vraag": st.column_config.TextColumn(width="large"), "opmerking": st.column_config.TextColumn(width="medium")})
