"""Everyday Dutch meets the letters' Dutch: a word list for the lexical side, as translate.py is for English questions.

Teachers and parents ask about 'de middelbare school', 'de juf', 'bijles' and 'arme gezinnen'; the letters write 'voortgezet
onderwijs', 'leraar', 'schaduwonderwijs' and 'sociaaleconomische achterstand'. BM25 and the evidence features only see words,
so a question in everyday words finds the passage and the sentence that say it in policy words only when those words are added.
The list holds general school vocabulary, not words of any one question; only the BM25 query and the question's terms use it
(the dense side embeds the question as it is), and only the words an index knows are added.
"""
from __future__ import annotations

import re

# An everyday word or phrase (a regular expression, matched case-insensitively on whole words) -> the documents' words for it.
EVERYDAY = {
    r"middelbare(?: school| scholen)?|brugklassers?|middelbaar": "voortgezet onderwijs vo",
    r"basisschool|basisscholen|lagere school|groep [1-8]|kleuters?": "primair onderwijs po",
    r"juf|juffen|meester|meesters|leerkrachten?|docenten?|onderwijzers?|collega'?s": "leraar leraren",
    r"kinderen|kind|kids|pupillen|scholieren": "leerlingen",
    r"arme?|armoede|weinig geld|krap bij kas|rondkomen|minima|schulden|gezinnen die het moeilijk hebben": "armoede sociaaleconomische achterstand",
    r"(?:lastige|moeilijke|arme|zwakke|achterstands)(?:wijk|buurt)(?:en)?|probleemwijk(?:en)?|buurt(?:en)?": "wijk wijken",
    r"extra geld|geld|potje|financiering|centen|vergoeding": "middelen bekostiging budget",
    r"toeslag|extraatje|bonus": "toelage arbeidsmarkttoelage",
    r"invallers?|vervangers?|vacatures?|personeelstekort|geen personeel|te weinig leraren": "lerarentekort tekort",
    r"bijles|bijlessen|huiswerkbegeleiding|huiswerkinstitut(?:en|en)?|huiswerkinstituut|examentraining(?:en)?|studiebegeleiding": "schaduwonderwijs",
    r"schoolreis(?:je|jes)?|schoolkamp|kamp|excursies?|uitjes?|werkweek|werkweken": "ouderbijdrage vrijwillige bijdrage activiteiten",
    r"advies voor de middelbare school|schooladvies|eindtoets|cito|plaatsing": "schooladvies advisering doorstroomtoets",
    r"eerste jaren|onderbouw": "brugklas brugperiode",
    r"aanspreekpunt|vaste begeleider|vertrouwenspersoon|maatje": "mentor coach begeleiding",
    r"stageplek(?:ken)?|stageplaats(?:en)?|stagebedrijf": "stage stages",
    r"lezen|leesvaardigheid|taalachterstand|taalzwak|laaggeletterd\w*": "taal geletterdheid basisvaardigheden",
    r"ouders (?:betrekken|bereiken)|contact met ouders|ouders laten zich|ouderavond|oudergesprek(?:ken)?": "ouderbetrokkenheid ouders",
    r"zomerschool|weekendschool|naschools?e?|na schooltijd|verlengde schooldag|langere schooldag": "rijke schooldag verlengde leertijd",
    r"ontbijt|lunch|eten|honger|maaltijd(?:en)?": "schoolmaaltijden",
    r"witte scholen|zwarte scholen|gemengde? (?:school|scholen|wijk|klas)": "segregatie",
    r"doeners|praktisch ingesteld|handig met (?:de|hun) handen|praktische kinderen": "praktische vaardigheden praktijkgericht",
    r"studiefinanciering|studielening|lenen|beurs": "basisbeurs studiefinanciering",
    r"zitten ?blijven|blijven zitten|afstromen|opstromen|overstappen": "doorstroom opstroom afstroom",
    r"uitval|uitvallers|stoppen met school|dropouts?|thuiszitters?": "voortijdig schoolverlaten",
    r"peuters?|peuterspeelzaal|voorschool|kinderopvang": "voorschoolse educatie vve",
    r"zorgleerlingen|extra zorg|gedragsproblemen|rugzakje": "passend onderwijs ondersteuning",
    r"laptops?|computers?|tablets?|devices?": "digitale middelen",
    r"nieuwkomers?|vluchtelingen(?:kinderen)?|statushouders": "nieuwkomers anderstalige",
    r"gescreend|screenen|screening|antecedent\w*|verklaring omtrent (?:het )?gedrag|strafblad": "VOG",
    r"(?:achter)?naam|afkomst|huidskleur|achtergrond|buitenlandse? \w+|migratie\w*": "discriminatie migratieachtergrond",
    r"werk vinden|een baan|baan vinden|aan het werk|aan de slag|werkloos|baankansen|later werk": "arbeidsmarkt arbeidsmarktinformatie",
    r"rooster|lesrooster|lestijd|lesuren|schooltijd": "reguliere rooster onderwijstijd",
    r"maximum|plafond|bovengrens|grens": "limiet maximum",
    r"gevraagd|vroeg(?:en)? om|om gevraagd|verzoek": "verzocht verzoek motie",
}
# How teachers describe what happens in class, in the words indexes of interventions use for the same thing (not a related
# topic, as 'weekendschool' -> 'verlengde leertijd' above): these also decide which row a description is about.
CLASSROOM = {
    r"sommen|rekensommen|tafels|rekenles": "rekenen",
    r"(?:een )?(?:jaar|klas|leerjaar) (?:over (?:moet|moeten|mag) doen|opnieuw doen)|overdo\w*|overdeed|doubler\w*": "zittenblijven leerjaar opnieuw",
    r"extra handen|klassenassistent(?:en)?|assistent(?:en)? in de klas|hulp in de klas|ondersteunend personeel|"
    r"(?:iemand|een volwassene|een collega|personeel|ondersteuning) naast de (?:juf|meester|leraar|leerkracht|docent)": "onderwijsassistenten ondersteuning",
    r"checken|in de gaten houden|bijsturen": "bewaken",
    r"terugkijken|terugblikken|nabespreken|reflecteren": "evalueren",
    r"door elkaar|husselen|wisselen|steeds andere groepjes": "wisselende",
    r"(?:groepjes|groepen) (?:naar|op) niveau|niveaugroep(?:en|jes)?": "niveaugroepjes niveau",
    r"(?:een |hun )?plan(?:netje)? (?:maken|opstellen)|vooruit plannen": "plannen",
    r"uitleggen|uit te leggen|uitleg geven|(?:legt|leggen|legde|legden)\b[^.?!,]{0,50}?\buit": "uitleg",  # 'legt … uit' split
    r"oudere (?:kinderen|leerlingen)|oudsten?(?: (?:kinderen|leerlingen))?|bovenbouw(?:ers|leerlingen)?|groep [78]": "oudere",
    r"jongere kinderen|jongsten?(?: (?:kinderen|leerlingen))?|kleintjes": "jongere",
}


def compiled(words: dict[str, str]) -> list[tuple[re.Pattern, str]]:
    """Each pattern as whole words (not inside a longer word or a compound with a hyphen), with the words it stands for."""
    return [(re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.I), terms) for pattern, terms in words.items()]


SAME = compiled(CLASSROOM)
PATTERNS = compiled(EVERYDAY) + SAME


def in_index_words(question: str) -> str:
    """The question with a teacher's words for what happens in class replaced by the words an index uses for the same thing
    ('een leerling uit de bovenbouw' -> 'een leerling uit de oudere'): the replaced words are not subjects of their own."""
    for pattern, terms in SAME:
        question = pattern.sub(f" {terms} ", question)
    return re.sub(r"\s{2,}", " ", question).strip()


def everyday_terms(question: str, knows_word=None) -> str:
    """The documents' words for the everyday words of a Dutch question ('' when it uses none), those an index knows."""
    found: list[str] = []
    for pattern, terms in PATTERNS:
        if pattern.search(question):
            found.extend(t for t in terms.split() if t not in found and (knows_word is None or knows_word(t)))
    return " ".join(found)
