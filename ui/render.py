"""Rendering untrusted text safely: everything from documents, uploads and models is escaped Markdown, never HTML."""
from __future__ import annotations

import json
import re

import streamlit as st

from assistant.export import answer_docx, answer_markdown, quote_with_citation
from assistant.types import KIND_LABELS, Answer, Citation, Passage
from ingest.text.metadata import display_date
from ingest.types import at_offset

MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&=])")


def escape(text: str) -> str:
    """Markdown-escape text so it shows literally: no links, images, HTML, LaTeX or directives."""
    return MD_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


def answer_markdown_safe(text: str) -> str:
    """An answer's text, escaped, with its [n] markers in bold so they stand out."""
    return re.sub(r"\\\[(\d+)\\\]", r"**[\1]**", escape(text))


def highlighted(passage_text: str, quote: str) -> str:
    """The paragraph around the quote, the quote on a coloured background (both escaped)."""
    at = passage_text.find(quote)
    if at < 0:
        return escape(passage_text)
    lo = passage_text.rfind("\n\n", 0, at)
    hi = passage_text.find("\n\n", at + len(quote))
    before = passage_text[lo + 2 if lo >= 0 else 0:at]
    after = passage_text[at + len(quote):hi if hi >= 0 else len(passage_text)]
    inner = escape(quote).replace("  \n", " ")
    return f"{escape(before)}:orange-background[{inner}]{escape(after)}"


def source_caption(p: Passage) -> str:
    return " · ".join([KIND_LABELS.get(p.kind, p.kind)] + p.where())


def record_table(fields) -> str:
    """A record's fields as a two-column Markdown table, every value escaped."""
    lines = ["| veld | waarde |", "|---|---|"]
    return "\n".join(lines + [f"| {escape(str(k))} | {escape(str(v))} |" for k, v in fields])


def citation_card(c: Citation, key: str) -> None:
    """One source card: title, kind, date, reference, page or section, the quote highlighted in its passage."""
    with st.container(border=True):
        st.markdown(f"**[{c.n}]** {escape(c.passage.title)}")
        st.caption(escape(source_caption(c.passage)))
        if c.passage.record:  # a table row: its fields as a small table
            st.markdown(record_table(json.loads(c.passage.record["fields"])))
        else:
            st.markdown(highlighted(c.passage.text, c.quote))
        left, right = st.columns(2)
        if left.button("Bekijk in document", key=f"view-{key}", icon=":material/description:"):
            st.session_state["viewer"] = {"source": c.passage.source, "start": c.start, "end": c.end, "title": c.passage.title}
            st.rerun()
        with right.popover("Kopieer citaat", icon=":material/content_copy:"):
            st.code(quote_with_citation(c), language=None, wrap_lines=True)


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
    from assistant.registers.measures import THEMES

    return next((theme for theme, pattern in THEMES.items() if re.search(pattern, question, re.I)), None)


def answer_block(answer: Answer, key: str, searched_in: str) -> None:
    """An assistant message: notice, answer, where it searched, source cards and exports."""
    if answer.notice:
        st.info(escape(answer.notice))
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
        for c in answer.citations:
            citation_card(c, f"{key}-{c.n}")
        left, right = st.columns(2)
        left.download_button("Download als Markdown", answer_markdown(answer), file_name="kansenwijzer-antwoord.md",
                             mime="text/markdown", key=f"md-{key}", icon=":material/download:")
        right.download_button("Download als Word", answer_docx(answer), file_name="kansenwijzer-antwoord.docx",
                              mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                              key=f"docx-{key}", icon=":material/download:")
    elif answer.passages:
        st.markdown("**Dichtstbijzijnde bronnen**")
        for i, p in enumerate(answer.passages[:3]):
            passage_card(p, f"{key}-near-{i}")


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
    with st.expander("Hele document"):
        st.text(text)


def progress_bar(text: str):
    """A progress bar and the ingest callback that moves it (files, then passages)."""
    bar = st.progress(0.0, text=text)

    def progress(event: str, info: dict) -> None:
        if event == "file":
            bar.progress((info["n"] - 1) / max(info["files"], 1), text=f"Bestand {info['n']} van {info['files']}")
        elif event == "chunks":
            bar.progress(min(1.0, info["done"] / max(info["total"], 1)), text=f"{info['done']} van {info['total']} passages")

    return bar, progress


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
