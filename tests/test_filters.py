"""Filter values that can match nothing are refused with the values that exist, not silently ignored."""
from __future__ import annotations

import subprocess
import sys

from assistant.types import Filters, is_date
from ingest.pipeline import ingest

from .conftest import ROOT, env_for


def test_wrong_filter_values_are_refused_with_the_allowed_ones(make_settings, tmp_path):
    settings = make_settings()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Tekst over de ouderbijdrage op scholen.", encoding="utf-8")
    ingest([corpus], settings)
    env = env_for(settings)

    def search(*args):
        return subprocess.run([sys.executable, "-m", "assistant", "search", "ouderbijdrage", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)

    proc = search("--doc", "corpus/bestaat-niet.txt", "--kind", "roman", "--date-from", "2023-13-45")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "unknown document corpus/bestaat-niet.txt; known: corpus/a.txt" in proc.stderr
    assert "unknown kind roman; allowed: kamerbrief, brief" in proc.stderr
    assert "date-from '2023-13-45' is not a date" in proc.stderr
    proc = search("--doc", "corpus/a.txt", "--kind", "document")
    assert proc.returncode == 0 and "ouderbijdrage" in proc.stdout


def test_dates_are_real_calendar_dates_at_any_precision():
    assert all(is_date(d) for d in ("2023", "2023-03", "2023-03-10", "2024-02-29"))
    assert not any(is_date(d) for d in ("2023-13-45", "2023-02-30", "23-03-10", "2023-3-1", "maart", "", "2023-03-10-01"))
    assert Filters(date_from="2024", date_to="2023").problems({}) == ["date-from 2024 is after date-to 2023"]
