"""What a factual question asks for exactly (an amount, a count of something, a percentage, a date, an end date, a name),
and whether a sentence states it.

A question that asks for an amount is not answered by a sentence about the same subject without one: 'Hoeveel geld krijgen
de twintig nieuwe scholen?' is not answered by 'er starten twintig nieuwe scholen'. The slot is the asked thing; only a
sentence that fills it can answer, and when none of the best evidence does, the honest answer says the documents do not
give it (and shows what they do say). Only clear question forms get a slot; open and how-to questions never do.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.index.lexical import LexicalIndex, analyze

NUMBER_WORDS = r"(?:een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|twintig|dertig|veertig|" \
               r"vijftig|honderd|duizend|\w+tig|\w+honderd|\w+duizend|(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twintig)tal)"
AMOUNT = re.compile(rf"€\s?\d|\b\d[\d.,]*\s*(?:mln|miljoen|miljard|mld|mrd|euro|eur)\b|\b{NUMBER_WORDS}\s+(?:miljoen|miljard)\b|"
                    r"\bmiljard\b|\b\d[\d.,]*\s*(?:k|duizend)\s*euro\b", re.I)
PERCENT = re.compile(r"\b\d[\d.,]*\s*(?:%|procent|procentpunt)|\b(?:helft|kwart|derde|vijfde|tiende)\b", re.I)
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# A reference to a publication ('SER (2021) Een kansrijke start …'); a list of them is no claim to quote.
REFERENCE = re.compile(r"\b[A-Z][\w&.-]*(?: [A-Z&][\w&.-]*)* \((?:19|20)\d{2}[a-z]?\)")
FOOTNOTE_NUMBER = re.compile(r"^\s*\d{1,2} (?=\s*" + REFERENCE.pattern + ")")  # '2 ' before 'SER (2021) …'
# A year the question ties to a figure it states itself ('de € 52 mln. in 2022', 'in 2022 bedroeg dat € 52 mln.'): the
# question gives that year's figure and asks another.
STATED_FIGURE = r"(?:€\s?\d[\d.,]*(?:\s*(?:mln|miljoen|miljard|mld)\b\.?)?|\b\d[\d.,]*\s*(?:mln|miljoen|miljard|mld|euro|procent)\b\.?|\b\d[\d.,]*\s*%)"
GIVEN_YEAR = re.compile(rf"{STATED_FIGURE}\s*(?:\w+\s+){{0,2}}?(?:in|voor|van|uit)\s+(?P<after>(?:19|20)\d{{2}})\b|"
                        rf"\bin (?P<before>(?:19|20)\d{{2}}) (?:bedroeg|bedragen|was|waren|kreeg|kregen|ging|gingen|is|zijn)\b[^?]{{0,40}}?{STATED_FIGURE}",
                        re.I)
PUBLISHED = re.compile(r"publiceer|gepubliceerd|verscheen|verschenen|uitgebracht|uitgekomen|uitgegeven|publish|appeared|released", re.I)
DATE = re.compile(r"\b(?:19|20)\d{2}\b|\b(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
                  r"voorjaar|zomer|najaar|winter|schooljaar|kalenderjaar)\b|"
                  r"\b(?:vorig|volgend|komend|afgelopen|dit|deze|vorige|volgende|komende)e? (?:jaar|schooljaar|kabinetsperiode|maand)\b", re.I)
UNTIL = re.compile(r"\b(?:tot(?: en met)?|t/m|uiterlijk|eind(?:e|igt)?|afgerond|loopt|looptijd|stopt|vervalt)\b|"
                   r"\b(?:19|20)\d{2}\s*[-–/]\s*(?:19|20)?\d{2}\b", re.I)
QUOTED_NAME = re.compile(r"['‘\"“][A-Z][^'’\"”]{2,80}['’\"”]")

ASKS_PERCENT = re.compile(r"\b(?:welk percentage|hoeveel procent|hoe groot is het (?:aandeel|percentage)|what percentage|what share|"
                          r"welk (?:deel|aandeel)|hoe groot (?:een |het )?(?:deel|aandeel)|what (?:part|proportion|fraction)|"
                          r"how many percent)\b", re.I)
ASKS_MONEY = re.compile(
    r"\b(?:hoeveel (?:extra |meer |minder )?(?:(?:duizend|miljoen|miljard|mln|mld) )?(?:geld|euro|budget|subsidie|middelen)|welk \w*bedrag|om welk bedrag|voor welk bedrag|"
    r"hoeveel (?:is|was|wordt|werd|zijn|waren) (?:het|de|dat|dit) \w*(?:bedrag|budget|subsidie|bijdrage|vergoeding|investering)\w*|"
    r"hoe (?:hoog|groot) (?:is|was|wordt|zijn) (?:het|de) \w*(?:bedrag|budget|subsidie|bijdrage|vergoeding|investering|kosten)\w*|"
    r"hoeveel (?:bedraagt|bedroeg|bedragen)|hoeveel (?:kreeg|kregen|krijgt|krijgen|ontving|ontvingen|ontvangt|ontvangen) (?:elke|iedere|één|per)\b|wat kost|wat kosten|wat kostte|hoeveel kost\w*|hoe duur|wat zijn de kosten|wat (?:zou|zouden|gaat|gaan|moet|moeten) .{0,150}\bkosten|"
    r"how much (?:extra |more |additional )?(?:money|funding|budget|does|did|will|is|are|was|should|would|could|must|do)\b(?! you| it help)|what does .* cost|"
    r"what (?:is|was|are|were) the (?:[\w-]+ ){0,2}?(?:budget|amount|costs?|funding)|which amount|"
    r"what (?:[\w-]+ ){0,2}?(?:budget|amount|funding) (?:does|did|do|will|is|was|are|were))\b", re.I)
ASKS_FIGURE = re.compile(r"\b(?:hoe (?:hoog|groot) (?:is|was|wordt|zijn|waren) (?:de|het|die|deze|dat|dit)|welke maximale|welk maximum|hoe lang (?:is|zijn) de|"
                         r"how (?:high|large|big) (?:is|was|are) the)\b", re.I)
ASKS_UNTIL = re.compile(r"\b(?:tot wanneer|tot welke datum|tot welk jaar|hoe lang (?:loopt|duurt|geldt|blijft)|einddatum|"
                        r"uiterste (?:aanvraag)?datum|aanvraagdatum|sluitingsdatum|deadline|closing date|"
                        r"wanneer (?:loopt|stopt|eindigt|vervalt) .*?(?:af|op)?\b|until when|how long (?:does|will|is)|"
                        r"when does .* end)\b", re.I)
ASKS_DATE = re.compile(r"^\s*(?:en |maar |and |but )?(?:vanaf |per |sinds |tegen |since |by )?(?:wanneer|when)\b|"
                       r"\b(?:in welk jaar|welk jaar|welke datum|op welke datum|welke data|op welke data|op welke dagen?|in welke maand|welke maand|which year|what year|what date|"
                       r"which month|what month|on what day|vanaf welk (?:school|studie|college)?jaar|welk (?:school|studie|college)jaar|from which (?:school |academic |study )?year)\b", re.I)
ASKS_NAME = re.compile(r"\b(?:hoe heet|hoe heten|welke naam|wat is de naam|onder welke naam|what is the name|what are the names|"
                       r"(?:what|how) is .* called|what are .* called)\b|"
                       r"\bwelke (?:\w+ )?[\w]*-?(?:scholen|gemeenten|organisaties|instellingen|partijen|coalities)\b.*\b(?:mee|deel)\b|"
                       r"\bwelke (?:\w+ )?[\w]*-?(?:scholen|gemeenten|organisaties|instellingen|partijen|coalities) (?:zijn|waren) (?:dat|dit|het)\b|"
                       r"\bwhich (?:\w+ )?(?:schools|municipalities|organi[sz]ations|institutions|parties|coalitions) (?:are|were) (?:they|those|these)\b|"
                       rf"\bwelke (?:{NUMBER_WORDS}|\d+) (?:[\w-]+ ){{0,3}}?[\w]*-?(?:scholen|gemeenten|organisaties|instellingen|partijen|coalities|programma's)\b|"
                       r"\bwelke (?:\w+ )?(?:gemeenten|steden|regio's|provincies|plaatsen|wijken)\b|"
                       r"\b(?:in|bij|op) welke (?:\w+ )?(?:gemeenten|scholen|steden|regio's|provincies|plaatsen|wijken)\b|"
                       r"\bwhich (?:\w+ )?(?:schools|municipalities|organi[sz]ations|cities|towns)\b.*\b(?:take|takes|taking|took) part\b|"
                       r"\bwhich (?:\w+ )?(?:schools|municipalities|organi[sz]ations|cities|towns)\b.*\bparticipat|"
                       r"\bin which (?:\w+ )?(?:municipalities|cities|towns|schools|regions)\b|"
                       r"\bwhich (?:\w+ )?(?:towns|cities|municipalities|regions|provinces)\b", re.I)
# Several places or schools asked by name ('Welke 15 mbo-scholen …', 'In welke gemeenten …'): only a list of names answers.
PLACES_ASKED = re.compile(r"\b(?:welke|which) (?:[\w-]+ ){0,4}?[\w]*-?(?:scholen|gemeenten|steden|regio's|provincies|plaatsen|wijken|"
                          r"instellingen|schools|municipalities|cities|towns|regions)\b", re.I)
PROPER = re.compile(r"(?<=[\w,;:(] )[A-Z][a-zà-ÿ][\w'-]*(?:\s+[A-Z][\w'-]+)*")
# A consequence the question asks for ('Wat gebeurt er als …', 'what happens to …'), and the ones it names: a sanction, a
# repayment, compensation. A sentence on the same subject that states none of them does not answer it.
ASKS_CONSEQUENCE = re.compile(r"\bwat gebeurt er\b|\bwat (?:is|zijn|was|waren) (?:het|de) gevolg(?:en)?\b|\bwelke gevolgen\b|"
                              r"\bwhat happens\b|\bwhat (?:is|are|were) the consequences?\b|\bwhat consequences?\b", re.I)
NAMED_CONSEQUENCES = {  # what the question may name (Dutch or English) -> what the evidence must then say (Dutch)
    r"sanctie|sanction|\bstraf|penalt": r"sanctie|sanctione|\bstraf|maatregel(?:en)? tegen",
    r"boete|\bfines?\b|fined": r"boete",
    r"terugbeta|terugvorder|terug (?:betalen|geven|storten)|pay (?:it |them |the money )?back|repay|reclaim": r"terugbeta|terugvorder|terug te betalen|terugstort",
    r"compensat|schadeloos|tegemoetkoming": r"compensat|schadeloos|tegemoetkoming",
    r"overgangsregeling|transitional (?:arrangement|scheme)|phase.in": r"overgangsregeling|overgangsperiode|ingroeipad|geleidelijk",
    r"klacht|complain": r"klacht|meldpunt",
}
CONSEQUENCE_WORDS = re.compile(r"\bgevolg|\bleidt tot\b|\bwaardoor\b|\bvervalt\b|\bverlies|\bverliest\b|terugbeta|terugvorder|sanctie|boete|"
                               r"\bdan (?:moet|moeten|mag|mogen|krijgt|krijgen|vervalt|vervallen|wordt|worden|kan|kunnen)\b|\bkorting\b|"
                               r"\bstopt\b|\bmoet(?:en)? (?:\w+ ){0,5}terug\b|\b(?:als|wanneer|indien)\b", re.I)  # 'wordt bijgesteld als …' 
# A person asked by role ('Wie is de rector van …', 'Who chaired …'): only a person's name answers, not the organisation.
ROLES = (r"rector|directeur|voorzitter|projectleider|onderzoeker|wethouder|woordvoerder|staatssecretaris|contactpersoon|"
         r"co[öo]rdinator|schoolleider|burgemeester|minister (?:van|voor|of) [A-Z]\w+|chair(?:man|woman|person)?|director|spokesperson|"
         r"project leader|researcher|alderman|state secretary|principal|headteacher|mayor")
# People asked by a role anyone may have ('de leerling die mailde'): only asked by name ('hoe heet de leerling'), since
# 'welke maatregelen voor studenten' asks no person.
PLAIN_ROLES = r"leerling|scholier|student|leraar|docent|afzender|schrijver"
ASKS_PERSON = re.compile(rf"\b(?:wie|welke|which|who)\b[^?]{{0,50}}?\b(?:{ROLES})\b|\b(?:welke|which) (?:\w+ )?(?:{ROLES})(?:s|en)\b|"
                         rf"\bhoe heet de (?:{ROLES}|{PLAIN_ROLES})\b|"
                         rf"\bnaam van (?:de|het|een|die) (?:{ROLES}|{PLAIN_ROLES})\b|\bname of the (?:{ROLES}|pupil|student|teacher)\b|"
                         rf"\bwie (?:is|was|zijn|waren) (?:de|het) (?:{PLAIN_ROLES})\b|"
                         r"\bwho (?:chaired|chairs|leads|led|heads|headed)\b|\bwie (?:leidt|leidde|zat .* voor)\b", re.I)
# Who sent, mailed or signed something ('Wie heeft namens het Eckartcollege de vragen gestuurd?'): a name beside sending.
ASKS_SENDER = re.compile(r"\bwie (?:heeft|hebben|had|hadden)\b[^?]{0,80}?\b(?:gestuurd|verstuurd|gemaild|ondertekend|ingediend)\b|"
                         r"\bwie (?:stuurde|stuurden|mailde|mailden|ondertekende|ondertekenden)\b|\bwho (?:signed|wrote|sent|mailed)\b",
                         re.I)
SENDING = re.compile(r"stuur|stuurd|mail|onderteken|afzender|namens|geschreven door|signed|sent by|written by", re.I)
ENGLISH_ROLES = (r"chair(?:man|woman|person)?|director|spokesperson|project leader|researcher|alderman|state secretary|principal|"
                 r"headteacher|mayor")
PERSON_NAME = re.compile(r"\b(?:[A-Z]\.\s?){1,4}(?:(?:van|de|der|den|van der|van den)\s)?[A-Z][a-z]+|"
                         r"\b(?:dhr|mevr|mr|dr|prof|drs|ir)\.?\s+(?:[A-Z]\.\s?)*[A-Z][a-z]+|"
                         r"\b(?:minister|staatssecretaris|wethouder|rector|directeur|voorzitter|burgemeester)\s+(?!van\b|voor\b)[A-Z][a-z]{2,}|"
                         r"\b[A-Z][a-z]+ (?:van der |van den |van |de |ter |ten )[A-Z][a-z]+|"
                         r"\b[A-Z][a-z]+ [A-Z][a-z]+ \((?:voorzitter|directeur|rector|wethouder|projectleider|onderzoeker|leraar|docent)")
# Conditions or criteria ('Aan welke voorwaarden moet … voldoen?'): a sentence on the subject without any is no answer.
ASKS_CONDITION = re.compile(r"\b(?:aan |onder |volgens )?welke (?:voorwaarden|eisen|criteria)\b|\bwhich (?:conditions|criteria|requirements)\b|"
                            r"\bwhat (?:are the )?(?:conditions|criteria|requirements)\b", re.I)
CONDITION_WORDS = re.compile(r"voorwaarde|\beis(?:en)?\b|criteri|moet(?:en)? (?:\w+ ){0,6}voldoen|\balleen (?:als|wanneer|indien|voor)\b|"
                             r"\bmits\b|\bindien\b|in aanmerking", re.I)
# Why a choice was made ('Waarom is … vastgesteld op 16 uur?'): the answer gives a reason for that choice.
ASKS_REASON = re.compile(r"\bwaarom (?:is|werd|wordt|zijn|werden|heeft|hebben|had|hadden|was|waren) (?:er )?(?:[\w-]+ ){0,8}?(?:gekozen|besloten|vastgesteld|bepaald|gesteld)\b|"
                         r"\bwhy (?:was|were|is|did|has|have) (?:[\w-]+ ){0,10}?(?:chosen|set|fixed|decided|picked|selected)\b", re.I)
REASON_WORDS = re.compile(r"\bomdat\b|\bwant\b|\bdaarom\b|\bvanwege\b|\bdoordat\b|\breden\b|\bzodat\b|\bgebaseerd op\b|\bop basis van\b", re.I)
# Where or how to sign up ('Waar kan ik me aanmelden voor …'): the answer says where or how.
ASKS_SIGNUP = re.compile(r"\b(?:hoe|waar) (?:kan|kunnen) (?:ik|je|ze|zij|hij|een school|een docent|we|wij|men|u|de school|scholen|docenten|"
                         r"leraren|ouders|gemeenten|(?:een|de|het) [\w-]+)\b(?:\s+[\w-]+){0,5}?\s+(?:aanmelden|inschrijven|"
                         r"opgeven|aanvragen|deelnemen|meedoen|een aanvraag (?:doen|indienen))\b|\b(?:where|how) can\b(?:\s+[\w-]+){0,6}?\s+(?:sign up|apply|register|join)\b", re.I)
SIGNUP_WORDS = re.compile(r"aanmeld|inschrijv|opgeven|aanvra|\bvia (?:de )?(?:website|site)\b|www\.|https?://|\bloket\b|\bformulier\b|"
                          r"\bDUS-I\b|\bRVO\b", re.I)

# The results of something ('Wat waren de resultaten van de pilot?'): a sentence that only says it started is no answer.
ASKS_RESULT = re.compile(r"\bwat (?:waren|zijn|is|was) (?:[\w-]+ ){0,4}?(?:de|het) (?:resultaten|resultaat|uitkomsten?|opbrengsten?|bevindingen|"
                         r"conclusies?)\b|"
                         r"\b(?:wat|welke)\b[^?]{0,60}\b(?:resultaten|uitkomsten|bevindingen|conclusies) (?:van|uit) (?:het|de|dat|die|deze) "
                         r"(?:[\w-]+ ){0,3}?(?:onderzoek|studie|evaluatie|pilot|experiment|monitor)|"
                         r"\b(?:what|which)\b[^?]{0,60}\b(?:findings|results|outcomes?|conclusions?) (?:of|from) (?:the|that|this) "
                         r"(?:[\w-]+ ){0,4}?(?:study|research|evaluation|pilot|review|experiment|investigation)|"
                         r"\bwhat (?:were|are|was|is) the (?:findings|conclusions?)\b|"
                         r"\bwat (?:heeft|hebben) (?:[\w-]+ ){1,10}?opgeleverd\b|\bwhat (?:were|are|was|is) the (?:results?|outcomes?)\b|"
                         r"\bwhat did (?:[\w,-]+ ){1,12}?(?:achieve|deliver|yield|find|conclude|show|reveal)\b|\bwat (?:kwam|kwamen|komt) er uit\b|"
                         r"\bwat (?:bleek|blijkt) uit\b|\bwat is er uit (?:[\w-]+ ){1,8}?gekomen\b|\bwhat came out of\b|"
                         r"\bhow did (?:[\w-]+ ){1,6}?(?:score|perform|do)\b|"
                         r"\bhoe (?:scoorden|scoren|presteerden|presteren|deden) (?:de |het )?(?:[\w-]+ ){0,4}?(?:in|op|bij)\b", re.I)
# A result that is awaited or looked into ('Ik verwacht eind mei de resultaten', 'er wordt gekeken of … leidt tot') is none yet.
RESULT_PENDING = re.compile(r"\bverwacht\w*\b|\bwordt (?:gekeken|onderzocht|bekeken|nagegaan)\b|\bworden (?:onderzocht|bekeken)\b|"
                            r"\b(?:zal|zullen) (?:\w+ ){0,6}?(?:informeren|rapporteren|opleveren)\b|\bgeïnformeerd over\b|\bna oplevering\b|"
                            r"\bom te (?:kijken|bekijken|onderzoeken)\b|\bloopt (?:nog )?(?:een )?(?:vervolg)?onderzoek\b|"
                            r"\bnog niet (?:te zeggen|bekend|duidelijk)\b|\b(?:als|zodra|wanneer)\b[^.;]{0,80}\bbekend (?:zijn|is|worden|wordt)\b", re.I)
RESULT_WORDS = re.compile(r"resultat|uitkomst|opbrengst|\bblijkt\b|\bbleek\b|\blaat zien\b|\blieten zien\b|geleid tot|opgeleverd|"
                          r"\beffect|gestegen|gedaald|verbeterd|toegenomen|afgenomen", re.I)  # not a bare '75 procent': a criterion is no result

# A change over time or a comparison with another time ('hoger dan tien jaar geleden', 'de afgelopen jaren toegenomen of
# afgenomen'): a sentence that states today's figure only does not answer it.
ASKS_TREND = re.compile(r"\b(?:\w+ )?jaar geleden\b|\bvroeger\b.*\b(?:meer|minder|hoger|lager)\b|"
                        r"\b(?:toegenomen|afgenomen|gestegen|gedaald|gegroeid|gekrompen) of (?:toegenomen|afgenomen|gestegen|gedaald|"
                        r"gegroeid|gekrompen)\b|\bafgelopen (?:\w+ )?jaren?\b.*\b(?:toegenomen|afgenomen|gestegen|gedaald|veranderd)\b|"
                        r"\b(?:hoger|lager|meer|minder|groter|kleiner) dan (?:in |rond )?(?:19|20)\d{2}\b|"
                        r"\byears? ago\b|\b(?:increased|decreased|risen|fallen|grown) (?:or|and) (?:increased|decreased|risen|fallen|grown)\b|"
                        r"\b(?:higher|lower|more|less) than (?:in )?(?:19|20)\d{2}\b|\b(?:higher|lower|more|less) than \w+ years ago\b", re.I)
TREND_WORDS = re.compile(r"\b(?:toegenomen|afgenomen|gestegen|gedaald|gegroeid|verdubbeld|gehalveerd|toename|afname|stijging|daling|"
                         r"groei|ten opzichte van|vergeleken met|dan (?:in|vroeger|eerder)|steeds (?:meer|minder|vaker|groter|kleiner))\b", re.I)

# What a named body or person thinks of something ('Wat vindt het LAKS van later selecteren?'): only that body's own documents,
# or a sentence that names it, can say; another source's view on the same subject is not its view.
ASKS_OPINION = re.compile(r"\b(?i:wat) (?i:vindt|vinden|vond|vonden|denkt|denken|zegt|zeggen|zei|adviseert|adviseren|adviseerde|wil|willen|"
                          r"raadt|raden) (?P<who>(?:(?i:de|het) )?(?:(?i:minister|staatssecretaris) )?[A-Z][\w-]+(?: [A-Z][\w-]+)?)"
                          r"(?: (?i:eigenlijk|zelf|nou|nu|dan))* (?i:van|over|ervan|daarvan|hiervan|aan)\b|"
                          r"\b(?i:what) (?i:does|did|do) (?P<who_en>(?:(?i:the) )?[A-Z][\w-]+(?: [A-Z][\w-]+)?) (?i:think|say|recommend|advise)\b")

# A date asked finer than a year ('in welke maand', 'op welke datum'): a year alone does not answer it.
ASKS_PRECISE = re.compile(r"\b(?:in welke maand|welke maand|op welke (?:dag|dagen|datum|data)|welke datum|welke data|de precieze datum|exacte datum|"
                          r"which month|what month|on what (?:day|date)|what date|which date|exact date)\b", re.I)
PRECISE_DATE = re.compile(r"\b(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|january|"
                          r"february|march|june|july|august|october)\b|\b\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d{2}\b", re.I)
MONTHLY = re.compile(r"\bmaandelijks\w*|\bmonthly\b|\bper (?:maand|month)\b|\ba month\b", re.I)  # answered 'per maand' only
# Where one school or organisation is ('In welke plaats zit dat?'): a sentence that does not say 'in <Plaats>' does not answer.
ASKS_PLACE = re.compile(r"\b(?:in |op )?welke (?:plaats|stad|gemeente|woonplaats|provincie)\b(?! \w+ (?:meer|minder))|"
                        r"\bwaar (?:zit|zitten|ligt|liggen) (?:de|het|die|dat|deze|dit)\b|\bwaar (?:is|zijn|staat) (?:[\w-]+ ){1,6}?gevestigd\b|"
                        r"\bin which (?:town|city|place|municipality|province)\b|\bwhere is (?:[\w-]+ ){1,6}?(?:located|based)\b|"
                        r"\bwhich (?:town|city) is\b", re.I)
IN_PLACE = re.compile(r"\b(?:in|te|uit) (?:[A-Z][a-zà-ÿ]+(?:[ -][A-Z][a-zà-ÿ]+)?)\b")
UNITS = r"leerling|school|vestiging|kind|student|leraar|coalitie|gemeente|deelnemer|klas|pupil|child|teacher"
PER_UNIT = re.compile(rf"\bper ({UNITS})\b|\b(?:één|elke|iedere|each|every|one) ({UNITS})\b", re.I)
# 'hoeveel van de 151 interventies' counts interventies (a part of the 151); 'hoeveel structureel investeert' counts
# nothing: an adverb of time or measure before the verb is skipped, and a verb after 'hoeveel' asks an amount
COUNT = re.compile(r"\b(?:hoeveel|how many|aantal|number of)\s+(?:(?:van|of)\s+(?:de|het|die|deze|the|these|those)\s+(?:\d[\d.,]*\s+)?)?"
                   r"(?:(?:de|het|een|the|extra|nieuwe|new|structureel|jaarlijks|eenmalig|incidenteel|ongeveer|precies|"
                   r"totaal|in totaal|per jaar|annually|yearly|structurally|in total)\s+)*([\w-]+)", re.I)
# 'hoeveel kregen scholen' asks an amount: the word after 'hoeveel' is a verb, nothing is counted
VERBS_AFTER_HOEVEEL = set("""kregen krijgen krijgt kreeg is zijn was waren gaat gaan ging kost kosten kostte bedraagt bedroeg bedragen wordt
worden werd werden heeft hebben had hadden komt komen kwam zit zitten staat staan moet moeten mag mogen kan kunnen zal zullen
ontvangen ontvangt ontving investeert investeren trekt uitgegeven besteed levert leveren leverde oplevert opleveren brengt brengen
scheelt schelen helpt helpen does do did is are was were will has have""".split())
# 'hoeveel winst', 'hoeveel vooruitgang': a quantity of something that is not counted in units
NOT_COUNTED = VERBS_AFTER_HOEVEEL | set("""geld euro budget subsidie middelen money funding procent percent keer times winst vooruitgang
effect opbrengst rendement tijd progress gain""".split())

# 'Hoeveel geld … voor X?' / 'naar X': X is what the amount is for (up to a clause that asks something else).
PURPOSE = re.compile(r"\b(?:voor|naar|aan)\s+(?:de|het|een|die|dat)?\s*([^?,;]+?)(?:\s+(?:en|of)\s+(?:vanaf|sinds|tot|wanneer|hoe|wat|welke|hoelang)\b|[?,;]|$)",
                     re.I)
# 'Hoe hoog is de X', 'Welke maximale X': the thing whose figure is asked, up to a preposition or the end.
FIGURE_THING = re.compile(r"\b(?:hoe (?:hoog|groot|lang) (?:is|was|wordt|zijn|waren) (?:de|het|die|deze|dat|dit)|welke maximale|welk maximum(?: aan)?|"
                          r"how (?:high|large|big) (?:is|was|are) the)\s+([^?,;]+?)(?:\s+(?:voor|van|in|per|bij|op|volgens|for|of|in)\b|[?,;]|$)", re.I)
# Verbs of saying that can follow the thing in 'Welke maximale klassengrootte adviseert de SER?'.
SAYING = {"adviseert", "adviseren", "noemt", "noemen", "stelt", "zegt", "wil", "wilt", "raadt"}
# Words of a purpose that do not tell one amount from another.
GENERIC = set("""leerlingen leerling scholen school kinderen kind onderwijs extra geld jaar jaarlijks middelen budget euro miljoen ouders
leraren studenten gemeenten per totaal structureel komende volgende een het die dat met van over tussen bij uit door als zijn wordt
worden hun ons onze deze dit""".split())

SECTORS = {
    "vve": re.compile(r"\bvve\b|voorschool|vroegschool|peuter|pre-?school|toddler", re.I),
    "po": re.compile(r"\bpo\b|\bpo-|basisschol|basisonderwijs|primair onderwijs|primary (?:school|education)", re.I),
    "vo": re.compile(r"\bvo\b(?!-raad)|\bvo-(?!raad)|voortgezet onderwijs|middelbare|brugklas|\bhavo|\bvwo\b|\bvmbo|\bmavo\b|"
                     r"secondary (?:school|education)", re.I),
    "mbo": re.compile(r"\bmbo\b|\bmbo-|vocational", re.I),
    "ho": re.compile(r"\bhbo\b|\bwo\b|hoger onderwijs|universit|hogeschol|higher education", re.I),
}

REASONS = {
    "money": ("geen bedrag", "no amount"), "count": ("geen aantal", "no number"), "percent": ("geen percentage", "no percentage"),
    "figure": ("geen getal", "no figure"), "until": ("geen einddatum", "no end date"), "date": ("geen datum", "no date"), "name": ("geen naam", "no name"),
    "consequence": ("niet wat er dan gebeurt", "no consequence"), "person": ("geen naam van een persoon", "no person's name"),
    "sender": ("geen naam van de afzender", "no sender's name"),
    "condition": ("geen voorwaarden of criteria", "no conditions or criteria"), "reason": ("geen reden voor die keuze", "no reason for that choice"),
    "signup": ("niet waar of hoe je je aanmeldt", "no place or way to sign up"),
    "result": ("geen resultaten", "no results"),
    "place": ("geen plaats", "no place"),
    "trend": ("geen verandering door de tijd of vergelijking met eerder", "no change over time or comparison with earlier"),
}


@dataclass(frozen=True)
class Slot:
    """The asked thing: its kind, what a count counts, and the years the question ties it to."""

    kind: str
    noun: str = ""
    years: frozenset[str] = frozenset()
    per: str = ""  # 'per leerling': the unit an amount or count is asked for
    purpose: tuple[str, ...] = ()  # 'voor de schoolmaaltijden': what an amount is asked for, its distinctive words
    precise: bool = False  # a date asked to the month or day

    def missing(self, english: bool) -> str:
        """'geen bedrag' / 'no amount': what the documents do not give."""
        if self.kind == "opinion" and self.purpose:
            return f"no view of {self.purpose[0]} on this" if english else f"geen standpunt van {self.purpose[0]} hierover"
        return REASONS[self.kind][1 if english else 0]


def slot_of(question: str, counted: str = "") -> Slot | None:
    """The slot a factual question asks to fill, or None for open, how-to, yes/no and list questions.

    `counted` is what 'hoeveel X' counts, in Dutch (for an English question, its translation).
    """
    given = {m.group("after") or m.group("before") for m in GIVEN_YEAR.finditer(question)}
    years = frozenset(YEAR.findall(question)) - given  # 'vergeleken met de € 52 mln. in 2022' gives 2022's figure: not asked
    unit = PER_UNIT.search(question)
    slot = _kind(question, counted, years)
    if slot is None:
        return None
    purpose = purpose_of(question) if slot.kind == "money" else figure_of(question) if slot.kind == "figure" else slot.purpose
    per = f"per {(unit.group(1) or unit.group(2)).lower()}" if unit else ""  # 'elke vestiging' is answered 'per vestiging'
    if slot.kind == "money" and not per and MONTHLY.search(question):
        per = "per maand"
    return Slot(slot.kind, slot.noun, years, per, purpose, bool(ASKS_PRECISE.search(question)))


def figure_of(question: str) -> tuple[str, ...]:
    """The distinctive words of the thing whose figure is asked ('Hoe hoog is de kinderbijslag …?' -> ('kinderbijslag',))."""
    m = FIGURE_THING.search(question)
    return _distinctive(m.group(1), VERBS_AFTER_HOEVEEL | SAYING)[:2] if m else ()


# English: who gets the amount ('What budget does the Gelijke Kansen Alliantie get …'). ('… for a rich school day' is not
# read: the sentence with the amount often names it only as 'het programma'.)
PURPOSE_EN = re.compile(r"\b(?:does|do|did|will) (?:the |a |an )?(.+?) (?:get|gets|receive|receives)\b|"
                        r"\b(?:reserved|set aside|earmarked|allocated|budgeted|spent|invested|available) (?:for|on|in) (?:the |a |an )?"
                        r"(.+?)(?: to | in | by |\?|$)", re.I)  # '… reserved for providing school meals to pupils


def purpose_of(question: str) -> tuple[str, ...]:
    """The distinctive words of what an amount is asked for ('… uit voor de schoolmaaltijden?' -> ('schoolmaaltijden',)); of
    an English question, the Dutch for them and the names it keeps ('the Gelijke Kansen Alliantie')."""
    from assistant.answer.question import is_english

    if is_english(question):
        from assistant.answer.translate import to_dutch

        m = PURPOSE_EN.search(question)
        if not m:
            return ()
        phrase = m.group(1) or m.group(2)
        names = re.findall(r"\b[A-Z][\w-]{3,}", phrase)
        return _distinctive(f"{to_dutch(phrase)} {' '.join(names)}")
    m = PURPOSE.search(question)
    return _distinctive(m.group(1)) if m else ()


def _distinctive(phrase: str, skip: frozenset[str] | set[str] = frozenset()) -> tuple[str, ...]:
    """The words of four letters or more of a phrase that tell one thing from another (not GENERIC, not in `skip`)."""
    return tuple(w for w in re.findall(r"[a-zà-ÿ][\w-]{3,}", phrase.lower()) if w not in GENERIC and w not in skip)


def _kind(question: str, counted: str, years: frozenset[str]) -> Slot | None:
    if ASKS_TREND.search(question):  # before the figure it may ask: 'hoeveel was dat tien jaar geleden' asks the earlier one
        return Slot("trend", years=years)
    if ASKS_PERCENT.search(question):
        return Slot("percent", years=years)
    if ASKS_MONEY.search(question):
        return Slot("money", years=years)
    m = COUNT.search(question)
    if m and m.group(1).lower() not in NOT_COUNTED and len(m.group(1)) >= 3:
        return Slot("count", (counted or m.group(1)).lower(), years)
    named = tuple(evidence for asked, evidence in NAMED_CONSEQUENCES.items() if re.search(asked, question, re.I))
    if ASKS_CONSEQUENCE.search(question) or named and re.search(r"\b(?:krijgt|krijgen|moet|moeten|volgt|is er|zijn er|geldt|"
                                                                r"is there|are there|does|do)\b", question, re.I):
        return Slot("consequence", years=years, purpose=named)
    if ASKS_SENDER.search(question):
        return Slot("sender", years=years)
    if m := ASKS_PERSON.search(question):
        role = re.search(rf"\b({ROLES}|{PLAIN_ROLES})", m.group(0), re.I)
        if not role or re.fullmatch(ENGLISH_ROLES, role.group(1), re.I):
            return Slot("person", years=years)  # an English role is not in the Dutch sentence: any name answers
        whose = re.search(r"^\s*(?:van|bij) (?:de|het) ([\w-]{4,})", question[m.end():])  # "de voorzitter van de stuurgroep"
        return Slot("person", years=years, purpose=(role.group(1).lower(),) + ((whose.group(1).lower(),) if whose else ()))
    if ASKS_CONDITION.search(question):
        return Slot("condition", years=years)
    if ASKS_REASON.search(question):
        return Slot("reason", years=years)
    if ASKS_SIGNUP.search(question):
        return Slot("signup", years=years)
    if ASKS_RESULT.search(question):
        return Slot("result", years=years)
    if ASKS_PLACE.search(question):
        return Slot("place", years=years)
    if ASKS_UNTIL.search(question):
        return Slot("until", years=years)
    if ASKS_FIGURE.search(question):
        return Slot("figure", years=years)
    if ASKS_DATE.search(question):
        return Slot("date", years=years)
    if ASKS_NAME.search(question):
        return Slot("name", years=years)
    if m := ASKS_OPINION.search(question):
        return Slot("opinion", years=years, purpose=((m.group("who") or m.group("who_en")).strip(),))
    return None


def sectors_in(text: str) -> set[str]:
    """The sectors a text names ('basisscholen' -> po, 'havo' -> vo, 'hbo' -> ho)."""
    return {code for code, pattern in SECTORS.items() if pattern.search(text)}


def fills(slot: Slot, text: str, question: str, lexical: LexicalIndex) -> bool:
    """Whether the text states what the slot asks, for the years and sector the question names (when it names any). A
    footnote's number and a reference's year of publication state nothing ('2 SER (2021) Een kansrijke start …' says neither
    when something starts nor how many)."""
    if not PUBLISHED.search(question):  # 'In welk jaar publiceerde de SER het advies?' is answered by a reference
        text = REFERENCE.sub(lambda m: m.group(0).rsplit(" (", 1)[0], FOOTNOTE_NUMBER.sub("", text))
    asked, stated_sectors = sectors_in(question), sectors_in(text)
    if asked and stated_sectors and not asked & stated_sectors:
        return False  # a figure for the basisscholen does not answer for the mbo
    if slot.per and slot.per not in text.lower():
        return False  # an amount in total does not say what it is per pupil
    stated = set(YEAR.findall(text))
    if slot.years and stated and not slot.years & stated and not _spans(text, slot.years):
        return False  # a figure for another year is not the asked one
    if slot.kind == "money":
        return bool(AMOUNT.search(text)) and _names_purpose(slot, text)
    if slot.kind == "figure":  # an amount, a share or a number that is not a year ('2021/22' says when, not how high)
        plain = re.sub(r"\b(?:19|20)\d{2}(?:\s*[/-]\s*(?:19|20)?\d{2})?\b", "", text)
        return bool(AMOUNT.search(text) or PERCENT.search(text) or re.search(r"\b\d", plain)) and _names_purpose(slot, text)
    if slot.kind == "percent":
        return bool(PERCENT.search(text))
    if slot.kind == "consequence":
        if slot.purpose:  # a sanction asked is answered only by a sentence that names a sanction
            return any(re.search(evidence, text, re.I) for evidence in slot.purpose)
        return bool(CONSEQUENCE_WORDS.search(text))
    if slot.kind == "person":  # a name, with the asked role or whose it is beside it ('Mariëlle Paul' is a minister, not the pupil)
        return any(_role_beside(text, m, slot.purpose) for m in PERSON_NAME.finditer(text))
    if slot.kind == "sender":  # a name beside sending or signing, not any name the letter holds ('collega-minister Mariëlle Paul')
        return any(SENDING.search(text[max(0, m.start() - BESIDE):m.end() + BESIDE]) for m in PERSON_NAME.finditer(text))
    if slot.kind == "condition":
        return bool(CONDITION_WORDS.search(text))
    if slot.kind == "reason":
        given = re.findall(r"\d[\d.,]*", question)  # 'vastgesteld op 16 uur': the reason for that figure
        return bool(REASON_WORDS.search(text)) and (not given or any(g in text for g in given))
    if slot.kind == "signup":
        return bool(SIGNUP_WORDS.search(text))
    if slot.kind == "opinion":
        return True  # whose view it is depends on the passage's source: extractive.speaks() decides
    if slot.kind == "trend":
        return bool(TREND_WORDS.search(text))
    if slot.kind == "result":
        return bool(RESULT_WORDS.search(text)) and not RESULT_PENDING.search(text)
    if slot.kind == "place":  # 'het Spaarne College in Haarlem'; not a place the question names itself
        asked = question.lower()
        return any(m.group(0).split(None, 1)[1].lower() not in asked for m in IN_PLACE.finditer(text))
    if slot.kind in ("until", "date") and slot.precise and not PRECISE_DATE.search(text):
        return False  # 'vanaf 2025' does not say in which month
    if slot.kind == "until":
        return bool(DATE.search(text)) and bool(UNTIL.search(text))
    if slot.kind == "date":
        return bool(DATE.search(text))
    if slot.kind == "name":
        if PLACES_ASKED.search(question):  # 'Welke twaalf scholen doen mee?': names of them, not 'twaalf po- en vo-scholen'
            return _place_names(text, question)
        return _names(text, question)
    return _counts(text, slot.noun, lexical, given=set(re.findall(r"\d[\d.,]*", question)))


def _names_purpose(slot: Slot, text: str) -> bool:
    """Whether the text names what the amount or figure is asked for (one of its words, or its stem): a figure of something
    else is not the asked one."""
    lower = text.lower()
    return not slot.purpose or any(w[:max(5, len(w) - 2)] in lower for w in slot.purpose)


def _spans(text: str, years: frozenset[str]) -> bool:
    """Whether a range in the text ('2022-2025', 'van 2022 tot 2025') covers an asked year."""
    for m in re.finditer(r"\b((?:19|20)\d{2})\s*(?:[-–/]|tot(?: en met)?|t/m)\s*((?:19|20)?\d{2})\b", text):
        start, end = int(m.group(1)), int(m.group(2)) if len(m.group(2)) == 4 else int(m.group(1)[:2] + m.group(2))
        if any(start <= int(y) <= end for y in years):
            return True
    return False


BESIDE = 40  # characters between a name and the role that makes it the asked person ('leerling J. de Wit', 'A. de Vries (voorzitter)')


def _role_beside(text: str, name: re.Match, purpose: tuple[str, ...]) -> bool:
    """Whether a person's name has the asked role or whose it is beside it, and the role is not another body's ('Judith van
    Biemen (voorzitter SOVOP)' is no chair of the VO-raad)."""
    if not purpose:
        return True
    near = text[max(0, name.start() - BESIDE):name.end() + BESIDE]
    role, whose = purpose[0].split()[0], purpose[1] if len(purpose) > 1 else ""
    if whose:
        for m in re.finditer(rf"\b{re.escape(role[:6])}\w*\s+(?:(?:van|bij)\s+(?:de|het)\s+)?([A-Z][\w-]+)", near, re.I):
            if m.group(1)[0].isupper() and not m.group(1).lower().startswith(whose[:5].lower()):
                return False  # the role of another body, named right after it
    return any(r.split()[0][:6].lower() in near.lower() for r in purpose)


# Words that make a name a programme's, fund's, law's or body's, not a school's or place's ('Nationaal Programma Onderwijs',
# 'Gelijke Kansen Alliantie', 'Tweede Kamer').
PROGRAMME_WORDS = set("""programma programma's plan fonds regeling subsidie agenda alliantie aanpak project wet akkoord impuls monitor
netwerk pact coalitie kader raad ministerie inspectie kamer""".split())


def _place_names(text: str, question: str) -> bool:
    """Names of schools or places the question does not hold: one of two words or more ('Spaarne College'), or two names
    ('Rotterdam en Zwolle'); not an abbreviation ('APC-gebieden') or a word at the start of a sentence. A one-word name
    that is also a Dutch word counts only where a place stands ('in Zwolle', 'Rotterdam en Zwolle'), not 'Meer muziek in
    de Klas'."""
    asked = {w.lower() for w in re.findall(r"[\w-]+", question)}
    names = [(m.group(0).split(), text[max(0, m.start() - 4):m.start()]) for m in PROPER.finditer(text)]
    names = [(n, before) for n, before in names if not any(w.lower() in asked or w.lower() in PROGRAMME_WORDS for w in n)]
    kept = [n for n, before in names if len(n) >= 2 or not _dictionary_word(n[0]) or re.search(r"(?:\bin|\bte|\ben|,) $", before)]
    return any(len(n) >= 2 for n in kept) or len(kept) >= 2


def _dictionary_word(word: str) -> bool:
    """A Dutch word (simplemma's dictionary) rather than only a name; without the dictionary, every word is a name."""
    from assistant.answer.spelling import in_dictionary

    return bool(in_dictionary(word, "nl"))


def _names(text: str, question: str) -> bool:
    """A quoted name, or a capitalised name or abbreviation the question does not already hold."""
    asked = {w.lower() for w in re.findall(r"[\w-]+", question)}
    if any(not {w.lower() for w in re.findall(r"[\w-]+", m.group(0))} <= asked for m in QUOTED_NAME.finditer(text)):
        return True
    for m in re.finditer(r"(?<=[\w,;:)] )[A-Z][\w-]+|\b[A-Z]{2,}[\w-]*", text):
        if m.group(0).lower() not in asked:
            return True
    return False


# Children and pupils by age or school: the letters count them by one name, a question by another.
YOUNG = ("kinderen", "peuters", "kleuters", "leerlingen", "scholieren")


def _counts(text: str, noun: str, lexical: LexicalIndex, given: set[str] = frozenset()) -> bool:
    """A number right before the counted noun, or a word of which it is part ('twaalf po- en vo-scholen', '124.000 leerlingen').

    A number the question itself gives is not the answer: 'Hoeveel van de 151 interventies zijn bewezen effectief?' asks a
    part of the 151, which '151 interventies' does not state."""
    stems = set(analyze(noun, lexical.analyzer))
    if noun.lower() in YOUNG:  # 'hoeveel peuters': '57.900 kinderen voor wie de voorschoolse educatie bedoeld is' counts them
        stems |= set(analyze(" ".join(YOUNG), lexical.analyzer))
    # the words after a number in a look-ahead: '151 interventies zijn er 40 interventies' is read at 151 and at 40
    for m in re.finditer(rf"(?:\b\d[\d.,]*|\b(?!een\b|één\b){NUMBER_WORDS})\s+(?=((?:[\w-]+\s+){{0,3}}[\w-]+))", text, re.I):
        following = re.split(r"\s(?:van|voor|uit|met|op|aan|bij|naar|of|for|from|with|at|to)\s", m.group(1), maxsplit=1, flags=re.I)[0]
        # what the number counts stops at a preposition: 'vijf praktijkvoorbeelden van scholen' counts no scholen
        if m.group(0).split()[0].rstrip(".,") in given:
            continue
        if re.match(r"(?:%|procent)", following, re.I):
            continue  # '75 procent leerlingen' is a share, not a count
        if "-" in noun and _other_kind(following, noun):
            continue  # 'havo-scholen' is not answered by 'twaalf po- en vo-scholen' (but 'vo-leerlingen' is by '100.000 leerlingen')
        if stems & set(analyze(following, lexical.analyzer)) or any(
                w.lower().endswith(noun) or len(w) >= 6 and noun.endswith(w.lower()) for w in re.findall(r"[\w-]+", following)):
            return True
    return False


def _other_kind(following: str, noun: str) -> bool:
    """Whether the counted words name another kind of the asked compound's head ('vo-scholen' for 'havo-scholen')."""
    modifier, head = noun.lower().split("-", 1)
    named = [w.lower().split("-", 1)[0] for w in re.findall(r"[\w]+-[\w-]*", following) if w.lower().endswith("-" + head) or w.endswith("-")]
    return bool(named) and modifier not in named
