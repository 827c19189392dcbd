"""The Interventies page and its exports: filters on level columns, sort, search, details, CSV and Excel without stray apostrophes."""
from __future__ import annotations

import io

from ingest.pipeline import ingest

from .tablegen import write_sample_index
from .test_ui import ask, start_app


def pick(widgets, label):
    return next(w for w in widgets if w.label == label)


def test_interventies_page_filters_sorts_searches_and_exports(monkeypatch, tmp_path, make_settings):
    settings = make_settings()
    docs = tmp_path / "corpus"
    docs.mkdir()
    write_sample_index(docs / "interventie-index.xlsx")
    (docs / "extra.csv").write_text('Naam;Effect (maanden);Kosten\n"=cmd|\' /C calc\'!A0";-2;laag\n', encoding="utf-8")
    assert not ingest([docs], settings).failed
    at = start_app(monkeypatch, settings)
    ask(at, "Hoe scoort zittenblijven in de index?")
    card = [m.value for msg in at.chat_message for m in msg.markdown if "| veld | waarde |" in m.value]
    assert card and "Effect \\(maanden\\) | \\-3" in card[0]  # the chat's source card shows the row's fields as a table
    assert any("interventie-index.xlsx, blad Index, rij 17" in c.value.replace("\\", "") for c in at.caption)
    at.switch_page("views/interventies.py").run()
    assert not at.exception and at.title[0].value == "Interventies"
    assert len(at.dataframe[0].value) == 31
    assert pick(at.multiselect, "Kosten").options[:2] == ["zeer laag", "laag"]  # levels in their order, not alphabetical
    pick(at.multiselect, "Kosten").set_value(["zeer hoog"]).run()
    assert set(at.dataframe[0].value["Naam"]) == {"Kleinere klassen", "Zittenblijven"}
    pick(at.multiselect, "Kosten").set_value([]).run()
    pick(at.selectbox, "Sorteren op").set_value("effect (hoog–laag)").run()
    table = at.dataframe[0].value
    assert table["Naam"].iloc[0] == "Metacognitie en zelfregulatie" and table["bron in index"].iloc[0] == "interventie-index.xlsx, blad Index, rij 5"
    pick(at.text_input, "Zoeken").set_value("tutor").run()
    assert set(at.dataframe[0].value["Naam"]) == {"Tutoring één-op-één", "Tutoring in kleine groepen", "Peer tutoring"}
    assert any("| veld | waarde |" in m.value and "Tutoring" in m.value for m in at.markdown)  # the detail view of the first row
    assert {b.label for b in at.get("download_button")} >= {"Download CSV", "Download Excel"}


def test_exports_keep_values_and_neutralise_formulas_only_where_a_spreadsheet_would_run_them(make_settings, tmp_path):
    from openpyxl import load_workbook

    from assistant.answer.retrieve import Retriever
    from assistant.interventions import interventions, interventions_csv, interventions_xlsx

    settings = make_settings()
    (tmp_path / "i.csv").write_text('Naam;Effect (maanden);Kosten\n"=cmd|\' /C calc\'!A0";-2;laag\nLezen;3,5;hoog\n', encoding="utf-8")
    ingest([tmp_path / "i.csv"], settings)
    columns, rows = interventions(Retriever(settings).snapshot().passages.values())
    text = interventions_csv(columns, rows).decode("utf-8-sig")
    assert "'=cmd|' /C calc'!A0;-2;laag" in text  # the formula is inert, the negative number untouched
    assert "Lezen;3,5;hoog" in text
    sheet = load_workbook(io.BytesIO(interventions_xlsx(columns, rows))).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1][:3] == ["=cmd|' /C calc'!A0", -2, "laag"] and sheet["A2"].data_type == "s"  # text, not a formula, no apostrophe
    assert values[2][:3] == ["Lezen", 3.5, "hoog"]
