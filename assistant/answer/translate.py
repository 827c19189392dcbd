"""English questions meet Dutch documents: a word list for the lexical side (the embedder is multilingual already)."""
from __future__ import annotations

import re

# Education-policy vocabulary, English -> Dutch as the documents write it. Only the BM25 query and the
# evidence check use it; the dense side embeds the English question as it is.
GLOSSARY = {
    "pupil": "leerling", "pupils": "leerlingen", "student": "student", "students": "studenten leerlingen",
    "child": "kind", "children": "kinderen", "kids": "kinderen", "toddler": "peuter", "toddlers": "peuters",
    "parent": "ouder", "parents": "ouders", "teacher": "leraar", "teachers": "leraren", "school": "school",
    "schools": "scholen", "principal": "schoolleider", "principals": "schoolleiders", "board": "bestuur",
    "education": "onderwijs", "primary": "primair basisschool", "secondary": "voortgezet middelbare",
    "vocational": "beroepsonderwijs mbo", "university": "universiteit", "universities": "universiteiten",
    "college": "hogeschool", "higher": "hoger", "early": "vroeg vroegschoolse", "preschool": "voorschoolse",
    "childcare": "kinderopvang", "equal": "gelijke", "equality": "gelijkheid", "opportunity": "kans",
    "opportunities": "kansen", "inequality": "ongelijkheid kansenongelijkheid", "equity": "kansengelijkheid",
    "poverty": "armoede", "poor": "arm armoede", "income": "inkomen", "money": "geld middelen", "budget": "budget",
    "funding": "financiering middelen bekostiging", "funds": "middelen", "million": "miljoen mln", "billion": "miljard",
    "euro": "euro", "euros": "euro", "cost": "kosten", "costs": "kosten", "fee": "bijdrage", "fees": "bijdrage",
    "contribution": "bijdrage ouderbijdrage", "voluntary": "vrijwillige", "trip": "reis schoolreis", "trips": "reizen",
    "subsidy": "subsidie", "subsidies": "subsidie", "scheme": "regeling", "law": "wet",
    "act": "wet", "bill": "wetsvoorstel", "minister": "minister", "government": "kabinet regering overheid",
    "cabinet": "kabinet", "parliament": "kamer", "letter": "brief", "advice": "advies", "council": "raad",
    "measure": "maatregel", "measures": "maatregelen", "programme": "programma", "program": "programma",
    "plan": "plan", "approach": "aanpak", "research": "onderzoek", "inspectorate": "inspectie",
    "municipality": "gemeente", "municipalities": "gemeenten", "enriched": "verrijkt verrijkte rijke",
    "enrichment": "verrijking", "day": "dag schooldag", "school day": "schooldag", "homework": "huiswerk huiswerkbegeleiding",
    "tutoring": "bijles", "shadow": "schaduwonderwijs", "transition": "overgang overstap", "transitions": "overgangen",
    "advice": "advies schooladvies", "track": "niveau", "tracking": "selectie", "selection": "selectie",
    "segregation": "segregatie", "discrimination": "discriminatie", "internship": "stage", "internships": "stages",
    "language": "taal", "reading": "lezen", "basic": "basis", "skills": "vaardigheden basisvaardigheden",
    "quality": "kwaliteit", "shortage": "tekort", "teacher shortage": "lerarentekort", "salary": "salaris loon",
    "allowance": "toelage", "scholarship": "beurs", "grant": "beurs subsidie", "loan": "lening", "tuition": "collegegeld",
    "meals": "schoolmaaltijden", "meal": "maaltijd", "breakfast": "ontbijt", "sport": "sport", "sports": "sport",
    "culture": "cultuur", "music": "muziek", "involvement": "betrokkenheid ouderbetrokkenheid", "community": "gemeenschap",
    "neighbourhood": "wijk", "neighborhood": "wijk", "city": "stad", "region": "regio", "since": "sinds",
    "when": "wanneer", "year": "jaar", "years": "jaren", "how many": "hoeveel", "number": "aantal",
    "percentage": "procent", "per cent": "procent", "support": "ondersteuning steun", "help": "hulp ondersteuning",
    "extra": "extra", "additional": "aanvullend extra", "class": "klas", "classroom": "klas", "grade": "groep",
    "already": "al", "receive": "ontvangen krijgen", "get": "krijgen", "new": "nieuwe", "indicator": "indicator",
    "disadvantage": "achterstand", "disadvantaged": "achterstand", "deprived": "achterstand", "migration": "migratieachtergrond",
    "background": "achtergrond", "diploma": "diploma", "exam": "examen", "test": "toets", "entrance": "toelating",
    "admission": "toelating", "dropout": "schoolverlaten uitval", "pilot": "pilot", "campaign": "campagne",
    "lesson": "les lespakket", "lessons": "lessen", "package": "pakket", "coalition": "coalitie", "coalitions": "coalities",
    "apply": "aanvragen", "application": "aanvraag", "request": "verzoek", "structural": "structureel",
    "structurally": "structureel", "commercial": "commerciele commerciële", "company": "bureau bedrijf",
    "companies": "bureaus bedrijven", "agency": "bureau", "agencies": "bureaus", "private": "private particuliere",
    "arrangement": "arrangement", "childhood": "jonge kinderen vroege ontwikkeling", "recommend": "aanbevelingen adviseert advies",
    "recommends": "aanbevelingen adviseert advies", "recommendation": "aanbeveling", "recommendations": "aanbevelingen",
    "development": "ontwikkeling", "hospital": "ziekenhuis", "hospitals": "ziekenhuizen", "care": "zorg opvang",
    "inclusion": "inclusie", "diversity": "diversiteit", "later": "later", "learning": "leer leren", "signed": "ondertekend", "say": "zegt", "invest": "investeren", "investment": "investering", "invests": "investeert",
}
# The wider vocabulary of questions about policy, in the Dutch the letters and advice use (not words of any one question).
GLOSSARY.update({
    "area": "terrein gebied", "areas": "terreinen gebieden", "front": "terrein", "fronts": "terreinen", "field": "terrein gebied",
    "fields": "terreinen", "theme": "thema", "themes": "thema's", "topic": "onderwerp", "goal": "doel", "goals": "doelen",
    "aim": "doel", "target": "doel streefdoel", "ambition": "ambitie", "vision": "visie", "policy": "beleid", "policies": "beleid",
    "lottery": "loting", "draw": "loting", "admit": "toelaten toelating", "admitted": "toegelaten", "intake": "instroom toelating",
    "programmes": "opleidingen", "programs": "opleidingen", "course": "opleiding", "courses": "opleidingen", "study": "studie onderzoek",
    "studies": "studies opleidingen", "reintroduced": "opnieuw ingevoerd", "reintroduce": "opnieuw invoeren", "introduce": "invoeren",
    "introduced": "ingevoerd", "abolished": "afgeschaft", "abolish": "afschaffen", "back": "opnieuw terug", "again": "opnieuw weer",
    "fellow": "collega", "colleague": "collega", "annual": "jaarlijks", "annually": "jaarlijks", "yearly": "jaarlijks",
    "monthly": "per maand", "month": "maand", "week": "week", "weekly": "per week", "hours": "uur", "hour": "uur",
    "age": "leeftijd", "sorted": "selecteren selectie", "sort": "selecteren", "select": "selecteren", "selecting": "selecteren",
    "initiative": "initiatief", "initiatives": "initiatieven", "crisis": "crisis", "covid": "corona coronacrisis",
    "corona": "corona coronacrisis", "pandemic": "corona coronacrisis", "network": "netwerk", "networks": "netwerken",
    "example": "voorbeeld", "examples": "voorbeelden praktijkvoorbeelden", "digital": "digitale", "tools": "middelen instrumenten",
    "tool": "middel instrument", "replace": "vervangen", "instead": "in plaats", "end": "eind einde", "second": "tweede",
    "third": "derde", "first": "eerste", "share": "aandeel", "proportion": "aandeel", "half": "helft", "quarter": "kwart",
    "founded": "gestichte stichting", "founding": "stichting oprichting", "establish": "oprichten stichten", "flows": "stromen",
    "open": "openen", "doors": "deuren", "connected": "aangesloten", "members": "leden", "member": "lid", "centre": "centrum expertisecentrum",
    "center": "centrum expertisecentrum", "expertise": "expertise", "set up": "opzetten opgezet", "start": "start starten",
    "starts": "start", "started": "gestart", "begin": "beginnen start", "ratio": "verhouding", "staff": "personeel medewerkers",
    "employees": "medewerkers personeel", "workers": "medewerkers", "kindergarten": "kleuters groep 1", "toddlers": "peuters",
    "halved": "gehalveerd halvering", "cut": "verlaagd verlaging halvering", "reduce": "verminderen verlagen", "reduced": "verlaagd",
    "increase": "verhogen verhoging", "increased": "verhoogd", "raise": "verhogen", "first-year": "eerstejaars", "skill": "vaardigheid",
    "literacy": "geletterdheid lezen", "numeracy": "rekenen gecijferdheid", "maths": "rekenen", "math": "rekenen", "citizenship": "burgerschap",
    "digital literacy": "digitale geletterdheid", "footing": "startniveau", "starting": "start", "level": "niveau", "levels": "niveaus",
    "lead": "leiden", "leading": "leidt", "leads": "leidt", "conduct": "uitvoeren", "carried out": "uitgevoerd", "evaluation": "evaluatie",
    "evaluate": "evalueren", "results": "resultaten uitkomsten", "outcomes": "uitkomsten resultaten", "report": "rapport",
    "publish": "publiceren", "published": "gepubliceerd", "brochure": "brochure", "guide": "handreiking", "guidance": "handreiking",
    "handbook": "handreiking", "knowledge": "kennis", "database": "kennisbank", "find": "vinden", "information": "informatie",
    "labour market": "arbeidsmarkt", "labor market": "arbeidsmarkt", "jobs": "banen baankansen", "job": "baan", "work": "werk werken",
    "career": "loopbaan", "orientation": "oriëntatie", "choice": "keuze", "choose": "kiezen", "choices": "keuzes",
    "mandatory": "verplicht verplichte", "compulsory": "verplicht leerplicht", "obliged": "verplicht", "required": "verplicht",
    "free": "gratis", "pay": "betalen", "paid": "betaald", "afford": "betalen", "expensive": "duur", "cheap": "goedkoop",
    "laptop": "laptop", "laptops": "laptops", "books": "boeken", "materials": "materialen leermiddelen", "uniform": "kleding",
    "excursions": "excursies", "excursion": "excursie", "camp": "kamp", "activities": "activiteiten", "activity": "activiteit",
    "extracurricular": "buitenschoolse", "after-school": "naschoolse", "sports club": "sportvereniging", "neighbourhoods": "wijken",
    "area-based": "gebiedsgerichte", "rural": "platteland", "urban": "stedelijk stad", "cities": "steden", "municipal": "gemeentelijke",
    "local": "lokale", "national": "landelijk landelijke", "nationwide": "landelijk", "law proposal": "wetsvoorstel", "legislation": "wetgeving wet",
    "regulation": "regelgeving", "rules": "regels", "inspection": "inspectie toezicht", "supervision": "toezicht", "oversight": "toezicht",
    "assessment": "beoordeling", "assess": "beoordelen", "judge": "beoordelen", "standard": "norm", "standards": "normen",
    "test scores": "toetsresultaten", "final test": "eindtoets doorstroomtoets", "referral": "schooladvies", "teacher advice": "schooladvies",
    "under-advice": "onderadvisering", "underestimated": "onderadvisering", "bridge": "brugklas", "bridging": "brugklas brugperiode",
    "broad": "brede", "first years": "onderbouw", "lower years": "onderbouw", "upper": "bovenbouw", "flexible": "flexibel flexibeler",
    "transfer": "overstap overgang", "switch": "overstappen overstap", "handover": "overdracht", "warm handover": "warme overdracht",
    "refugee": "vluchteling", "refugees": "vluchtelingen", "newcomer": "nieuwkomer", "newcomers": "nieuwkomers", "dutch": "nederlandse",
    "special needs": "passend onderwijs", "inclusive": "inclusief inclusieve", "disability": "beperking", "disabilities": "beperkingen",
    "wellbeing": "welzijn", "well-being": "welzijn", "mental": "mentale", "health": "gezondheid", "youth": "jeugd jongeren",
    "young": "jonge jongeren", "crime": "criminaliteit", "criminal": "criminaliteit", "safety": "veiligheid", "safe": "veilig",
    "cooperation": "samenwerking", "collaboration": "samenwerking", "together": "samen", "partners": "partners", "organisations": "organisaties",
    "organizations": "organisaties", "social": "sociale maatschappelijke", "society": "samenleving maatschappij", "employers": "werkgevers",
    "unions": "vakbonden", "advisory": "advies adviesraad", "responds": "reageert reactie", "response": "reactie antwoord", "reply": "antwoord",
    "answer": "antwoord", "question": "vraag", "questions": "vragen", "email": "mail", "asked": "gevraagd verzocht", "promise": "toezegging",
    "promised": "toegezegd", "commit": "toezeggen", "commitment": "toezegging", "deadline": "uiterlijk termijn", "before": "voor uiterlijk",
    "until": "tot", "end date": "einddatum", "period": "periode", "duration": "looptijd", "runs": "loopt", "last": "looptijd",
    "effect": "effect", "effects": "effecten", "effective": "effectief werkt", "works": "werkt", "impact": "effect gevolgen",
    "consequence": "gevolg", "consequences": "gevolgen", "why": "waarom", "reason": "reden", "because": "omdat",
    "who": "wie", "which": "welke", "where": "waar", "many": "veel", "more": "meer", "less": "minder", "fewer": "minder",
})

# Dutch bodies and national programmes by the English names a reader gives them: the documents use only the Dutch name,
# and a question that names one in English must find it (and not be refused for a word the documents never use).
GLOSSARY.update({
    "equal opportunities alliance": "gelijke kansen alliantie", "equal opportunity alliance": "gelijke kansen alliantie",
    "national education programme": "nationaal programma onderwijs npo", "national education program": "nationaal programma onderwijs npo",
    "national programme for education": "nationaal programma onderwijs npo", "national program for education": "nationaal programma onderwijs npo",
    "social and economic council": "ser sociaal-economische raad", "socio-economic council": "ser sociaal-economische raad",
    "social-economic council": "ser sociaal-economische raad", "economic council": "ser sociaal-economische raad",
    "secondary education council": "vo-raad", "council for secondary education": "vo-raad", "sector council": "sectorraad",
    "primary education council": "po-raad", "council for primary education": "po-raad", "vocational education council": "mbo raad",
    "mbo council": "mbo raad", "education council": "onderwijsraad", "dutch education council": "onderwijsraad",
    "education inspectorate": "inspectie van het onderwijs", "inspectorate of education": "inspectie van het onderwijs",
    "house of representatives": "tweede kamer", "lower house": "tweede kamer", "dutch parliament": "tweede kamer",
    "ministry of education": "ministerie van onderwijs ocw", "education ministry": "ministerie van onderwijs ocw",
    "ministry of social affairs": "ministerie van sociale zaken en werkgelegenheid szw",
    "netherlands institute for social research": "sociaal cultureel planbureau scp", "social and cultural planning office": "sociaal cultureel planbureau scp",
    "central planning bureau": "centraal planbureau cpb", "bureau for economic policy analysis": "centraal planbureau cpb",
    "national programme for liveability and safety": "nationaal programma leefbaarheid en veiligheid",
    "liveability and safety": "leefbaarheid en veiligheid", "school and environment": "school en omgeving",
    "school and surroundings": "school en omgeving", "school and community": "school en omgeving",
    "rich school day": "rijke schooldag", "enriched school day": "rijke schooldag verrijkte schooldag",
    "learning plus arrangement": "leerplusarrangement", "learning-plus arrangement": "leerplusarrangement",
    "promising start": "kansrijke start", "national children's aid fund": "nationaal fonds kinderhulp",
    "children's aid fund": "nationaal fonds kinderhulp", "student action committee": "laks", "school students' union": "laks",
    "national action committee of secondary school students": "laks", "association of universities of applied sciences": "vereniging hogescholen",
    "universities of applied sciences": "hogescholen", "early childhood education": "vroegschoolse educatie vve",
    "education disadvantage policy": "onderwijsachterstandenbeleid", "educational disadvantage policy": "onderwijsachterstandenbeleid",
    "education research council": "nationaal regieorgaan onderwijsonderzoek nro", "national coordinating body for educational research": "nationaal regieorgaan onderwijsonderzoek nro",
})
# Student finance and common policy phrases whose Dutch is one compound ('basic grant' -> 'basisbeurs'), and English idioms
# for what a policy does ('brought back' -> 'opnieuw ingevoerd').
GLOSSARY.update({
    "basic grant": "basisbeurs", "basic student grant": "basisbeurs", "student grant": "basisbeurs studiefinanciering",
    "student finance": "studiefinanciering", "student loan": "studielening lening", "tuition fee": "collegegeld", "tuition fees": "collegegeld",
    "brought back": "opnieuw ingevoerd", "bring back": "opnieuw ingevoerd", "bringing back": "opnieuw ingevoerd",
    "catch-up": "bijspijkerlessen inhaal", "catch up": "bijspijkerlessen inhalen", "timetable": "rooster", "schedule": "rooster",
    "criminal record": "VOG", "background check": "VOG", "screened": "VOG", "screening": "VOG", "reintroduced": "opnieuw ingevoerd", "re-introduced": "opnieuw ingevoerd",
    "abolished": "afgeschaft", "scrapped": "afgeschaft", "phased out": "afgebouwd",
    "equal footing": "gelijke start startniveau", "starting level": "startniveau", "head start": "voorsprong",
    "school advice": "schooladvies", "transfer test": "doorstroomtoets", "final test": "eindtoets", "shadow education": "schaduwonderwijs",
})  # (a phrase replaces its words' own translations: 'private tutoring' as one phrase lost 'private', which the letter uses)
# Everyday English for the schools, people and money the letters name in their own Dutch terms.
GLOSSARY.update({
    "nationally": "landelijk", "locations": "vestigingen", "location": "vestiging", "school locations": "vestigingen",
    "branches": "vestigingen", "sites": "vestigingen", "campuses": "vestigingen", "mixed-ability": "heterogene brede dakpan",
    "mixed ability": "heterogene brede dakpan", "first-year classes": "brugklassen", "first-year class": "brugklas",
    "pay allowance": "arbeidsmarkttoelage toelage", "labour market allowance": "arbeidsmarkttoelage", "bonus": "toelage",
    "extend": "verlengen", "extended": "verlengd", "extension": "verlenging", "apologise": "excuses", "apologize": "excuses",
    "apology": "excuses", "late": "laat", "supplies": "schoolspullen spullen", "form tutor": "mentor", "personal": "persoonlijke vaste",
    "coach": "coach", "under one roof": "brede scholengemeenschap", "all tracks": "alle onderwijssoorten brede",
    "playing field": "gelijke kansen", "level playing field": "gelijke kansen", "recommendation for secondary school": "schooladvies",
    "pre-school": "voorschoolse", "preschool education": "voorschoolse educatie", "pre-school education": "voorschoolse educatie",
    "targeted": "doelgroep bedoeld", "take part": "deelnemen gebruik", "taking part": "deelnemen gebruik", "attend": "gebruik deelname",
    "conditions": "voorwaarden randvoorwaarden", "workload": "werkdruk", "class sizes": "kleinere klassen", "trajectories": "leertrajecten",
    "move": "overstap", "flyers": "reclame", "advertise": "reclame", "advertising": "reclame", "refer": "doorverwijzen verwijzen",
})
# What classroom approaches are made of, in the words an intervention index describes them with ('older pupils explain things
# to younger ones' -> 'oudere leerlingen uitleg jongere'): for English questions about an index's rows.
GLOSSARY.update({
    "older": "oudere", "younger": "jongere", "explain": "uitleg uitleggen", "explaining": "uitleg uitleggen", "explains": "uitleg",
    "explanation": "uitleg", "each other": "elkaar", "one another": "elkaar", "peer": "medeleerling elkaar", "peers": "medeleerlingen elkaar",
    "one-on-one": "individueel één-op-één", "one-to-one": "individueel één-op-één", "individually": "individueel",
    "individual": "individueel individuele", "small groups": "kleine groepen groepjes", "group": "groep groepjes", "groups": "groepen groepjes",
    "small": "kleine klein", "tutor": "tutor", "plan": "plannen plan", "planning": "plannen", "monitor": "bewaken",
    "monitoring": "bewaken", "own": "eigen", "thinking": "denken", "wear": "dragen", "clothes": "kleding", "clothing": "kleding",
    "same": "dezelfde", "sounds": "klanken", "sound": "klank", "words": "woorden", "word": "woord", "read": "lezen",
    "practise": "oefenen", "practice": "oefenen", "practising": "oefenen", "exercises": "oefeningen", "adults": "volwassene volwassenen",
    "adult": "volwassene", "assistant": "onderwijsassistent", "assistants": "onderwijsassistenten", "supporting": "ondersteuning ondersteunen",
    "summer": "zomer zomervakantie", "holiday": "vakantie", "holidays": "vakantie", "weeks": "weken", "behaviour": "gedrag",
    "behavior": "gedrag", "emotions": "emoties", "feelings": "emoties", "feedback": "feedback", "writing": "schrijven",
    "write": "schrijven", "texts": "teksten", "careers": "beroepen loopbaan", "professions": "beroepen", "occupations": "beroepen",
    "art": "kunst", "arts": "kunst", "dance": "dans", "theatre": "theater", "theater": "theater", "exercise": "bewegen beweegactiviteiten",
    "physical": "beweeg bewegen", "software": "oefensoftware", "adaptive": "adaptieve", "computers": "digitale middelen",
    "repeat": "opnieuw overdoen", "redo": "opnieuw overdoen", "school year": "leerjaar schooljaar", "repeating": "opnieuw zittenblijven", "held back": "zittenblijven", "vocabulary": "woordenschat",
    "speaking": "spreekvaardigheid", "conversations": "gesprekken", "talk": "gesprekken praten", "home": "thuis", "quiet": "rustige",
    "place": "plek", "supervised": "begeleid toezicht", "supervisor": "begeleider", "mentor": "mentor", "future": "toekomst",
    "strategies": "strategieën leesstrategieën", "summarising": "samenvatten", "summarizing": "samenvatten", "predicting": "voorspellen",
    "comprehension": "begrip", "understanding": "begrip", "ability": "niveau", "mixed": "wisselende gemengde", "fixed": "vaste",
    "grouped": "groeperen", "grouping": "groeperen", "streamed": "niveaugroepen", "sets": "niveaugroepen", "roles": "rol",
    "role": "rol", "tasks": "opdrachten", "assignments": "opdrachten", "structured": "gestructureerde", "previous": "vorige",
    "material": "stof", "move on": "doorgaan", "mastered": "beheersen", "master": "beheersen", "toddlers": "peuters",
    "preschoolers": "peuters", "infants": "kleuters", "morning": "ochtend", "lunch": "lunch", "eat": "eten", "food": "eten",
    "newcomers": "nieuwkomers", "behind": "achterstand", "struggling": "achterstand", "lagging": "achterstand",
    "encourage": "stimuleren", "stimulate": "stimuleren", "promote": "stimuleren bevorderen", "improve": "verbeteren",
    "disruption": "verstoring", "disruptive": "verstoring", "school-wide": "schoolbrede", "schoolwide": "schoolbrede",
    "cut down": "verminderen", "good behaviour": "gewenst gedrag",
    "good behavior": "gewenst gedrag", "whole school": "schoolbrede", "whole-school": "schoolbrede", "whole building": "schoolbrede",
})
# Everyday English words of questions that had no Dutch here yet (a list of common question words checked against gloss()).
GLOSSARY.update({
    "time": "tijd", "give": "geven", "giving": "geven", "given": "gegeven", "classes": "klassen", "learn": "leren",
    "family": "gezin", "families": "gezinnen", "rule": "regel", "duty": "plicht", "allowed": "toegestaan mogen", "ban": "verbod",
    "forbid": "verbieden", "advise": "adviseren", "advises": "adviseert", "amount": "bedrag", "bullying": "pesten gepest",
    "bullied": "gepest", "lonely": "eenzaam", "wifi": "internet", "internet": "internet", "room": "ruimte plek", "space": "ruimte",
    "chances": "kansen", "gap": "kloof verschillen", "gaps": "verschillen", "fair": "eerlijk", "unfair": "oneerlijk",
    "vulnerable": "kwetsbare", "migrant": "migratieachtergrond", "talent": "talent", "talents": "talenten",
    "expectations": "verwachtingen", "expect": "verwachten", "expected": "verwacht", "outcome": "uitkomst resultaat",
    "experiment": "experiment", "project": "project", "mail": "mail", "answered": "beantwoord",
})
# Words of questions about teaching and the usual English names of Dutch arrangements: the English questions of every tune set
# left these untranslated most often (7 December 2026). Not 'index', 'intervention' or 'evidence': English questions about an
# index are read by the index's own words (records.py), and these in their terms drew letters' sentences in.
GLOSSARY.update({
    "training": "training", "teach": "lesgeven", "teaching": "lesgeven onderwijs",
    "instruction": "instructie", "regular": "reguliere", "offer": "aanbieden aanbod", "offers": "biedt aanbod",
    "intended": "bedoeld", "meant": "bedoeld", "affect": "invloed", "affects": "invloed", "difference": "verschil",
    "gain": "winst", "strength": "kracht", "weakest": "zwakste", "largest": "grootste", "least": "minst", "most": "meest",
    "reading aloud": "voorlezen", "read aloud": "voorlezen", "connect": "verbinden", "low": "laag", "high": "hoog",
    "early childhood education": "voorschoolse educatie vve", "early years education": "voorschoolse vroegschoolse educatie",
    "pre-school education": "voorschoolse educatie", "preschool education": "voorschoolse educatie",
    "attend": "gebruik deelnemen", "attends": "gebruik deelnemen", "reach": "bereiken", "reaches": "bereikt",
    "contain": "bevat", "contains": "bevat", "daughter": "dochter kind", "son": "zoon kind", "selective": "selectie",
})
PHRASES = sorted((k for k in GLOSSARY if " " in k), key=len, reverse=True)  # the longest first: 'rich school day' before 'school day'


def phrases_out(question: str) -> tuple[list[str], str]:
    """The Dutch for the glossary's phrases in a question (the longest first), and the lower-cased question without them."""
    lower = question.lower()
    found = []
    for phrase in PHRASES:
        if phrase in lower:
            found.append(GLOSSARY[phrase])
            lower = lower.replace(phrase, " ")
    return found, lower


def gloss(word: str) -> str | None:
    """The Dutch for one English word; a plural or third person the list does not hold as such ('councils', 'funds') reads
    as its stem."""
    return GLOSSARY.get(word) or (GLOSSARY.get(word[:-1]) if word.endswith("s") else None)


def to_dutch(question: str) -> str:
    """The Dutch words for an English question's terms (two-word phrases first); empty when none are known."""
    found, rest = phrases_out(question)
    for token in re.findall(r"[a-z][a-z-]*[a-z]|[a-z]", rest):
        # 'first-year' as a whole when known, else its parts ('staff-to-child')
        for word in [token] if token in GLOSSARY or "-" not in token else token.split("-"):
            known = gloss(word)
            if known:
                found.append(known)
    return " ".join(found)


def untranslated(question: str) -> list[str]:
    """The words of an English question the glossary has no Dutch for (stopwords left out)."""
    from ingest.index.lexical import words

    return [w for w in words(phrases_out(question)[1]) if gloss(w) is None]
