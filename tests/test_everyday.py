"""Everyday Dutch ('de juf', 'invallers', 'een ontbijt op school') finds the passages that say it in the letters' words."""
from __future__ import annotations

import pytest

from assistant.answer.everyday import everyday_terms
from assistant.answer.question import search_text


def test_everyday_words_get_the_documents_words():
    assert set(everyday_terms("Onze juf zegt dat er geen invallers meer zijn").split()) >= {"leraar", "lerarentekort"}
    assert "schaduwonderwijs" in everyday_terms("Is BIJLES bij een huiswerkinstituut erg?").split()  # case and whole words
    assert "voortgezet" in everyday_terms("Wat merkt de middelbare school daarvan?").split()
    assert everyday_terms("Hoeveel bedraagt de arbeidsmarkttoelage per leraar per maand?") == ""  # the letters' words already
    assert everyday_terms("Komt de jufferouw?") == ""  # 'juf' as a whole word only
    assert "limiet" in everyday_terms("Komt er een maximum voor de ouderbijdrage?").split()  # the letters' word for it
    assert "verzocht" in everyday_terms("Wie heeft daarom gevraagd?").split()
    for staff in ("extra ondersteunend personeel in de klas", "iemand naast de meester die meehelpt"):
        assert "onderwijsassistenten" in everyday_terms(staff).split()
    assert everyday_terms("Onze juf", knows_word=lambda w: w != "leraren") == "leraar"  # only words the index knows


def test_only_dutch_questions_get_everyday_words():
    assert search_text("Hebben we straks genoeg invallers?").endswith("lerarentekort tekort")
    assert "lerarentekort" not in search_text("Will schools find enough substitute teachers?")  # English goes through the glossary


@pytest.mark.slow
@pytest.mark.parametrize("question, word", [
    ("Wat doet de overheid eraan dat er geen invallers meer te vinden zijn?", "lerarentekort"),
    ("Mag de juf ouders aanraden om bijles te nemen bij een bureau?", "schaduwonderwijs"),
    ("Zijn er plannen om kinderen op school een ontbijt te geven?", "schoolmaaltijden"),
    ("Moeten bijlesgevers die op school werken gescreend zijn?", "vog"),
    ("Onze mbo-studenten vinden geen stageplek, waarschijnlijk door hun achternaam. Wat wordt daaraan gedaan?", "stagediscriminatie"),
])
def test_an_everyday_question_finds_the_passage_in_policy_words(assistant, question, word):
    """The BM25 side ranks a passage with the letters' word in its first two only with the everyday words added."""
    snap = assistant.retriever.snapshot()

    def first_two(text):
        hits = [pid for pid, _ in snap.lexical.search(text, 2, None)]
        snap.passages.fetch(hits)
        return [snap.passages[pid].text.lower() for pid in hits]

    assert not any(word in text for text in first_two(question))
    assert any(word in text for text in first_two(search_text(question)))


def test_a_teachers_words_are_replaced_by_the_index_words_for_the_same_thing():
    from assistant.answer.everyday import in_index_words

    assert in_index_words("Een leerling uit de bovenbouw legt de stof uit aan een jongere.") == \
        "Een leerling uit de oudere uitleg aan een jongere."
    assert "jongere" in in_index_words("De oudsten helpen de kleintjes.") and "kleintjes" not in in_index_words("De oudsten helpen de kleintjes.")
    assert in_index_words("Wat kost een zomerschool?") == "Wat kost een zomerschool?"  # nothing to replace
