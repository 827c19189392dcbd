"""The chat page: questions, answers with source cards, follow-ups, exports."""
from __future__ import annotations

import logging

import streamlit as st

from assistant.export import conversation_docx, conversation_markdown, file_name
from assistant.types import Answer, Filters
from ingest.index.store import IndexError_

from ui import render
from ui.services import get_assistant, get_settings

log = logging.getLogger("kansenwijzer.ui")

# One per kind of user; each checked to get a cited answer from the corpus in extractive mode (tests/test_ui.py).
EXAMPLES = [
    ("Leraar", "Hoe maak ik de overstap naar het vo kansrijker?"),
    ("Schoolleider", "Wat is de arbeidsmarkttoelage voor leraren?"),
    ("Beleidsmedewerker", "Hoeveel geld gaat er naar het leerplusarrangement, en vanaf wanneer?"),
    ("Voor een memo", "Wat doet het ministerie tegen segregatie in het onderwijs?"),
]


def new_conversation() -> None:
    st.session_state["messages"] = []
    st.session_state.pop("viewer", None)
    st.session_state.pop("feedback_given", None)


def earlier_questions(messages: list[dict]) -> list[str]:
    """The conversation's questions so far, as asked (the follow-up path's `history`); failed turns left out.

    A question the user corrected under 'Ik lees je vraag als' counts as that corrected text.
    """
    history = []
    for question, reply in zip(messages[::2], messages[1::2]):
        if question["role"] == "user" and not reply.get("error"):
            history.append(question["text"])
    return history


def message_parts():
    """An assistant message's two places: its progress while answering, then its body.

    The history draws every message through these too, so on the next run each answer's elements sit where they were
    drawn: Streamlit then keeps them, instead of replacing the copy buttons' frames (and a status or click in them).
    """
    return st.empty(), st.container()


def ask(question: str, filters: Filters | None, use_llm: bool, standalone: bool = False) -> None:
    """Answer a question and add both sides to the conversation; `standalone` questions need no earlier ones."""
    assistant = get_assistant()
    settings = get_settings()
    messages = st.session_state.setdefault("messages", [])
    history = [] if standalone else earlier_questions(messages)
    messages.append({"role": "user", "text": question})
    searched_in = filters.describe() if filters else "alle documenten"
    with st.chat_message("user"):
        st.text(question)
    with st.chat_message("assistant"):
        working, body = message_parts()
        answer: Answer | None = None
        try:
            answerer = assistant if use_llm and settings.answer_mode != "extractive" else extractive_assistant()
            with working.container():
                with st.spinner("Zoeken in de documenten…"):
                    events = answerer.stream(question, history, filters)
                    next(events)  # the passages: retrieval is done
                placeholder = st.empty()
                written = ""
                for kind, value in events:
                    if kind == "token":
                        written += value
                        placeholder.markdown(render.escape(written) + " ▌")
                    elif kind == "answer":
                        answer = value
            working.empty()
        except Exception as error:
            unavailable = isinstance(error, IndexError_)
            log.exception("index unavailable while answering" if unavailable else "answering failed")
            working.empty()
            body.error("De index is nu niet bereikbaar. Probeer het over een paar minuten opnieuw; uw gesprek blijft bewaard." if unavailable
                       else "Er ging iets mis bij het beantwoorden. Probeer het opnieuw of stel de vraag anders.")
            messages.append({"role": "assistant", "error": True})
            return
        # The same key the history loop gives this message on the next run, so a click on its buttons is not lost.
        with body:
            render.answer_block(answer, f"h{len(messages)}", searched_in, history)
    messages.append({"role": "assistant", "answer": answer, "searched_in": searched_in})


@st.cache_resource(show_spinner=False)
def _extractive():
    from assistant.answer.chain import Assistant

    settings = get_settings().model_copy(update={"answer_mode": "extractive"})
    return Assistant(settings, retriever=get_assistant().retriever)


def extractive_assistant():
    """The extractive answerer sharing the main assistant's index and embedder."""
    return get_assistant() if get_settings().answer_mode == "extractive" else _extractive()


def page() -> None:
    """The chat."""
    st.title("Kansenwijzer")
    st.caption("Vragen over kansengelijkheid in het onderwijs, beantwoord uit de bronnen zelf — met citaten die u kunt controleren.")
    messages = st.session_state.setdefault("messages", [])
    filters: Filters | None = st.session_state.get("filters")
    use_llm = st.session_state.get("use_llm", False)

    typed = st.chat_input("Stel een vraag over kansengelijkheid…")
    pending = st.session_state.pop("pending", None)
    question, standalone = (typed, False) if typed else ((pending["text"], pending["standalone"]) if pending else (None, False))
    if not messages and not question:
        st.markdown("**Probeer bijvoorbeeld:**")
        for i, (who, example) in enumerate(EXAMPLES):
            if st.button(f"{who}: {example}", key=f"example-{i}"):
                st.session_state["pending"] = {"text": example, "standalone": True}
                st.rerun()

    for i, message in enumerate(messages):
        if message["role"] == "user":
            with st.chat_message("user"):
                st.text(message["text"])
        elif message.get("error"):
            with st.chat_message("assistant"):
                message_parts()[1].error("Er ging iets mis bij het beantwoorden.")
        else:
            with st.chat_message("assistant"), message_parts()[1]:
                render.answer_block(message["answer"], f"h{i}", message["searched_in"], earlier_questions(messages[:i - 1]))

    if question and question.strip():
        ask(question.strip(), filters, use_llm, standalone)

    answers = [m["answer"] for m in st.session_state.get("messages", []) if m.get("answer") is not None and not m["answer"].incomplete]
    if answers:
        left, middle, right = st.columns(3)
        left.download_button("Gesprek als Markdown", conversation_markdown(answers), file_name=file_name("gesprek", "md"),
                             mime="text/markdown", icon=":material/download:")
        middle.download_button("Gesprek als Word", lambda: conversation_docx(answers), file_name=file_name("gesprek", "docx"),
                               mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document", icon=":material/download:")
        if right.button("Nieuw gesprek", icon=":material/restart_alt:"):
            new_conversation()
            st.rerun()

    view = st.session_state.pop("viewer", None)
    if view:
        render.show_source(view)
