"""BM25's Dutch decompounding: known parts of unknown compounds, bounded for words no language has."""
from __future__ import annotations

from ingest.index.lexical import LexicalIndex, _lemma


def index() -> LexicalIndex:
    texts = ["De school organiseert een reis voor leerlingen.", "Ouders betalen een bijdrage voor de excursie."]
    return LexicalIndex(["a", "b"], texts, "snowball")


def test_an_unknown_compound_is_split_into_known_words():
    lexical = index()
    assert lexical.decompound("schoolreis") == ["school", "reis"]
    assert "school reis" in lexical.expand("Wat kost de schoolreis?")


def test_a_20000_letter_word_is_not_decompounded_and_fills_no_cache():
    lexical = index()
    before = _lemma.cache_info().currsize
    monster = "schoolreis" * 2000  # 20,000 letters, one "word"
    assert lexical.decompound(monster) == []
    assert lexical.expand(f"Wat is {monster}?") == f"Wat is {monster}?"
    assert lexical.search(f"{monster} school", 2)[0][0] == "a"  # the rest of the question still counts
    assert _lemma.cache_info().currsize - before <= 2
