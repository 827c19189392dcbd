"""Rendering untrusted text safely: everything from documents, uploads and models is escaped Markdown, never HTML."""
from __future__ import annotations

import json
import re

import streamlit as st

from assistant.export import answer_docx, answer_markdown, citation_line, file_name, quote_with_citation
from assistant.types import KIND_LABELS, Answer, Citation, Passage
from ingest.text.metadata import display_date
from ingest.types import at_offset

from ui.browser import copy_buttons, scroll_to_quote

MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&=])")


def escape(text: str) -> str:
    """Markdown-escape text so it shows literally: no links, images, HTML, LaTeX or directives."""
    return MD_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


def answer_markdown_safe(text: str) -> str:
    """An answer's text, escaped, with its [n] markers in bold so they stand out."""
    return re.sub(r"\\\[(\d+)\\\]", r"**[\1]**", escape(text))


def highlighted(passage_text: str, quote: str | list[str]) -> str:
    """The paragraphs around the quotes, each quote on a coloured background (all escaped)."""
    quotes = [quote] if isinstance(quote, str) else quote
    spans = sorted({(at, at + len(q)) for q in quotes if q and (at := passage_text.find(q)) >= 0})
    if not spans:
        return escape(passage_text)
    merged: list[list[int]] = []
    for a, b in spans:  # overlapping quotes share one highlight
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    lo = passage_text.rfind("\n\n", 0, merged[0][0])
    hi = passage_text.find("\n\n", merged[-1][1])
    pieces, at = [], lo + 2 if lo >= 0 else 0
    for a, b in merged:
        pieces.append(escape(passage_text[at:a]))
        pieces.append(f":orange-background[{escape(passage_text[a:b]).replace('  ' + chr(10), ' ')}]")
        at = b
    pieces.append(escape(passage_text[at:hi if hi >= 0 else len(passage_text)]))
    return "".join(pieces)


def source_caption(p: Passage) -> str:
    return " · ".join([KIND_LABELS.get(p.kind, p.kind)] + p.where())


def record_table(fields) -> str:
    """A record's fields as a two-column Markdown table, every value escaped."""
    lines = ["| veld | waarde |", "|---|---|"]
    return "\n".join(lines + [f"| {escape(str(k))} | {escape(str(v))} |" for k, v in fields])


def by_passage(citations: list[Citation]) -> list[list[Citation]]:
    """Citations grouped by the passage they quote, in the order of their first [n]: one card per passage."""
    groups: dict[str, list[Citation]] = {}
    for c in citations:
        groups.setdefault(c.passage.id, []).append(c)
    return list(groups.values())


def citation_card(group: list[Citation], key: str) -> None:
    """One source card: title, kind, date, reference, page or section, every quote highlighted in its passage."""
    first = group[0]
    numbers = " ".join(f"**[{c.n}]**" for c in group)
    with st.container(border=True, key=f"card-{key}"):
        st.markdown(f"{numbers} {escape(first.passage.title)}")
        st.caption(escape(source_caption(first.passage)))
        if first.passage.record:  # a table row: its fields as a small table
            st.markdown(record_table(json.loads(first.passage.record["fields"])))
        else:
            st.markdown(highlighted(first.passage.text, [c.quote for c in group]))
        for c in group:
            if len(group) > 1:
                st.caption(f"[{c.n}] “{escape(c.quote[:80])}{'…' if len(c.quote) > 80 else ''}”")
            if st.button("Bekijk in document" + (f" [{c.n}]" if len(group) > 1 else ""), key=f"view-{key}-{c.n}", icon=":material/description:"):
                st.session_state["viewer"] = {"source": c.passage.source, "start": c.start, "end": c.end, "title": c.passage.title}
                st.rerun()
            copy_buttons([("Kopieer citaat", quote_with_citation(c), "Citaat gekopieerd."),
                          ("Kopieer bronvermelding", citation_line(c), "Bronvermelding gekopieerd.")], f"{key}-{c.n}")


def passage_card(p: Passage, key: str) -> None:
    """A nearest source when the assistant declined: no quote, just where to look."""
    with st.container(border=True):
        st.markdown(f"**{escape(p.title)}**")
        st.caption(escape(source_caption(p)))
        st.markdown(escape(p.text[:400] + ("…" if len(p.text) > 400 else "")))
        if st.button("Bekijk in document", key=f"view-{key}", icon=":material/description:"):
            st.session_state["viewer"] = {"source": p.source, "start": p.start, "end": p.end, "title": p.title}
            st.rerun()


def theme_of(question: str) -> str | None:
    """The measures theme a question is about ('armoede in mijn klas' -> 'armoede')."""
    from ingest.registers.measures import THEMES

    return next((theme for theme, pattern in THEMES.items() if re.search(pattern, question, re.I)), None)


def read_as(answer: Answer, key: str) -> None:
    """'Ik lees je vraag als: …' for a follow-up the assistant completed; editing it asks the edited question."""
    understood = (answer.standalone_question or "").strip()
    if not understood or understood == answer.question.strip():
        return
    st.markdown(f"Ik lees je vraag als: *{escape(understood)}*")
    # An expander, not a popover: it opens in the page's flow, so the page grows and its button can be scrolled to.
    with st.expander("Pas de vraag aan", icon=":material/edit:"):
        with st.form(f"reread-{key}", border=False):
            edited = st.text_area("Vraag zoals ik hem lees", understood, key=f"reread-text-{key}")
            if st.form_submit_button("Stel deze vraag") and edited.strip():
                st.session_state["pending"] = {"text": edited.strip(), "standalone": True}
                st.rerun()


def feedback_form(answer: Answer, key: str, history: list[str]) -> None:
    """👍/👎 and an optional remark, stored in the data folder with the question, answer and citations."""
    from assistant.feedback import record_feedback
    from ui.services import get_settings

    given = st.session_state.setdefault("feedback_given", {})
    if key in given:
        st.caption(f"Bedankt voor uw feedback ({given[key]}).")
        return
    with st.form(f"feedback-{key}", border=False, enter_to_submit=False):
        st.caption("Was dit antwoord bruikbaar?")
        thumbs = st.feedback("thumbs", key=f"thumbs-{key}")
        remark = st.text_input("Opmerking (optioneel)", key=f"remark-{key}", placeholder="bijv. het bedrag voor 2024 ontbreekt")
        if st.form_submit_button("Feedback versturen"):
            if thumbs is None:
                st.warning("Kies eerst duim omhoog of omlaag.")
                return
            try:
                record_feedback(get_settings().data_dir, answer, thumbs == 1, remark or "", history)
            except OSError:
                st.error("De feedback kon niet worden opgeslagen.")
                return
            given[key] = "goed" if thumbs == 1 else "niet goed"
            st.rerun()


def answer_block(answer: Answer, key: str, searched_in: str, history: list[str] | None = None) -> None:
    """An assistant message: notice, answer, where it searched, source cards and exports."""
    if answer.notice:
        st.info(escape(answer.notice))
    read_as(answer, key)
    if answer.incomplete:
        st.warning("Onvolledig antwoord — niet gecontroleerd en niet te exporteren.")
        st.markdown(escape(answer.text))
    elif answer.answered:
        st.markdown(answer_markdown_safe(answer.text))
    else:
        st.warning(escape(answer.text))
    st.caption(f"gezocht in: {escape(searched_in)}")
    theme = theme_of(answer.question)
    if theme:
        st.page_link("views/maatregelen.py", label=f"Alle maatregelen en ondersteuning over {theme}", icon=":material/category:",
                     query_params={"thema": theme})
    if answer.answered and not answer.incomplete:
        for i, group in enumerate(by_passage(answer.citations)):
            citation_card(group, f"{key}-{i}")
        left, right = st.columns(2)
        left.download_button("Download als Markdown", answer_markdown(answer), file_name=file_name(answer.question, "md"),
                             mime="text/markdown", key=f"md-{key}", icon=":material/download:")
        right.download_button("Download als Word", lambda: answer_docx(answer), file_name=file_name(answer.question, "docx"),
                              mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                              key=f"docx-{key}", icon=":material/download:")
    elif answer.passages:
        st.markdown("**Dichtstbijzijnde bronnen**")
        for i, p in enumerate(answer.passages[:3]):
            passage_card(p, f"{key}-near-{i}")
    if not answer.incomplete:
        feedback_form(answer, key, history or [])


def document_window(text: str, start: int, end: int, page_starts: list[list[int]]) -> tuple[str, str, str, int | None]:
    """The part of a document to show around a quote: its PDF page, or the paragraphs around it."""
    page = None
    if page_starts:
        page = at_offset(page_starts, start)
        lo = min((o for o, n in page_starts if n == page), default=0)
        hi = min((o for o, n in page_starts if page is not None and n is not None and n > page), default=len(text))
    else:
        lo = text.rfind("\n\n", 0, max(0, start - 1500))
        lo = 0 if lo < 0 else lo + 2
        hi = text.find("\n\n", min(len(text), end + 1500))
        hi = len(text) if hi < 0 else hi
    lo, hi = min(lo, start), max(hi, end)
    return text[lo:start], text[start:end], text[end:hi], page


def source_viewer(text: str, record: dict, start: int, end: int) -> None:
    """'Bekijk in document': the document around the quote, the quote highlighted."""
    import json

    page_starts = json.loads(record.get("page_starts") or "[]")
    before, quote, after, page = document_window(text, start, end, page_starts)
    caption = [KIND_LABELS.get(record.get("kind", ""), record.get("kind", "")), display_date(record.get("date"))]
    if record.get("reference"):
        caption.append(f"kenmerk {record['reference']}")
    if page:
        caption.append(f"pagina {page} van {record.get('pages')}")
    st.caption(escape(" · ".join(caption)))
    before = ("…" if not page and before.strip() else "") + before.lstrip()[-3000:]
    after = after.rstrip()[:3000] + ("…" if not page and after.strip() else "")
    # One Markdown block, so the quote stays inside its paragraph.
    st.markdown(f"{escape(before)}:orange-background[{escape(quote).replace('  ' + chr(10), ' ')}]{escape(after)}")
    scroll_to_quote(quote)
    with st.expander("Hele document"):
        st.text(text)


@st.dialog("Bron", width="large")
def show_source(view: dict) -> None:
    """'Bekijk in document' as a dialog over any page."""
    from ui.services import get_assistant

    assistant = get_assistant()
    st.markdown(f"**{escape(view['title'])}**")
    text = assistant.document_text(view["source"])
    record = assistant.retriever.snapshot().documents.get(view["source"], {})
    if text is None:
        st.warning("Dit document staat niet meer in de index.")
        return
    source_viewer(text, record, view["start"], view["end"])
