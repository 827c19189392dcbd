"""The chat app through Streamlit's AppTest: ask, follow-up, refusal, filters, uploads, delete, exports, first start."""
from __future__ import annotations

import io
import re
import shutil
import zipfile

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from .conftest import ROOT

APP = str(ROOT / "ui" / "app.py")


def start_app(monkeypatch, settings, **env) -> AppTest:
    """A fresh app over the given index; caches cleared so it reads its own settings."""
    monkeypatch.setenv("KANSENWIJZER_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("KANSENWIJZER_ROOT", str(settings.root))
    monkeypatch.setenv("KANSENWIJZER_CORPUS_DIR", str(settings.corpus_dir))
    monkeypatch.setenv("KANSENWIJZER_EMBEDDING_BACKEND", settings.embedding_backend)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def ask(at: AppTest, question: str) -> AppTest:
    at.chat_input[0].set_value(question).run()
    assert not at.exception, at.exception
    return at


def assistant_markdown(at: AppTest) -> list[str]:
    return [m.value for msg in at.chat_message if msg.name == "assistant" for m in msg.markdown]


@pytest.mark.slow
def test_ask_shows_the_answer_with_citation_cards(monkeypatch, corpus_settings):
    at = start_app(monkeypatch, corpus_settings)
    assert any("Leraar:" in b.label for b in at.button) and any("Beleidsmedewerker:" in b.label for b in at.button)
    ask(at, "Hoeveel geld ging er in 2022 naar het leerplusarrangement?")
    text = "\n".join(assistant_markdown(at))
    assert "52 mln" in text and "**[1]**" in text
    assert ":orange-background[" in text  # the quote is highlighted inside its passage
    captions = [c.value for c in at.caption]
    assert "gezocht in: alle documenten" in captions
    assert any("kenmerk 35735585" in c and "10 maart 2023" in c for c in captions)
    assert any(b.label == "Bekijk in document" for b in at.button)


@pytest.mark.slow
def test_follow_up_and_new_conversation(monkeypatch, corpus_settings):
    at = start_app(monkeypatch, corpus_settings)
    ask(at, "Hoeveel geld ging er in 2022 naar het leerplusarrangement?")
    ask(at, "En in 2024?")
    assert "157" in assistant_markdown(at)[-1] or any("157" in m for m in assistant_markdown(at)[-6:])
    read_as = [m for m in assistant_markdown(at) if m.startswith("Ik lees je vraag als:")]
    assert len(read_as) == 1 and "leerplusarrangement" in read_as[0]
    # Correcting how the follow-up was read asks the corrected question, as it stands.
    at.text_area[0].set_value("Hoeveel geld gaat er in 2024 naar het leerplusarrangement?")
    next(b for b in at.button if b.label == "Stel deze vraag").click().run()
    assert [m.value for m in at.chat_message if m.name == "user" for m in m.text][-1] == "Hoeveel geld gaat er in 2024 naar het leerplusarrangement?"
    assert any("157" in m for m in assistant_markdown(at)[-8:])
    assert len([m for m in at.chat_message if m.name == "user"]) == 3
    next(b for b in at.button if b.label == "Nieuw gesprek").click().run()
    assert not at.chat_message and any("Leraar:" in b.label for b in at.button)


@pytest.mark.slow
def test_refusal_says_so_and_shows_nearest_sources(monkeypatch, corpus_settings):
    at = start_app(monkeypatch, corpus_settings)
    ask(at, "Hoeveel kost een parkeervergunning in Den Haag?")
    assert any("beantwoorden de vraag niet" in w.value for w in at.warning)
    assert any("Dichtstbijzijnde bronnen" in m for m in assistant_markdown(at))


@pytest.mark.slow
def test_filters_apply_to_the_next_question_and_are_shown(monkeypatch, corpus_settings):
    at = start_app(monkeypatch, corpus_settings)
    at.sidebar.multiselect[0].set_value(["webpagina"]).run()
    ask(at, "Hoeveel geld krijgen basisscholen voor leerlingen met een grotere kans op achterstanden?")
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert "gezocht in: soort: webpagina" in captions
    assert not any("Kamerbrief ·" in c for c in captions)
    assert any("300 miljoen" in m for m in assistant_markdown(at))


def viewer_script(source: str, start: int, end: int, data_dir: str) -> None:
    import streamlit as st  # noqa: F401  (runs inside AppTest)

    from ingest.settings import Settings
    from assistant.answer.retrieve import Retriever
    from ui.render import source_viewer

    retriever = Retriever(Settings(data_dir=data_dir))
    record = retriever.snapshot().documents[source]
    source_viewer(retriever.index.document_text(source), record, start, end)


@pytest.mark.slow
def test_source_viewer_shows_the_document_around_the_highlighted_quote(assistant, corpus_settings):
    c = assistant.ask("Hoeveel geld ging er in 2022 naar het leerplusarrangement?").citations[0]
    at = AppTest.from_function(viewer_script, args=(c.passage.source, c.start, c.end, str(corpus_settings.data_dir)), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    shown = next(m.value for m in at.markdown if ":orange-background[" in m.value)
    before, highlight = shown.split(":orange-background[", 1)
    assert "52 mln" in highlight.split("]")[0]
    assert "leerplusarrangement" in before  # the document around the quote is shown too
    assert "kenmerk 35735585" in at.caption[0].value


def test_source_viewer_shows_the_pdf_page_of_the_quote(make_settings, tmp_path):
    from .pdfgen import write_pdf
    from ingest.pipeline import ingest

    settings = make_settings()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_pdf(corpus / "brief.pdf", [["Inleiding over kansen voor alle leerlingen."], ["Het leerplusarrangement krijgt in 2024 meer geld."], ["Slot over de ouderbijdrage."]])
    ingest([corpus], settings)
    from assistant.answer.retrieve import Retriever
    from ingest.index.embed import FakeEmbeddings

    retriever = Retriever(settings, embeddings=FakeEmbeddings())
    text = retriever.index.document_text("corpus/brief.pdf")
    start = text.index("Het leerplusarrangement")
    from ui.render import document_window
    import json

    record = retriever.snapshot().documents["corpus/brief.pdf"]
    before, quote, after, page = document_window(text, start, start + 30, json.loads(record["page_starts"]))
    assert page == 2 and "Inleiding" not in before and "Slot" not in after and quote.startswith("Het leerplusarrangement")


def make_small_project(tmp_path, make_settings):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(ROOT / "corpus" / "ocw-antwoord-eckartcollege-kansengelijkheid.txt", corpus)
    return make_settings()


def test_first_start_builds_the_index_with_a_progress_bar(monkeypatch, tmp_path, make_settings):
    settings = make_small_project(tmp_path, make_settings)
    at = start_app(monkeypatch, settings)
    assert any("voor het eerst" in i.value for i in at.info)
    assert "5 documenten" not in " ".join(c.value for c in at.sidebar.caption)
    assert any("1 documenten" in c.value for c in at.sidebar.caption)


def test_an_upload_s_progress_names_every_stage_in_order(make_settings, tmp_path):
    """The lines the documents page shows while a letter is indexed: every stage, in the pipeline's order, then saving. (The
    browser test sees what the page draws of them; on a busy machine the quick stages can come and go between two draws.)"""
    from ingest.pipeline import ingest
    from ui.progress import Stages

    settings = make_settings()
    settings.corpus_dir.mkdir()
    (settings.corpus_dir / "notitie.txt").write_text("Notitie over armoede\n\n" + "Scholen helpen gezinnen met schoolkosten. " * 200,
                                                     encoding="utf-8")
    stages, lines = Stages(), []
    ingest([settings.corpus_dir], settings, progress=lambda event, info: lines.append(stages.line(event, info)))
    lines = [line for line in lines if line]
    order = ["controleren", "lezen", "opschonen", "in stukken delen", "embedden ("]
    at = [next(i for i, line in enumerate(lines) if f"notitie.txt: {stage}" in line) for stage in order]
    assert at == sorted(at), lines
    assert all(line.startswith("Bestand 1 van 1, notitie.txt: ") for line in lines[at[0]:at[-1] + 1]), lines
    done = [line for line in lines if "embedden (" in line][-1]
    assert re.search(r"embedden \((\d+) van \1\)$", done), lines  # 'embedden (n van n)' when every passage has its vector
    assert lines[-1] == "De index opslaan" and lines.index("De index opslaan") > at[-1], lines


def test_uploads_are_checked_indexed_and_reported(monkeypatch, tmp_path, make_settings):
    from ui import services

    settings = make_small_project(tmp_path, make_settings)
    start_app(monkeypatch, settings)
    results = services.add_uploads([
        ("../../notitie.txt", "Notitie over armoede\n\nScholen helpen gezinnen met schoolkosten.".encode()),
        ("virus.pdf", b"MZ\x90\x00" + bytes(100)),
        ("leeg.md", b""),
    ])
    by_name = {r["bestand"]: r["resultaat"] for r in results}
    assert by_name["../../notitie.txt"] == "geïndexeerd"
    assert by_name["virus.pdf"].startswith("geweigerd: dit is een programma")
    assert by_name["leeg.md"] == "geweigerd: leeg bestand"
    stored = list((settings.data_dir / "uploads").iterdir())
    assert [p.name for p in stored] == ["notitie.txt"]  # written inside the uploads folder, nowhere else
    again = services.add_uploads([("notitie.txt", "Notitie over armoede\n\nScholen helpen gezinnen met schoolkosten.".encode())])
    assert again == [{"bestand": "notitie.txt", "resultaat": "overgeslagen: al in de index en ongewijzigd"}]
    assert ".kw/uploads/notitie.txt" in services.index().document_records()


def test_documents_page_edits_and_deletes(monkeypatch, tmp_path, make_settings):
    settings = make_small_project(tmp_path, make_settings)
    start_app(monkeypatch, settings)
    from ui import services

    source = "corpus/ocw-antwoord-eckartcollege-kansengelijkheid.txt"
    services.write(lambda index: index.edit_document(source, {"title": "Antwoord aan het Eckartcollege", "date": "2023-11-20"}))
    record = services.index().document_records()[source]
    assert (record["title"], record["date"]) == ("Antwoord aan het Eckartcollege", "2023-11-20")
    chunk_meta = services.index().chunks.get(where={"source": source}, include=["metadatas"])["metadatas"]
    assert {m["title"] for m in chunk_meta} == {"Antwoord aan het Eckartcollege"} and {m["date_num"] for m in chunk_meta} == {20231120}
    # The edit survives re-ingesting the unchanged file, and a changed file keeps it too.
    services.run_ingest([settings.corpus_dir])
    assert services.index().document_records()[source]["title"] == "Antwoord aan het Eckartcollege"
    path = settings.corpus_dir / "ocw-antwoord-eckartcollege-kansengelijkheid.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n\nEen nieuwe slotalinea over gelijke kansen voor iedereen.", encoding="utf-8")
    services.run_ingest([settings.corpus_dir])
    assert services.index().document_records()[source]["title"] == "Antwoord aan het Eckartcollege"
    # Delete: gone from the index, and re-indexing the unchanged file does not bring it back.
    services.write(lambda index: index.exclude_document(source))
    assert services.get_assistant().search("Eckartcollege kansengelijkheid") == []
    services.run_ingest([settings.corpus_dir])
    assert services.get_assistant().search("Eckartcollege kansengelijkheid") == []


def test_exports_markdown_and_word_with_footnotes(assistant):
    from assistant.export import answer_docx, answer_markdown, conversation_markdown, quote_with_citation

    answer = assistant.ask("Hoeveel geld ging er in 2022 naar het leerplusarrangement?")
    c = answer.citations[0]
    assert quote_with_citation(c) == f"“{c.quote}”\n— Kamerbrief 'Visie Kansengelijkheid funderend onderwijs', 10 maart 2023, kenmerk 35735585, onderdeel '{c.passage.section}'"
    md = answer_markdown(answer)
    assert md.startswith("## Hoeveel geld") and "### Bronnen" in md and f"> “{c.quote}”" in md
    assert conversation_markdown([answer, answer]).count("### Bronnen") == 2
    data = answer_docx(answer)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        footnotes = z.read("word/footnotes.xml").decode()
        document = z.read("word/document.xml").decode()
        assert "footnotes" in z.read("[Content_Types].xml").decode()
    assert "52 mln" in footnotes and "kenmerk 35735585" in footnotes
    assert 'w:footnoteReference w:id="1"' in document and "[1]" not in document
    import docx

    assert docx.Document(io.BytesIO(data)).paragraphs[0].text.startswith("Hoeveel geld")


def test_documents_page_lists_edits_and_deletes_through_the_ui(monkeypatch, tmp_path, make_settings):
    settings = make_small_project(tmp_path, make_settings)
    at = start_app(monkeypatch, settings)
    at.switch_page("views/documents.py").run()
    assert not at.exception and at.title[0].value == "Documenten"
    rows = at.dataframe[0].value
    assert list(rows["bestand"]) == ["corpus/ocw-antwoord-eckartcollege-kansengelijkheid.txt"]
    at.text_input[0].set_value("Brief aan het Eckartcollege")
    at.text_input[1].set_value("2023-13-45")
    next(b for b in at.button if b.label == "Opslaan").click().run()
    assert any("JJJJ-MM-DD" in e.value for e in at.error)  # a bad date is refused, nothing stored
    at.text_input[1].set_value("2023-11-20")
    next(b for b in at.button if b.label == "Opslaan").click().run()
    assert any("opgeslagen" in s.value for s in at.success)
    assert at.dataframe[0].value["titel"][0] == "Brief aan het Eckartcollege"
    next(b for b in at.button if b.label == "Opnieuw indexeren").click().run()  # runs as a job the page follows
    assert any(s.value.replace("\\", "").startswith("Klaar: 0 nieuw, 0 bijgewerkt, 1 ongewijzigd, 0 mislukt") for s in at.success)
    at.checkbox[0].check().run()
    next(b for b in at.button if b.label == "Verwijderen").click().run()
    assert any("verwijderd" in s.value for s in at.success)
    assert len(at.dataframe[0].value) == 0


def counted(at: AppTest) -> tuple[int, int]:
    """'12 van 64 toezeggingen' as (12, 64)."""
    import re

    m = next(re.match(r"(\d+) van (\d+) toezeggingen", c.value) for c in at.caption if re.match(r"\d+ van \d+ toezeggingen", c.value))
    return int(m.group(1)), int(m.group(2))


def cards(at: AppTest) -> list[tuple[str, str]]:
    """The (status, first words) of every toezegging card on the page."""
    statuses = [m.value.split("**")[1] for m in at.markdown if m.value.startswith("Status: **")]
    buttons = [b for b in at.button if b.label == "Bekijk en wijzig status"]
    assert len(statuses) == len(buttons)
    return [(s, "") for s in statuses]


@pytest.mark.slow
def test_toezeggingen_and_maatregelen_pages(monkeypatch, corpus_settings):
    at = start_app(monkeypatch, corpus_settings)
    ask(at, "Wat kan ik doen tegen armoede in mijn klas?")
    link = at.get("page_link")[0]
    assert "armoede" in link.proto.label and "thema=armoede" in link.proto.query_string
    at.switch_page("views/toezeggingen.py").run()
    assert not at.exception and at.title[0].value == "Toezeggingen"
    assert counted(at)[1] >= 60 and len(cards(at)) == 25  # a page of cards, the rest behind 'Toon meer'
    next(b for b in at.button if b.label.startswith("Toon meer")).click().run()
    assert len(cards(at)) == min(50, counted(at)[0])
    at.radio[0].set_value("termijn verstreken").run()
    assert {status for status, _ in cards(at)} <= {"termijn verstreken", "nagekomen", "mogelijk nagekomen", "vervallen"}
    at.text_input[0].set_value("ouderbijdrage").run()
    assert 0 < counted(at)[0] == len(cards(at)) < 10
    assert {b.label for b in at.get("download_button")} >= {"Download CSV", "Download Excel"}
    at.switch_page("views/maatregelen.py").run()
    assert not at.exception and at.title[0].value == "Maatregelen en ondersteuning"
    at.selectbox[0].set_value("armoede").run()
    labels = [e.label for e in at.expander]
    assert any("#FixdeKloof" in label for label in labels)
    at.selectbox[0].set_value("alle thema's").run()
    total = int(next(c.value for c in at.caption if c.value.endswith(" maatregelen")).split()[0])
    assert len(at.expander) == min(20, total)  # a page of measures, the rest behind 'Toon meer'
    if total > 20:
        next(b for b in at.button if b.label.startswith("Toon meer")).click().run()
        assert len(at.expander) == min(40, total)
    at.text_input[0].set_value("leerplusarrangement").run()
    assert any(label.startswith("Leerplusarrangement — € 52 miljoen") for label in [e.label for e in at.expander])


@pytest.mark.slow
def test_llm_faults_keep_the_conversation_and_never_export_a_broken_answer(monkeypatch, corpus_settings):
    from .fake_llm import FakeLLMServer

    with FakeLLMServer() as server:
        server.script.reply = "In 2022 bedroeg het budget voor het leerplusarrangement € 52 mln. [1]"
        at = start_app(monkeypatch, corpus_settings, KANSENWIJZER_ANSWER_MODE="openai", KANSENWIJZER_LLM_BASE_URL=server.url + "/v1",
                       KANSENWIJZER_LLM_MODEL="fake", KANSENWIJZER_LLM_TIMEOUT="2")
        assert any("bereikbaar" in c.value for c in at.sidebar.caption)
        ask(at, "Hoeveel geld ging er in 2022 naar het leerplusarrangement?")
        assert any("52 mln" in m for m in assistant_markdown(at))
        server.script.mode = "broken"
        server.script.reply = "Het leerplusarrangement kreeg in 2024 een hoger budget, namelijk € 157 mln. volgens de Kamerbrief [1]."
        ask(at, "Hoeveel geld gaat er in 2024 naar het leerplusarrangement?")
        assert any("Onvolledig antwoord" in w.value for w in at.warning)
        server.script.mode, server.script.delay = "slow", 5
        # (The answerability model refuses the past-tense "Hoeveel kregen basisscholen …" — a false refusal, see the README.)
        ask(at, "Hoeveel geld krijgen basisscholen jaarlijks voor leerlingen met een grotere kans op achterstanden?")
        assert any("geen antwoord" in i.value for i in at.info)
        assert len([m for m in at.chat_message if m.name == "user"]) == 3  # the whole conversation is still there
        assert len(at.get("download_button")) == 2 * 2 + 2  # two full answers with Markdown and Word, plus the conversation in both


@pytest.mark.slow
def test_every_example_question_gets_a_cited_answer(assistant):
    from ui.chat_page import EXAMPLES

    assert len({who for who, _ in EXAMPLES}) == len(EXAMPLES)  # one per kind of user
    for _, question in EXAMPLES:
        answer = assistant.ask(question)
        assert answer.answered and answer.citations, question
