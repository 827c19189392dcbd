"""Toezeggingen: the commitments a letter makes, found by Dutch sentence patterns, each with its deadline resolved."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date

from ingest.index.lexical import words
from ingest.text.sentences import sentence_spans
from ingest.types import at_offset

from ingest.registers.deadlines import resolve_deadline

SUBJECT_1P = r"(?:ik|we|wij|het kabinet|dit kabinet|de overheid)"
# Promises to the Kamer: a commitment on their own.
STRONG = [
    r"\binformeer (?:ik|we)\b|\b(?:ik|we) informeer\w*\b|\b(?:zal|zullen|ga|gaan) (?:ik|we)\b[^.]*\binformeren\b",
    r"\bwordt (?:u|uw Kamer|de Kamer)\b[^.]*\bgeïnformeerd\b|\b(?:u|uw Kamer|de Kamer)\b[^.]*\bwordt geïnformeerd\b",
    r"\bkom(?:en)? (?:ik|we)\b[^.]*\bterug\b|\b(?:ik|we) kom(?:en)?\b[^.]*\bterug\b",
    r"\bstuur (?:ik|we)\b(?![^.]*\bmee met deze brief\b)|\b(?:ik|we) stuur\b(?![^.]*\bmee met deze brief\b)",
    r"\b(?:doe|doen) (?:ik|we)\b[^.]*\bvoorstel\b|\bvoorstel\b[^.]*\btoekomen\b|\bwerk (?:ik|we)\b[^.]*\bvoorstel\b[^.]*\buit\b",
    r"\bbied(?:en)? (?:ik|we)\b[^.]*\baan\b|\b(?:ik|we) bied(?:en)?\b[^.]*\baan\b",
    r"\b(?:zal|ga) (?:ik|we)\b[^.]*\b(?:met de Kamer|met uw Kamer)\b[^.]*\bdelen\b",
    r"\bontvangt u\b|\bu ontvangt\b",
    r"\btoegezegd\b|\btoezegging\b",
]
# Future action with the government as its subject, in either word order ('Ik start', 'Dit jaar start ik').
STRONG_ANY = re.compile("|".join(f"(?:{p})" for p in STRONG), re.I)  # one pass instead of one search per pattern
ACTION_VERBS = (
    r"start|starten|ga|gaan|gaat|zal|zullen|wil|willen|verleng|verlengen|verhoog|verhogen|investeer|leg|laat|werk|werken|"
    r"actualiseer|actualiseren|ontwikkel|ontwikkelen|onderzoek|onderzoeken|doe onderzoek|verken|verkennen|bekijk|bekijken|breng|"
    r"inventariseer|stimuleer|stimuleren|blijf|blijven|versterk|versterken|neem|nemen|voer|zoek|monitoren|continueren|ben|maak|regel|"
    r"pas|wijzig"
)
ACTION = re.compile(rf"\b(?:ik|we|wij)\s+(?:{ACTION_VERBS})\b|\b(?:{ACTION_VERBS})\s+(?:ik|we|wij)\b|"
                    rf"\b(?:het|dit) kabinet\s+(?:wil|gaat|zal|start|investeert|neemt)\b|\bde overheid\s+(?:gaat|zal)\b", re.I)
# Verbs that state a view or a fact, not a promise.
VIEW = re.compile(r"\bwil(?:len)?\b[^.]*\b(?:bedanken|zijn|streven|benadrukken|opmerken)\b|\b(?:ik|we) wil(?:len)? dat\b|\bben ik blij\b|"
                  r"\bvind(?:en)? (?:ik|we)\b|\b(?:ik|we) vind(?:en)?\b|\bga (?:ik|we) mee aan de slag\b|"
                  r"\b(?:ik|we) ben(?:nen)? (?:blij|in gesprek|van mening)\b|\bben (?:ik|we) (?:blij|in gesprek)\b", re.I)
WEAK_VERB = re.compile(r"\b(?:werk|werken|investeer|investeren|zetten|monitoren|ben)\b", re.I)
PAST = re.compile(r"\b(?:heb|hebben|had|hadden) (?:ik|we|wij)\b|\b(?:ik|we|wij) (?:heb|hebben|had|hadden)\b|"
                  r"\bheeft (?:de Kamer|uw Kamer|het CBS)\b|\bheeft [^.]*\bgevraagd\b", re.I)
# "maatregelen die we nemen" is a description; "Die beweging wil ik" is not a relative clause.
RELATIVE = re.compile(r"\w,?\s+(?:die|dat|welke|waarmee|waarin)\s+(?:\w+\s+)?$", re.I)
DELIVERABLE = re.compile(r"\b(?:wetsvoorstel|voorstel|regeling|subsidieregeling|plan|programma|handreiking|brief|uit|toe naar|voornemens)\b", re.I)
GENERIC_WE = re.compile(r"^(?:Zo |Daarom |Met al deze maatregelen |Daarmee |Op deze manier )?(?:werken|zetten|gaan|investeren) we\b|\bsamen aan de slag\b|\bwerken we (?:als kabinet )?(?:gezamenlijk |samen )", re.I)
PARTNER = re.compile(
    r"\b(?:samen met|in samenwerking met|met) (mijn collega van \w+|de (?:minister|staatssecretaris) (?:van|voor) [A-Z][\w,]*(?: (?:en|voor|van|[A-Z]\w*),?)*|"
    r"de VNG|de PO-raad|de sectorraden|sociale partners|verschillende partijen|het veld|een brede coalitie uit het veld|enkele gemeenten|de voorlopers|wetenschap en scholen)",
)
VIA = re.compile(r"\bvanuit (het ministerie van [A-Z][\w ]+?)(?=[.,;]|$)")
ABOUT = re.compile(r"\bover ((?:een|de|het)\b[^.;:]*)")
ANAPHORIC = re.compile(r"\b(hierover|daarover|hier op|daarop|hierop|hiervoor|hiermee|deze plannen|dit voorstel|hier\b)", re.I)


@dataclass
class Commitment:
    """One toezegging with everything the register shows and a policy officer quotes."""

    id: str
    quote: str
    source: str
    title: str
    date: str
    reference: str
    page: int | None
    section: str
    start: int
    end: int
    actor: str
    action: str
    subject: str
    deadline_text: str | None
    due_from: str | None
    due_to: str | None
    kind: str = "toezegging"  # or 'eerdere toezegging' for 'zoals toegezegd'
    status: str = "open"
    note: str = ""
    fulfilled_by: list[dict] = field(default_factory=list)
    also_at: list[int] = field(default_factory=list)
    context: str = ""

    def to_dict(self) -> dict:
        """Every field but the context sentence, as JSON takes it (lists copied, not deep-copied: asdict is slow on thousands)."""
        data = {k: list(v) if isinstance(v, list) else v for k, v in self.__dict__.items()}
        data.pop("context")
        return data


FOOTNOTE = re.compile(r"^\s*[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s")


def is_commitment(sentence: str) -> bool:
    """Whether a sentence promises future action by the government (or recalls an earlier promise it still has to keep)."""
    # Tense first: 'heb ik … aangeboden, waarop ik … had toegezegd' reports what was done, whatever it mentions.
    if PAST.search(sentence):
        return False
    if re.search(r"\btoegezegd\b|\btoezegging\b", sentence, re.I):
        # A footnote 'Zoals toegezegd in het Wetgevingsoverleg …' names where an earlier promise was made: a reference, not a promise.
        return not FOOTNOTE.match(sentence)
    if VIEW.search(sentence):
        return False
    if STRONG_ANY.search(sentence):
        return True
    if sentence.rstrip().endswith(":"):
        return False  # it announces a list; the list items are judged by announces_commitments
    actions = [m for m in ACTION.finditer(sentence) if not RELATIVE.search(sentence[max(0, m.start() - 24):m.start()])]
    if not actions:
        if not re.search(r"\b(?:er komt|komt er)\b", sentence, re.I):
            return False  # no promise form at all: no need to read a deadline (most sentences of a letter)
        deadline = resolve_deadline(sentence, None)
        return deadline is not None and deadline.due_to is not None
    deadline = resolve_deadline(sentence, None)
    if len(sentence.split()) < 6 or GENERIC_WE.search(sentence) and deadline is None:
        return False
    # 'werken we aan', 'investeren we', 'monitoren we' describe ongoing work unless a date or a deliverable makes them a promise.
    only_weak = all(WEAK_VERB.search(m.group(0)) for m in actions)
    return not only_weak or deadline is not None or bool(DELIVERABLE.search(sentence))


def announces_commitments(sentence: str) -> bool:
    """'Ik ga werken aan … door:' — the list after it holds the commitments."""
    return sentence.rstrip().endswith(":") and bool(re.search(r"\b(?:ik|we) (?:ga|gaan|zal|zullen|wil|willen)\b|\b(?:ga|zal|wil) (?:ik|we)\b", sentence, re.I))


def action_of(sentence: str) -> str:
    """What kind of promise: inform the Kamer, a proposal, legislation, a subsidy, research, or carrying out a measure."""
    s = sentence.lower()
    if re.search(r"toegezegd|toezegging", s):
        return "eerdere toezegging"
    if re.search(r"wetsvoorstel|in de wet|wet- en regelgeving|internetconsultatie", s):
        return "wet- en regelgeving"
    if re.search(r"subsidieregeling|subsidie", s):
        return "subsidieregeling"
    if re.search(r"voorstel|plan van aanpak", s):
        return "voorstel"
    if re.search(r"informeer|informeren|geïnformeerd|kom\w* .*terug|brief|delen|stuur|toe\b", s):
        return "Kamer informeren"
    if re.search(r"onderzoek|verken|bekijk|in beeld|inventariseer|monitor", s):
        return "onderzoek"
    return "uitvoering"


def actor_of(sentence: str, signer: str) -> str:
    """Who commits: the signing minister unless the sentence names another; partners after 'met'."""
    via = VIA.search(sentence)
    if via:
        return via.group(1)
    if re.search(r"\b(?:het|dit) kabinet\b", sentence, re.I):
        base = "kabinet"
    else:
        office, _, name = signer.partition(", ")[::-1] if ", " in signer else ("", "", signer)
        base = (office or "de minister").strip()
        base = base[0].lower() + base[1:] if base else "de minister"
        base = f"{base} ({name})" if name and office else base
    partner = PARTNER.search(sentence)
    return f"{base}, met {partner.group(1).rstrip(',')}" if partner else base


def subject_of(sentence: str, previous: str, deadline_text: str | None) -> str:
    """A short statement of what is promised: 'over …' when the sentence says it, else the sentence itself."""
    about = ABOUT.search(sentence)
    if about and not ANAPHORIC.search(about.group(1)):
        subject = about.group(1)
    else:
        subject = sentence
        if deadline_text:
            subject = subject.replace(deadline_text, "")
        subject = re.sub(rf"^(?:- )?(?:Daarnaast |Ook |Verder |Dit jaar |Daarom )?", "", subject)
    if ANAPHORIC.search(sentence) and previous:
        subject = f"{subject.rstrip('.')} — {previous}"
    return re.sub(r"\s+", " ", subject).strip(" .;:")[:240]


def commitment_id(source: str, quote: str) -> str:
    """Stable across re-ingests: the source and the sentence itself."""
    key = source + "|" + re.sub(r"\W+", " ", quote.lower()).strip()
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def extract_commitments(text: str, source: str, record: dict) -> list[Commitment]:
    """Every commitment in one letter's cleaned text (footnotes included), near-duplicates merged."""
    letter = date.fromisoformat(record["date"]) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", record.get("date") or "") else None
    if letter is None and re.fullmatch(r"\d{4}-\d{2}", record.get("date") or ""):
        letter = date.fromisoformat(record["date"] + "-01")
    headings = json.loads(record.get("headings") or "[]")
    pages = json.loads(record.get("page_starts") or "[]")
    found: list[Commitment] = []
    previous = ""
    in_list = False
    for a, b in sentence_spans(text, int(record.get("body_start") or 0)):
        sentence = text[a:b]
        bullet = bool(re.match(r"^(?:[-•–*]|\d{1,2}[.)])\s", sentence))
        in_list = in_list and bullet
        if is_commitment(sentence) or in_list and bullet:
            # The whole sentence, also where a page break (a cleaning seam) ran through it: a fragment is not a quote.
            x, y = a, b
            quote = text[x:y]
            deadline = None if PAST.search(sentence) else resolve_deadline(sentence, letter)
            found.append(Commitment(
                id=commitment_id(source, quote), quote=quote, source=source, title=record.get("title", ""),
                date=record.get("date", ""), reference=record.get("reference", ""), page=at_offset(pages, x),
                section=at_offset(headings, x, ""), start=x, end=y, actor=actor_of(sentence, record.get("signer", "")),
                action=action_of(sentence), subject=subject_of(sentence, previous, deadline.text if deadline else None),
                deadline_text=deadline.text if deadline else None,
                due_from=deadline.due_from.isoformat() if deadline and deadline.due_from else None,
                due_to=deadline.due_to.isoformat() if deadline and deadline.due_to else None,
                kind="eerdere toezegging" if re.search(r"\b(zoals|conform) (toegezegd|toezegging)", sentence, re.I) else "toezegging",
                context=previous,
            ))
        if announces_commitments(sentence):
            in_list = True
        previous = sentence
    return merge_duplicates(found)


def merge_duplicates(items: list[Commitment]) -> list[Commitment]:
    """The 'in het kort' summaries repeat commitments: one entry, the other place kept in `also_at`."""
    kept: list[Commitment] = []
    for item in items:
        terms = set(words(item.quote))
        twin = next((k for k in kept if k.deadline_text == item.deadline_text and jaccard(terms, set(words(k.quote))) >= 0.5), None)
        if twin is None:
            kept.append(item)
        else:
            twin.also_at.append(item.start)
    return kept


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def latest_year(text: str) -> int:
    """The latest year a text mentions (an undated web page is at least that recent)."""
    years = [int(y) for y in re.findall(r"\b(20\d{2})\b", text)]
    return max(years, default=0)
