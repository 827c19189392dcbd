"""LLM mode against a local server that speaks the real OpenAI and Ollama protocols: streaming, checks, faults."""
from __future__ import annotations


import time

import pytest

from assistant.answer.chain import Assistant
from assistant.answer.llm import SYSTEM_PROMPT

from .fake_llm import FakeLLMServer

LEERPLUS = "Hoeveel geld ging er in 2022 naar het leerplusarrangement?"


SUPPORTED = "In 2022 bedroeg het budget voor het leerplusarrangement € 52 mln. [1]"


@pytest.fixture
def server():
    with FakeLLMServer() as s:
        s.script.reply = SUPPORTED
        yield s


def llm_assistant(corpus_settings, server, mode: str, **overrides) -> Assistant:
    base_url = server.url + ("/v1" if mode == "openai" else "")
    settings = corpus_settings.model_copy(update={"answer_mode": mode, "llm_base_url": base_url, "llm_model": "fake", **overrides})
    from assistant.answer.retrieve import Retriever

    return Assistant(settings, retriever=Retriever(settings))


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["openai", "ollama"])
def test_streams_tokens_and_checks_every_citation(corpus_settings, server, mode):
    server.script.reply = (
        "In 2022 bedroeg het budget voor het leerplusarrangement € 52 mln. [1] "
        "Daarnaast gaat het naar € 157 mln. in 2024 [1]. De maan is van groene kaas volgens het kabinet [7]."
    )
    assistant = llm_assistant(corpus_settings, server, mode)
    events = list(assistant.stream(LEERPLUS))
    tokens = [e for kind, e in events if kind == "token"]
    answer = events[-1][1]
    assert len(tokens) > 5 and "".join(tokens) == server.script.reply
    assert answer.mode == mode and answer.answered
    # [7] pointed at nothing: removed, and the claim it carried is marked unsupported.
    assert "[7]" not in answer.text and "[niet onderbouwd]" in answer.text
    assert answer.citations and all(c.quote in assistant.document_text(c.passage.source) for c in answer.citations)
    assert any("€ 52 mln" in c.quote for c in answer.citations)
    request = server.script.requests[-1]["body"]
    system = request["messages"][0]["content"]
    assert system == SYSTEM_PROMPT and "<bronnen>" in request["messages"][1]["content"]


@pytest.mark.slow
def test_invented_quotes_never_reach_the_user(corpus_settings, server):
    server.script.reply = "De minister schrijft: 'Alle scholen krijgen morgen een gouden schoolbord' [1][2]."
    answer = llm_assistant(corpus_settings, server, "openai").ask(LEERPLUS)
    assert "gouden" not in answer.text and not any("gouden" in c.quote for c in answer.citations)
    # No claim of the model could be checked: the user gets the extractive answer and is told why.
    assert answer.mode == "extractive" and "controleerbare bronnen" in answer.notice


@pytest.mark.slow
def test_a_server_that_never_answers_falls_back_to_the_extractive_answer(corpus_settings, server):
    # The server would answer after 30 s: an answer from the model would mean the 1 s timeout did not work.
    server.script.mode, server.script.delay = "slow", 30
    assistant = llm_assistant(corpus_settings, server, "openai", llm_timeout=1.0)
    answer = assistant.ask(LEERPLUS)
    assert answer.answered and answer.mode == "extractive" and "€ 52 mln" in answer.text
    assert "geen antwoord" in answer.notice


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["openai", "ollama"])
def test_401_is_not_retried_and_says_so(corpus_settings, server, mode):
    server.script.mode, server.script.status = "status", 401
    answer = llm_assistant(corpus_settings, server, mode).ask(LEERPLUS)
    assert len(server.script.requests) == 1
    assert "API-sleutel" in answer.notice and answer.answered and answer.mode == "extractive"


@pytest.mark.slow
@pytest.mark.parametrize("status", [429, 503])
def test_busy_servers_get_bounded_retries_with_backoff(corpus_settings, server, status):
    server.script.mode, server.script.status, server.script.failures = "status", status, 2
    started = time.monotonic()
    answer = llm_assistant(corpus_settings, server, "openai", llm_max_retries=2).ask(LEERPLUS)
    assert len(server.script.requests) == 3 and answer.mode == "openai" and answer.notice is None
    assert time.monotonic() - started >= 1.5  # backed off 0.5 s, then 1 s
    server.script.requests.clear()
    server.script.failures, server.script.retry_after = 0, "0"  # always busy, and says when to come back: now
    answer = llm_assistant(corpus_settings, server, "openai", llm_max_retries=2).ask(LEERPLUS)
    assert len(server.script.requests) == 3 and "overbelast" in answer.notice and answer.mode == "extractive"


@pytest.mark.slow
def test_connection_refused_gives_a_clear_notice(corpus_settings):
    from .conftest import free_port

    settings = corpus_settings.model_copy(update={"answer_mode": "ollama", "llm_base_url": f"http://127.0.0.1:{free_port()}"})
    answer = Assistant(settings).ask(LEERPLUS)
    assert "niet bereikbaar" in answer.notice and answer.answered


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["openai", "ollama"])
def test_a_stream_that_breaks_halfway_is_marked_incomplete(corpus_settings, server, mode):
    server.script.mode = "broken"
    server.script.reply = "Het budget voor het leerplusarrangement bedroeg in 2022 € 52 mln. volgens de brief van maart [1]."
    answer = llm_assistant(corpus_settings, server, mode).ask(LEERPLUS)
    assert answer.incomplete and not answer.answered and answer.citations == []
    assert "onvolledig" in answer.notice and answer.text and len(answer.text) < len(server.script.reply)


@pytest.mark.slow
def test_follow_up_is_rewritten_by_the_model(corpus_settings, server):
    server.script.reply = "Hoeveel geld gaat er in 2024 naar het leerplusarrangement?"
    assistant = llm_assistant(corpus_settings, server, "openai")
    answer = assistant.ask("En in 2024?", history=[LEERPLUS])
    assert answer.standalone_question == "Hoeveel geld gaat er in 2024 naar het leerplusarrangement?"
    assert "Eerdere vragen" in server.script.requests[0]["body"]["messages"][1]["content"]
