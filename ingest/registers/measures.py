"""Maatregelen: the measures, programmes and support in the documents, with theme, sector, money and sources."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from ingest.text.sentences import sentence_spans
from ingest.text.split import detect_sectors
from ingest.types import at_offset

# Policy instruments by their usual Dutch name; a match names a measure wherever it stands.
KNOWN = [
    "leerplusarrangement", "arbeidsmarkttoelage", "doorstroomprogramma", "mbo-studentenfonds", "schoolmaaltijden",
    "brede brugklas", "heterogene brugklas", "doorstroomrecht", "vrijwillige ouderbijdrage", "voorschoolse educatie",
    "kwaliteitsafspraken", "schoolkostenmonitor", "aanmeldweek", "zomerschool", "schakelklas", "basisbeurs", "collegegeld",
    "stagepact", "werkagenda", "leerlingvolgsysteem", "masterplan basisvaardigheden", "nationaal programma onderwijs",
    "gelijke kansen alliantie", "rijke schooldag", "verrijkte schooldag", "10-14 onderwijs", "thuisschoolmaatje",
    "monitor aanvullend onderwijs", "handreiking inhuur derde partijen", "onderwijsachterstandenmiddelen", "middelen onderwijsachterstanden",
    "klassen kennisbank", "school en omgeving", "praktijkgerichte programma", "subsidieregeling", "leertraject",
]
NAMED = re.compile(
    r"\b(?:het |de )?(programma|project|campagne|lespakket|bundel|pilot|regeling|fonds|netwerk|traject|initiatief|community)\s+"
    r"([‘'\"]?[A-Z#][\w#&+\-]*(?:\s+(?:en|van|de|het|op|met|in|voor|mee|elkaar|[A-Z#][\w#&+\-]*))*[’'\"]?)"
)
AMOUNT = re.compile(
    r"(?:(?:bijna|ruim|circa|ongeveer|nog eens|structureel)\s+)?(?:€\s?\d[\d.,]*\s*(?:mln\.?|miljoen|miljard|mld\.?)?|"
    r"\b\d[\d.,]*\s*(?:miljoen|miljard)\s*euro\b)", re.I)
THEMES = {
    "overgangen po-vo": r"overgang|overstap|doorstroom|schooladvi|brugklas|10-14|onderbouw|eindtoets|po-vo|po en vo",
    "armoede": r"armoede|schoolkosten|ouderbijdrage|rondkomen|leergeld|jarige job|schoolspullen|schoolmaaltijd|kinderhulp",
    "ouderbetrokkenheid": r"ouderbetrokkenheid|ouders betrekken|samenwerking tussen ouders|taalvaardigheid (?:van )?ouders",
    "segregatie": r"segregatie|toelating|aanmeld|gemengde scholen",
    "aanvullend onderwijs": r"aanvullend onderwijs|bijles|huiswerkbegeleiding|schaduwonderwijs|examentraining",
    "leraren": r"lerar|leraar|lerarentekort|arbeidsmarkttoelage|ontwikkeltijd|professionaliser",
    "vroeg- en voorschoolse educatie": r"voorschool|vroegschool|\bvve\b|peuter|kinderopvang|kleuter",
    "rijke schooldag": r"school en omgeving|rijke schooldag|verrijkte schooldag|verrijk",
    "basisvaardigheden": r"basisvaardigheden|masterplan|taal, rekenen",
    "middelen voor achterstanden": r"leerplusarrangement|achterstand|indicator|bekostiging",
    "mbo en hoger onderwijs": r"\bmbo\b|\bhbo\b|hoger onderwijs|studenten|stage|collegegeld|basisbeurs|studiefinanciering",
    "burgerschap": r"burgerschap",
}
SCHOOL_ACTION = re.compile(r"\b(?:scholen|school|schoolleiders|leraren|u) (?:kunnen|kan)\b|\bkan het voor scholen\b|\bbekijk\b|\bzie (?:ook )?\b|\bvinden scholen\b", re.I)


@dataclass
class Amount:
    """A sum of money as written, in euros, with its period."""

    text: str
    euros: float
    period: str
    quote: str
    source: str


@dataclass
class MeasureSource:
    source: str
    title: str
    kind: str
    date: str
    quote: str
    start: int
    end: int


@dataclass
class Measure:
    """One measure with everything the overview shows."""

    name: str
    themes: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    audience: str = ""
    school_action: str = ""
    sources: list[MeasureSource] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The measure as JSON takes it (built by hand: asdict's deep copies take a second on a large register)."""
        return {**self.__dict__, "themes": list(self.themes), "sectors": list(self.sectors),
                "amounts": [dict(a.__dict__) for a in self.amounts], "sources": [dict(s.__dict__) for s in self.sources]}

    @property
    def key(self) -> str:
        return measure_key(self.name)


# Two names for one measure: the letter says 'rijke schooldag' where the programme page says 'verrijkte schooldag'.
ALIASES = {"verrijkte schooldag": "rijke schooldag"}


def measure_key(name: str) -> str:
    """One key for 'het programma School en Omgeving' and 'School en omgeving'; plurals folded ('brugklassen' -> 'brugklas')."""
    key = re.sub(r"^(?:het|de)\s+", "", name.lower().strip(" '‘’\""))
    key = key.split(" / ")[0].strip()  # 'Verrijkte schooldag / programma School en Omgeving' names the first
    key = re.sub(r"^(?:programma|project|regeling|campagne|lespakket|bundel)\s+", "", key)
    key = re.sub(r"['‘’\"]", "", key)
    if len(key) > 6:
        key = re.sub(r"(?:'s|en)$", "", key)
        key = re.sub(r"([bdfgklmnprst])\1$", r"\1", key)  # klass(en) -> klas, but not 'ee' or 'oo'
        key = re.sub(r"s$", "", key)
    return ALIASES.get(key, key)


def euros(text: str) -> float:
    """'€ 52 mln.' -> 52e6; 'bijna 300 miljoen euro' -> 300e6; '€56,7 miljoen' -> 56.7e6."""
    number = re.search(r"\d[\d.,]*", text).group(0).rstrip(".,")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", number):
        value = float(number.replace(".", ""))
    else:
        value = float(number.replace(".", "").replace(",", "."))
    if re.search(r"miljard|mld", text, re.I):
        value *= 1e9
    elif re.search(r"miljoen|mln", text, re.I):
        value *= 1e6
    return value


def period_of(sentence: str, amount: str, position: int = 0) -> str:
    """Per year, once, or a span of years, as the words around the amount state it."""
    right_after = re.match(r"\s*(?:in|per) (\d{4})\b", sentence[position + len(amount):position + len(amount) + 14])
    if right_after:
        return f"in {right_after.group(1)}"
    lo = max(sentence.rfind(c, 0, position) for c in "(,;:")
    his = [i for i in (sentence.find(c, position + len(amount)) for c in "),;:") if i >= 0]
    s = sentence[lo + 1 if lo >= 0 else 0:min(his) if his else len(sentence)].lower()
    if not re.search(r"\d{4}|jaar|structureel|eenmalig", s):
        s = sentence.lower()
    if re.search(r"per jaar|jaarlijks|structureel", s) or "structureel" in amount.lower():
        return "per jaar (structureel)" if "structureel" in s else "per jaar"
    m = re.search(r"periode (\d{4})\s*[-–]\s*(\d{4})", s)
    if m:
        return f"periode {m.group(1)}-{m.group(2)}"
    if "eenmalig" in s:
        return "eenmalig"
    m = re.search(r"(?:in|voor|begroting) (\d{4})", s)
    return f"in {m.group(1)}" if m else "niet vermeld"


CONNECTOR_END = re.compile(r"(?:\s+(?:en|van|de|het|op|met|in|voor|mee))+$")
GENERIC_HEADING = re.compile(r"^(?:onderwerp|kansengelijkheid|praktijkvoorbeelden|meer inspiratie|praktijk\b|beleid\b|toegankelijkheid|"
                             r"overgangen$|school en omgeving$|vve$|ondersteuning\b)", re.I)
ANAPHORA = re.compile(r"\b(?:het|dit|dat|deze) (?:programma|budget|bedrag|regeling|arrangement|fonds)\b|\bhiervoor\b|\bhiermee\b", re.I)


def names_in(sentence: str) -> list[str]:
    """Measure names a sentence mentions: named programmes first, then known instruments."""
    lower = sentence.lower()
    known = sorted((k for k in KNOWN if k in lower), key=lower.find)
    names = []
    for m in NAMED.finditer(sentence):
        name = CONNECTOR_END.sub("", m.group(2).strip("'‘’\""))
        if len(name.strip()) < 3 or name.lower() in ("de", "het") or any(k.startswith(name.lower()) for k in known):
            continue  # 'programma School en' is the start of 'school en omgeving'
        names.append(f"{m.group(1)} {name}")
    names += [k for k in known if not any(k in n.lower() for n in names)]
    return names


def footnote_names(text: str, sentence: str, start: int) -> list[str]:
    """A footnote's money belongs to what the sentence citing the footnote names."""
    m = re.match(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s", sentence)
    if not m:
        return []
    marker = text.rfind(m.group(1), 0, start)
    if marker < 0:
        return []
    for a, b in sentence_spans(text, max(0, marker - 600), marker + len(m.group(1))):
        if a <= marker < b:
            return names_in(text[a:b])
    return []


@dataclass
class DocumentMeasures:
    """What one document says about measures, before documents are merged: kept per document at ingest."""

    measures: dict[str, Measure] = field(default_factory=dict)  # by measure_key, in order of first mention
    sections: dict[str, list[str]] = field(default_factory=dict)  # the headings each measure stands under


def measures_in(source: str, text: str, record: dict) -> DocumentMeasures:
    """The measures one document names, with their money, audience, school action, sources and headings."""
    found = DocumentMeasures()

    def get(name: str) -> Measure:
        key = measure_key(name)
        if key not in found.measures:
            found.measures[key] = Measure(name=name[0].upper() + name[1:])
        return found.measures[key]

    headings = json.loads(record.get("headings") or "[]")
    overview = record.get("kind") in ("webpagina", "overzicht")
    previous_names: list[str] = []
    for a, b in sentence_spans(text, int(record.get("body_start") or 0)):
        sentence = text[a:b]
        if len(sentence) < 20:
            continue
        section = at_offset(headings, a, "")
        money = list(AMOUNT.finditer(sentence))
        names = names_in(sentence)
        if not names and money:
            names = footnote_names(text, sentence, a) or (previous_names[:1] if ANAPHORA.search(sentence) else [])
        if not names and overview and section and not GENERIC_HEADING.match(section):
            names = [section]
        if money and not names:
            names = [fallback_name(sentence)]
        previous_names = names or previous_names
        for i, name in enumerate(names):
            m = get(name)
            if section:
                found.sections.setdefault(measure_key(name), []).append(section)
            add_source(m, MeasureSource(source, record.get("title", ""), record.get("kind", ""), record.get("date", ""), sentence, a, b))
            if i == 0:  # money belongs to the first measure the sentence names
                for hit in money:
                    m.amounts.append(Amount(hit.group(0).strip(), euros(hit.group(0)), period_of(sentence, hit.group(0), hit.start()), sentence, source))
            if overview and SCHOOL_ACTION.search(sentence) and not m.school_action:
                m.school_action = sentence
            audience = re.search(r"\bvoor ((?:alle )?(?:leerlingen|studenten|scholen|gemeenten|ouders|peuters|jongeren|kinderen|hogescholen|mbo-instellingen)[^,.;:]{0,60})", sentence)
            if audience and not m.audience:
                m.audience = audience.group(1).strip()
    return found


def merge_measures(documents: list[DocumentMeasures]) -> list[Measure]:
    """One entry per measure over all documents (in their order), with its themes, sectors and distinct amounts."""
    measures: dict[str, Measure] = {}
    sections: dict[str, list[str]] = {}
    for found in documents:
        for key, part in found.measures.items():
            m = measures.setdefault(key, Measure(name=part.name))
            m.sources += part.sources  # another document: never the same place twice
            m.amounts += part.amounts
            m.school_action = m.school_action or part.school_action
            m.audience = m.audience or part.audience
        for key, headings in found.sections.items():
            sections.setdefault(key, []).extend(headings)
    for key, m in measures.items():
        context = " ".join(s.quote for s in m.sources)
        named = [t for t, pattern in THEMES.items() if re.search(pattern, m.name, re.I)]
        # The letter's own headings say where it puts a measure; word counts over the quotes only when no heading says.
        headed = sorted({t for h in sections.get(key, []) for t, pattern in THEMES.items() if re.search(pattern, h, re.I)})
        counted = sorted(((len(re.findall(pattern, context, re.I)), t) for t, pattern in THEMES.items()), reverse=True)
        m.themes = named or headed[:2] or [t for n, t in counted[:2] if n >= max(2, counted[0][0] // 2)] or ["algemeen"]
        m.sectors = detect_sectors(m.name + " " + context)
        m.amounts = one_per_sum(m.amounts)
    return sorted(measures.values(), key=lambda m: (-len(m.sources), m.name.lower()))


def extract_measures(documents: dict[str, tuple[str, dict]]) -> list[Measure]:
    """Measures from every document: named programmes, known instruments, and the sections of overview pages; money attached."""
    return merge_measures([measures_in(source, text, record) for source, (text, record) in documents.items()])


def one_per_sum(amounts: list[Amount]) -> list[Amount]:
    """The same sum for the same period stated twice (body and summary box) is one amount; the first place is kept."""
    kept: dict[tuple[float, str], Amount] = {}
    for a in amounts:
        kept.setdefault((a.euros, a.period), a)
    return list(kept.values())


def add_source(measure: Measure, source: MeasureSource) -> None:
    if not any(s.source == source.source and s.start == source.start for s in measure.sources):
        measure.sources.append(source)


def fallback_name(sentence: str) -> str:
    """A name for money without a named measure: what it is spent on ('… in zowel kansengelijkheid als onderwijskwaliteit')."""
    tail = sentence[sentence.find("euro"):] if "euro" in sentence else sentence
    m = re.search(r"\bvoor (?:de )?([a-z][\w\- ]{3,70}?)(?=[.,;:]| is | om | die | dat |$)", sentence) or \
        re.search(r"\b(?:in|aan) ((?:zowel )?[a-z][\w\- ]{3,60}?)(?=[.,;:]|$| om | die | dat )", tail)
    return f"Investering in {m.group(1).strip()}" if m else sentence[:60]
