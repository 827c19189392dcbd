"""BM25 with Dutch analysis over the chunks in Chroma; saved beside the index by lexical_store.py."""
from __future__ import annotations

import json
import logging
import math
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np

DUTCH_STOPWORDS = set("""
aan al alle alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een eens en er ge
geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je kan kon kunnen maar me
meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons ook op over reeds te tegen toch toen tot u
uit uw van veel voor want waren was wat werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou
welke welk wanneer waarom hoeveel waar wie hoe vanaf sinds zit zitten gaat ging gaan kunnen kun wij we jullie onze
zegt zeggen noemt noemen vindt vind vinden denkt staat stond doet krijgt kregen vermeldt beschrijft bedoelt betekent
precies eigenlijk graag weten vertellen uitleggen
""".split())
ENGLISH_STOPWORDS = set("""
a an and are as at be by do does for from has have how in is it many much of on or that the this to was what when
where which who why will with did get gets already through about goes go going plus there their they say says
said tell me my our we can could should would there's what's into than then also any some
""".split())
# Longer than any Dutch compound worth splitting ('arbeidsongeschiktheidsverzekeringen' has 35 letters). Splitting
# is quadratic in the length and every piece lands in the lemma cache: a 20,000-letter "word" once took 252 s and 973 MB.
MAX_COMPOUND = 40
TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")


NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _strip_marks(match: re.Match) -> str:
    return "".join(c for c in match.group() if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower-case and strip diacritics: 'Financiën' and 'financien' meet."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return NON_ASCII.sub(_strip_marks, decomposed)  # only the rare non-ASCII runs are looked at letter by letter


@lru_cache(maxsize=2)
def _stemmer():
    try:
        import Stemmer
    except ImportError as e:
        raise ImportError("install PyStemmer for Dutch Snowball stemming") from e
    return Stemmer.Stemmer("dutch")


@lru_cache(maxsize=200_000)
def _lemma(token: str) -> str:
    try:
        import simplemma
    except ImportError as e:
        raise ImportError("install simplemma to use lemmas for BM25") from e
    return fold(simplemma.lemmatize(token, lang="nl"))


def words(text: str) -> list[str]:
    """Folded word tokens without stopwords, numbers kept whole ('124.000')."""
    return [t for t in TOKEN.findall(fold(text)) if t not in DUTCH_STOPWORDS and t not in ENGLISH_STOPWORDS]


def analyze(text: str, analyzer: str = "snowball") -> list[str]:
    """Tokens for BM25: folded words, stopwords out, Dutch stems or lemmas."""
    tokens = words(text)
    if analyzer == "simplemma":
        return [_lemma(t) if len(t) <= MAX_COMPOUND else t for t in tokens]  # the cache holds short words only
    return _stemmer().stemWords(tokens)


class LexicalIndex:
    """BM25 over chunk texts: built in memory from texts, or loaded memory-mapped from a saved folder."""

    def __init__(self, ids: list[str], texts: list[str], analyzer: str, extra_vocabulary: list[str] = ()):
        tokens = [analyze(text, analyzer) or ["_"] for text in texts]
        extra = {t for text in extra_vocabulary for t in analyze(text, analyzer)}
        self._setup(ids, tokens, analyzer, extra)

    @classmethod
    def from_counts(cls, ids: list[str], counts, analyzer: str, extra: set[str]) -> "LexicalIndex":
        """An index over term counts per chunk (ingest/index/segments.py's Counts); `extra` are known words that are not searched."""
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)
        index = cls.__new__(cls)
        index.ids, index.analyzer, index.bm25, index._position = ids, analyzer, bm25s.BM25(), None
        index.df = Counter()
        if ids:
            rows = np.repeat(np.arange(len(ids), dtype=np.int64), np.diff(counts.indptr))
            index.df = Counter(bm25_from_counts(index.bm25, rows, counts.term_ids, counts.tf, counts.lengths, counts.terms))
        index.vocabulary = set(index.df) | set(extra)
        return index

    @classmethod
    def from_tokens(cls, ids: list[str], tokens: list[list[str]], analyzer: str, extra: set[str]) -> "LexicalIndex":
        """An index over already analysed chunks (each a non-empty token list); `extra` are known words that are not searched."""
        index = cls.__new__(cls)
        index._setup(ids, tokens, analyzer, extra)
        return index

    def _setup(self, ids: list[str], tokens: list[list[str]], analyzer: str, extra: set[str]) -> None:
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG
        self.ids = ids
        self.analyzer = analyzer
        self.bm25 = bm25s.BM25()
        self.df: Counter[str] = Counter()
        if ids:
            self.df = Counter(bm25_matrix(self.bm25, tokens))
        self.vocabulary = set(self.df) | set(extra)
        self._position: dict[str, int] | None = None

    @property
    def position(self) -> dict[str, int]:
        """Chunk id -> row in the BM25 matrix (built on first use: a loaded index may never need it)."""
        if self._position is None:
            self._position = {chunk_id: i for i, chunk_id in enumerate(self.ids)}
        return self._position

    def save(self, folder: Path) -> None:
        """Write the index to a folder: bm25s's arrays plus ids, document frequencies and vocabulary."""
        folder.mkdir(parents=True, exist_ok=True)
        if self.ids:
            self.bm25.save(str(folder / "bm25"), show_progress=False)
        extra = sorted(self.vocabulary - set(self.df))
        (folder / "lexical.json").write_text(json.dumps(
            {"analyzer": self.analyzer, "ids": self.ids, "df": self.df, "extra": extra}, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> "LexicalIndex":
        """A saved index; the BM25 arrays are memory-mapped, not read."""
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)
        saved = json.loads((folder / "lexical.json").read_text(encoding="utf-8"))
        index = cls.__new__(cls)
        index.ids, index.analyzer = saved["ids"], saved["analyzer"]
        index.df = Counter(saved["df"])
        index.vocabulary = set(index.df) | set(saved["extra"])
        index.bm25 = bm25s.BM25.load(str(folder / "bm25"), mmap=True, load_corpus=False) if index.ids else bm25s.BM25()
        index._position = None
        return index

    def expand(self, query: str) -> str:
        """The query plus the known parts of its unknown compounds ('schoolreis' -> 'school reis')."""
        parts = [p for w in words(query) if not self.knows_word(w) for p in self.decompound(w)]
        return f"{query} {' '.join(parts)}" if parts else query

    def decompound(self, word: str) -> list[str]:
        """Split an unknown Dutch compound into two known words, allowing a linking s/e/en; [] if none."""
        word = fold(word)
        if len(word) > MAX_COMPOUND:
            return []
        best: list[str] = []
        for i in range(3, len(word) - 2):
            left, right = word[:i], word[i:]
            if not self.knows_word(right):
                continue
            for candidate in (left, left[:-1] if left.endswith("s") else None, left[:-2] if left.endswith("en") else None):
                if candidate and len(candidate) >= 3 and self.knows_word(candidate):
                    if not best or len(right) > len(best[1]):
                        best = [candidate, right]
                    break
        return best

    def search(self, query: str, k: int, allowed: set[str] | None = None, mask: np.ndarray | None = None) -> list[tuple[str, float]]:
        """The k best chunk ids for the query with their BM25 scores, restricted to `allowed` ids (or a mask from mask())."""
        tokens = [t for t in analyze(self.expand(query), self.analyzer) if t in self.vocabulary]
        if not self.ids or not tokens:
            return []
        if allowed is not None:
            mask = self.mask(allowed)
        if mask is not None and not mask.any():
            return []
        k = min(k, len(self.ids))
        docs, scores = self.bm25.retrieve([tokens], k=k, show_progress=False, weight_mask=mask)
        return [(self.ids[int(d)], float(s)) for d, s in zip(docs[0], scores[0]) if s > 0]

    def mask(self, allowed: set[str]) -> np.ndarray:
        """A search mask for these chunk ids, to reuse over many searches."""
        mask = np.zeros(len(self.ids), dtype=np.float32)
        for chunk_id in allowed:
            if chunk_id in self.position:
                mask[self.position[chunk_id]] = 1.0
        return mask

    def known(self, text: str) -> list[str]:
        """The query's analysed tokens that occur somewhere in the index."""
        return [t for t in analyze(text, self.analyzer) if t in self.vocabulary]

    def knows_word(self, word: str) -> bool:
        """Whether a word, or its lemma, occurs in the index."""
        if any(t in self.vocabulary for t in analyze(word, self.analyzer)):
            return True
        if len(word) > MAX_COMPOUND:
            return False  # the analysed form above was the only chance; no lemma (and no cache entry) for it
        try:
            lemma = _lemma(fold(word))
        except ImportError:
            lemma = word
        return any(t in self.vocabulary for t in analyze(lemma, self.analyzer))

    def idf(self, token: str) -> float:
        """Inverse document frequency; a token the index has never seen weighs most."""
        n = max(len(self.ids), 1)
        df = self.df.get(token, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))


def bm25_matrix(bm25, tokens: list[list[str]]) -> dict[str, int]:
    """Fill a bm25s index with the scores of these token lists, as bm25s.index() would, in numpy; return the document frequencies.

    bm25s counts terms document by document in Python; at 100,000 chunks that takes most of an ingest's
    bookkeeping, and this takes seconds. Same formulas (Lucene BM25, bm25s's k1 and b), same float32 matrix.
    """
    vocab: dict[str, int] = {}
    flat = np.fromiter((vocab.setdefault(t, len(vocab)) for chunk in tokens for t in chunk), dtype=np.int64)
    lengths = np.fromiter((len(chunk) for chunk in tokens), dtype=np.int64, count=len(tokens))
    docs = np.repeat(np.arange(len(tokens), dtype=np.int64), lengths)
    pairs, tf = np.unique(docs * len(vocab) + flat, return_counts=True)
    return bm25_from_counts(bm25, pairs // len(vocab), pairs % len(vocab), tf, lengths, list(vocab))


def bm25_from_counts(bm25, pair_doc: np.ndarray, pair_term: np.ndarray, tf: np.ndarray, lengths: np.ndarray,
                     terms: list[str]) -> dict[str, int]:
    """Fill a bm25s index from term counts: (chunk row, term id, count) per pair, each chunk's length and the terms by id.

    Every term must occur in some chunk; the pairs may come in any order. Returns the document frequencies.
    """
    pair_doc, pair_term = pair_doc.astype(np.int64), pair_term.astype(np.int64)
    df = np.bincount(pair_term, minlength=len(terms))
    n = len(lengths)
    idf = np.log(1 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
    tf = tf.astype(np.float32)
    norm = bm25.k1 * ((1 - bm25.b) + bm25.b * lengths[pair_doc] / lengths.mean())
    scores = idf[pair_term] * (tf / (norm + tf))
    order = np.lexsort((pair_doc, pair_term))  # column-major (CSC): by term, then by document
    indptr = np.zeros(len(terms) + 2, dtype=np.int64)  # one more column: bm25s's empty token ""
    np.cumsum(df, out=indptr[1:len(terms) + 1])
    indptr[-1] = indptr[-2]
    bm25.scores = {"data": scores[order].astype(np.float32), "indices": pair_doc[order].astype(np.int32),
                   "indptr": indptr, "num_docs": n}
    bm25.vocab_dict = {**{t: i for i, t in enumerate(terms)}, "": len(terms)}
    bm25.nonoccurrence_array = None
    return {term: int(df[i]) for i, term in enumerate(terms)}
