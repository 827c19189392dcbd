"""The asked thing of a factual question: an answer must state it, or say the documents do not give it."""
from __future__ import annotations

import pytest

from assistant.answer.slots import fills, slot_of
from ingest.index.lexical import LexicalIndex

SLOTS = [
    ("Hoeveel geld krijgen scholen voor de zomerschool?", "money"),
    ("Wat kost een schoolreis naar Rome volgens de VO-raad?", "money"),
    ("Wat zou het volgens de minister kosten om alle scholen een brede brugklas te geven?", "money"),
    ("Hoe hoog is het subsidiebedrag voor een coalitie?", "money"),
    ("How much money goes to the leerplusarrangement?", "money"),
    ("What is the annual budget of the alliance?", "money"),
    ("Welk percentage van de peuters gaat naar de voorschool?", "percent"),
    ("Hoeveel coalities doen mee aan School en Omgeving?", "count"),
    ("How many municipalities are in the alliance?", "count"),
    ("Tot wanneer loopt de regeling?", "until"),
    ("Hoe lang duurt de pilot?", "until"),
    ("Wanneer gaat de nieuwe stichtingsprocedure in?", "date"),
    ("En vanaf wanneer geldt dat?", "date"),
    ("In welk jaar publiceerde de SER het advies?", "date"),
    ("Hoe heet het expertisecentrum voor de overgangen?", "name"),
    ("Welke twaalf scholen doen mee aan de pilot?", "name"),
    ("Hoe hoog is de kinderbijslag?", "figure"),
    ("Wanneer hoort de Kamer de uitkomsten van de evaluatie?", "date"),  # 'wanneer' asks a date, not the results
    ("Hoeveel miljoen euro gaat er naar de zomerscholen?", "money"),  # an amount in millions, not a count of 'miljoen'
    ("Hoeveel was het budget voor de subsidieregeling?", "money"),
    ("Wie heeft namens de school de vragen aan de minister gestuurd?", "sender"),
    ("Wie mailde de minister over kansengelijkheid?", "sender"),
    ("Who sent the questions to the minister?", "sender"),
]
NO_SLOT = [
    "Welke ministeries werken mee aan het programma en waar is het op gericht?",  # 'waar … op gericht' asks no place
    "Wat kan onze school doen tegen de kosten van schoolreisjes?",  # how-to: a practice, not a figure
    "Wat moet ik doen wanneer ouders de bijdrage niet kunnen betalen?",  # 'wanneer' as 'if', not 'when'
    "Is er extra geld voor scholen met veel achterstanden?",  # yes/no
    "Welke scholen krijgen extra geld?",  # a kind of school, not a list of names
    "Hoeveel krijgen basisscholen?",  # 'hoeveel' + verb: an amount the model weighs, no count of something
    "Hoeveel jaarlijks ontvangen de gemeenten?",  # an adverb before the verb: still an amount, not a count of 'jaarlijks'
]


@pytest.mark.parametrize("question, kind", SLOTS)
def test_factual_questions_get_the_slot_they_ask_to_fill(question, kind):
    slot = slot_of(question)
    assert slot is not None and slot.kind == kind


@pytest.mark.parametrize("question", NO_SLOT)
def test_open_how_to_and_yes_no_questions_get_no_slot(question):
    assert slot_of(question) is None


@pytest.fixture(scope="module")
def lexical():
    return LexicalIndex(["a"], ["Er zijn 128 coalities en twaalf po- en vo-scholen, 75 procent leerlingen."], "snowball")


def test_a_sentence_fills_the_slot_only_with_the_asked_kind_of_value(lexical):
    money = slot_of("Hoeveel geld krijgen de coalities?")
    assert fills(money, "De coalities ontvangen samen € 14 miljoen.", "", lexical)
    assert fills(money, "Dit kabinet investeert structureel 1 miljard euro.", "", lexical)
    assert not fills(money, "In het programma ontvangen 128 coalities subsidie.", "", lexical)  # a count is no amount

    count = slot_of("Hoeveel scholen doen mee aan de pilot?")
    assert fills(count, "Er is ruimte voor een pilot met twaalf po- en vo-scholen.", "", lexical)
    assert fills(count, "Regioplan schetst een zestal scenario's en 40 scholen doen mee.", "", lexical)
    assert not fills(count, "Er is een pilot met een heel kleine groep havo-scholen.", "", lexical)
    assert not fills(count, "Het gaat om scholen met 75 procent leerlingen uit APC-gebieden.", "", lexical)  # a share, not a count

    until = slot_of("Tot wanneer loopt de regeling?")
    assert fills(until, "De regeling wil ik verlengen tot en met december 2023.", "", lexical)
    assert not fills(until, "De regeling is in 2021 ingegaan.", "", lexical)  # a start is no end date

    date = slot_of("Since when may programmes use a lottery again?")
    assert fills(date, "Loting is sinds vorig jaar weer een optie.", "", lexical)


def test_a_figure_for_another_year_or_in_total_is_not_the_asked_one(lexical):
    slot = slot_of("Hoeveel geld staat er in de begroting van 2024 voor samenwerking?")
    assert not fills(slot, "In de begroting 2023 is een bedrag van €4 miljoen beschikbaar voor samenwerking.", "", lexical)
    assert fills(slot, "Vanaf 2024 is er €4 miljoen beschikbaar voor samenwerking.", "", lexical)
    assert fills(slot, "Voor de periode 2022-2025 is 32 miljoen euro beschikbaar voor samenwerking.", "", lexical)  # a range that holds the year
    assert fills(slot, "Er is structureel €4 miljoen beschikbaar voor samenwerking.", "", lexical)  # no year stated: not a conflicting one
    per_pupil = slot_of("Hoeveel euro per leerling krijgt een school?")
    assert not fills(per_pupil, "Het budget stijgt met € 105 miljoen.", "", lexical)
    assert fills(per_pupil, "Een school krijgt € 500 per leerling.", "", lexical)


def test_a_year_the_question_gives_a_figure_for_is_not_the_asked_year(lexical):
    question = "Hoeveel was het budget voor het leerplusarrangement in 2019, vergeleken met de € 52 mln. in 2022?"
    slot = slot_of(question)
    assert slot.kind == "money" and slot.years == {"2019"}
    given = "Het budget voor het leerplusarrangement (in 2022 bedroeg dat € 52 mln.) stijgt met € 105 miljoen."
    assert not fills(slot, given, question, lexical)
    assert fills(slot, "In 2019 bedroeg het budget voor het leerplusarrangement € 40 mln.", question, lexical)
    before = slot_of("In 2022 was het 75 procent; welk percentage was het in 2019?")
    assert before.years == {"2019"}
    assert slot_of("Hoeveel geld staat er in de begroting van 2024 voor samenwerking?").years == {"2024"}  # no figure given with it


def test_a_sender_is_a_name_beside_sending_not_any_name_in_the_letter(lexical):
    question = "Wie heeft namens het Eckartcollege de vragen aan de minister gestuurd?"
    slot = slot_of(question)
    assert not fills(slot, "Samen met mijn collega-minister Mariëlle Paul werk ik dagelijks aan kansengelijkheid.", question, lexical)
    assert not fills(slot, "Over deze maatregelen heb ik in juni 2022 een brief gestuurd.", question, lexical)  # sending, no name
    assert fills(slot, "De vragen zijn gestuurd door J. de Vries, leerling van 5 vwo.", question, lexical)
    assert slot.missing(False) == "geen naam van de afzender"


def test_an_english_amount_set_aside_for_something_is_asked_for_that(lexical):
    question = "How much money has been reserved for providing school meals to pupils who need them?"
    slot = slot_of(question)
    assert slot.kind == "money" and "schoolmaaltijden" in slot.purpose
    assert not fills(slot, "Met dit bedrag kunnen we meer dan de helft van de vestigingen in het vo extra middelen geven.", question, lexical)
    assert fills(slot, "Voor schoolmaaltijden is 170 miljoen euro beschikbaar.", question, lexical)


def test_a_name_is_one_the_question_does_not_already_hold(lexical):
    question = "Welke drie scholen staan in de brochure 'Schoolkosten' van de VO-raad?"
    slot = slot_of(question)
    assert not fills(slot, "De VO-raad publiceerde de brochure 'Schoolkosten' met drie praktijkvoorbeelden.", question, lexical)
    assert fills(slot, "Het Pieter Zeeman Lyceum biedt alle richtingen aan.", question, lexical)


@pytest.mark.parametrize("question, reference, statement", [
    ("Wanneer start de SER met het lerarenregister?", "2 SER (2021) Een kansrijke start voor alle kinderen: naar inclusieve voorzieningen.",
     "De SER start in 2025 met het lerarenregister."),
    ("Hoeveel scholen doen mee aan de pilot?", "4 Inspectie van het Onderwijs (2022) De Staat van het Onderwijs.",
     "Aan de pilot doen 12 scholen mee."),
])
def test_a_footnote_number_or_a_reference_s_year_fills_no_slot(lexical, question, reference, statement):
    """A reference to a publication says when that was published, not when something starts or how many there are."""
    assert not fills(slot_of(question), reference, question, lexical)
    assert fills(slot_of(question), statement, question, lexical)
    published = "In welk jaar publiceerde de SER het advies Een kansrijke start?"
    assert fills(slot_of(published), reference, published, lexical)  # unless the question asks just that


@pytest.mark.slow
@pytest.mark.parametrize("question, reason, related", [
    ("Hoeveel geld krijgen de 35 startende gebieden voor de rijke schooldag?", "De documenten noemen geen bedrag", "startende gebieden"),
    ("Tot wanneer loopt de samenwerking met Meer muziek in de Klas?", "De documenten noemen geen einddatum", "Meer muziek"),
    ("How much money do the 35 starting areas get for the rich school day?", "The documents give no amount", "startende gebieden"),
    # an amount beside it is for something else (the programme School en Omgeving), not for what is asked
    ("Hoeveel geld trekt het kabinet uit voor huiswerkbegeleiding?", "De documenten noemen geen bedrag", "huiswerk"),
    # the reason names the asked thing, from the asking sentence only, not the context before it or 'hoog is'
    ("Wij werken in een wijk met veel armoede. Hoe hoog is de schoolkostenvergoeding voor een gezin in de bijstand?",
     "De documenten noemen geen bedrag (de schoolkostenvergoeding voor een gezin in de bijstand)", "armoede"),
    # the one body or document the question asks is the one said to give no figure, and it is not part of what is asked
    ("Hoeveel kost een brede brugklas volgens de VO-raad?", "De VO-raad noemt geen bedrag (een brede brugklas)", "brugklas"),
    ("According to the SER, how much money is there for the broad bridge class?", "The SER gives no amount for this: the broad bridge class.",
     "brugklas"),
    # the year asked is not the one whose figure the question gives; a source that is whose the asked thing is stays in it
    ("Hoeveel geld ging er in 2019 naar het leerplusarrangement, vergeleken met de € 52 mln. in 2022?", "De documenten noemen geen bedrag",
     "leerplusarrangement"),
    ("Wie heeft de mail van het Eckartcollege met vragen over kansengelijkheid aan de minister gestuurd?",
     "De brief aan het Eckartcollege noemt geen naam van de afzender (de mail van het Eckartcollege", "kansengelijkheid"),
])
def test_a_near_miss_is_refused_with_what_is_missing_and_the_related_passages(assistant, question, reason, related):
    answer = assistant.ask(question)
    assert not answer.answered and answer.citations == []
    assert answer.text.startswith(reason)
    assert any(related in p.text for p in answer.passages[:3])


@pytest.mark.slow
@pytest.mark.parametrize("question, fact", [
    ("Hoeveel startende gebieden werken aan een rijke schooldag?", "35 startende gebieden"),
    ("Tot wanneer wil de minister de regeling voor de arbeidsmarkttoelage verlengen?", "december 2023"),
])
def test_the_same_question_with_the_figure_in_the_documents_is_answered_with_it_first(assistant, question, fact):
    answer = assistant.ask(question)
    assert answer.answered and fact in answer.citations[0].quote


def test_a_minister_whose_portfolio_the_documents_never_mention_is_named_as_absent():
    from assistant.answer.extractive import unknown_office

    lexical = LexicalIndex(["a"], ["De minister van Onderwijs, Cultuur en Wetenschap en de minister voor Primair en Voortgezet Onderwijs."],
                           "snowball")
    assert unknown_office("Welke minister van Financiën tekende de brief?", lexical) == "minister van Financiën"
    assert unknown_office("What did the Minister of Defence decide?", lexical) == "Minister of Defence"
    assert unknown_office("Wat schrijft de minister van Onderwijs, Cultuur en Wetenschap?", lexical) == ""
    assert unknown_office("Wat wil de minister voor Primair en Voortgezet Onderwijs?", lexical) == ""
    assert unknown_office("Wat vindt de minister van de brede brugklas?", lexical) == ""  # 'van' + a topic, not a portfolio


def test_an_amount_is_asked_for_something_and_only_an_amount_beside_it_fills_the_slot(lexical):
    question = "Hoeveel geld trekt het kabinet uit voor de schoolmaaltijden, en vanaf wanneer?"
    slot = slot_of(question)
    assert slot.purpose == ("schoolmaaltijden",)
    assert not fills(slot, "Het kabinet investeert structureel 1 miljard euro in kansengelijkheid.", question, lexical)
    assert fills(slot, "Voor schoolmaaltijden is 170 miljoen euro beschikbaar.", question, lexical)
    assert slot_of("Hoeveel geld krijgen scholen voor leerlingen met een risico?").purpose == ("risico",)  # 'leerlingen' tells nothing apart
    assert slot_of("Wat kost het?").purpose == ()  # nothing asked for: any amount of the subject fills it


def test_a_figure_of_a_thing_is_filled_only_beside_that_thing(lexical):
    question = "Hoe hoog is de kinderbijslag voor een kind van twaalf?"
    slot = slot_of(question)
    assert slot.kind == "figure" and slot.purpose == ("kinderbijslag",)
    assert not fills(slot, "Basisscholen krijgen jaarlijks bijna 300 miljoen euro aan extra middelen.", question, lexical)
    assert fills(slot, "De kinderbijslag bedraagt 300 euro per kwartaal.", question, lexical)
    assert slot_of("Welke maximale klassengrootte adviseert de SER?").purpose == ("klassengrootte",)  # not the verb


def test_a_count_of_one_kind_is_not_filled_by_a_count_of_another_kind(lexical):
    question = "Hoeveel havo-scholen doen mee aan de pilot?"
    slot = slot_of(question)
    assert not fills(slot, "Er is ruimte voor een pilot met twaalf po- en vo-scholen.", question, lexical)
    assert fills(slot, "Aan de pilot doen zes havo-scholen mee.", question, lexical)
    implied = "Hoeveel vo-leerlingen hebben behoefte aan extra ondersteuning?"
    assert fills(slot_of(implied), "Ruim 100.000 leerlingen daarvan hebben behoefte aan extra ondersteuning.", implied, lexical)


def test_a_figure_for_another_sector_is_not_the_asked_one(lexical):
    question = "Hoeveel extra geld krijgen middelbare scholen voor leerlingen met een risico op achterstand?"
    slot = slot_of(question)
    assert not fills(slot, "Basisscholen met leerlingen met een risico op achterstand krijgen jaarlijks 300 miljoen euro.", question, lexical)
    assert fills(slot, "In het voortgezet onderwijs komt er voor leerlingen met een risico op achterstand €105 miljoen bij.", question, lexical)
    assert fills(slot, "Voor leerlingen met een risico op achterstand komt er €105 miljoen bij.", question, lexical)  # no sector said


@pytest.mark.parametrize("question", ["In welke maand van 2025 gaat de aanvraag voor de subsidie open?",
                                      "In which month of 2025 does the application window for the subsidy open?",
                                      "Op welke datum gaat de subsidieregeling open?"])
def test_a_date_asked_to_the_month_is_not_filled_by_a_year_alone(lexical, question):
    slot = slot_of(question)
    assert slot.kind == "date" and slot.precise
    assert not fills(slot, "Coalities kunnen vanaf 2025 weer subsidie aanvragen.", question, lexical)
    assert fills(slot, "Coalities kunnen vanaf 1 maart 2025 weer subsidie aanvragen.", question, lexical)
    assert not slot_of("In welk jaar kunnen coalities weer subsidie aanvragen?").precise  # a year is what it asks


def test_a_count_the_question_already_gives_is_not_its_answer(lexical):
    question = "Hoeveel van de 151 interventies zijn wetenschappelijk bewezen effectief?"
    slot = slot_of(question)
    assert slot.kind == "count"
    assert not fills(slot, "De bundel bevat 151 interventies die scholen kunnen inzetten.", question, lexical)
    assert fills(slot, "Van de 151 interventies zijn er 40 interventies bewezen effectief.", question, lexical)


@pytest.mark.parametrize("question, kind, unfilled, filled", [
    ("Krijgt een gemeente een boete als ze de regels overtreedt?", "consequence",
     "Gemeenten moeten zich aan de regels voor de voorschool houden.", "Een gemeente die de regels overtreedt, krijgt een boete."),
    ("What happens to the money a school does not spend?", "consequence",
     "Het is de bedoeling dat scholen de middelen voor 2025 besteden.", "Geld dat niet is besteed, moet de school terugbetalen."),
    ("Wie is de voorzitter van de stuurgroep?", "person",
     "De stuurgroep komt vier keer per jaar bijeen.", "De stuurgroep staat onder leiding van A.B. de Vries."),
    ("Aan welke eisen moet een aanbieder van bijles voldoen?", "condition",
     "Er komen meer aanbieders van bijles.", "Een aanbieder moet aan de eisen van het keurmerk voldoen."),
    ("Waarom is de grens op 30 procent gelegd en niet hoger?", None, "", ""),  # not a 'why was it chosen' form
    ("Waarom is gekozen voor een grens van 30 procent?", "reason",
     "De grens ligt op 30 procent.", "Voor 30 procent is gekozen omdat daar de verschillen het grootst zijn."),
    ("Waar kan een school zich aanmelden voor het programma?", "signup",
     "Het programma helpt scholen bij de overstap.", "Scholen kunnen zich via de website van het programma aanmelden."),
    ("Waar kunnen scholen zich aanmelden voor de subsidie?", "signup",
     "Met deze subsidie kunnen scholen een brede ontwikkeling bieden.", "Scholen vragen de subsidie aan via het loket van DUS-I."),
    ("Wat waren de uitkomsten van het experiment met de taalklas?", "result",
     "Er is een experiment gestart met taalklassen op scholen met meer dan 40 procent nieuwkomers.",
     "Uit het experiment blijkt dat de taalklas de doorstroom verbetert."),
    ("What were the results of the pilot?", "result", "A pilot has started in twelve schools.", "De pilot heeft geleid tot minder uitval."),
    ("Hoe heet de leerling die de brief schreef?", "person", "Een leerling van de school schreef de minister een brief.",
     "De brief is geschreven door leerling J. de Boer."),
    ("In welke gemeenten draait het project al?", "name", "In sommige gemeenten draait het project al.",
     "Het project draait al in Rotterdam en Zwolle."),
    ("Which schools are taking part in the pilot?", "name", "a pilot with a small group of schools", "De pilot loopt op het Zuiderlicht College."),
    ("Op welke data zijn de examens in 2024?", "date", "De examens vinden in 2024 plaats.", "De examens zijn op 13 en 14 mei 2024."),
    ("Hoe hoog is die toelage (over: de toelage voor leraren)?", "figure",
     "De toelage voor leraren is voor de schooljaren 2021/22 en 2022/23 ingevoerd.", "De toelage voor leraren bedraagt 8 procent van het salaris."),
    ("Hoeveel kreeg elke vestiging?", "money", "Bijna 700 vestigingen kregen € 50 miljoen.", "Elke vestiging kreeg € 70.000 per vestiging."),
    # a change over time is not answered by today's figure
    ("Is het bereik van de voorschool nu hoger dan tien jaar geleden?", "trend", "De voorschool bereikt 80 procent van de peuters.",
     "Het bereik van de voorschool is sinds 2012 gestegen van 70 naar 80 procent."),
    ("En hoeveel was dat tien jaar geleden?", "trend", "Basisscholen krijgen jaarlijks bijna 300 miljoen euro.",
     "Dat is 40 miljoen meer dan tien jaar eerder: het budget is gestegen."),
    # results that are awaited or looked into are none yet
    ("Wat zijn de uitkomsten van de schoolkostenmonitor?", "result", "Ik verwacht eind mei de resultaten van de schoolkostenmonitor.",
     "Uit de schoolkostenmonitor blijkt dat de kosten zijn gestegen."),
    ("Wat kwam er uit het onderzoek naar het bindend studieadvies?", "result", "Er wordt onderzocht of het bindend studieadvies werkt.",
     "Uit het onderzoek bleek dat het bindend studieadvies de uitval niet verlaagt."),
    # a person by a role: the name with that role or whose it is beside it; plural roles right after 'welke'
    ("Wat is de naam van de leerling van het Eckartcollege die mailde?", "person",
     "Samen met mijn collega-minister Mariëlle Paul werk ik aan kansengelijkheid.", "De mail van leerling J. de Wit van het Eckartcollege kwam laat aan."),
    ("Welke onderzoekers hebben het Pre-COOL-onderzoek gedaan?", "person", "Het Pre-COOL-onderzoek loopt al jaren.",
     "Het onderzoek is uitgevoerd door onderzoeker P. Leseman."),
    # several schools or places asked: names of them, not their number or an abbreviation
    ("Welke twaalf po- en vo-scholen doen mee aan de pilot?", "name", "Er is een pilot met twaalf po- en vo-scholen in APC-gebieden.",
     "Het Spaarne College en De Regenboog doen mee."),
    ("Welke gemeenten werken al met een centraal aanmeldsysteem?", "name", "In sommige gemeenten wordt een centraal aanmeldsysteem gebruikt.",
     "Amsterdam, Utrecht en Den Haag gebruiken een centraal aanmeldsysteem."),
    ("Vanaf welk studiejaar is het collegegeld gehalveerd?", "date", "Het collegegeld is gehalveerd.", "Sinds studiejaar 2018-2019 is het collegegeld gehalveerd."),
    ("Hoeveel schoolvestigingen kregen al middelen?", "count", "De middelen zijn al verdeeld.", "Bijna 700 vestigingen kregen al middelen."),
    # which schools they are: their names, not how many ('Welke mbo-scholen zijn dat?' after 'Hoeveel mbo-scholen …')
    ("Welke mbo-scholen zijn dat?", "name", "Met het project worden 15 mbo-scholen geholpen.", "Het project loopt op het Zuiderlicht College."),
    ("Which schools are they?", "name", "Fifteen schools take part.", "De pilot loopt op het Zuiderlicht College."),
    # a programme's or fund's name is no school's or place's name
    ("Welke scholen zijn dat?", "name", "Deze scholen krijgen geld uit het Nationaal Programma Onderwijs.",
     "Het Zuiderlicht College en het Montessori Lyceum doen mee."),
    ("In welke gemeenten loopt dat?", "name", "Dat loopt via de Gelijke Kansen Alliantie.", "Het loopt in Tilburg en Almere."),
    # a why-question in the past tense asks a reason too
    ("Waarom hadden de scholen eerder besloten niet mee te doen?", "reason", "De scholen doen nu toch mee.",
     "De scholen deden niet mee omdat de toetsen te duur waren."),
    ("Welke effecten zien schoolleiders van de toelage?", None, "", ""),  # effects, no person: a role far after 'welke' asks none
    ("Welke maatregelen voor studenten noemt de brief?", None, "", ""),
    # English forms of the same kinds
    ("How much should the government invest each year in teachers?", "money", "The SER asks the government to invest in teachers.",
     "De overheid moet jaarlijks 1 miljard euro investeren in leraren."),
    ("Which towns or cities are among the pioneer areas?", "name", "Er zijn 44 voorlopers die al een rijke schooldag bieden.",
     "Voorlopers zijn onder meer Rotterdam, Tilburg en Zwolle."),
    ("What did the evaluation conclude about segregation?", "result", "Wat de effecten op lokaal niveau zijn, is nog niet te zeggen.",
     "Uit de evaluatie blijkt dat de segregatie is afgenomen."),
    ("How did Dutch pupils score in the 2022 study?", "result", "Nederland doet in 2022 mee aan het onderzoek.",
     "De Nederlandse leerlingen scoorden in 2022 lager: de resultaten zijn gedaald."),
    # results asked with the source in between, or as findings or conclusions of a study; a study under way is none
    ("Wat waren volgens de SER de conclusies van de evaluatie van de lerarenbeurs?", "result",
     "De lerarenbeurs wordt geëvalueerd.", "Uit de evaluatie blijkt dat de lerarenbeurs vaker wordt gebruikt."),
    ("Which findings of the study into school choice does the minister mention?", "result",
     "Een consortium onderzoekt de gevolgen van schoolkeuze.", "Het onderzoek laat zien dat ouders vaker dichtbij kiezen."),
    ("What did the school costs monitor, expected at the end of May, actually find?", "result",
     "Als eind mei de resultaten van de schoolkostenmonitor bekend zijn, doe ik een voorstel.",  # awaited: none yet
     "Uit de schoolkostenmonitor blijkt dat de kosten zijn gestegen."),
    # a person's name counts with the asked role beside it, and not as another body's role
    ("Wie is de voorzitter van de VO-raad?", "person", "Daar is Judith van Biemen (voorzitter SOVOP) realistisch in.",
     "Mevr. A. de Jong, voorzitter van de VO-raad, opende de dag."),
    ("Wat is de naam van de leerling die de minister mailde?", "person",
     "Samen met mijn collega-minister Mariëlle Paul werk ik dagelijks aan kansengelijkheid voor alle leerlingen.",
     "De mail kwam van leerling J. de Wit."),
    # places by name: a capitalised Dutch word is no place unless it stands where a place stands
    ("In welke gemeenten liggen de startende gebieden?", "name", "Ik ben in gesprek met Meer muziek in de Klas over de gebieden.",
     "De startende gebieden liggen onder meer in Zaanstad en Zwolle."),
    # how to apply, asked of anyone ('een huiswerkinstituut', 'ze')
    ("Hoe kan een huiswerkinstituut het keurmerk aanvragen?", "signup", "De brancheorganisatie stelt een keurmerk op.",
     "Instituten kunnen het keurmerk aanvragen via de website van de brancheorganisatie."),
    ("Hoe kan ze een aanvraag doen bij het studentenfonds?", "signup", "Er komt een studentenfonds van 10 miljoen euro.",
     "Studenten melden zich via het loket van hun instelling."),
    ("What budget does the Gelijke Kansen Alliantie get from the ministry each year?", "money",  # who gets it, by name
     "Daarnaast ga ik het budget voor het leerplusarrangement structureel verhogen met € 105 miljoen.",
     "De Gelijke Kansen Alliantie krijgt jaarlijks € 3 miljoen."),
    # an amount by any '…bedrag', or asked as 'what budget does … get'; a monthly amount only per month
    ("Welk maximumbedrag voor de ouderbijdrage noemt de brief?", "money", "De ouderbijdrage is vrijwillig.",
     "De ouderbijdrage is maximaal € 150 per jaar."),
    ("What budget does the network get from the ministry?", "money", "The ministry supports the network.",
     "Het netwerk krijgt jaarlijks € 2 miljoen van het ministerie."),
    ("Hoeveel geld krijgt een student per maand aan basisbeurs?", "money", "De basisbeurs bedraagt in totaal € 3.000 per jaar.",
     "De basisbeurs is € 274 per maand."),
    # the place one school or organisation is in
    ("In welke plaats zit het Pieter Zeeman Lyceum?", "place", "Het Pieter Zeeman Lyceum is een brede school.",
     "Het Pieter Zeeman Lyceum in Zierikzee biedt alle richtingen."),
    ("In which town is the Spaarne College?", "place", "Het Spaarne College biedt bijspijkerlessen.",
     "Op het Spaarne College in Haarlem geven leraren bijspijkerlessen."),
    # a count stops at a preposition: 'vijf praktijkvoorbeelden van scholen' counts no scholen
    ("Hoeveel scholen vallen onder het bestuur?", "count", "Ter inspiratie worden vijf praktijkvoorbeelden van scholen gedeeld.",
     "Onder het bestuur vallen zeven scholen."),
    # children by another name: 'hoeveel peuters' is counted by 'kinderen'
    ("Hoeveel peuters gaan naar de voorschool?", "count", "De voorschool duurt 16 uur per week.",
     "Ongeveer 80 procent van de circa 57.900 kinderen voor wie de voorschool bedoeld is, gaat."),
])
def test_near_misses_of_other_kinds_are_filled_only_by_what_they_ask(lexical, question, kind, unfilled, filled):
    slot = slot_of(question)
    assert (slot.kind if slot else None) == kind
    if kind:
        assert not fills(slot, unfilled, question, lexical)
        assert fills(slot, filled, question, lexical)


@pytest.mark.slow
@pytest.mark.parametrize("question, subject, beside, answer", [
    ("Hoeveel geld trekt het kabinet uit voor schoolmaaltijden voor leerlingen die thuis niet ontbijten?",
     "Leerlingen die thuis niet ontbijten krijgen op school een maaltijd; het kabinet werkt de schoolmaaltijden verder uit.",
     "Daarnaast ga ik het budget voor het leerplusarrangement structureel verhogen met € 105 miljoen.",
     "Voor de schoolmaaltijden trekt het kabinet € 30 miljoen uit voor leerlingen die thuis niet ontbijten."),
])
def test_an_amount_beside_the_subject_is_not_the_asked_one(assistant, question, subject, beside, answer):
    """An amount counts only in a sentence (read with the one before it) about the question's subject about as much as the
    best sentences are: the budget of another programme in the sentence before does not say what the asked thing gets."""
    from assistant.answer.evidence.features import analyse
    from assistant.answer.extractive import gate, rank
    from assistant.types import Passage

    def passage(text):
        return Passage("corpus/p.txt::0", text, "corpus/p.txt", "Pagina", "webpagina", "2023-03-10", "", None, "", 0, len(text), [],
                       ["po"], score=1.0, rank=1)

    lexical = assistant.retriever.snapshot().lexical
    q = analyse(question, lexical)
    slot, ranked = gate(q, rank(q, [passage(f"Over iets anders. {beside} {subject}")], lexical), lexical)
    assert slot.kind == "money" and ranked == []
    slot, ranked = gate(q, rank(q, [passage(f"Over iets anders. {beside} {subject} {answer}")], lexical), lexical)
    assert ranked and ranked[0].span.text == answer


@pytest.mark.slow
@pytest.mark.parametrize("question, reason", [
    ("Wat vindt het LAKS van later selecteren en de brede brugklas?", "geen standpunt van het LAKS"),  # only another source's view
    ("Wat vindt de Onderwijsraad van stagediscriminatie in het mbo?", "geen standpunt van de Onderwijsraad"),
])
def test_a_view_asked_of_a_body_is_that_body_s_own(assistant, question, reason):
    """What a body thinks is given by its own document or a sentence that names it; the SER's view on the same subject is not
    the LAKS's, so the answer says the documents hold no view of it (and shows the related passages, labelled as such)."""
    answer = assistant.ask(question)
    assert not answer.answered and not answer.citations and reason in answer.text, answer.text
    own = assistant.ask("Wat vindt de SER van vroeg selecteren?")
    assert own.answered and own.citations[0].passage.publisher.startswith("Sociaal-Economische Raad")
