"""The default answer: the source sentences that answer the question, verbatim, each with its [n]."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.index.lexical import LexicalIndex, analyze, words
from ingest.text.metadata import date_number

from assistant.answer.cite import Span, coverage, make_citation, quotable_spans
from assistant.answer.question import answer_type, is_english
from assistant.types import KIND_LABELS, Citation, Passage

NUMBER = re.compile(r"€|\b\d[\d.,]*\s*(?:mln|miljoen|miljard|mld|procent|%)|\b\d{1,3}(?:\.\d{3})+\b|\b(?!(?:19|20)\d{2}\b)\d{2,}\b|\b(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twaalf|twintig|honderd|duizend|kwart|helft)\b", re.I)
DATE_LIKE = re.compile(r"\b(19|20)\d{2}\b|\b(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|voorjaar|zomer|najaar|winter)\b", re.I)
NAME = re.compile(r"\b[A-Z][a-z]+ (?:(?:van|de|der|den)\s)*[A-Z][a-z]+\b(?![,.]? (?:en|van|voor) [A-Z])")
SIGNATURE = re.compile(r"^(Met vriendelijke groet|Hoogachtend|(De|de) (minister|staatssecretaris)\b[^.]*,\s*[A-Z][\w.]+ [A-Z][\w-]+$)")
FOOTNOTE_START = re.compile(r"^(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d{1,2} )\s*[A-Z]")
ENGLISH_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


@dataclass
class Scored:
    span: Span
    score: float
    coverage: float


def question_terms(question: str, lexical: LexicalIndex) -> set[str]:
    """The analysed terms evidence is weighed against; for English, their Dutch counterparts."""
    if is_english(question):
        from assistant.answer.translate import to_dutch

        untranslated = set(analyze(" ".join(missing_terms(question, lexical)), lexical.analyzer))
        return set(analyze(to_dutch(question), lexical.analyzer)) | set(lexical.known(question)) | untranslated
    return set(analyze(lexical.expand(question), lexical.analyzer))


def score_spans(question: str, q_tokens: set[str], passages: list[Passage], lexical: LexicalIndex, depth: int = 5) -> list[Scored]:
    """Every quotable sentence of the top passages, scored against the question's analysed terms."""
    kind = answer_type(question)
    percentage = re.search(r"percentage|procent|hoeveel procent|per ?cent", question, re.I)
    top = max((p.score for p in passages), default=1.0) or 1.0
    counted = counted_noun(question, lexical)
    scored: list[Scored] = []
    for p in passages[:depth]:
        prior = 0.5 * (p.score / top) + 0.5 / (1 + 0.35 * (p.rank - 1))
        for span in quotable_spans(p):
            text = span.text
            if text == p.section or len(text.split()) < 4:
                continue
            # The title and heading are the sentence's context: 'de SER' is in the title, not in every sentence.
            cov = coverage(q_tokens, f"{p.title} {p.publisher} {p.section} {text}", lexical)
            bonus = 0.0
            if kind == "figure" and NUMBER.search(text):
                bonus = 0.35 if not percentage or re.search(r"%|procent", text) else 0.1
            elif kind == "date" and DATE_LIKE.search(text):
                bonus = 0.3
            elif kind == "who" and NAME.search(text):
                bonus = 0.3
            elif kind == "howto" and text.rstrip().endswith(":") and with_list(span) is not span:
                bonus = 0.3
            if counted and counts(text, counted, lexical):
                bonus += 0.3
            score = 0.6 * cov + 0.4 * prior + bonus * (cov > 0)
            in_footnote = FOOTNOTE_START.match(text) or p.in_footnote(span.start)
            if in_footnote and not (kind == "figure" and NUMBER.search(text)) or kind != "who" and SIGNATURE.match(text):
                score *= 0.5  # a footnote or a signature backs a claim; it rarely is the answer (a footnote's amount can be)
            scored.append(Scored(span, score, cov))
    return sorted(scored, key=lambda s: -s.score)


def counted_noun(question: str, lexical: LexicalIndex) -> set[str]:
    """What 'hoeveel X' / 'how many X' counts, as analysed terms (Dutch for an English question)."""
    m = re.search(r"\b(?:hoeveel|how many|how much|aantal)\s+(?:(?:de|het|een|the)\s+)?([\w-]+)", question, re.I)
    if not m:
        return set()
    word = m.group(1)
    if is_english(question):
        from assistant.answer.translate import to_dutch

        word = to_dutch(word) or word
    return set(analyze(word, lexical.analyzer))


def counts(text: str, counted: set[str], lexical: LexicalIndex) -> bool:
    """Whether the text puts a number right before the counted noun ('124.000 leerlingen')."""
    for m in re.finditer(r"(?:\d[\d.,]*|twee|drie|vier|vijf|tien|twintig|honderd)\s+((?:[\w-]+\s+){0,2}[\w-]+)", text, re.I):
        if counted & set(analyze(m.group(1), lexical.analyzer)):
            return True
    return False


def with_list(span: Span) -> Span:
    """A sentence that announces a list ('… op vijf terreinen:') is quoted with the list after it."""
    text = span.passage.text
    if not text[span.start:span.end].rstrip().endswith(":"):
        return span
    end = span.end
    for m in re.finditer(r"\n+((?:\d{1,2}[.)]|[-•–*])\s[^\n]*)", text[span.end:]):
        if m.start() != end - span.end:
            break
        end = span.end + m.end()
    seams = [s for s in span.passage.seams if span.start < s < end]
    return Span(span.passage, span.start, end) if end > span.end and not seams else span


def select(scored: list[Scored], limit: int) -> list[Scored]:
    """The best sentence and the few close behind it, without repeats."""
    if not scored:
        return []
    best = scored[0]
    chosen = [best]
    seen = {re.sub(r"\W+", " ", best.span.text.lower()).strip()}
    for s in scored[1:]:
        if len(chosen) >= limit:
            break
        key = re.sub(r"\W+", " ", s.span.text.lower()).strip()
        if key in seen or s.coverage <= 0 or s.score < 0.75 * best.score:
            continue
        if any(c.span.passage.id == s.span.passage.id and c.span.start <= s.span.start < c.span.end for c in chosen):
            continue
        seen.add(key)
        chosen.append(s)
    return chosen


def source_phrase(p: Passage, english: bool) -> str:
    """'de Kamerbrief 'Visie …' van 10 maart 2023' — how a lead-in names a document."""
    kind = KIND_LABELS.get(p.kind, p.kind)
    if english:
        date = english_date(p.date)
        return f"the {kind} '{p.title}'" + (f" of {date}" if date else "")
    article = "het" if p.kind in ("advies", "overzicht", "document") else "de"
    date = f" van {p.date_label}" if p.date else ""
    return f"{article} {kind} '{p.title}'{date}"


def english_date(date: str) -> str:
    parts = [int(x) for x in re.findall(r"\d+", date or "")[:3]]
    if len(parts) == 3:
        return f"{parts[2]} {ENGLISH_MONTHS[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{ENGLISH_MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0]) if parts else ""


def evidence(terms: set[str], passages: list[Passage], best_sentence: float, lexical: LexicalIndex) -> float:
    """How well the sources cover the question: the best sentence and the best passage around it, equally."""
    best_passage = max((coverage(terms, f"{p.title} {p.section} {p.text}", lexical) for p in passages[:3]), default=0.0)
    return 0.5 * best_sentence + 0.5 * best_passage


def extractive_answer(question: str, passages: list[Passage], lexical: LexicalIndex, limit: int) -> tuple[str, list[Citation], float]:
    """Answer text with [n] markers, its citations, and the evidence that the sources answer the question."""
    terms = question_terms(question, lexical)
    scored = score_spans(question, terms, passages, lexical)
    chosen = select(scored, limit)
    if not chosen:
        return "", [], 0.0
    kind = answer_type(question)
    if kind == "figure":
        chosen.sort(key=lambda s: 0 if NUMBER.search(s.span.text) else 1)
    english = is_english(question)
    groups: dict[str, list[Scored]] = {}
    for s in chosen:
        groups.setdefault(s.span.passage.source, []).append(s)
    order = list(groups)
    dated = {src: date_number(groups[src][0].span.passage.date) for src in order}
    newer_note = ""
    if len(order) > 1 and kind in ("figure", "date") and len(set(dated.values())) > 1 and differing_figures(chosen):
        order.sort(key=lambda src: -dated[src])
        newest = groups[order[0]][0].span.passage
        newer_note = (
            f"Let op: de bronnen zijn van verschillende data; de nieuwste ({newest.date_label}) staat voorop."
            if not english else f"Note: the sources differ in date; the newest ({english_date(newest.date)}) comes first."
        )
    citations: list[Citation] = []
    lines: list[str] = []
    for i, src in enumerate(order):
        items = groups[src]
        p = items[0].span.passage
        if i == 0:
            lead = f"According to {source_phrase(p, True)}:" if english else f"Volgens {source_phrase(p, False)}:"
        else:
            lead = f"{source_phrase(p, True)[0].upper()}{source_phrase(p, True)[1:]} adds:" if english else f"Ook {source_phrase(p, False)} vermeldt:"
        sentences = []
        for s in items:
            span = with_list(s.span)
            citation = make_citation(len(citations) + 1, span)
            citations.append(citation)
            sentences.append(f"{span.text} [{citation.n}]")
        lines.append(lead + " " + " ".join(sentences))
    if newer_note:
        lines.append(newer_note)
    return "\n\n".join(lines), citations, evidence(terms, passages, max(s.coverage for s in chosen), lexical)


def differing_figures(chosen: list[Scored]) -> bool:
    """Whether sentences from different documents state different figures or dates."""
    by_source: dict[str, set[str]] = {}
    for s in chosen:
        found = {m.group(0).lower() for m in NUMBER.finditer(s.span.text)} | {m.group(0).lower() for m in DATE_LIKE.finditer(s.span.text)}
        by_source.setdefault(s.span.passage.source, set()).update(found)
    values = [v for v in by_source.values() if v]
    return len(values) > 1 and any(a != b for a in values for b in values)


def missing_terms(question: str, lexical: LexicalIndex) -> list[str]:
    """Content words of a question that occur nowhere in the index (nor their lemma); English words the glossary knows count as known."""
    if is_english(question):
        from assistant.answer.translate import GLOSSARY

        return [w for w in words(question) if len(w) >= 4 and w not in GLOSSARY and w.rstrip("s") not in GLOSSARY and not lexical.knows_word(w)]
    return [w for w in words(question) if len(w) >= 4 and not lexical.knows_word(w)]


def salient(question: str, missing: list[str], lexical: LexicalIndex) -> list[str]:
    """Missing words that name something: a proper noun mid-sentence, or a long noun that is no compound of known words.

    In an English question a long word may just be one the glossary lacks, so only names count there.
    """
    names = {w for m in re.finditer(r"(?<=[\w,;:] )[A-Z][\w\u00c0-\u024f-]+", question) for w in words(m.group(0))}
    if is_english(question):
        return [w for w in missing if w in names]
    return [w for w in missing if w in names or len(w) >= 9 and not is_verb_form(w) and not lexical.decompound(w)]


def is_verb_form(word: str) -> bool:
    """'ondertekende' (lemma 'ondertekenen') is a verb form: it asks how, not about what."""
    try:
        import simplemma
    except ImportError:
        return False
    lemma = simplemma.lemmatize(word, lang="nl")
    return lemma != word and lemma.endswith("en") and not word.endswith("en")
