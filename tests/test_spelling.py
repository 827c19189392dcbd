"""Typing errors: an unknown word one keystroke from a word of the index is read as that word; ordinary words stay."""
from __future__ import annotations

import pytest

from assistant.answer.spelling import corrected, neighbours


def test_neighbours_are_one_keystroke_away():
    near = neighbours("budjet")
    assert "budget" in near and "bdujet" in near and "budjt" in near and "budjets" in near
    assert "budjet" not in near and "bugdet" not in near  # two keystrokes away


@pytest.mark.parametrize("question, reading", [
    ("Wat zegt de SER over digitalisering in het onderwjis?", "Wat zegt de SER over digitalisering in het onderwijs?"),
    ("Hoeveel budjet is er voor het leerplusarrangement?", "Hoeveel budget is er voor het leerplusarrangement?"),
    ("Maakt het uit wat ik verwaccht van mijn leerlingen?", "Maakt het uit wat ik verwacht van mijn leerlingen?"),
    # one stem, several spellings one keystroke away ('toelag', 'toelage'): the dictionary's word is shown
    ("Krijgen leraren op scholen met veel achterstand een toelaeg?", "Krijgen leraren op scholen met veel achterstand een toelage?"),
])
def test_a_typing_error_is_read_as_the_word_the_documents_use(assistant, question, reading):
    lexical = assistant.retriever.snapshot().lexical
    assert corrected(question, lexical) == reading
    answer = assistant.ask(question)
    assert answer.standalone_question == reading  # shown to the user as 'Ik lees je vraag als …'


@pytest.mark.parametrize("question", [
    "Wie kan ik bij de VO-raad benaderen voor ondersteuning?",     # 'benaderen': Dutch, not in the documents
    "Kunnen we een bezoek brengen aan een school die dit goed doet?",  # 'bezoek', 'brengen'
    "Wat doet het kabinet daaraan en wat spraken ze vooraf af?",   # two stopwords written as one, a particle
    "Wat vindt het Spaarnecolege ervan?",                          # a name is no typing error
    "What does the minister say about tutoring budgets?",          # English is not corrected to Dutch
])
def test_ordinary_words_names_and_english_are_left_as_written(assistant, question):
    assert corrected(question, assistant.retriever.snapshot().lexical) == question
