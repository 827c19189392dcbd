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


def to_dutch(question: str) -> str:
    """The Dutch words for an English question's terms (two-word phrases first); empty when none are known."""
    lower = question.lower()
    found = []
    for phrase in (k for k in GLOSSARY if " " in k):
        if phrase in lower:
            found.append(GLOSSARY[phrase])
            lower = lower.replace(phrase, " ")
    found.extend(GLOSSARY[w] for w in re.findall(r"[a-z]+", lower) if w in GLOSSARY)
    return " ".join(found)
