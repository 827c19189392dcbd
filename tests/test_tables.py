"""Intervention indexes: every format becomes one record per row, typed; bad tables are refused without harm."""
from __future__ import annotations

import json
import zipfile

import pytest

from ingest.index.embed import FakeEmbeddings
from ingest.index.store import open_index
from ingest.pipeline import ingest

from .tablegen import HEADER, ROWS, write_sample_index


def records(settings, source=None):
    embedder = FakeEmbeddings()
    index = open_index(settings, embedder.name, embedder.dim)
    got = index.chunks.get(where={"record": True}, include=["documents", "metadatas"])
    pairs = sorted(zip(got["metadatas"], got["documents"]), key=lambda p: (p[0]["sheet"], p[0]["row"]))
    return index, [(m, d) for m, d in pairs if source is None or m["source"] == source]


def semicolon_csv(path, rows=ROWS[:5]):
    """What Dutch Excel writes for 'CSV (gescheiden door lijstscheidingsteken)': ; separated, Windows-1252, CRLF, decimal commas."""
    lines = [";".join(HEADER)] + [";".join(str(v).replace(".", ",") if isinstance(v, float) else str(v) for v in row) for row in rows]
    lines[3] = lines[3].replace(";5;", ";5,5;")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def test_sample_index_becomes_one_typed_record_per_row_and_notes_as_text(make_settings, tmp_path):
    settings = make_settings()
    docs = tmp_path / "docs"
    docs.mkdir()
    write_sample_index(docs / "interventie-index.xlsx")
    summary = ingest([docs], settings)
    assert summary.added == ["docs/interventie-index.xlsx"], summary.failed
    index, recs = records(settings)
    assert len(recs) == 30
    meta, text = next((m, d) for m, d in recs if m["f_naam"] == "Zittenblijven")
    assert meta["row"] == 17 and meta["sheet"] == "Index"  # title row, blank row, header, then data from row 4
    assert meta["f_effect_maanden"] == -3 and meta["f_kosten"] == 5 and meta["f_kosten_label"] == "zeer hoog"
    assert text.startswith("Naam: Zittenblijven — Omschrijving: Een leerling doet")
    stored = index.document_text("docs/interventie-index.xlsx")
    assert stored[meta["start"]:meta["end"]] == text  # quotes from a record stand verbatim in the stored text
    notes = index.chunks.get(where={"$and": [{"source": "docs/interventie-index.xlsx"}, {"section": "Blad Toelichting"}]}, include=["documents"])
    assert "maanden extra leervooruitgang" in notes["documents"][0]


def test_dutch_csv_is_read_with_its_delimiter_encoding_and_decimal_comma(make_settings, tmp_path):
    settings = make_settings()
    docs = tmp_path / "docs"
    docs.mkdir()
    semicolon_csv(docs / "index.csv")
    assert ingest([docs], settings).added == ["docs/index.csv"]
    _, recs = records(settings)
    assert [m["row"] for m, _ in recs] == [2, 3, 4, 5, 6]
    second = recs[1][0]
    assert second["f_effect_maanden"] == 7 and recs[2][0]["f_effect_maanden"] == 5.5
    assert "Effect (maanden): 5,5" in recs[2][1]  # the cell as written
    assert recs[3][0]["f_naam"] == "Tutoring in kleine groepen" and "één" in recs[2][1]


def test_xlsx_with_merged_title_duplicate_and_empty_headers_and_empty_tails(make_settings, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Blad1"
    ws["A1"] = "Overzicht aanpakken 2024"
    ws.merge_cells("A1:E1")
    ws.append([])
    ws.append(["Aanpak", "Kosten", "Kosten", None, "Opmerking"])
    ws.append(["Voorlezen", "laag", "€", "x", None])
    ws.append(["Bijles", "hoog", "€€€", "y", "=SUM(1,2)"])
    ws.append([None, None, None, None, None])
    ws["H20"] = None
    wb.create_sheet("Leeg")
    path = tmp_path / "aanpak.xlsx"
    wb.save(path)
    settings = make_settings()
    assert ingest([path], settings).added == ["aanpak.xlsx"]
    _, recs = records(settings)
    assert [m["f_aanpak"] for m, _ in recs] == ["Voorlezen", "Bijles"]
    assert recs[1][0]["f_kosten_2"] == 3 and recs[1][0]["f_kolom_4"] == "y"
    assert recs[1][0]["row"] == 5


def test_a_merged_group_header_names_the_columns_below_it(make_settings, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Interventies 2024 (titel)"])
    ws.append(["Aanpak", "Kosten", None, "Bewijs"])
    ws.merge_cells("B2:C2")
    ws.append([None, "per leerling", "per school", None])
    ws.append(["Voorlezen", "laag", "zeer laag", "hoog"])
    ws.append(["Bijles", "hoog", "gemiddeld", "laag"])
    wb.save(tmp_path / "groepen.xlsx")
    settings = make_settings()
    assert not ingest([tmp_path / "groepen.xlsx"], settings).failed
    _, recs = records(settings)
    assert recs[0][1] == "Aanpak: Voorlezen — Kosten per leerling: laag — Kosten per school: zeer laag — Bewijs: hoog"
    assert recs[1][0]["f_kosten_per_school"] == 3 and recs[1][0]["row"] == 5


def test_ods_json_and_html_tables(make_settings, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    cells = lambda values: "".join(f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>' for v in values)
    rows = [["Titel van het overzicht"], [], HEADER[:5]] + [[str(v) for v in r[:5]] for r in ROWS[:3]]
    body = "".join(f"<table:table-row>{cells(r)}</table:table-row>" if r else '<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>' for r in rows)
    content = ('<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
               f'<office:body><office:spreadsheet><table:table table:name="Interventies">{body}</table:table></office:spreadsheet></office:body></office:document-content>')
    with zipfile.ZipFile(docs / "index.ods", "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
    (docs / "index.json").write_text(json.dumps([dict(zip(HEADER, r)) for r in ROWS[3:6]], ensure_ascii=False), encoding="utf-8")
    table = "".join(f"<tr>{''.join(f'<td>{v}</td>' for v in r[:4])}</tr>" for r in ROWS[6:9])
    (docs / "pagina.html").write_text(
        f"<html><body><h1>Wat werkt</h1><p>Een overzicht van aanpakken.</p><table><thead><tr>{''.join(f'<th>{h}</th>' for h in HEADER[:4])}</tr></thead>"
        f"<tbody>{table}</tbody></table></body></html>", encoding="utf-8")
    settings = make_settings()
    summary = ingest([docs], settings)
    assert sorted(summary.added) == ["docs/index.json", "docs/index.ods", "docs/pagina.html"], summary.failed
    _, ods = records(settings, "docs/index.ods")
    assert [(m["sheet"], m["row"], m["f_naam"]) for m, _ in ods][0] == ("Interventies", 5, "Feedback geven")
    _, js = records(settings, "docs/index.json")
    assert [m["row"] for m, _ in js] == [2, 3, 4] and js[0][0]["f_effect_maanden"] == 4
    index, page = records(settings, "docs/pagina.html")
    assert [m["f_naam"] for m, _ in page] == ["Vroegschoolse educatie", "Ouderbetrokkenheid", "Zomerschool"]
    assert "Een overzicht van aanpakken." in index.document_text("docs/pagina.html")


def test_a_changed_row_re_embeds_that_row_only_and_a_removed_row_leaves(make_settings, tmp_path):
    class Counting(FakeEmbeddings):
        embedded: list[str] = []

        def embed_documents(self, texts):
            type(self).embedded.extend(texts)
            return super().embed_documents(texts)

    settings = make_settings()
    docs = tmp_path / "docs"
    docs.mkdir()
    path = semicolon_csv(docs / "index.csv", ROWS[:10])
    ingest([docs], settings, embeddings=Counting())
    assert len(Counting.embedded) == 10
    Counting.embedded.clear()
    changed = [list(r) for r in ROWS[:10]]
    changed[3][2] = 9
    del changed[7]
    semicolon_csv(path, changed)
    summary = ingest([docs], settings, embeddings=Counting())
    assert summary.updated == ["docs/index.csv"]
    assert len(Counting.embedded) == 1 and "Effect (maanden): 9" in Counting.embedded[0]
    _, recs = records(settings)
    assert len(recs) == 9 and "Huiswerkbegeleiding" not in [m["f_naam"] for m, _ in recs]


@pytest.mark.parametrize("name,content,reason", [
    ("geenkop.csv", "1;2;3\r\n4;5;6\r\n7;8;9\r\n".encode(), "geen tabel met een herkenbare kopregel"),
    ("raar.csv", "Naam;Effect\r\n".encode("utf-16-le") + b"\x00\x01" * 50, "onbekende tekenset"),
    ("kapot.xlsx", b"PK\x03\x04 dit is geen werkmap", "kon niet worden gelezen"),
    ("lijst.json", b'{"a": 1}', "geen lijst van objecten"),
])
def test_bad_tables_get_a_dutch_reason_and_keep_what_was_indexed(make_settings, tmp_path, name, content, reason):
    settings = make_settings()
    docs = tmp_path / "docs"
    docs.mkdir()
    semicolon_csv(docs / "goed.csv")
    ingest([docs], settings)
    (docs / name).write_bytes(content)
    summary = ingest([docs], settings)
    assert reason in summary.failed[f"docs/{name}"]
    assert len(records(settings, "docs/goed.csv")[1]) == 5


def test_row_limit_and_zip_bomb_are_stopped_with_a_clear_message(make_settings, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    semicolon_csv(docs / "groot.csv", ROWS * 4)
    with zipfile.ZipFile(docs / "bom.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (3 * 1024 * 1024))
    summary = ingest([docs], make_settings(table_max_rows=50, table_max_unpacked_mb=2))
    assert "meer dan 50 rijen" in summary.failed["docs/groot.csv"] and "KANSENWIJZER_TABLE_MAX_ROWS" in summary.failed["docs/groot.csv"]
    assert "pakt uit tot 3 MB" in summary.failed["docs/bom.xlsx"]


def test_a_table_with_more_rows_than_a_text_may_have_passages_is_indexed_whole(make_settings, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    semicolon_csv(docs / "index.csv", ROWS * 4)  # every row a record: the row limit applies, not the passage limit of prose
    summary = ingest([docs], make_settings(max_chunks=50))
    assert summary.added == ["docs/index.csv"], summary.failed
    assert summary.chunks_written == len(ROWS) * 4


def test_formula_cells_keep_their_cached_value_and_csv_commands_stay_inert_text(make_settings, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Naam", "Effect"])
    ws.append(["Extern", "=[1]Blad1!A1"])  # an external link: never followed, no cached value in a file openpyxl wrote
    ws.append(["Lokaal", 4])
    wb.save(tmp_path / "formules.xlsx")
    (tmp_path / "gevaar.csv").write_text('Naam;Effect\n"=cmd|\' /C calc\'!A0";3\nVeilig;2\n', encoding="utf-8")
    settings = make_settings()
    summary = ingest([tmp_path / "formules.xlsx", tmp_path / "gevaar.csv"], settings)
    assert not summary.failed, summary.failed
    _, recs = records(settings, "gevaar.csv")
    assert recs[0][0]["f_naam"] == "=cmd|' /C calc'!A0"  # kept verbatim; exports neutralise it where a spreadsheet would run it
    _, recs = records(settings, "formules.xlsx")
    assert [m["f_naam"] for m, _ in recs] == ["Extern", "Lokaal"] and "f_effect" not in recs[0][0]


def test_uploads_accept_tables_and_refuse_a_fake_spreadsheet(make_settings):
    from ingest.upload import UploadRejected, sniff

    settings = make_settings()
    assert sniff("index.csv", "Naam;Effect\r\nLezen;3\r\n".encode("cp1252"), settings) == "table"
    with pytest.raises(UploadRejected, match="geen spreadsheet"):
        sniff("index.xlsx", b"<html>niet echt</html>", settings)
