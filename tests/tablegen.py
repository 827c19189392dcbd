"""Test fixtures for intervention indexes: a realistic sample index and small files in Dutch conventions.

The sample index is invented for tests (modelled on the style of the Onderwijskennis / Education Endowment
Foundation toolkit); its figures are plausible, not real research results.
"""
from __future__ import annotations

from pathlib import Path

TITLE = "Interventie-index kansengelijkheid — TESTBESTAND, verzonnen inhoud"
HEADER = ["Naam", "Omschrijving", "Effect (maanden)", "Kosten", "Bewijskracht", "Doelgroep", "Sector", "Bron"]
ROWS = [
    ["Feedback geven", "Leraren geven leerlingen gerichte informatie over hun werk en hoe ze het kunnen verbeteren.", 6, "zeer laag", "gemiddeld", "alle leerlingen", "po, vo", "Onderwijskennis (fictief) 2023"],
    ["Metacognitie en zelfregulatie", "Leerlingen leren hun eigen leerproces te plannen, te bewaken en te evalueren.", 7, "zeer laag", "hoog", "alle leerlingen", "po, vo", "EEF-toolkit (fictief) 2022"],
    ["Tutoring één-op-één", "Een leraar of getrainde tutor werkt individueel met een leerling aan een achterstand.", 5, "hoog", "hoog", "leerlingen met achterstand", "po, vo", "Onderwijskennis (fictief) 2023"],
    ["Tutoring in kleine groepen", "Een tutor werkt met twee tot vijf leerlingen tegelijk aan lezen of rekenen.", 4, "gemiddeld", "gemiddeld", "leerlingen met achterstand", "po, vo", "EEF-toolkit (fictief) 2022"],
    ["Lezen met begrip", "Expliciete instructie in leesstrategieën zoals voorspellen, samenvatten en vragen stellen.", 6, "zeer laag", "hoog", "alle leerlingen", "po, vo", "Onderwijskennis (fictief) 2023"],
    ["Mondelinge taalvaardigheid", "Gestructureerde gesprekken in de klas om woordenschat en spreekvaardigheid te vergroten.", 6, "zeer laag", "gemiddeld", "leerlingen met een andere thuistaal", "vve, po", "EEF-toolkit (fictief) 2022"],
    ["Vroegschoolse educatie", "Een programma voor peuters en kleuters gericht op taal, rekenen en sociale ontwikkeling.", 5, "hoog", "gemiddeld", "peuters en kleuters met risico op achterstand", "vve", "Onderwijskennis (fictief) 2021"],
    ["Ouderbetrokkenheid", "De school betrekt ouders actief bij het leren thuis, bijvoorbeeld met voorleesmateriaal.", 4, "laag", "gemiddeld", "ouders en leerlingen", "vve, po", "EEF-toolkit (fictief) 2022"],
    ["Zomerschool", "Een programma van enkele weken in de zomervakantie met lessen en activiteiten.", 3, "gemiddeld", "laag", "leerlingen met achterstand", "po, vo", "Onderwijskennis (fictief) 2023"],
    ["Verlengde schooldag", "Extra lestijd of activiteiten na schooltijd, gericht op leren en brede ontwikkeling.", 3, "gemiddeld", "laag", "leerlingen in achterstandswijken", "po, vo", "EEF-toolkit (fictief) 2022"],
    ["Huiswerkbegeleiding", "Begeleid maken van huiswerk op school onder toezicht van een begeleider.", 2, "laag", "laag", "leerlingen zonder rustige plek thuis", "vo", "Onderwijskennis (fictief) 2022"],
    ["Kleinere klassen", "Het aantal leerlingen per klas verlagen, meestal tot minder dan twintig.", 2, "zeer hoog", "laag", "alle leerlingen", "po", "EEF-toolkit (fictief) 2022"],
    ["Onderwijsassistenten", "Inzet van onderwijsassistenten in de klas ter ondersteuning van de leraar.", 1, "hoog", "gemiddeld", "alle leerlingen", "po", "Onderwijskennis (fictief) 2023"],
    ["Zittenblijven", "Een leerling doet een leerjaar opnieuw wanneer de resultaten achterblijven.", -3, "zeer hoog", "gemiddeld", "leerlingen met achterstand", "po, vo", "EEF-toolkit (fictief) 2022"],
    ["Homogeen groeperen op niveau", "Leerlingen worden voor alle vakken in vaste niveaugroepen of -klassen geplaatst.", -1, "zeer laag", "laag", "alle leerlingen", "po, vo", "Onderwijskennis (fictief) 2022"],
    ["Flexibel groeperen binnen de klas", "Leerlingen werken tijdelijk in wisselende niveaugroepjes binnen de eigen klas.", 3, "zeer laag", "laag", "alle leerlingen", "po", "EEF-toolkit (fictief) 2022"],
    ["Samenwerkend leren", "Leerlingen werken in kleine groepen aan gestructureerde opdrachten met elk een eigen rol.", 5, "zeer laag", "gemiddeld", "alle leerlingen", "po, vo", "Onderwijskennis (fictief) 2023"],
    ["Peer tutoring", "Leerlingen geven elkaar uitleg, bijvoorbeeld een oudere leerling aan een jongere.", 5, "zeer laag", "gemiddeld", "alle leerlingen", "po, vo", "EEF-toolkit (fictief) 2022"],
    ["Mentoring", "Een volwassene of oudere jongere begeleidt een leerling bij school en toekomstkeuzes.", 2, "gemiddeld", "gemiddeld", "kwetsbare jongeren", "vo, mbo", "Onderwijskennis (fictief) 2022"],
    ["Sociaal-emotioneel leren", "Lessen in het herkennen en hanteren van emoties en in omgaan met anderen.", 4, "laag", "gemiddeld", "alle leerlingen", "po, vo", "EEF-toolkit (fictief) 2022"],
    ["Gedragsinterventies", "Schoolbrede aanpak om gewenst gedrag te stimuleren en verstoring te verminderen.", 4, "laag", "gemiddeld", "leerlingen met gedragsproblemen", "po, vo", "Onderwijskennis (fictief) 2023"],
    ["Schoolontbijt", "Leerlingen krijgen op school een gratis ontbijt voor de lessen beginnen.", 2, "laag", "laag", "leerlingen uit gezinnen met weinig geld", "po", "Onderwijskennis (fictief) 2023"],
    ["Digitale leermiddelen", "Inzet van adaptieve oefensoftware en digitale middelen naast de instructie.", 4, "gemiddeld", "gemiddeld", "alle leerlingen", "po, vo", "EEF-toolkit (fictief) 2022"],
    ["Beheersingsgericht leren", "Leerlingen gaan pas door naar nieuwe stof als zij de vorige beheersen, met extra instructie waar nodig.", 5, "laag", "gemiddeld", "alle leerlingen", "po, vo", "EEF-toolkit (fictief) 2022"],
    ["Fonologisch bewustzijn", "Oefenen met klanken in woorden als voorbereiding op leren lezen.", 4, "zeer laag", "gemiddeld", "kleuters", "vve, po", "Onderwijskennis (fictief) 2021"],
    ["Loopbaanoriëntatie", "Leerlingen verkennen beroepen en opleidingen met gastlessen, stages en gesprekken.", 1, "laag", "zeer laag", "leerlingen in het vmbo en mbo", "vo, mbo", "Onderwijskennis (fictief) 2022"],
    ["Schooluniform", "Alle leerlingen dragen op school dezelfde kleding.", 0, "laag", "zeer laag", "alle leerlingen", "vo", "EEF-toolkit (fictief) 2022"],
    ["Kunst- en cultuureducatie", "Deelname aan muziek, beeldende kunst, dans of theater tijdens of na schooltijd.", 3, "gemiddeld", "laag", "alle leerlingen", "po, vo", "EEF-toolkit (fictief) 2022"],
    ["Sport en bewegen", "Extra sport- en beweegactiviteiten om betrokkenheid bij school te vergroten.", 1, "gemiddeld", "laag", "alle leerlingen", "po, vo", "Onderwijskennis (fictief) 2022"],
    ["Instructie in schrijven", "Expliciet aanleren van plannen, schrijven en reviseren van teksten.", 6, "zeer laag", "hoog", "alle leerlingen", "po, vo, mbo", "Onderwijskennis (fictief) 2023"],
]
NOTES = [
    "Toelichting bij de interventie-index (testbestand)",
    "Deze index is verzonnen voor de tests van Kansenwijzer en geeft geen echte onderzoeksresultaten weer.",
    "Effect is uitgedrukt in maanden extra leervooruitgang per leerling per schooljaar.",
    "Kosten en bewijskracht lopen van zeer laag tot zeer hoog.",
]


def write_sample_index(path: Path) -> Path:
    """The committed sample index: sheet 'Index' with a title row, a blank row and 30 interventions; sheet 'Toelichting' with notes."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Index"
    ws.append([TITLE])
    ws.append([])
    ws.append(HEADER)
    for row in ROWS:
        ws.append(row)
    notes = wb.create_sheet("Toelichting")
    for line in NOTES:
        notes.append([line])
    wb.save(path)
    return path


if __name__ == "__main__":
    write_sample_index(Path(__file__).parent / "data" / "interventie-index.xlsx")
