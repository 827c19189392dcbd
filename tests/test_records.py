"""Answers over an intervention index: one row by name, filters and superlatives on typed columns, absent ones said so."""
from __future__ import annotations

import shutil

import pytest

from ingest.pipeline import ingest

from .tablegen import write_sample_index


@pytest.fixture(scope="module")
def index_assistant(corpus_settings, tmp_path_factory):
    """The corpus letters plus the sample index, with the real embedder."""
    from assistant.answer.chain import Assistant

    folder = tmp_path_factory.mktemp("with-index")
    shutil.copytree(corpus_settings.data_dir, folder / "data")
    docs = folder / "docs"
    docs.mkdir()
    write_sample_index(docs / "interventie-index.xlsx")
    settings = corpus_settings.model_copy(update={"data_dir": folder / "data"})
    assert ingest([docs], settings).added
    return Assistant(settings)


def rows(answer):
    return [c.passage.record["row"] for c in answer.citations if c.passage.record]


def test_one_intervention_is_answered_with_its_fields_and_cites_its_row(index_assistant):
    answer = index_assistant.ask("Hoe scoort zittenblijven in de index?")
    assert answer.answered and rows(answer) == [17]
    assert "Effect (maanden): -3" in answer.text and "zeer hoog" in answer.text
    citation = answer.citations[0]
    assert citation.label.endswith("interventie-index.xlsx, blad Index, rij 17")
    assert citation.quote in index_assistant.document_text(citation.passage.source)  # verbatim in the stored text
    assert answer.passages[0].record["row"] == 17


def test_superlative_sorts_on_the_typed_effect_column(index_assistant):
    answer = index_assistant.ask("Welke interventie heeft het meeste effect?")
    assert answer.answered and rows(answer)[0] == 5  # Metacognitie en zelfregulatie, 7 months
    effects = [c.passage.record["f_effect_maanden"] for c in answer.citations]
    assert effects == sorted(effects, reverse=True)


def test_filters_on_cost_evidence_and_sector(index_assistant):
    answer = index_assistant.ask("Goedkope aanpakken met sterke bewijskracht voor het vo?")
    assert answer.answered and answer.citations
    for c in answer.citations:
        r = c.passage.record
        assert r["f_kosten"] <= 2 and r["f_bewijskracht"] >= 4 and "vo" in c.passage.sectors
    assert "Metacognitie en zelfregulatie" in answer.text


def test_what_does_not_work_lists_negative_effects_in_dutch_and_english(index_assistant):
    for question in ("Wat werkt niet?", "What doesn't work according to the index?"):
        answer = index_assistant.ask(question)
        assert answer.answered and set(rows(answer)) == {17, 18, 30}, question  # -3, -1 and 0 months


def test_an_intervention_not_in_the_index_is_said_to_be_absent(index_assistant):
    answer = index_assistant.ask("Wat is het effect van bijlesvouchers volgens de interventie-index?")
    assert not answer.answered and "bijlesvouchers" in answer.text and not answer.citations


def test_a_question_about_an_index_and_a_letter_cites_both(index_assistant):
    answer = index_assistant.ask("Hoe scoort een langere schooldag in de index, en wat doet het kabinet aan voorschoolse educatie?")
    assert answer.answered and rows(answer) == [13]
    assert any(c.passage.kind == "kamerbrief" for c in answer.citations)
    for c in answer.citations:
        assert c.quote in index_assistant.document_text(c.passage.source)


def test_a_value_the_row_does_not_give_is_said_to_be_missing_with_what_the_row_does_give(index_assistant):
    euros = index_assistant.ask("Hoeveel euro per leerling kost een zomerschool volgens de index?")
    assert not euros.answered and not euros.citations
    assert "geen bedrag" in euros.text and "'gemiddeld'" in euros.text  # cost is a level in this index
    schools = index_assistant.ask("Bij hoeveel scholen is mentoring onderzocht volgens de interventie-index?")
    assert not schools.answered and "geen aantal scholen" in schools.text
    months = index_assistant.ask("Hoeveel maanden extra vooruitgang geeft peer tutoring volgens de index?")
    assert months.answered and "Effect (maanden): 5" in months.text  # what the index does count is answered
