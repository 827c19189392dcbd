"""Questions over intervention indexes: one row by name, or rows filtered and sorted on their typed columns."""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field, replace

from assistant.answer.question import before_subject, is_english, question_parts, standalone
from assistant.answer.slots import NOT_COUNTED
from assistant.answer.sources import SOURCES
from assistant.types import Citation, Filters, Passage

INDEX_WORDS = re.compile(
    r"interventie|intervention|\bindex\b|aanpak|approach|maatregel|\bwerkt\b|\bwork|effect|kost|cost|duur|goedko|cheap|expensive|"
    r"bewijs|evidence|onderbouw|scoort|levert|doelgroep|\bbron\b|omschrijving|houdt .+ in\b|target group|"
    r"\bhelpt?\b|\bhelps?\b|\bzin\b|\bnut\b|\bbaat\b|winst|vooruitgang|worth|benefit|\bgain|progress|\bmonths\b|\bmaanden\b|"
    r"\bbedoeld\b|\bgeschikt\b|\biets voor\b|\bvoor wie\b|intended|suitable|meant for|who is it for|\bsector|achteruit|uitmaakt|\blijst\b|"
    r"\bverstandig\b|\bzinvol\b|wat zegt (?:het )?onderzoek|what does (?:the )?research say|\bwise\b", re.I)
LETTER_WORDS = re.compile(r"kabinet|minister|kamerbrief|\bbrief|regering|overheid|\bser\b|vo-raad|government|cabinet|letter", re.I)
MENTIONS_INDEX = re.compile(r"interventie-?index|\bde index\b|\bin de index|intervention index|\bthe index\b", re.I)
ABSENT_SUBJECT = re.compile(
    r"(?:effect|kosten|bewijskracht|resultaat) van (?:een |het |de )?(?P<a>.+?)(?: volgens| in de| op de|\?|$)|"
    r"(?:hoe scoort|hoeveel kost|wat kost|wat zegt de interventie-index over|wat zegt de index over) (?:een |het |de )?(?P<b>.+?)(?: volgens| in de| in the|\?|$)|"
    r"(?:effect|cost) of (?:a |an |the )?(?P<c>.+?)(?: in the| according|\?|$)|"
    r"(?:what does the (?:intervention )?index say about) (?:a |an |the )?(?P<d>.+?)(?:,| in the| according|\?|$)|"
    r"(?:does|do) the (?:intervention )?index (?:report|give|say|list|show) (?:for|about|on) (?:a |an |the )?(?P<e>.+?)(?:,|\?|$)|"
    r"(?:zegt|meldt|geeft|noemt) de (?:interventie-?)?index (?:over|voor|bij) (?:een |het |de )?(?P<f>.+?)(?:,|\?|$)|"
    r"(?:staat|staan|zit|zitten|vind ik|vinden we) (?:er )?(?:ook )?(?:een |het |de )?(?P<g>.+?) (?:in|op) (?:de |het )?(?:interventie-?)?index|"
    r"(?:iets|informatie|gegevens|cijfers) (?:te vinden |te lezen )?over (?:een |het |de )?(?P<h>.+?)(?:,|\?|$)|"
    r"(?:is|are) (?:there )?(?:a |an |the )?(?P<i>.+?) (?:in|on) the (?:intervention )?index|"
    r"(?:anything|information) (?:about|on) (?:a |an |the )?(?P<j>.+?)(?:,|\?|$)", re.I)
# A question in the shape of an index's columns asks the index, also without naming it: the effect of something and what it
# costs, or how strong the evidence for it is ('Wat levert tweetalig onderwijs op en wat kost het?').
FIELD_WORDS = {"effect": r"\beffect\w*|levert\b.{0,60}\bop\b|oplever\w*|maanden (?:vooruitgang|extra)|months of progress|\bimpact\b|"
                         r"how much (?:progress|does it help)",
               "cost": r"\bkost(?:en|te)?\b|\bduur\b|\bprijs\b|\bcosts?\b|expensive",
               "evidence": r"\bbewijs\w*|\bonderbouwd\b|\bevidence\b|\bproven\b|\bbewezen\b"}  # not 'onderbouwen', 'de onderbouw'


def index_shaped(question: str) -> bool:
    """Whether a question asks what an index's columns give: two of effect, cost and evidence, or how strong the evidence is."""
    asked = {field for field, pattern in FIELD_WORDS.items() if re.search(pattern, question, re.I)}
    return len(asked) >= 2 or bool(EVIDENCE_ASKED.search(question))


EVIDENCE_ASKED = re.compile(r"\b(?:hoe (?:sterk|goed|hard)|hoeveel|is er|how (?:strong|good)|is there)\b(?:\s+[\w-]+){0,2}\s+(?:bewijs|evidence)\b", re.I)
# Words too common in policy text to identify an intervention on their own ('voorschoolse educatie' is not 'vroegschoolse educatie').
GENERIC = {"educatie", "onderwijs", "leerlingen", "interventies", "groeperen", "groepen", "klassen", "leermiddelen", "programma"}
# Words that join a description to the question ('iets waarbij leerlingen elkaar uitleg geven'), not part of it.
CONNECTIVES = {"waarbij", "waarin", "waarmee", "waarvoor", "waardoor", "waarop", "waaraan", "waarna", "zodat", "omdat", "terwijl",
               "zodra", "tijdens", "zonder", "whereby", "where", "which", "while", "during", "without"}
# Everyday verbs that say what is done, not which intervention: 'geven' in 'een geldbedrag geven voor goede cijfers' is not
# 'Feedback geven', 'leren' in 'kinderen laten leren' not 'Samenwerkend leren'.
LIGHT_VERBS = {"geven", "geeft", "gegeven", "leren", "leert", "geleerd", "maken", "maakt", "gemaakt", "werken", "werkt", "gewerkt",
               "krijgen", "krijgt", "gekregen", "helpen", "helpt", "geholpen", "staan", "staat", "komen"}  # five letters or more
DIMINUTIVES = {"je", "jes", "tje", "tjes", "pje", "pjes", "etje", "etjes"}
SUFFIXES = {"", "e", "en", "n", "s", "es", "er", "ers", "sen", "ën", "'s"}
STOP = {"en", "in", "de", "het", "een", "op", "met", "van", "voor", "binnen", "of", "and", "the", "to"}
# English names of common interventions, for questions asked in English about a Dutch index.
ENGLISH = {"summer school": "zomerschool", "one-to-one tutoring": "tutoring één-op-één", "one to one tutoring": "tutoring één-op-één",
           "feedback": "feedback", "homework": "huiswerkbegeleiding", "class size": "kleinere klassen", "repeating a year": "zittenblijven",
           "school uniform": "schooluniform", "mentoring": "mentoring", "breakfast": "schoolontbijt", "extended school day": "verlengde schooldag",
           "teaching assistants": "onderwijsassistenten", "parental engagement": "ouderbetrokkenheid", "metacognition": "metacognitie",
           # the strands of the EEF Teaching and Learning Toolkit, which Dutch indexes translate
           "parental involvement": "ouderbetrokkenheid", "parents involved": "ouderbetrokkenheid", "involving parents": "ouderbetrokkenheid",
           "reading comprehension": "lezen met begrip begrijpend lezen", "oral language": "mondelinge taalvaardigheid",
           "self-regulation": "zelfregulatie", "small group tuition": "tutoring in kleine groepen", "small group tutoring": "tutoring in kleine groepen",
           "career orientation": "loopbaanoriëntatie", "careers education": "loopbaanoriëntatie", "longer school day": "verlengde schooldag",
           "extending school time": "verlengde schooldag", "setting and streaming": "homogeen groeperen op niveau",
           "within-class grouping": "flexibel groeperen binnen de klas", "collaborative learning": "samenwerkend leren",
           "social and emotional learning": "sociaal-emotioneel leren", "behaviour interventions": "gedragsinterventies",
           "behavior interventions": "gedragsinterventies", "digital technology": "digitale leermiddelen", "mastery learning": "beheersingsgericht leren",
           "phonics": "fonologisch bewustzijn", "arts participation": "kunst- en cultuureducatie", "physical activity": "sport en bewegen",
           "writing instruction": "instructie in schrijven", "reducing class size": "kleinere klassen", "smaller classes": "kleinere klassen",
           "early years": "vroegschoolse educatie", "early childhood education": "vroegschoolse educatie"}
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
    for cut in (0, 1, 2):  # 'klas' + 'sen', 'zomerschool' + 'en', 'groep|en' and 'groep|jes'
        stem = short[:len(short) - cut]
        if cut == 2 and short[len(stem):] not in SUFFIXES:
            continue  # only an ending comes off the shorter word
        if len(stem) >= 5 and long_.startswith(stem) and long_[len(stem):] in SUFFIXES | DIMINUTIVES:
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
        if share < 1 and qualified_otherwise(q, hits, row):
            continue  # 'instructie in rekenstrategieën' is not 'Instructie in schrijven'
        if share == 1 or (share >= 0.5 and longest >= 8):
            scored.append((share, longest, row))
    if not scored:
        return []
    best = max(s for s, _, _ in scored)
    return [row for s, _, row in sorted(scored, key=lambda x: (-x[0], -x[1])) if s == best][:3]


# What a question says about a column: the words for each sortable role, and most/least in Dutch and English.
ROLE_TERMS = {"effect": r"effect\w*|winst|\w*vooruitgang|opbrengst|impact|progress|gains?|resultaat|leervordering\w*|leerwinst",
              "cost": r"kosten|kost|prijs|costs?|price", "evidence": r"bewijs\w*|onderbouw\w*|evidence|research base"}
MOST = r"meeste|grootste|hoogste|sterkste|beste|meest|grootst|hoogst|sterkst|most|largest|biggest|greatest|highest|strongest|best"
LEAST = r"minste|kleinste|laagste|zwakste|slechtste|minst|kleinst|laagst|zwakst|slechtst|least|smallest|lowest|weakest|fewest|poorest"
# Whole-word superlatives that name their column themselves.
SUPERLATIVES = ((r"best werk|meest effectie|most effective|werkt het best|levert het meest|het meest oplever|meeste (?:voor )?terug|"
                 r"pakt (?:\w+ ){0,4}het best uit|most return|biggest return|works best", ("effect", True)),
                (r"minst effectie|least effective|werkt het slechtst|levert het minst|het minst oplever|minste (?:voor )?terug|"
                 r"pakt (?:\w+ ){0,6}het slechtst uit|least return|works worst|worst", ("effect", False)),
                (r"(?:zwakst|slechtst|minst) onderbouwd|least (?:well )?supported|weakest(?: research)? base", ("evidence", False)),
                (r"(?:sterkst|meest) onderbouwd|(?:most|best) (?:well )?supported", ("evidence", True)),
                (r"duurst|most expensive|kost(?:en)? (?:\w+ ){0,2}het meest|costs? the most", ("cost", True)),
                (r"goedkoopst|cheapest|least expensive|minst kost|kost(?:en)? (?:\w+ ){0,2}het minst|costs? the least", ("cost", False)),
                (r"best onderbouwd|best supported|best evidenced", ("evidence", True)), (r"slechtst onderbouwd|least supported", ("evidence", False)))
ADJECTIVE = {"hoge": "hoog", "lage": "laag", "sterke": "sterk", "zwakke": "zwak", "gemiddelde": "gemiddeld", "grote": "groot"}
# A level written after its column ('kosten gemiddeld of meer', 'the evidence is weak'), the words that may stand between, and
# a comparison after it.
LEVEL_WORD = (r"(?:zeer |heel |very )?(?:hoog|laag|gemiddeld|sterk|zwak|beperkt|matig|redelijk|high|low|moderate|medium|strong|weak|"
              r"limited)")
FILLER = r"(?:ervoor|daarvoor|hiervoor|die|dat|is|zijn|zou|er|het|de|van|for|it|them|that|which|are|was|were|be)"
OR_MORE = r"(?:of|or) (?:meer|hoger|beter|sterker|more|higher|better|stronger)"
OR_LESS = r"(?:of|or) (?:minder|lager|zwakker|slechter|less|lower|weaker|worse)"
NUMBER_WORDS = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10,
                "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def superlatives(q: str) -> list[tuple[int, tuple[str, bool]]]:
    """Every superlative in the question with its position: (where, (column, descending))."""
    found = []
    for pattern, sort in SUPERLATIVES:
        found += [(m.start(), sort) for m in re.finditer(pattern, q)]
    for role, terms in ROLE_TERMS.items():
        for words, descending in ((MOST, True), (LEAST, False)):
            found += [(m.start(), (role, descending)) for m in re.finditer(rf"\b(?:{words})\b(?:\s+[\w'-]+){{0,2}}?\s+(?:{terms})\b", q)]
            # the column first: 'bij welke aanpak is het bewijs het zwakst', 'waar zijn de kosten het laagst'
            found += [(m.start(), (role, descending)) for m in re.finditer(
                rf"\b(?:{terms})\s+(?:(?:is|zijn|was|waren|is er)\s+)?(?:het\s+)?(?:{words})\b", q)]
    return sorted(found)


def sort_asked(q: str) -> tuple[str, bool] | None:
    """The column and direction of a superlative ('het kleinste positieve effect' -> effect, ascending), or None; with two on
    different columns, the last one ('Van de aanpakken met het sterkste bewijs, welke levert de minste vooruitgang op?')."""
    found = superlatives(q)
    return found[-1][1] if found else None


def extreme_asked(q: str) -> tuple[str, bool] | None:
    """With two superlatives on different columns, the first one restricts the rows to its extreme value ('met het sterkste
    bewijs'), the last one sorts them."""
    found = superlatives(q)
    return found[0][1] if len({sort[0] for _, sort in found}) > 1 else None


def levels_asked(q: str) -> list:
    """Tests on a level column the question states: 'bewijskracht zeer hoog' (exactly), 'lage kosten' (low or lower)."""
    from ingest.tables.records import level_of

    tests = []
    # a bound before the verb of a column ('dat hooguit gemiddeld kost'), and a level denied ('niet zwak onderbouwd')
    if m := re.search(rf"\b(?:hooguit|hoogstens|maximaal|at most|no more than)\s+({LEVEL_WORD})\s+(?:kost|kosten|costs?)\b", q):
        if (level := level_of(m.group(1))) is not None:
            tests.append(("cost", lambda v, n=level: v <= n))
    if re.search(r"\bniet (?:te |erg |heel |zo )?(?:zwak|slecht|matig) onderbouwd|\bnot (?:too |very )?(?:weakly|poorly) supported|"
                 r"\bgeen (?:zwak|zwakke|weinig) bewijs|\bnot (?:weak|little) evidence", q):
        tests.append(("evidence", lambda v: v >= 3))
    # how much evidence, in words rather than a level: 'nauwelijks bewijs', 'weinig onderbouwing', 'hardly any evidence'
    if not tests:
        if re.search(r"\b(?:weinig|nauwelijks|amper|bijna geen|(?:zeer |heel )?beperkt)\s+(?:\w+\s+)?(?:bewijs|onderbouwing)\b|"
                     r"\b(?:little|hardly any|barely any|scant|limited)\s+evidence\b", q, re.I):
            tests.append(("evidence", lambda v: v <= 2))
        elif re.search(r"\b(?:veel|stevig|solide|overtuigend)\s+(?:\w+\s+)?(?:bewijs|onderbouwing)\b|"
                       r"\b(?:lots of|plenty of|solid|convincing)\s+evidence\b", q, re.I):
            tests.append(("evidence", lambda v: v >= 4))
    if re.search(r"\bniet (?:te |erg |heel |zo )?duur\b|\bnot (?:too |very )?expensive\b", q):
        tests.append(("cost", lambda v: v <= 3))
    for role, terms in ROLE_TERMS.items():
        if any(r == role for r, _ in tests):
            continue
        m = re.search(rf"\b(?:minstens|ten minste|minimaal|at least)\s+((?:zeer |heel |very )?\w+)\s+(?:{terms}|onderbouwd|supported)", q)
        level = level_of(ADJECTIVE.get(m.group(1), m.group(1))) if m else None
        if level is not None and (role == "evidence") == bool(re.search(r"onderbouwd|supported|bewijs|evidence", m.group(0))):
            tests.append((role, lambda v, n=level: v >= n))  # 'minstens redelijk onderbouwd': that level or better
            continue
        m = re.search(rf"(?:{terms})\s*(?:van\s+|is\s+|:\s*|=\s*)?['‘\"“]((?:zeer |heel |very )?[\w]+)['’\"”]", q)
        level = level_of(m.group(1)) if m else None
        if level is not None:  # a quoted level is asked as written
            tests.append((role, lambda v, n=level: v == n))
            continue
        m = re.search(rf"\b(?:{terms})(?:\s+{FILLER}){{0,3}}\s+({LEVEL_WORD})\b(?:\s+({OR_MORE}|{OR_LESS})\b)?", q)
        level = level_of(m.group(1)) if m and role != "effect" else None
        if level is not None:  # the column first: 'kosten gemiddeld of meer', 'dat het bewijs ervoor laag is'
            more = bool(m.group(2) and re.fullmatch(OR_MORE, m.group(2)))
            less = bool(m.group(2) and re.fullmatch(OR_LESS, m.group(2)))
            tests.append((role, level_test(level, more, less)))
            continue
        m = re.search(rf"\b((?:zeer |heel |very )?(?:hoge?|lage?|sterke?|zwakke?|gemiddelde?|high|low|strong|weak|moderate))\s+(?:{terms})", q)
        if m:
            words = m.group(1).split()
            level = level_of(" ".join(words[:-1] + [ADJECTIVE.get(words[-1], words[-1])]))
            if level is not None:
                tests.append((role, level_test(level)))
    return tests


def level_test(level: int, more: bool = False, less: bool = False):
    """A level as a condition: 'of meer' that level or above, 'of minder' or below; a high level alone means that or higher,
    a low one that or lower, 'gemiddeld' exactly."""
    if more or not less and level >= 4:
        return lambda v: v >= level
    if less or level <= 2:
        return lambda v: v <= level
    return lambda v: v == level


def qualified_otherwise(q: str, hits: list[str], row: Row) -> bool:
    """Whether the question completes a partly matched name otherwise: the name goes on after the matched word with words the
    question does not use ('Instructie in schrijven'), and the question goes on there with a word of six letters or more
    the row never uses ('instructie in rekenstrategieën'). A different word before it is a paraphrase ('langere schooldag'
    for 'Verlengde schooldag') and does not count."""
    name = [t for t in re.findall(r"[a-z0-9]+", fold(row.name)) if t not in STOP]
    tokens = [t for t in re.findall(r"[a-z0-9]+", q) if t not in STOP]
    row_text = fold(" ".join(v for _, v in row.fields))
    for n, word in enumerate(name):
        if word not in hits or all(t in hits for t in name[n + 1:]):
            continue  # the name ends at the matched word, or all of the rest is matched
        for i, token in enumerate(tokens):
            if token == word or inflected(word, token) and len(word) >= 6:
                after = tokens[i + 1:i + 3]
                if any(len(t) >= 6 and t not in row_text and not any(inflected(t, w) for w in row_text.split()) for t in after):
                    return True
    return False


def wanted(question: str) -> tuple[list, tuple[str, bool] | None, int]:
    """Filters (role, test) and a sort (role, descending) asked for, and how many rows to list."""
    q = question.lower()
    sort = sort_asked(q)
    tests: list = levels_asked(q)
    roles = {role for role, _ in tests}
    if "cost" not in roles:
        if re.search(r"zeer goedko|kosteloos|gratis|kost\w* (?:bijna|vrijwel) ni(?:ets|ks)|(?:bijna|vrijwel) ni(?:ets|ks) kost|free of charge|"
                     r"no cost|costs? (?:almost )?nothing", q):
            tests.append(("cost", lambda v: v <= 1))
        elif re.search(r"goedko|weinig kost|kost\w* (?:maar |erg |heel |niet )?(?:weinig|veel)\b(?<!veel)|weinig geld|weinig budget|klein budget|"
                       r"cheap|low.cost|inexpensive|small budget", q) and sort != ("cost", False):
            tests.append(("cost", lambda v: v <= 2))
        elif re.search(r"\b(?:kosten|kost|prijs)\b.{0,25}\b(?:middenmoot|middelmatig)|\b(?:middenmoot|middelmatig)\b.{0,25}\b(?:kosten|kost|prijs)|"
                       r"\bgemiddeld (?:duur|geprijsd)|\b(?:average|mid-?range|middling) (?:cost|price)", q):
            tests.append(("cost", lambda v: v == 3))  # 'qua kosten in de middenmoot': the middle level
        elif re.search(r"\bdure (?:interventies|aanpakken|maatregelen)|expensive (?:interventions|approaches)|"
                       r"\b(?:zijn|is|are) (?:erg |heel |very |quite )?(?:duur|expensive)\b", q) and sort != ("cost", True):
            tests.append(("cost", lambda v: v >= 4))
    if "evidence" not in roles:
        if re.search(r"veel bewijs|goed onderbouwd|good evidence|well.supported", q):
            tests.append(("evidence", lambda v: v >= 4))
        elif re.search(r"weinig bewijs|little evidence|nauwelijks onderbouwd|poorly supported", q):
            tests.append(("evidence", lambda v: v <= 2))
    if re.search(r"achteruit|slechter (?:van )?(?:worden|gaan|presteren)|go(?:es)? backwards?|worse off|set(?:s)? (?:them )?back", q):
        tests.append(("effect", lambda v: v < 0))  # pupils lose ground: below nil, not nil
        sort = sort or ("effect", False)
    elif re.search(r"werkt niet|negatie[fv]|schadelijk|averechts|doesn.t work|does not work|harmful|negative|do harm|does harm", q):
        tests.append(("effect", lambda v: v <= 0))
        sort = sort or ("effect", False)
    elif NO_EFFECT.search(q):  # 'geen plus en geen min', 'maakt niks uit': the rows whose effect is nil
        tests.append(("effect", lambda v: v == 0))
    elif re.search(r"positie[fv]e? effect|positive effect|\bwel iets\b", q):
        tests.append(("effect", lambda v: v > 0))
    number = r"(\d+(?:[,.]\d+)?|" + "|".join(NUMBER_WORDS) + ")"
    def amount(text: str) -> float:
        return float(NUMBER_WORDS.get(text) or text.replace(",", "."))

    if m := re.search(rf"(?:minstens|ten minste|minimaal|at least)\s+{number}|{number}\s+(?:maanden?\s+)?(?:of meer|or more)\b", q):
        least = amount(m.group(1) or m.group(2))
        tests.append(("effect", lambda v, n=least: v >= n))
    elif m := re.search(rf"(?:meer dan|more than|boven de)\s+{number}", q):
        tests.append(("effect", lambda v, n=amount(m.group(1)): v > n))
    if m := re.search(rf"(?:onder de|minder dan|less than|under|below|fewer than)\s+{number}", q):
        tests.append(("effect", lambda v, n=amount(m.group(1)): v < n))
    elif m := re.search(rf"(?:hoogstens|maximaal|ten hoogste|at most)\s+{number}|{number}\s+(?:maanden?\s+)?(?:of minder|or less)\b", q):
        tests.append(("effect", lambda v, n=amount(m.group(1) or m.group(2)): v <= n))
    sectors = [code for pattern, code in SECTORS.items() if re.search(pattern, q)]
    if sectors and re.search(r"\b(?:alleen|uitsluitend|enkel|only|exclusively)\b", q):
        return tests + [("only_sector", sectors)], sort, listed(q)
    return tests + [("sector", sectors)] if sectors else tests, sort, listed(q)


NO_EFFECT = re.compile(r"\bgeen (?:enkel )?(?:effect|verschil)\b|\b(?:niks|niets) uit(?:maakt|maken)?\b|maakt (?:\w+ ){0,3}(?:niks|niets|geen verschil) uit|"
                       r"geen plus en geen min|\bnul effect|\bno (?:effect|difference)\b|\bzero effect|makes? no difference|(?:neither|no) plus (?:n?or|and) (?:no )?minus")


def listed(q: str) -> int:
    """How many rows the question asks for: 'top 3', 'de drie beste aanpakken', 'three interventions'; else five."""
    m = re.search(r"\btop[- ]?(\d+|" + "|".join(NUMBER_WORDS) + r")\b|\b(\d+|" + "|".join(NUMBER_WORDS) +
                  r")\s+(?:\w+\s+)?(?:interventies|aanpakken|maatregelen|interventions|approaches|measures)\b", q)
    if not m:
        return 5
    word = m.group(1) or m.group(2)
    return max(1, min(10, int(NUMBER_WORDS.get(word) or word)))


# Target groups as people name them, and the word an index's Doelgroep column uses for them.
TARGET_WORDS = {r"achterlop\w*|\bachterstand\b|met een achterstand|fallen behind|falling behind|lagging behind|(?:are|is|were|get) behind\b": "achterstand",
                r"\barme? gezin\w*|weinig geld|poor famil\w*|low.income\b": "weinig geld",
                r"achterstandswijk\w*|arme wijk\w*|probleemwijk\w*|(?:disadvantaged|deprived|poor) (?:neighbou?rhoods?|areas?|districts?)":
                    "achterstandswijk",
                r"anderstalig\w*|andere thuistaal|another (?:home )?language|non.native": "andere thuistaal",
                r"gedragsproblem\w*|behaviou?r(?:al)? problems": "gedragsproblemen"}
LIST_FORM = re.compile(r"^(?:en |and )?(?:welke|which|wat zijn|what are|noem|geef|list|name|(?:is|zijn) er|(?:is|are) there)\b|"
                       r"\bwelke\b|\bwhich\b|"
                       r"\b(?:what does|wat (?:noemt|bevat|geeft)) (?:the |de )?(?:interventie-?|intervention )?index\b|"
                       r"\b(?:staat|staan|zit|zitten) er\b.{0,30}\biets\b|\biets (?:wat|dat|waarbij)\b|\banything (?:that|which)\b|"
                       r"\bik zoek\b|\bwat past\b|\blooking for\b|"
                       r"\b(?:aanpakken|interventies|maatregelen|approaches|interventions|measures)\b|"
                       r"\bwat kan (?:ik|je|een|onze|de|we|men)\b.*\bdoen\b|\bwhat can\b.*\bdo\b", re.I)
TARGETED = re.compile(r"\b(?:(?:speciaal |specifiek )?bedoeld voor|speciaal voor|gericht op|aimed at|designed for|specifically for|"
                      r"intended for)\s+(?:de |het |een |the )?([^?,.;]+)", re.I)
# Words of six letters or more that a Doelgroep cell may hold but that name no group ('met weinig geld' is a group; 'kosten weinig' is not).
NOT_GROUP = {"weinig", "minder", "andere", "zonder", "tussen", "kosten", "budget", "effect", "bewijs"}
COMMON_GROUP = {"leerlingen", "kinderen", "scholen", "school", "ouders", "jongeren", "studenten", "pupils", "students", "children"}


# 'Is there anything for us', 'iets bruikbaars': what a school in a sector asks of the whole index.
FOR_US = re.compile(r"\b(?:iets|wat|welke|something|anything|what|which)\b.{0,60}\b(?:voor (?:ons|mij|onze|mijn)|for (?:us|me|our|my))\b|"
                    r"\b(?:bruikbaar|bruikbaars|geschikt|nuttig|useful|suitable|relevant)\b", re.I)


def describes_any(question: str, rows: list[Row]) -> bool:
    """Whether the question uses a word of five letters or more (other than how it asks, a sector or a group of pupils) that
    some row holds: then it describes an intervention rather than asking what the index has for a sector."""
    text, tokens = row_text(*rows, skip=("target",))
    words = [w for w in re.findall(r"[a-z0-9]+", fold(question)) if len(w) >= 5 and w not in ASKING and w not in VAGUE
             and not any(re.search(pattern, w) for pattern in SECTORS)]
    return any(holds_word(w, text, tokens) for w in words)


def select(question: str, rows: list[Row]) -> tuple[list[Row], bool]:
    """Rows filtered and sorted as the question asks; the flag says whether it asked for any."""
    tests, sort, count = wanted(question)
    words = [w for w in re.findall(r"[a-zà-ÿ]{6,}", question.lower())]
    targets = [w for w in words if w not in NOT_GROUP and 0 < sum(w in r.text("target").lower() for r in rows) < len(rows) / 2]
    if targets and re.search(r"\bvoor\b|\bfor\b", question.lower()):
        tests.append(("target", targets))
    elif m := TARGETED.search(question):  # 'speciaal bedoeld voor hoogbegaafde leerlingen': a group no row names is in no row
        everything = fold(" ".join(v for r in rows for _, v in r.fields))
        unknown = [w for w in re.findall(r"[a-zà-ÿ]{6,}", m.group(1).lower()) if w not in COMMON_GROUP and fold(w)[:6] not in everything]
        if unknown and not any(re.search(pattern, m.group(1).lower()) for pattern in SECTORS):  # a sector is a filter, not a group
            tests.append(("target", unknown))
    groups = [word for pattern, word in TARGET_WORDS.items() if re.search(pattern, question, re.I)]
    if groups and not any(role == "target" for role, _ in tests):
        tests.append(("target", groups))  # 'pupils who have fallen behind' -> 'leerlingen met achterstand'
    listing = bool(LIST_FORM.search(question))
    # A condition alone lists rows only when the question asks for several ('Welke … zijn goed onderbouwd?'); 'Hoe goed
    # onderbouwd is het om …' asks about one intervention, and 'gratis' in 'kinderen gratis laten ontbijten' describes it.
    explicit = bool(sort or listing and any(role not in ("sector", "only_sector") for role, _ in tests))
    if not explicit and tests and all(role in ("sector", "only_sector", "target") for role, _ in tests) and FOR_US.search(question):
        explicit = not describes_any(question, rows)  # 'staat er iets in de index voor ons mbo?': the sector is all it asks
    if not explicit and not re.search(r"^(welke|which|wat zijn|what are)\b.*(interventie|aanpak|intervention|approach)", question, re.I):
        return [], False
    chosen = []
    for row in rows:
        ok = True
        for role, test in tests:
            if role == "sector":
                ok &= bool(set(test) & set(row.passage.sectors))
            elif role == "only_sector":  # 'alleen voor het po': no other sector besides
                ok &= bool(row.passage.sectors) and set(row.passage.sectors) <= set(test)
            elif role == "target":
                ok &= any(t in row.text("target").lower() for t in test)
            else:
                value = row.value(role)
                ok &= value is not None and test(value)
        if ok:
            chosen.append(row)
    extreme = extreme_asked(question.lower())
    if extreme:  # 'van de aanpakken met het sterkste bewijs': only those with the highest level among the rows left
        values = [r.value(extreme[0]) for r in chosen if r.value(extreme[0]) is not None]
        if values:
            top = max(values) if extreme[1] else min(values)
            chosen = [r for r in chosen if r.value(extreme[0]) == top]
    role, descending = sort or level_order(tests) or ("effect", True)
    chosen.sort(key=lambda r: (r.value(role) is None, -(r.value(role) or 0) if descending else (r.value(role) or 0)))
    return chosen[:count], True


def level_order(tests: list) -> tuple[str, bool] | None:
    """With no order asked, rows asked for by their evidence alone come in that direction: 'nauwelijks bewijs' the weakest
    first, 'veel bewijs' the strongest; else None. (A cost is a condition: 'goedkope aanpakken' still lists the largest
    effects first, not the cheapest.)"""
    if [role for role, _ in tests if role not in ("sector", "only_sector")] != ["evidence"]:
        return None
    test = next(test for role, test in tests if role == "evidence")
    low, high = test(1), test(5)  # levels run from 1 ('zeer laag') to 5 ('zeer hoog')
    return ("evidence", high) if low != high else None


# What a 'hoeveel …' question counts, when no column of the index counts it ('hoeveel studies', 'hoeveel scholen').
COUNTED = re.compile(r"\b(?:hoeveel|how many|aantal|number of)\s+(?:(?:extra|meer|more|additional|verschillende|andere)\s+)?([a-zà-ÿ']{4,})", re.I)
IN_MONEY = re.compile(r"\beuro|€|\bin geld\b|per leerling|per pupil|per kind|per school|bedrag|amount|in money", re.I)


# The units an effect can be given in: asked in one the index's effect column does not use, the value is not there.
UNITS = {"sd": (r"standaarddeviatie|effectgrootte|cohen\W*s? d\b|effect ?size|standard deviation|\bsd\b", "effectgrootte in standaarddeviaties"),
         "percent": (r"procentpunt|percentage|procent|percent|%", "percentage"),
         "months": (r"maand|month", "aantal maanden")}


def units_in(text: str) -> set[str]:
    return {unit for unit, (pattern, _) in UNITS.items() if re.search(pattern, text, re.I)}


def missing_field(question: str, row: Row) -> str | None:
    """What a question asks about a named row that the index does not give, in Dutch; None when the row answers it.

    'Wat kost tutoring in euro's per leerling?' when the index gives cost as a level ('laag'); 'Op hoeveel studies is de
    bewijskracht gebaseerd?' when no column counts studies.
    """
    columns = " ".join(fold(c) for c, _ in row.fields)
    cost = row.text("cost")
    if re.search(r"\bkost|\bcost|prijs|price", question, re.I) and IN_MONEY.search(question) and cost and not re.search(r"\d", cost):
        return f"geen bedrag; de kosten staan er als niveau: '{cost}'"
    effect_column = row.roles.get("effect", "")
    asked, given = units_in(question) - {"months"}, units_in(effect_column)
    if asked and given and not asked & given:  # 'in standaarddeviaties' of an index that gives months
        return f"geen {UNITS[sorted(asked)[0]][1]}; het effect staat er in de kolom '{effect_column}': {row.text('effect')}"
    m = COUNTED.search(question)
    if m:
        noun = fold(m.group(1))
        stem = noun[:5]
        if (stem not in columns and not any(stem in fold(v) for _, v in row.fields) and noun not in NOT_COUNTED
                and not re.match(r"(?:maand|month|kost|cost|geld|euro)", noun)
                and not any(re.fullmatch(terms, noun) for terms in ROLE_TERMS.values())):  # 'hoeveel leerwinst' asks the effect
            return f"geen aantal {m.group(1)}"
    return None


def describe(row: Row, n: int, full: bool) -> str:
    """One row in an answer: its name and fields as written, with its citation marker."""
    skip = {row.roles.get("name")} | (set() if full else {row.roles.get("description"), row.roles.get("source")})
    values = " — ".join(f"{column}: {value}" for column, value in row.fields if column not in skip)
    return f"{row.name} — {values} [{n}]"


def according(question: str, title: str) -> str:
    """The frame of an answer from the index, in the question's language; the fields are quoted as the index writes them."""
    return f"According to the intervention index ({title}):" if is_english(question) else f"Volgens de interventie-index ({title}):"


def rows_answer(question: str, rows: list[Row], title: str) -> RecordAnswer:
    """Rows the question is about, each with all its fields and its citation marker."""
    lines = " ".join(describe(r, i, True) for i, r in enumerate(rows, 1))
    return RecordAnswer(f"{according(question, title)} {lines}", rows, combined=bool(LETTER_WORDS.search(question)))


def by_writer(question: str) -> tuple[str, str]:
    """The part of a question the index is asked and the part a letter's writer is asked ('Wat is het effect van X in de
    index, en hoeveel kinderen … volgens de Kamerbrief?'); the whole question for both unless it has parts of each kind."""
    parts = question_parts(question)
    own = [p for p in parts if not LETTER_WORDS.search(p)]
    asked = [p for p in parts if LETTER_WORDS.search(p)]
    return (" ".join(own), " ".join(asked)) if own and asked else (question, question)


def index_part(question: str) -> str:
    """The part of a question the index is asked (see by_writer)."""
    return by_writer(question)[0]


def missing_answer(question: str, row: Row, title: str) -> RecordAnswer | None:
    """When the row is there and the value the index is asked for is not: say so, and what the row does give; else None."""
    missing = missing_field(index_part(question), row)
    if not missing:
        return None
    shown = describe(row, 1, True).rsplit(" [1]", 1)[0]
    return RecordAnswer(f"De interventie-index ({title}) geeft voor {row.name} {missing}. Wel staat er: {shown}.", [], absent=row.name)


def answer_from_records(question: str, passages, filters: Filters | None = None, retrieved: list[Passage] | None = None,
                        history: list[str] | None = None) -> RecordAnswer | None:
    """The index's answer to a question, or None when the question is not about an index. `history` holds the earlier
    questions: a follow-up that only asks a field of 'that' is about the rows the one before it listed."""
    rows = rows_of(passages, filters)
    if not rows:
        return None
    title = rows[0].passage.record["file_name"]
    if listed_before := rows_listed_before(question, rows, history or []):
        own = before_subject(question).rstrip(" ?") + "?"
        missing = missing_answer(own, listed_before[0], title) if len(listed_before) == 1 else None
        return missing or rows_answer(own, listed_before, title)
    english = is_english(question)
    about = named(question, rows) if INDEX_WORDS.search(question) else []  # a letter question that names a topic stays with the letters
    if about and not re.search(r"welke|which|wat zijn|what are", question, re.I):
        return missing_answer(question, about[0], title) or rows_answer(question, about, title)
    chosen, asked = select(question, rows)
    if asked and INDEX_WORDS.search(question):
        if not chosen:
            none = (f"No intervention in the intervention index ({title}) meets this." if english else
                    f"Geen enkele interventie in de interventie-index ({title}) voldoet hieraan.")
            return RecordAnswer(none, [], absent="")
        lines = [f"{i}. {describe(r, i, False)}" for i, r in enumerate(chosen, 1)]
        return RecordAnswer(f"{according(question, title)}\n" + "\n".join(lines), chosen)
    if about:
        return rows_answer(question, about, title)
    # Asked about the index and nothing in it named, selected or described: absent. A Dutch question only shaped like one ('Wat
    # levert X op en wat kost het?') counts too, unless it asks a letter's writer (an English description is not matched on words).
    shaped = index_shaped(question) and not english and not LETTER_WORDS.search(question)
    if MENTIONS_INDEX.search(question) or shaped:
        m = ABSENT_SUBJECT.search(question)
        subject = next((g for g in m.groups() if g), "").strip(" ?") if m else ""
        content = content_words(subject)
        named_subject = subject if content else None  # a form named it ('iets over prestatiebeloning'): only it must be described
        if not content:  # 'wat kost het?': the subject stands elsewhere in the question
            subject = subject_sentence(question)
            content = content_words(subject)
        if not content:
            return None  # nothing but asked fields ('het effect en de kosten daarvan'): the passages answer, not a claim
        # 'judoles' or 'de VoorleesExpress' is in no row, whatever else the question says
        everything = row_text(*rows)
        activity = other_activity(question, *everything) or unknown_name(question, *everything) or unknown_term(question, everything[0])
        described = None if activity else described_row(question, retrieved or [], about=named_subject)
        if described:
            return described  # described rather than named: 'leerlingen die elkaar uitleg geven'
        if not activity and named_subject is None and leading_row_named(content, retrieved or []):
            return None  # 'laten ontbijten' and the Schoolontbijt row found first: the passages answer, not a claim
        subject = activity or subject  # 'schaakles', not 'krijgen groepen schaakles'
        if english:
            return RecordAnswer(f"'{subject}' is not in the intervention index ({title}).", [], absent=subject)
        return RecordAnswer(f"'{subject}' staat niet in de interventie-index ({title}).", [], absent=subject)
    return None


def rows_listed_before(question: str, rows: list[Row], history: list[str]) -> list[Row]:
    """The rows the earlier question listed ('Welke interventie is bedoeld voor leerlingen met een andere thuistaal?'), when this
    rewritten follow-up only asks a field of them ('En hoe sterk is het bewijs daarvoor?'); else []. Its subject is the rows
    the earlier answer named, which the earlier question itself does not name."""
    if not history or " (over: " not in question:
        return []
    own = before_subject(question)
    if [w for w in content_words(own) if w not in VAGUE] or not REFERS_BACK.search(own):
        return []  # 'En voor het mbo?' or 'Hoe duur is zomerschool?': a subject of its own
    listed, asked = select(history[-1], rows)
    return listed if asked and INDEX_WORDS.search(history[-1]) else []


# A follow-up that refers to what was just answered ('daarvoor', 'dat', 'die aanpak', 'it').
REFERS_BACK = re.compile(r"\b(?:daar\w*|dat|die|deze|dit|het|ervan|hiervan|hiervoor|that|it|those|these|this|them)\b", re.I)


def content_words(text: str) -> list[str]:
    """The words of four letters or more that say what a subject is, not how it is asked ('effect', 'kost', 'welke')."""
    return [w for w in re.findall(r"[a-z0-9]+", fold(text)) if len(w) >= 4 and w not in ASKING and w not in STOP]


def holds_word(word: str, text: str, tokens) -> bool:
    """Whether folded text holds a word by its first five letters or inflected ('klassen'/'klas') as one of its tokens."""
    return word[:5] in text or any(inflected(word, t) for t in tokens)


def subject_sentence(question: str) -> str:
    """What an index question is about when no form names it: its first sentence without the words of asking."""
    first = re.split(r"(?<=[.?!])\s+", question.strip())[0]
    skip = ASKING | VAGUE if is_english(question) else ASKING  # 'kind' is vague in English, a child in Dutch
    words = [w for w in re.findall(r"[\w'-]+", first) if fold(w) not in skip and fold(w) not in STOP and len(w) >= 4]
    return " ".join(words)


def leading_row_named(words: list[str], retrieved: list[Passage]) -> bool:
    """Whether a row among the first three retrieved has a name that shares a distinctive word (its stem) with these words."""
    for row in rows_of([p for p in retrieved[:3] if p.record]):
        name = fold(row.name)
        if any(len(w) >= 5 and w not in GENERIC and w not in LIGHT_VERBS and holds_word(w, name, name.split()) for w in words):
            return True
    return False


# Words a question about a row uses that say nothing about which row: the asked fields, verbs and adverbs of asking.
ASKING = set("""effect effecten kosten kost kostte bewijs bewijskracht onderbouwing maanden maand vooruitgang leervooruitgang winst opbrengst oplevert
daarvan daarover daarmee zoiets extra sterk
levert leveren opleveren interventie interventies aanpak index volgens zegt geeft heeft hebben hoeveel welke waarom wanneer willen
wilt laten kunnen moeten zouden zoude worden eigenlijk echt werkelijk zinvol precies ongeveer beter goed extra duur goedkoop scholen
school onze leerling leerlingen kinderen klassen zoiets zo'n daarvan daarvoor overwegen invoeren inzetten doen about which would
should really worth does effective evidence cost costs months progress index intervention school schools pupils students children
onderzoek verstandig research verwachten verwacht expect expected""".split())


# English words that say nothing about which approach is meant ('things', 'something').
VAGUE = {"things", "thing", "something", "anything", "stuff", "approach", "approaches", "programme", "programs", "program",
         "programmes", "intervention", "interventions", "kind", "sort", "there", "their", "these", "those", "about", "according",
         "much", "make", "makes", "with", "give", "gives", "does", "what", "index", "say", "says", "work", "works", "help", "helps"}


def describes(question: str, row: Row) -> float:
    """How well the question describes this row (0 when it does not): the row holds every word of five letters or more with which the question says
    what it is about, or, for a description in many words, at least two of them and a quarter. A short name none of whose
    words the row holds ('een taalklas voor nieuwkomers') is another intervention."""
    text, row_words = row_text(row, skip=("source",))  # 'Onderwijskennis' describes no intervention
    subject = [w for w in re.findall(r"[a-z0-9]+", fold(question)) if len(w) >= 5 and w not in ASKING and w not in CONNECTIVES]
    covered = [w for w in subject if holds_word(w, text, row_words)]
    name = [t for t in re.findall(r"[a-z0-9]+", fold(row.name)) if t not in STOP]
    if qualified_otherwise(fold(question), [t for t in name if t in covered or t in subject], row):
        return 0.0  # 'instructie in rekenstrategieën' is not 'Instructie in schrijven'
    if other_activity(question, text, row_words):
        return 0.0  # 'schaakles' for a row on 'lezen of rekenen': a kind of lesson the row does not hold
    fits = bool(covered) and (len(covered) == len(subject) or len(subject) >= 4 and len(covered) >= max(2, len(subject) / 4))
    return len(covered) / len(subject) if fits else 0.0


# The heads of words and phrases that name a kind of activity by what it is about ('schaakles', 'yogalessen', 'outdoor learning').
ACTIVITY_HEADS = ("lessen", "les", "trainingen", "training", "cursussen", "cursus", "club", "clubs", "kamp", "therapie", "methode")
ENGLISH_ACTIVITY = re.compile(r"\b([a-z]{4,}) (?:lessons?|classes|learning|club|clubs|training|camps?|therapy|programmes?|programs?)\b")


def row_text(*rows: Row, skip: tuple[str, ...] = ()) -> tuple[str, set[str]]:
    """The rows' fields as one folded text, and its words; without the columns playing the roles in `skip`."""
    text = fold(" ".join(v for row in rows for column, v in row.fields if column not in {row.roles.get(role) for role in skip}))
    return text, set(re.findall(r"[a-z0-9]+", text))


def other_activity(question: str, text: str, row_words: set[str]) -> str | None:
    """The kind of activity a question names by a word the row (or index) does not hold, or None: a Dutch compound on a
    head such as 'les' or 'training' whose first part (four letters or more) the row lacks ('schaakles'), or an English
    word before 'lessons', 'learning', 'club' that has no Dutch in the glossary and that the row lacks ('outdoor learning')."""
    for word in re.findall(r"[a-z]+", fold(question)):
        head = next((h for h in ACTIVITY_HEADS if word.endswith(h) and len(word) - len(h) >= 4), None)
        if head and not holds_word(word, text, row_words) and not holds_word(word[:-len(head)], text, row_words):
            return word
    if is_english(question):
        from assistant.answer.translate import untranslated

        unknown = set(untranslated(question))
        return next((m.group(0) for m in ENGLISH_ACTIVITY.finditer(fold(question))
                     if m.group(1) in unknown and not holds_word(m.group(1), text, row_words)), None)
    return None


# A programme's own name: a word with a capital inside ('VoorleesExpress', 'BoekStart'), or capitalised after an article
# ('de Kanjertraining', 'the Reading Express'); not a place after 'in', nor a source the documents hold ('de SER').
PROGRAMME_NAME = re.compile(r"\b[A-Z]?[a-z]+[A-Z][A-Za-z]+\b|\b(?:de|het|een|the|a|an) ([A-Z][\w-]{3,}(?: [A-Z][\w-]+)*)")


def unknown_name(question: str, text: str, row_words: set[str]) -> str | None:
    """A programme the question names by a name no row holds ('de VoorleesExpress'), or None."""
    for m in PROGRAMME_NAME.finditer(question):
        name = m.group(1) or m.group(0)
        if any(source.pattern.search(name) for source in SOURCES) or re.fullmatch(r"[A-Z]+", name):
            continue
        parts = [w for w in re.findall(r"[a-z0-9]+", fold(name)) if len(w) >= 4]
        if parts and not any(w in text for w in parts):  # a name whole: 'voorleesexpress' is not 'voorleesmateriaal'
            return name
    return None


def unknown_term(question: str, text: str) -> str | None:
    """A hyphenated term for an approach that no row holds, neither whole nor by any part of four letters or more
    ('co-teaching'), or None. 'vo-scholen' or 'sociaal-emotioneel' have a part the index holds."""
    for m in re.finditer(r"(?<![\w-])([a-zà-ÿ]{2,}(?:-[a-zà-ÿ]{2,})+)(?![\w-])", fold(question)):
        term = m.group(1)
        if term not in text and not any(part in text for part in re.findall(r"[a-z]{4,}", term)):
            return term
    return None


def described_row(question: str, retrieved: list[Passage], about: str | None = None) -> RecordAnswer | None:
    """An intervention described rather than named ('oudere leerlingen uitleg laten geven aan jongere'): when retrieval puts
    a row first and the question asks what the index gives (effect, cost, evidence, use), that row answers. `about` is the
    subject the question names, when a form names it ('iets over prestatiebeloning voor leraren'): only it must be described."""
    if not INDEX_WORDS.search(question):
        return None
    # rows among the first three retrieved passages; describes() decides whether the question is about one of them
    leading = [p for p in retrieved[:3] if p.record]
    if is_english(question):  # an English description is matched by its Dutch words, and by those it has no Dutch for
        from assistant.answer.translate import untranslated, to_dutch

        english = about or question
        unknown = [w for w in untranslated(english) if len(w) >= 4 and w not in ASKING and w not in VAGUE]
        about = " ".join([to_dutch(english), *unknown])  # 'gifted pupils' is no row that only says 'leerlingen'
        if len([w for w in re.findall(r"[a-z]+", fold(about)) if len(w) >= 5 and w not in ASKING]) < 2:
            return None  # one Dutch word ('lessen' for 'yoga lessons') describes no row
    else:  # a teacher's words for what happens in class, with the words an index uses for them ('sommen' -> 'rekenen')
        from assistant.answer.everyday import in_index_words

        about = in_index_words(about or question)
    scored = [(0.0 if is_english(question) and other_activity(question, *row_text(r)) else describes(about or question, r), -i, r)
              for i, r in enumerate(rows_of(leading))]
    best = max(scored, key=lambda x: x[:2], default=(0.0, 0, None))
    row = best[2] if best[0] > 0 else None  # the best described of the leading rows, the first of equals
    if row is None:
        return None  # 'een taalklas voor nieuwkomers' is not the first row found: it may not be in the index at all
    title = row.passage.record["file_name"]
    return missing_answer(question, row, title) or rows_answer(question, [row], title)


def citations_for(answer: RecordAnswer) -> list[Citation]:
    """One citation per row; the quote is the row's whole text, which stands verbatim in the stored document."""
    return [Citation(i, row.passage, row.passage.text, row.passage.start, row.passage.end) for i, row in enumerate(answer.rows, 1)]


def apply_records(turn, passages, letters=None) -> None:
    """The chain's hook: when the question is about an index, answer from its rows. When it asks a letter too, the letters'
    citations are kept: the answer to the part that asks a letter's writer (`letters` answers a question from the letters'
    passages), or to the whole question when it has no such part."""
    answer = answer_from_records(turn.standalone, passages, turn.filters, turn.passages, turn.history)
    if answer is None:
        answer = described_row(turn.standalone, turn.passages)
    if answer is None:
        return
    if answer.absent is not None:
        turn.supported, turn.citations, turn.reason = False, [], answer.text
        return
    citations = citations_for(answer)
    text = answer.text
    own, asked = by_writer(turn.standalone)
    if answer.combined and letters is not None and asked != turn.standalone:
        # read as a follow-up of the index part: '… en wat doet het kabinet daaraan?' is about the index part's subject
        draft = letters(standalone(asked, [own]))
        letter_citations = draft.citations if draft.supported else []
    else:
        letter_citations = turn.citations if answer.combined and turn.supported else []
    if letter_citations:
        seen = {c.passage.id for c in citations}
        for c in letter_citations:
            if not c.passage.record and c.passage.id not in seen:
                seen.add(c.passage.id)
                citations.append(Citation(len(citations) + 1, c.passage, c.quote, c.start, c.end))
        quoted = citations[len(answer.rows):]
        if quoted:
            text += "\n\n" + " ".join(f"Volgens {c.label}: {c.quote} [{c.n}]" for c in quoted)
    ids = {r.passage.id for r in answer.rows}
    turn.passages = [replace(r.passage) for r in answer.rows] + [replace(p) for p in turn.passages if p.id not in ids]
    for rank, p in enumerate(turn.passages, 1):
        p.rank = rank  # copies: the snapshot's passages are shared between questions
    turn.text, turn.citations, turn.supported = text, citations, True
    turn.evidence = max(turn.evidence, 1.0)
