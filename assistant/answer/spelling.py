"""Typing errors in a question ('onderwjis', 'verwaccht', 'budjet'): an unknown word one keystroke away from a word the index
knows is read as that word, for retrieval and for the answer alike, and the reading is shown ('Ik lees je vraag als …')."""
from __future__ import annotations

import re
from string import ascii_lowercase

from ingest.index.lexical import LexicalIndex, analyze, fold, words

MIN_PASSAGES = 2  # a word in one passage only is often a remnant ('leding', 'streks'): 1 turned 'kleding' into 'leding'
SHORTEST = 6  # shorter words have too many neighbours one keystroke away ('kind'/'kins'/'king')
WORD = re.compile(r"[A-Za-zÀ-ÿ]+")


def neighbours(word: str) -> set[str]:
    """Every string one deletion, transposition, replacement or insertion away from the word (Norvig's edits1)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in ascii_lowercase}
    inserts = {a + c + b for a, b in splits for c in ascii_lowercase}
    return (deletes | transposes | replaces | inserts) - {word}


def in_dictionary(word: str, *langs: str) -> bool | None:
    """Whether simplemma's dictionary of one of these languages holds the word; None when simplemma is not installed."""
    try:
        import simplemma
    except ImportError:
        return None
    return any(simplemma.is_known(word.lower(), lang=lang) for lang in langs)


def dictionary_word(word: str) -> bool:
    """Whether a word is a Dutch or English word: a small corpus lacks many ordinary words ('bezoek', 'praten'), which are
    no typing errors for not being in it. Without a dictionary nothing is taken for a typing error."""
    known = in_dictionary(word, "nl", "en")
    return True if known is None else known


PARTICLES = {"af", "toe", "mee", "heen", "langs", "terug", "weg", "samen"}


def of_stopwords(word: str) -> bool:
    """Whether a word is a stopword and a stopword or particle written as one ('daaraan', 'overeen', 'vooraf'): a word, not
    a typing error."""
    return any(not words(word[:i]) and (not words(word[i:]) or word[i:] in PARTICLES) for i in range(2, len(word) - 1))


def correction(word: str, lexical: LexicalIndex) -> str | None:
    """The known word an unknown word was probably meant to be, or None: the word is in neither the index (also not as a
    compound of two known words) nor the dictionary, and among its neighbours the one whose stem occurs in most passages,
    a word of the dictionary first among those of one stem ('toelage', not 'toelag', for 'toelaeg')."""
    folded = fold(word)
    if len(folded) < SHORTEST or not folded.isalpha() or not analyze(folded, lexical.analyzer):
        return None  # short, a number or a stopword
    if lexical.knows_word(folded) or lexical.decompound(folded) or dictionary_word(word.lower()) or of_stopwords(folded):
        return None
    candidates = sorted(neighbours(folded))
    found = {}
    for candidate, stems in zip(candidates, (analyze(c, lexical.analyzer) for c in candidates)):
        df = lexical.df.get(stems[0], 0) if len(stems) == 1 else 0
        if df >= MIN_PASSAGES:
            found[candidate] = df
    if not found:
        return None
    most = max(found.values())
    tied = [c for c, df in found.items() if df == most]  # one stem, several spellings: the dictionary's
    return next((c for c in tied if dictionary_word(c)), tied[0])


def corrected(question: str, lexical: LexicalIndex) -> str:
    """The question with each word that is a typing error of a known word replaced by that word; a Dutch question only (an
    English word is no Dutch word mistyped)."""
    from assistant.answer.question import is_english

    if is_english(question) or not lexical.ids:
        return question

    def fix(m: re.Match) -> str:
        word = m.group(0)
        if word[0].isupper() and m.start() > 0:
            return word  # a name ('Spaarne', 'Eckart') is not a mistyped word
        known = correction(word, lexical)
        return known if known else word

    return WORD.sub(fix, question)
