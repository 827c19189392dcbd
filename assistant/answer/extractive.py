"""The default answer: the source sentences a fitted model finds to hold the answer, verbatim, each with its [n] and its speaker."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from assistant.answer.cite import Span, coverage, make_citation
from assistant.answer.evidence.features import (
    DATE_LIKE, NUMBER, Candidate, Question, analyse, answerable_features, candidates, own_part,
)
from assistant.answer.evidence.model import Logistic, load_models
from assistant.answer.question import last_sentence, subject_of, without_sources
from assistant.answer.slots import SECTORS, Slot, fills, sectors_in, slot_of
from assistant.answer.sources import CALLED, named_sources, speaker
from assistant.types import KIND_LABELS, Citation, Passage
from ingest.index.lexical import LexicalIndex, analyze
from ingest.text.metadata import date_number

ENGLISH_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
WANTED = {"figure": ("bedrag of aantal", "amount or number"), "date": ("datum of termijn", "date"), "who": ("naam", "name")}
# A sentence joins the best one when it is at least this likely, absolutely and relative to the best. The floor was 0.1
# (tune split); over every tune set 0.05 quotes a holding sentence in 8 more of 511 answerable questions, 0.15 more sentences
# an answer, most of them teachers' questions, where the model is least sure of its best (7 December 2026).
KEEP_RELATIVE, KEEP_FLOOR = 0.3, 0.05
# A question that asks several sources gets each one's best sentence when it reaches this (not a share of the overall best:
# at 0.25 of the best, the tune sets' 36 such questions said 'vind ik hierover niets' of a source 22 times, 19 of them about a
# source the question's writer had found the answer in; at 0.05, 7 and 5).
OWN_SOURCE_FLOOR = 0.05
# A sentence of the one source a question asks speaks on what is asked when its passage holds at least this share of the
# question's words (idf-weighted), the source's name and verbs of saying left out: 'Wat vindt de SER van de arbeidsmarkttoelage?'
# was answered with the SER's list of references ('4 SER (2017) Toekomstgericht beroepsonderwijs.'); its passages come first
# in the search (prefer_named), so one about the subject is read when it exists. Low on purpose: word
# overlap misses paraphrase ('aanvullend onderwijs' for 'bijlesbureaus'), and calling a source silent that speaks is false;
# at 0.2 two of the tune sets' 172 questions asking one source called it silent wrongly, at 0.05 none.
NAMED_ABOUT = 0.05
# A factual question's asked thing must stand in one of its best sentences (the first SLOT_DEPTH, at least SLOT_RELATIVE as likely
# as the best; both chosen on tune), or it is not answered.
SLOT_DEPTH, SLOT_RELATIVE = 8, 0.15


@dataclass
class Draft:
    """An extractive answer before its citations are checked: text, citations, how likely the sources answer, and why not."""

    text: str
    citations: list[Citation]
    probability: float
    threshold: float
    reason: str = ""
    related: list[Passage] | None = None

    @property
    def supported(self) -> bool:
        return bool(self.citations) and self.probability >= self.threshold


@functools.lru_cache(maxsize=1)
def models() -> tuple[Logistic, Logistic] | None:
    """The fitted models (assistant/answer/evidence/model.json), loaded once per process."""
    return load_models()


def rank(q: Question, passages: list[Passage], lexical: LexicalIndex) -> list[Candidate]:
    """Candidate sentences, most likely evidence first."""
    fitted = models()
    found = candidates(q, passages, lexical)
    for c in found:
        # Before the first `make train`: coverage with the passage's rank, the old hand rule, so the assistant still works.
        c.probability = fitted[0].probability(c.features) if fitted else 0.6 * c.features["coverage"] + 0.4 * c.features["passage_score"]
    return sorted(found, key=lambda c: -c.probability)


OFFICE = re.compile(r"\b(?i:minister|ministerie|staatssecretaris|minister-president|ministry|secretary)\s+(?:van|voor|of|for)\s+"
                    r"(?:the\s+)?[A-Z][\w-]+(?:(?:\s*,\s*|\s+(?:en|and)\s+)[A-Z][\w-]+)*")


def unknown_office(question: str, lexical: LexicalIndex) -> str:
    """A minister or ministry the question names whose portfolio the documents never mention ('minister van Financiën')."""
    for m in OFFICE.finditer(question):
        portfolio = re.findall(r"(?<![\w-])[A-Z][\w-]+", m.group(0))
        if any(not lexical.knows_word(w.lower()) for w in portfolio):
            return m.group(0)
    return ""


def announced_list(q: Question, ranked: list[Candidate]) -> bool:
    """A list question that names how many ('Welke vijf terreinen …?') and a best sentence announcing that many with a colon."""
    if q.kind != "list" or not q.numbers or all(t.isdigit() for t in q.focus):
        return False
    return any(c.span.text.rstrip().endswith(":") and any(n in c.span.text.lower() for n in q.numbers)
               and c.features["focus_coverage"] > 0 for c in ranked[:SLOT_DEPTH])


def gate(q: Question, ranked: list[Candidate], lexical: LexicalIndex) -> tuple[Slot | None, list[Candidate]]:
    """A factual question's slot and its candidates, the best one that states the asked thing first; none when none does."""
    slot = asked_slot(q, lexical)
    if slot is None or not ranked:
        return slot, ranked
    best = ranked[0].probability
    top = ranked[:SLOT_DEPTH]
    window = {id(c): about_subject(q, c, lexical) for c in top} if slot.kind in BOUND_SLOTS else {}
    bound = max(BIND_RELATIVE * max(window.values(), default=0.0), BIND_FLOOR)
    filled = [c for c in top if c.probability >= SLOT_RELATIVE * best
              and fills(slot, " ".join(s.text for s in quoted(c)), q.text, lexical)
              and (slot.kind not in BOUND_SLOTS or window[id(c)] >= bound) and (slot.kind != "opinion" or speaks(slot, c))]
    if not filled:
        return slot, []
    return slot, filled[:1] + [c for c in ranked if c is not filled[0]]


SCHOOL_TYPE = re.compile(r"havo|vwo|vmbo|mavo|brugklas|hbo|universit|hogeschol", re.I)


# A figure, date or view counts only in a sentence that, read with the one before it, is about the question's subject at least
# BIND_RELATIVE as much as the best of the candidates are: a figure in a sentence about something next to the subject is not
# the asked one, but one that names the subject in the sentence before ('De voorlopers bieden al …') is.
BOUND_SLOTS = {"money", "count", "percent", "figure", "date", "until", "opinion"}
BIND_RELATIVE = 0.5  # chosen on tune, tune_nearmiss and unseen4 (0.5 and 0.6 alike there; 0.3 missed one near-miss)
# … and at least this much in any case: when every candidate is about something else, the best of them is not the answer
# (gated answers over every tune set: below 0.2 were 6 near-misses and 2 answerable questions, 1 of them citing the gold)
BIND_FLOOR = 0.2


def about_subject(q: Question, c: Candidate, lexical: LexicalIndex) -> float:
    """The idf-weighted share of the words as asked (a follow-up's earlier subject included) in the sentence, the one before
    it and its section heading. A sector counts however it is written ('het vo' is about 'het voortgezet onderwijs' and 'de
    middelbare school'), and weighs as the least distinctive of the asked words: it says where, not what."""
    text = f"{c.span.passage.section} {c.before} {c.span.text}"
    # the sector as named ('vo', 'middelbare school'); not a school type ('havo', 'vwo'), which says more than the sector
    named = {code: [m.group(0) for m in pattern.finditer(q.text) if not SCHOOL_TYPE.match(m.group(0))] for code, pattern in SECTORS.items()}
    asked = {code for code, found in named.items() if found}
    if not asked:
        return coverage(q.plain, text, lexical)
    terms = q.plain - set(analyze(" ".join(w for found in named.values() for w in found), lexical.analyzer))
    weights = {t: lexical.idf(t) for t in terms}
    floor = min(weights.values(), default=1.0)
    total = sum(weights.values()) + floor * len(asked)
    held = set(analyze(text, lexical.analyzer))
    covered = sum(w for t, w in weights.items() if t in held) + floor * len(asked & sectors_in(text))
    return covered / total if total else 0.0


def speaks(slot: Slot, c: Candidate) -> bool:
    """Whether the sentence gives the view of the body or person the question asks about: its own document, or a sentence (or
    the one it leans on, or its section heading) that names it ('Het LAKS bundelde …')."""
    who = slot.purpose[0] if slot.purpose else ""
    if any(source.holds(c.span.passage) for source in named_sources(who)):
        return True
    name = re.sub(r"^(?:de|het|the|minister|staatssecretaris)\s+", "", who, flags=re.I).lower()
    text = " ".join(s.text for s in quoted(c)) + " " + c.span.passage.section
    return bool(name) and name in text.lower()


def asked_slot(q: Question, lexical: LexicalIndex) -> Slot | None:
    """The asked thing of a factual question; memo requests ask for a sentence, not a slot."""
    if q.kind == "memo":
        return None
    # A follow-up's own question decides what it asks ('… leerplusarrangement — Vanaf wanneer?' asks a date, not an amount);
    # an ellipsis without one ('… — In het vo?') asks what the earlier question asked.
    slot = slot_of(own_part(q.text), q.counted) or slot_of(q.text, q.counted)
    if slot is not None and slot.kind == "count" and q.english and not lexical.knows_word(slot.noun):
        return None  # an English count whose noun did not translate: nothing to check it against
    return slot


def answerability(q: Question, ranked: list[Candidate], passages: list[Passage], lexical: LexicalIndex) -> tuple[float, float]:
    """The probability that the sources answer the question, and the threshold fitted for it."""
    fitted = models()
    values = answerable_features(q, ranked, passages, lexical)
    if not fitted:
        return values["top_coverage"], 0.2
    return fitted[1].probability(fitted[1].for_language(values, q.english)), fitted[1].threshold


def select(q: Question, ranked: list[Candidate], limit: int) -> list[Candidate]:
    """The best sentence, those close behind it, and for each named source its best sentence; memo requests get one or two."""
    if not ranked:
        return []
    if len(q.sources) == 1:  # the asked source's sentences about something else are no word of it on this
        ranked = [c for c in ranked if not c.features["source_named_match"] or speaks_on(c)]
        if not ranked:
            return []
    best = ranked[0]
    if q.sources:
        named = [c for c in ranked if c.features["source_named_match"]]
        if named and named[0].probability >= 0.5 * best.probability:
            best = named[0]
    chosen = [best]
    limit = 2 if q.kind == "memo" else limit
    for source in q.sources[:3]:  # several sources named: evidence from each, if it has any
        if len(q.sources) > 1 and not any(source.holds(c.span.passage) for c in chosen):
            own = next((c for c in ranked if source.holds(c.span.passage) and c.probability >= OWN_SOURCE_FLOOR), None)
            if own is not None:
                chosen.append(own)
    if q.kind == "list" and q.numbers and not any(c.span.text.rstrip().endswith(":") for c in chosen):
        # 'Welke vijf terreinen …?': the sentence that announces that many items is the answer's spine, its list comes with it.
        intro = next((c for c in ranked[:8] if c.span.text.rstrip().endswith(":") and any(n in c.span.text.lower() for n in q.numbers)), None)
        if intro is not None:
            chosen.insert(0, intro)
    for c in ranked:
        if len(chosen) >= limit:
            break
        if c.probability < max(KEEP_RELATIVE * best.probability, KEEP_FLOOR) or any(overlaps(c, o) for o in chosen):
            continue
        chosen.append(c)
    return chosen


def overlaps(a: Candidate, b: Candidate) -> bool:
    same = a.span.passage.source == b.span.passage.source
    ka, kb = key(a.span.text), key(b.span.text)
    return ka == kb or same and (a.span.passage.start + a.span.start) == (b.span.passage.start + b.span.start)


def key(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


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


def quoted(c: Candidate) -> list[Span]:
    """What is quoted for a candidate: a sentence that leans on the ones before brings them along, each as its own quote."""
    return [*c.context, with_list(c.span)]


ENGLISH_KINDS = {"index": "intervention index", "advies": "advisory report", "overzicht": "overview", "webpagina": "web page",
                 "brief": "letter"}


def source_phrase(p: Passage, english: bool) -> str:
    """'de Kamerbrief 'Visie …' van 10 maart 2023' — how a lead-in names a document."""
    kind = KIND_LABELS.get(p.kind, p.kind)
    if english:
        kind = ENGLISH_KINDS.get(p.kind, kind)
        date = english_date(p.date)
        return f"the {kind} '{p.title}'" + (f" of {date}" if date else "")
    article = "het" if p.kind in ("advies", "overzicht", "document") else "de"
    date = f" van {p.date_label}" if p.date else ""
    return f"{article} {kind} '{p.title}'{date}"


def lead_in(p: Passage, english: bool, first: bool) -> str:
    """Who says it and where: 'De SER schrijft in het advies '…' (2021):'."""
    who = speaker(p, english)
    if who == p.title:  # no publisher (an index's sheet): the document speaks, not a title that would say it writes in itself
        if english:
            return f"{'According to' if first else 'Also, according to'} {source_phrase(p, True)}:"
        return f"{'In' if first else 'Ook in'} {source_phrase(p, False)} staat:"
    if english:
        return f"{'According to' if first else 'Also,'} {who}, in {source_phrase(p, True)}:"
    return f"{who[:1].upper()}{who[1:]} schrijft in {source_phrase(p, False)}:" if first else f"Ook {who} schrijft, in {source_phrase(p, False)}:"


def english_date(date: str) -> str:
    parts = [int(x) for x in re.findall(r"\d+", date or "")[:3]]
    if len(parts) == 3:
        return f"{parts[2]} {ENGLISH_MONTHS[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{ENGLISH_MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0]) if parts else ""


def differing_figures(chosen: list[Candidate]) -> bool:
    """Whether sentences from different documents state different figures or dates."""
    by_source: dict[str, set[str]] = {}
    for c in chosen:
        found = {m.group(0).lower() for m in NUMBER.finditer(c.span.text)} | {m.group(0).lower() for m in DATE_LIKE.finditer(c.span.text)}
        by_source.setdefault(c.span.passage.source, set()).update(found)
    values = [v for v in by_source.values() if v]
    return len(values) > 1 and any(a != b for a in values for b in values)


def refusal_reason(q: Question, slot: Slot | None = None) -> str:
    """One line on what the documents do not give ('De documenten noemen geen einddatum (…).')."""
    subject = subject_of(without_sources(last_sentence(q.text), q.sources)) or q.text.rstrip("?")
    what = WANTED.get(q.kind)
    if slot is not None:
        # the one document or body the question asks is the one that gives no figure ('De Kamerbrief noemt geen bedrag (…)');
        # the minister (or 'het kabinet') speaks in several documents, so those are 'de documenten'
        one = len(q.sources) == 1 and q.sources[0].key != "minister"
        dutch, english = CALLED[q.sources[0].key] if one else ("de documenten", "the documents")
        who = english if q.english else dutch
        who = who[:1].upper() + who[1:]
        if q.english:
            return f"{who} {'gives' if one else 'give'} {slot.missing(True)} for this: {subject}."
        return f"{who} {'noemt' if one else 'noemen'} {slot.missing(False)} ({subject})."
    if q.english:
        return f"The documents give no {what[1] if what else 'answer'} for this: {subject}."
    silent = [s.key for s in q.sources if s.key not in ("minister", "Kamerbrief")]
    if silent:
        return f"In de documenten van {' en '.join(silent)} vind ik hier geen antwoord op ({subject})."
    return f"De documenten noemen geen {what[0] if what else 'antwoord op deze vraag'} ({subject})."


def extractive_answer(question: str, passages: list[Passage], lexical: LexicalIndex, limit: int) -> Draft:
    """Answer text with [n] markers and its citations, or the reason the sources do not answer."""
    q = analyse(question, lexical)
    office = unknown_office(question, lexical)
    if office:
        reason = (f"The documents hold nothing from the {office}." if q.english
                  else f"De documenten bevatten niets van de {office}.")
        return Draft("", [], 0.0, 1.0, reason, passages[:3])
    slot, ranked = gate(q, rank(q, passages, lexical), lexical)
    probability, threshold = answerability(q, ranked, passages, lexical)
    if announced_list(q, ranked):
        probability = max(probability, threshold)  # 'Welke vijf terreinen …?' and a sentence announcing five of them: answered
    if slot is not None and not ranked:
        return Draft("", [], 0.0, threshold, refusal_reason(q, slot), passages[:3])
    chosen = select(q, ranked, limit)
    if not chosen:
        return Draft("", [], 0.0, threshold, refusal_reason(q), passages[:3])
    groups: dict[str, list[Candidate]] = {}
    for c in chosen:
        groups.setdefault(c.span.passage.source, []).append(c)
    order = list(groups)
    notes = []
    if q.kind in ("figure", "date") and len(order) > 1 and differing_figures(chosen):
        dated = {src: date_number(groups[src][0].span.passage.date) for src in order}
        if len(set(dated.values())) > 1:
            order.sort(key=lambda src: -dated[src])
            newest = groups[order[0]][0].span.passage
            notes.append(f"Note: the sources differ in date; the newest ({english_date(newest.date)}) comes first." if q.english
                         else f"Let op: de bronnen zijn van verschillende data; de nieuwste ({newest.date_label}) staat voorop.")
    citations: list[Citation] = []
    lines: list[str] = []
    said: list[tuple[str, int, int]] = []  # what is quoted already: a sentence one candidate leans on may be another's own
    for i, src in enumerate(order):
        items = groups[src]
        if q.kind == "figure":
            items.sort(key=lambda c: 0 if NUMBER.search(c.span.text) else 1)
        sentences = []
        for c in items:
            for span in quoted(c):
                where = (src, span.passage.start + span.start, span.passage.start + span.end)
                if any(s == where[0] and a <= where[1] and where[2] <= b for s, a, b in said):
                    continue
                said.append(where)
                citation = make_citation(len(citations) + 1, span)
                citations.append(citation)
                sentences.append(f"{span.text} [{citation.n}]")
        lines.append(lead_in(items[0].span.passage, q.english, i == 0) + " " + " ".join(sentences))
    note = silent_note(q.sources, [c.span.passage for c in chosen], q.english) if q.sources else ""
    if len(q.sources) == 1 and not any(speaks_on(c) for c in ranked):  # the one source asked says nothing on it: said first
        lines.insert(0, note)
    elif len(q.sources) > 1 and note:
        notes.append(note)
    return Draft("\n\n".join(lines + notes), citations, probability, threshold, refusal_reason(q), passages[:3])


def speaks_on(c: Candidate) -> bool:
    """Whether a candidate is a sentence of a source the question names, from a passage about what is asked."""
    return bool(c.features["source_named_match"]) and c.features.get("subject_coverage", 1.0) >= NAMED_ABOUT


SILENT = re.compile(r"^(?:Over .+ vind ik hierover niets in de documenten\.|.+: nothing on this in the documents\.)$", re.M)


def silent_note(sources: list, quoted: list[Passage], english: bool) -> str:
    """'Over de VO-raad vind ik hierover niets in de documenten.' for the named sources no quoted passage comes from ('' if none)."""
    silent = [CALLED.get(s.key, (s.key, s.key))[english] for s in sources if not any(s.holds(p) for p in quoted)]
    if not silent:
        return ""
    return f"{' and '.join(silent)}: nothing on this in the documents." if english else f"Over {' en '.join(silent)} vind ik hierover niets in de documenten."
