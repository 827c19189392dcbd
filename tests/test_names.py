"""File names the ingest meets: not UTF-8, hiding characters, links out of the folder."""
from __future__ import annotations

import os
import subprocess
import sys

from ingest.index.store import open_index
from ingest.paths import shown
from ingest.pipeline import ingest

from .conftest import ROOT, env_for


def cli(settings, *args):
    env = env_for(settings)
    return subprocess.run([sys.executable, "-m", "ingest", *map(str, args)], cwd=ROOT, env=env, capture_output=True, timeout=120)


def test_a_name_that_is_not_utf8_is_skipped_and_the_ingest_goes_on(make_settings, tmp_path):
    settings = make_settings()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with open(os.path.join(os.fsencode(corpus), b"rapport-\xff\xfe.txt"), "wb") as f:
        f.write("Tekst in een bestand met een kapotte naam.".encode())
    (corpus / "goed.txt").write_text("Een goede tekst over kansengelijkheid op school.", encoding="utf-8")
    for _ in range(2):  # every run, not only the first
        summary = ingest([corpus], settings)
        assert "corpus/goed.txt" in summary.added + summary.unchanged
        assert summary.failed == {"corpus/rapport-\\xff\\xfe.txt": "bestandsnaam is geen geldige UTF-8: overgeslagen (geef het bestand een andere naam)"}
    proc = cli(settings, corpus)
    assert proc.returncode == 0 and b"failed: corpus/rapport-\\xff\\xfe.txt" in proc.stdout and b"\xff" not in proc.stdout + proc.stderr


def test_control_and_bidi_characters_are_shown_escaped(make_settings, tmp_path):
    assert shown("factuur\u202egpj.exe") == "factuur\\u202egpj.exe"
    assert shown("a\x1b[31mb\tc") == "a\\x1b[31mb\\x09c"
    assert shown("financiën 2024.pdf") == "financiën 2024.pdf"
    settings = make_settings()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "brief\u202efdp.txt").write_text("Tekst over ouders.", encoding="utf-8")
    (corpus / "kapot\x1b[2J.pdf").write_bytes(b"geen pdf")
    proc = cli(settings, corpus)
    out = (proc.stdout + proc.stderr).decode()
    assert "\u202e" not in out and "\x1b" not in out
    assert "brief\\u202efdp.txt" in out and "kapot\\x1b[2J.pdf" in out


def test_links_out_of_the_folder_are_not_followed(make_settings, tmp_path):
    settings = make_settings()
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    secret = tmp_path / "geheim.txt"
    secret.write_text("Het wachtwoord van de server is octopus-zwembad.", encoding="utf-8")
    (corpus / "goed.txt").write_text("Een goede tekst over kansengelijkheid op school.", encoding="utf-8")
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    (corpus / "geheim.txt").symlink_to(secret)
    (corpus / "sub" / "binnen.txt").symlink_to(corpus / "goed.txt")  # stays inside: fine
    (corpus / "map").symlink_to(tmp_path, target_is_directory=True)
    summary = ingest([corpus], settings)
    assert set(summary.failed) == {(corpus / "passwd.txt").as_posix(), (corpus / "geheim.txt").as_posix()}
    assert all("niet gevolgd" in reason for reason in summary.failed.values())
    texts = open_index(settings, "fake/hashed-64", 64).chunks.get(include=["documents"])["documents"]
    assert not any("octopus" in t or "root:" in t for t in texts)
    followed = ingest([corpus], make_settings(follow_links=True))
    assert "corpus/geheim.txt" not in followed.failed and not followed.failed
