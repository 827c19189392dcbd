"""Extractive answers: verbatim sentences with checked citations, figures first, dates, refusals, follow-ups."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from assistant.answer.cite import check_llm_answer, verify
from assistant.types import Citation

from .conftest import ROOT, norm

KAMERBRIEF = "corpus/kamerbrief-visie-kansengelijkheid-funderend-onderwijs-2023-03-10.txt"


def raw(source: str) -> str:
    return norm((ROOT / source).read_text(encoding="utf-8"))


@pytest.mark.slow
def test_a_figure_question_gets_the_figure_first_with_source_and_date(assistant):
    answer = assistant.ask("Hoeveel geld ging er in 2022 naar het leerplusarrangement?")
    assert answer.answered
    assert answer.text.startswith("De minister schrijft in de Kamerbrief 'Visie Kansengelijkheid funderend onderwijs' van 10 maart 2023:")
    assert "€ 52 mln" in answer.text.split("[2]")[0]
    c = answer.citations[0]
    assert (c.passage.source, c.passage.reference) == (KAMERBRIEF, "35735585")
    assert "10 maart 2023" in c.label and "kenmerk 35735585" in c.label


@pytest.mark.slow
def test_every_quote_stands_verbatim_in_the_source_file(assistant):
    questions = [
        "Mag een school kinderen uitsluiten van de schoolreis als ouders niet betalen?",
        "Hoe maak ik de overstap naar het vo kansrijker?",
        "Welke vijf terreinen noemt de minister?",
        "Wat zegt de SER over stagediscriminatie?",
        "Hoeveel leerlingen ervaren thuis moeite met rondkomen?",
    ]
    for question in questions:
        answer = assistant.ask(question)
        assert answer.answered, question
        for c in answer.citations:
            assert len(c.quote) >= 20
            assert norm(c.quote) in raw(c.passage.source), (question, c.quote)
            assert f"[{c.n}]" in answer.text
            assert verify(c, assistant.document_text(c.passage.source))


@pytest.mark.slow
def test_a_list_question_quotes_the_whole_list(assistant):
    answer = assistant.ask("Welke vijf terreinen noemt de minister in de visie op kansengelijkheid?")
    assert "Ik neem maatregelen op vijf terreinen:" in answer.text
    assert "5. Vergroten van flexibiliteit en maatwerk" in answer.citations[0].quote


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "Hoeveel kost een parkeervergunning in Den Haag?",
    "Welke minister van Financiën tekende de brief over kansengelijkheid?",
    "Wat is het recept voor appeltaart?",
    "How many hospitals are there in Rotterdam?",
])
def test_questions_the_sources_do_not_answer_are_declined_with_nearest_sources(assistant, question):
    answer = assistant.ask(question)
    assert not answer.answered and answer.citations == []
    assert len(answer.passages) >= 3
    assert "beantwoorden de vraag niet" in answer.text or "do not answer" in answer.text


@pytest.mark.slow
def test_an_english_question_gets_an_english_lead_in_and_the_dutch_quote(assistant):
    answer = assistant.ask("How many pupils already get an enriched school day through the programme School en Omgeving?")
    assert answer.answered and answer.text.startswith("According to the minister, in the Kamerbrief")
    assert "124.000" in answer.text


@pytest.mark.slow
def test_follow_up_questions_carry_the_previous_subject(assistant):
    first = assistant.ask("Hoeveel geld ging er in 2022 naar het leerplusarrangement?")
    follow = assistant.ask("En in 2024?", history=[first.standalone_question or first.question])
    assert "leerplusarrangement" in follow.standalone_question
    assert follow.answered and "157" in follow.text
    when = assistant.ask("Wanneer?", history=["Wat gebeurt er met de indicator voor achterstandsmiddelen in het voortgezet onderwijs?"])
    assert when.answered and "1 januari 2024" in when.text


def test_sources_of_different_dates_that_disagree_put_the_newer_first(assistant):
    from assistant.answer.extractive import extractive_answer
    from assistant.types import Passage

    def passage(rank, source, title, date, text):
        return Passage(f"{source}::0", text, source, title, "webpagina", date, "", None, "", 0, len(text), [], ["po"], score=1.0 / rank, rank=rank)

    older = passage(1, "corpus/oud.txt", "Oude pagina", "2019-05-01", "Het budget voor de schoolmaaltijden bedraagt 10 miljoen euro per jaar.")
    newer = passage(2, "corpus/nieuw.txt", "Nieuwe brief", "2023-03-10", "Het budget voor de schoolmaaltijden bedraagt 20 miljoen euro per jaar.")
    draft = extractive_answer("Hoe groot is het budget voor de schoolmaaltijden?", [older, newer], assistant.retriever.snapshot().lexical, 3)
    text, citations = draft.text, draft.citations
    assert [c.passage.source for c in citations] == ["corpus/nieuw.txt", "corpus/oud.txt"]
    assert text.index("20 miljoen") < text.index("10 miljoen")
    assert "de nieuwste (10 maart 2023) staat voorop" in text


def test_llm_answers_are_rewritten_to_checked_citations(assistant):
    passages = assistant.search("Hoeveel geld ging er in 2022 naar het leerplusarrangement?")
    documents = {p.source: assistant.document_text(p.source) for p in passages}
    lexical = assistant.retriever.snapshot().lexical
    text, citations, unsupported = check_llm_answer(
        "Het leerplusarrangement kreeg in 2022 € 52 mln. [1] Volgens de bron kregen alle leraren een auto [2]. Dit geldt ook voor alle scholen in het mbo [9].",
        passages, lexical, documents,
    )
    assert [c.n for c in citations] == [1]
    assert "€ 52 mln" in citations[0].quote and "[9]" not in text
    assert unsupported == 2 and text.count("[niet onderbouwd]") == 2


def test_a_tampered_quote_fails_verification(assistant):
    p = assistant.search("leerplusarrangement 52 mln")[0]
    doc = assistant.document_text(p.source)
    start = p.text.index("€ 52 mln")
    good = Citation(1, p, p.text[start:start + 30], p.start + start, p.start + start + 30)
    assert verify(good, doc)
    bad = Citation(1, p, good.quote.replace("52", "53"), good.start, good.end)
    assert not verify(bad, doc)


@pytest.mark.slow
def test_cli_contract_one_json_object_per_question(corpus_settings):
    env = {**os.environ, "KANSENWIJZER_DATA_DIR": str(corpus_settings.data_dir)}
    questions = "Hoeveel geld ging er in 2022 naar het leerplusarrangement?\nHoeveel kost een parkeervergunning in Den Haag?\n"
    proc = subprocess.run([sys.executable, "-m", "assistant", "ask", "--json"], input=questions, cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert first["answered"] is True and second["answered"] is False
    assert {"question", "answer", "answered", "citations", "sources"} <= set(first)
    assert len(first["sources"]) == 10 and [s["rank"] for s in first["sources"]] == list(range(1, 11))
    c = first["citations"][0]
    assert c["source"] == KAMERBRIEF and c["page"] is None and c["quote"] in (ROOT / KAMERBRIEF).read_text(encoding="utf-8").replace("\n", " ") or norm(c["quote"]) in raw(KAMERBRIEF)
    one = subprocess.run([sys.executable, "-m", "assistant", "search", "leerplusarrangement", "--json", "-k", "3"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert len(json.loads(one.stdout)["sources"]) == 3
