"""Letter metadata from the text itself, the manifest overriding it, and dates."""
from __future__ import annotations

from pathlib import Path

from ingest.text.metadata import date_number, detect_letter, display_date, load_manifest, resolve_metadata

from .conftest import ROOT

LETTER = """Ministerie van Onderwijs, Cultuur en Wetenschap

De Voorzitter van de Tweede Kamer der Staten-Generaal
Postbus 20018

Onze referentie
4 123 456

Datum 3 oktober 2024
Betreft Voortgang aanpak ouderbijdrage

Geachte voorzitter,

Hierbij informeer ik u over de voortgang.

De minister van Onderwijs, Cultuur en Wetenschap,

Eppo Bruins
"""


def test_a_users_own_kamerbrief_gets_its_metadata_without_a_manifest():
    meta = detect_letter(LETTER)
    assert meta == {
        "date": "2024-10-03", "reference": "4123456", "subject": "Voortgang aanpak ouderbijdrage", "title": "Voortgang aanpak ouderbijdrage",
        "signer": "Eppo Bruins, De minister van Onderwijs, Cultuur en Wetenschap", "kind": "kamerbrief",
        "publisher": "Ministerie van Onderwijs, Cultuur en Wetenschap",
    }


def test_the_corpus_letters_are_recognised():
    kamerbrief = detect_letter((ROOT / "corpus" / "kamerbrief-visie-kansengelijkheid-funderend-onderwijs-2023-03-10.txt").read_text(encoding="utf-8"))
    assert (kamerbrief["date"], kamerbrief["reference"], kamerbrief["kind"]) == ("2023-03-10", "35735585", "kamerbrief")
    assert kamerbrief["signer"].startswith("Dennis Wiersma")
    eckart = detect_letter((ROOT / "corpus" / "ocw-antwoord-eckartcollege-kansengelijkheid.txt").read_text(encoding="utf-8"))
    assert (eckart["reference"], eckart["kind"], "date" in eckart) == ("42773294", "brief", False)  # its Datum field is empty
    assert detect_letter("Gewone webpagina zonder briefhoofd.") == {}


def test_the_manifest_overrides_what_the_text_says(tmp_path):
    (tmp_path / "manifest.yaml").write_text(
        "documents:\n  brief.txt:\n    title: Eigen titel\n    date: 2024-10-04\n    kind: onbekend-soort\n", encoding="utf-8")
    manifest = load_manifest(tmp_path)
    meta = resolve_metadata(Path(tmp_path / "brief.txt"), LETTER, None, manifest)
    assert (meta["title"], meta["date"], meta["reference"]) == ("Eigen titel", "2024-10-04", "4123456")
    assert meta["kind"] == "document"  # an unknown kind falls back rather than polluting the filters
    plain = resolve_metadata(Path(tmp_path / "notitie.txt"), "Zomaar een notitie.", "Eerste kop", {})
    assert (plain["title"], plain["kind"], plain["date"]) == ("Eerste kop", "document", None)


def test_dates_of_any_precision_sort_and_read_well():
    assert date_number("2023-03-10") > date_number("2023-03") > date_number("2023") > date_number(None) == 0
    assert [display_date(d) for d in ("2023-03-10", "2023-11", "2021", None)] == ["10 maart 2023", "november 2023", "2021", "ongedateerd"]
