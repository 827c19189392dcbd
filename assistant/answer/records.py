"""Questions over intervention indexes: one row by name, or rows filtered and sorted on their typed columns."""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field, replace

from assistant.answer.question import is_english
from assistant.types import Citation, Filters, Passage

INDEX_WORDS = re.compile(
    r"interventie|intervention|\bindex\b|aanpak|approach|maatregel|\bwerkt\b|\bwork|effect|kost|cost|duur|goedko|cheap|expensive|"
    r"bewijs|evidence|onderbouw|scoort|levert|doelgroep|\bbron\b|omschrijving|houdt .+ in\b|target group", re.I)
LETTER_WORDS = re.compile(r"kabinet|minister|kamerbrief|\bbrief|regering|overheid|\bser\b|vo-raad|government|cabinet|letter", re.I)
MENTIONS_INDEX = re.compile(r"interventie-?index|\bde index\b|\bin de index|intervention index|\bthe index\b", re.I)
ABSENT_SUBJECT = re.compile(
    r"(?:effect|kosten|bewijskracht|resultaat) van (?:een |het |de )?(?P<a>.+?)(?: volgens| in de| op de|\?|$)|"
    r"(?:hoe scoort|hoeveel kost|wat kost|wat zegt de interventie-index over|wat zegt de index over) (?:een |het |de )?(?P<b>.+?)(?: volgens| in de| in the|\?|$)|"
    r"(?:effect|cost) of (?:a |an |the )?(?P<c>.+?)(?: in the| according|\?|$)", re.I)
# Words too common in policy text to identify an intervention on their own ('voorschoolse educatie' is not 'vroegschoolse educatie').
GENERIC = {"educatie", "onderwijs", "leerlingen", "interventies", "groeperen", "groepen", "klassen", "leermiddelen", "programma"}
SUFFIXES = {"", "e", "en", "n", "s", "es", "er", "ers", "sen", "ën", "'s"}
STOP = {"en", "in", "de", "het", "een", "op", "met", "van", "voor", "binnen", "of", "and", "the", "to"}
# English names of common interventions, for questions asked in English about a Dutch index.
ENGLISH = {"summer school": "zomerschool", "one-to-one tutoring": "tutoring één-op-één", "one to one tutoring": "tutoring één-op-één",
           "feedback": "feedback", "homework": "huiswerkbegeleiding", "class size": "kleinere klassen", "repeating a year": "zittenblijven",
           "school uniform": "schooluniform", "mentoring": "mentoring", "breakfast": "schoolontbijt", "extended school day": "verlengde schooldag",
           "teaching assistants": "onderwijsassistenten", "parental engagement": "ouderbetrokkenheid", "metacognition": "metacognitie"}
SECTORS = {r"\bvve\b|voorschool|vroegschool|peuter": "vve", r"\bpo\b|basisonderwijs|primair|basisschool|primary": "po",
           r"\bvo\b(?!-raad)|voortgezet|middelbare|secondary": "vo", r"\bmbo\b|vocational": "mbo", r"\bho\b|hoger onderwijs|\bhbo\b": "ho"}


def fold(text: str) -> str:
    """Lower case without accents, for matching names."""
    return unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()


@dataclass
class Row:
    """A record as the answer needs it: its passage, fields as written, typed values by role."""

    passage: Passage
    fields: list[tuple[str, str]]
    roles: dict[str, str]

    @property
    def name(self) -> str:
        return dict(self.fields).get(self.roles.get("name", ""), self.fields[0][1])

    def value(self, role: str):
        """The typed value of the column playing `role` (a number or a level number), or None."""
        column = self.roles.get(role)
        if not column:
            return None
        from ingest.tables.grid import slug

        value = self.passage.record.get("f_" + slug(column))
        return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None

    def text(self, role: str) -> str:
        return dict(self.fields).get(self.roles.get(role, ""), "")


@dataclass
class RecordAnswer:
    """What the index says: the text with [n] markers, the rows it cites, and (for an absent intervention) what is missing."""

    text: str = ""
    rows: list[Row] = field(default_factory=list)
    absent: str | None = None
    combined: bool = False


def rows_of(passages, filters: Filters | None = None) -> list[Row]:
    """Every record among the index's passages that the filters allow."""
    result = []
    for p in passages:
        if not p.record:
            continue
        if filters and ((filters.sources and p.source not in filters.sources) or (filters.kinds and p.kind not in filters.kinds)):
            continue
        result.append(Row(p, [tuple(f) for f in json.loads(p.record["fields"])], json.loads(p.record.get("roles") or "{}")))
    return result


def inflected(token: str, word: str) -> bool:
    """The same word with another ending: 'klassen'/'klas', 'zomerscholen'/'zomerschool' (never 'school' for 'schoolontbijt')."""
    short, long_ = sorted((token, word), key=len)
    for cut in (0, 1):  # 'klas' + 'sen', 'zomerschool' + 'en'
        stem = short[:len(short) - cut]
        if len(stem) >= 5 and long_.startswith(stem) and long_[len(stem):] in SUFFIXES:
            return True
    return False


def named(question: str, rows: list[Row]) -> list[Row]:
    """Rows whose name the question mentions (all its words, or its one long distinctive word)."""
    q = fold(question)
    for english, dutch in ENGLISH.items():
        if english in q:
            q += " " + fold(dutch)
    words = set(re.findall(r"[a-z0-9]+", q))
    scored = []
    for row in rows:
        tokens = [t for t in re.findall(r"[a-z0-9]+", fold(row.name)) if t not in STOP]
        if not tokens:
            continue
        hits = [t for t in tokens if t in words or len(t) >= 6 and any(inflected(t, w) for w in words)]
        share = len(hits) / len(tokens)
        longest = max((len(t) for t in hits if t not in GENERIC), default=0)
        if share == 1 or (share >= 0.5 and longest >= 8):
            scored.append((share, longest, row))
    if not scored:
        return []
    best = max(s for s, _, _ in scored)
    return [row for s, _, row in sorted(scored, key=lambda x: (-x[0], -x[1])) if s == best][:3]


def wanted(question: str) -> tuple[list, tuple[str, bool] | None, int]:
    """Filters (role, test) and a sort (role, descending) asked for, and how many rows to list."""
    q = question.lower()
    tests: list = []
    sort = None
    if re.search(r"meeste effect|grootste effect|hoogste effect|best werk|meest effectie|most effective|largest effect|biggest effect|greatest effect|highest effect", q):
        sort = ("effect", True)
    elif re.search(r"minste effect|kleinste effect|laagste effect|least effective|smallest effect", q):
        sort = ("effect", False)
    elif re.search(r"duurst|most expensive|hoogste kosten", q):
        sort = ("cost", True)
    elif re.search(r"goedkoopst|cheapest|laagste kosten", q):
        sort = ("cost", False)
    elif re.search(r"sterkste bewijs|meeste bewijs|best onderbouwd|strongest evidence|most evidence", q):
        sort = ("evidence", True)
    if re.search(r"zeer lage kosten|zeer goedko", q):
        tests.append(("cost", lambda v: v <= 1))
    elif re.search(r"goedko|lage kosten|weinig kost|cheap|low.cost|inexpensive", q) and sort != ("cost", False):
        tests.append(("cost", lambda v: v <= 2))
    elif re.search(r"hoge kosten|\bdure\b|expensive ", q):
        tests.append(("cost", lambda v: v >= 4))
    if re.search(r"sterke? bewijs|veel bewijs|goed onderbouwd|strong evidence|hoge bewijskracht|good evidence", q):
        tests.append(("evidence", lambda v: v >= 4))
    elif re.search(r"weinig bewijs|zwak(ke)? bewijs|lage bewijskracht|weak evidence|little evidence", q):
        tests.append(("evidence", lambda v: v <= 2))
    if re.search(r"werkt niet|negatie[fv]|schadelijk|doesn.t work|does not work|harmful|negative", q):
        tests.append(("effect", lambda v: v <= 0))
        sort = sort or ("effect", False)
    if m := re.search(r"(?:minstens|ten minste|minimaal|at least)\s+(\d+(?:[,.]\d+)?)", q):
        least = float(m.group(1).replace(",", "."))
        tests.append(("effect", lambda v, n=least: v >= n))
    sectors = [code for pattern, code in SECTORS.items() if re.search(pattern, q)]
    count = 3 if re.search(r"\b(drie|three|3)\b", q) else 5
    return tests + [("sector", sectors)] if sectors else tests, sort, count


def select(question: str, rows: list[Row]) -> tuple[list[Row], bool]:
    """Rows filtered and sorted as the question asks; the flag says whether it asked for any."""
    tests, sort, count = wanted(question)
    explicit = bool(sort or any(role != "sector" for role, _ in tests))
    words = [w for w in re.findall(r"[a-zà-ÿ]{6,}", question.lower())]
    targets = [w for w in words if 0 < sum(w in r.text("target").lower() for r in rows) < len(rows) / 2]
    if targets and re.search(r"\bvoor\b|\bfor\b", question.lower()):
        tests.append(("target", targets))
    if not explicit and not re.search(r"^(welke|which|wat zijn|what are)\b.*(interventie|aanpak|intervention|approach)", question, re.I):
        return [], False
    chosen = []
    for row in rows:
        ok = True
        for role, test in tests:
            if role == "sector":
                ok &= bool(set(test) & set(row.passage.sectors))
            elif role == "target":
                ok &= any(t in row.text("target").lower() for t in test)
            else:
                value = row.value(role)
                ok &= value is not None and test(value)
        if ok:
            chosen.append(row)
    role, descending = sort or ("effect", True)
    chosen.sort(key=lambda r: (r.value(role) is None, -(r.value(role) or 0) if descending else (r.value(role) or 0)))
    return chosen[:count], True


# What a 'hoeveel …' question counts, when no column of the index counts it ('hoeveel studies', 'hoeveel scholen').
COUNTED = re.compile(r"\b(?:hoeveel|how many|aantal|number of)\s+(?:(?:extra|meer|more|additional|verschillende|andere)\s+)?([a-zà-ÿ']{4,})", re.I)
IN_MONEY = re.compile(r"\beuro|€|\bin geld\b|per leerling|per pupil|per kind|per school|bedrag|amount|in money", re.I)


def missing_field(question: str, row: Row) -> str | None:
    """What a question asks about a named row that the index does not give, in Dutch; None when the row answers it.

    'Wat kost tutoring in euro's per leerling?' when the index gives cost as a level ('laag'); 'Op hoeveel studies is de
    bewijskracht gebaseerd?' when no column counts studies.
    """
    columns = " ".join(fold(c) for c, _ in row.fields)
    cost = row.text("cost")
    if re.search(r"\bkost|\bcost|prijs|price", question, re.I) and IN_MONEY.search(question) and cost and not re.search(r"\d", cost):
        return f"geen bedrag; de kosten staan er als niveau: '{cost}'"
    m = COUNTED.search(question)
    if m:
        noun = fold(m.group(1))
        stem = noun[:5]
        if stem not in columns and not any(stem in fold(v) for _, v in row.fields) and not re.match(r"(?:maand|month|kost|cost|geld|euro)", noun):
            return f"geen aantal {m.group(1)}"
    return None


def describe(row: Row, n: int, full: bool) -> str:
    """One row in an answer: its name and fields as written, with its citation marker."""
    skip = {row.roles.get("name")} | (set() if full else {row.roles.get("description"), row.roles.get("source")})
    values = " — ".join(f"{column}: {value}" for column, value in row.fields if column not in skip)
    return f"{row.name} — {values} [{n}]"


def answer_from_records(question: str, passages, filters: Filters | None = None) -> RecordAnswer | None:
    """The index's answer to a question, or None when the question is not about an index."""
    rows = rows_of(passages, filters)
    if not rows:
        return None
    title = rows[0].passage.record["file_name"]
    about = named(question, rows) if INDEX_WORDS.search(question) else []  # a letter question that names a topic stays with the letters
    if about and not re.search(r"welke|which|wat zijn|what are", question, re.I):
        missing = missing_field(question, about[0])
        if missing:  # the row is there, the asked value is not: say so, and what the row does give
            shown = describe(about[0], 1, True).rsplit(" [1]", 1)[0]
            return RecordAnswer(f"De interventie-index ({title}) geeft voor {about[0].name} {missing}. Wel staat er: {shown}.", [],
                                absent=about[0].name)
        lines = [describe(r, i, True) for i, r in enumerate(about, 1)]
        return RecordAnswer(f"Volgens de interventie-index ({title}): " + " ".join(lines), about, combined=bool(LETTER_WORDS.search(question)))
    chosen, asked = select(question, rows)
    if asked and INDEX_WORDS.search(question):
        if not chosen:
            return RecordAnswer(f"Geen enkele interventie in de interventie-index ({title}) voldoet hieraan.", [], absent="")
        lines = [f"{i}. {describe(r, i, False)}" for i, r in enumerate(chosen, 1)]
        return RecordAnswer(f"Volgens de interventie-index ({title}):\n" + "\n".join(lines), chosen)
    if about:
        lines = [describe(r, i, True) for i, r in enumerate(about, 1)]
        return RecordAnswer(f"Volgens de interventie-index ({title}): " + " ".join(lines), about, combined=bool(LETTER_WORDS.search(question)))
    if MENTIONS_INDEX.search(question):  # asked about the index, and nothing in it is named or selected: absent
        m = ABSENT_SUBJECT.search(question)
        subject = next((g for g in m.groups() if g), "").strip(" ?") if m else ""
        if is_english(question):
            return RecordAnswer(f"'{subject}' is not in the intervention index ({title}).", [], absent=subject)
        return RecordAnswer(f"'{subject}' staat niet in de interventie-index ({title}).", [], absent=subject)
    return None


def citations_for(answer: RecordAnswer) -> list[Citation]:
    """One citation per row; the quote is the row's whole text, which stands verbatim in the stored document."""
    return [Citation(i, row.passage, row.passage.text, row.passage.start, row.passage.end) for i, row in enumerate(answer.rows, 1)]


def apply_records(turn, passages) -> None:
    """The chain's hook: when the question is about an index, answer from its rows (and keep the letters' citations when it asks both)."""
    answer = answer_from_records(turn.standalone, passages, turn.filters)
    if answer is None:
        return
    if answer.absent is not None:
        turn.supported, turn.citations, turn.reason = False, [], answer.text
        return
    citations = citations_for(answer)
    text = answer.text
    if answer.combined and turn.supported:
        seen = {c.passage.id for c in citations}
        for c in turn.citations:
            if not c.passage.record and c.passage.id not in seen:
                seen.add(c.passage.id)
                citations.append(Citation(len(citations) + 1, c.passage, c.quote, c.start, c.end))
        letters = citations[len(answer.rows):]
        if letters:
            text += "\n\n" + " ".join(f"Volgens {c.label}: {c.quote} [{c.n}]" for c in letters)
    ids = {r.passage.id for r in answer.rows}
    turn.passages = [replace(r.passage) for r in answer.rows] + [replace(p) for p in turn.passages if p.id not in ids]
    for rank, p in enumerate(turn.passages, 1):
        p.rank = rank  # copies: the snapshot's passages are shared between questions
    turn.text, turn.citations, turn.supported = text, citations, True
    turn.evidence = max(turn.evidence, 1.0)
