"""Evidence features: every quotable sentence of the retrieved passages, described by numbers a fitted model weighs.

One place computes them for training and for answering, so the model sees at answer time what it learned from.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from assistant.answer.cite import Span, coverage, quotable_spans
from assistant.answer.everyday import everyday_terms
from assistant.answer.question import answer_type, before_subject, is_english, is_practical, memo_claim
from assistant.answer.slots import REFERENCE, VERBS_AFTER_HOEVEEL
from assistant.answer.sources import PRACTICE, SOURCES, NamedSource, named_sources
from assistant.types import Passage
from ingest.index.lexical import LexicalIndex, analyze, words

NUMBER = re.compile(r"€|\b\d[\d.,]*\s*(?:mln|miljoen|miljard|mld|procent|%)|\b\d{1,3}(?:\.\d{3})+\b|\b(?!(?:19|20)\d{2}\b)\d{2,}\b|"
                    r"\b(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twaalf|twintig|honderd|duizend|kwart|helft)\b", re.I)
DATE_LIKE = re.compile(r"\b(19|20)\d{2}\b|\b(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
                       r"voorjaar|zomer|najaar|winter)\b", re.I)
NAME = re.compile(r"\b[A-Z][a-z]+ (?:(?:van|de|der|den)\s)*[A-Z][a-z]+\b|\b[A-Z]{2,}[\w-]*\b")
SIGNATURE = re.compile(r"^(Met vriendelijke groet|Hoogachtend|(De|de) (minister|staatssecretaris)\b[^.]*,\s*[A-Z][\w.]+ [A-Z][\w-]+$)")
FOOTNOTE_START = re.compile(r"^(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d{1,2} )\s*[A-Z]")
# A sentence that leans on the one before: it needs it to be understood (and quoted).
# ('Daarnaast', 'Bovendien', 'Verder' only add: the sentence after them reads on its own.)
LEANS_BACK = re.compile(r"^(?:[-•–*]\s*)?(?:Dat|Dit|Deze|Die|Daarom|Daarmee|Daarbij|Daardoor|Daarvoor|Hiermee|Hierbij|Hiervoor|Ook|Wel|"
                        r"Toch|Zo|Het gaat|Zij|Hij|Ze|Dergelijke|Zulke|Dan)\b")
# Or names what it is about only by a pronominal adverb early on ('Leraren kunnen hiermee vragen rondom armoede bespreekbaar maken').
LEANS_EARLY = re.compile(r"^(?:[-•–*]\s*)?(?:[\w'’-]+,?\s+){1,4}(?:hiermee|daarmee|hierbij|daarbij|hiervoor|daarvoor|hierdoor|daardoor|"
                         r"hiervan|daarvan|hierin|daarin|hierover|daarover|hierop|daarop|hieraan|daaraan)\b", re.I)
TYPES = ("memo", "figure", "date", "who", "howto", "list", "yesno", "open")
FEATURES = (
    "bias_free_coverage", "coverage", "focus_coverage", "context_coverage", "passage_coverage", "heading_coverage", "rare_match", "matched_terms",
    "passage_score", "passage_rank", "dense", "lexical", "first_in_passage",
    "asks_figure_has_number", "asks_date_has_date", "asks_who_has_name", "asks_list_has_colon", "asks_howto_has_colon",
    "asks_figure_no_number", "shares_number", "counts_asked",
    "source_named_match", "source_named_other", "practical_source", "footnote", "signature", "leans_back", "short", "long", "is_question",
)


@dataclass
class Question:
    """A question analysed once: its weighted terms, what it asks for, the sources it names."""

    text: str
    terms: set[str]
    kind: str
    english: bool
    sources: list[NamedSource]
    idf_max: float
    numbers: set[str] = field(default_factory=set)  # years, amounts and number words the question mentions ('2024', 'vijf')
    counted: str = ""  # what 'hoeveel X' counts, in Dutch
    focus: set[str] = field(default_factory=set)  # a follow-up's own terms ('praktijkonderwijs' in 'Geldt dat ook voor …'); else all
    plain: set[str] = field(default_factory=set)  # the words as asked, a follow-up's earlier subject included, nothing added
    practical: bool = False  # a school's or teacher's question about its own practice ('Wat kunnen wij doen …')
    subject: set[str] = field(default_factory=set)  # its terms without the names of the sources it asks and verbs of saying


@dataclass
class Candidate:
    """A quotable sentence (with the sentence it leans on, when it leans) and its features."""

    span: Span
    features: dict[str, float]
    context: list[Span] = field(default_factory=list)  # the sentences before that it leans on, quoted with it (oldest first)
    before: str = ""  # the sentence before it in its passage, which it may name its subject in
    probability: float = 0.0
    label: int | None = field(default=None, repr=False)


# What an English 'how many' counts that the glossary leaves out on purpose (its terms drew letters' sentences into English
# index questions): only the counted noun is read in Dutch ('how many interventions does its index contain' counts
# 'interventies', as in 'een index van 151 interventies').
COUNTED_EN = {"interventions": "interventies", "intervention": "interventies", "approaches": "aanpakken"}

# Verbs of saying: how a question asks a source, not what it asks about ('Wat schrijven de VO-raad en de Rijksoverheid over …').
SAYING = ("zegt zeggen zeg zei schrijft schrijven schrijf schreef vindt vinden vind vond adviseert adviseren adviseer denkt denken "
          "stelt stellen vertelt vertellen noemt noemen antwoordt antwoorden kijkt kijken beschrijft beschrijven")


def analyse(question: str, lexical: LexicalIndex) -> Question:
    """The question's analysed terms (Dutch for an English one, parts of unknown compounds), type and named sources."""
    from assistant.answer.translate import to_dutch

    english = is_english(question)
    asked = memo_claim(question) or question  # a memo request's terms are its claim's, not 'citaat' or 'letterlijke zin'
    if english:
        text = f"{to_dutch(asked)} {' '.join(w for w in words(asked) if lexical.knows_word(w))}"
    else:
        text = f"{lexical.expand(asked)} {everyday_terms(asked, lexical.knows_word)}"
    # An unknown compound counts by its known parts ('schoolreisjes' -> 'school', 'reisjes'), not as a term nothing can match.
    split = {t for w in words(question) if not lexical.knows_word(w) and lexical.decompound(w) for t in analyze(w, lexical.analyzer)}
    terms = set(analyze(text, lexical.analyzer)) - split
    idf_max = max((lexical.idf(t) for t in terms), default=1.0) or 1.0
    numbers = {m.group(0).lower() for m in re.finditer(r"\b\d[\d.,]*\b|\b(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twaalf|twintig)\b",
                                                    question, re.I)}
    own = own_part(question)
    counted, counted_in = counted_noun(own), own  # a follow-up's own count wins: '… — Spread over how many pupils?'
    if not counted:
        counted, counted_in = counted_noun(question), question
    if counted and english:
        head = english_head(counted_in, counted)
        counted = (to_dutch(head).split() or [COUNTED_EN.get(head.lower(), counted)])[0]
    focus = set(analyze(own, lexical.analyzer)) & terms if not english else set()
    plain = terms if english else set(analyze(question, lexical.analyzer))
    named_words = " ".join(m.group(0) for source in SOURCES for m in source.pattern.finditer(question))
    subject = terms - set(analyze(f"{named_words} {SAYING}", lexical.analyzer))
    return Question(question, terms, answer_type(question), english, named_sources(question), idf_max, numbers, counted,
                    focus or terms, plain, is_practical(question), subject)


def own_part(question: str) -> str:
    """What a rewritten follow-up itself asks: the part before '(over: …)', or after ' — ' (an ellipsis on the earlier question)."""
    if " (over: " in question:
        return before_subject(question)
    if " — " in question:
        return question.rsplit(" — ", 1)[1]
    return question


def candidates(q: Question, passages: list[Passage], lexical: LexicalIndex, depth: int = 8) -> list[Candidate]:
    """Every quotable sentence of the first `depth` passages, with its features."""
    top = max((p.score for p in passages), default=1.0) or 1.0
    top_dense = max((p.dense for p in passages), default=0.0)
    top_lexical = max((p.lexical for p in passages), default=0.0) or 1.0
    out: list[Candidate] = []
    for p in passages[:depth]:
        spans = quotable_spans(p)
        passage_cov = coverage(q.terms, f"{p.title} {p.section} {p.text}", lexical)
        heading_cov = coverage(q.terms, f"{p.title} {p.section}", lexical)
        subject_cov = coverage(q.subject, f"{p.title} {p.section} {p.text}", lexical) if len(q.sources) == 1 else 0.0
        named = [s for s in q.sources if s.holds(p)]
        for i, span in enumerate(spans):
            text = span.text
            if text == p.section or len(text.split()) < 4 or len(REFERENCE.findall(text)) >= 2:
                continue  # a heading, a fragment, or a list of references
            sentence_terms = set(analyze(text, lexical.analyzer))
            matched = q.terms & sentence_terms
            has_number, has_date = bool(NUMBER.search(text)), bool(DATE_LIKE.search(text))
            leans = leans_on_before(text) and i > 0
            f = {
                "bias_free_coverage": coverage(q.terms, text, None),
                "coverage": coverage(q.terms, text, lexical),
                "focus_coverage": coverage(q.focus, f"{p.section} {text}", lexical),
                "context_coverage": coverage(q.terms, f"{p.title} {p.publisher} {p.section} {text}", lexical),
                "passage_coverage": passage_cov,
                "heading_coverage": heading_cov,
                "rare_match": max((lexical.idf(t) for t in matched), default=0.0) / q.idf_max,
                "matched_terms": math.log1p(len(matched)),
                "passage_score": p.score / top,
                "passage_rank": 1.0 / p.rank if p.rank else 0.0,
                "dense": p.dense - top_dense,
                "lexical": p.lexical / top_lexical,
                "first_in_passage": float(i == 0),
                "asks_figure_has_number": float(q.kind == "figure" and has_number),
                "asks_date_has_date": float(q.kind == "date" and has_date),
                "asks_who_has_name": float(q.kind == "who" and bool(NAME.search(text))),
                "asks_list_has_colon": float(q.kind == "list" and text.rstrip().endswith(":")),
                "asks_howto_has_colon": float(q.kind == "howto" and text.rstrip().endswith(":")),
                "shares_number": float(bool(q.numbers) and any(n in text.lower() for n in q.numbers)),
                "counts_asked": float(bool(q.counted) and has_number and counts(text, q.counted, lexical)),
                "asks_figure_no_number": float(q.kind == "figure" and not has_number),
                "source_named_match": float(bool(named)),
                "source_named_other": float(bool(q.sources) and not named),
                "practical_source": float(q.practical and PRACTICE.holds(p)),
                "footnote": float(bool(FOOTNOTE_START.match(text)) or p.in_footnote(span.start)),
                "signature": float(bool(SIGNATURE.match(text))),
                "leans_back": float(leans),
                "short": float(len(text) < 60),
                "long": float(len(text) > 400),
                "is_question": float(text.rstrip().endswith("?")),
                # not a model feature: how much the sentence's passage is about what is asked, the names of the asked sources
                # and verbs of saying left out ('De aanbevelingen van de SER zijn:' is in no passage about ouderbijdragen)
                "subject_coverage": subject_cov,
            }
            out.append(Candidate(span, f, antecedents(p, spans, i) if leans else [], spans[i - 1].text if i > 0 else ""))
    return out


SPECIFIER = re.compile(r"\bper (?:maand|jaar|week|dag|leerling|leraar|student|school|kind|uur)\b|\bmaximum\w*|\bmaximaal\b|"
                       r"\bprecies\b|\bpercentage\b|\bprocent\b|\bwelke datum\b|\bin welke maand\b|\bop welke leeftijd\b|"
                       r"\bper (?:month|year|week|pupil|student|school)\b|\bexact(?:ly)?\b|\bwhich month\b|\bhow long\b|\bhoe lang\b", re.I)
MONEY = re.compile(r"€|\beuro\b|\bmln\b|\bmiljoen\b|\bmiljard\b", re.I)
MONEY_WORDS = {"geld", "euro", "budget", "bedrag", "kosten", "kost", "money", "budget", "subsidie", "subsidiebedrag"}


def counted_noun(question: str) -> str:
    """What 'hoeveel X' / 'how many X' counts ('' when the question counts nothing)."""
    m = re.search(r"\b(?:hoeveel|how many|how much|aantal)\s+(?:(?:van|of)\s+(?:de|het|die|deze|the|these|those)\s+(?:\d[\d.,]*\s+)?)?"
                  r"(?:(?:de|het|een|the|extra)\s+)?([\w-]+)", question, re.I)
    noun = m.group(1).lower() if m else ""
    return "" if noun in VERBS_AFTER_HOEVEEL else noun  # 'hoeveel kregen scholen' asks an amount, it counts nothing


def english_head(question: str, counted: str) -> str:
    """What an English 'how many' counts when a noun stands before it: 'how many school locations' counts locations, not
    schools; 'how many pupils does …' counts pupils."""
    m = re.search(rf"\bhow many\s+{re.escape(counted)}\s+(?:\([^)]*\)\s+)?([a-z-]+s)\b", question, re.I)  # 'vocational (mbo) schools'
    if m and not counted.lower().endswith("s") and m.group(1).lower() not in VERBS_AFTER_HOEVEEL | {"goes", "gets"}:
        from assistant.answer.translate import GLOSSARY

        phrase = f"{counted} {m.group(1)}".lower()
        return phrase if phrase in GLOSSARY else m.group(1)  # the phrase when the glossary knows it, else its head word
    return counted


def counts(text: str, noun: str, lexical: LexicalIndex) -> bool:
    """Whether the text puts a number right before the counted noun ('124.000 leerlingen'), or states money for 'hoeveel geld'."""
    if noun in MONEY_WORDS:
        return bool(MONEY.search(text))
    stems = set(analyze(noun, lexical.analyzer))
    for m in re.finditer(r"(?:\d[\d.,]*|twee|drie|vier|vijf|zes|tien|twaalf|twintig|honderd|duizend)\s+((?:[\w-]+\s+){0,2}[\w-]+)", text, re.I):
        if stems & set(analyze(m.group(1), lexical.analyzer)):
            return True
    return False


def leans_on_before(text: str) -> bool:
    """Whether a sentence needs the one before it to be understood ('Dit initiatief steun ik', 'Zij hebben hiervoor …')."""
    return bool(LEANS_BACK.match(text) or LEANS_EARLY.match(text))


def antecedents(p: Passage, spans: list[Span], i: int, depth: int = 3) -> list[Span]:
    """The sentences a leaning sentence leans on, oldest first: its antecedent, and that one's when it leans too ('Dit
    initiatief steun ik' <- 'Zij hebben hiervoor een keurmerkbureau ingeschakeld' <- 'De brancheorganisatie … stelt een
    keurmerk op'), at most `depth` back."""
    chain: list[Span] = []
    j = i
    while len(chain) < depth:
        before = antecedent(p, spans, j)
        if before is None:
            break
        chain.insert(0, before)
        j = spans.index(before)
        if j == 0 or not leans_on_before(before.text):
            break
    return chain


def antecedent(p: Passage, spans: list[Span], i: int) -> Span | None:
    """The body sentence a leaning sentence leans on: the nearest one before it that is not a footnote or a heading."""
    for j in range(i - 1, -1, -1):
        prev = spans[j]
        if FOOTNOTE_START.match(prev.text) or p.in_footnote(prev.start) or prev.text == p.section:
            continue
        return prev
    return None


ANSWERABLE_FEATURES = (
    "specifier_missing", "counted_missing", "passage_missing", "unknown_subject",
    "top_probability", "second_probability", "top_coverage", "best_coverage", "best_passage_coverage", "unknown_share",
    "rare_missing", "type_missing", "named_silent", "top_dense", "top_lexical",
)


def answerable_features(q: Question, ranked: list[Candidate], passages: list[Passage], lexical: LexicalIndex) -> dict[str, float]:
    """What tells whether the sources answer the question at all: the best evidence, and what of the question it leaves out."""
    top3 = ranked[:3]
    covered = set().union(*(set(analyze(c.span.text, lexical.analyzer)) for c in top3)) if top3 else set()
    known = {t for t in q.terms if t in lexical.vocabulary}
    total = sum(lexical.idf(t) for t in q.terms) or 1.0
    missing_known = [lexical.idf(t) for t in known - covered]
    # A name or long noun the documents never use is what an off-topic question is about ('parkeervergunning', 'Defensie');
    # the name of a source the documents hold is not ('the Social and Economic Council', 'de Eckart-leerlingen').
    asked = q.text
    for source in SOURCES:
        asked = source.pattern.sub(" ", asked)
    names = {w for m in re.finditer(r"(?<=[\w,;:] )[A-Z][\w\u00c0-\u024f-]+", asked) for w in words(m.group(0))}
    if q.english:  # an everyday English word missing from the glossary says nothing about the documents; a name does
        from assistant.answer.translate import gloss

        unknown = [w for w in words(asked) if len(w) >= 4 and w in names and gloss(w) is None and not lexical.knows_word(w)]
    else:
        unknown = [w for w in words(asked) if len(w) >= 4 and not lexical.knows_word(w) and not lexical.decompound(w)]
    wanted = {"figure": NUMBER, "date": DATE_LIKE, "who": NAME}.get(q.kind)
    evidence_text = " ".join(c.span.text for c in top3)
    specifiers = [m.group(0).lower() for m in SPECIFIER.finditer(q.text)]
    noun = q.counted
    in_passages = set().union(*(set(analyze(p.text, lexical.analyzer)) for p in passages[:3])) if passages else set()
    return {
        "specifier_missing": float(any(sp not in evidence_text.lower() for sp in specifiers)),
        "counted_missing": float(bool(noun) and not any(counts(c.span.text, noun, lexical) for c in top3)),
        "passage_missing": sum(lexical.idf(t) for t in known - in_passages) / total,
        "top_probability": ranked[0].probability if ranked else 0.0,
        "second_probability": ranked[1].probability if len(ranked) > 1 else 0.0,
        "top_coverage": ranked[0].features["coverage"] if ranked else 0.0,
        "best_coverage": max((c.features["coverage"] for c in ranked), default=0.0),
        "best_passage_coverage": max((coverage(q.terms, f"{p.title} {p.section} {p.text}", lexical) for p in passages[:3]), default=0.0),
        "unknown_share": sum(lexical.idf(t) for w in unknown for t in analyze(w, lexical.analyzer)) / total,
        "unknown_subject": float(any(w in names or len(w) >= 9 and not lexical.decompound(w) for w in unknown)),
        "rare_missing": max(missing_known, default=0.0) / q.idf_max,
        "type_missing": float(wanted is not None and not any(wanted.search(c.span.text) for c in top3)),
        "named_silent": float(bool(q.sources) and not any(c.features["source_named_match"] for c in top3)),
        "top_dense": max((p.dense for p in passages), default=0.0),
        "top_lexical": math.log1p(max((p.lexical for p in passages), default=0.0)),
    }
