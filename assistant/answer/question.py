"""What kind of question this is: language, expected answer type, named sources, and follow-ups made standalone."""
from __future__ import annotations

import re

from assistant.answer.sources import SOURCES, named_sources
from ingest.index.lexical import words

MAX_QUESTION_CHARS = 2000  # a question, not a document: longer input is refused before any search
ENGLISH = set("the what how many much which who when why does do is are was were of for to in on with already get "
              "a an again about say says said there this that these those from by and or not any can could would should will has have "
              "their they it its our you your my i than then also only still as at if but".split())
DUTCH = set("de het een wat hoe hoeveel welke wie wanneer waarom is zijn wordt worden van voor naar in op met er "
            "en niet ook dat dit deze bij om te aan kan kunnen moet moeten heeft hebben nog ik je jij we wij ze zij mijn onze als maar "
            "dan geen waar daar hier wel".split())
FIGURE = re.compile(r"\b(hoeveel|hoe hoog|hoe groot|hoe duur|welk bedrag|wat kost|wat kosten|welk percentage|how (many|much)|what does .* cost)\b", re.I)
FIGURE_WORDS = re.compile(r"\b(bedrag|budget|kost|kosten|miljoen|miljard|euro|aantal|percentage|procent|amount|cost)\b", re.I)
DATE = re.compile(r"\b(wanneer|sinds|vanaf|per wanneer|tot wanneer|welk jaar|welke datum|datum|deadline|termijn|when|since|which year|until)\b", re.I)
WHO = re.compile(r"\b(wie|welke minister|welke organisatie|who|which organi[sz]ation)\b", re.I)
HOWTO = re.compile(r"\b(wat kan|wat kunnen|hoe kan|hoe kunnen|hoe maak|wat moet|wat doe|wat te doen|hoe zorgen|hoe vangen|what can|how can|how do|how should)\b", re.I)
LIST = re.compile(r"\b(welke (vijf|vier|drie|twee|zes|maatregelen|terreinen|acties|stappen|aanbevelingen)|noem|what are|which)\b", re.I)
YESNO = re.compile(r"^\s*(is|zijn|mag|mogen|moet|moeten|kan|kunnen|krijgt|krijgen|komt|komen|gaat|gaan|geldt|wordt|worden|heeft|hebben|klopt|"
                   r"werkt|helpt|bestaat|blijft|verandert|telt|loont|staat|zit|zijn|doet|doen|"
                   r"does|do|is|are|can|will|should|has|have)\b", re.I)
MEMO = re.compile(r"\b(citaat|citeren|citeer|letterlijke?|zin voor (?:mijn|een|de|ons) (?:memo|nota|notitie)|zin (uit|waarmee|waaruit|waarin|die)|welke zin|(pakkende|korte|sterke|goede|heldere) (zin|uitspraak)|"
                  r"passage (waaruit|waarin|die)|onderbouwen|quote|quotable|verbatim|cite|citation|sentence (that|which|from))\b", re.I)
# The frame of a memo request around its claim: 'Geef een citaat waaruit blijkt dat <claim>', 'Met welke zin kan ik onderbouwen
# dat <claim>?', 'Ik wil letterlijk citeren dat <claim>. Welke zin kan ik gebruiken?'.
CLAIM = re.compile(r"\b(?:waaruit blijkt|waarin (?:staat|wordt gezegd|(?:[\w-]+ ){0,3}(?:zegt|schrijft|stelt))|die zegt|dat zegt|onderbouwen|citeren|laten zien|aantonen|betogen|beweren|stellen|"
                   r"aangeven|benadrukken|duidelijk maken|zeggen|beginnen met de gedachte|make the point|states?|shows?|showing|which says|that says|saying|supports? the (?:claim|idea|point)|to show|argue|claim|"
                   r"backing the claim|supporting the claim|to say)\s*(?:,\s*)?"
                   r"(?:dat|that)\s+(.+?)(?:(?:[.?!]\s+[A-Z]|[;:]\s).*)?[.?!]?\s*$", re.I | re.S)
CLAIM_ABOUT = re.compile(r"\b(?:citaat|zin|passage|quote|sentence)\b[^.?!]*?\b(?:over|about|on)\s+(?:(?:dat|that)\s+)?(.+?)[.?!]?\s*$",
                         re.I | re.S)
# … or none of those verbs: 'een quote voor een nota dat <claim>', 'een zin voor mijn memo dat <claim>'
CLAIM_AFTER = re.compile(r"\b(?:citaat|zin|passage|quote|sentence|uitspraak)\b[^.?!]*?\b(?:dat|that)\s+(.+?)[.?!]?\s*$", re.I | re.S)


def memo_claim(question: str) -> str:
    """What a memo request asks a sentence for, without the request around it ('' for other questions)."""
    if not MEMO.search(question):
        return ""
    m = CLAIM.search(question) or CLAIM_ABOUT.search(question) or CLAIM_AFTER.search(question)
    return m.group(1).strip() if m else ""


CONNECTIVE = re.compile(r"^\s*(?:en|maar|ook|oké\.?|ok\.?|and|but|what about|hoe zit het (?:dan )?met|en hoe zit het met)\b[\s,]*", re.I)
TOPIC_CHANGE = re.compile(r"^\s*(?:oké\.?\s*|ok\.?\s*)?(?:iets (?:heel )?anders|andere vraag|ander onderwerp|los daarvan|nieuwe vraag|"
                          r"something else|another question|different topic|new question)\s*[:,.-]\s*", re.I)
ANAPHORA = re.compile(r"\b(dat|dit|deze|die|hij|zij|ze|hun|haar|het programma|die regeling|it|that|this|they|those|there|their|its)\b", re.I)
# Words before a source a follow-up names ('En de SER?', 'En wat zegt de VO-raad?', 'And the SER?').
SOURCE_LEAD = r"(?:(?:en|and|maar|but|wat zegt|wat vindt|what about|volgens)\s+)*"
POINTER = re.compile(r"\b(daar\w*|hier\w*|zo'n|such an?|that one)\b", re.I)  # unambiguous pointers back
QUESTION_WORDS = re.compile(r"^\s*(?:(?:met|voor|aan|in|op|van|vanaf|sinds|per|tegen|bij|door|naar|over|tot|with|for|in|to|since|from|until)\s+)?(?:wat|hoe|hoeveel|wanneer|wie|welke?|waarom|waar|waaraan|waarvoor|what|how|when|who|which|why|where)\b", re.I)
SECTOR_WORDS = re.compile(r"\b(funderend onderwijs|basisscholen|basisschool|primair onderwijs|po|voortgezet onderwijs|middelbare scholen|middelbare school|vo|"
                          r"mbo|hbo|wo|hoger onderwijs|universiteit(?:en)?|vve|voorschoolse educatie|praktijkonderwijs|vmbo|havo|vwo|"
                          r"primary schools?|primary education|secondary schools?|secondary education|vocational (?:schools?|education)|"
                          r"higher education|universit(?:y|ies))\b(?!-)", re.I)  # not 'mbo-scholen'


YEAR = re.compile(r"\b(?:19|20)\d\d\b")
HOE_ADJECTIVES = r"hoog|hoge|groot|grote|lang|lange|veel|vaak|duur|laat|snel|breed|ver|zwaar"
# Verbs right after a question word that say who says, has or does something, not what happens: not part of the subject.
PLAIN_VERBS = ("is|zijn|was|waren|wordt|worden|werd|werden|doet|doen|deed|gaat|gaan|ging|krijgt|krijgen|kreeg|kregen|kost|kosten|heeft|hebben|had|"
               "bedraagt|bedroeg|bedragen|zegt|zei|zeiden|schrijft|schreef|schreven|vindt|vond|adviseert|adviseerde|noemt|noemde|verandert|"
               "bedoelt|wil|wilt|wilde|kan|kunnen|kon|moet|moeten|moest|raadt|staat|loopt|stelt|stelde|reageert|reageerde|"
               "hadden|does|do|is|are|did|will|can|was|were|says|said|goes|go|went|gets|get|got|has|have|had|costs|cost")


# Where a question joins two questions: 'Wat adviseert de SER, en wat doet het kabinet?', '…; …', '…? …'.
PARTS = re.compile(r"[;?]\s+|,?\s+(?:en|and|maar|but)\s+(?=(?:(?:met|voor|aan|in|op|van|bij|door|naar|over|tot|with|for|to|from|on|by)\s+)?"
                   r"(?:wat|hoe|hoeveel|welke?|wie|wanneer|waar|waarom|what|how|which|who|when|where|why|does|do|is|are)\b)", re.I)


def question_parts(question: str) -> list[str]:
    """The questions a question joins, in order (one part for a single question)."""
    return [p.strip() for p in PARTS.split(question) if p.strip()]


def asks(text: str) -> bool:
    """Whether a part of a question asks something (a question word or a yes/no verb first), not a remark beside it."""
    text = CONNECTIVE.sub("", text)
    return bool(QUESTION_WORDS.match(text) or YESNO.match(text) or re.match(r"^\s*(?:noem|geef|list|name|give)\b", text, re.I))


class QuestionRejected(ValueError):
    """A question that is not asked at all (empty) or is too long to be one."""


def check_question(question: str) -> str:
    """The question, stripped; raises QuestionRejected with the reason."""
    text = (question or "").strip()
    if not text:
        raise QuestionRejected("the question is empty")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionRejected(f"the question is {len(text)} characters long; at most {MAX_QUESTION_CHARS} are read")
    return text


# A question from someone at a school about their own practice: 'Wat kunnen wij doen …', 'Mag ik als mentor …', 'How can our school …'.
FIRST_PERSON = re.compile(r"\b(ik|mij|mijn|wij|we|ons|onze|i|me|my|our)\b", re.I)


def is_practical(question: str) -> bool:
    """A question about what a school or teacher can do or may do, in the first person or as 'what can / how can'."""
    return bool(FIRST_PERSON.search(question) or HOWTO.search(question))


def before_subject(question: str) -> str:
    """A rewritten follow-up's own words: what stands before the earlier subject that standalone() adds as '(over: …)'; any
    other question whole."""
    return question.split(" (over: ", 1)[0]


def is_english(question: str) -> bool:
    """A rough language guess from function words; of a rewritten follow-up, from the user's own words, not the earlier
    subject added to them ('And how much does it cost (over: interventie … met een andere thuistaal)?' is English)."""
    own = before_subject(question)
    tokens = re.findall(r"[a-zA-Z']+", (own if len(re.findall(r"[a-zA-Z']+", own)) >= 2 else question).lower())
    return sum(t in ENGLISH for t in tokens) > sum(t in DUTCH for t in tokens)


def answer_type(question: str) -> str:
    """What the question asks for: memo, figure, date, who, howto, list, yesno or open."""
    if MEMO.search(question):
        return "memo"
    if FIGURE.search(question):
        return "figure"
    if DATE.search(question):
        return "date"
    if WHO.search(question):
        return "who"
    if HOWTO.search(question):
        return "howto"
    if FIGURE_WORDS.search(question) and not YESNO.search(question):
        return "figure"
    if LIST.search(question):
        return "list"
    if YESNO.search(question):
        return "yesno"
    return "open"


def search_text(question: str, english: bool | None = None) -> str:
    """The text the lexical side searches: an English question gets its Dutch terms added, a Dutch one the letters' words
    for its everyday words ('de juf' -> 'leraar'). `english` is the language of the whole question when only a part of it
    is searched (a memo request's claim has too few function words to tell)."""
    if is_english(question) if english is None else english:
        from assistant.answer.translate import to_dutch

        return f"{question} {to_dutch(question)}"
    from assistant.answer.everyday import everyday_terms

    extra = everyday_terms(question)
    return f"{question} {extra}" if extra else question


def last_sentence(question: str) -> str:
    """The asking sentence of a question with context before it ('Wij zijn een vo-school. Krijgen we …?' -> 'Krijgen we …?')."""
    return re.split(r"(?<=[.!?])\s+(?=[A-Z])", question.strip())[-1]


def subject_of(question: str) -> str:
    """What a question is about: the question without its leading interrogative clause ('Wat doet het kabinet aan X?' -> 'het kabinet aan X')."""
    text = re.sub(r"\(over: ([^()]*)\)", r"\1", question.strip())  # an earlier follow-up's subject is part of this one
    text = TOPIC_CHANGE.sub("", CONNECTIVE.sub("", text)).rstrip(" ?.!")
    m = QUESTION_WORDS.match(text)
    if m:
        text = text[m.end():]
        if m.group(0).lower().endswith(("hoe", "how")):  # 'Hoe hoog is de basisbeurs' is about the basisbeurs
            text = re.sub(r"^\s*(?:" + HOE_ADJECTIVES + r"|many|much|long|high|large)\b", "", text, count=1, flags=re.I)
        # what a figure question asks for ('Hoeveel geld krijgen …', 'How much money does …')
        text = re.sub(r"^\s*(?:(?:much|many)\s+)?(?:(?:extra|meer|more)\s+)?(?:geld|euro|budget|subsidie|procent|money|funding)\b", "", text,
                      count=1, flags=re.I)
        # a unit of time or frequency it counts, with what it is per ('Hoeveel uur per week krijgen peuters …' is about the
        # peuters' voorschoolse educatie: 'Wie betaalt dat?' does not pay the hours)
        text = re.sub(r"^\s*(?:many\s+)?(?:uur|uren|dagen|dagdelen|weken|maanden|jaar|jaren|keer|hours|days|weeks|months|years|times)\b"
                      r"(?:\s+(?:per|a|an|each)\s+[\w-]+)?", "", text, count=1, flags=re.I)
        # The finite verb right after the question word when it only says who says or has something ('doet', 'schreef', 'is');
        # a verb of what happens stays ('Wat gebeurt er met de indicator' -> 'gebeurt er met de indicator': 'Wanneer?' asks that).
        text = re.sub(r"^\s*(?:" + PLAIN_VERBS + r")\b(?:\s+(?:er\s+(?:aan|over|om|mee|voor)?|there(?:\s+for)?\b))?", "", text, count=1, flags=re.I)
    elif m := YESNO.match(text):  # 'Komt er een maximum voor …' is about a maximum; 'Kan hij niet …' about what he cannot
        text = re.sub(r"^\s*(?:er|there|het|it)\b", "", text[m.end():], count=1, flags=re.I)
    return text.strip(" ,")


def is_followup(question: str, previous: str | None = None) -> bool:
    """A question that leans on the one before ('En voor het mbo?', 'Wanneer?', 'Wat doet de overheid daaraan?')."""
    if TOPIC_CHANGE.match(question):
        return False
    content = words(question)
    if len(content) <= 1:
        return True
    if POINTER.search(CONNECTIVE.sub("", question)) and len(content) <= 7:
        return True  # 'daarvoor', 'hierover', "zo'n bureau": it points back
    # A source is no subject: 'En wat kiest de minister in de Kamerbrief?' and 'En wanneer komt de minister met plannen om dat te
    # verbeteren?' ask about the earlier subject.
    sources = [src for src in SOURCES if src.pattern.search(question)]
    text = without_sources(question, sources) if sources else question
    own = own_subject(text, previous)
    if ANAPHORA.search(CONNECTIVE.sub("", question)) and len(content) <= 7:
        # 'dat', 'die' may point back ('Hoe kan dat?', 'Wie betaalt die?') or join a clause ('onderbouwen dat talent …', 'jongeren
        # die …'): a short question points back; a longer one only when it brings fewer than two subjects of its own.
        length = len(re.findall(r"[\w'-]+", question))
        return length <= 8 or len(own) < 2 and length <= 12
    if CONNECTIVE.match(question):
        # 'En in het vo?' leans on the last question; 'En wat zegt de SER over het lerarentekort?' brings its own subject.
        new = [w for w in words(text) if len(w) >= 4 and (previous is None or w not in words(previous))]
        return len(new) <= 2 and not (sources and own)
    # Three words or fewer lean on the earlier question ('Hoeveel kost dat?', 'Wie betaalt?'), unless one of them is a subject of
    # its own: 'Hoeveel geld ging er in 2022 naar het leerplusarrangement?' after a question on stages asks the leerplusarrangement.
    return len(content) <= 3 and not any(len(w) >= 12 for w in own)


def own_subject(question: str, previous: str | None) -> list[str]:
    """Words of the question that the earlier one does not share: long ones (eight letters or more, no common stem) and names."""
    earlier = words(previous) if previous else []
    own = [w for w in words(question) if len(w) >= 8 and not any(shares_stem(w, e) for e in earlier)]
    names = [m.group(0) for m in re.finditer(r"(?<=\w )[A-Z][\w-]+|\b[A-Z]{2,}[\w-]*", question)
             if m.group(0).lower() not in (previous or "").lower()]
    return own + names


def shares_stem(a: str, b: str, size: int = 6) -> bool:
    """Whether two words share a run of `size` letters ('geselecteerd' and 'selecteren')."""
    return any(a[i:i + size] in b for i in range(len(a) - size + 1))


def standalone(question: str, previous: list[str]) -> str:
    """A follow-up written out with what it leans on, without an LLM; a new subject in the follow-up wins.

    `previous` holds the earlier questions of the conversation, oldest first, each as the user typed it.
    """
    resolved = ""
    for earlier in previous:
        resolved = _resolve(earlier, resolved)
    return _resolve(question, resolved)


def _resolve(question: str, before: str) -> str:
    text = question.strip()
    if TOPIC_CHANGE.match(text):
        return TOPIC_CHANGE.sub("", text).strip()
    if not before or not is_followup(text, before):
        if not re.match(r"^\s*(?:en|maar|ook|and|but)\b", text, re.I):
            return text
        own = CONNECTIVE.sub("", text).strip()
        return with_earlier_source(own[:1].upper() + own[1:], before) if own else text
    own = CONNECTIVE.sub("", text).strip()
    own = own[:1].upper() + own[1:] if own else own
    subject = subject_of(before)
    if SECTOR_WORDS.search(own):  # 'En in het mbo?', 'Geldt dat ook voor het praktijkonderwijs?': the new sector replaces the old
        subject = without_sector(subject)
    base = re.sub(r"\s*\(over: ([^()]*)\)", r" \1", before).rstrip(" ?")  # the earlier question, its '(over: …)' written in
    asked = named_sources(own)
    if asked:  # 'En de SER?', 'Wat zegt de VO-raad daarover?': the new source replaces the earlier one
        earlier = [src for src in named_sources(before) if src.key not in {a.key for a in asked}]
        if earlier and re.fullmatch(SOURCE_LEAD + r"(?:de |het |the )?[\w-]+(?: [\w-]+)?\s*\??", own, re.I) and not POINTER.search(own):
            return f"{swap_source(base, earlier, own)}?"
        subject = without_sources(subject, earlier)
    if not QUESTION_WORDS.match(own) and not YESNO.match(own) and not ANAPHORA.search(own) and not POINTER.search(own):
        # Ellipsis ('En in het voortgezet onderwijs?'): the earlier question, its sector swapped for the new one. A question of
        # its own that points back ('Neemt de minister dat over?') asks its own thing about the earlier subject, below.
        if SECTOR_WORDS.search(own):
            base = with_sector(base, SECTOR_WORDS.search(own).group(0))
        year = YEAR.search(own)
        if year and len(YEAR.findall(base)) == 1:  # 'Hoeveel ging er in 2022 naar …' + 'En in 2024?'
            base = YEAR.sub(year.group(0), base)
        return f"{base} — {own.rstrip(' ?')}?"
    return f"{own.rstrip(' ?')} (over: {subject})?"


def without_sources(text: str, sources: list) -> str:
    """Text without the sources named in it and the preposition after them ('de minister van commerciële bureaus' ->
    'commerciële bureaus')."""
    for src in sources:
        if src.pattern.search(text):
            # 'volgens de Kamerbrief', 'according to the letter to parliament': the preposition that only said whose it is goes too
            text = re.sub(r"(?:,\s*)?\b(?:volgens|according\s+to)\s+(?:(?:de|het|the)\s+)?(?:" + src.pattern.pattern + ")", "", text,
                          flags=src.pattern.flags)
            named = re.compile(r"(?:\b(?:de|het|the)\s+)?(?:" + src.pattern.pattern + r")\w*", src.pattern.flags)  # with its article
            # … unless it is whose the asked thing is ('de mail van het Eckartcollege', 'namens de school'): then it is the subject
            owned = [m for m in named.finditer(text) if not re.search(r"\b(?:van|namens|uit|from|of|by)\s+$", text[:m.start()], re.I)]
            first = owned[0] if owned else None
            for m in reversed(owned):
                text = text[:m.start()] + text[m.end():]
            if first and not text[:first.start()].strip():  # it opened the text: so does the preposition after it
                text = re.sub(r"^\s*(?:(?:van|over|aan|of|about|in)\s+)?", "", text, flags=re.I)
    return re.sub(r"\s{2,}", " ", text).strip(" ,")


def swap_source(base: str, earlier: list, own: str) -> str:
    """The earlier question asked of the newly named source: 'Wat vindt de minister van X' + 'En de SER?' -> 'Wat vindt de SER van X'."""
    new = re.sub("^" + SOURCE_LEAD, "", own.strip(" ?"), flags=re.I)
    if new.split(" ", 1)[0].lower() in ("de", "het", "the"):
        new = new[:1].lower() + new[1:]  # 'De SER' in the middle of the question is 'de SER'
    for src in earlier:
        m = re.search(r"(?:\b(?:de|het|the)\s+)?(?:" + src.pattern.pattern + ")", base, src.pattern.flags)
        if m:
            return base[:m.start()] + new + base[m.end():]
    return f"{base} — {own.rstrip(' ?')}"


def without_sector(text: str) -> str:
    """Text without its sector and the preposition before it ('de verdeling in het vo' -> 'de verdeling')."""
    text = re.sub(r"(?:\b(?:in|voor|op|bij|binnen|van)\s+)?(?:\b(?:het|de)\s+)?" + SECTOR_WORDS.pattern, "", text, flags=re.I)
    return re.sub(r"\s{2,}", " ", text).strip(" ,")


def with_sector(text: str, sector: str) -> str:
    """Text with its sector swapped for another in its place ('Hoeveel krijgen basisscholen …' + 'middelbare scholen' ->
    'Hoeveel krijgen middelbare scholen …'), unchanged when it names none: the question reads as one, for the search."""
    m = SECTOR_WORDS.search(text)
    if not m:
        return text
    return text[:m.start()] + sector.lower() + text[m.end():]


def with_earlier_source(question: str, before: str) -> str:
    """A question that goes on from an earlier one ('En hoe kan de onderbouw flexibeler?') asks the source that one named.

    'Wat raadt de VO-raad aan …?' then 'En hoe kan de onderbouw flexibeler?' asks the VO-raad, unless it names its own source.
    """
    if named_sources(question):
        return question
    earlier = named_sources(before)
    if not earlier:
        return question
    found = earlier[0].pattern.search(before)
    article = re.search(r"\b(de|het|the)\s+$", before[:found.start()], re.I)
    name = f"{article.group(1).lower()} {found.group(0)}" if article else found.group(0)
    return f"{question.rstrip(' ?')} (volgens {name})?"
