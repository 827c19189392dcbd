"""Toezeggingen and maatregelen: extraction quality against hand-read lists, deadlines, status, edits, CLI, UI."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date

import pytest

from ingest.registers.commitments import extract_commitments, is_commitment
from ingest.registers.deadlines import resolve_deadline
from assistant.registers.register import Registers

from .conftest import ROOT

KAMERBRIEF = "corpus/kamerbrief-visie-kansengelijkheid-funderend-onderwijs-2023-03-10.txt"
ECKART = "corpus/ocw-antwoord-eckartcollege-kansengelijkheid.txt"


def gold_commitments() -> tuple[dict[str, list[str]], list[str]]:
    gold: dict[str, list[str]] = {}
    negatives: list[str] = []
    source = None
    for line in (ROOT / "tests" / "data" / "toezeggingen.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("# "):
            continue
        if line.startswith("## not"):
            source = "not"
        elif line.startswith("corpus/"):
            source = line
            gold[source] = []
        elif source == "not":
            negatives.append(line)
        else:
            gold[source].append(line)
    return gold, negatives


def matches(fragment: str, quote: str) -> bool:
    return fragment in quote or quote in fragment or (len(fragment) > 25 and fragment[-25:] in quote) or (len(quote) > 25 and quote[:25] in fragment)


@pytest.fixture(scope="module")
def registers(assistant):
    return Registers(assistant.retriever, today=date(2026, 11, 24))


@pytest.mark.slow
def test_commitment_recall_and_precision_against_the_hand_read_list(registers):
    gold, negatives = gold_commitments()
    items = registers.toezeggingen()
    found = {(c.source, c.quote) for c in items}
    hits = {(s, f) for s, fragments in gold.items() for f in fragments for src, q in found if src == s and matches(f, q)}
    true_positives = [q for s, q in found if any(matches(f, q) for f in gold.get(s, []))]
    recall = len(hits) / sum(len(v) for v in gold.values())
    precision = len(true_positives) / len(found)
    # Reported with -s; 2026-11-29 on the corrected list: before 1.000 / 0.972 (two negatives found, one fragment), after 1.000 / 0.986.
    print(f"\ntoezeggingen: recall {recall:.3f}, precision {precision:.3f} ({len(found)} found)")
    assert recall >= 0.95 and precision >= 0.95, (recall, precision)
    assert not [n for n in negatives for _, q in found if n in q]
    # Quotes are whole sentences: none starts in the middle of one.
    assert not [q for _, q in found if not re.match(r"[A-Z0-9ÀÉ‘'“(•–*-]|[⁰¹²³⁴⁵⁶⁷⁸⁹]", q)]


@pytest.mark.slow
def test_known_commitments_carry_their_deadlines(registers):
    by_fragment = {c.quote: c for c in registers.toezeggingen()}

    def find(fragment):
        return next(c for q, c in by_fragment.items() if fragment in q)

    summer = find("informeer u hierover voor de zomer van 2023")
    assert (summer.deadline_text, summer.due_from, summer.due_to) == ("voor de zomer van 2023", "2023-03-10", "2023-06-21")
    spring = find("kom ik dit voorjaar terug")
    assert (spring.due_from, spring.due_to, spring.status) == ("2023-03-01", "2023-05-31", "termijn verstreken")
    jan = find("met ingang van 1 januari 2024 versterken")
    assert (jan.due_from, jan.due_to) == ("2024-01-01", "2024-01-01")
    soon = find("Dit concept wetsvoorstel bied ik binnenkort")
    assert (soon.deadline_text, soon.due_from, soon.due_to, soon.status) == ("binnenkort", "2023-03-10", None, "open")
    eckart = find("Begin 2024 zal ik in een brief met de Kamer delen")
    assert (eckart.source, eckart.due_from, eckart.due_to) == (ECKART, "2024-01-01", "2024-03-31")
    earlier = find("Dit voorjaar informeer ik uw Kamer conform toezegging")
    assert earlier.kind == "eerdere toezegging"
    assert "Dennis Wiersma" in summer.actor and "SZW" in spring.actor
    assert summer.reference == "35735585" and summer.section


@pytest.mark.parametrize("sentence, letter, expected", [
    ("Voor de zomer doe ik u een voorstel.", date(2023, 11, 20), ("2023-11-20", "2024-06-21")),  # November: next summer
    ("Voor de zomer doe ik u een voorstel.", date(2023, 3, 10), ("2023-03-10", "2023-06-21")),
    ("Dit voorjaar informeer ik uw Kamer.", date(2023, 3, 10), ("2023-03-01", "2023-05-31")),
    ("Komend voorjaar komt er een handreiking.", date(2023, 11, 1), ("2024-03-01", "2024-05-31")),
    ("Ik vraag partners vóór augustus 2023 afspraken te maken.", date(2023, 3, 10), ("2023-03-10", "2023-07-31")),
    ("Als eind mei de resultaten bekend zijn, doe ik een voorstel.", date(2023, 3, 10), ("2023-05-20", "2023-05-31")),
    ("Eind mei komt de monitor.", date(2023, 9, 1), ("2024-05-20", "2024-05-31")),  # May has passed: next year
    ("Na oplevering, in december 2025, wordt uw Kamer geïnformeerd.", date(2023, 3, 10), ("2025-12-01", "2025-12-31")),
    ("Ik ga het budget (in 2022 bedroeg dat € 52 mln.) verhogen tot € 157 mln. in 2024.", date(2023, 3, 10), ("2024-01-01", "2024-12-31")),
    ("Met de voorlopers werk ik in drie jaar toe naar een vorm.", date(2023, 3, 10), ("2023-03-10", "2026-03-10")),
    ("Ik informeer gemeenten te zijner tijd.", date(2023, 3, 10), (None, None)),
])
def test_deadlines_resolve_against_the_letter_date(sentence, letter, expected):
    d = resolve_deadline(sentence, letter)
    got = (d.due_from.isoformat() if d.due_from else None, d.due_to.isoformat() if d.due_to else None)
    assert got == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Ik informeer uw Kamer voor de zomer over de uitkomsten.", True),
    ("Dit jaar start ik een onderzoek naar aanmeldsystemen.", True),
    ("In maart 2022 heb ik schoolbesturen per brief opgeroepen om kritisch te kijken.", False),
    ("Ik vind het belangrijk dat iedere leerling keuzes kan maken.", False),
    ("De maatregelen die we nemen om het lerarentekort te bestrijden, zijn van groot belang.", False),
    ("Ik neem maatregelen op vijf terreinen:", False),
    ("Ook komt er komend voorjaar een geactualiseerde versie van de handreiking.", True),
    ("Voor de zomer heb ik uw Kamer een rapport aangeboden, waarop ik nog een inhoudelijke reactie had toegezegd.", False),
    ("²³ Zoals toegezegd in het Wetgevingsoverleg over het Jaarverslag, 36 100-VII, nr. 23.", False),
    ("Dit voorjaar informeer ik uw Kamer conform toezegging over de voortgang.", True),
])
def test_commitment_sentences(sentence, expected):
    assert is_commitment(sentence) is expected


@pytest.mark.slow
def test_status_and_a_later_document_that_may_fulfil_it(assistant):
    early = Registers(assistant.retriever, today=date(2023, 4, 1))
    later = Registers(assistant.retriever, today=date(2026, 11, 24))
    pick = lambda reg: next(c for c in reg.toezeggingen() if "kom ik dit voorjaar terug" in c.quote)  # noqa: E731
    assert pick(early).status == "open" and pick(later).status == "termijn verstreken"
    maybe = [c for c in later.toezeggingen() if c.status == "mogelijk nagekomen"]
    assert maybe and all(c.fulfilled_by[0]["source"] != c.source for c in maybe)
    richtlijnen = next(c for c in maybe if "richtlijnen" in c.quote)
    assert richtlijnen.fulfilled_by[0]["source"].startswith("corpus/vo-raad")


def test_a_users_status_survives_re_ingest(make_settings, tmp_path):
    import shutil

    from assistant.answer.retrieve import Retriever
    from ingest.index.embed import FakeEmbeddings
    from ingest.pipeline import ingest

    settings = make_settings()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(ROOT / "corpus" / "ocw-antwoord-eckartcollege-kansengelijkheid.txt", corpus)
    (corpus / "manifest.yaml").write_text((ROOT / "corpus" / "manifest.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    ingest([corpus], settings)
    registers = Registers(Retriever(settings, embeddings=FakeEmbeddings()), today=date(2026, 11, 24))
    target = next(c for c in registers.toezeggingen() if "Begin 2024" in c.quote)
    assert target.status == "termijn verstreken"
    registers.mark(target.id, "nagekomen", "Brief van 12 maart 2024 over selectie.")
    assert ingest([corpus], settings).chunks_written == 0
    again = Registers(Retriever(settings, embeddings=FakeEmbeddings()), today=date(2026, 11, 24))
    kept = next(c for c in again.toezeggingen() if c.id == target.id)
    assert (kept.status, kept.note) == ("nagekomen", "Brief van 12 maart 2024 over selectie.")
    # A changed letter keeps the edit for the sentences it still holds.
    path = corpus / "ocw-antwoord-eckartcollege-kansengelijkheid.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n\nNaschrift: een extra zin over de Kamer.", encoding="utf-8")
    assert ingest([corpus], settings).updated
    third = Registers(Retriever(settings, embeddings=FakeEmbeddings()), today=date(2026, 11, 24))
    assert next(c for c in third.toezeggingen() if c.id == target.id).status == "nagekomen"


@pytest.mark.slow
def test_every_euro_amount_lands_on_a_measure(registers):
    import re

    from ingest.registers.measures import AMOUNT

    from ingest.registers.measures import euros

    measures = registers.maatregelen()
    by_amount = {(a.source, a.text): m.name for m in measures for a in m.amounts}
    # A sum stated twice (body and summary box) is kept once; its second sentence is still among the measure's sources.
    restated = {(s.source, w) for m in measures for s in m.sources for w in (h.group(0).strip() for h in AMOUNT.finditer(s.quote))
                if euros(w) in {a.euros for a in m.amounts}}
    for source in (KAMERBRIEF, "corpus/rijksoverheid-beleid-kansengelijkheid.txt"):
        text = registers.retriever.index.document_text(source)
        body = text[int(registers.retriever.snapshot().documents[source]["body_start"]):]
        written = [m.group(0).strip() for m in AMOUNT.finditer(body)]
        missing = [w for w in written if (source, w) not in by_amount and (source, w) not in restated]
        assert written and not missing, missing
    expected = {
        "€ 52 mln.": ("leerplusarrangement", "in 2022"), "€ 157 mln.": ("leerplusarrangement", "in 2024"),
        "€ 105 miljoen": ("leerplusarrangement", "per jaar (structureel)"), "€56,7 miljoen": ("school en omgeving", None),
        "bijna 300 miljoen euro": ("onderwijsachterstanden", "per jaar"), "10 miljoen euro": ("studentenfonds", "per jaar"),
        "bijna 5 miljoen euro": ("doorstroomprogramma", "per jaar"), "structureel 7,5 miljoen euro": ("kwaliteitsafspraken", "per jaar (structureel)"),
        "€ 1,2 miljoen": ("leertraject", None), "32 miljoen euro": (None, "periode 2018-2021"),
    }
    amounts = {a.text: (m.name.lower(), a.period) for m in measures for a in m.amounts}
    for text, (name, period) in expected.items():
        assert name is None or name in amounts[text][0], (text, amounts[text])
        assert period is None or amounts[text][1] == period, (text, amounts[text])


@pytest.mark.slow
def test_one_measure_gathers_its_sources_across_documents(registers):
    leerplus = next(m for m in registers.maatregelen() if m.name.lower() == "leerplusarrangement")
    assert {s.source for s in leerplus.sources} >= {KAMERBRIEF, "corpus/rijksoverheid-beleid-kansengelijkheid.txt"}
    assert "vo" in leerplus.sectors and "middelen voor achterstanden" in leerplus.themes
    armoede = [m for m in registers.maatregelen() if "armoede" in m.themes]
    assert any("#FixdeKloof" in m.name for m in armoede)


@pytest.mark.slow
def test_cli_registers_print_json_lines(corpus_settings):
    env = {**os.environ, "KANSENWIJZER_DATA_DIR": str(corpus_settings.data_dir)}
    out = subprocess.run([sys.executable, "-m", "assistant", "toezeggingen", "--json"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    entries = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(entries) >= 60
    required = {"quote", "source", "title", "date", "deadline_text", "due_from", "due_to", "actor", "subject", "status"}
    assert all(required <= set(e) for e in entries)
    dues = [e["due_to"] or "9999" for e in entries]
    assert dues == sorted(dues)
    measures = subprocess.run([sys.executable, "-m", "assistant", "maatregelen", "--json"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert any(json.loads(line)["name"] == "Leerplusarrangement" for line in measures.stdout.splitlines())


def test_register_exports_csv_and_excel():
    import io
    from datetime import datetime

    from openpyxl import load_workbook

    from ingest.registers.commitments import Commitment
    from assistant.export import register_csv, register_xlsx

    formula = Commitment("x", "=Ik informeer u voor de zomer.", "s", "Brief", "2023-03-10", "1", 3, "", 0, 10, "minister", "Kamer informeren",
                         "onderwerp", "voor de zomer", "2023-03-10", "2023-06-21")
    plain = Commitment("y", "- de brede brugklas wordt verkend", "s", "Brief", "2023-03-10", "", None, "", 0, 10, "minister", "uitvoering",
                       "-2+3+cmd|' /C calc'!A0", None, None, None)
    csv = register_csv([formula, plain]).decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("termijn;van;tot;status") and "2023-06-21" in csv
    assert ";'=Ik informeer" in csv and ";- de brede brugklas" in csv and ";'-2+3+cmd" in csv
    sheet = load_workbook(io.BytesIO(register_xlsx([formula, plain]))).active
    # Document text never becomes a formula, and nothing else gets a stray apostrophe.
    assert sheet["E2"].value == "=Ik informeer u voor de zomer." and sheet["E2"].data_type == "s"
    assert sheet["E3"].value == "- de brede brugklas wordt verkend" and sheet["G3"].value.startswith("-2+3")
    assert sheet["A3"].value is None and sheet["J3"].value is None and sheet["K3"].value is None  # empty stays empty
    assert sheet["C2"].value == datetime(2023, 6, 21) and sheet["K2"].value == 3  # dates and numbers stay typed
    values = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert not [v for v in values if v.startswith("'")]
    assert load_workbook(io.BytesIO(register_xlsx([formula]))).properties.creator == "Kansenwijzer"


def test_memo_exports_have_the_app_as_author_and_subject_dated_names():
    import io
    from datetime import date

    import docx

    from assistant.export import answer_docx, conversation_docx, file_name
    from assistant.types import Answer

    answer = Answer("Hoeveel geld gaat er naar het leerplusarrangement?", "Het budget stijgt.", True, [], [])
    props = docx.Document(io.BytesIO(answer_docx(answer))).core_properties
    assert props.author == "Kansenwijzer" and props.last_modified_by == "Kansenwijzer" and "leerplusarrangement" in props.title
    memo = docx.Document(io.BytesIO(conversation_docx([answer, answer])))
    assert memo.core_properties.author == "Kansenwijzer" and sum("leerplusarrangement" in p.text for p in memo.paragraphs) == 2
    assert file_name("Toezeggingen", "xlsx", date(2026, 11, 25)) == "kansenwijzer-toezeggingen-2026-11-25.xlsx"
    assert file_name("Wat is de brede brugklas?", "md", date(2026, 11, 25)) == "kansenwijzer-wat-is-de-brede-brugklas-2026-11-25.md"

WRITER = """
import sys
from assistant.answer.retrieve import Retriever
from assistant.registers.register import Registers
from ingest.index.embed import FakeEmbeddings
from ingest.settings import Settings

settings = Settings(root=sys.argv[1], data_dir=sys.argv[2], corpus_dir=sys.argv[1] + "/corpus", embedding_backend="fake")
registers = Registers(Retriever(settings, embeddings=FakeEmbeddings()))
name = sys.argv[3]
for i in range(int(sys.argv[4])):
    registers.mark(f"{name}-{i}", "nagekomen", f"notitie {i} van {name}", wait=300)
    registers.mark("gedeeld", "vervallen", f"laatste van {name}", wait=300)
"""


def test_two_people_saving_statuses_at_once_keep_every_edit(make_settings, tmp_path):
    import shutil

    from assistant.answer.retrieve import Retriever
    from ingest.index.embed import FakeEmbeddings
    from ingest.pipeline import ingest

    settings = make_settings()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(ROOT / "corpus" / "ocw-antwoord-eckartcollege-kansengelijkheid.txt", corpus)
    ingest([corpus], settings)
    n = 15
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), str(settings.data_dir), name, str(n)], cwd=ROOT,
                                stderr=subprocess.PIPE, text=True) for name in ("anna", "bram")]
    for w in writers:
        _, err = w.communicate(timeout=600)
        assert w.returncode == 0, err
    edits = Registers(Retriever(settings, embeddings=FakeEmbeddings()))._edits()
    for name in ("anna", "bram"):
        for i in range(n):
            assert edits[f"{name}-{i}"]["status"] == "nagekomen" and edits[f"{name}-{i}"]["note"] == f"notitie {i} van {name}"
    assert edits["gedeeld"]["note"] in ("laatste van anna", "laatste van bram")


@pytest.mark.slow
def test_one_measure_under_two_names_is_one_entry_with_all_its_sources(registers):
    measures = registers.maatregelen()
    names = [m.name.lower() for m in measures]
    assert len([n for n in names if n.startswith("brede brugklas")]) == 1
    assert len([n for n in names if n.split(" / ")[0] in ("rijke schooldag", "verrijkte schooldag")]) == 1
    rijk = next(m for m in measures if m.name.lower() == "rijke schooldag")
    assert {"rijke schooldag", "verrijkte schooldag"} <= {w for s in rijk.sources for w in ("rijke schooldag", "verrijkte schooldag") if w in s.quote.lower()}
    leerplus = next(m for m in measures if m.name.lower() == "leerplusarrangement")
    assert [a.euros for a in leerplus.amounts].count(105e6) == 1  # the body and the summary box state one sum
    assert len([s for s in leerplus.sources if "105" in s.quote]) >= 2  # both places are still its sources
    # Themes follow the headings the documents put a measure under.
    assert next(m for m in measures if m.name.lower() == "handreiking inhuur derde partijen").themes == ["aanvullend onderwijs"]
