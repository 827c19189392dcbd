"""Citations: quotes cut from retrieved passages, checked word for word against the stored document text."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.index.lexical import LexicalIndex, analyze
from ingest.text.sentences import sentence_spans

from assistant.types import Citation, Passage

MIN_QUOTE = 20  # characters: shorter quotes prove nothing
MARKER = re.compile(r"\[(\d{1,3})\]")


@dataclass
class Span:
    """A quotable piece of a passage: one sentence, or the part of it between seams."""

    passage: Passage
    start: int  # offsets within passage.text
    end: int

    @property
    def text(self) -> str:
        return self.passage.text[self.start:self.end]


def between_seams(text: str, a: int, b: int, seams: list[int]) -> list[tuple[int, int]]:
    """The pieces of text[a:b] between cleaning seams, trimmed of whitespace: what may be quoted as one."""
    cuts = [a] + [s for s in seams if a < s < b] + [b]
    pieces = []
    for x, y in zip(cuts, cuts[1:]):
        while x < y and text[x].isspace():
            x += 1
        while y > x and text[y - 1].isspace():
            y -= 1
        pieces.append((x, y))
    return pieces


def quotable_spans(passage: Passage) -> list[Span]:
    """Sentences of a passage, split where cleaning joined text that is not adjacent in the source."""
    return [
        Span(passage, x, y)
        for a, b in sentence_spans(passage.text)
        for x, y in between_seams(passage.text, a, b, passage.seams)
        if y - x >= MIN_QUOTE
    ]


def crosses_seam(passage: Passage, start: int, end: int) -> bool:
    return any(start < s < end for s in passage.seams)


def verify(citation: Citation, document_text: str | None) -> bool:
    """The quote stands verbatim at its place in the document and does not cross a cleaning seam."""
    quote = citation.quote
    if len(quote.strip()) < MIN_QUOTE:
        return False
    p = citation.passage
    local = citation.start - p.start
    if p.text[local:local + len(quote)] != quote or crosses_seam(p, local, local + len(quote)):
        return False
    if document_text is None:
        return False
    return document_text[citation.start:citation.end] == quote


def make_citation(n: int, span: Span) -> Citation:
    p = span.passage
    return Citation(n=n, passage=p, quote=span.text, start=p.start + span.start, end=p.start + span.end)


def coverage(terms: set[str], text: str, lexical: LexicalIndex | None) -> float:
    """idf-weighted share of the analysed terms that the text contains (plain share without an index)."""
    if not terms:
        return 0.0
    analyzer = lexical.analyzer if lexical else "snowball"
    weight = lexical.idf if lexical else (lambda t: 1.0)
    total = sum(weight(t) for t in terms)
    return sum(weight(t) for t in terms & set(analyze(text, analyzer))) / total if total else 0.0


def support(claim: str, passage: Passage, lexical: LexicalIndex | None, threshold: float = 0.35) -> Span | None:
    """The sentence of the passage that best supports a claim, if any supports it well enough."""
    best, best_score = None, 0.0
    for span in quotable_spans(passage):
        score = coverage(set(analyze(claim, lexical.analyzer if lexical else "snowball")), span.text, lexical)
        if score > best_score:
            best, best_score = span, score
    return best if best_score >= threshold else None


def split_claims(text: str) -> list[str]:
    """An LLM answer's claims: its sentences (markers stay with the sentence they end)."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"'(«])|(?<=\])\s+(?=[A-Z\"'(«])|\n+", text.strip())
    return [p for p in parts if p.strip()]


def check_llm_answer(
    text: str, passages: list[Passage], lexical: LexicalIndex | None, documents: dict[str, str]
) -> tuple[str, list[Citation], int]:
    """Rewrite an LLM answer so every [n] points at a checked quote; mark claims left without support.

    The model numbers sources by their rank; markers to nothing are removed, each remaining marker is
    replaced by a citation whose quote is the passage sentence that best supports the claim.
    Returns the new text, the citations and the number of claims marked unsupported.
    """
    by_rank = {p.rank: p for p in passages}
    citations: list[Citation] = []
    seen: dict[tuple[str, int], int] = {}
    out_claims: list[str] = []
    unsupported = 0
    for claim in split_claims(text):
        bare = MARKER.sub("", claim).strip()
        numbers = []
        for m in MARKER.finditer(claim):
            passage = by_rank.get(int(m.group(1)))
            if passage is None:
                continue  # a marker pointing at nothing
            span = support(bare, passage, lexical)
            if span is None:
                continue
            citation = make_citation(0, span)
            if not verify(citation, documents.get(passage.source)):
                continue
            key = (passage.source, citation.start)
            if key not in seen:
                citation.n = len(citations) + 1
                citations.append(citation)
                seen[key] = citation.n
            if seen[key] not in numbers:
                numbers.append(seen[key])
        has_content = len(re.findall(r"\w+", bare)) >= 4
        if numbers:
            claim_text = bare.rstrip()
            trail = ""
            if claim_text and claim_text[-1] in ".!?":
                claim_text, trail = claim_text[:-1], claim_text[-1]
            out_claims.append(f"{claim_text} {''.join(f'[{n}]' for n in numbers)}{trail}")
        elif has_content:
            unsupported += 1
            out_claims.append(f"{bare} [niet onderbouwd]")
        else:
            out_claims.append(bare)
    return " ".join(out_claims), citations, unsupported
