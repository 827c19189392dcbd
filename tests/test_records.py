"""Answers over an intervention index: one row by name, filters and superlatives on typed columns, absent ones said so."""
from __future__ import annotations

import shutil

import pytest

from ingest.pipeline import ingest

from .tablegen import write_sample_index


@pytest.fixture(scope="module")
def index_assistant(corpus_settings, tmp_path_factory):
    """The corpus letters plus the sample index, with the real embedder."""
    from assistant.answer.chain import Assistant

    folder = tmp_path_factory.mktemp("with-index")
    shutil.copytree(corpus_settings.data_dir, folder / "data")
    docs = folder / "docs"
    docs.mkdir()
    write_sample_index(docs / "interventie-index.xlsx")
    settings = corpus_settings.model_copy(update={"data_dir": folder / "data"})
    assert ingest([docs], settings).added
    return Assistant(settings)


def rows(answer):
    return [c.passage.record["row"] for c in answer.citations if c.passage.record]


def test_one_intervention_is_answered_with_its_fields_and_cites_its_row(index_assistant):
    answer = index_assistant.ask("Hoe scoort zittenblijven in de index?")
    assert answer.answered and rows(answer) == [17]
    assert "Effect (maanden): -3" in answer.text and "zeer hoog" in answer.text
    citation = answer.citations[0]
    assert citation.label.endswith("interventie-index.xlsx, blad Index, rij 17")
    assert citation.quote in index_assistant.document_text(citation.passage.source)  # verbatim in the stored text
    assert answer.passages[0].record["row"] == 17


def test_superlative_sorts_on_the_typed_effect_column(index_assistant):
    answer = index_assistant.ask("Welke interventie heeft het meeste effect?")
    assert answer.answered and rows(answer)[0] == 5  # Metacognitie en zelfregulatie, 7 months
    effects = [c.passage.record["f_effect_maanden"] for c in answer.citations]
    assert effects == sorted(effects, reverse=True)


def test_filters_on_cost_evidence_and_sector(index_assistant):
    answer = index_assistant.ask("Goedkope aanpakken met sterke bewijskracht voor het vo?")
    assert answer.answered and answer.citations
    for c in answer.citations:
        r = c.passage.record
        assert r["f_kosten"] <= 2 and r["f_bewijskracht"] >= 4 and "vo" in c.passage.sectors
    assert "Metacognitie en zelfregulatie" in answer.text


def test_what_does_not_work_lists_negative_effects_in_dutch_and_english(index_assistant):
    for question in ("Wat werkt niet?", "What doesn't work according to the index?"):
        answer = index_assistant.ask(question)
        assert answer.answered and set(rows(answer)) == {17, 18, 30}, question  # -3, -1 and 0 months


def test_an_intervention_not_in_the_index_is_said_to_be_absent(index_assistant):
    answer = index_assistant.ask("Wat is het effect van bijlesvouchers volgens de interventie-index?")
    assert not answer.answered and "bijlesvouchers" in answer.text and not answer.citations


def test_a_question_about_an_index_and_a_letter_cites_both(index_assistant):
    answer = index_assistant.ask("Hoe scoort een langere schooldag in de index, en wat doet het kabinet aan voorschoolse educatie?")
    assert answer.answered and rows(answer) == [13]
    assert any(c.passage.kind == "kamerbrief" for c in answer.citations)
    for c in answer.citations:
        assert c.quote in index_assistant.document_text(c.passage.source)


def test_a_value_the_row_does_not_give_is_said_to_be_missing_with_what_the_row_does_give(index_assistant):
    euros = index_assistant.ask("Hoeveel euro per leerling kost een zomerschool volgens de index?")
    assert not euros.answered and not euros.citations
    assert "geen bedrag" in euros.text and "'gemiddeld'" in euros.text  # cost is a level in this index
    schools = index_assistant.ask("Bij hoeveel scholen is mentoring onderzocht volgens de interventie-index?")
    assert not schools.answered and "geen aantal scholen" in schools.text
    months = index_assistant.ask("Hoeveel maanden extra vooruitgang geeft peer tutoring volgens de index?")
    assert months.answered and "Effect (maanden): 5" in months.text  # what the index does count is answered


@pytest.mark.parametrize("question, role, ascending", [
    ("Welke aanpak levert de minste vooruitgang op, als hij wel iets oplevert?", "f_effect_maanden", True),
    ("Which interventions have the weakest evidence?", "f_bewijskracht", True),
    ("Welke interventies zijn het best onderbouwd?", "f_bewijskracht", False),
])
def test_a_superlative_sorts_its_column_in_the_asked_direction(index_assistant, question, role, ascending):
    answer = index_assistant.ask(question)
    values = [c.passage.record[role] for c in answer.citations]
    assert answer.answered and values and values == sorted(values, reverse=not ascending), question
    if "iets oplevert" in question:
        assert min(values) > 0  # 'als hij wel iets oplevert': a positive effect only


def test_a_level_and_a_minimum_are_read_as_the_question_writes_them(index_assistant):
    exact = index_assistant.ask("Welke interventies hebben kosten 'zeer hoog'?")
    assert exact.answered and {c.passage.record["f_kosten"] for c in exact.citations} == {5}  # that level, not 'hoog' too
    none = index_assistant.ask("Is er een aanpak met bewijskracht 'zeer hoog'?")
    assert not none.answered and "Geen enkele interventie" in none.text  # no row has that level: none, not the nearest
    cheap = index_assistant.ask("Wat kan een school vrijwel kosteloos doen dat minstens vijf maanden vooruitgang geeft?")
    assert cheap.answered and cheap.citations
    for c in cheap.citations:
        assert c.passage.record["f_kosten"] <= 1 and c.passage.record["f_effect_maanden"] >= 5


def test_an_effect_asked_in_a_unit_the_index_does_not_use_is_said_to_be_missing(index_assistant):
    answer = index_assistant.ask("Wat is de effect size van feedback geven in standaarddeviaties?")
    assert not answer.answered and "geen effectgrootte in standaarddeviaties" in answer.text and "Effect (maanden)" in answer.text


def test_a_name_completed_otherwise_is_not_the_row_but_a_paraphrase_before_it_is(index_assistant):
    absent = index_assistant.ask("Wat is het effect van instructie in begrijpend rekenen volgens de interventie-index?")
    assert not absent.answered and not absent.citations  # not 'Instructie in schrijven'
    paraphrase = index_assistant.ask("Hoe scoort een langere schooldag in de index?")
    assert paraphrase.answered and rows(paraphrase) == [13]  # 'Verlengde schooldag'


def test_a_group_no_row_is_meant_for_gets_none_and_a_described_row_is_found(index_assistant):
    group = index_assistant.ask("Welke interventies zijn speciaal bedoeld voor leerlingen met dyscalculie?")
    assert not group.answered and not group.citations
    described = index_assistant.ask("Wat levert het op als leerlingen in kleine groepjes met een tutor werken?")
    assert described.answered and "Tutoring in kleine groepen" in described.text


def test_an_english_question_gets_an_english_frame_around_the_fields(index_assistant):
    answer = index_assistant.ask("What is the effect of a summer school according to the index?")
    assert answer.answered and answer.text.startswith("According to the intervention index") and "Zomerschool" in answer.text


def test_a_maximum_a_minimum_in_words_an_only_sector_and_a_top_n_are_read(index_assistant):
    below = index_assistant.ask("Welke aanpakken leveren minder dan drie maanden vooruitgang op?")
    assert below.answered and below.citations and all(c.passage.record["f_effect_maanden"] < 3 for c in below.citations)
    only = index_assistant.ask("Welke interventies die uitsluitend voor het vo zijn leveren 2 maanden of meer op?")
    for c in only.citations:
        assert c.passage.sectors == ["vo"] and c.passage.record["f_effect_maanden"] >= 2
    top = index_assistant.ask("Geef de top 2 van interventies met het grootste effect")
    assert top.answered and len(top.citations) == 2


def test_asked_fields_alone_are_no_intervention_and_a_description_finds_its_row(index_assistant):
    answer = index_assistant.ask("Wij willen leerlingen elke ochtend op school laten ontbijten. Wat zegt de index over het effect en de kosten daarvan?")
    assert answer.answered and "Schoolontbijt" in answer.text  # not "'het effect en de kosten daarvan' staat niet in de index"


def test_adverb_superlatives_two_superlatives_and_an_at_least_level_are_read(index_assistant):
    lowest = index_assistant.ask("Welke aanpak scoort het hoogst op kosten?")
    assert lowest.answered and lowest.citations[0].passage.record["f_kosten"] == 5
    cheapest = index_assistant.ask("Wat kost het minst voor het vo?")
    costs = [c.passage.record["f_kosten"] for c in cheapest.citations]
    assert cheapest.answered and costs == sorted(costs) and all("vo" in c.passage.sectors for c in cheapest.citations)
    both = index_assistant.ask("Van de goedkoopste aanpakken, welke levert de grootste vooruitgang op?")
    assert {c.passage.record["f_kosten"] for c in both.citations} == {1}  # the cheapest level only, then by effect
    effects = [c.passage.record["f_effect_maanden"] for c in both.citations]
    assert effects == sorted(effects, reverse=True)
    decent = index_assistant.ask("Welke interventies zijn minstens redelijk onderbouwd en goedkoop?")
    assert decent.answered and all(c.passage.record["f_bewijskracht"] >= 3 and c.passage.record["f_kosten"] <= 2 for c in decent.citations)


def test_a_condition_describing_one_intervention_does_not_list_rows(index_assistant):
    answer = index_assistant.ask("Hoe goed onderbouwd is het om leerlingen gratis een ontbijt op school te geven?")
    assert answer.answered and rows(answer)[:1] and "Schoolontbijt" in answer.text.split("[1]")[0]
    english = index_assistant.ask("Which approaches help pupils who are behind the most?")
    assert english.answered and all("achterstand" in c.passage.record["fields"] for c in english.citations)


@pytest.mark.parametrize("question", [
    "Wat levert tweetalig onderwijs op voor kinderen die achterlopen, en wat kost het?",  # shaped like an index question, not naming it
    "Hoe sterk is het bewijs voor een schoolhond in de klas?",
    "Staat schoolmaatschappelijk werk in de interventie-index?",
    "Is er in de index iets te vinden over prestatiebeloning voor leraren, dus een bonus bij betere resultaten?",
    "Levert een weekendschool iets op, volgens de interventie-index?",  # a related topic of the letters is not a row's description
    # an everyday verb a row's name holds ('geven' in 'Feedback geven') does not make it that row
    "Wat levert het op om kinderen geld te geven voor een goed rapport, volgens de interventie-index?",
    "Hoe effectief is co-teaching volgens de index?",  # a hyphenated term no row holds by any part
])
def test_an_absent_intervention_is_said_to_be_absent_also_when_the_index_is_not_named(index_assistant, question):
    answer = index_assistant.ask(question)
    assert not answer.answered and not answer.citations and "niet in de interventie-index" in answer.text, (question, answer.text)


@pytest.mark.parametrize("question, row", [
    ("Wat levert het op als oudere leerlingen jongere uitleg geven, en wat kost dat?", 21),  # described, not named: its row
    ("How many months of progress does a free school breakfast give?", 25),  # 'months' and 'progress' ask the index
])
def test_a_described_or_english_intervention_in_the_index_is_answered_from_its_row(index_assistant, question, row):
    answer = index_assistant.ask(question)
    assert answer.answered and rows(answer)[:1] == [row], (question, answer.text)


def test_letter_questions_with_index_words_stay_with_the_letters(index_assistant):
    memo = index_assistant.ask("Met welke zin kan ik onderbouwen dat gelijke kansen vragen om ongelijk investeren?")
    assert memo.answered and not rows(memo)  # 'onderbouwen' is not 'onderbouwd', and a memo asks a letter's sentence
    vo_raad = index_assistant.ask("Waar vinden scholen volgens de VO-raad bewezen aanpakken voor gelijke kansen?")
    assert vo_raad.answered and "niet in de interventie-index" not in vo_raad.text


def test_the_column_before_its_superlative_and_few_costs_are_read(index_assistant):
    weakest = index_assistant.ask("Bij welke aanpak is het bewijs het zwakst?")
    assert weakest.answered and set(rows(weakest)[:2]) == {29, 30}  # weakest first: Loopbaanoriëntatie, Schooluniform (zeer laag)
    cheap = index_assistant.ask("Als kleuterjuf heb ik weinig budget. Welke interventies voor de vve kosten weinig?")
    assert cheap.answered and set(rows(cheap)) == {9, 11, 28}  # vve rows of cost 'laag' or lower; 'weinig' is no target group


def test_rows_asked_for_by_their_evidence_alone_come_in_that_direction_and_a_middling_cost_is_read(index_assistant):
    hardly = index_assistant.ask("Voor welke interventies is er eigenlijk nauwelijks bewijs dat ze werken?")
    levels = [c.passage.record["f_bewijskracht"] for c in hardly.citations]
    assert hardly.answered and levels == sorted(levels) and levels[0] == 1 and max(levels) <= 2  # the weakest first
    assert {29, 30} <= set(rows(hardly))  # both 'zeer laag' rows, whatever their effect
    solid = index_assistant.ask("Which interventions have plenty of evidence behind them?")
    levels = [c.passage.record["f_bewijskracht"] for c in solid.citations]
    assert solid.answered and levels == sorted(levels, reverse=True) and min(levels) >= 4
    cheap = index_assistant.ask("Welke goedkope aanpakken zijn er voor het po?")  # a cost is a condition: the largest effects first
    effects = [c.passage.record["f_effect_maanden"] for c in cheap.citations]
    assert cheap.answered and effects == sorted(effects, reverse=True)
    middling = index_assistant.ask("Welke aanpakken zitten qua kosten in de middenmoot, maar hebben weinig bewijs achter zich?")
    assert middling.answered and middling.citations
    assert all(c.passage.record["f_kosten"] == 3 and c.passage.record["f_bewijskracht"] <= 2 for c in middling.citations)


def test_a_level_written_after_its_column_with_or_more_or_less_is_read(index_assistant):
    decent = index_assistant.ask("Welke aanpakken hebben bewijskracht gemiddeld of hoger en kosten laag?")
    assert decent.answered and decent.citations
    assert all(c.passage.record["f_bewijskracht"] >= 3 and c.passage.record["f_kosten"] <= 2 for c in decent.citations)
    dear = index_assistant.ask("Welke interventies kosten gemiddeld of meer, terwijl het bewijs ervoor zwak is?")
    assert dear.answered and dear.citations
    assert all(c.passage.record["f_kosten"] >= 3 and c.passage.record["f_bewijskracht"] <= 2 for c in dear.citations)
    clause = index_assistant.ask("Which approaches cost moderate or less and have evidence that is high?")
    assert clause.answered and clause.citations
    assert all(c.passage.record["f_kosten"] <= 3 and c.passage.record["f_bewijskracht"] >= 4 for c in clause.citations)
    english = index_assistant.ask("Which interventions cost moderate or less where the evidence is strong?")
    assert english.answered and english.citations
    assert all(c.passage.record["f_kosten"] <= 3 and c.passage.record["f_bewijskracht"] >= 4 for c in english.citations)


@pytest.mark.parametrize("question, expected", [
    ("Which interventions in the index are meant for children in deprived areas?", {13}),  # Verlengde schooldag
    ("What does the index list for low-income families?", {25}),                           # Schoolontbijt
    ("Wat noemt de index voor kinderen uit arme wijken of arme gezinnen?", {13, 25}),
])
def test_a_target_group_in_other_words_lists_the_rows_meant_for_it(index_assistant, question, expected):
    answer = index_assistant.ask(question)
    assert answer.answered and set(rows(answer)) == expected, (question, answer.text)


def test_the_part_of_a_question_that_asks_a_letter_is_answered_from_the_letters(index_assistant):
    answer = index_assistant.ask("Wat kost vroegschoolse educatie volgens de index en hoeveel peuters bereikt de "
                                 "voorschoolse educatie volgens de minister?")
    assert answer.answered and rows(answer)[:1] == [10]  # the index's row, not 'the index gives no number of peuters'
    letters = [c for c in answer.citations if not c.passage.record]
    assert letters and "57.900 kinderen" in letters[0].quote
    leaning = index_assistant.ask("Hoe scoort een langere schooldag in de index, en wat doet het kabinet daaraan?")
    assert leaning.answered and rows(leaning)[:1] == [13]
    assert any("schooldag" in c.quote for c in leaning.citations if not c.passage.record)  # 'daaraan': the schooldag


@pytest.mark.parametrize("question, row", [
    ("What does the index say about older pupils explaining things to younger pupils?", 21),  # Peer tutoring
    ("What does it cost to let a teacher work one-on-one with a pupil who is behind?", 6),    # Tutoring één-op-één
    ("Is there evidence for teaching children to plan and monitor their own learning?", 5),   # Metacognitie
    ("What is the effect of making all pupils wear the same clothes?", 30),                   # Schooluniform
    ("How much progress do pupils make when they practise sounds in words before learning to read?", 28),  # Fonologisch bewustzijn
    ("How much does it cost when pupils redo a school year, according to the index?", 17),  # Zittenblijven
    ("We want one approach across the whole school to encourage good behaviour and cut down on disruption. What would it cost?", 24),
    ("Is there a school-wide approach to behaviour in the index, and what does it cost?", 24),  # 'school-wide' is 'schoolbrede'
])
def test_an_intervention_described_in_english_is_answered_from_its_row(index_assistant, question, row):
    answer = index_assistant.ask(question)
    assert answer.answered and rows(answer)[:1] == [row], (question, answer.text)


@pytest.mark.parametrize("question", [
    "What is the effect and cost of a pull-out programme for gifted pupils?",  # not Vroegschoolse educatie, 'een programma'
    "Does the index say anything about yoga lessons for pupils?",             # not Schoolontbijt, 'voor de lessen beginnen'
])
def test_an_english_description_with_words_no_row_has_is_not_another_row(index_assistant, question):
    answer = index_assistant.ask(question)
    assert not answer.answered and not rows(answer), answer.text


def test_the_subject_of_an_absent_intervention_keeps_its_dutch_words():
    from assistant.answer.records import subject_sentence

    assert subject_sentence("Wat levert een tablet voor elk kind op?") == "tablet kind"  # 'kind' is a child in Dutch
    assert "according" not in subject_sentence("What does a tablet for every pupil cost according to the index?")


def test_pupils_losing_ground_is_below_nil_and_no_difference_is_nil(index_assistant):
    worse = index_assistant.ask("Bij welke aanpakken gaan leerlingen er eigenlijk op achteruit?")
    assert worse.answered and set(rows(worse)) == {17, 18}  # Zittenblijven -3, Homogeen groeperen -1; not the uniform's 0
    nothing = index_assistant.ask("Which approaches in the index make no difference at all to attainment?")
    assert nothing.answered and set(rows(nothing)) == {30}  # Schooluniform, 0 months
    anything = index_assistant.ask("Staat er in de index iets wat voor de resultaten niets uitmaakt?")
    assert anything.answered and set(rows(anything)) == {30}


def test_a_school_asking_what_the_index_has_for_its_sector_gets_that_sectors_rows(index_assistant):
    answer = index_assistant.ask("Ik geef les op een mbo-school. Heeft de index iets wat voor ons bruikbaar is?")
    assert answer.answered and answer.citations and all("mbo" in c.passage.sectors for c in answer.citations), answer.text
    described = index_assistant.ask("Is er voor ons vo iets in de index waarbij leerlingen elkaar uitleg geven?")
    assert described.answered and rows(described)[:1] == [21]  # it describes a row: Peer tutoring, not every vo row


def test_who_an_intervention_is_for_asks_the_index_without_naming_it(index_assistant):
    answer = index_assistant.ask("Voor welke leerlingen is huiswerkbegeleiding bedoeld, en is het iets voor de basisschool?")
    assert answer.answered and rows(answer)[:1] == [14] and "rustige plek" in answer.text


@pytest.mark.parametrize("question, missing", [
    ("Levert judoles iets op voor het gedrag in de klas, volgens de index?", "judoles"),   # not Gedragsinterventies
    ("Wat doet een taalcursus voor ouders met de resultaten van hun kind, volgens de index?", None),  # 'taal' is in a row
    ("Is there evidence in the index for a chess club after school?", "chess club"),       # not Verlengde schooldag
])
def test_a_kind_of_lesson_no_row_holds_is_absent_and_named_as_asked(index_assistant, question, missing):
    answer = index_assistant.ask(question)
    if missing:
        assert not answer.answered and not rows(answer) and f"'{missing}'" in answer.text, answer.text
    else:
        assert "'taalcursus'" not in answer.text  # the row's own words are no other activity


def test_learning_gain_asks_the_effect_and_welk_deel_starts_a_part_for_a_letter(index_assistant):
    answer = index_assistant.ask("Hoeveel leerwinst geeft vroegschoolse educatie volgens de index, en welk deel van de "
                                 "kinderen voor wie voorschoolse educatie bedoeld is gaat er volgens de minister heen?")
    assert answer.answered and rows(answer)[:1] == [10] and "geen aantal" not in answer.text
    assert any("80-85%" in c.quote for c in answer.citations if not c.passage.record)


def test_a_row_quoted_as_a_sentence_is_introduced_by_its_document_not_by_its_title_writing_in_itself(index_assistant):
    from assistant.answer.extractive import lead_in

    record = next(p for p in index_assistant.retriever.snapshot().passages.records() if p.record)
    assert lead_in(record, False, True).startswith("In de interventie-index '")
    assert lead_in(record, True, False).startswith("Also, according to the intervention index '")
    assert " schrijft " not in lead_in(record, False, False)


@pytest.mark.parametrize("question, row", [
    ("Wat levert het op als leerlingen zelf een plan maken, tussendoor checken hoe het gaat en achteraf terugkijken?", 5),
    ("Wat kost het om een klassenassistent naast de juf te zetten?", 16),               # Onderwijsassistenten
    ("Hoeveel vooruitgang levert het op als een leerling een jaar overdoet?", 17),      # Zittenblijven
    ("Wij maken bij taal steeds andere groepjes op niveau binnen de klas. Is dat verstandig?", 19),  # Flexibel, not Homogeen
    # a separable verb split over the sentence ('legt … uit'), and words a teacher's word was replaced by count once
    ("Bij ons legt een leerling uit de bovenbouw de breuken uit aan een jongere leerling. Wat kost zoiets?", 21),  # Peer tutoring
    ("Op onze school legt een bovenbouwleerling de sommen uit aan een jonger kind. Hoe duur is dat?", 21),
    ("Een leerling uit de bovenbouw legt de stof uit aan een jongere leerling. Wat levert dat op?", 21),
])
def test_an_intervention_described_in_a_teachers_words_is_found_by_the_index_words_for_them(index_assistant, question, row):
    answer = index_assistant.ask(question)
    assert answer.answered and rows(answer)[:1] == [row], (question, answer.text)


def test_a_bound_before_the_verb_and_a_denied_level_filter_the_rows(index_assistant):
    answer = index_assistant.ask("Ik zoek iets voor leerlingen met een achterstand dat hooguit gemiddeld kost en niet zwak onderbouwd is.")
    assert answer.answered and set(rows(answer)) == {7}, answer.text  # Tutoring in kleine groepen; not één-op-één (hoog), Zomerschool (laag)
    english = index_assistant.ask("Which approaches are not too expensive and not weakly supported?")
    assert english.answered and english.citations
    assert all(c.passage.record["f_kosten"] <= 3 and c.passage.record["f_bewijskracht"] >= 3 for c in english.citations)


@pytest.mark.parametrize("question, low", [
    ("Bij welke aanpakken is er amper onderbouwing dat ze helpen?", True),
    ("Which interventions have hardly any evidence behind them?", True),
    ("Welke interventies hebben veel bewijs achter zich?", False),
])
def test_how_much_evidence_in_words_filters_on_the_evidence_level(index_assistant, question, low):
    """'amper onderbouwing', 'hardly any evidence', 'veel bewijs': the evidence column, not the words matched to a row."""
    answer = index_assistant.ask(question)
    assert answer.answered and answer.citations, answer.text
    levels = [c.passage.record["f_bewijskracht"] for c in answer.citations]
    assert all(v <= 2 for v in levels) if low else all(v >= 4 for v in levels), (question, levels)


@pytest.mark.parametrize("question, missing", [
    ("Wat is volgens de index het effect van de VoorleesExpress, waarbij vrijwilligers thuis voorlezen?", "VoorleesExpress"),
    ("What does the index say about the Reading Express?", "Reading Express"),   # not Ouderbetrokkenheid's 'voorleesmateriaal'
    ("Wat zegt de index over het effect van de Zomerschool?", None),             # a row's own name, capitalised
    ("Wij zijn een school in Rotterdam. Wat zegt de index over het effect van tutoring?", None),  # a place is no programme
])
def test_a_programme_named_by_a_name_no_row_holds_is_absent(index_assistant, question, missing):
    answer = index_assistant.ask(question)
    if missing:
        assert not answer.answered and not rows(answer) and f"'{missing}'" in answer.text, answer.text
    else:
        assert answer.answered and rows(answer), answer.text


def test_a_programme_s_name_is_read_whole_and_never_as_a_source_or_a_place():
    from assistant.answer.records import unknown_name

    text = "ouderbetrokkenheid voorleesmateriaal zomerschool tutoring"
    assert unknown_name("Wat doet de VoorleesExpress?", text, set(text.split())) == "VoorleesExpress"
    assert unknown_name("Wat doet de Zomerschool?", text, set(text.split())) is None
    assert unknown_name("Wat vindt de SER van tutoring?", text, set(text.split())) is None
    assert unknown_name("Wat schrijft de minister aan het Eckartcollege over tutoring?", text, set(text.split())) is None
    assert unknown_name("Wat doet een school in Rotterdam aan tutoring?", text, set(text.split())) is None


@pytest.mark.parametrize("follow_up", ["En hoe sterk is het bewijs daarvoor?", "Wat kost dat?", "And how much does it cost?"])
def test_a_follow_up_on_a_listed_row_is_about_that_row(index_assistant, follow_up):
    """The earlier question lists a row it does not name ('Mondelinge taalvaardigheid'); a follow-up that only asks a field of
    'that' is about that row. Its rewrite ('… daarvoor (over: interventie … bedoeld voor leerlingen met een andere thuistaal)')
    had been read as an intervention called 'over bedoeld andere thuistaal', said to be absent."""
    earlier = "Welke interventie in de index is bedoeld voor leerlingen met een andere thuistaal?"
    listed = index_assistant.ask(earlier)
    answer = index_assistant.ask(follow_up, [earlier])
    assert answer.answered and rows(answer) == rows(listed) and "Mondelinge taalvaardigheid" in answer.text, answer.text
    assert "gemiddeld" in answer.text and "zeer laag" in answer.text  # its evidence and its cost, as the row writes them
    own = index_assistant.ask("En voor het mbo?", [earlier])  # a subject of its own: the earlier question asked for the mbo
    assert "Mondelinge taalvaardigheid" not in own.text
